"""Typed rows the pages show, already in Persian: built from the domain's answers, nothing else.

Each is a small dataclass (Reflex 0.10.1 sends dataclasses as objects and pages read their fields
as typed vars), so a page cannot misspell a key and booleans are booleans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dorna_app import fa, labels
from dorna_app.billing import queries, tax
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import Service


@dataclass
class InvoiceRow:
    """One invoice in a list."""

    number: str = ""
    number_fa: str = ""
    issued: str = ""
    due: str = ""
    total: str = ""
    status: str = ""
    status_label: str = ""
    href: str = ""


@dataclass
class StaffFigure:
    """One figure on the staff dashboard."""

    key: str = ""
    label: str = ""
    value: str = ""
    note: str = ""
    tone: str = "gray"


@dataclass
class StaffCustomerRow:
    id: int = 0
    name: str = ""
    email: str = ""
    mobile: str = ""
    services: str = ""
    unpaid: str = ""
    href: str = ""


@dataclass
class StaffRow:
    """A service, invoice, payment or message in a staff list."""

    id: int = 0
    title: str = ""
    detail: str = ""
    amount: str = ""
    date: str = ""
    status: str = ""
    status_label: str = ""


@dataclass
class StaffServiceRow:
    """A server on the staff customer page, with what its edit form starts from."""

    id: int = 0
    name: str = ""
    detail: str = ""
    amount: str = ""
    date: str = ""
    status: str = ""
    status_label: str = ""
    price_toman: str = ""
    cycle: str = ""
    version: str = ""
    panel_id: str = ""
    panel: str = ""  # the panel's name; "" for a billing-only service
    vpsid: str = ""
    server_label: str = ""  # «پنل تهران — VPS ۱۰۱», as a sentence shows it
    power: str = ""
    power_label: str = ""
    history: list[str] = field(default_factory=list)
    failed_command: int = 0  # the newest panel command given up on, for staff to send again


@dataclass
class StaffPaymentRow:
    id: int = 0
    title: str = ""
    customer: str = ""
    amount: str = ""
    date: str = ""
    status: str = ""
    status_label: str = ""
    gateway: str = ""
    invoices: str = ""
    ref_id: str = ""
    events: list[str] = field(default_factory=list)


@dataclass
class StaffMemberRow:
    """A staff member on the team page, with what the admin's forms need."""

    id: int = 0
    email: str = ""
    name: str = ""
    role: str = ""
    role_label: str = ""
    active: bool = True
    enrolled: bool = False
    last_sign_in: str = ""
    recovery_left: str = ""
    version: str = ""
    is_me: bool = False


@dataclass
class StaffAuditRow:
    id: int = 0
    at: str = ""
    staff: str = ""
    action: str = ""
    action_label: str = ""
    target: str = ""
    before: str = ""
    after: str = ""


@dataclass
class ServiceCard:
    """A service as the dashboard, the services list and its own page show it."""

    id: str = ""
    name: str = ""
    hostname: str = ""
    ip: str = ""
    plan: str = ""
    status: str = ""
    status_label: str = ""
    reason: str = ""
    due: str = ""
    due_phrase: str = ""
    overdue: bool = False
    price: str = ""
    cycle: str = ""
    vat_note: str = ""  # the price is before VAT: what its renewal adds
    href: str = ""


@dataclass
class StatusFilter:
    """One status in the invoice list's filter, with its count and link."""

    key: str = ""
    label: str = ""
    count: str = ""
    href: str = ""
    active: bool = False


@dataclass
class PageSizeLink:
    size: str = ""
    href: str = ""
    active: bool = False


@dataclass
class InvoiceLine:
    description: str = ""
    period: str = ""
    amount: str = ""
    service_href: str = ""


@dataclass
class QuoteCard:
    """A quote on the customer's page: its lines, total, validity and whether it can still be answered."""

    id: int = 0
    number_fa: str = ""
    subject: str = ""
    total: str = ""
    valid_until: str = ""
    status: str = ""
    status_label: str = ""
    can_answer: bool = False
    lines: list[InvoiceLine] = field(default_factory=list)
    invoice_href: str = ""
    vat_note: str = ""  # what VAT accepting adds, while it can still be accepted


@dataclass
class RenewedService:
    """A server a payment renewed, for the result page."""

    name: str = ""
    due: str = ""
    due_long: str = ""
    unsuspended: bool = False
    power: str = ""  # the automatic start after the unsuspension: pending, done, failed; "" without a panel


@dataclass
class TextPart:
    """A run of a message's text: plain, or a link (shown left to right, so its `?` stays put)."""

    text: str = ""
    href: str = ""


_URL = re.compile(r"https?://[^\s،؛«»]+[^\s،؛«».,:;!?)]")


