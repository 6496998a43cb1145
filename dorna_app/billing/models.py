"""Tables of the client area. Money is integer Rial (`*_rial`); statuses are StrEnum values as text.

Every status column changes only through `billing.transitions.transition`, which checks the allowed
moves and records a `StatusChange` row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Aware UTC now; SQLModel's UTCDateTime columns store and return aware UTC datetimes."""
    return datetime.now(UTC)


class ServiceStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    CANCELLED = "cancelled"


class SuspensionReason(StrEnum):
    NON_PAYMENT = "non_payment"
    ABUSE = "abuse"
    OTHER = "other"


class InvoiceStatus(StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class PaymentStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class TicketStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CUSTOMER_REPLY = "customer_reply"
    CLOSED = "closed"


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Client(SQLModel, table=True):
    """A customer of the host: the person who signs in to the client area."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    mobile: str | None = Field(default=None, max_length=11)
    # Money paid that found no unpaid invoice to settle; spent on the next invoices.
    credit_rial: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (CheckConstraint("credit_rial >= 0", name="ck_client_credit_nonneg"),)


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the cookie's token is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    last_seen_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
    ip_address: str = Field(default="", max_length=45)
    user_agent: str = Field(default="", max_length=255)


class LoginAttempt(SQLModel, table=True):
    """One sign-in try, kept to slow down password guessing per e-mail and per address."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    ip_address: str = Field(max_length=45)
    succeeded: bool = False
    at: datetime = Field(default_factory=utcnow)

    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "at"),
        Index("ix_login_attempt_ip_at", "ip_address", "at"),
    )


class Service(SQLModel, table=True):
    """A server (or other product) the customer rents, renewed every `billing_cycle_months`."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    name: str = Field(max_length=200)
    hostname: str = Field(default="", max_length=253)
    ip_address: str = Field(default="", max_length=45)
    plan: str = Field(default="", max_length=100)
    price_rial: int
    billing_cycle_months: int = Field(default=1)
    next_due_date: date
    status: str = Field(default=ServiceStatus.ACTIVE.value, max_length=16)
    suspension_reason: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (
        CheckConstraint("price_rial > 0", name="ck_service_price_positive"),
        CheckConstraint("billing_cycle_months > 0", name="ck_service_cycle_positive"),
        Index("ix_service_status_due", "status", "next_due_date"),
    )


class Invoice(SQLModel, table=True):
    """A bill. `total_rial` is the sum of its items; what is owed is derived, never stored twice."""

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    client_id: int = Field(foreign_key="client.id")
    issued_on: date
    due_on: date
    total_rial: int
    status: str = Field(default=InvoiceStatus.UNPAID.value, max_length=16)
    paid_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (
        CheckConstraint("total_rial >= 0", name="ck_invoice_total_nonneg"),
        Index("ix_invoice_client_status_due", "client_id", "status", "due_on"),
        Index("ix_invoice_client_issued", "client_id", "issued_on"),
        Index("ix_invoice_client_due", "client_id", "due_on"),
        Index("ix_invoice_client_number", "client_id", "number"),
    )


class InvoiceItem(SQLModel, table=True):
    """A line of an invoice; a renewal line names its service and the period it pays for."""

    __tablename__ = "invoice_item"

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    description: str = Field(max_length=500)
    period_start: date | None = None
    period_end: date | None = None
    amount_rial: int

    __table_args__ = (
        # One renewal invoice line per service and period, whoever creates it.
        UniqueConstraint("service_id", "period_start", name="uq_invoice_item_service_period"),
    )


class Payment(SQLModel, table=True):
    """One trip to a gateway, paying one or many invoices (see `PaymentInvoice`)."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    gateway: str = Field(max_length=32)
    amount_rial: int
    status: str = Field(default=PaymentStatus.PENDING.value, max_length=16)
    authority: str | None = Field(default=None, max_length=64, unique=True)
    ref_id: str | None = Field(default=None, max_length=64)
    card_pan: str | None = Field(default=None, max_length=32)
    failure_code: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    settled_at: datetime | None = None

    __table_args__ = (
        CheckConstraint("amount_rial > 0", name="ck_payment_amount_positive"),
        UniqueConstraint("gateway", "ref_id", name="uq_payment_gateway_ref"),
        Index("ix_payment_status_created", "status", "created_at"),
    )


