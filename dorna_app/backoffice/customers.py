"""What staff do with customers and their servers: find, create, edit, add a service; and the staff
dashboard's figures. Every change goes through the same domain code as everything else, is audited
in its own transaction, and reaches the customer's open tabs (effects after commit)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_
from sqlmodel import col, func, select

from dorna_app import effects, fa
from dorna_app.accounts import auth as accounts_auth
from dorna_app.accounts.models import Client
from dorna_app.backoffice import audit
from dorna_app.billing import automation
from dorna_app.billing.dates import BUSINESS_TZ, business_today
from dorna_app.billing.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentStatus,
    Service,
    ServiceStatus,
)
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_mobile, valid_email
from dorna_app.notify.models import MessageStatus, OutboxMessage
from dorna_app.support.models import Ticket, TicketStatus

CONTACT_FIELDS = ("first_name", "last_name", "email", "mobile")
SERVICE_FIELDS = ("name", "hostname", "ip_address", "plan", "price_rial", "billing_cycle_months", "next_due_date",
                  "status")
MAX_NAME_CHARS = 100
# A first due date further than this is a typo (a year typed as 1450 instead of 1405), not a plan.
MAX_DUE_DAYS_AHEAD = 3 * 366
MAX_PRICE_RIAL = 100_000_000_000  # ten billion Toman


@dataclass
class FormResult:
    """The outcome of a staff form: the new row's id, or a Persian message per field (nothing changed)."""

    ok: bool
    object_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    password: str = ""  # a new customer's first password, shown to the staff member once


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    email: str
    mobile: str
    services: int
    unpaid: int


@dataclass(frozen=True)
class StaffFigures:
    """The staff dashboard: what needs attention today."""

    payments_today: int
    paid_today_rial: int
    unpaid_total_rial: int
    unpaid_invoices: int
    overdue_services: int
    suspended_services: int
    pending_payments: int
    failed_messages: int
    open_tickets: int


def full_name(client: Client) -> str:
    return f"{client.first_name} {client.last_name}".strip()


def search_customers(query: str, *, limit: int = 50) -> list[CustomerRow]:
    """Customers whose name, e-mail or mobile contains the query, or who own the invoice number or
    the server address typed; everyone (newest first) for an empty query."""
    text = fa.normalize_text(query or "")[:100]
    digits = fa.normalize_digits(text).strip()
    statement = select(Client).order_by(col(Client.id).desc()).limit(limit)
    if text:
        like = f"%{text.lower()}%"
        conditions = [func.lower(Client.email).like(like), func.lower(Client.first_name).like(like),
                      func.lower(Client.last_name).like(like),
                      func.lower(Client.first_name + " " + Client.last_name).like(like),
                      col(Client.id).in_(select(Service.client_id).where(Service.ip_address == digits))]
        mobile = normalize_mobile(digits)
        if mobile:
            conditions.append(Client.mobile == mobile)
        elif digits.isdigit():
            conditions.append(col(Client.mobile).contains(digits))
        if digits.isdigit() and len(digits) <= 12:
            conditions.append(col(Client.id).in_(select(Invoice.client_id).where(Invoice.number == int(digits))))
        statement = statement.where(or_(*conditions))
    with read_session() as session:
        clients = session.exec(statement).all()
        ids = [c.id for c in clients]
        services = dict(session.exec(select(Service.client_id, func.count()).where(
            col(Service.client_id).in_(ids), Service.status != ServiceStatus.CANCELLED.value)
            .group_by(Service.client_id)).all()) if ids else {}
        unpaid = dict(session.exec(select(Invoice.client_id, func.count()).where(
            col(Invoice.client_id).in_(ids), Invoice.status == InvoiceStatus.UNPAID.value)
            .group_by(Invoice.client_id)).all()) if ids else {}
    return [CustomerRow(id=c.id, name=full_name(c), email=c.email, mobile=c.mobile or "",
                        services=int(services.get(c.id, 0)), unpaid=int(unpaid.get(c.id, 0))) for c in clients]


