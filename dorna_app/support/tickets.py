"""Support tickets: a customer opens one, both sides write in its thread, staff answer, and either
side closes it. Every write locks the ticket, adds the message, attaches the files staged for it,
moves the status, and writes the notifications to the outbox, all in one transaction; the pages of
the customer and of the staff hear about it after the commit.

Whose turn it is, is the status: `open` (new) and `customer_reply` are staff's, `answered` is the
customer's; a reply to a closed ticket opens it again. A ticket answered and then left without a
word from the customer for `ticket_autoclose_days` closes itself (`close_stale`), telling them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import column, table
from sqlmodel import Session, col, func, select

from dorna_app import effects, fa
from dorna_app.accounts.models import Client
from dorna_app.billing.models import Service
from dorna_app.billing.transitions import lock
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_mobile
from dorna_app.notify.messages import STAFF_KIND_PREFIX
from dorna_app.notify.models import MessageChannel
from dorna_app.notify.outbox import enqueue
from dorna_app.notify.templates import (
    ticket_closed_email,
    ticket_for_department_email,
    ticket_reply_email,
    ticket_reply_sms,
)
from dorna_app.settings import get_settings
from dorna_app.support import attachments
from dorna_app.support.models import (
    Author,
    Priority,
    SupportDepartment,
    Ticket,
    TicketAttachment,
    TicketMessage,
    TicketStatus,
)

MAX_SUBJECT_CHARS = 200
MAX_BODY_CHARS = 10_000
STAFF_TURN = (TicketStatus.OPEN.value, TicketStatus.CUSTOMER_REPLY.value)
NOT_FOUND = "تیکت پیدا نشد."
# Staff names for the thread, read by the table's name: support sits below the staff area.
_STAFF = table("staff_user", column("id"), column("name"), column("email"))


@dataclass
class TicketResult:
    """The outcome of a ticket form: the ticket's id, or a Persian message per field (nothing changed)."""

    ok: bool
    ticket_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    content_type: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.content_type in attachments.IMAGE_TYPES


@dataclass(frozen=True)
class MessageView:
    id: int
    author: str
    staff_name: str
    staff_email: str
    body: str
    internal: bool
    created_at: datetime
    files: list[AttachmentView]


@dataclass(frozen=True)
class TicketSummary:
    id: int
    client_id: int
    customer: str  # the name, or the e-mail when there is none
    customer_email: str
    subject: str
    status: str
    priority: str
    department: str
    department_key: str
    service: str
    assigned_to: str
    assigned_staff_id: int | None
    created_at: datetime
    last_activity_at: datetime
    customer_wrote_at: datetime
    version: int


@dataclass(frozen=True)
class Thread:
    ticket: TicketSummary
    messages: list[MessageView]


def departments(*, include_inactive: bool = False) -> list[SupportDepartment]:
    with read_session() as session:
        query = select(SupportDepartment).order_by(SupportDepartment.position, SupportDepartment.id)
        if not include_inactive:
            query = query.where(SupportDepartment.active == True)  # noqa: E712
        return list(session.exec(query).all())


def open_count(client_id: int) -> int:
    """The dashboard card: the customer's tickets not closed."""
    with read_session() as session:
        return int(session.exec(select(func.count()).select_from(Ticket).where(
            Ticket.client_id == client_id, Ticket.status != TicketStatus.CLOSED.value)).one())


def staff_open_count() -> int:
    """The staff dashboard: tickets waiting for staff."""
    with read_session() as session:
        return int(session.exec(select(func.count()).select_from(Ticket).where(
            col(Ticket.status).in_(STAFF_TURN))).one())


def _text_errors(subject: str | None, body: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if subject is not None:
        if not subject:
            errors["subject"] = "موضوع تیکت را بنویسید."
        elif len(subject) > MAX_SUBJECT_CHARS:
            errors["subject"] = f"موضوع حداکثر {fa.digits(MAX_SUBJECT_CHARS)} نویسه است."
    if not body:
        errors["body"] = "متن پیام را بنویسید."
    elif len(body) > MAX_BODY_CHARS:
        errors["body"] = f"متن پیام حداکثر {fa.digits(MAX_BODY_CHARS)} نویسه است."
    return errors


def _clean(text: str) -> str:
    """Arabic letters to Persian ones and Windows line ends to plain ones (what the thread keeps)."""
    return fa.persian_letters(text.replace("\r\n", "\n")).strip()


def _ticket_url(ticket_id: int) -> str:
    return f"{get_settings().public_url}/support/{ticket_id}"


def _staff_url(ticket_id: int) -> str:
    return f"{get_settings().public_url}/staff/tickets/{ticket_id}"


def _customer_label(client: Client) -> str:
    name = f"{client.first_name} {client.last_name}".strip()
    return f"{name} <{client.email}>" if name else client.email


def _tell_department(session: Session, ticket: Ticket, message: TicketMessage, client: Client, *, new: bool) -> None:
    department = session.get(SupportDepartment, ticket.department_id) if ticket.department_id else None
    if department is None or not department.email:
        return
    mail = ticket_for_department_email(department.name, ticket.id, ticket.subject, _customer_label(client),
                                       message.body, _staff_url(ticket.id), new=new)
    enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL,
            kind=f"{STAFF_KIND_PREFIX}ticket_{'new' if new else 'reply'}",
            dedupe_key=f"ticket-message:{message.id}:department", recipient=department.email,
            subject=mail.subject, text=mail.text, html=mail.html)


