"""Live updates: a change made outside the page and published reaches every open tab without reload."""

import time

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, new_page, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e

SETUP = """
from dorna_app.accounts.auth import create_client
from tests.factories import make_invoice
c = create_client('live@example.com', 'live-password-1', first_name='زنده')
for n in (880001, 880002):
    make_invoice(c.id, number=n, total_rial=1_000_000)
print(c.id)
"""

PAY_ONE = """
from sqlmodel import select
from dorna_app import live
from dorna_app.billing.models import Invoice
from dorna_app.billing.transitions import transition
from dorna_app.db import write_session
with write_session() as s:
    inv = s.exec(select(Invoice).where(Invoice.number == 880001)).one()
    transition(s, inv, 'paid', reason='test')
assert live.request_push({cid})
"""


def test_published_change_reaches_a_second_tab_without_reload(app_server, browser):
    client_id = int(app_server.run_python(SETUP).strip())
    context = browser.new_context(viewport=PHONE, locale="fa-IR")
    dashboard = new_page(browser, PHONE, context)
    sign_in(dashboard, app_server, "live@example.com", "live-password-1")
    dashboard.wait_for_url(f"{app_server.url}/")
    wait_hydrated(dashboard)
    dashboard.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۲'")
    invoices = new_page(browser, DESKTOP, context)
    invoices.goto(f"{app_server.url}/invoices")
    invoices.wait_for_selector(".invoice-row[data-number='880001'][data-status='unpaid']", state="attached")
    dashboard.evaluate("() => { window.__notReloaded = true; }")

    started = time.monotonic()
    app_server.run_python(PAY_ONE.format(cid=client_id))
    dashboard.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۱'")
    invoices.wait_for_selector(".invoice-row[data-number='880001'][data-status='paid']", state="attached")
    elapsed = time.monotonic() - started
    assert dashboard.evaluate("() => window.__notReloaded === true")  # same document: no reload
    print(f"live update reached both tabs {elapsed:.2f}s after the change started (incl. a python start)")
    context.close()
