"""Staff actions on servers, invoices, payments and messages: each through the domain's own rules
(the transition table, row locks, the outbox, effects after commit), audited in the same
transaction, and answered with a Persian message when it cannot be done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from dorna_app import effects, fa
from dorna_app.backoffice import audit
from dorna_app.backoffice.customers import (
    MAX_DUE_DAYS_AHEAD,
    SERVICE_FIELDS,
    FormResult,
    parse_jalali,
    parse_lines,
    parse_toman,
    service_terms,
)
from dorna_app.billing import payments, servers
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentEvent,
    Service,
    ServiceStatus,
    SuspensionReason,
)
from dorna_app.billing.transitions import TransitionError, lock, transition
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.gateways.base import Gateway
from dorna_app.notify.models import MessageStatus, OutboxMessage

# What staff may do to a server, and the status it moves to.
SERVICE_ACTIONS = {
    "suspend": ServiceStatus.SUSPENDED,
    "unsuspend": ServiceStatus.ACTIVE,
    "terminate": ServiceStatus.TERMINATED,
    "cancel": ServiceStatus.CANCELLED,
}
SUSPEND_REASONS = {"abuse": SuspensionReason.ABUSE, "other": SuspensionReason.OTHER}
CHANGED_MEANWHILE = "این مورد در این فاصله تغییر کرده است؛ صفحه را دوباره ببینید و دوباره تصمیم بگیرید."


def service_action(actor_id: int, service_id: int, action: str, *, reason: str = "other", note: str = "",
                   seen_status: str = "") -> FormResult:
    """Suspend (with a reason), unsuspend, terminate or cancel a server. `seen_status` is the status the
    staff member saw: if someone changed it meanwhile, nothing happens and they are told."""
    target = SERVICE_ACTIONS.get(action)
    if target is None:
        return FormResult(False, errors={"form": "این کار شناخته‌شده نیست."})
    if action == "suspend" and reason not in SUSPEND_REASONS:
        return FormResult(False, errors={"reason": "دلیل تعلیق را انتخاب کنید."})
    with write_session() as session:
        service = session.get(Service, service_id)
        if service is None:
            return FormResult(False, errors={"form": "سرویس پیدا نشد."})
        service = lock(session, Service, service_id)
        if seen_status and service.status != seen_status:
            return FormResult(False, errors={"form": CHANGED_MEANWHILE})
        before = audit.snapshot(service, (*SERVICE_FIELDS, "suspension_reason"))
        try:
            moved = transition(session, service, target, reason=f"staff {action}: {note[:200]}".strip())
        except TransitionError:
            return FormResult(False, errors={"form": "این کار برای سرویسی با این وضعیت ممکن نیست."})
        if not moved:
            return FormResult(False, errors={"form": "سرویس از قبل در همین وضعیت است."})
        service.suspension_reason = SUSPEND_REASONS[reason].value if action == "suspend" else None
        session.add(service)
        key, why = f"staff:{actor_id}:service:{service_id}:{action}:{utcnow().isoformat()}", f"staff {action}"
        if action == "suspend":
            servers.suspended(session, service, key=key, reason=f"{why}: {reason}")
        elif action == "unsuspend":
            servers.unsuspended(session, service, key=key, reason=why)
        else:
            servers.ended(session, service, key=key, reason=why)
        audit.record(session, actor_id, f"service.{action}", "service", service_id, before=before,
                     after={**audit.snapshot(service, (*SERVICE_FIELDS, "suspension_reason")), "note": note[:200]})
        effects.record_push(session, service.client_id)
        return FormResult(True, object_id=service_id)


def update_service(actor_id: int, service_id: int, *, price_toman: str, cycle_months: str, next_due: str,
                   seen: str = "") -> FormResult:
    """Change a server's price, cycle and next due date. `seen` is the three values as the form showed
    them (price_rial|cycle|due ISO); a change by someone else meanwhile is refused, not overwritten."""
    errors, price, cycle, due = service_terms(price_toman, cycle_months, next_due, due_key="next_due")
    if errors:
        return FormResult(False, errors=errors)
    with write_session() as session:
        if session.get(Service, service_id) is None:
            return FormResult(False, errors={"form": "سرویس پیدا نشد."})
        service = lock(session, Service, service_id)
        if seen and seen != version_of(service):
            return FormResult(False, errors={"form": CHANGED_MEANWHILE})
        before = audit.snapshot(service, SERVICE_FIELDS)
        service.price_rial, service.billing_cycle_months, service.next_due_date = price, cycle, due
        session.add(service)
        after = audit.snapshot(service, SERVICE_FIELDS)
        if after != before:
            audit.record(session, actor_id, "service.update", "service", service_id, before=before, after=after)
            effects.record_push(session, service.client_id)
        return FormResult(True, object_id=service_id)


def version_of(service: Service) -> str:
    """What the edit form saw, to notice a change made by someone else in between."""
    return f"{service.price_rial}|{service.billing_cycle_months}|{service.next_due_date.isoformat()}"


def cancel_invoice(actor_id: int, invoice_number: int, *, note: str = "") -> FormResult:
    """Cancel an unpaid invoice (a paid one is refunded, not cancelled)."""
    with write_session() as session:
        invoice = session.exec(select(Invoice).where(Invoice.number == invoice_number)).first()
        if invoice is None:
            return FormResult(False, errors={"form": "صورت‌حساب پیدا نشد."})
        invoice = lock(session, Invoice, invoice.id)
        if invoice.status != InvoiceStatus.UNPAID:
            return FormResult(False, errors={"form": "فقط صورت‌حساب پرداخت‌نشده لغو می‌شود؛ این یکی "
                                                     f"{_INVOICE_WORDS.get(invoice.status, invoice.status)} است."})
        transition(session, invoice, InvoiceStatus.CANCELLED, reason=f"staff cancel: {note[:200]}".strip())
        audit.record(session, actor_id, "invoice.cancel", "invoice", invoice.id,
                     before={"number": invoice.number, "status": "unpaid"},
                     after={"number": invoice.number, "status": "cancelled", "note": note[:200]})
        effects.record_push(session, invoice.client_id)
        return FormResult(True, object_id=invoice.id)


_INVOICE_WORDS = {"paid": "پرداخت‌شده", "cancelled": "لغوشده", "refunded": "مستردشده"}


@dataclass(frozen=True)
class PaymentLine:
    payment: Payment
    customer_email: str
    invoices: list[int]
    events: list[PaymentEvent]


def list_payments(*, status: str = "", gateway: str = "", query: str = "", limit: int = 50) -> list[PaymentLine]:
    """Payments newest first, by status, by gateway (online or bank transfer), by customer e-mail or ref id;
    each with its invoices and its gateway event timeline."""
    from dorna_app.accounts.models import Client
    from dorna_app.billing.models import PaymentInvoice

    statement = (select(Payment, Client.email).join(Client, Client.id == Payment.client_id)
                 .order_by(col(Payment.id).desc()).limit(max(1, min(limit, 200))))
    if status:
        statement = statement.where(Payment.status == status)
    if gateway:
        statement = statement.where(Payment.gateway == gateway)
    text = fa.normalize_digits(query or "").strip().lower()[:100]
    if text:
        statement = statement.where(col(Client.email).contains(text) | (Payment.ref_id == text)
                                    | (Payment.authority == text))
    with read_session() as session:
        rows = session.exec(statement).all()
        ids = [p.id for p, _ in rows]
        events: dict[int, list[PaymentEvent]] = {}
        for event in session.exec(select(PaymentEvent).where(col(PaymentEvent.payment_id).in_(ids))
                                  .order_by(col(PaymentEvent.id))).all() if ids else []:
            events.setdefault(event.payment_id, []).append(event)
        numbers: dict[int, list[int]] = {}
        for payment_id, number in session.exec(
                select(PaymentInvoice.payment_id, Invoice.number).join(Invoice, Invoice.id == PaymentInvoice.invoice_id)
                .where(col(PaymentInvoice.payment_id).in_(ids))).all() if ids else []:
            numbers.setdefault(payment_id, []).append(number)
    return [PaymentLine(payment=p, customer_email=email, invoices=sorted(numbers.get(p.id, [])),
                        events=events.get(p.id, [])) for p, email in rows]


def check_payment_now(actor_id: int, payment_id: int, *, gateway: Gateway | None = None) -> str:
    """Ask the gateway about one pending payment at once (reconciliation for it alone); what it says."""
    with read_session() as session:
        payment = session.get(Payment, payment_id)
    if payment is None:
        return "پرداخت پیدا نشد."
    if payment.status != "pending":
        return "این پرداخت در انتظار نیست؛ وضعیت آن قطعی است."
    report = payments.reconcile_pending(only_payment=payment_id, gateway=gateway)
    with write_session() as session:
        audit.record(session, actor_id, "payment.check", "payment", payment_id,
                     after={"succeeded": report.succeeded, "failed": report.failed, "pending": report.still_pending})
    if report.succeeded:
        return "درگاه پرداخت را تأیید کرد و صورت‌حساب‌ها تسویه شدند."
    if report.failed:
        return "درگاه پرداخت را ناموفق اعلام کرد."
    return "درگاه هنوز پاسخ قطعی نداده است؛ بعداً دوباره بررسی می‌شود."


def list_messages(status: str = "", limit: int = 100) -> list[OutboxMessage]:
    """The outbox: pending and failed first unless a status is asked for."""
    statement = select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(max(1, min(limit, 500)))
    if status:
        statement = statement.where(OutboxMessage.status == status)
    else:
        statement = statement.where(col(OutboxMessage.status).in_([MessageStatus.PENDING.value,
                                                                   MessageStatus.FAILED.value]))
    with read_session() as session:
        return list(session.exec(statement).all())


def retry_message(actor_id: int, message_id: int) -> FormResult:
    """Send a failed message again (the sender picks it up at once); a sent one is never sent twice."""
    with write_session() as session:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update()
                           .execution_options(populate_existing=True)).first()
        if row is None:
            return FormResult(False, errors={"form": "پیام پیدا نشد."})
        if row.status != MessageStatus.FAILED:
            return FormResult(False, errors={"form": "فقط پیام ناموفق دوباره فرستاده می‌شود."})
        row.status, row.attempts, row.next_attempt_at, row.claimed_until = MessageStatus.PENDING, 0, utcnow(), None
        session.add(row)
        audit.record(session, actor_id, "message.retry", "message", message_id, before={"error": row.last_error})
        effects.record_outbox(session)
        return FormResult(True, object_id=message_id)


def jalali_moment(moment: datetime | None) -> str:
    return fa.jalali_datetime(moment) if moment else ""


MAX_INVOICE_LINES = 20
INVOICE_FORM_LINES = 4  # rows the staff form shows


def create_invoice(actor_id: int, client_id: int, *, lines: list[tuple[str, str]], due: str) -> FormResult:
    """A manual invoice from the staff form: lines of (description, amount in Toman); empty rows are
    skipped, a row with only one of the two is an error on that row."""
    from dorna_app.accounts.models import Client
    from dorna_app.billing import automation

    clean, errors = parse_lines(lines, "line", limit=MAX_INVOICE_LINES)
    day = parse_jalali(due)
    today = business_today()
    if day is None:
        errors["due"] = "تاریخ سررسید را به شکل ۱۴۰۵/۰۹/۰۳ بنویسید."
    elif day < today or day > today + timedelta(days=MAX_DUE_DAYS_AHEAD):
        errors["due"] = "سررسید باید از امروز تا سه سال دیگر باشد."
    if sum(a for _, a in clean) > payments.MAX_PAYMENT_RIAL:
        errors["due"] = errors.get("due") or "جمع صورت‌حساب بیش از سقف پرداخت آنلاین است."
    if errors:
        return FormResult(False, errors=errors)
    with write_session() as session:
        if session.get(Client, client_id) is None:
            return FormResult(False, errors={"form": "مشتری پیدا نشد."})
        invoice = automation.issue_invoice(session, client_id=client_id, lines=clean, due_on=day, today=today)
        audit.record(session, actor_id, "invoice.create", "invoice", invoice.id,
                     after={"number": invoice.number, "subtotal_rial": invoice.subtotal_rial,
                            "vat_rial": invoice.vat_rial, "total_rial": invoice.total_rial, "due_on": day.isoformat(),
                            "lines": [{"description": d, "amount_rial": a} for d, a in clean]})
        return FormResult(True, object_id=invoice.number)


def refund_invoice(actor_id: int, client_id: int, *, number: str, amount_toman: str, note: str = "") -> FormResult:
    """A paid invoice's money (or part of it) back to the customer's credit; never more than was paid."""
    from dorna_app.billing import automation

    number_text = fa.normalize_digits(number or "").strip()
    amount = parse_toman(amount_toman)
    if not number_text.isdigit() or len(number_text) > 12:
        return FormResult(False, errors={"refund_number": "شماره صورت‌حساب را بنویسید."})
    if amount is None or amount <= 0:
        return FormResult(False, errors={"refund_amount": "مبلغ بازگشت را به تومان بنویسید."})
    with write_session() as session:
        invoice = session.exec(select(Invoice).where(Invoice.number == int(number_text),
                                                     Invoice.client_id == client_id)).first()
        if invoice is None:
            return FormResult(False, errors={"refund_number": "این مشتری صورت‌حسابی با این شماره ندارد."})
        try:
            automation.refund_to_credit(session, invoice_id=invoice.id, amount_rial=amount, reason=note[:150])
        except ValueError:
            session.rollback()
            return FormResult(False, errors={"refund_amount": "فقط صورت‌حساب پرداخت‌شده بازگردانده می‌شود، و حداکثر "
                                                             "تا مبلغی که هنوز به اعتبار برنگشته است."})
        audit.record(session, actor_id, "invoice.refund", "invoice", invoice.id,
                     after={"number": invoice.number, "amount_rial": amount, "note": note[:150]})
        return FormResult(True, object_id=invoice.number)
