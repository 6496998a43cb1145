"""The staff face in a browser: a new admin (made with the CLI) signs in, enrols the authenticator,
keeps the recovery codes, creates a customer and a server; the audit log shows both; a support user
sees customers but cannot create them; the customer signs in with the password staff handed over."""

from __future__ import annotations

import re
import subprocess
import sys

import jdatetime
import pyotp
import pytest

from dorna_app import fa
from dorna_app.settings import PROJECT_ROOT
from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot

pytestmark = pytest.mark.e2e


# What cron runs each day, then the new invoice's number; pushes reach open tabs as from the jobs CLI.
RENEWAL_JOB = """
from sqlmodel import select
from dorna_app import effects, live
from dorna_app.accounts.models import Client
from dorna_app.billing.automation import generate_renewal_invoices
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import Invoice
from dorna_app.db import read_session
effects.install(push=live.push_over_http)
generate_renewal_invoices(business_today())
with read_session() as s:
    client = s.exec(select(Client).where(Client.email == "negar@example.com")).one()
    print(s.exec(select(Invoice.number).where(Invoice.client_id == client.id)).one())
"""


def _create_staff(app_server, email: str, role: str) -> str:
    out = subprocess.run([sys.executable, "-m", "dorna_app", "staff", "create", email, "--role", role],
                         cwd=PROJECT_ROOT, env=app_server.env, capture_output=True, text=True, timeout=120, check=True)
    return re.search(r"One-time password: (\S+)", out.stdout).group(1)


def _staff_sign_in(page, app_server, email: str, password: str) -> list[str]:
    """Password, then enrolment by the key under the QR code; returns the recovery codes shown."""
    page.goto(f"{app_server.url}/staff/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#staff-login-submit")
    page.wait_for_url("**/staff/verify/**")
    page.wait_for_selector("img.qr")
    secret = page.inner_text("#totp-secret")
    page.fill("#code", "123")  # too short: a Persian message beside the field, nothing else
    page.click("#verify-submit")
    page.wait_for_selector("#code-error")
    page.fill("#code", fa.digits(pyotp.TOTP(secret).now()))  # typed on a Persian keyboard
    page.click("#verify-submit")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    page.click("#continue-staff")
    page.wait_for_function("() => document.querySelectorAll('.staff-figure').length === 7")
    return codes


