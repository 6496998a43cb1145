"""Staff write quotes and send them; the customer answers them on their own page (billing/quotes.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from dorna_app import effects
from dorna_app.accounts.models import Client
from dorna_app.backoffice import audit
from dorna_app.backoffice.customers import FormResult, parse_jalali, parse_lines
from dorna_app.billing import tax
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import Quote, QuoteItem, QuoteStatus
from dorna_app.billing.quotes import lines_of
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_mobile
from dorna_app.notify.models import MessageChannel
from dorna_app.notify.outbox import enqueue
from dorna_app.notify.templates import quote_email, quote_sms
from dorna_app.settings import get_settings

MAX_QUOTE_DAYS = 180


def create_quote(actor_id: int, client_id: int, *, subject: str, lines: list[tuple[str, str]], valid_until: str,
                 send: bool = True) -> FormResult:
    """A quote with its lines, valid until a date; sent at once (e-mail, SMS, the customer's page and
    dashboard card) unless kept as a draft."""
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["quote_subject"] = "عنوان پیش‌فاکتور را بنویسید."
    clean, line_errors = parse_lines(lines, "qline")
    errors.update(line_errors)
    until = parse_jalali(valid_until)
    today = business_today()
    if until is None:
        errors["valid_until"] = "تاریخ اعتبار را به شکل ۱۴۰۵/۰۹/۰۳ بنویسید."
    elif until < today or until > today + timedelta(days=MAX_QUOTE_DAYS):
        errors["valid_until"] = "اعتبار پیش‌فاکتور باید از امروز تا شش ماه دیگر باشد."
    if errors:
        return FormResult(False, errors=errors)
    with write_session() as session:
        client = session.get(Client, client_id)
        if client is None:
            return FormResult(False, errors={"form": "مشتری پیدا نشد."})
        total = sum(a for _, a in clean)
        quote = Quote(client_id=client_id, subject=subject.strip()[:200], total_rial=total, valid_until=until,
                      status=(QuoteStatus.DELIVERED if send else QuoteStatus.DRAFT).value)
        session.add(quote)
        session.flush()
        for description, amount in clean:
            session.add(QuoteItem(quote_id=quote.id, description=description, amount_rial=amount))
        audit.record(session, actor_id, "quote.create", "quote", quote.id,
                     after={"subject": quote.subject, "total_rial": total, "valid_until": until.isoformat(),
                            "sent": send})
        if send:
            _announce(session, client, quote)
        return FormResult(True, object_id=quote.id)


def _announce(session, client: Client, quote: Quote) -> None:
    name = f"{client.first_name} {client.last_name}".strip()
    url = f"{get_settings().public_url}/quotes"
    # What its invoice will add at today's rate.
    vat = tax.totals([a for _, a in lines_of(session, quote)], tax.current_rate_bp()).vat_rial
    mail = quote_email(name, quote.id, quote.subject, quote.total_rial, quote.valid_until, url, vat_rial=vat)
    enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL, kind="quote_sent",
            dedupe_key=f"quote:{quote.id}:email", recipient=client.email, subject=mail.subject, text=mail.text,
            html=mail.html)
    if mobile := normalize_mobile(client.mobile or ""):
        enqueue(session, client_id=client.id, channel=MessageChannel.SMS, kind="quote_sent",
                dedupe_key=f"quote:{quote.id}:sms", recipient=mobile,
                text=quote_sms(quote.id, quote.total_rial, quote.valid_until))
    effects.record_push(session, client.id)


def staff_quotes(client_id: int) -> list[Quote]:
    """A customer's quotes as staff see them (drafts too), newest first."""
    with read_session() as session:
        return list(session.exec(select(Quote).where(Quote.client_id == client_id).order_by(Quote.id.desc())).all())
