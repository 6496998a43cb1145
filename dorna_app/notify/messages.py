"""Which messages an event writes to the outbox, and the customer's own view of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select, update

from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_mobile
from dorna_app.notify.models import MessageChannel, OutboxMessage
from dorna_app.notify.outbox import enqueue
from dorna_app.notify.templates import PaymentConfirmation, payment_email, payment_sms


@dataclass(frozen=True)
class Recipient:
    """Who a message is for and where it goes (the caller reads these from its customer row)."""

    client_id: int
    email: str
    mobile: str | None = None


def notify_payment(session: Session, client: Recipient, payment_id: int, data: PaymentConfirmation,
                   attachments: list[str] | None = None) -> int:
    """Write the payment confirmation (e-mail and SMS) in the settlement's own transaction; the e-mail
    carries `attachments` (references such as `invoice:12`, made into files when it is sent)."""
    written = 0
    mail = payment_email(data)
    written += enqueue(session, client_id=client.client_id, channel=MessageChannel.EMAIL, kind="payment_confirmation",
                       dedupe_key=f"payment:{payment_id}:email", recipient=client.email, subject=mail.subject,
                       text=mail.text, html=mail.html, attachments=attachments)
    mobile = normalize_mobile(client.mobile or "")
    if mobile:
        written += enqueue(session, client_id=client.client_id, channel=MessageChannel.SMS, kind="payment_confirmation",
                           dedupe_key=f"payment:{payment_id}:sms", recipient=mobile, text=payment_sms(data))
    return written


@dataclass(frozen=True)
class InboxMessage:
    id: int
    channel: str
    subject: str
    text: str
    status: str
    created_at: datetime
    sent_at: datetime | None
    unread: bool


# Messages to the host's own addresses (a new ticket for the department) name the customer they are
# about, but are not the customer's: their kind starts with this and the customer's inbox skips them.
STAFF_KIND_PREFIX = "staff_"


def _customers_own(client_id: int):
    return (OutboxMessage.client_id == client_id) & ~col(OutboxMessage.kind).startswith(STAFF_KIND_PREFIX)


def enqueue_sms(session: Session, client_id: int, mobile: str, text: str, *, key: str) -> int:
    """One SMS about the account (e.g. to the old number after a change), in the caller's transaction."""
    return enqueue(session, client_id=client_id, channel=MessageChannel.SMS, kind="account_notice", dedupe_key=key,
                   recipient=mobile, text=text)


def unread_count(client_id: int) -> int:
    """The user bar's "new messages": messages the customer has not looked at yet."""
    with read_session() as session:
        return int(session.exec(select(func.count()).select_from(OutboxMessage).where(
            _customers_own(client_id), OutboxMessage.read_at.is_(None))).one())


def list_messages(client_id: int, limit: int = 50) -> list[InboxMessage]:
    """Every message sent (or being sent) to the customer, newest first."""
    with read_session() as session:
        rows = session.exec(
            select(OutboxMessage).where(_customers_own(client_id))
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(limit)).all()
    return [InboxMessage(r.id, r.channel, r.subject, r.body_text, r.status, r.created_at, r.sent_at,
                         r.read_at is None) for r in rows]


def mark_read(client_id: int) -> int:
    """The customer opened the messages page: everything listed there is now read."""
    with write_session() as session:
        result = session.exec(update(OutboxMessage).where(
            _customers_own(client_id), OutboxMessage.read_at.is_(None)).values(read_at=utcnow()))
        return result.rowcount or 0