def test_an_admin_enrols_creates_a_customer_and_a_server_and_it_is_audited(app_server, browser):
    password = _create_staff(app_server, "ops-admin@example.com", "admin")
    page = new_page(browser, PHONE)
    codes = _staff_sign_in(page, app_server, "ops-admin@example.com", password)
    assert len(codes) == 10 and len(set(codes)) == 10
    screenshot(page, "staff-dashboard-phone")

    page.goto(f"{app_server.url}/staff/customers")
    page.wait_for_selector(".customer-row")
    page.fill("#first_name", "نگار")
    page.fill("#last_name", "احمدی")
    page.fill("#email", "demo@dornaserver.ir")  # taken
    page.fill("#mobile", "۰۹۱۲")
    page.click("text=ساختن مشتری")
    page.wait_for_selector("#email-error")
    assert "ایمیل" in page.inner_text("#email-error") and page.locator("#mobile-error").count() == 1
    page.fill("#email", "negar@example.com")
    page.fill("#mobile", "۰۹۱۲۳۳۳۴۴۵۵")
    page.click("text=ساختن مشتری")
    page.wait_for_selector("#created-password")
    customer_password = page.inner_text("#created-password")

    page.click("text=صفحه مشتری")
    page.wait_for_selector("#customer-name")
    assert page.inner_text("#customer-name") == "نگار احمدی"
    page.click("#add-service-toggle")
    due = jdatetime.date.today() + jdatetime.timedelta(days=5)
    page.fill("#name", "سرور مجازی نگار")
    page.fill("#price_toman", "۱۶۲٬۰۰۰")
    page.fill("#cycle_months", "۰")
    page.fill("#first_due", fa.digits(due.strftime("%Y/%m/%d")))
    page.click("#add-service")
    page.wait_for_selector("#cycle_months-error")
    page.fill("#cycle_months", "۱")
    page.click("#add-service")
    page.wait_for_selector(".staff-service")
    assert "سرور مجازی نگار" in page.inner_text(".staff-service")
    screenshot(page, "staff-customer-phone")

    page.goto(f"{app_server.url}/staff/audit")
    page.wait_for_selector(".audit-row")
    actions = page.locator(".audit-row .audit-action").all_inner_texts()
    assert {"customer.create", "service.create", "staff.enrol"} <= set(actions)
    page.context.close()

    # The customer signs in with the password staff handed over and keeps the dashboard open.
    customer = new_page(browser, DESKTOP)
    customer.goto(f"{app_server.url}/login")
    customer.fill("#email", "negar@example.com")
    customer.fill("#password", customer_password)
    customer.click("#login-submit")
    customer.wait_for_url(f"{app_server.url}/")
    customer.wait_for_selector(".service-card")
    assert "سرور مجازی نگار" in customer.inner_text(".service-card")
    customer.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۰'")

    # The daily job issues the renewal invoice: the customer's open card rises without a reload.
    number = app_server.run_python(RENEWAL_JOB).strip()
    customer.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۱'")

    # A billing clerk records the customer's bank transfer; the invoice is paid and the server renewed.
    clerk_password = _create_staff(app_server, "billing-clerk@example.com", "billing")
    clerk = new_page(browser, DESKTOP)
    _staff_sign_in(clerk, app_server, "billing-clerk@example.com", clerk_password)
    clerk.goto(f"{app_server.url}/staff/customers?q=negar")
    clerk.click(".customer-row")
    clerk.wait_for_selector("#customer-name")
    clerk.click("#transfer-toggle")
    clerk.fill("#invoice_number", fa.digits(number))
    clerk.fill("#amount_toman", "۱۷۸٬۲۰۰")  # the server's 162,000 and 10% VAT
    clerk.fill("#paid_on", fa.digits(jdatetime.date.today().strftime("%Y/%m/%d")))
    clerk.fill("#reference", "BANK-7788")
    clerk.click("#record-transfer")
    clerk.wait_for_selector("#staff-notice")
    assert "ثبت شد" in clerk.inner_text("#staff-notice")
    assert "پرداخت‌شده" in clerk.inner_text(".staff-invoice")
    screenshot(clerk, "staff-customer-desktop")

    # The payments page shows it with its timeline; then the clerk suspends the server for abuse.
    clerk.goto(f"{app_server.url}/staff/payments")
    clerk.wait_for_selector(".staff-payment")
    clerk.select_option("select[name=gateway]", "bank_transfer")
    clerk.fill("input[name=q]", "negar@example.com")
    clerk.click("text=فیلتر")
    clerk.wait_for_function("() => document.querySelectorAll('.staff-payment').length === 1")
    clerk.click(".staff-payment summary")
    assert "واریز بانکی ثبت شد" in clerk.inner_text(".staff-payment .timeline")
    clerk.go_back()
    clerk.wait_for_selector(".staff-service")
    clerk.click(".staff-service summary")
    clerk.select_option(".staff-service select[name=reason]", "abuse")
    clerk.click(".staff-service .suspend-service")
    clerk.wait_for_selector(".staff-service[data-status=suspended]")
    clerk.goto(f"{app_server.url}/staff/messages")
    clerk.wait_for_selector("main h1")
    clerk.context.close()
    customer.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۰'")
    customer.wait_for_function("() => document.querySelector('.service-card').textContent.includes('معلق')")
    customer.wait_for_function(  # the due date moved a cycle on
        "d => !document.querySelector('.service-card').textContent.includes(d)",
        arg=fa.digits(due.strftime("%Y/%m/%d")))
    customer.context.close()


