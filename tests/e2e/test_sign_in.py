"""Sign-in in a phone-sized headless Chromium, as the demo customer."""

import pytest

from dorna_app.settings import get_settings
from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e


def test_phone_sign_in_reaches_the_dashboard_with_the_email(app_server, browser):
    page = new_page(browser, PHONE)
    page.goto(f"{app_server.url}/")
    page.wait_for_url("**/login**")  # every page but sign-in needs a session
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    page.wait_for_selector("text=ورود به ناحیه کاربری")
    screenshot(page, "login-phone")
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    wait_hydrated(page)
    assert page.locator("#user-email").inner_text() == get_settings().demo_email
    # The Persian face is the app's own Vazirmatn, not a fallback.
    assert page.evaluate("() => document.fonts.check('16px Vazirmatn', 'سلام')")
    screenshot(page, "dashboard-phone")
    page.context.close()


def test_wrong_password_shows_a_persian_message(app_server, browser):
    page = new_page(browser, DESKTOP)
    sign_in(page, app_server, password="not-the-password")
    page.wait_for_selector("#login-error")
    assert "ایمیل یا رمز عبور درست نیست" in page.inner_text("#login-error")
    screenshot(page, "login-error-desktop")
    page.context.close()


def test_forged_cookie_goes_back_to_sign_in(app_server, browser):
    page = new_page(browser, PHONE)
    page.context.add_cookies([{"name": "dorna_session", "value": "forged", "url": app_server.url}])
    page.goto(f"{app_server.url}/")
    page.wait_for_url("**/login**")
    page.context.close()


def test_sign_out_ends_the_session(app_server, browser):
    page = new_page(browser, DESKTOP)
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    wait_hydrated(page)
    page.get_by_role("button", name="خروج").click()
    page.wait_for_url(lambda url: "/login" in url and "signed_out=1" in url)
    page.goto(f"{app_server.url}/")
    page.wait_for_url("**/login**")
    page.context.close()
