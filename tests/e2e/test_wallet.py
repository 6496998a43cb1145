"""The wallet in a browser at phone size: add funds at the gateway; pay an invoice entirely from
credit (no gateway); pay two more partly from credit and partly at the gateway as one payment; the
credit history shows every entry with the balance after it."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e

OFFSET = 400_000
SETUP = f"""
from dorna_app.billing.demo import seed_demo
seed_demo(email='wallet@example.com', password='wallet-password-1', number_offset={OFFSET})
"""


def _pay_at_gateway(page) -> None:
    page.wait_for_url("**/pg/StartPay/**")
    page.wait_for_selector("#sandbox-pay")
    page.click("#sandbox-pay")
    page.wait_for_url("**/payment/result/**")


def test_add_funds_pay_from_credit_in_full_and_in_part_and_read_the_history(app_server, browser):
    app_server.run_python(SETUP)
    page = new_page(browser, PHONE)
    sign_in(page, app_server, "wallet@example.com", "wallet-password-1")
    page.wait_for_url(f"{app_server.url}/")

    page.goto(f"{app_server.url}/add-funds")
    page.wait_for_selector("#topup")
    wait_hydrated(page)
    assert page.inner_text("#wallet-balance") == "۰ تومان"
    page.fill("#amount", "۵۰۰")  # below the minimum: said beside the field, nothing started
    page.click("#topup")
    page.wait_for_selector("#amount-error")
    assert "کمترین" in page.inner_text("#amount-error")
    page.fill("#amount", "۱۰۰٬۰۰۰")
    page.click("#topup")
    _pay_at_gateway(page)
    page.wait_for_selector("#topup-done")
    assert "۱۰۰٬۰۰۰ تومان" in page.inner_text("#topup-done")

    # 50,000 Toman: the wallet covers it; no gateway at all.
    page.goto(f"{app_server.url}/invoices/{OFFSET + 1136}")
    wait_hydrated(page)
    page.click("#pay-invoice")
    page.wait_for_url("**/payment/result/**")
    page.wait_for_selector("#paid-from-credit")
    assert page.inner_text("#result-credit") == "۵۰٬۰۰۰ تومان" and page.locator("#result-ref").count() == 0
    screenshot(page, "payment-from-credit-phone")

    # Two more (70,500 + 162,000): the remaining 50,000 of credit, the rest at the gateway, one payment.
    page.goto(f"{app_server.url}/mass-pay")
    wait_hydrated(page)
    page.wait_for_selector("#mass-credit")
    for number in (OFFSET + 1141, OFFSET + 1523):
        page.click(f".mass-pick[data-number='{number}']")
        page.wait_for_function("n => document.querySelector(`.mass-pick[data-number='${n}']`).checked", arg=number)
    page.wait_for_function("() => document.querySelector('#mass-total')?.textContent === '۲۳۲٬۵۰۰ تومان'")
    page.click("#mass-pay")
    _pay_at_gateway(page)
    page.wait_for_selector("#result-title:has-text('پرداخت با موفقیت انجام شد')")
    assert page.inner_text("#result-amount") == "۱۸۲٬۵۰۰ تومان"
    assert page.inner_text("#result-credit") == "۵۰٬۰۰۰ تومان"
    assert page.inner_text("#result-balance") == "۰ تومان"

    page.goto(f"{app_server.url}/add-funds")
    page.wait_for_selector("#ledger")
    entries = page.locator(".ledger-entry")
    assert entries.count() == 3
    kinds = [entries.nth(i).get_attribute("data-kind") for i in range(3)]
    assert kinds == ["spend", "spend", "topup"]  # newest first
    texts = [entries.nth(i).inner_text() for i in range(3)]
    assert "−۵۰٬۰۰۰\u2069 تومان" in texts[0] and "موجودی: ۰ تومان" in texts[0]
    assert "−۵۰٬۰۰۰\u2069 تومان" in texts[1] and "موجودی: ۵۰٬۰۰۰ تومان" in texts[1]
    assert "+۱۰۰٬۰۰۰\u2069 تومان" in texts[2] and "موجودی: ۱۰۰٬۰۰۰ تومان" in texts[2]
    screenshot(page, "wallet-phone")
    page.context.close()