def text_parts(text: str) -> list[TextPart]:
    """A message's text with its addresses made into links."""
    parts: list[TextPart] = []
    position = 0
    for match in _URL.finditer(text):
        if match.start() > position:
            parts.append(TextPart(text=text[position:match.start()]))
        parts.append(TextPart(text=match.group(0), href=match.group(0)))
        position = match.end()
    if position < len(text):
        parts.append(TextPart(text=text[position:]))
    return parts


@dataclass
class MessageItem:
    """An e-mail or SMS sent to the customer."""

    id: str = ""
    channel: str = ""
    channel_label: str = ""
    subject: str = ""
    text: str = ""
    status: str = ""
    status_label: str = ""
    at: str = ""
    unread: bool = False
    parts: list[TextPart] = field(default_factory=list)


def invoice_row(row: queries.InvoiceRow) -> InvoiceRow:
    return InvoiceRow(
        number=str(row.number),
        number_fa=fa.digits(row.number),
        issued=fa.jalali(row.issued_on),
        due=fa.jalali(row.due_on),
        total=fa.toman_amount(row.total_rial),
        status=row.status,
        status_label=labels.INVOICE_STATUS.get(row.status, row.status),
        href=f"/invoices/{row.number}",
    )


def billing_cycle(months: int) -> str:
    return labels.MONTHLY if months == 1 else labels.EVERY_N_MONTHS.format(n=fa.digits(months))


def service_cards(services: list[Service]) -> list[ServiceCard]:
    """Several services as cards, with days counted from the same business day."""
    today = business_today()
    return [service_card(service, today) for service in services]


def service_card(service: Service, today: date) -> ServiceCard:
    return ServiceCard(
        id=str(service.id),
        name=fa.isolate_latin(service.name),
        hostname=service.hostname,
        ip=service.ip_address,
        plan=fa.isolate_latin(service.plan),
        status=service.status,
        status_label=labels.SERVICE_STATUS.get(service.status, service.status),
        reason=labels.SUSPENSION_REASON.get(service.suspension_reason or "", ""),
        due=fa.jalali(service.next_due_date),
        due_phrase=fa.days_phrase(service.next_due_date, today),
        overdue=service.next_due_date < today,
        price=fa.toman(service.price_rial),
        vat_note=_vat_suffix(),
        cycle=billing_cycle(service.billing_cycle_months),
        href=f"/services/{service.id}",
    )


def _vat_suffix() -> str:
    """A price is before VAT; its renewal invoice adds the rate in force."""
    rate = tax.current_rate_bp()
    return f" + {tax.percent_shown(rate)} {tax.VAT_WORDS}" if rate else ""


@dataclass
class Option:
    """One choice of a <select>."""

    value: str = ""
    label: str = ""


@dataclass
class FileChip:
    """An attachment: staged under a message being written, or in a thread (image ones get a thumbnail)."""

    id: int = 0
    name: str = ""
    size: str = ""
    href: str = ""
    thumb: str = ""


@dataclass
class TicketRow:
    """A ticket in a list: the customer's own, or the staff queue."""

    id: int = 0
    number: str = ""
    subject: str = ""
    status: str = ""
    status_label: str = ""
    priority: str = ""
    priority_label: str = ""
    department: str = ""
    service: str = ""
    customer: str = ""
    customer_email: str = ""
    assigned_to: str = ""
    activity: str = ""
    waiting: str = ""
    href: str = ""


@dataclass
class ThreadMessage:
    """One message in a ticket's thread."""

    id: int = 0
    author: str = ""  # customer, staff, system
    who: str = ""
    body: str = ""
    at: str = ""
    internal: bool = False
    files: list[FileChip] = field(default_factory=list)


@dataclass
class DepartmentRow:
    """A support department as the admin edits it."""

    id: int = 0
    name: str = ""
    email: str = ""
    active: bool = True


@dataclass
class PanelRow:
    """A server panel as the admin edits it (never its password)."""

    id: int = 0
    name: str = ""
    url: str = ""
    api_key: str = ""
    verify_tls: bool = True
    active: bool = True


@dataclass
class LedgerRow:
    """One wallet entry on the credit page: when, why, how much (signed), the balance after it."""

    id: int = 0
    at: str = ""
    kind: str = ""
    kind_label: str = ""
    reason: str = ""
    amount: str = ""
    credit: bool = True  # money in (green) or out
    balance: str = ""


@dataclass
class DeviceRow:
    """A signed-in browser on the devices page."""

    id: int = 0
    title: str = ""  # «Chrome 130 روی Android 14»
    phone: bool = False
    ip: str = ""
    last_seen: str = ""
    signed_in: str = ""
    current: bool = False
