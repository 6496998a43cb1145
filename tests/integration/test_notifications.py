"""Payment confirmations through the outbox: one e-mail and one SMS, whatever fails or repeats."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlmodel import select

from dorna_app import fa
from dorna_app.accounts.profile import update_contact
from dorna_app.billing import payments
from dorna_app.billing.models import Payment
from dorna_app.clock import utcnow
from dorna_app.db import read_session
from dorna_app.jobs.runner import ATTACHERS
from dorna_app.notify import messages, outbox
from dorna_app.notify.addresses import normalize_mobile
from dorna_app.notify.models import OutboxMessage
from dorna_app.sandbox.smtp import start_smtp
from tests.factories import make_client, make_invoice, make_service
from tests.integration.test_payments import sandbox_pay, visit_callback

DUE = date(2026, 12, 1)


@pytest.fixture
def paid(sandbox):
    """A customer who paid two invoices through the sandbox gateway (callback visited once)."""
    client = make_client()
    service = make_service(client.id, due=DUE, name="alpha")
    make_invoice(client.id, number=1523, total_rial=1_620_000, due=DUE, service_id=service.id)
    make_invoice(client.id, number=1136, total_rial=500_000, due=DUE)
    start = payments.start_payment(client.id)
    callback = sandbox_pay(sandbox, start.redirect_url)
    visit_callback(callback)
    with read_session() as s:
        ref_id = s.get(Payment, start.payment_id).ref_id
    return {"client": client, "callback": callback, "ref_id": ref_id, "payment_id": start.payment_id}


def deliver(**kwargs) -> outbox.DeliveryReport:
    """The sender as the jobs run it: with the attacher that makes invoice PDFs."""
    return outbox.deliver_due(attachers=ATTACHERS, **kwargs)


def rows():
    with read_session() as s:
        return s.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def later(seconds: int):
    return utcnow() + timedelta(seconds=seconds)


def test_one_email_and_one_sms_with_the_right_content(paid, sandbox):
    assert deliver().sent == 2
    [mail] = sandbox.inbox.messages
    assert mail.rcpt_to == ["customer@example.com"]
    assert "۱۱۳۶" in mail.subject and "۱۵۲۳" in mail.subject
    assert "۲۱۲٬۰۰۰ تومان" in mail.text  # 2,120,000 Rial
    assert fa.digits(paid["ref_id"]) in mail.text
    assert fa.jalali_long(date(2027, 1, 1)) in mail.text  # the server's new due date
    assert 'dir="rtl"' in mail.html and mail.message_id.startswith("<outbox-")
    # Each paid invoice's official PDF goes with it, and the e-mail says so.
    assert sorted(f.filename for f in mail.files) == ["invoice-1136.pdf", "invoice-1523.pdf"]
    assert all(f.content_type == "application/pdf" and f.data.startswith(b"%PDF-") for f in mail.files)
    assert "صورت‌حساب رسمی (PDF) پیوست همین ایمیل است." in mail.text
    [sms] = sandbox.sms.sent
    assert sms.receptor == "09120000000"
    assert "۲۱۲٬۰۰۰ تومان" in sms.message and fa.digits(paid["ref_id"]) in sms.message
    assert fa.jalali(date(2027, 1, 1)) in sms.message
    assert {r.status for r in rows()} == {"sent"}


def test_an_email_whose_file_cannot_be_made_waits_and_is_never_sent_without_it(paid, sandbox):
    report = outbox.deliver_due()  # a sender that cannot make invoice PDFs
    assert (report.sent, report.retried) == (1, 1) and "invoice" in report.errors[0]
    assert sandbox.inbox.messages == []  # not sent bare
    assert deliver(now=later(31)).sent == 1
    [mail] = sandbox.inbox.messages
    assert len(mail.files) == 2


def test_replayed_callback_writes_and_sends_nothing_more(paid, sandbox):
    for _ in range(3):
        visit_callback(paid["callback"])
    assert len(rows()) == 2
    deliver()
    deliver(now=later(3600))
    assert len(sandbox.inbox.messages) == 1 and len(sandbox.sms.sent) == 1


def test_smtp_down_then_up_delivers_once(paid, sandbox):
    sandbox.smtp.stop()
    first = deliver()
    assert (first.sent, first.retried) == (1, 1)  # the SMS went; the e-mail waits
    email_row = next(r for r in rows() if r.channel == "email")
    assert email_row.status == "pending" and email_row.attempts == 1 and email_row.last_error
    assert deliver().touched == 0  # not due again yet (backoff)
    controller, _ = start_smtp(sandbox.smtp_port, inbox=sandbox.inbox)
    sandbox.smtp = controller
    assert deliver(now=later(31)).sent == 1
    assert deliver(now=later(7200)).touched == 0
    assert len(sandbox.inbox.messages) == 1


def test_sms_409_is_retried_then_sent_once(paid, sandbox):
    sandbox.sms.faults.fail_next = [409]
    deliver()
    sms_row = next(r for r in rows() if r.channel == "sms")
    assert (sms_row.status, sms_row.attempts) == ("pending", 1) and sms_row.last_error.startswith("409")
    deliver(now=later(31))
    deliver(now=later(3600))
    assert len(sandbox.sms.sent) == 1
    assert next(r for r in rows() if r.channel == "sms").status == "sent"


def test_sms_411_fails_for_good_without_a_retry_storm(paid, sandbox):
    sandbox.sms.faults.fail_next = [411]
    deliver()
    calls = sandbox.sms.calls
    for hours in (1, 5, 30):
        deliver(now=later(hours * 3600))
    sms_row = next(r for r in rows() if r.channel == "sms")
    assert (sms_row.status, sms_row.attempts) == ("failed", 1) and sms_row.last_error.startswith("411")
    assert sandbox.sms.calls == calls and sandbox.sms.sent == []


def test_transient_failures_stop_after_the_last_attempt(paid, sandbox):
    sandbox.sms.faults.fail_next = [409] * 50
    for day in range(12):
        deliver(now=later(day * 86400 + 1))
    sms_row = next(r for r in rows() if r.channel == "sms")
    assert sms_row.status == "failed" and sms_row.attempts == outbox.MAX_ATTEMPTS


def test_two_senders_at_once_send_each_message_once(paid, sandbox):
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda w: deliver(worker=f"w{w}"), range(2)))
    assert sum(r.sent for r in reports) == 2
    assert len(sandbox.inbox.messages) == 1 and len(sandbox.sms.sent) == 1


def test_a_lost_claim_is_picked_up_again(paid, sandbox):
    claimed = outbox.claim(10, utcnow(), "crashed-worker")  # claimed, then the worker died
    assert len(claimed) == 2 and deliver().touched == 0
    assert deliver(now=later(301)).sent == 2


def test_messages_page_data_and_unread_count(paid, sandbox):
    client_id = paid["client"].id
    assert messages.unread_count(client_id) == 2
    listed = messages.list_messages(client_id)
    assert {m.channel for m in listed} == {"email", "sms"} and all(m.unread for m in listed)
    messages.mark_read(client_id)
    assert messages.unread_count(client_id) == 0
    assert messages.unread_count(make_client(email="x@example.com").id) == 0


@pytest.mark.parametrize(("raw", "expected"), [
    ("۰۹۱۲۱۲۳۴۵۶۷", "09121234567"), ("+98 912 123 4567", "09121234567"), ("00989121234567", "09121234567"),
    ("9121234567", "09121234567"), ("٠٩١٢١٢٣٤٥٦٧", "09121234567"), ("0212345678", None), ("0912", None),
])
def test_mobile_numbers_are_normalised(raw, expected):
    assert normalize_mobile(raw) == expected


def test_contact_update_validates_and_changes_nothing_on_error(sandbox):
    client = make_client()
    bad = update_contact(client.id, email="not-an-email", mobile="0912")
    assert not bad.ok and bad.errors == {"email": "invalid", "mobile": "invalid"}
    # The same address in another spelling is no change; a new one waits for its link (test_security.py),
    # a new number for the code sent to it (test_otp.py).
    good = update_contact(client.id, email=" Customer@Example.com ", mobile="۰۹۳۵۱۱۱۲۲۳۳")
    assert good.ok and (good.contact.email, good.contact.mobile) == ("customer@example.com", "09120000000")
    assert good.mobile_pending == "09351112233"


def test_kavenegar_template_lookup_and_its_permanent_errors(sandbox):
    from dorna_app.notify.sms import get_sms_client

    client = get_sms_client()
    assert client.lookup("09121234567", "dorna-payment", "4445000", "201427151").ok
    unknown = client.lookup("09121234567", "no-such-template", "1")
    assert not unknown.ok and unknown.permanent and unknown.error.startswith("424")
    bad_token = client.lookup("09121234567", "dorna-payment", "has space")
    assert bad_token.permanent and bad_token.error.startswith("431")
    empty = client.send("09121234567", "   ")
    assert empty.permanent and empty.error.startswith("413")
