"""Staff operations on servers, invoices, payments and messages: through the transition table and
row locks, audited, refused in Persian when impossible or when someone else changed the row first.
On SQLite and PostgreSQL; "check with the gateway now" against the ZarinPal sandbox."""

from __future__ import annotations

from datetime import date, timedelta

import jdatetime
from sqlmodel import select

from dorna_app import fa
from dorna_app.backoffice import audit, operations
from dorna_app.billing import payments
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import Invoice, Payment, Service
from dorna_app.db import read_session, write_session
from dorna_app.notify.models import OutboxMessage
from tests.factories import make_client, make_invoice, make_service, make_staff
from tests.integration.test_payments import sandbox_pay


def _load(model, row_id):
    with read_session() as s:
        return s.get(model, row_id)


def test_suspend_unsuspend_terminate_follow_the_table_and_are_audited(database):
    staff_id, _ = make_staff()
    client = make_client()
    service = make_service(client.id)
    assert operations.service_action(staff_id, service.id, "suspend", reason="nonsense").errors == {
        "reason": "دلیل تعلیق را انتخاب کنید."}
    assert operations.service_action(staff_id, service.id, "suspend", reason="abuse", note="spam",
                                     seen_status="active").ok
    moved = _load(Service, service.id)
    assert moved.status == "suspended" and moved.suspension_reason == "abuse"
    # A second clerk who still saw it active changes nothing and is told why.
    late = operations.service_action(staff_id, service.id, "cancel", seen_status="active")
    assert late.errors == {"form": operations.CHANGED_MEANWHILE}
    assert operations.service_action(staff_id, service.id, "unsuspend").ok
    assert _load(Service, service.id).suspension_reason is None
    assert operations.service_action(staff_id, service.id, "terminate").ok
    refused = operations.service_action(staff_id, service.id, "unsuspend")
    assert not refused.ok and _load(Service, service.id).status == "terminated"
    assert [r.action for r in audit.entries(object_type="service")] == [
        "service.terminate", "service.unsuspend", "service.suspend"]


def test_editing_a_server_refuses_bad_values_and_a_stale_form(database):
    staff_id, _ = make_staff()
    service = make_service(make_client().id, due=business_today() + timedelta(days=10))
    seen = operations.version_of(service)
    due = fa.digits(jdatetime.date.fromgregorian(date=business_today() + timedelta(days=40)).strftime("%Y/%m/%d"))
    bad = operations.update_service(staff_id, service.id, price_toman="-5", cycle_months="۰", next_due="فردا")
    assert set(bad.errors) == {"price_toman", "cycle_months", "next_due"}
    assert operations.update_service(staff_id, service.id, price_toman="۲۰۰٬۰۰۰", cycle_months="۳", next_due=due,
                                     seen=seen).ok
    changed = _load(Service, service.id)
    assert (changed.price_rial, changed.billing_cycle_months) == (2_000_000, 3)
    stale = operations.update_service(staff_id, service.id, price_toman="۱", cycle_months="۱", next_due=due, seen=seen)
    assert stale.errors == {"form": operations.CHANGED_MEANWHILE} and _load(Service, service.id).price_rial == 2_000_000
    [row] = audit.entries(action="service.update")
    assert row.before["price_rial"] == 1_620_000 and row.after["price_rial"] == 2_000_000


def test_only_an_unpaid_invoice_is_cancelled(database):
    staff_id, _ = make_staff()
    client = make_client()
    unpaid = make_invoice(client.id, number=9001, total_rial=500_000, due=date(2026, 12, 1))
    paid = make_invoice(client.id, number=9002, total_rial=500_000, due=date(2026, 12, 1), status="paid")
    assert operations.cancel_invoice(staff_id, 9001, note="duplicate").ok
    assert _load(Invoice, unpaid.id).status == "cancelled"
    refused = operations.cancel_invoice(staff_id, 9002)
    assert "پرداخت‌شده" in refused.errors["form"] and _load(Invoice, paid.id).status == "paid"
    assert not operations.cancel_invoice(staff_id, 9001).ok  # twice: nothing more


def test_a_failed_message_is_retried_once_and_a_sent_one_never(database):
    staff_id, _ = make_staff()
    client = make_client()
    with write_session() as s:
        failed = OutboxMessage(client_id=client.id, channel="sms", kind="test", dedupe_key="t:1", recipient="0912",
                               body_text="x", status="failed", attempts=5, last_error="411")
        sent = OutboxMessage(client_id=client.id, channel="sms", kind="test", dedupe_key="t:2", recipient="0912",
                             body_text="y", status="sent")
        s.add(failed)
        s.add(sent)
        s.flush()
        failed_id, sent_id = failed.id, sent.id
    assert [m.id for m in operations.list_messages()] == [failed_id]
    assert operations.retry_message(staff_id, failed_id).ok
    assert _load(OutboxMessage, failed_id).status == "pending" and _load(OutboxMessage, failed_id).attempts == 0
    assert not operations.retry_message(staff_id, failed_id).ok  # already queued again
    assert not operations.retry_message(staff_id, sent_id).ok


