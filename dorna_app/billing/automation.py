"""Billing automation: renewal invoices before the due date, reminders, overdue suspension.

Every job is set-based and batched: it selects what is due with one indexed query, writes a batch in
one transaction, and repeats. Each is idempotent by construction (a renewal line is unique per
service and period, a message per dedupe key, a status move only from the expected status), so a
runner killed half-way, a re-run, or a clock moved back does nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from dorna_app import fa
from dorna_app.accounts.models import Client
from dorna_app.billing import official, servers, tax, wallet
from dorna_app.billing.dates import add_months
from dorna_app.billing.models import (
    Counter,
    CreditEntry,
    Invoice,
    InvoiceItem,
    InvoiceStatus,
    Service,
    ServiceStatus,
    SuspensionReason,
)
from dorna_app.billing.transitions import lock, transition, transition_many
from dorna_app.clock import utcnow
from dorna_app.db import write_session
from dorna_app.effects import record_push
from dorna_app.notify import templates
from dorna_app.notify.addresses import normalize_mobile
from dorna_app.notify.models import MessageChannel
from dorna_app.notify.outbox import enqueue_many
from dorna_app.settings import get_settings

log = logging.getLogger(__name__)
BATCH = 1000
BILLABLE = (ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED)


class ServiceError(ValueError):
    """A service that cannot be billed (no price, a cycle of zero months)."""


def create_service(session: Session, *, client_id: int, name: str, price_rial: int, billing_cycle_months: int,
                   next_due_date: date, **fields: object) -> Service:
    """Add a service; refuses what would bill nothing or loop forever."""
    if not isinstance(price_rial, int) or price_rial <= 0:
        raise ServiceError("قیمت سرویس باید یک مبلغ مثبت به ریال باشد.")
    if not isinstance(billing_cycle_months, int) or not 1 <= billing_cycle_months <= 36:
        raise ServiceError("دوره صورت‌حساب باید بین ۱ تا ۳۶ ماه باشد.")
    service = Service(client_id=client_id, name=name, price_rial=price_rial,
                      billing_cycle_months=billing_cycle_months, next_due_date=next_due_date, **fields)
    session.add(service)
    session.flush()
    return service


def reserve_invoice_numbers(session: Session, count: int) -> list[int]:
    """`count` new invoice numbers, handed out under the counter's row lock."""
    counter = session.exec(select(Counter).where(Counter.name == "invoice").with_for_update()).first()
    if counter is None:
        highest = session.exec(select(func.coalesce(func.max(Invoice.number), 0))).one()
        counter = Counter(name="invoice", value=int(highest))
    first = counter.value + 1
    counter.value += count
    session.add(counter)
    session.flush()
    return list(range(first, first + count))


def _pay_url() -> str:
    return f"{get_settings().public_url}/invoices?status=unpaid"


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def _messages(kind: str, key: str, client_id: int, email: str, mobile: str | None,
              mail: templates.Rendered, sms_text: str) -> list[dict]:
    rows = [{"client_id": client_id, "channel": MessageChannel.EMAIL.value, "kind": kind,
             "dedupe_key": f"{key}:email", "recipient": email, "subject": mail.subject[:200],
             "body_text": mail.text[:4000], "body_html": mail.html[:20000]}]
    if normalized := normalize_mobile(mobile or ""):
        rows.append({"client_id": client_id, "channel": MessageChannel.SMS.value, "kind": kind,
                     "dedupe_key": f"{key}:sms", "recipient": normalized, "body_text": sms_text[:4000]})
    return rows


@dataclass
class JobResult:
    rows: int = 0


