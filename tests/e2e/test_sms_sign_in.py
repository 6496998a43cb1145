"""Signing in with an SMS code at phone size: the number on a Persian keyboard, the code read from
the SMS stand-in, a wrong code first (said in Persian, tries left), then the right one."""

from __future__ import annotations

import re

import httpx
import pytest

from dorna_app import fa
from tests.e2e.conftest import PHONE, new_page, screenshot, wait_for

pytestmark = pytest.mark.e2e

SETUP = """
from dorna_app.accounts.auth import create_client
create_client("sms-user@example.com", "sms-password-1405", first_name="آرش", mobile="09127770000")
"""


def test_sign_in_with_a_code_read_from_the_sms_stand_in(app_server, browser):
    app_server.run_python(SETUP)
    page = new_page(browser, PHONE)
    page.goto(f"{app_server.url}/login")
    page.click("#sms-link")
    page.wait_for_selector("#sms-request")
    page.fill("#mobile", "۰۹۱۲۷۷۷۰۰۰۰")
    page.click("#sms-request")
    page.wait_for_selector("#sms-sent")
    assert page.get_attribute("#code", "autocomplete") == "one-time-code"
    texts = wait_for(lambda: [t for t in httpx.get(f"{app_server.sandbox_url}/_sandbox/sms").json()
                              if t["receptor"] == "09127770000"])
    code = re.search(r"(\d{5})", texts[-1]["message"]).group(1)
    page.fill("#code", fa.digits(str((int(code) + 1) % 100000).zfill(5)))
    page.click("#sms-verify")
    page.wait_for_selector("#sms-error")
    assert "۲ بار" in page.inner_text("#sms-error")
    screenshot(page, "sms-sign-in-phone")
    page.fill("#code", fa.digits(code))  # typed on a Persian keyboard
    page.click("#sms-verify")
    page.wait_for_url(f"{app_server.url}/")
    page.wait_for_function("() => (document.querySelector('#user-email')||{}).textContent === 'sms-user@example.com'")
    page.context.close()