def _contact_errors(session, first_name: str, last_name: str, email: str, mobile: str,
                    client_id: int | None) -> tuple[dict[str, str], dict[str, object]]:
    errors: dict[str, str] = {}
    clean: dict[str, object] = {"first_name": first_name.strip()[:MAX_NAME_CHARS],
                                "last_name": last_name.strip()[:MAX_NAME_CHARS]}
    if not clean["first_name"] and not clean["last_name"]:
        errors["first_name"] = "نام یا نام خانوادگی مشتری را بنویسید."
    address = valid_email(email)
    if address is None:
        errors["email"] = "ایمیل معتبر نیست." if email.strip() else "ایمیل را وارد کنید."
    elif session.exec(select(Client.id).where(Client.email == address, Client.id != (client_id or 0))).first():
        errors["email"] = "مشتری دیگری با این ایمیل ثبت شده است."
    clean["email"] = address
    number = None
    if mobile.strip():
        number = normalize_mobile(mobile)
        if number is None:
            errors["mobile"] = "شماره موبایل باید ۱۱ رقم و با ۰۹ شروع شود."
        elif session.exec(select(Client.id).where(Client.mobile == number, Client.id != (client_id or 0))).first():
            errors["mobile"] = "مشتری دیگری با این شماره موبایل ثبت شده است."
    clean["mobile"] = number
    return errors, clean


def create_customer(actor_id: int, *, first_name: str, last_name: str, email: str, mobile: str = "") -> FormResult:
    """A new customer with a random first password (shown to the staff member once, to hand over)."""
    password = secrets.token_urlsafe(9)
    with write_session() as session:
        errors, clean = _contact_errors(session, first_name, last_name, email, mobile, None)
        if errors:
            return FormResult(False, errors=errors)
        client = accounts_auth.create_client(str(clean["email"]), password, first_name=str(clean["first_name"]),
                                             last_name=str(clean["last_name"]), mobile=clean["mobile"],
                                             session=session)
        audit.record(session, actor_id, "customer.create", "client", client.id,
                     after=audit.snapshot(client, CONTACT_FIELDS))
        return FormResult(True, object_id=client.id, password=password)


def update_contact(actor_id: int, client_id: int, *, first_name: str, last_name: str, email: str,
                   mobile: str = "") -> FormResult:
    """Staff correct a customer's name, e-mail or mobile (audited with the values before and after)."""
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()).first()
        if client is None:
            return FormResult(False, errors={"form": "مشتری پیدا نشد."})
        errors, clean = _contact_errors(session, first_name, last_name, email, mobile, client_id)
        if errors:
            return FormResult(False, errors=errors)
        before = audit.snapshot(client, CONTACT_FIELDS)
        for name, value in clean.items():
            setattr(client, name, value)
        session.add(client)
        after = audit.snapshot(client, CONTACT_FIELDS)
        if after != before:
            audit.record(session, actor_id, "customer.update", "client", client_id, before=before, after=after)
            effects.record_push(session, client_id)
        return FormResult(True, object_id=client_id)


def parse_toman(raw: str) -> int | None:
    """A price typed in Toman (Persian or Latin digits, with or without separators) as Rial."""
    text = fa.normalize_digits(raw or "").replace(",", "").replace("٬", "").replace("،", "").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    return int(text) * 10


def parse_lines(lines: list[tuple[str, str]], key: str, *, limit: int = 20) -> tuple[list[tuple[str, int]],
                                                                                   dict[str, str]]:
    """Rows of (description, amount in Toman) from a staff form, as (description, Rial) pairs: empty rows
    are skipped; a row with only one half, or a bad amount, is an error keyed `{key}{row}`; at least one
    row is needed (an invoice's or a quote's lines)."""
    errors: dict[str, str] = {}
    clean: list[tuple[str, int]] = []
    for index, (raw_description, amount_text) in enumerate(lines[:limit], start=1):
        description = (raw_description or "").strip()[:500]
        if not description and not (amount_text or "").strip():
            continue
        amount = parse_toman(amount_text)
        if not description:
            errors[f"{key}{index}"] = f"ردیف {fa.digits(index)}: شرح را بنویسید."
        elif amount is None or amount <= 0:
            errors[f"{key}{index}"] = f"ردیف {fa.digits(index)}: مبلغ را به تومان و بیشتر از صفر بنویسید."
        else:
            clean.append((description, amount))
    if not clean and not errors:
        errors[f"{key}1"] = "دست‌کم یک ردیف با شرح و مبلغ لازم است."
    return clean, errors


