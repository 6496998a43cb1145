"""The heart of the product in a browser: پرداخت همه, pay at the gateway, back to a result page,
servers renewed, and the customer's other tab updated without a reload."""

import json
import time
from datetime import date

import httpx
import pytest

from dorna_app import fa
from dorna_app.billing.dates import add_months
from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_for, wait_hydrated

pytestmark = pytest.mark.e2e
OFFSET = 200_000  # this customer's copy of the seed invoices: 201141, 201136, ...

SETUP = f"""
from dorna_app.billing.demo import seed_demo
seed_demo(email='payer@example.com', password='payer-password-1', number_offset={OFFSET})
"""

STATE = """
import json
from sqlmodel import select
from dorna_app.accounts.models import Client
from dorna_app.billing.models import Invoice, Service
from dorna_app.db import read_session
with read_session() as s:
    c = s.exec(select(Client).where(Client.email == 'payer@example.com')).one()
    inv = {i.number: i.status for i in s.exec(select(Invoice).where(Invoice.client_id == c.id))}
    rows = s.exec(select(Service).where(Service.client_id == c.id))
    srv = {x.name: [x.status, x.next_due_date.isoformat()] for x in rows}
print(json.dumps({"invoices": inv, "services": srv}))
"""


def db_state(app):
    return json.loads(app.run_python(STATE))


def test_pay_all_renews_every_server_and_updates_the_other_tab(app_server, browser):
    app_server.run_python(SETUP)
    before = db_state(app_server)
    unpaid = {n for n, st in before["invoices"].items() if st == "unpaid"}
    assert len(unpaid) == 4
    context = browser.new_context(viewport=PHONE, locale="fa-IR")
    watcher = new_page(browser, PHONE, context)
    sign_in(watcher, app_server, "payer@example.com", "payer-password-1")
    watcher.wait_for_url(f"{app_server.url}/")
    wait_hydrated(watcher)
    watcher.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۴'")
    # Record, inside the watching tab, when its unpaid card changes.
    badge_before = int(fa.normalize_digits(watcher.inner_text("#new-messages")))
    watcher.evaluate("""() => { window.__notReloaded = true; const el = document.querySelector('#card-unpaid');
        new MutationObserver(() => { if (el.textContent === '۰' && !window.__zeroAt) window.__zeroAt = Date.now(); })
        .observe(el, {childList: true, characterData: true, subtree: true}); }""")

    payer = new_page(browser, PHONE, context)
    payer.goto(f"{app_server.url}/invoices")
    wait_hydrated(payer)
    payer.locator(".pay-all").first.click()
    payer.wait_for_url("**/pg/StartPay/**")
    payer.wait_for_selector("#sandbox-pay")
    screenshot(payer, "gateway-phone")
    callback_sent = {}
    payer.on("request", lambda r: callback_sent.setdefault("at", time.time() * 1000)
             if "/payment/callback" in r.url else None)
    payer.click("#sandbox-pay")
    payer.wait_for_url("**/payment/result/**")
    payer.wait_for_selector("#result-title:has-text('پرداخت با موفقیت انجام شد')")
    payer.wait_for_selector(".restart-hint")
    assert payer.inner_text("#result-ref").strip()
    screenshot(payer, "payment-result-phone")

    watcher.wait_for_function("() => window.__zeroAt !== undefined")
    assert watcher.evaluate("() => window.__notReloaded === true")
    delay_ms = watcher.evaluate("() => window.__zeroAt") - callback_sent["at"]
    print(f"callback sent -> other tab's unpaid card at ۰: {delay_ms:.0f} ms")

    # The confirmation e-mail and SMS: counted live in the other tab, listed on the messages page,
    # and delivered exactly once to the SMTP inbox and the SMS stand-in.
    watcher.wait_for_function(
        "n => Number(document.querySelector('#new-messages').textContent"
        ".replace(/[۰-۹]/g, d => '۰۱۲۳۴۵۶۷۸۹'.indexOf(d))) >= n", arg=badge_before + 2)
    ref_fa = payer.inner_text("#result-ref").strip()
    payer.goto(f"{app_server.url}/messages")
    payer.wait_for_selector(f".message-item[data-channel=sms]:has-text('{ref_fa}')")
    payer.wait_for_selector(".message-item[data-channel=email]:has-text('تأیید پرداخت')")
    screenshot(payer, "messages-phone")
    mails = wait_for(lambda: [m for m in httpx.get(f"{app_server.sandbox_url}/_sandbox/mail").json()
                              if m["rcpt_to"] == ["payer@example.com"] and "تأیید پرداخت" in m["subject"]])
    texts = wait_for(lambda: [t for t in httpx.get(f"{app_server.sandbox_url}/_sandbox/sms").json()
                              if ref_fa in t["message"]])
    assert len(mails) == 1 and len(texts) == 1
    assert ref_fa in mails[0]["text"] and "۴۴۴٬۵۰۰ تومان" in mails[0]["text"]
    # The official PDF of each of the four paid invoices goes with it.
    assert sorted(f["filename"] for f in mails[0]["files"]) == sorted(f"invoice-{n}.pdf" for n in unpaid)

    after = db_state(app_server)
    assert all(after["invoices"][n] == "paid" for n in unpaid)
    for name, (status, due) in after["services"].items():
        old_due = date.fromisoformat(before["services"][name][1])
        assert date.fromisoformat(due) == add_months(old_due, 1), name
        assert status == "active", name  # the suspended one too
    context.close()
