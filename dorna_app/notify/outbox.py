"""The transactional outbox: messages are written with the event that causes them, sent later.

`enqueue` runs inside the caller's transaction (a payment is booked and its confirmation written,
or neither). `deliver_due` claims due rows for a while, sends them outside any transaction, then
records the outcome: sent, retried later with backoff, or failed for good. Several senders at once
never claim the same row (SKIP LOCKED on PostgreSQL; SQLite's write lock serialises the claim).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, or_, select

from dorna_app.clock import utcnow
from dorna_app.db import write_session
from dorna_app.effects import record_outbox
from dorna_app.notify.addresses import valid_email
from dorna_app.notify.base import SendResult
from dorna_app.notify.email import build_message, send_email
from dorna_app.notify.models import MessageChannel, MessageStatus, OutboxMessage
from dorna_app.notify.sms import get_sms_client

BACKOFF = [timedelta(seconds=s) for s in (30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 86400)]
MAX_ATTEMPTS = len(BACKOFF) + 1
CLAIM_FOR = timedelta(minutes=5)
log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def enqueue(session: Session, *, client_id: int, channel: MessageChannel, kind: str, dedupe_key: str,
            recipient: str, text: str, subject: str = "", html: str = "", attachments: list[str] | None = None) -> bool:
    """Write a message in the caller's transaction; False when one with this key already exists."""
    refs = " ".join(attachments or [])
    if len(refs) > 400 or any(_parse_ref(ref) is None for ref in attachments or []):
        raise ValueError(f"attachment references must be kind:id and fit 400 characters: {refs[:80]}")
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)).first():
        return False
    try:
        with session.begin_nested():
            session.add(OutboxMessage(client_id=client_id, channel=channel, kind=kind, dedupe_key=dedupe_key,
                                      recipient=recipient, subject=subject[:200], body_text=text[:4000],
                                      body_html=html[:20000], attachments=refs))
    except IntegrityError:  # written by a concurrent transaction a moment ago
        return False
    record_outbox(session)
    return True


def enqueue_many(session: Session, rows: list[dict]) -> int:
    """Write many messages in one statement; rows whose dedupe key exists are skipped, not errors.

    Each row is a dict of OutboxMessage columns (client_id, channel, kind, dedupe_key, recipient,
    body_text, and optionally subject and body_html). Returns how many were new.
    """
    if not rows:
        return 0
    existing = set(session.exec(select(OutboxMessage.dedupe_key).where(
        OutboxMessage.dedupe_key.in_([row["dedupe_key"] for row in rows]))).all())
    rows = [row for row in rows if row["dedupe_key"] not in existing]
    if not rows:
        return 0
    now = utcnow()
    values = [{"subject": "", "body_html": "", "attachments": "", "status": MessageStatus.PENDING.value, "attempts": 0,
               "next_attempt_at": now, "created_at": now, **row} for row in rows]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    # A concurrent writer may still win a key between the check and the insert: skip, do not fail.
    statement = dialect_insert(OutboxMessage).on_conflict_do_nothing(index_elements=["dedupe_key"])
    session.execute(statement, values)
    record_outbox(session)
    return len(values)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def touched(self) -> int:
        return self.sent + self.retried + self.failed


def claim(limit: int, now: datetime, worker: str) -> list[OutboxMessage]:
    """Take up to `limit` due messages for this worker (also ones whose earlier claim ran out)."""
    with write_session() as session:
        query = (
            select(OutboxMessage)
            .where(or_(
                (OutboxMessage.status == MessageStatus.PENDING) & (OutboxMessage.next_attempt_at <= now),
                (OutboxMessage.status == MessageStatus.SENDING) & (OutboxMessage.claimed_until < now),
            ))
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = session.exec(query).all()
        for row in rows:
            row.status = MessageStatus.SENDING
            row.claimed_by = worker
            row.claimed_until = now + CLAIM_FOR
            row.attempts += 1
            session.add(row)
        return rows


class Attachment(Protocol):
    """A file for an e-mail, as an attacher makes it."""

    filename: str
    content: bytes
    content_type: str


# Makes the file a reference names: `{"invoice": make_invoice_pdf}` for `invoice:12`. The layers above
# notify pass theirs to `deliver_due`, so notify never imports billing.
Attachers = Mapping[str, Callable[[int], Attachment]]


def _parse_ref(ref: str) -> tuple[str, int] | None:
    kind, _, raw = ref.partition(":")
    return (kind, int(raw)) if kind.isalpha() and raw.isascii() and raw.isdigit() else None


def _files(message: OutboxMessage, attachers: Attachers) -> list[Attachment] | str:
    """The message's files, or why they cannot be made now (the message then waits: never sent without)."""
    files = []
    for ref in message.attachments.split():
        parsed = _parse_ref(ref)
        if parsed is None:
            return f"bad attachment reference {ref!r}"
        make = attachers.get(parsed[0])
        if make is None:
            return f"no attacher for {parsed[0]} in this process"
        files.append(make(parsed[1]))
    return files


def send(message: OutboxMessage, attachers: Attachers | None = None) -> SendResult:
    """Hand one message to its channel's provider."""
    if message.channel == MessageChannel.EMAIL:
        recipient = valid_email(message.recipient)
        if recipient is None:  # written before addresses were checked strictly, or by hand
            return SendResult(ok=False, permanent=True, error="recipient is not one plain e-mail address")
        files = _files(message, attachers or {})
        if isinstance(files, str):
            return SendResult(ok=False, error=files)
        mime = build_message(message.id, recipient, message.subject, message.body_text, message.body_html,
                             attachments=[(f.filename, f.content_type, f.content) for f in files])
        return send_email(mime, recipient)
    if message.channel == MessageChannel.SMS:
        return get_sms_client().send(message.recipient, message.body_text, local_id=f"outbox{message.id}")
    return SendResult(ok=False, permanent=True, error=f"unknown channel {message.channel}")


def record(message_id: int, worker: str, result: SendResult, now: datetime) -> str:
    """Store what happened; ignored when the claim was lost to another sender meanwhile."""
    with write_session() as session:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update()).one()
        if row.status != MessageStatus.SENDING or row.claimed_by != worker:
            return "lost"
        row.claimed_until = None
        if result.ok:
            row.status, row.sent_at, row.last_error = MessageStatus.SENT, now, None
            row.provider_id = result.provider_id
            outcome = "sent"
        elif result.permanent or row.attempts >= MAX_ATTEMPTS:
            row.status, row.last_error = MessageStatus.FAILED, result.error
            outcome = "failed"
        else:
            row.status, row.last_error = MessageStatus.PENDING, result.error
            row.next_attempt_at = now + BACKOFF[min(row.attempts - 1, len(BACKOFF) - 1)]
            outcome = "retried"
        session.add(row)
        return outcome


def deliver_due(limit: int = 50, *, now: datetime | None = None, worker: str | None = None,
                attachers: Attachers | None = None) -> DeliveryReport:
    """Send what is due now. Safe to run from several processes at once."""
    now = now or utcnow()
    worker = worker or worker_name()
    report = DeliveryReport()
    for message in claim(limit, now, worker):
        try:
            result = send(message, attachers)
        except Exception as exc:
            log.exception("sending outbox message %s failed", message.id)
            result = SendResult(ok=False, error=f"{type(exc).__name__}: {exc}"[:500])
        outcome = record(message.id, worker, result, utcnow())
        if outcome == "sent":
            report.sent += 1
        elif outcome == "retried":
            report.retried += 1
            report.errors.append(result.error)
        elif outcome == "failed":
            report.failed += 1
            report.errors.append(result.error)
    return report