def parse_jalali(raw: str) -> date | None:
    """A Jalali date typed as ۱۴۰۵/۰۹/۰۳ (or 1405-9-3) as a Gregorian date; None when it is not one."""
    import jdatetime

    text = fa.normalize_digits(raw or "").strip().replace("-", "/")
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return jdatetime.date(int(parts[0]), int(parts[1]), int(parts[2])).togregorian()
    except ValueError:
        return None


def service_terms(price_toman: str, cycle_months: str, due_text: str, *,
                  due_key: str) -> tuple[dict[str, str], int, int, date]:
    """A server's price (Toman typed, Rial back), cycle in months and due date, checked the same way
    wherever they are typed; a Persian message per bad value, keyed by its argument's name."""
    errors: dict[str, str] = {}
    price = parse_toman(price_toman)
    if price is None or price <= 0:
        errors["price_toman"] = "مبلغ هر دوره را به تومان و بیشتر از صفر بنویسید."
    elif price > MAX_PRICE_RIAL:
        errors["price_toman"] = "این مبلغ بیش از اندازه بزرگ است."
    cycle_text = fa.normalize_digits(cycle_months or "").strip()
    cycle = int(cycle_text) if cycle_text.isdigit() and len(cycle_text) <= 3 else 0
    if not 1 <= cycle <= 36:
        errors["cycle_months"] = "دوره باید بین ۱ تا ۳۶ ماه باشد."
    due = parse_jalali(due_text)
    today = business_today()
    if due is None:
        errors[due_key] = "تاریخ سررسید را به شکل ۱۴۰۵/۰۹/۰۳ بنویسید."
    elif due > today + timedelta(days=MAX_DUE_DAYS_AHEAD) or due < today - timedelta(days=366):
        errors[due_key] = "این تاریخ سررسید بیش از حد دور است."
    return errors, price or 0, cycle, due or today


def create_service(actor_id: int, client_id: int, *, name: str, hostname: str = "", ip_address: str = "",
                   plan: str = "", price_toman: str, cycle_months: str, first_due: str) -> FormResult:
    """A server for a customer: billed every cycle from its first due date (the renewal job issues the
    invoices). Each bad argument gets its own message, keyed by its name, and nothing is created."""
    errors, price, cycle, due = service_terms(price_toman, cycle_months, first_due, due_key="first_due")
    if not name.strip():
        errors["name"] = "نام سرویس را بنویسید."
    if errors:
        return FormResult(False, errors=errors)
    with write_session() as session:
        if session.get(Client, client_id) is None:
            return FormResult(False, errors={"form": "مشتری پیدا نشد."})
        try:
            service = automation.create_service(
                session, client_id=client_id, name=name.strip()[:200], price_rial=price,
                billing_cycle_months=cycle, next_due_date=due, hostname=hostname.strip()[:253],
                ip_address=fa.normalize_digits(ip_address).strip()[:45], plan=plan.strip()[:100])
        except automation.ServiceError as exc:
            return FormResult(False, errors={"form": str(exc)})
        audit.record(session, actor_id, "service.create", "service", service.id,
                     after=audit.snapshot(service, SERVICE_FIELDS))
        effects.record_push(session, client_id)
        return FormResult(True, object_id=service.id)


@dataclass(frozen=True)
class CustomerDetail:
    client: Client
    services: list[Service]
    invoices: list[Invoice]
    payments: list[Payment]
    messages: list[OutboxMessage]


def customer_detail(client_id: int) -> CustomerDetail | None:
    with read_session() as session:
        client = session.get(Client, client_id)
        if client is None:
            return None
        services = session.exec(select(Service).where(Service.client_id == client_id)
                                .order_by(col(Service.id))).all()
        invoices = session.exec(select(Invoice).where(Invoice.client_id == client_id)
                                .order_by(col(Invoice.id).desc()).limit(50)).all()
        payments = session.exec(select(Payment).where(Payment.client_id == client_id)
                                .order_by(col(Payment.id).desc()).limit(20)).all()
        messages = session.exec(select(OutboxMessage).where(OutboxMessage.client_id == client_id)
                                .order_by(col(OutboxMessage.id).desc()).limit(20)).all()
    return CustomerDetail(client=client, services=list(services), invoices=list(invoices), payments=list(payments),
                          messages=list(messages))