def open_ticket(client_id: int, *, department: str, priority: str, service_id: int | None, subject: str,
                body: str, attachment_ids: list[int] | None = None) -> TicketResult:
    """A customer's new ticket, with the files they staged for it; the department hears by e-mail."""
    subject, body = _clean(subject)[:MAX_SUBJECT_CHARS + 1], _clean(body)[:MAX_BODY_CHARS + 1]
    errors = _text_errors(subject, body)
    known = {d.key: d for d in departments()}
    if department not in known:
        errors["department"] = "بخش را انتخاب کنید."
    if priority not in {p.value for p in Priority}:
        errors["priority"] = "اولویت را انتخاب کنید."
    if errors:
        return TicketResult(False, errors=errors)
    settings = get_settings()
    with write_session() as session:
        client = lock(session, Client, client_id)  # one customer's tickets are opened one at a time
        if service_id is not None:
            service = session.get(Service, service_id)
            if service is None or service.client_id != client_id:
                return TicketResult(False, errors={"service": "این سرویس از آن شما نیست."})
        recent = session.exec(select(func.count()).select_from(Ticket).where(
            Ticket.client_id == client_id, Ticket.created_at >= utcnow() - timedelta(hours=1))).one()
        if recent >= settings.tickets_per_hour:
            return TicketResult(False, errors={"form": f"در یک ساعت حداکثر {fa.digits(settings.tickets_per_hour)} "
                                                      "تیکت می‌توانید باز کنید؛ کمی بعد دوباره امتحان کنید یا در "
                                                      "تیکت‌های باز خود پاسخ بنویسید."})
        now = utcnow()
        ticket = Ticket(client_id=client_id, subject=subject, department_id=known[department].id, priority=priority,
                        service_id=service_id, created_at=now, last_activity_at=now, customer_wrote_at=now)
        session.add(ticket)
        session.flush()
        message = TicketMessage(ticket_id=ticket.id, author=Author.CUSTOMER.value, body=body, created_at=now)
        session.add(message)
        session.flush()
        attachments.claim(session, attachment_ids or [], ticket_id=ticket.id, message_id=message.id,
                          client_id=client_id)
        _tell_department(session, ticket, message, client, new=True)
        effects.record_push(session, client_id)
        effects.record_staff_push(session)
        return TicketResult(True, ticket_id=ticket.id)


def _own_ticket(session: Session, ticket_id: int, client_id: int) -> Ticket | None:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None or ticket.client_id != client_id:
        return None
    return lock(session, Ticket, ticket_id)


def customer_reply(client_id: int, ticket_id: int, body: str, attachment_ids: list[int] | None = None) -> TicketResult:
    """The customer writes in their ticket; a closed one opens again. The department hears by e-mail."""
    body = _clean(body)[:MAX_BODY_CHARS + 1]
    errors = _text_errors(None, body)
    if errors:
        return TicketResult(False, errors=errors)
    with write_session() as session:
        ticket = _own_ticket(session, ticket_id, client_id)
        if ticket is None:
            return TicketResult(False, errors={"form": NOT_FOUND})
        now = utcnow()
        message = TicketMessage(ticket_id=ticket.id, author=Author.CUSTOMER.value, body=body, created_at=now)
        session.add(message)
        session.flush()
        attachments.claim(session, attachment_ids or [], ticket_id=ticket.id, message_id=message.id,
                          client_id=client_id)
        ticket.status = (TicketStatus.OPEN.value if ticket.status == TicketStatus.OPEN.value
                         else TicketStatus.CUSTOMER_REPLY.value)
        ticket.closed_at = None
        ticket.last_activity_at = ticket.customer_wrote_at = now
        ticket.version += 1
        session.add(ticket)
        _tell_department(session, ticket, message, session.get(Client, client_id), new=False)
        effects.record_push(session, client_id)
        effects.record_staff_push(session)
        return TicketResult(True, ticket_id=ticket.id)