def test_a_manual_invoice_is_issued_and_a_paid_one_refunded_to_credit(app_server, browser):
    client_id = app_server.run_python(
        "from tests.factories import make_client, make_invoice\n"
        "c = make_client('refund-me@example.com')\n"
        "make_invoice(c.id, number=990001, total_rial=1_000_000, status='paid')\n"
        "print(c.id)").strip()
    password = _create_staff(app_server, "clerk-two@example.com", "billing")
    page = new_page(browser, DESKTOP)
    _staff_sign_in(page, app_server, "clerk-two@example.com", password)
    page.goto(f"{app_server.url}/staff/customers/{client_id}")
    page.wait_for_selector("#customer-name")
    page.click("#new-invoice-toggle")
    page.fill("#description1", "آی‌پی اضافه")
    page.fill("#amount2", "۱۰۰")  # an amount without its description: that row is refused
    page.fill("#due", fa.digits((jdatetime.date.today() + jdatetime.timedelta(days=7)).strftime("%Y/%m/%d")))
    page.click("#create-invoice")
    page.wait_for_selector("#line1-error")
    page.fill("#amount1", "۵۰٬۰۰۰")
    page.fill("#amount2", "")
    page.click("#create-invoice")
    page.wait_for_function("() => document.querySelectorAll('.staff-invoice').length === 2")
    page.click("#refund-toggle")
    page.fill("#refund_number", "۹۹۰۰۰۱")
    page.fill("#refund_amount", "۲۰۰٬۰۰۰")  # more than was paid
    page.click("#refund-invoice")
    page.wait_for_selector("#refund_amount-error")
    page.fill("#refund_amount", "۱۰۰٬۰۰۰")
    page.click("#refund-invoice")
    page.wait_for_function("() => document.querySelector('.staff-invoice[data-number=\"990001\"]')"
                           "?.textContent.includes('مستردشده')")
    assert "۱۰۰٬۰۰۰ تومان" in page.inner_text("main")  # the customer's credit
    page.context.close()


def test_support_sees_customers_but_cannot_create_or_read_the_audit_log(app_server, browser):
    password = _create_staff(app_server, "helpdesk@example.com", "support")
    page = new_page(browser, DESKTOP)
    _staff_sign_in(page, app_server, "helpdesk@example.com", password)
    assert page.locator("a[href='/staff/audit']").count() == 0
    page.goto(f"{app_server.url}/staff/customers")
    page.wait_for_selector(".customer-row")
    assert page.locator("text=ساختن مشتری").count() == 0
    page.goto(f"{app_server.url}/staff/audit")
    page.wait_for_selector("#staff-notice")
    assert "اجازه" in page.inner_text("#staff-notice") and page.locator(".audit-row").count() == 0
    screenshot(page, "staff-customers-desktop")
    page.context.close()


def test_an_admin_adds_a_member_who_signs_in_and_is_disabled_live(app_server, browser):
    password = _create_staff(app_server, "team-admin@example.com", "admin")
    admin = new_page(browser, DESKTOP)
    _staff_sign_in(admin, app_server, "team-admin@example.com", password)
    admin.click("a[href='/staff/team']")
    admin.wait_for_selector(".staff-member")
    # Bad input: a taken e-mail and no role, each said beside its field; nobody is added.
    admin.fill("#new-staff-email", "team-admin@example.com")
    admin.click("#add-staff")
    admin.wait_for_selector("#email-error")
    assert admin.locator("[role=alert]", has_text="نقش").count() == 1
    admin.fill("#new-staff-email", "support-2@example.com")
    admin.fill("#new-staff-name", "سارا")
    admin.select_option("#new-staff-role", "support")
    admin.click("#add-staff")
    admin.wait_for_selector("#handed-password")
    member_password = admin.inner_text("#handed-password")
    assert admin.locator(".staff-member[data-email='support-2@example.com']").count() == 1
    # An admin's own card offers no way to demote or disable themselves.
    own = admin.locator(".staff-member[data-email='team-admin@example.com']")
    assert own.locator(".member-disable").count() == 0
    screenshot(admin, "staff-team-desktop")

    member = new_page(browser, PHONE)
    _staff_sign_in(member, app_server, "support-2@example.com", member_password)
    assert member.locator("a[href='/staff/team']").count() == 0

    card = admin.locator(".staff-member[data-email='support-2@example.com']")
    card.locator("summary").click()
    card.locator(".member-disable").click()
    admin.wait_for_function("() => document.querySelector('#staff-notice')?.textContent.includes('غیرفعال شد')")
    assert card.locator(".badge", has_text="غیرفعال").count() == 1
    # The member's next step finds the session ended.
    member.click("a[href='/staff/customers']")
    member.wait_for_url("**/staff/login**")
    member.fill("#email", "support-2@example.com")
    member.fill("#password", member_password)
    member.click("#staff-login-submit")
    member.wait_for_selector("#staff-login-error")
    member.context.close()

    admin.goto(f"{app_server.url}/staff/account")
    admin.wait_for_selector("#change-password")
    admin.fill("#current_password", "not-my-password")
    admin.fill("#new_password", "a-longer-password-1")
    admin.fill("#repeat_password", "a-longer-password-1")
    admin.click("#change-password")
    admin.wait_for_selector("#current_password-error")
    screenshot(admin, "staff-account-desktop")
    admin.context.close()