def figures(today: date) -> StaffFigures:
    """The staff dashboard's counts, each one query."""
    start = datetime.combine(today, time.min, tzinfo=BUSINESS_TZ)  # midnight in Tehran
    with read_session() as session:
        paid_count, paid_sum = session.exec(select(func.count(), func.coalesce(func.sum(Payment.amount_rial), 0))
                                            .where(Payment.status == PaymentStatus.SUCCEEDED.value,
                                                   Payment.settled_at >= start)).one()
        unpaid_count, unpaid_sum = session.exec(select(func.count(), func.coalesce(func.sum(Invoice.total_rial), 0))
                                                .where(Invoice.status == InvoiceStatus.UNPAID.value)).one()
        overdue = session.exec(select(func.count()).select_from(Service).where(
            Service.status == ServiceStatus.ACTIVE.value, Service.next_due_date < today)).one()
        suspended = session.exec(select(func.count()).select_from(Service).where(
            Service.status == ServiceStatus.SUSPENDED.value)).one()
        pending = session.exec(select(func.count()).select_from(Payment).where(
            Payment.status == PaymentStatus.PENDING.value)).one()
        failed = session.exec(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status == MessageStatus.FAILED.value)).one()
        tickets = session.exec(select(func.count()).select_from(Ticket).where(
            Ticket.status != TicketStatus.CLOSED.value)).one()
    return StaffFigures(payments_today=int(paid_count), paid_today_rial=int(paid_sum),
                        unpaid_total_rial=int(unpaid_sum), unpaid_invoices=int(unpaid_count),
                        overdue_services=int(overdue), suspended_services=int(suspended),
                        pending_payments=int(pending), failed_messages=int(failed), open_tickets=int(tickets))


def record_bank_transfer(actor_id: int, client_id: int, *, invoice_number: str, amount_toman: str, paid_on: str,
                         reference: str, note: str = "") -> FormResult:
    """A bank transfer for one of this customer's unpaid invoices, settled like an online payment
    (renewal, unsuspension, confirmations) and audited, all in one transaction."""
    from sqlalchemy.exc import IntegrityError

    from dorna_app.billing import payments

    errors: dict[str, str] = {}
    number_text = fa.normalize_digits(invoice_number or "").strip()
    if not number_text.isdigit() or len(number_text) > 12:
        errors["invoice_number"] = "شماره صورت‌حساب را بنویسید."
    amount = parse_toman(amount_toman)
    if amount is None or amount <= 0:
        errors["amount_toman"] = "مبلغ واریز را به تومان بنویسید."
    day = parse_jalali(paid_on)
    if day is None:
        errors["paid_on"] = "تاریخ واریز را به شکل ۱۴۰۵/۰۹/۰۳ بنویسید."
    elif day > business_today() or day < business_today() - timedelta(days=366):
        errors["paid_on"] = "تاریخ واریز نمی‌تواند در آینده یا بیش از یک سال پیش باشد."
    if not fa.normalize_digits(reference or "").strip():
        errors["reference"] = "شماره پیگیری بانک را بنویسید."
    if errors:
        return FormResult(False, errors=errors)
    try:
        with write_session() as session:
            invoice = session.exec(select(Invoice).where(Invoice.number == int(number_text),
                                                         Invoice.client_id == client_id)).first()
            if invoice is None:
                return FormResult(False, errors={"invoice_number": "این مشتری صورت‌حسابی با این شماره ندارد."})
            try:
                payment = payments.record_offline_payment(session, invoice_id=invoice.id, amount_rial=amount,
                                                          paid_on=day, reference=reference, note=note)
            except payments.OfflinePaymentError as exc:
                session.rollback()
                return FormResult(False, errors={"form": str(exc)})
            audit.record(session, actor_id, "payment.offline", "payment", payment.id,
                         after={"invoice": invoice.number, "amount_rial": amount, "paid_on": day.isoformat(),
                                "reference": payment.ref_id, "note": note[:500]})
            return FormResult(True, object_id=payment.id)
    except IntegrityError:  # the same reference recorded at this very moment by someone else
        return FormResult(False, errors={"form": "واریزی با این شماره پیگیری پیش‌تر ثبت شده است."})
