"""Two-factor sign-in at phone size: turn it on by the key under the QR code, keep the recovery codes,
sign out, sign in again: after the password the authenticator's code is asked, then the dashboard."""

from __future__ import annotations

import time

import pyotp
import pytest

from dorna_app import fa
from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e

SETUP = """
from dorna_app.accounts.auth import create_client
create_client("careful@example.com", "careful-pass-1405", first_name="نیما")
"""


def test_enrol_an_authenticator_and_sign_in_with_it(app_server, browser):
    app_server.run_python(SETUP)
    page = new_page(browser, PHONE)
    sign_in(page, app_server, "careful@example.com", "careful-pass-1405")
    page.wait_for_url(f"{app_server.url}/")
    page.goto(f"{app_server.url}/security")
    wait_hydrated(page)
    page.click("#start-two-factor")
    page.wait_for_selector("img.qr")
    secret = page.inner_text("#totp-secret")
    page.fill("#totp-code", "۱۲۳")
    page.click("#confirm-two-factor")
    page.wait_for_selector("#totp-error")
    page.fill("#totp-code", fa.digits(pyotp.TOTP(secret).now()))  # a Persian keyboard
    page.click("#confirm-two-factor")
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10 and page.locator("#two-factor-on").count() == 1
    screenshot(page, "two-factor-phone")

    page.context.clear_cookies()
    sign_in(page, app_server, "careful@example.com", "careful-pass-1405")
    page.wait_for_url("**/login/verify/**")
    page.wait_for_selector("#verify-submit")
    page.goto(f"{app_server.url}/invoices")  # not signed in yet: back to sign-in
    page.wait_for_url("**/login**")
    page.goto(f"{app_server.url}/login/verify")
    page.wait_for_selector("#verify-submit")
    page.fill("#code", "000000")
    page.click("#verify-submit")
    page.wait_for_selector("#verify-error")
    next_step = pyotp.TOTP(secret).at(int(time.time()) + 30)  # this step's code was used to enrol
    page.fill("#code", next_step)
    page.click("#verify-submit")
    page.wait_for_url(f"{app_server.url}/")
    page.wait_for_function("() => (document.querySelector('#user-email')||{}).textContent === "
                           "'careful@example.com'")
    page.context.close()
