"""A forgotten password at phone size: ask for a link, read it from the SMTP stand-in, set a new
password (a mismatch said beside the field first), sign in with it; the link does not work twice."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_for

pytestmark = pytest.mark.e2e

SETUP = """
from dorna_app.accounts.auth import create_client
create_client("forgetful@example.com", "old-password-1405", first_name="سینا")
"""


def test_a_password_is_reset_by_the_emailed_link(app_server, browser):
    app_server.run_python(SETUP)
    page = new_page(browser, PHONE)
    page.goto(f"{app_server.url}/login")
    page.click("#forgot-link")
    page.wait_for_url("**/forgot-password**")
    page.wait_for_selector("#forgot-submit")
    page.fill("#email", "forgetful@example.com")
    page.click("#forgot-submit")
    page.wait_for_selector("#forgot-message")
    assert "اگر حسابی" in page.inner_text("#forgot-message")
    mails = wait_for(lambda: [m for m in httpx.get(f"{app_server.sandbox_url}/_sandbox/mail").json()
                              if m["rcpt_to"] == ["forgetful@example.com"]])
    assert len(mails) == 1 and mails[0]["subject"] == "بازیابی رمز عبور ناحیه کاربری"
    link = re.search(r"https?://\S+/reset-password\?t=\S+", mails[0]["text"]).group(0)

    page.goto(link)
    page.wait_for_selector("#reset-submit")
    page.fill("#new_password", "new-password-1405")
    page.fill("#repeat_password", "new-password-1406")
    page.click("#reset-submit")
    page.wait_for_selector("#repeat_password-error")
    page.fill("#repeat_password", "new-password-1405")
    page.click("#reset-submit")
    page.wait_for_selector("#reset-done")
    screenshot(page, "reset-done-phone")

    page.goto(link)  # opened twice: spent
    page.wait_for_selector("#reset-invalid")
    sign_in(page, app_server, "forgetful@example.com", "new-password-1405")
    page.wait_for_url(f"{app_server.url}/")
    page.context.close()


def test_a_password_is_reset_by_an_sms_code(app_server, browser):
    app_server.run_python("""
from dorna_app.accounts.auth import create_client
create_client("mobile-only@example.com", "old-password-1405", mobile="09128880000")
""")
    page = new_page(browser, PHONE)
    page.goto(f"{app_server.url}/forgot-password")
    page.wait_for_selector("#use-sms")
    page.click("#use-sms")
    page.fill("#mobile", "۰۹۱۲۸۸۸۰۰۰۰")
    page.click("#reset-code-request")
    page.wait_for_selector("#reset-code-sent")
    texts = wait_for(lambda: [t for t in httpx.get(f"{app_server.sandbox_url}/_sandbox/sms").json()
                              if t["receptor"] == "09128880000"])
    code = re.search(r"(\d{5})", texts[-1]["message"]).group(1)
    page.fill("#code", code)
    page.fill("#new_password", "sms-reset-pass-1")
    page.fill("#repeat_password", "sms-reset-pass-1")
    page.click("#reset-code-submit")
    page.wait_for_selector("#reset-done")
    sign_in(page, app_server, "mobile-only@example.com", "sms-reset-pass-1")
    page.wait_for_url(f"{app_server.url}/")
    page.context.close()