def generate_renewal_invoices(today: date, *, batch: int = BATCH) -> JobResult:
    """An invoice for the next period of every active or suspended service due within N days."""
    horizon = today + timedelta(days=get_settings().renewal_days_before)
    rate = tax.current_rate_bp()
    result = JobResult()
    pay_url = _pay_url()
    while True:
        try:
            with write_session() as session:
                due = session.exec(
                    select(Service.id, Service.client_id, Service.name, Service.price_rial,
                           Service.billing_cycle_months, Service.next_due_date,
                           Client.email, Client.mobile, Client.first_name, Client.last_name)
                    .join(Client, Client.id == Service.client_id)
                    .where(Service.status.in_(BILLABLE), Service.next_due_date <= horizon,
                           ~exists().where(InvoiceItem.service_id == Service.id,
                                           InvoiceItem.period_start == Service.next_due_date))
                    .order_by(Service.id).limit(batch)
                ).all()
                if not due:
                    return result
                numbers = reserve_invoice_numbers(session, len(due))
                now = utcnow()
                seller = official.seller_snapshot()
                buyers = {c.id: official.buyer_snapshot(c) for c in session.exec(
                    select(Client).where(Client.id.in_({s.client_id for s in due}))).all()}
                sums = {s.id: tax.totals([s.price_rial], rate) for s in due}
                session.execute(insert(Invoice), [
                    {"number": n, "client_id": s.client_id, "issued_on": min(today, s.next_due_date),
                     "due_on": s.next_due_date, "subtotal_rial": sums[s.id].subtotal_rial, "vat_rate_bp": rate,
                     "vat_rial": sums[s.id].vat_rial, "total_rial": sums[s.id].total_rial,
                     "status": InvoiceStatus.UNPAID.value, "created_at": now, "seller": seller,
                     "buyer": buyers[s.client_id]}
                    for n, s in zip(numbers, due, strict=True)])
                ids = dict(session.exec(select(Invoice.number, Invoice.id).where(Invoice.number.in_(numbers))).all())
                session.execute(insert(InvoiceItem), [
                    {"invoice_id": ids[n], "service_id": s.id, "description": f"تمدید سرویس {s.name}",
                     "period_start": s.next_due_date,
                     "period_end": add_months(s.next_due_date, s.billing_cycle_months) - timedelta(days=1),
                     "amount_rial": s.price_rial, "vat_rial": sums[s.id].vat_rial}
                    for n, s in zip(numbers, due, strict=True)])
                messages: list[dict] = []
                for n, s in zip(numbers, due, strict=True):
                    notice = templates.InvoiceNotice(_name(s.first_name, s.last_name), n, sums[s.id].total_rial,
                                                     s.next_due_date, s.name, vat_rial=sums[s.id].vat_rial)
                    messages += _messages("invoice_issued", f"invoice:{ids[n]}:issued", s.client_id, s.email,
                                          s.mobile, templates.invoice_issued_email(notice, pay_url),
                                          templates.invoice_issued_sms(notice))
                enqueue_many(session, messages)
                for client_id in {s.client_id for s in due}:  # their open pages show the new invoice
                    record_push(session, client_id)
                result.rows += len(due)
        except IntegrityError:
            # Another runner wrote some of these lines first: its batch stands, ours is redone.
            log.warning("renewal batch collided with another runner; retrying")


def send_reminders(today: date, *, batch: int = BATCH) -> JobResult:
    """One reminder per reminder point for each unpaid invoice (the latest point, if days were missed)."""
    settings = get_settings()
    before, after = settings.reminder_days_before, settings.reminder_days_after
    lookback = max(after, default=0) + 30
    result = JobResult()
    pay_url = _pay_url()
    last_id = 0
    while True:
        with write_session() as session:
            rows = session.exec(
                select(Invoice.id, Invoice.number, Invoice.total_rial, Invoice.vat_rial, Invoice.due_on,
                       Invoice.client_id, Client.email, Client.mobile, Client.first_name, Client.last_name)
                .join(Client, Client.id == Invoice.client_id)
                .where(Invoice.status == InvoiceStatus.UNPAID, Invoice.id > last_id,
                       Invoice.due_on <= today + timedelta(days=max(before, default=0)),
                       Invoice.due_on >= today - timedelta(days=lookback))
                .order_by(Invoice.id).limit(batch)
            ).all()
            if not rows:
                return result
            last_id = rows[-1].id
            messages: list[dict] = []
            for r in rows:
                days_left = (r.due_on - today).days
                if days_left > 0:
                    points = [d for d in before if d >= days_left]
                    point, tag = (min(points), f"before{min(points)}") if points else (None, "")
                else:
                    points = [d for d in after if -days_left >= d]
                    point, tag = (max(points), f"after{max(points)}") if points else (None, "")
                if point is None:
                    continue
                notice = templates.InvoiceNotice(_name(r.first_name, r.last_name), r.number, r.total_rial,
                                                 r.due_on, days=max(days_left, 0), vat_rial=r.vat_rial)
                messages += _messages("reminder", f"invoice:{r.id}:{tag}", r.client_id, r.email, r.mobile,
                                      templates.reminder_email(notice, pay_url), templates.reminder_sms(notice))
            result.rows += enqueue_many(session, messages)


def suspend_overdue(today: date, *, batch: int = BATCH) -> JobResult:
    """Suspend active services whose renewal invoice is unpaid past the grace days; tell the customer."""
    cutoff = today - timedelta(days=get_settings().suspend_after_days)
    overdue = exists().where(InvoiceItem.service_id == Service.id, InvoiceItem.invoice_id == Invoice.id,
                             Invoice.status == InvoiceStatus.UNPAID, Invoice.due_on < cutoff)
    result = JobResult()
    pay_url = _pay_url()
    while True:
        with write_session() as session:
            rows = session.exec(
                select(Service.id, Service.name, Service.client_id, Client.email, Client.mobile,
                       Client.first_name, Client.last_name, Service.panel_id, Service.vpsid)
                .join(Client, Client.id == Service.client_id)
                .where(Service.status == ServiceStatus.ACTIVE, overdue)
                .order_by(Service.id).limit(batch)
            ).all()
            if not rows:
                return result
            moved = set(transition_many(session, Service, [r.id for r in rows], ServiceStatus.ACTIVE,
                                        ServiceStatus.SUSPENDED, reason="non-payment"))
            if not moved:
                return result
            session.exec(update(Service).where(Service.id.in_(moved))
                         .values(suspension_reason=SuspensionReason.NON_PAYMENT.value))
            messages: list[dict] = []
            for r in rows:
                if r.id in moved:
                    servers.follow(session, servers.Target(r.id, r.client_id, r.panel_id, r.vpsid),
                                   [servers.PanelAction.SUSPEND], key=f"service:{r.id}:suspend:{cutoff.isoformat()}",
                                   reason="non-payment")
                    name = _name(r.first_name, r.last_name)
                    messages += _messages(
                        "service_suspended", f"service:{r.id}:suspended:{cutoff.isoformat()}", r.client_id,
                        r.email, r.mobile, templates.suspended_email(name, r.name, pay_url),
                        templates.suspended_sms(r.name))
            enqueue_many(session, messages)
            for client_id in {r.client_id for r in rows if r.id in moved}:
                record_push(session, client_id)
            result.rows += len(moved)