class PaymentInvoice(SQLModel, table=True):
    """Which invoices a payment pays: one payment, many invoices, no hidden combined invoice."""

    __tablename__ = "payment_invoice"

    payment_id: int = Field(foreign_key="payment.id", primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", primary_key=True, index=True)
    amount_rial: int


class PaymentEvent(SQLModel, table=True):
    """Append-only log of what happened to a payment (request, callback, verify, settlement)."""

    __tablename__ = "payment_event"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payment.id", index=True)
    kind: str = Field(max_length=32)
    detail: str = Field(default="", max_length=2000)
    at: datetime = Field(default_factory=utcnow)


class StatusChange(SQLModel, table=True):
    """Append-only record of every status transition of an invoice, service or payment."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=16)
    entity_id: int
    from_status: str = Field(max_length=16)
    to_status: str = Field(max_length=16)
    reason: str = Field(default="", max_length=200)
    at: datetime = Field(default_factory=utcnow)

    __table_args__ = (Index("ix_status_change_entity", "entity", "entity_id"),)


class Ticket(SQLModel, table=True):
    """A support ticket (the dashboard counts open ones; its pages come later)."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    subject: str = Field(max_length=200)
    status: str = Field(default=TicketStatus.OPEN.value, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)


class Quote(SQLModel, table=True):
    """A price quote (مظنه / نقل قول) offered to the customer."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    subject: str = Field(max_length=200)
    total_rial: int
    status: str = Field(default=QuoteStatus.DELIVERED.value, max_length=16)
    valid_until: date
    created_at: datetime = Field(default_factory=utcnow)


class LiveTab(SQLModel, table=True):
    """An open browser tab of a customer, so a change (a payment) can be pushed to it at once.

    Kept in the database rather than in memory so that any worker can reach every tab.
    """

    __tablename__ = "live_tab"

    token: str = Field(primary_key=True, max_length=64)
    client_id: int = Field(foreign_key="client.id", index=True)
    seen_at: datetime = Field(default_factory=utcnow)


class ServiceRenewal(SQLModel, table=True):
    """A service's period extended by a paid invoice: what the result page, e-mail and SMS report.

    Unique per invoice line, so settling the same invoice again can never extend a service twice.
    """

    __tablename__ = "service_renewal"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payment.id", index=True)
    invoice_id: int = Field(foreign_key="invoice.id")
    service_id: int = Field(foreign_key="service.id", index=True)
    old_due_date: date
    new_due_date: date
    unsuspended: bool = False
    at: datetime = Field(default_factory=utcnow)

    __table_args__ = (UniqueConstraint("invoice_id", "service_id", name="uq_renewal_invoice_service"),)


class CreditEntry(SQLModel, table=True):
    """Why a customer's credit balance changed (money that found no unpaid invoice, or was spent)."""

    __tablename__ = "credit_entry"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    amount_rial: int  # positive adds credit, negative spends it
    payment_id: int | None = Field(default=None, foreign_key="payment.id")
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    reason: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)

    __table_args__ = (
        # A payment credits each of its invoices' money at most once.
        UniqueConstraint("payment_id", "invoice_id", name="uq_credit_payment_invoice"),
    )


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


class JobLease(SQLModel, table=True):
    """Who may run a job right now: one row per job, taken with a compare-and-set on `held_until`."""

    __tablename__ = "job_lease"

    name: str = Field(primary_key=True, max_length=64)
    holder: str | None = Field(default=None, max_length=64)
    held_until: datetime | None = None


class JobRun(SQLModel, table=True):
    """One run of a job: when, how long, how many rows it touched, and how it ended."""

    __tablename__ = "job_run"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, index=True)
    holder: str = Field(max_length=64)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    duration_ms: int | None = None
    rows: int = 0
    ok: bool = False
    error: str | None = Field(default=None, max_length=1000)


class Counter(SQLModel, table=True):
    """Named counters handed out under a row lock: invoice numbers stay unique and gap-free per batch
    even when two runners race."""

    name: str = Field(primary_key=True, max_length=32)
    value: int = 0
