"""Quotes: staff write and send them; the customer accepts (one invoice, whatever the clicks) or
declines; an expired, draft or foreign quote cannot be accepted. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import jdatetime
from sqlmodel import func, select

from dorna_app import fa
from dorna_app.backoffice import quotes as staff_quotes
from dorna_app.billing import quotes
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import Invoice, InvoiceItem, Quote
from dorna_app.db import read_session, write_session
from dorna_app.notify.models import OutboxMessage
from tests.factories import make_client, make_staff


def _jalali(days: int) -> str:
    return fa.digits(jdatetime.date.fromgregorian(date=business_today() + timedelta(days=days)).strftime("%Y/%m/%d"))


def _invoices() -> int:
    with read_session() as s:
        return s.exec(select(func.count()).select_from(Invoice)).one()


def test_a_sent_quote_is_accepted_once_into_an_invoice_with_its_lines(database):
    staff_id, _ = make_staff()
    client = make_client()
    bad = staff_quotes.create_quote(staff_id, client.id, subject="", lines=[("رم", "")], valid_until=_jalali(400))
    assert set(bad.errors) == {"quote_subject", "qline1", "valid_until"}
    sent = staff_quotes.create_quote(staff_id, client.id, subject="ارتقای رم", valid_until=_jalali(10),
                                     lines=[("۸ گیگ رم بیشتر", "۳۰۰٬۰۰۰"), ("راه‌اندازی", "۵۰٬۰۰۰")])
    assert sent.ok
    with read_session() as s:
        kinds = {m.channel for m in s.exec(select(OutboxMessage).where(OutboxMessage.kind == "quote_sent")).all()}
    assert kinds == {"email", "sms"}
    [view] = quotes.customer_quotes(client.id, business_today())
    assert view.total_rial == 3_500_000 and not view.expired and len(view.lines) == 2
    other = make_client("someone-else@example.com")
    assert quotes.answer_quote(other.id, sent.object_id, True, business_today())[0] == quotes.QuoteOutcome.NOT_FOUND
    before = _invoices()
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(
        quotes.answer_quote(client.id, sent.object_id, True, business_today()))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r[0] for r in results).count(quotes.QuoteOutcome.ACCEPTED) == 1
    assert _invoices() == before + 1
    number = next(r[1] for r in results if r[0] == quotes.QuoteOutcome.ACCEPTED)
    with read_session() as s:
        invoice = s.exec(select(Invoice).where(Invoice.number == number)).one()
        lines = s.exec(select(InvoiceItem).where(InvoiceItem.invoice_id == invoice.id)).all()
        quote = s.get(Quote, sent.object_id)
    assert (invoice.subtotal_rial, invoice.total_rial) == (3_500_000, 3_850_000)  # the quote's price plus VAT
    assert invoice.status == "unpaid" and len(lines) == 2
    assert quote.status == "accepted" and quote.invoice_id == invoice.id
    assert quotes.answer_quote(client.id, sent.object_id, False, business_today())[0] == quotes.QuoteOutcome.ALREADY


def test_expired_draft_and_declined_quotes_issue_nothing(database):
    staff_id, _ = make_staff()
    client = make_client()
    draft = staff_quotes.create_quote(staff_id, client.id, subject="پیش‌نویس", lines=[("x", "۱۰۰")],
                                      valid_until=_jalali(5), send=False)
    assert quotes.customer_quotes(client.id, business_today()) == []
    assert quotes.answer_quote(client.id, draft.object_id, True, business_today())[0] == quotes.QuoteOutcome.NOT_FOUND
    late = staff_quotes.create_quote(staff_id, client.id, subject="دیرکرد", lines=[("x", "۱۰۰")],
                                     valid_until=_jalali(1))
    later = business_today() + timedelta(days=2)
    assert quotes.customer_quotes(client.id, later)[0].expired
    assert quotes.answer_quote(client.id, late.object_id, True, later)[0] == quotes.QuoteOutcome.EXPIRED
    assert quotes.answer_quote(client.id, late.object_id, False, later)[0] == quotes.QuoteOutcome.DECLINED
    assert _invoices() == 0


def test_a_quote_written_without_lines_is_its_subject_for_its_total(database):
    client = make_client()
    with write_session() as s:
        quote = Quote(client_id=client.id, subject="ارتقا", total_rial=4_500_000, valid_until=business_today())
        s.add(quote)
        s.flush()
        quote_id = quote.id
    outcome, number = quotes.answer_quote(client.id, quote_id, True, business_today())
    assert outcome == quotes.QuoteOutcome.ACCEPTED
    with read_session() as s:
        assert s.exec(select(Invoice.subtotal_rial).where(Invoice.number == number)).one() == 4_500_000