def cancel_invoices_of_cancelled_services(today: date, *, batch: int = BATCH) -> JobResult:
    """Unpaid invoices that only bill cancelled or terminated services are cancelled."""
    ended = (ServiceStatus.CANCELLED, ServiceStatus.TERMINATED)
    live_line = exists().where(
        InvoiceItem.invoice_id == Invoice.id,
        ~exists().where(and_(Service.id == InvoiceItem.service_id, Service.status.in_(ended))))
    ended_line = exists().where(InvoiceItem.invoice_id == Invoice.id, InvoiceItem.service_id == Service.id,
                                Service.status.in_(ended))
    result = JobResult()
    while True:
        with write_session() as session:
            ids = list(session.exec(
                select(Invoice.id).where(Invoice.status == InvoiceStatus.UNPAID, ended_line, ~live_line)
                .order_by(Invoice.id).limit(batch)).all())
            if not ids:
                return result
            moved = transition_many(session, Invoice, ids, InvoiceStatus.UNPAID, InvoiceStatus.CANCELLED,
                                    reason="service ended")
            result.rows += len(moved)
            if not moved:
                return result


def issue_invoice(session: Session, *, client_id: int, lines: list[tuple[str, int]], due_on: date,
                  today: date) -> Invoice:
    """A one-off invoice (staff: setup fee, extra IP, a quote accepted) with its lines, in the caller's
    transaction: numbered under the counter's lock, announced by e-mail and SMS through the outbox,
    and pushed to the customer's open tabs after commit. Payable like any other invoice."""
    if not lines or any(amount <= 0 or not description.strip() for description, amount in lines):
        raise ValueError("an invoice needs lines, each with a description and a positive amount")
    client = session.get(Client, client_id)
    if client is None:
        raise ValueError(f"no client {client_id}")
    [number] = reserve_invoice_numbers(session, 1)
    rate = tax.current_rate_bp()
    sums = tax.totals([amount for _, amount in lines], rate)
    invoice = Invoice(number=number, client_id=client_id, issued_on=today, due_on=due_on,
                      subtotal_rial=sums.subtotal_rial, vat_rate_bp=rate, vat_rial=sums.vat_rial,
                      total_rial=sums.total_rial, status=InvoiceStatus.UNPAID.value, **official.parties(client))
    session.add(invoice)
    session.flush()
    for (description, amount), vat in zip(lines, sums.line_vats, strict=True):
        session.add(InvoiceItem(invoice_id=invoice.id, description=description.strip()[:500], amount_rial=amount,
                                vat_rial=vat))
    notice = templates.InvoiceNotice(_name(client.first_name, client.last_name), number, sums.total_rial, due_on,
                                     None, vat_rial=sums.vat_rial)
    enqueue_many(session, _messages("invoice_issued", f"invoice:{invoice.id}:issued", client_id, client.email,
                                    client.mobile, templates.invoice_issued_email(notice, _pay_url()),
                                    templates.invoice_issued_sms(notice)))
    record_push(session, client_id)
    return invoice


REFUND_REASON = "refund of invoice"


def refund_to_credit(session: Session, *, invoice_id: int, amount_rial: int, reason: str) -> Invoice:
    """Give a paid invoice's money (all of it, or part) back as the customer's credit, in the caller's
    transaction. Never more than was paid in total: earlier refunds of the same invoice count. A full
    refund marks the invoice refunded."""
    invoice = lock(session, Invoice, invoice_id)
    if invoice.status != InvoiceStatus.PAID:
        raise ValueError("only a paid invoice is refunded")
    already = session.exec(select(func.coalesce(func.sum(CreditEntry.amount_rial), 0)).where(
        CreditEntry.invoice_id == invoice_id, CreditEntry.kind == wallet.Kind.REFUND.value)).one()
    left = invoice.total_rial - int(already)
    if amount_rial <= 0 or amount_rial > left:
        raise ValueError(f"refund must be between 1 and {left} rial")
    client = lock(session, Client, invoice.client_id)
    wallet.post(session, client, amount_rial, wallet.Kind.REFUND,
                f"بازگشت مبلغ صورت‌حساب {fa.digits(invoice.number)}: {reason}", invoice_id=invoice.id)
    if amount_rial == left:
        transition(session, invoice, InvoiceStatus.REFUNDED, reason=f"refunded to credit: {reason}"[:200])
    record_push(session, client.id)
    return invoice
