"""Billing's tables: services, invoices, payments, credit, quotes.

Money is integer Rial (`*_rial`); statuses are StrEnum values as text.

Every status column changes only through `billing.transitions.transition`, which checks the allowed
moves and records a `StatusChange` row.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

import dorna_app.accounts.models  # (the `client` table these rows point at)
import dorna_app.provisioning.models  # noqa: F401  (the `panel` table a service may point at)
from dorna_app.clock import utcnow


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



class QuoteStatus(StrEnum):
    DRAFT = "draft"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    DECLINED = "declined"





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
    # The server on its control panel; without both, the service is billing-only (no panel commands).
    panel_id: int | None = Field(default=None, foreign_key="panel.id")
    vpsid: int | None = None

    __table_args__ = (
        CheckConstraint("price_rial > 0", name="ck_service_price_positive"),
        CheckConstraint("billing_cycle_months > 0", name="ck_service_cycle_positive"),
        Index("ix_service_status_due", "status", "next_due_date"),
    )


class Invoice(SQLModel, table=True):
    """A bill. `subtotal_rial` is the sum of its items, `vat_rial` the sum of their VAT at `vat_rate_bp`
    (see `billing.tax`), `total_rial` what is paid; what is owed is derived, never stored twice.
    `seller` and `buyer` are the official invoice's parties as they were when it was issued
    (`billing.official`); the buyer's copy follows the customer's edits until the invoice is paid."""

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    client_id: int = Field(foreign_key="client.id")
    issued_on: date
    due_on: date
    subtotal_rial: int
    vat_rate_bp: int = 0
    vat_rial: int = 0
    total_rial: int
    status: str = Field(default=InvoiceStatus.UNPAID.value, max_length=16)
    paid_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    seller: dict | None = Field(default=None, sa_column=Column(JSON))
    buyer: dict | None = Field(default=None, sa_column=Column(JSON))

    __table_args__ = (
        CheckConstraint("total_rial >= 0", name="ck_invoice_total_nonneg"),
        CheckConstraint("vat_rial >= 0 AND total_rial = subtotal_rial + vat_rial", name="ck_invoice_vat_sum"),
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
    amount_rial: int  # before VAT
    vat_rial: int = 0

    __table_args__ = (
        # One renewal invoice line per service and period, whoever creates it.
        UniqueConstraint("service_id", "period_start", name="uq_invoice_item_service_period"),
    )


class Payment(SQLModel, table=True):
    """One trip to a gateway, paying one or many invoices (see `PaymentInvoice`)."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    gateway: str = Field(max_length=32)
    amount_rial: int  # what the gateway (or the transfer, or the wallet for gateway "credit") moves
    # The wallet's part of an invoice payment beside the gateway's (held until the gateway settles).
    credit_rial: int = Field(default=0)
    purpose: str = Field(default="invoices", max_length=16)  # invoices, or topup (adding funds)
    status: str = Field(default=PaymentStatus.PENDING.value, max_length=16)
    authority: str | None = Field(default=None, max_length=64, unique=True)
    ref_id: str | None = Field(default=None, max_length=64)
    card_pan: str | None = Field(default=None, max_length=32)
    failure_code: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    settled_at: datetime | None = None
    # Reconciliation asks the gateway about a pending payment less and less often (see payments.py).
    checks: int = Field(default=0)
    next_check_at: datetime | None = None

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



class Quote(SQLModel, table=True):
    """A price quote (پیش‌فاکتور; the seed calls it مظنه and نقل قول) offered to the customer."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    subject: str = Field(max_length=200)
    total_rial: int
    status: str = Field(default=QuoteStatus.DELIVERED.value, max_length=16)
    valid_until: date
    created_at: datetime = Field(default_factory=utcnow)
    # The invoice its acceptance issued (one quote, at most one invoice).
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id")

    __table_args__ = (UniqueConstraint("invoice_id", name="uq_quote_invoice"),)


class QuoteItem(SQLModel, table=True):
    """A line of a quote; accepting the quote turns the lines into the invoice's lines."""

    __tablename__ = "quote_item"

    id: int | None = Field(default=None, primary_key=True)
    quote_id: int = Field(foreign_key="quote.id", index=True)
    description: str = Field(max_length=500)
    amount_rial: int

    __table_args__ = (CheckConstraint("amount_rial > 0", name="ck_quote_item_amount_positive"),)



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
    """The wallet's ledger: every change of a customer's credit, with the balance after it."""

    __tablename__ = "credit_entry"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    amount_rial: int  # positive adds credit, negative spends it
    payment_id: int | None = Field(default=None, foreign_key="payment.id")
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    reason: str = Field(max_length=200)
    at: datetime = Field(default_factory=utcnow)
    kind: str = Field(default="overpayment", max_length=16)  # topup, overpayment, refund, spend, reversal
    balance_after: int | None = None  # the balance once this entry was booked

    __table_args__ = (
        # A payment credits each of its invoices' money at most once.
        UniqueConstraint("payment_id", "invoice_id", name="uq_credit_payment_invoice"),
    )







class Counter(SQLModel, table=True):
    """Named counters handed out under a row lock: invoice numbers stay unique and gap-free per batch
    even when two runners race."""

    name: str = Field(primary_key=True, max_length=32)
    value: int = 0