def customer_close(client_id: int, ticket_id: int) -> TicketResult:
    with write_session() as session:
        ticket = _own_ticket(session, ticket_id, client_id)
        if ticket is None:
            return TicketResult(False, errors={"form": NOT_FOUND})
        if ticket.status != TicketStatus.CLOSED.value:
            _close(session, ticket, "مشتری تیکت را بست.")
        return TicketResult(True, ticket_id=ticket.id)


def record_change(session: Session, ticket: Ticket) -> None:
    """After this transaction commits, the ticket's customer and the staff see it changed."""
    effects.record_push(session, ticket.client_id)
    effects.record_staff_push(session)


def _close(session: Session, ticket: Ticket, note: str) -> None:
    now = utcnow()
    ticket.status, ticket.closed_at, ticket.last_activity_at = TicketStatus.CLOSED.value, now, now
    ticket.version += 1
    session.add(ticket)
    session.add(TicketMessage(ticket_id=ticket.id, author=Author.SYSTEM.value, body=note, created_at=now))
    record_change(session, ticket)


def add_staff_message(session: Session, ticket: Ticket, staff_id: int, body: str, *, internal: bool,
                      attachment_ids: list[int] | None = None) -> TicketMessage:
    """Staff write in a locked ticket (in the caller's transaction, which audits it). A reply makes it
    the customer's turn and tells them by one e-mail and one SMS; a note changes nothing they see."""
    now = utcnow()
    message = TicketMessage(ticket_id=ticket.id, author=Author.STAFF.value, staff_id=staff_id, body=body,
                            internal=internal, created_at=now)
    session.add(message)
    session.flush()
    attachments.claim(session, attachment_ids or [], ticket_id=ticket.id, message_id=message.id, staff_id=staff_id)
    ticket.version += 1
    if ticket.assigned_staff_id is None:
        ticket.assigned_staff_id = staff_id
    if not internal:
        ticket.status, ticket.closed_at = TicketStatus.ANSWERED.value, None
        ticket.answered_at = ticket.last_activity_at = now
        client = session.get(Client, ticket.client_id)
        name = f"{client.first_name} {client.last_name}".strip()
        mail = ticket_reply_email(name, ticket.id, ticket.subject, body, _ticket_url(ticket.id))
        enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL, kind="ticket_reply",
                dedupe_key=f"ticket-message:{message.id}:email", recipient=client.email, subject=mail.subject,
                text=mail.text, html=mail.html)
        mobile = normalize_mobile(client.mobile or "")
        if mobile:
            enqueue(session, client_id=client.id, channel=MessageChannel.SMS, kind="ticket_reply",
                    dedupe_key=f"ticket-message:{message.id}:sms", recipient=mobile,
                    text=ticket_reply_sms(ticket.id))
        effects.record_push(session, ticket.client_id)
    session.add(ticket)
    effects.record_staff_push(session)
    return message


def close_by_staff(session: Session, ticket: Ticket) -> None:
    if ticket.status != TicketStatus.CLOSED.value:
        _close(session, ticket, "پشتیبانی تیکت را بست.")


def close_stale(now: datetime | None = None) -> int:
    """Close tickets answered and left without a customer reply for `ticket_autoclose_days`, telling
    each customer once. Safe to run again and from two places at once: each ticket is re-checked
    under its lock, and the e-mail's key is the ticket's closing."""
    now = now or utcnow()
    days = get_settings().ticket_autoclose_days
    cutoff = now - timedelta(days=days)
    with read_session() as session:
        ids = list(session.exec(select(Ticket.id).where(Ticket.status == TicketStatus.ANSWERED.value,
                                                        Ticket.answered_at < cutoff)).all())
    closed = 0
    for ticket_id in ids:
        with write_session() as session:
            ticket = lock(session, Ticket, ticket_id)
            answered = ticket.answered_at
            if ticket.status != TicketStatus.ANSWERED.value or answered is None or answered >= cutoff:
                continue
            _close(session, ticket, f"بسته شد: {fa.count_words(days)} روز پس از پاسخ، پاسخی از مشتری نرسید.")
            client = session.get(Client, ticket.client_id)
            name = f"{client.first_name} {client.last_name}".strip()
            mail = ticket_closed_email(name, ticket.id, ticket.subject, days, _ticket_url(ticket.id))
            enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL, kind="ticket_closed",
                    dedupe_key=f"ticket:{ticket.id}:autoclose:{ticket.answered_at.isoformat()}",
                    recipient=client.email, subject=mail.subject, text=mail.text, html=mail.html)
            closed += 1
    return closed


