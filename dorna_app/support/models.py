"""Support's tables: departments, tickets, their messages (replies and staff-only notes), attachments
and the staff's saved replies.

A ticket's messages are never edited or deleted: the thread is the record of what was said. An
attachment is first "staged" by whoever uploads it (no message yet) and joins a message when that
message is written, in the same transaction; staged files nobody sent are swept away by a job.
Rows pointing at a staff member name the `staff_user` table by its name only: support sits below the
staff area and never imports it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, Text
from sqlmodel import Field, SQLModel

import dorna_app.accounts.models  # (the `client` table these rows point at)
import dorna_app.billing.models  # noqa: F401  (the `service` table a ticket may be about)
from dorna_app.clock import utcnow


class TicketStatus(StrEnum):
    OPEN = "open"  # new, nobody has answered yet
    ANSWERED = "answered"  # staff replied; the customer's turn
    CUSTOMER_REPLY = "customer_reply"  # the customer wrote again; staff's turn
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Author(StrEnum):
    CUSTOMER = "customer"
    STAFF = "staff"
    SYSTEM = "system"  # e.g. "closed after N days without a reply"


class SupportDepartment(SQLModel, table=True):
    """Where a ticket goes (فنی، مالی، فروش by default): its name, and the address new tickets e-mail."""

    __tablename__ = "support_department"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=60)
    email: str = Field(default="", max_length=254)
    active: bool = True
    position: int = 0


class Ticket(SQLModel, table=True):
    """A support ticket: who, which department, about which service, whose turn it is."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    subject: str = Field(max_length=200)
    status: str = Field(default=TicketStatus.OPEN.value, max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    department_id: int | None = Field(default=None, foreign_key="support_department.id", index=True)
    priority: str = Field(default=Priority.NORMAL.value, max_length=8)
    service_id: int | None = Field(default=None, foreign_key="service.id")
    assigned_staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    last_activity_at: datetime = Field(default_factory=utcnow)
    # When the customer last wrote (the queue's "waiting since" while it is staff's turn).
    customer_wrote_at: datetime = Field(default_factory=utcnow)
    # When staff last answered (the auto-close counts from here while it is the customer's turn).
    answered_at: datetime | None = None
    closed_at: datetime | None = None
    # Bumped by every change, so two staff members changing one ticket at once notice each other.
    version: int = Field(default=1)

    __table_args__ = (
        CheckConstraint("status IN ('open', 'answered', 'customer_reply', 'closed')", name="ck_ticket_status"),
        CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')", name="ck_ticket_priority"),
    )


class TicketMessage(SQLModel, table=True):
    """One reply in a thread, or a staff-only note (`internal`) the customer never sees."""

    __tablename__ = "ticket_message"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    author: str = Field(max_length=8)
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    internal: bool = False
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (CheckConstraint("author IN ('customer', 'staff', 'system')", name="ck_ticket_message_author"),)


class TicketAttachment(SQLModel, table=True):
    """A file sent with a message. Stored outside the web root under `stored_name` (random); its type
    was decided from its bytes. Staged (no message yet) until the message that carries it is written."""

    __tablename__ = "ticket_attachment"

    id: int | None = Field(default=None, primary_key=True)
    stored_name: str = Field(max_length=64, unique=True)
    filename: str = Field(max_length=120)
    content_type: str = Field(max_length=64)
    size: int
    sha256: str = Field(max_length=64)
    # Who uploaded it: a customer or a staff member (exactly one).
    client_id: int | None = Field(default=None, foreign_key="client.id")
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="ticket_message.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (
        CheckConstraint("(client_id IS NULL) <> (staff_id IS NULL)", name="ck_ticket_attachment_owner"),
        CheckConstraint("size > 0", name="ck_ticket_attachment_size"),
        Index("ix_ticket_attachment_staged", "message_id", "created_at"),
    )


class SavedReply(SQLModel, table=True):
    """A common answer staff insert into a reply and adjust."""

    __tablename__ = "saved_reply"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=100)
    body: str = Field(sa_column=Column(Text, nullable=False))
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(default_factory=utcnow)
