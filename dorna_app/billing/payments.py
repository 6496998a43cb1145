"""Paying invoices online: start a payment, settle it from verify's word, reconcile lost ones.

Nothing is booked from what a callback claims: only from what the gateway's verify confirms, for
the amount the database holds. Settlement runs in one transaction with the payment row locked and
is idempotent: a replayed callback, a concurrent one, or verify's "already verified" books nothing
more. Gateway calls never run inside a database transaction.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import exists
from sqlmodel import Session, col, func, or_, select

from dorna_app import fa
from dorna_app.accounts.models import Client
from dorna_app.billing import servers, wallet
from dorna_app.billing.dates import add_months, business_today
from dorna_app.billing.gateway import get_gateway
from dorna_app.billing.models import (
    CreditEntry,
    Invoice,
    InvoiceItem,
    InvoiceStatus,
    Payment,
    PaymentEvent,
    PaymentInvoice,
    PaymentStatus,
    Service,
    ServiceRenewal,
    ServiceStatus,
    SuspensionReason,
)
from dorna_app.billing.transitions import lock, transition
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.effects import record_push
from dorna_app.gateways.base import (
    Gateway,
    InquiryStatus,
    PaymentRequest,
    RequestOutcome,
    VerifyOutcome,
    VerifyResult,
)
from dorna_app.notify.messages import Recipient, notify_payment
from dorna_app.notify.templates import PaymentConfirmation, RenewedLine
from dorna_app.provisioning.models import PanelCommand
from dorna_app.settings import get_settings

log = logging.getLogger(__name__)
CREDIT_GATEWAY = "credit"  # a payment made entirely from the wallet
MIN_PAYMENT_RIAL = 10_000  # ZarinPal's minimum: 1,000 Toman
MAX_PAYMENT_RIAL = 1_000_000_000  # ZarinPal's maximum: 100,000,000 Toman
RECONCILE_BACKOFF_CAP = timedelta(hours=2)


class StartError(StrEnum):
    NOTHING_TO_PAY = "nothing_to_pay"
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"
    GATEWAY_UNAVAILABLE = "gateway_unavailable"
    GATEWAY_REJECTED = "gateway_rejected"
    IN_PROGRESS = "in_progress"  # the same invoices' payment is being requested right now
    TOO_MANY = "too_many"  # too many payments started recently
    BAD_AMOUNT = "bad_amount"  # a top-up amount that is not a number or out of bounds (see `message`)


@dataclass(frozen=True)
class StartResult:
    payment_id: int | None = None
    redirect_url: str | None = None
    error: StartError | None = None
    amount_rial: int = 0
    from_credit: bool = False  # paid entirely from the wallet: no gateway, already booked
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


class SettleStatus(StrEnum):
    SUCCEEDED = "succeeded"
    PENDING = "pending"  # could not verify now; reconciliation will
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"  # no payment of ours has this authority


@dataclass(frozen=True)
class SettleResult:
    status: SettleStatus
    payment_id: int | None = None
    client_id: int | None = None
    booked_now: bool = False  # this call moved money; False on a replay


@dataclass
class ReconcileReport:
    examined: int = 0
    succeeded: int = 0
    failed: int = 0
    still_pending: int = 0
    clients: set[int] = field(default_factory=set)


def _event(session: Session, payment_id: int, kind: str, **detail: object) -> None:
    session.add(PaymentEvent(payment_id=payment_id, kind=kind,
                             detail=json.dumps(detail, ensure_ascii=False, default=str)[:2000]))


def start_payment(
    client_id: int,
    invoice_numbers: list[int] | None = None,
    *,
    gateway: Gateway | None = None,
    callback_url: str | None = None,
    use_credit: bool = False,
) -> StartResult:
    """Create ONE payment for the chosen unpaid invoices (all of them when None) and ask the gateway.

    The amount is summed from the database. The authority is stored before the browser is sent to
    the gateway. Invoices that are not unpaid (paid meanwhile, cancelled) are left out; if none is
    left there is nothing to pay. With `use_credit`, the wallet pays first: all of it at once when
    it covers the total (no gateway), otherwise the rest goes to the gateway and the wallet's part is
    held until the gateway settles (spent then; given back if the payment fails or is cancelled).
    """
    gateway = gateway or get_gateway()
    with write_session() as session:
        query = select(Invoice).where(Invoice.client_id == client_id, Invoice.status == InvoiceStatus.UNPAID)
        if invoice_numbers is not None:
            query = query.where(Invoice.number.in_(sorted(set(invoice_numbers))))
        # Rows are always locked in id order (here and in settlement), so two transactions never deadlock.
        invoices = session.exec(query.order_by(Invoice.id).with_for_update()).all()
        if not invoices:
            return StartResult(error=StartError.NOTHING_TO_PAY)
        total = sum(inv.total_rial for inv in invoices)
        credit = 0
        if use_credit:
            client = lock(session, Client, client_id)  # after the invoices, as settlement locks them
            credit = min(wallet.available(client), total)
            if 0 < total - credit < MIN_PAYMENT_RIAL:  # the gateway takes no less than its minimum
                credit = max(0, total - MIN_PAYMENT_RIAL)
            if credit == total:
                return _pay_from_credit(session, client_id, invoices)
        amount = total - credit
        if amount < MIN_PAYMENT_RIAL:
            return StartResult(error=StartError.TOO_SMALL, amount_rial=amount)
        if amount > MAX_PAYMENT_RIAL:
            return StartResult(error=StartError.TOO_LARGE, amount_rial=amount)
        reused = _reusable_payment(session, client_id, [inv.id for inv in invoices], amount, credit)
        if reused is not None:
            # A second press, tab or socket for the same invoices: the same authority, no new request.
            if reused.authority is None:
                return StartResult(payment_id=reused.id, error=StartError.IN_PROGRESS, amount_rial=amount)
            _event(session, reused.id, "reused")
            return StartResult(payment_id=reused.id, redirect_url=gateway.redirect_url(reused.authority),
                               amount_rial=amount)
        if _recent_starts(session, client_id) >= get_settings().payment_starts_per_hour:
            return StartResult(error=StartError.TOO_MANY, amount_rial=amount)
        client = session.get(Client, client_id)
        payment = Payment(client_id=client_id, gateway=gateway.name, amount_rial=amount, credit_rial=credit)
        session.add(payment)
        session.flush()
        if credit:
            wallet.hold(session, client, credit)
        for inv in invoices:
            session.add(PaymentInvoice(payment_id=payment.id, invoice_id=inv.id, amount_rial=inv.total_rial))
        numbers = sorted(inv.number for inv in invoices)
        _event(session, payment.id, "created", invoices=numbers, amount_rial=amount, credit_rial=credit)
        payment_id, mobile, email = payment.id, client.mobile, client.email
    description = "پرداخت صورت‌حساب شماره " + "، ".join(fa.digits(n) for n in numbers)
    return _ask_gateway(gateway, payment_id, amount, description, mobile, email, callback_url)


def _ask_gateway(gateway: Gateway, payment_id: int, amount: int, description: str, mobile: str | None,
                 email: str, callback_url: str | None) -> StartResult:
    """The gateway's request for a payment written a moment ago; its authority stored before the
    browser is sent there, or the payment failed (its held credit given back)."""
    settings = get_settings()
    result = gateway.request(PaymentRequest(
        amount_rial=amount,
        description=description[:500],
        callback_url=callback_url or f"{settings.public_url}/payment/callback",
        order_id=str(payment_id),
        mobile=mobile,
        email=email,
    ))
    with write_session() as session:
        payment = lock(session, Payment, payment_id)
        if result.outcome == RequestOutcome.OK:
            payment.authority = result.authority
            session.add(payment)
            _event(session, payment_id, "requested", authority=result.authority)
            return StartResult(payment_id=payment_id, redirect_url=result.redirect_url, amount_rial=amount)
        payment.failure_code = f"request:{result.code if result.code is not None else result.outcome}"
        _fail(session, payment, PaymentStatus.FAILED, reason="gateway request failed")
        _event(session, payment_id, "request_failed", outcome=result.outcome, code=result.code,
               message=result.message)
    error = StartError.GATEWAY_UNAVAILABLE if result.outcome == RequestOutcome.UNAVAILABLE \
        else StartError.GATEWAY_REJECTED
    return StartResult(payment_id=payment_id, error=error, amount_rial=amount)


def _pay_from_credit(session: Session, client_id: int, invoices: list[Invoice]) -> StartResult:
    """The wallet covers everything: one payment booked at once from credit, no gateway."""
    total = sum(inv.total_rial for inv in invoices)
    payment = Payment(client_id=client_id, gateway=CREDIT_GATEWAY, amount_rial=total)
    session.add(payment)
    session.flush()
    for inv in invoices:
        session.add(PaymentInvoice(payment_id=payment.id, invoice_id=inv.id, amount_rial=inv.total_rial))
    _event(session, payment.id, "created", invoices=sorted(inv.number for inv in invoices), amount_rial=0,
           credit_rial=total)
    _book_locked(session, payment, VerifyResult(VerifyOutcome.PAID, ref_id=f"credit-{payment.id}"), "credit")
    return StartResult(payment_id=payment.id, redirect_url=f"/payment/result/?p={payment.id}", amount_rial=0,
                       from_credit=True)


def autopay_from_credit(today: date | None = None, *, batch: int = 200) -> int:
    """Pay new renewal invoices (issued today or yesterday) from the wallet for customers who keep
    auto-pay on (the default) and whose available credit covers the invoice, so their servers renew
    without a visit. Older unpaid invoices wait for the customer (paying them spends credit first
    anyway). Each is paid in its own transaction under the same locks as any payment."""
    since = (today or business_today()) - timedelta(days=1)
    renewal = exists().where(InvoiceItem.invoice_id == Invoice.id, InvoiceItem.service_id.is_not(None),
                             InvoiceItem.period_start.is_not(None))
    with read_session() as session:
        candidates = session.exec(
            select(Invoice.id, Invoice.client_id).join(Client, Client.id == Invoice.client_id)
            .where(Invoice.status == InvoiceStatus.UNPAID, Invoice.issued_on >= since,
                   Client.auto_pay_credit == True,  # noqa: E712
                   Client.credit_rial - Client.credit_held_rial >= Invoice.total_rial, renewal)
            .order_by(Invoice.due_on, Invoice.id).limit(batch)).all()
    paid = 0
    for invoice_id, client_id in candidates:
        with write_session() as session:
            invoice = session.exec(select(Invoice).where(Invoice.id == invoice_id).with_for_update()
                                   .execution_options(populate_existing=True)).one()
            client = lock(session, Client, client_id)
            if invoice.status != InvoiceStatus.UNPAID or wallet.available(client) < invoice.total_rial:
                continue
            _pay_from_credit(session, client_id, [invoice])
            paid += 1
    return paid


def start_topup(client_id: int, amount_text: str, *, gateway: Gateway | None = None,
                callback_url: str | None = None) -> StartResult:
    """Add funds: a payment of the amount asked (within the settings' bounds), credited on verify."""
    amount, error = wallet.parse_topup(amount_text)
    if amount is None:
        return StartResult(error=StartError.BAD_AMOUNT, message=error)
    gateway = gateway or get_gateway()
    with write_session() as session:
        if _recent_starts(session, client_id) >= get_settings().payment_starts_per_hour:
            return StartResult(error=StartError.TOO_MANY, amount_rial=amount)
        client = session.get(Client, client_id)
        payment = Payment(client_id=client_id, gateway=gateway.name, amount_rial=amount, purpose="topup")
        session.add(payment)
        session.flush()
        _event(session, payment.id, "created", topup_rial=amount)
        payment_id, mobile, email = payment.id, client.mobile, client.email
    return _ask_gateway(gateway, payment_id, amount, f"افزایش اعتبار حساب به مبلغ {fa.toman(amount)}", mobile, email,
                        callback_url)


def _fail(session: Session, payment: Payment, target: PaymentStatus, *, reason: str) -> None:
    """A pending payment that will not settle: failed or cancelled, its held credit given back."""
    was_pending = payment.status == PaymentStatus.PENDING
    transition(session, payment, target, reason=reason)
    if was_pending and payment.credit_rial:
        wallet.release(session, lock(session, Client, payment.client_id), payment.credit_rial)


def _reusable_payment(session: Session, client_id: int, invoice_ids: list[int], amount: int,
                      credit: int = 0) -> Payment | None:
    """A pending payment of this customer started recently for exactly these invoices and amounts."""
    since = utcnow() - timedelta(minutes=get_settings().payment_reuse_minutes)
    candidates = session.exec(select(Payment).where(
        Payment.client_id == client_id, Payment.status == PaymentStatus.PENDING, Payment.amount_rial == amount,
        Payment.credit_rial == credit, Payment.created_at >= since).order_by(Payment.id.desc())).all()
    wanted = set(invoice_ids)
    for payment in candidates:
        linked = set(session.exec(select(PaymentInvoice.invoice_id)
                                  .where(PaymentInvoice.payment_id == payment.id)).all())
        if linked == wanted:
            return payment
    return None


def _recent_starts(session: Session, client_id: int) -> int:
    since = utcnow() - timedelta(hours=1)
    return int(session.exec(select(func.count()).select_from(Payment).where(
        Payment.client_id == client_id, Payment.created_at >= since)).one())


def settle_payment(authority: str, *, gateway: Gateway | None = None, payer_cancelled: bool = False,
                   source: str = "callback") -> SettleResult:
    """Ask the gateway whether this authority was paid, and book it if so (exactly once)."""
    gateway = gateway or get_gateway()
    with read_session() as session:
        payment = session.exec(select(Payment).where(Payment.authority == authority)).first()
    if payment is None:
        return SettleResult(SettleStatus.UNKNOWN)
    if payment.status == PaymentStatus.SUCCEEDED:
        return SettleResult(SettleStatus.SUCCEEDED, payment.id, payment.client_id)
    verdict = gateway.verify(authority, payment.amount_rial)
    if verdict.is_paid:
        return _book(payment.id, verdict, source)
    with write_session() as session:
        locked = lock(session, Payment, payment.id)
        _event(session, locked.id, "verify", source=source, outcome=verdict.outcome, code=verdict.code)
        if locked.status == PaymentStatus.SUCCEEDED:  # settled by someone else meanwhile
            return SettleResult(SettleStatus.SUCCEEDED, locked.id, locked.client_id)
        if verdict.outcome in (VerifyOutcome.UNAVAILABLE, VerifyOutcome.ERROR):
            return SettleResult(SettleStatus.PENDING, locked.id, locked.client_id)
        target = PaymentStatus.CANCELLED if (
            verdict.outcome == VerifyOutcome.NOT_PAID and payer_cancelled) else PaymentStatus.FAILED
        if locked.status == PaymentStatus.PENDING:
            locked.failure_code = f"verify:{verdict.code}"
            _fail(session, locked, target, reason=f"verify {verdict.outcome}")
        status = SettleStatus(locked.status) if locked.status != PaymentStatus.PENDING else SettleStatus.PENDING
        return SettleResult(status, locked.id, locked.client_id)


def _book(payment_id: int, verdict: VerifyResult, source: str) -> SettleResult:
    """Book a verified payment in one transaction under the payment's lock; a no-op if already booked."""
    with write_session() as session:
        payment = lock(session, Payment, payment_id)
        if payment.status == PaymentStatus.SUCCEEDED:
            _event(session, payment.id, "replay", source=source, code=verdict.code)
            return SettleResult(SettleStatus.SUCCEEDED, payment.id, payment.client_id)
        return _book_locked(session, payment, verdict, source)


def _book_locked(session: Session, payment: Payment, verdict: VerifyResult, source: str) -> SettleResult:
    """The booking itself, inside the caller's transaction with the payment locked: invoices paid,
    services renewed (suspensions for non-payment lifted), credit for anything paid twice, the
    confirmations in the outbox, and a push to the customer's open tabs after commit."""
    now = utcnow()
    was_pending = payment.status == PaymentStatus.PENDING
    transition(session, payment, PaymentStatus.SUCCEEDED, reason=f"verified ({source})")
    payment.ref_id = verdict.ref_id
    payment.card_pan = verdict.card_pan
    payment.settled_at = now
    payment.failure_code = None
    session.add(payment)
    if payment.purpose == "topup":
        return _book_topup(session, payment, verdict, source)
    links = session.exec(select(PaymentInvoice).where(PaymentInvoice.payment_id == payment.id)
                         .order_by(PaymentInvoice.invoice_id)).all()
    # The wallet's part: spent now (from its hold, or, for a payment revived after it failed, from what
    # is available; if that is gone the gateway's money becomes credit and no invoice is paid by it).
    from_credit = payment.amount_rial if payment.gateway == CREDIT_GATEWAY else payment.credit_rial
    if from_credit:
        # Invoices before the customer's row, the order every payment path locks them in (no deadlock).
        invoices = [lock(session, Invoice, link.invoice_id) for link in links]
        client = lock(session, Client, payment.client_id)
        reason = "پرداخت صورت‌حساب " + "، ".join(fa.digits(invoice.number) for invoice in invoices)
        if was_pending and payment.gateway != CREDIT_GATEWAY:
            wallet.spend_held(session, client, from_credit, reason, payment.id)
        elif wallet.available(client) >= from_credit:
            wallet.post(session, client, -from_credit, wallet.Kind.SPEND, reason, payment_id=payment.id)
        else:
            return _book_short_of_credit(session, payment, verdict, source)
    credited = 0
    overpaid: list[tuple[Invoice, int]] = []
    paid: list[tuple[int, int]] = []
    official: list[str] = []  # the official PDF of each invoice this payment paid goes with the e-mail
    renewed: list[RenewedLine] = []
    for link in links:
        invoice = lock(session, Invoice, link.invoice_id)
        paid.append((invoice.number, link.amount_rial))
        if invoice.status == InvoiceStatus.UNPAID:
            official.append(f"invoice:{invoice.id}")
            transition(session, invoice, InvoiceStatus.PAID, reason=f"payment {payment.id}")
            invoice.paid_at = now
            session.add(invoice)
            renewed += _renew_services(session, payment.id, invoice)
        else:
            # Paid meanwhile (another tab) or cancelled: the money is the customer's credit.
            credited += link.amount_rial
            overpaid.append((invoice, link.amount_rial))
    client = lock(session, Client, payment.client_id)
    for invoice, amount in overpaid:
        wallet.post(session, client, amount, wallet.Kind.OVERPAYMENT,
                    f"صورت‌حساب {fa.digits(invoice.number)} هنگام پرداخت {labels_invoice(invoice.status)} بود",
                    payment_id=payment.id, invoice_id=invoice.id)
    by_gateway = payment.gateway != CREDIT_GATEWAY
    notify_payment(session, Recipient(client.id, client.email, client.mobile), payment.id, PaymentConfirmation(
        customer_name=f"{client.first_name} {client.last_name}".strip(),
        amount_rial=payment.amount_rial if by_gateway else 0,
        ref_id=(verdict.ref_id or "") if by_gateway else "", card_pan=verdict.card_pan, invoices=sorted(paid),
        renewed=renewed, credited_rial=credited, from_credit_rial=from_credit, balance_rial=client.credit_rial,
        official_attached=bool(official)), attachments=official)
    _event(session, payment.id, "settled", source=source, ref_id=verdict.ref_id, code=verdict.code,
           credited_rial=credited)
    record_push(session, payment.client_id)
    return SettleResult(SettleStatus.SUCCEEDED, payment.id, payment.client_id, booked_now=True)


def labels_invoice(status: str) -> str:
    return {"paid": "پرداخت‌شده", "cancelled": "لغوشده", "refunded": "مستردشده"}.get(status, status)


def _book_topup(session: Session, payment: Payment, verdict: VerifyResult, source: str) -> SettleResult:
    """Funds added: the verified amount becomes credit (once: the payment moved to succeeded above)."""
    client = lock(session, Client, payment.client_id)
    wallet.post(session, client, payment.amount_rial, wallet.Kind.TOPUP,
                f"افزایش اعتبار — پیگیری {fa.digits(verdict.ref_id or '')}", payment_id=payment.id)
    notify_payment(session, Recipient(client.id, client.email, client.mobile), payment.id, PaymentConfirmation(
        customer_name=f"{client.first_name} {client.last_name}".strip(), amount_rial=payment.amount_rial,
        ref_id=verdict.ref_id or "", card_pan=verdict.card_pan, invoices=[], renewed=[],
        topup_rial=payment.amount_rial, balance_rial=client.credit_rial))
    _event(session, payment.id, "settled", source=source, ref_id=verdict.ref_id, code=verdict.code,
           topup_rial=payment.amount_rial)
    record_push(session, payment.client_id)
    return SettleResult(SettleStatus.SUCCEEDED, payment.id, payment.client_id, booked_now=True)


def _book_short_of_credit(session: Session, payment: Payment, verdict: VerifyResult, source: str) -> SettleResult:
    """A payment revived after it failed, whose wallet part was spent meanwhile: what the gateway took
    is the customer's credit; its invoices stay unpaid (paying them now would spend credit twice)."""
    client = lock(session, Client, payment.client_id)
    wallet.post(session, client, payment.amount_rial, wallet.Kind.OVERPAYMENT,
                f"پرداخت {fa.digits(payment.id)}: بخش اعتباری آن دیگر در دسترس نبود", payment_id=payment.id)
    _event(session, payment.id, "settled", source=source, ref_id=verdict.ref_id, code=verdict.code,
           credited_rial=payment.amount_rial, short_of_credit=True)
    record_push(session, payment.client_id)
    return SettleResult(SettleStatus.SUCCEEDED, payment.id, payment.client_id, booked_now=True)


OFFLINE_GATEWAY = "bank_transfer"


class OfflinePaymentError(ValueError):
    """A bank transfer that cannot be recorded as asked (the message is Persian)."""


def record_offline_payment(session: Session, *, invoice_id: int, amount_rial: int, paid_on: date, reference: str,
                           note: str = "") -> Payment:
    """A bank transfer staff saw arrive, booked exactly like a verified online payment (same path:
    invoice paid, services renewed and unsuspended, confirmations sent) in the caller's transaction.

    The invoice is locked first, so two people recording the same transfer at once book it once; the
    same bank reference is accepted once (a unique index backs the check).
    """
    invoice = lock(session, Invoice, invoice_id)
    if invoice.status != InvoiceStatus.UNPAID:
        raise OfflinePaymentError("این صورت‌حساب پرداخت‌نشده نیست؛ واریزی برای آن ثبت نمی‌شود.")
    if amount_rial != invoice.total_rial:
        raise OfflinePaymentError(f"مبلغ واریز باید برابر مبلغ صورت‌حساب ({fa.toman(invoice.total_rial)}) باشد.")
    reference = fa.normalize_digits(reference).strip()[:64]
    if not reference:
        raise OfflinePaymentError("شماره پیگیری بانک را بنویسید.")
    if session.exec(select(Payment.id).where(Payment.gateway == OFFLINE_GATEWAY, Payment.ref_id == reference)).first():
        raise OfflinePaymentError("واریزی با این شماره پیگیری پیش‌تر ثبت شده است.")
    payment = Payment(client_id=invoice.client_id, gateway=OFFLINE_GATEWAY, amount_rial=amount_rial)
    session.add(payment)
    session.flush()
    session.add(PaymentInvoice(payment_id=payment.id, invoice_id=invoice.id, amount_rial=amount_rial))
    _event(session, payment.id, "offline", paid_on=paid_on.isoformat(), reference=reference, note=note[:500])
    session.flush()
    _book_locked(session, payment, VerifyResult(VerifyOutcome.PAID, ref_id=reference), "offline")
    return payment


def _renew_services(session: Session, payment_id: int, invoice: Invoice) -> list[RenewedLine]:
    """Move each renewed service's due date on by its cycle, from the old due date; lift non-payment
    suspensions. A line whose period the service has already moved past changes nothing."""
    items = session.exec(
        select(InvoiceItem).where(InvoiceItem.invoice_id == invoice.id, InvoiceItem.service_id.is_not(None),
                                  InvoiceItem.period_start.is_not(None)).order_by(InvoiceItem.service_id)
    ).all()
    renewed = []
    for item in items:
        service = lock(session, Service, item.service_id)
        if service.status in (ServiceStatus.TERMINATED, ServiceStatus.CANCELLED):
            continue
        if service.next_due_date != item.period_start:
            continue
        old_due = service.next_due_date
        service.next_due_date = add_months(old_due, service.billing_cycle_months)
        unsuspended = False
        if service.status == ServiceStatus.SUSPENDED and service.suspension_reason == SuspensionReason.NON_PAYMENT:
            transition(session, service, ServiceStatus.ACTIVE, reason=f"invoice {invoice.number} paid")
            service.suspension_reason = None
            unsuspended = True
            servers.unsuspended(session, service, key=f"payment:{payment_id}:service:{service.id}",
                                reason=f"invoice {invoice.number} paid")
        session.add(service)
        session.add(ServiceRenewal(payment_id=payment_id, invoice_id=invoice.id, service_id=service.id,
                                   old_due_date=old_due, new_due_date=service.next_due_date,
                                   unsuspended=unsuspended))
        renewed.append(RenewedLine(service.name, service.next_due_date, unsuspended,
                                   started=unsuspended and bool(service.panel_id and service.vpsid)))
    return renewed


def reconcile_pending(*, gateway: Gateway | None = None, now: datetime | None = None,
                      min_age: timedelta | None = None, give_up_after: timedelta = timedelta(hours=24),
                      only_payment: int | None = None) -> ReconcileReport:
    """Settle payments whose callback never came (payer closed the tab, verify timed out).

    Asks the gateway which authorities are paid but unverified, then `inquiry` for the rest of our
    pending payments; settles through the same path as the callback. `only_payment` asks about that
    one payment now, whatever its age and backoff (staff's "check with the gateway now").
    """
    gateway = gateway or get_gateway()
    now = now or utcnow()
    min_age = min_age if min_age is not None else timedelta(minutes=get_settings().reconcile_after_minutes)
    report = ReconcileReport()
    with read_session() as session:
        if only_payment is not None:
            query = select(Payment).where(Payment.id == only_payment, Payment.status == PaymentStatus.PENDING)
        else:
            query = select(Payment).where(Payment.status == PaymentStatus.PENDING, Payment.created_at <= now - min_age,
                                          or_(Payment.next_check_at.is_(None), Payment.next_check_at <= now))
        pending = session.exec(query.order_by(Payment.id)).all()
    unverified = gateway.unverified()
    paid_authorities = {u.authority for u in unverified or []}
    # Paid at the gateway but given up on here (failed/cancelled) also deserves settling.
    if paid_authorities:
        with read_session() as session:
            revived_query = select(Payment).where(
                Payment.authority.in_(paid_authorities),
                Payment.status.in_([PaymentStatus.FAILED, PaymentStatus.CANCELLED]))
            if only_payment is not None:
                revived_query = revived_query.where(Payment.id == only_payment)
            revived = session.exec(revived_query).all()
        pending = [*pending, *revived]
    for payment in pending:
        report.examined += 1
        if payment.authority is None:
            if payment.created_at <= now - timedelta(hours=1):
                _give_up(payment.id, "no authority")
                report.failed += 1
            else:
                report.still_pending += 1
            continue
        ask_verify = payment.authority in paid_authorities
        if not ask_verify:
            status = gateway.inquiry(payment.authority).status
            if status in (InquiryStatus.PAID, InquiryStatus.VERIFIED):
                ask_verify = True
            elif status in (InquiryStatus.FAILED, InquiryStatus.REVERSED) or (
                    status == InquiryStatus.IN_BANK and payment.created_at <= now - give_up_after):
                if payment.status == PaymentStatus.PENDING:
                    _give_up(payment.id, f"inquiry {status}")
                    report.failed += 1
                continue
            else:
                report.still_pending += 1
                _check_later(payment.id, now)
                continue
        result = settle_payment(payment.authority, gateway=gateway, source="reconcile")
        if result.status == SettleStatus.SUCCEEDED:
            report.succeeded += 1
            if result.booked_now and result.client_id:
                report.clients.add(result.client_id)
        elif result.status == SettleStatus.PENDING:
            report.still_pending += 1
        else:
            report.failed += 1
    return report


def _check_later(payment_id: int, now: datetime) -> None:
    """Ask the gateway about this payment again later: 2, 4, 8 ... minutes, at most every 2 hours."""
    with write_session() as session:
        payment = lock(session, Payment, payment_id)
        payment.checks += 1
        payment.next_check_at = now + min(timedelta(minutes=2 ** payment.checks), RECONCILE_BACKOFF_CAP)
        session.add(payment)


def _give_up(payment_id: int, why: str) -> None:
    with write_session() as session:
        payment = lock(session, Payment, payment_id)
        if payment.status == PaymentStatus.PENDING:
            payment.failure_code = why[:32]
            _fail(session, payment, PaymentStatus.FAILED, reason=why)
            _event(session, payment_id, "given_up", why=why)


@dataclass(frozen=True)
class RenewedService:
    name: str
    new_due_date: date
    unsuspended: bool
    # After an unsuspension on a panel: its start command's status (pending, done, failed); "" without one.
    power: str = ""


@dataclass(frozen=True)
class PaymentSummary:
    """What the result page (and the confirmation messages) tell the customer."""

    payment_id: int
    status: str
    amount_rial: int
    ref_id: str | None
    card_pan: str | None
    settled_at: datetime | None
    invoice_numbers: list[int]
    renewed: list[RenewedService]
    credited_rial: int
    still_unpaid: list[int] = field(default_factory=list)  # of its invoices, those unpaid right now
    gateway: str = ""
    credit_rial: int = 0  # what the wallet paid (all of it for gateway "credit")
    purpose: str = "invoices"
    balance_rial: int = 0  # the wallet's balance now


def payment_summary(client_id: int, payment_id: int) -> PaymentSummary | None:
    """A payment of this customer (None for another customer's)."""
    with read_session() as session:
        payment = session.exec(
            select(Payment).where(Payment.id == payment_id, Payment.client_id == client_id)).first()
        if payment is None:
            return None
        invoices = session.exec(
            select(Invoice.number, Invoice.status).join(PaymentInvoice, PaymentInvoice.invoice_id == Invoice.id)
            .where(PaymentInvoice.payment_id == payment.id).order_by(Invoice.number)).all()
        numbers = [number for number, _ in invoices]
        renewals = session.exec(
            select(ServiceRenewal, Service.name).join(Service, Service.id == ServiceRenewal.service_id)
            .where(ServiceRenewal.payment_id == payment.id).order_by(ServiceRenewal.id)).all()
        starts = dict(session.exec(select(PanelCommand.dedupe_key, PanelCommand.status).where(
            col(PanelCommand.dedupe_key).startswith(f"payment:{payment.id}:service:"),
            col(PanelCommand.dedupe_key).endswith(":start"))).all())
        credited = session.exec(
            select(CreditEntry.amount_rial).where(CreditEntry.payment_id == payment.id,
                                                  CreditEntry.kind == wallet.Kind.OVERPAYMENT.value)).all()
        balance = session.get(Client, client_id).credit_rial
    return PaymentSummary(
        payment_id=payment.id, status=payment.status, amount_rial=payment.amount_rial, ref_id=payment.ref_id,
        card_pan=payment.card_pan, settled_at=payment.settled_at, invoice_numbers=list(numbers),
        renewed=[RenewedService(name, r.new_due_date, r.unsuspended,
                                starts.get(f"payment:{payment.id}:service:{r.service_id}:start", ""))
                 for r, name in renewals],
        credited_rial=sum(credited),
        still_unpaid=[number for number, status in invoices if status == InvoiceStatus.UNPAID],
        gateway=payment.gateway, purpose=payment.purpose, balance_rial=balance,
        credit_rial=payment.amount_rial if payment.gateway == CREDIT_GATEWAY else payment.credit_rial,
    )
