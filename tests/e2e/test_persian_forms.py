"""What a Persian-speaking customer meets in forms and links: their own words kept, Persian messages
beside the field, results that survive signing in, and targets a thumb can hit."""

from __future__ import annotations

import pytest

from dorna_app.settings import get_settings
from tests.e2e.conftest import DESKTOP, PHONE, new_page, sign_in, signed_in_page, wait_hydrated

pytestmark = pytest.mark.e2e


def test_a_wrong_password_keeps_the_typed_email(app_server, browser):
    page = new_page(browser, DESKTOP)
    sign_in(page, app_server, email="Demo@DornaServer.ir", password="not-the-password")
    page.wait_for_selector("#login-error")
    assert page.input_value("#email") == "Demo@DornaServer.ir"
    assert page.get_attribute("#email", "aria-invalid") == "true"
    assert page.get_attribute("#email", "aria-describedby") == "login-error"
    page.context.close()


def test_an_empty_sign_in_form_answers_in_persian(app_server, browser):
    page = new_page(browser, PHONE)
    page.goto(f"{app_server.url}/login")
    page.click("#login-submit")
    page.wait_for_selector("#login-error")
    assert "ایمیل و رمز عبور را وارد کنید" in page.inner_text("#login-error")
    page.context.close()


def test_signing_in_from_a_result_link_keeps_the_result(app_server, browser):
    page = new_page(browser, PHONE)
    page.goto(f"{app_server.url}/payment/result?p=999")
    page.wait_for_url("**/login**")
    assert "p%3D999" in page.url  # next= carries the query string
    settings = get_settings()
    page.fill("#email", settings.demo_email)
    page.fill("#password", settings.demo_password)
    page.click("#login-submit")
    page.wait_for_url("**/payment/result**p=999**")
    page.context.close()


def test_profile_errors_sit_beside_their_field_and_are_announced(app_server, browser):
    page = signed_in_page(browser, app_server, DESKTOP)
    page.goto(f"{app_server.url}/profile")
    page.wait_for_selector("#profile-save")
    page.fill("#email", "postmaster,demo@dornaserver.ir")
    page.click("#profile-save")
    page.wait_for_selector("#email-error")
    assert page.get_attribute("#email", "aria-invalid") == "true"
    assert page.get_attribute("#email", "aria-describedby") == "email-error"
    assert "یک نشانی" in page.inner_text("#email-error")
    page.fill("#email", get_settings().demo_email)
    page.click("#profile-save")
    page.wait_for_selector("#email-error", state="detached")  # an old error does not linger
    page.context.close()


def test_tap_targets_are_big_enough_on_a_phone(app_server, browser):
    page = signed_in_page(browser, app_server, PHONE)
    page.goto(f"{app_server.url}/invoices")
    page.wait_for_selector(".invoice-card")
    small = []
    for selector in (".page-size", ".pay-one", "nav a[href='/messages']", ".status-filter", "#menu-button"):
        for element in page.locator(selector).all():
            box = element.bounding_box()
            if box and (box["width"] < 40 or box["height"] < 40):
                small.append(f"{selector}: {box['width']:.0f}x{box['height']:.0f}")
    assert small == []
    page.context.close()


def test_a_long_email_in_the_user_bar_stays_on_one_line(app_server, browser):
    code = """
from dorna_app.accounts.auth import create_client
create_client('a-very-long-customer-address-for-testing@subdomain.example-company.ir', 'long-email-pass-1')
"""
    app_server.run_python(code)
    page = new_page(browser, PHONE)
    sign_in(page, app_server, "a-very-long-customer-address-for-testing@subdomain.example-company.ir",
            "long-email-pass-1")
    page.wait_for_url(f"{app_server.url}/")
    wait_hydrated(page)
    box = page.locator("#user-email").bounding_box()
    assert box["height"] < 30 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.context.close()


def test_a_refused_payment_says_why_beside_the_page_not_in_an_eval_toast(app_server, browser):
    page = signed_in_page(browser, app_server, PHONE)
    page.goto(f"{app_server.url}/mass-pay")
    page.wait_for_selector("#mass-pay")
    page.click("#mass-pay")
    page.wait_for_selector("#page-notice")
    assert "دست‌کم یک صورت‌حساب" in page.inner_text("#page-notice")
    page.get_by_role("button", name="بستن پیام").click()
    page.wait_for_selector("#page-notice", state="detached")
    page.context.close()
