"""Signing out another device, in two browsers at phone size: the devices page lists both; signing
the other out sends its open tab to the sign-in page at once, without it doing anything."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e

SETUP = """
from dorna_app.accounts.auth import create_client
create_client("devices@example.com", "devices-pass-1405", first_name="مینا", last_name="رضایی")
"""


def test_signing_out_another_device_sends_its_tab_to_sign_in(app_server, browser):
    app_server.run_python(SETUP)
    other = new_page(browser, PHONE)
    sign_in(other, app_server, "devices@example.com", "devices-pass-1405")
    other.wait_for_url(f"{app_server.url}/")
    other.goto(f"{app_server.url}/invoices")
    wait_hydrated(other)

    here = new_page(browser, PHONE)
    sign_in(here, app_server, "devices@example.com", "devices-pass-1405")
    here.wait_for_url(f"{app_server.url}/")
    here.goto(f"{app_server.url}/profile")
    here.click("#devices-link")
    here.wait_for_selector(".device-row")
    here.wait_for_function("() => document.querySelectorAll('.device-row').length === 2")
    assert here.locator(".device-row[data-current='1']").count() == 1
    screenshot(here, "devices-phone")
    here.click(".device-row[data-current='0'] .device-sign-out")
    here.wait_for_function("() => document.querySelectorAll('.device-row').length === 1")

    other.wait_for_url("**/login**", timeout=20_000)  # its open tab left on its own
    assert "next=" in other.url
    here.goto(f"{app_server.url}/invoices")  # this browser is still signed in
    wait_hydrated(here)
    assert "/login" not in here.url
    here.context.close()
    other.context.close()