def test_a_customer_session_is_sent_to_the_staff_sign_in(app_server, browser):
    from tests.e2e.conftest import sign_in

    page = new_page(browser, PHONE)
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    page.goto(f"{app_server.url}/staff/customers")
    page.wait_for_url("**/staff/login**")
    assert page.locator(".customer-row").count() == 0
    page.context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_staff_pages_have_no_serious_accessibility_violation(app_server, browser, size):
    from tests.e2e.test_accessibility import _serious, run_axe

    email = f"a11y-{size['width']}@example.com"
    password = _create_staff(app_server, email, "admin")
    page = new_page(browser, size)
    page.goto(f"{app_server.url}/staff/login")
    page.wait_for_selector("#staff-login-submit")
    found = {"/staff/login": _serious(run_axe(page))}
    _staff_sign_in(page, app_server, email, password)
    for path in ("/staff", "/staff/customers", "/staff/customers/1", "/staff/payments", "/staff/messages",
                 "/staff/audit", "/staff/team", "/staff/account", "/staff/tickets", "/staff/tickets/1",
                 "/staff/panels"):
        page.goto(f"{app_server.url}{path}")
        page.wait_for_function("() => document.querySelector('#staff-email') && "
                               "!document.querySelector('main .placeholder')")
        page.wait_for_timeout(300)
        found[path] = _serious(run_axe(page))
    assert {path: v for path, v in found.items() if v} == {}
    page.context.close()


def test_a_quote_is_sent_accepted_by_the_customer_and_paid(app_server, browser):
    from tests.e2e.conftest import sign_in, wait_hydrated

    client_id = app_server.run_python(
        "from tests.factories import make_client\n"
        "print(make_client('quote-buyer@example.com', 'quote-buyer-pass').id)").strip()
    password = _create_staff(app_server, "sales@example.com", "billing")
    staff = new_page(browser, DESKTOP)
    _staff_sign_in(staff, app_server, "sales@example.com", password)
    staff.goto(f"{app_server.url}/staff/customers/{client_id}")
    staff.wait_for_selector("#customer-name")
    staff.click("#new-quote-toggle")
    staff.fill("#quote_subject", "ارتقای رم سرور")
    staff.fill("#qdescription1", "۸ گیگ رم بیشتر")
    staff.fill("#qamount1", "۳۰۰٬۰۰۰")
    staff.fill("#valid_until", fa.digits((jdatetime.date.today() + jdatetime.timedelta(days=10)).strftime("%Y/%m/%d")))
    staff.click("#create-quote")
    staff.wait_for_selector(".staff-quote")
    assert "فرستاده شد" in staff.inner_text(".staff-quote")
    staff.context.close()

    customer = new_page(browser, PHONE)
    sign_in(customer, app_server, "quote-buyer@example.com", "quote-buyer-pass")
    customer.wait_for_url(f"{app_server.url}/")
    wait_hydrated(customer)
    customer.wait_for_function("() => document.querySelector('#card-quotes')?.textContent === '۱'")
    customer.click("a.plain-link[href='/quotes']")  # the dashboard card
    customer.wait_for_selector(".quote-card[data-status=delivered]")
    assert not re.search(r"[0-9]", customer.inner_text(".quote-card h2"))  # Persian digits only
    assert "۳۰٬۰۰۰ تومان مالیات بر ارزش افزوده" in customer.inner_text(".quote-vat")
    screenshot(customer, "quotes-phone")
    customer.click(".accept-quote")
    customer.wait_for_url("**/invoices/**")
    customer.wait_for_selector("#invoice-total")
    assert "۳۳۰٬۰۰۰" in customer.inner_text("#invoice-total")  # the quote's 300,000 and 10% VAT
    customer.click("#pay-invoice")
    customer.wait_for_url("**/pg/StartPay/**")
    customer.click("#sandbox-pay")
    customer.wait_for_url("**/payment/result/**")
    customer.wait_for_selector("#result-title:has-text('پرداخت با موفقیت انجام شد')")
    customer.goto(f"{app_server.url}/quotes")
    customer.wait_for_selector(".quote-card[data-status=accepted]")
    customer.context.close()
