"""The wallet: top-ups credited once (replay, reconciliation), invoices paid entirely or partly from
credit as one payment, a cancelled gateway part keeping the credit, two tabs never spending more
than the balance, auto-pay on renewal, staff refunds; the balance always equals the ledger. On
SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from dorna_app.accounts.models import Client
from dorna_app.billing import automation, payments, wallet
from dorna_app.billing.models import CreditEntry, Invoice, Payment, Service
from dorna_app.db import read_session, write_session
from dorna_app.notify.models import OutboxMessage
from tests.factories import make_client, make_invoice, make_service
from tests.integration.test_payments import sandbox_pay, visit_callback


def _give(client_id: int, rial: int) -> None:
    with write_session() as s:
        wallet.post(s, s.get(Client, client_id), rial, wallet.Kind.TOPUP, "test")


def _client(client_id: int) -> Client:
    with read_session() as s:
        return s.get(Client, client_id)


def _ledger_matches(client_id: int) -> bool:
    with read_session() as s:
        total = s.exec(select(func.coalesce(func.sum(CreditEntry.amount_rial), 0))
                       .where(CreditEntry.client_id == client_id)).one()
        last = s.exec(select(CreditEntry.balance_after).where(CreditEntry.client_id == client_id)
                      .order_by(CreditEntry.id.desc())).first()
        client = s.get(Client, client_id)
    return client.credit_rial == total and (last is None or last == client.credit_rial)


@pytest.mark.parametrize(("typed", "error"), [
    ("", "بنویسید"), ("abc", "عدد"), ("۵۰۰", "کمترین"), ("1,000,000,000", "بیشترین"), ("-20000", "عدد")])
def test_bad_top_up_amounts_are_refused_in_persian(sandbox, typed, error):
    client = make_client()
    result = payments.start_topup(client.id, typed)
    assert result.error == payments.StartError.BAD_AMOUNT and error in result.message
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(Payment)).one() == 0


def test_a_top_up_is_credited_once_even_replayed_or_reconciled(sandbox):
    client = make_client()
    start = payments.start_topup(client.id, "۲۰۰٬۰۰۰")  # typed on a Persian keyboard, with separators
    assert start.ok and start.amount_rial == 2_000_000
    callback = sandbox_pay(sandbox, start.redirect_url)
    for _ in range(3):
        visit_callback(callback)
    payments.reconcile_pending(min_age=timedelta(0))
    assert _client(client.id).credit_rial == 2_000_000 and _ledger_matches(client.id)
    (entry,) = wallet.history(client.id)
    assert entry.kind == "topup" and entry.balance_after == 2_000_000
    # A top-up whose payer never comes back: reconciliation credits it, once.
    lost = payments.start_topup(client.id, "50000")
    sandbox_pay(sandbox, lost.redirect_url)
    payments.reconcile_pending(min_age=timedelta(0))
    payments.reconcile_pending(min_age=timedelta(0))
    assert _client(client.id).credit_rial == 2_500_000 and len(wallet.history(client.id)) == 2
    with read_session() as s:
        mails = s.exec(select(OutboxMessage).where(OutboxMessage.channel == "email")).all()
    assert len(mails) == 2 and all(m.subject == "افزایش اعتبار حساب" for m in mails)


def test_credit_covering_everything_pays_without_a_gateway(sandbox):
    client = make_client()
    service = make_service(client.id, due=date(2026, 12, 1))
    make_invoice(client.id, number=1523, total_rial=1_620_000, due=date(2026, 12, 1), service_id=service.id)
    _give(client.id, 2_000_000)
    start = payments.start_payment(client.id, use_credit=True)
    assert start.ok and start.from_credit and start.redirect_url.startswith("/payment/result/")
    with read_session() as s:
        assert s.exec(select(Invoice).where(Invoice.number == 1523)).one().status == "paid"
        assert s.get(Service, service.id).next_due_date == date(2027, 1, 1)
        payment = s.get(Payment, start.payment_id)
    assert payment.gateway == "credit" and payment.authority is None and payment.status == "succeeded"
    assert _client(client.id).credit_rial == 380_000 and _ledger_matches(client.id)
    assert wallet.history(client.id)[0].kind == "spend"
    summary = payments.payment_summary(client.id, start.payment_id)
    assert summary.gateway == "credit" and summary.credit_rial == 1_620_000


def test_part_from_credit_part_at_the_gateway_and_a_cancel_keeps_the_credit(sandbox):
    client = make_client()
    make_invoice(client.id, number=1523, total_rial=1_620_000)
    make_invoice(client.id, number=1141, total_rial=705_000)
    _give(client.id, 500_000)
    first = payments.start_payment(client.id, use_credit=True)
    assert first.ok and first.amount_rial == 1_825_000 and not first.from_credit
    assert (_client(client.id).credit_rial, _client(client.id).credit_held_rial) == (500_000, 500_000)
    # The credit is held: another payment cannot promise it again.
    assert payments.start_payment(client.id, [1141], use_credit=True).amount_rial == 705_000
    visit_callback(sandbox_pay(sandbox, first.redirect_url, outcome="cancelled"))
    held = _client(client.id)
    assert held.credit_rial == 500_000 and held.credit_held_rial == 0
    again = payments.start_payment(client.id, use_credit=True)
    visit_callback(sandbox_pay(sandbox, again.redirect_url))
    with read_session() as s:
        assert {i.status for i in s.exec(select(Invoice)).all()} == {"paid"}
    after = _client(client.id)
    assert (after.credit_rial, after.credit_held_rial) == (0, 0) and _ledger_matches(client.id)
    summary = payments.payment_summary(client.id, again.payment_id)
    assert summary.credit_rial == 500_000 and summary.amount_rial == 1_825_000


def test_two_tabs_paying_different_invoices_never_spend_more_than_the_balance(sandbox):
    client = make_client()
    make_invoice(client.id, number=1001, total_rial=600_000)
    make_invoice(client.id, number=1002, total_rial=600_000)
    _give(client.id, 700_000)
    barrier = threading.Barrier(2)
    results: list = []

    def pay(number: int) -> None:
        barrier.wait()
        results.append(payments.start_payment(client.id, [number], use_credit=True))

    threads = [threading.Thread(target=pay, args=(n,)) for n in (1001, 1002)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.from_credit for r in results) == [False, True]
    partial = next(r for r in results if not r.from_credit)
    assert partial.amount_rial == 600_000 - 100_000  # the rest of the balance, held
    visit_callback(sandbox_pay(sandbox, partial.redirect_url))
    after = _client(client.id)
    assert (after.credit_rial, after.credit_held_rial) == (0, 0) and _ledger_matches(client.id)


def test_renewals_pay_themselves_from_credit_unless_auto_pay_is_off(sandbox):
    today = date(2026, 11, 25)
    keen, careful = make_client(), make_client("careful@example.com")
    keen_service = make_service(keen.id, due=today + timedelta(days=3), price_rial=700_000)
    careful_service = make_service(careful.id, due=today + timedelta(days=3), price_rial=700_000)
    _give(keen.id, 1_000_000)
    _give(careful.id, 1_000_000)
    wallet.set_auto_pay(careful.id, False)
    automation.generate_renewal_invoices(today)
    assert payments.autopay_from_credit(today) == 1
    assert payments.autopay_from_credit(today) == 0
    with read_session() as s:
        assert s.get(Service, keen_service.id).next_due_date == date(2026, 12, 28)  # renewed a month on
        statuses = {inv.client_id: inv.status for inv in s.exec(select(Invoice)).all()}
        assert s.get(Service, careful_service.id).next_due_date == today + timedelta(days=3)
    assert statuses == {keen.id: "paid", careful.id: "unpaid"}
    # 700,000 and its 10% VAT came out of the credit.
    assert _client(keen.id).credit_rial == 230_000 and _client(careful.id).credit_rial == 1_000_000
    # An older unpaid renewal invoice is left for the customer to pay (credit goes first then anyway).
    old = make_invoice(keen.id, total_rial=100_000, due=today - timedelta(days=20),
                       service_id=make_service(keen.id, due=today - timedelta(days=20)).id)
    assert payments.autopay_from_credit(today) == 0
    with read_session() as s:
        assert s.get(Invoice, old.id).status == "unpaid"


def test_a_staff_refund_is_a_ledger_entry_with_its_balance(sandbox):
    client = make_client()
    invoice = make_invoice(client.id, total_rial=500_000, status="paid")
    _give(client.id, 100_000)
    with write_session() as s:
        automation.refund_to_credit(s, invoice_id=invoice.id, amount_rial=200_000, reason="خرابی سرور")
    with write_session() as s, pytest.raises(ValueError):
        automation.refund_to_credit(s, invoice_id=invoice.id, amount_rial=400_000, reason="بیش از پرداخت")
    latest = wallet.history(client.id)[0]
    assert (latest.kind, latest.amount_rial, latest.balance_after) == ("refund", 200_000, 300_000)
    assert _ledger_matches(client.id)