def _staff_names(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """(name, e-mail) of these staff members: customers see a name only, never a staff address."""
    if not ids:
        return {}
    rows = session.execute(select(_STAFF.c.id, _STAFF.c.name, _STAFF.c.email).where(_STAFF.c.id.in_(ids)))
    return {row.id: (row.name, row.email) for row in rows}


def _summaries(session: Session, tickets: list[Ticket]) -> list[TicketSummary]:
    dept = {d.id: d for d in session.exec(select(SupportDepartment)).all()}
    client_ids = {t.client_id for t in tickets}
    clients = {c.id: c for c in session.exec(select(Client).where(col(Client.id).in_(client_ids))).all()}
    service_ids = {t.service_id for t in tickets if t.service_id}
    services = {s.id: s for s in session.exec(select(Service).where(col(Service.id).in_(service_ids))).all()}
    staff_ids = {t.assigned_staff_id for t in tickets if t.assigned_staff_id}
    staff = _staff_names(session, staff_ids)
    out = []
    for t in tickets:
        d = dept.get(t.department_id)
        client = clients[t.client_id]
        service = services.get(t.service_id)
        out.append(TicketSummary(
            id=t.id, client_id=t.client_id, customer=f"{client.first_name} {client.last_name}".strip() or client.email,
            customer_email=client.email, subject=t.subject, status=t.status,
            priority=t.priority, department=d.name if d else "", department_key=d.key if d else "",
            service=f"{service.name}" if service else "",
            assigned_to=next((p for p in staff.get(t.assigned_staff_id, ("", "")) if p), ""),
            assigned_staff_id=t.assigned_staff_id, created_at=t.created_at, last_activity_at=t.last_activity_at,
            customer_wrote_at=t.customer_wrote_at, version=t.version))
    return out


def customer_tickets(client_id: int, *, limit: int = 100) -> list[TicketSummary]:
    """The customer's tickets, the most recently active first."""
    with read_session() as session:
        rows = list(session.exec(select(Ticket).where(Ticket.client_id == client_id)
                                 .order_by(col(Ticket.last_activity_at).desc(), col(Ticket.id).desc())
                                 .limit(limit)).all())
        return _summaries(session, rows)


def queue(*, department: str = "", status: str = "", mine_staff_id: int | None = None, query: str = "",
          limit: int = 100) -> list[TicketSummary]:
    """The staff queue: by default every ticket waiting for staff, the longest-waiting first."""
    stmt = select(Ticket)
    if status == "waiting" or not status:
        stmt = stmt.where(col(Ticket.status).in_(STAFF_TURN)).order_by(col(Ticket.customer_wrote_at))
    elif status == "all":
        stmt = stmt.order_by(col(Ticket.last_activity_at).desc())
    else:
        stmt = stmt.where(Ticket.status == status).order_by(col(Ticket.last_activity_at).desc())
    if department:
        stmt = stmt.join(SupportDepartment, SupportDepartment.id == Ticket.department_id).where(
            SupportDepartment.key == department)
    if mine_staff_id is not None:
        stmt = stmt.where(Ticket.assigned_staff_id == mine_staff_id)
    if query:
        needle = fa.normalize_digits(query).strip()
        if needle.isdigit():
            stmt = stmt.where(Ticket.id == int(needle))
        else:
            stmt = stmt.join(Client, Client.id == Ticket.client_id).where(
                func.lower(Ticket.subject).contains(needle.lower()) | func.lower(Client.email).contains(needle.lower()))
    with read_session() as session:
        return _summaries(session, list(session.exec(stmt.limit(limit)).all()))


def thread(ticket_id: int, *, client_id: int | None = None) -> Thread | None:
    """A ticket and its messages, oldest first. For a customer (`client_id`): only their own ticket,
    and never a staff-only note or its files."""
    with read_session() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None or (client_id is not None and ticket.client_id != client_id):
            return None
        query = select(TicketMessage).where(TicketMessage.ticket_id == ticket_id).order_by(TicketMessage.id)
        if client_id is not None:
            query = query.where(TicketMessage.internal == False)  # noqa: E712
        messages = list(session.exec(query).all())
        files: dict[int, list[AttachmentView]] = {}
        for row in session.exec(select(TicketAttachment).where(TicketAttachment.ticket_id == ticket_id)
                                .order_by(TicketAttachment.id)).all():
            files.setdefault(row.message_id, []).append(
                AttachmentView(row.id, row.filename, row.content_type, row.size))
        staff_ids = {m.staff_id for m in messages if m.staff_id}
        names = _staff_names(session, staff_ids)
        summary = _summaries(session, [ticket])[0]
    views = [MessageView(id=m.id, author=m.author, staff_name=names.get(m.staff_id, ("", ""))[0],
                         staff_email=names.get(m.staff_id, ("", ""))[1],
                         body=m.body, internal=m.internal, created_at=m.created_at, files=files.get(m.id, []))
             for m in messages]
    return Thread(summary, views)