def test_check_with_the_gateway_now_settles_a_paid_payment_once(database, sandbox):
    staff_id, _ = make_staff()
    client = make_client()
    make_invoice(client.id, number=7001, total_rial=1_000_000, due=date(2026, 12, 1))
    start = payments.start_payment(client.id)
    assert "هنوز" in operations.check_payment_now(staff_id, start.payment_id)  # not paid yet: still pending
    sandbox_pay(sandbox, start.redirect_url)  # paid; the payer never came back
    assert "تأیید" in operations.check_payment_now(staff_id, start.payment_id)
    assert _load(Payment, start.payment_id).status == "succeeded"
    assert "در انتظار نیست" in operations.check_payment_now(staff_id, start.payment_id)
    [line] = operations.list_payments(query=client.email)
    assert line.invoices == [7001] and [e.kind for e in line.events][-1] == "settled"
    with read_session() as s:
        assert s.exec(select(Invoice).where(Invoice.number == 7001)).one().status == "paid"


def test_a_manual_invoice_has_its_lines_a_number_and_its_messages(database):
    from dorna_app.billing.models import InvoiceItem

    staff_id, _ = make_staff()
    client = make_client()
    due = fa.digits(jdatetime.date.fromgregorian(date=business_today() + timedelta(days=7)).strftime("%Y/%m/%d"))
    bad = operations.create_invoice(staff_id, client.id, lines=[("آی‌پی اضافه", ""), ("", "۵۰٬۰۰۰")], due="دیروز")
    assert set(bad.errors) == {"line1", "line2", "due"}
    assert operations.create_invoice(staff_id, client.id, lines=[("", "")], due=due).errors == {
        "line1": "دست‌کم یک ردیف با شرح و مبلغ لازم است."}
    ok = operations.create_invoice(staff_id, client.id, due=due,
                                   lines=[("آی‌پی اضافه", "۵۰٬۰۰۰"), ("", ""), ("راه‌اندازی", "100000")])
    assert ok.ok
    with read_session() as s:
        invoice = s.exec(select(Invoice).where(Invoice.number == ok.object_id)).one()
        items = s.exec(select(InvoiceItem).where(InvoiceItem.invoice_id == invoice.id)).all()
        messages = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "invoice_issued")).all()
    # 10% VAT on each line (50,000 and 100,000 Toman), kept per line and in sum.
    assert (invoice.subtotal_rial, invoice.vat_rial, invoice.total_rial) == (1_500_000, 150_000, 1_650_000)
    assert sorted(i.vat_rial for i in items) == [50_000, 100_000] and invoice.status == "unpaid"
    assert {m.channel for m in messages} == {"email", "sms"}
    assert "شامل ۱۵٬۰۰۰ تومان مالیات بر ارزش افزوده" in next(m for m in messages if m.channel == "email").body_text
    assert audit.entries(action="invoice.create")[0].after["total_rial"] == 1_650_000


def test_a_refund_goes_to_credit_never_more_than_was_paid(database):
    from dorna_app.accounts.models import Client

    staff_id, _ = make_staff()
    client = make_client()
    paid = make_invoice(client.id, number=9100, total_rial=1_000_000, status="paid")
    make_invoice(client.id, number=9101, total_rial=1_000_000)
    assert "refund_amount" in operations.refund_invoice(staff_id, client.id, number="9101", amount_toman="1").errors
    assert "refund_number" in operations.refund_invoice(staff_id, client.id + 1, number="9100",
                                                        amount_toman="1").errors
    assert operations.refund_invoice(staff_id, client.id, number="۹۱۰۰", amount_toman="۴۰٬۰۰۰").ok
    assert "refund_amount" in operations.refund_invoice(staff_id, client.id, number="9100",
                                                        amount_toman="۷۰٬۰۰۰").errors  # only 60,000 left
    assert _load(Invoice, paid.id).status == "paid"
    assert operations.refund_invoice(staff_id, client.id, number="9100", amount_toman="۶۰٬۰۰۰").ok
    assert _load(Invoice, paid.id).status == "refunded" and _load(Client, client.id).credit_rial == 1_000_000
    assert not operations.refund_invoice(staff_id, client.id, number="9100", amount_toman="1").ok
    assert [r.action for r in audit.entries(action="invoice.refund")] == ["invoice.refund", "invoice.refund"]
