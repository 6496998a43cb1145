"""Servers follow billing on the panel, in a browser at phone size: the demo's suspended server is
suspended at the Virtualizor stand-in; a customer shaped like the demo one (their own copy of the
seed, on the same stand-in) pays all; the stand-in shows the server unsuspended and running and the
result page says it was started; the customer stops and starts it from its page and sees the state
change without a reload."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e

OFFSET = 300_000
# The customer's copy of the demo, its servers on the sandbox panel as VPS 301-303 (303 suspended).
SETUP = f"""
from sqlmodel import select
from dorna_app.billing.demo import seed_demo
from dorna_app.billing.models import Service
from dorna_app.accounts.models import Client
from dorna_app.db import write_session
from dorna_app.provisioning.demo import DEMO_PANEL_NAME
from dorna_app.provisioning.models import Panel
seed_demo(email='servers@example.com', password='servers-password-1', number_offset={OFFSET})
with write_session() as s:
    panel = s.exec(select(Panel).where(Panel.name == DEMO_PANEL_NAME)).one()
    client = s.exec(select(Client).where(Client.email == 'servers@example.com')).one()
    running = iter((301, 302))
    for service in s.exec(select(Service).where(Service.client_id == client.id).order_by(Service.id)):
        service.panel_id = panel.id
        service.vpsid = 303 if service.status == 'suspended' else next(running)
        s.add(service)
        if service.status == 'suspended':
            print(service.id)
"""


def _panel_state(app_server) -> dict:
    return httpx.get(f"{app_server.sandbox_url}/_sandbox/virtualizor").json()


def test_paying_unsuspends_and_starts_the_server_and_the_customer_controls_its_power(app_server, browser):
    assert _panel_state(app_server)["103"]["state"] == "suspended"  # the demo's suspended server, on the panel
    httpx.post(f"{app_server.sandbox_url}/_sandbox/virtualizor",
               json={"add": [{"vpsid": 301, "hostname": "a.example"}, {"vpsid": 302, "hostname": "b.example"},
                             {"vpsid": 303, "hostname": "c.example", "running": False, "suspended": True}]})
    service_id = app_server.run_python(SETUP).strip()
    assert _panel_state(app_server)["303"]["state"] == "suspended"

    page = new_page(browser, PHONE)
    sign_in(page, app_server, "servers@example.com", "servers-password-1")
    page.wait_for_url(f"{app_server.url}/")
    page.goto(f"{app_server.url}/services/{service_id}")
    page.wait_for_selector("#power-state")
    assert page.inner_text("#power-state") == "معلق" and page.locator("#power-start").count() == 0
    page.goto(f"{app_server.url}/invoices")
    wait_hydrated(page)
    page.locator(".pay-all").first.click()
    page.wait_for_url("**/pg/StartPay/**")
    page.click("#sandbox-pay")
    page.wait_for_url("**/payment/result/**")
    page.wait_for_selector(".server-started", timeout=30_000)  # the page follows the start on its own
    assert page.locator(".restart-hint").count() == 0
    screenshot(page, "payment-result-started-phone")
    state = _panel_state(app_server)["303"]
    assert state["state"] == "running" and state["history"] == ["unsuspend", "start"]

    page.goto(f"{app_server.url}/services/{service_id}")
    page.wait_for_function("() => document.querySelector('#power-state')?.textContent === 'روشن'")
    page.evaluate("() => { window.__notReloaded = true; }")
    page.click("#power-stop")
    page.wait_for_selector("#confirm-power")  # stopping asks first
    assert _panel_state(app_server)["303"]["state"] == "running"
    page.click("#confirm-power")
    page.wait_for_function("() => document.querySelector('#power-state')?.textContent === 'خاموش'")
    assert _panel_state(app_server)["303"]["state"] == "stopped"
    screenshot(page, "service-power-phone")
    page.click("#power-start")  # within the minute: one action a minute per server
    page.wait_for_selector("#page-notice:has-text('یک دقیقه')")
    assert page.evaluate("() => window.__notReloaded === true")
    assert _panel_state(app_server)["303"]["history"] == ["unsuspend", "start", "stop"]
    page.context.close()
