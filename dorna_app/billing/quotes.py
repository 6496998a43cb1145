"""Quotes (پیش‌فاکتور): what a customer is offered, and accepting one, which issues its invoice.

Acceptance is one transaction under the quote's row lock: a double click, two tabs or a late click
after expiry can never issue two invoices or an invoice for an expired offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select

from dorna_app.billing import automation, tax
from dorna_app.billing.models import Invoice, Quote, QuoteItem, QuoteStatus
from dorna_app.db import read_session, write_session
from dorna_app.effects import record_push

ACCEPTED_INVOICE_DAYS = 7  # the invoice an accepted quote issues is due a week later


class QuoteOutcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_FOUND = "not_found"
    EXPIRED = "expired"
    ALREADY = "already"  # answered before (accepted or declined)


@dataclass(frozen=True)
class QuoteView:
    id: int
    subject: str
    total_rial: int
    status: str
    valid_until: date
    expired: bool
    lines: list[tuple[str, int]]
    invoice_number: int | None
    vat_rial: int = 0  # what accepting adds at today's rate (the invoice then keeps its own)


def lines_of(session: Session, quote: Quote) -> list[tuple[str, int]]:
    """A quote's lines; an old quote written without lines is its subject for its total."""
    items = session.exec(select(QuoteItem).where(QuoteItem.quote_id == quote.id).order_by(col(QuoteItem.id))).all()
    return [(i.description, i.amount_rial) for i in items] or [(quote.subject, quote.total_rial)]


def customer_quotes(client_id: int, today: date) -> list[QuoteView]:
    """The quotes a customer has been sent (not drafts), newest first."""
    with read_session() as session:
        quotes = session.exec(select(Quote).where(Quote.client_id == client_id, Quote.status != QuoteStatus.DRAFT)
                              .order_by(col(Quote.id).desc())).all()
        numbers = dict(session.exec(select(Invoice.id, Invoice.number).where(
            col(Invoice.id).in_([q.invoice_id for q in quotes if q.invoice_id]))).all()) if quotes else {}
        rate = tax.current_rate_bp()
        views = []
        for q in quotes:
            lines = lines_of(session, q)
            views.append(QuoteView(id=q.id, subject=q.subject, total_rial=q.total_rial, status=q.status,
                                   valid_until=q.valid_until, expired=q.valid_until < today, lines=lines,
                                   invoice_number=numbers.get(q.invoice_id),
                                   vat_rial=tax.totals([a for _, a in lines], rate).vat_rial))
        return views


def answer_quote(client_id: int, quote_id: int, accept: bool, today: date) -> tuple[QuoteOutcome, int | None]:
    """The customer accepts (an invoice is issued, payable like any other) or declines a sent quote.
    Returns the outcome and, when accepted, the new invoice's number."""
    with write_session() as session:
        quote = session.exec(select(Quote).where(Quote.id == quote_id, Quote.client_id == client_id)
                             .with_for_update().execution_options(populate_existing=True)).first()
        if quote is None or quote.status == QuoteStatus.DRAFT:
            return QuoteOutcome.NOT_FOUND, None
        if quote.status != QuoteStatus.DELIVERED:
            return QuoteOutcome.ALREADY, None
        if accept and quote.valid_until < today:
            return QuoteOutcome.EXPIRED, None
        if not accept:
            quote.status = QuoteStatus.DECLINED.value
            session.add(quote)
            record_push(session, client_id)
            return QuoteOutcome.DECLINED, None
        invoice = automation.issue_invoice(session, client_id=client_id, lines=lines_of(session, quote),
                                           due_on=today + timedelta(days=ACCEPTED_INVOICE_DAYS), today=today)
        quote.status, quote.invoice_id = QuoteStatus.ACCEPTED.value, invoice.id
        session.add(quote)
        return QuoteOutcome.ACCEPTED, invoice.number
