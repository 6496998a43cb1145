"""Read-side queries for the client area, always scoped to one customer.

Counting, filtering, sorting and paging all happen in SQL on indexed columns, so a customer with
10,000 invoices costs the same page of rows as one with seven. Every function takes the signed-in
customer's id: there is no way to ask for another customer's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import String, cast, func, or_
from sqlmodel import select

from dorna_app.accounts.models import Client
from dorna_app.billing import official
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import (
    Invoice,
    InvoiceItem,
    InvoiceStatus,
    Payment,
    PaymentInvoice,
    PaymentStatus,
    Quote,
    QuoteStatus,
    Service,
    ServiceStatus,
)
from dorna_app.db import read_session

SORT_COLUMNS = {
    "number": Invoice.number,
    "issued": Invoice.issued_on,
    "due": Invoice.due_on,
    "total": Invoice.total_rial,
    "status": Invoice.status,
}
DEFAULT_SORT = "due"
PAGE_SIZES = (10, 25, 50)
STATUS_FILTERS = ("all", *(s.value for s in InvoiceStatus))


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: int
    issued_on: date
    due_on: date
    total_rial: int
    status: str


@dataclass(frozen=True)
class InvoicePage:
    rows: list[InvoiceRow]
    total: int  # rows matching the filter, over all pages
    page: int  # 1-based, clamped into range
    page_size: int
    pages: int

    @property
    def first_index(self) -> int:
        return 0 if self.total == 0 else (self.page - 1) * self.page_size + 1

    @property
    def last_index(self) -> int:
        return min(self.page * self.page_size, self.total)


@dataclass(frozen=True)
class UnpaidSummary:
    count: int
    total_rial: int


@dataclass(frozen=True)
class DashboardCounts:
    unpaid_invoices: int
    unpaid_total_rial: int
    quotes: int
    active_services: int
    credit_rial: int


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    service_id: int | None
    service_name: str | None
    period_start: date | None
    period_end: date | None
    amount_rial: int
    vat_rial: int = 0


@dataclass(frozen=True)
class PaymentInfo:
    ref_id: str | None
    card_pan: str | None
    settled_at: datetime | None
    gateway: str


@dataclass(frozen=True)
class InvoiceDetail:
    invoice: InvoiceRow
    paid_at: datetime | None
    lines: list[InvoiceLine] = field(default_factory=list)
    payment: PaymentInfo | None = None
    subtotal_rial: int = 0
    vat_rial: int = 0
    vat_rate_bp: int = 0
    # The official invoice's parties (billing.official): every key present, missing values empty.
    seller: dict[str, str] = field(default_factory=dict)
    buyer: dict[str, str] = field(default_factory=dict)


def unpaid_summary(client_id: int) -> UnpaidSummary:
    """How many invoices the customer has unpaid and what they add up to."""
    with read_session() as session:
        count, total = session.exec(
            select(func.count(), func.coalesce(func.sum(Invoice.total_rial), 0)).where(
                Invoice.client_id == client_id, Invoice.status == InvoiceStatus.UNPAID
            )
        ).one()
    return UnpaidSummary(count=int(count), total_rial=int(total))


def unpaid_total_of(client_id: int, numbers: list[int]) -> int:
    """What the chosen invoices still owe (only this customer's unpaid ones count)."""
    if not numbers:
        return 0
    with read_session() as session:
        total = session.exec(
            select(func.coalesce(func.sum(Invoice.total_rial), 0)).where(
                Invoice.client_id == client_id, Invoice.status == InvoiceStatus.UNPAID,
                Invoice.number.in_(numbers))
        ).one()
    return int(total)


def status_counts(client_id: int) -> dict[str, int]:
    """Invoices per status, with every status present (zero when none) and 'all'."""
    with read_session() as session:
        rows = session.exec(
            select(Invoice.status, func.count())
            .where(Invoice.client_id == client_id)
            .group_by(Invoice.status)
        ).all()
    counts = {s.value: 0 for s in InvoiceStatus}
    for status, count in rows:
        counts[status] = int(count)
    counts["all"] = sum(counts.values())
    return counts


def list_invoices(
    client_id: int,
    *,
    status: str = "all",
    sort: str = DEFAULT_SORT,
    descending: bool = True,
    page: int = 1,
    page_size: int = 10,
) -> InvoicePage:
    """One page of the customer's invoices. Unknown filters fall back to defaults; the page is clamped."""
    if status not in STATUS_FILTERS:
        status = "all"
    column = SORT_COLUMNS.get(sort, SORT_COLUMNS[DEFAULT_SORT])
    if page_size not in PAGE_SIZES:
        page_size = PAGE_SIZES[0]
    conditions = [Invoice.client_id == client_id]
    if status != "all":
        conditions.append(Invoice.status == status)
    with read_session() as session:
        total = int(session.exec(select(func.count()).select_from(Invoice).where(*conditions)).one())
        pages = max(1, -(-total // page_size))
        page = min(max(1, page), pages)
        order = column.desc() if descending else column.asc()
        tiebreak = Invoice.number.desc() if descending else Invoice.number.asc()
        found = session.exec(
            select(Invoice)
            .where(*conditions)
            .order_by(order, tiebreak)
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    rows = [_row(inv) for inv in found]
    return InvoicePage(rows=rows, total=total, page=page, page_size=page_size, pages=pages)


def _row(inv: Invoice) -> InvoiceRow:
    return InvoiceRow(
        id=inv.id,
        number=inv.number,
        issued_on=inv.issued_on,
        due_on=inv.due_on,
        total_rial=inv.total_rial,
        status=inv.status,
    )


def get_invoice(client_id: int | None, number: int | None = None, *,
                invoice_id: int | None = None) -> InvoiceDetail | None:
    """An invoice by its number (or by `invoice_id`, as the outbox names it), only if it belongs to this
    customer (None otherwise); `client_id` None is staff asking, who may read any customer's."""
    with read_session() as session:
        query = select(Invoice).where(Invoice.id == invoice_id if invoice_id is not None else Invoice.number == number)
        if client_id is not None:
            query = query.where(Invoice.client_id == client_id)
        inv = session.exec(query).first()
        if inv is None:
            return None
        seller, buyer = official.invoice_parties(session, inv)
        items = session.exec(
            select(InvoiceItem, Service.name)
            .join(Service, Service.id == InvoiceItem.service_id, isouter=True)
            .where(InvoiceItem.invoice_id == inv.id)
            .order_by(InvoiceItem.id)
        ).all()
        payment = session.exec(
            select(Payment)
            .join(PaymentInvoice, PaymentInvoice.payment_id == Payment.id)
            .where(PaymentInvoice.invoice_id == inv.id, Payment.status == PaymentStatus.SUCCEEDED)
            .order_by(Payment.settled_at.desc())
        ).first()
    lines = [
        InvoiceLine(
            description=item.description,
            service_id=item.service_id,
            service_name=name,
            period_start=item.period_start,
            period_end=item.period_end,
            amount_rial=item.amount_rial,
            vat_rial=item.vat_rial,
        )
        for item, name in items
    ]
    info = (
        PaymentInfo(payment.ref_id, payment.card_pan, payment.settled_at, payment.gateway)
        if payment
        else None
    )
    return InvoiceDetail(invoice=_row(inv), paid_at=inv.paid_at, lines=lines, payment=info,
                         subtotal_rial=inv.subtotal_rial, vat_rial=inv.vat_rial, vat_rate_bp=inv.vat_rate_bp,
                         seller=seller, buyer=buyer)


def dashboard_counts(client_id: int) -> DashboardCounts:
    """The four cards of the dashboard, each counted in the database."""
    unpaid = unpaid_summary(client_id)
    with read_session() as session:
        quotes = session.exec(
            select(func.count()).select_from(Quote).where(  # offers still waiting for an answer
                Quote.client_id == client_id, Quote.status == QuoteStatus.DELIVERED,
                Quote.valid_until >= business_today(),
            )
        ).one()
        active = session.exec(
            select(func.count()).select_from(Service).where(
                Service.client_id == client_id, Service.status == ServiceStatus.ACTIVE
            )
        ).one()
        credit = session.exec(select(Client.credit_rial).where(Client.id == client_id)).one()
    return DashboardCounts(
        unpaid_invoices=unpaid.count,
        unpaid_total_rial=unpaid.total_rial,
        quotes=int(quotes),
        active_services=int(active),
        credit_rial=int(credit),
    )


def list_services(client_id: int) -> list[Service]:
    """The customer's services, the ones needing attention (suspended, soonest due) first."""
    with read_session() as session:
        services = session.exec(
            select(Service)
            .where(Service.client_id == client_id)
            .order_by(Service.next_due_date, Service.id)
        ).all()
    rank = {ServiceStatus.SUSPENDED: 0, ServiceStatus.ACTIVE: 1, ServiceStatus.PENDING: 2}
    return sorted(services, key=lambda s: rank.get(s.status, 3))


def get_service(client_id: int, service_id: int) -> Service | None:
    """A service by id, only if it belongs to this customer."""
    with read_session() as session:
        return session.exec(
            select(Service).where(Service.client_id == client_id, Service.id == service_id)
        ).first()


def service_invoices(client_id: int, service_id: int, limit: int = 50) -> list[InvoiceRow]:
    """The invoices that bill a service, newest first."""
    with read_session() as session:
        found = session.exec(
            select(Invoice)
            .join(InvoiceItem, InvoiceItem.invoice_id == Invoice.id)
            .where(Invoice.client_id == client_id, InvoiceItem.service_id == service_id)
            .distinct()
            .order_by(Invoice.due_on.desc(), Invoice.number.desc())
            .limit(limit)
        ).all()
    return [_row(inv) for inv in found]


def search(client_id: int, normalized_query: str, limit: int = 8) -> tuple[list[InvoiceRow], list[Service]]:
    """Invoices whose number starts with the query and services matching name, hostname or IP.

    The query arrives normalised (ASCII digits, Persian ی/ک, folded case) by the caller.
    """
    q = normalized_query.strip()
    if not q:
        return [], []
    with read_session() as session:
        invoices: list[Invoice] = []
        digits_only = q.lstrip("#")
        if digits_only.isdigit() and len(digits_only) <= 12:
            invoices = session.exec(
                select(Invoice)
                .where(
                    Invoice.client_id == client_id,
                    cast(Invoice.number, String).like(f"{digits_only}%"),
                )
                .order_by(Invoice.number)
                .limit(limit)
            ).all()
        pattern = f"%{q.replace('%', '').replace('_', '')}%"
        services = session.exec(
            select(Service)
            .where(
                Service.client_id == client_id,
                or_(
                    func.lower(Service.name).like(pattern),
                    func.lower(Service.hostname).like(pattern),
                    Service.ip_address.like(pattern),
                    func.lower(Service.plan).like(pattern),
                ),
            )
            .order_by(Service.name)
            .limit(limit)
        ).all()
    return [_row(inv) for inv in invoices], list(services)
