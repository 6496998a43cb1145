"""Support's tables: tickets (the dashboard counts open ones; their pages come with the tickets issue)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

import dorna_app.accounts.models  # noqa: F401  (the `client` table these rows point at)
from dorna_app.clock import utcnow


class TicketStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CUSTOMER_REPLY = "customer_reply"
    CLOSED = "closed"


class Ticket(SQLModel, table=True):
    """A support ticket (the dashboard counts open ones; its pages come later)."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    subject: str = Field(max_length=200)
    status: str = Field(default=TicketStatus.OPEN.value, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
