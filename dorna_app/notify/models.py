"""The outbox table: every e-mail and SMS, written with the change that causes it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

import dorna_app.accounts.models  # noqa: F401  (the `client` table these rows point at)
from dorna_app.clock import utcnow


class MessageChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class MessageStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(SQLModel, table=True):
    """An e-mail or SMS to send, written in the same transaction as the event that causes it.

    `dedupe_key` is unique (e.g. `payment:42:sms`): writing the same message twice is impossible,
    so a replayed callback or a re-run job cannot send twice. Delivery claims a row for a while
    (`claimed_until`) so several senders never send the same row at once.
    """

    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    channel: str = Field(max_length=8)
    kind: str = Field(max_length=32)
    dedupe_key: str = Field(max_length=128, unique=True)
    recipient: str = Field(max_length=254)
    subject: str = Field(default="", max_length=200)
    body_text: str = Field(max_length=4000)
    body_html: str = Field(default="", max_length=20000)
    # Files made when the message is sent, by reference (`invoice:12 invoice:13`): the outbox row stays
    # small and the file is rendered from what the database holds at that moment (see `outbox.send`).
    attachments: str = Field(default="", max_length=400)
    status: str = Field(default=MessageStatus.PENDING.value, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    claimed_until: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=64)
    last_error: str | None = Field(default=None, max_length=500)
    provider_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    read_at: datetime | None = None

    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_client_created", "client_id", "created_at"),
    )
