"""What staff do with tickets: reply or leave a note, take a ticket, move it to another department,
change its priority or status, close it; and the saved replies. Each goes through support's own
functions under the ticket's lock and is audited in the same transaction.

A reply carries the ticket's version as the page showed it: when a colleague wrote or changed the
ticket in between, the reply is not sent (the page shows what changed, the draft stays), so a
customer never gets two answers that cross."""

from __future__ import annotations

import secrets

from sqlmodel import select

from dorna_app import fa
from dorna_app.backoffice import audit
from dorna_app.billing.transitions import lock
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import valid_email
from dorna_app.support import tickets
from dorna_app.support.models import Priority, SavedReply, SupportDepartment, Ticket, TicketStatus
from dorna_app.support.tickets import MAX_BODY_CHARS, TicketResult

CHANGED_MEANWHILE = ("همکارتان همین حالا در این تیکت نوشت یا آن را تغییر داد؛ پیام تازه را ببینید و دوباره "
                     "بفرستید. متن شما سر جایش است.")
TICKET_FIELDS = ("status", "priority", "department_id", "assigned_staff_id")


def _locked(session, ticket_id: int, seen: int | None) -> Ticket | str:
    if session.get(Ticket, ticket_id) is None:
        return tickets.NOT_FOUND
    ticket = lock(session, Ticket, ticket_id)
    if seen is not None and seen != ticket.version:
        return CHANGED_MEANWHILE
    return ticket


def reply(staff_id: int, ticket_id: int, body: str, *, internal: bool = False, seen: int | None = None,
          attachment_ids: list[int] | None = None, close: bool = False) -> TicketResult:
    """A reply to the customer (e-mail and SMS), or a note only staff see; optionally closing the ticket."""
    body = fa.persian_letters(body.replace("\r\n", "\n")).strip()
    if not body:
        return TicketResult(False, errors={"body": "متن پاسخ را بنویسید."})
    if len(body) > MAX_BODY_CHARS:
        return TicketResult(False, errors={"body": f"متن حداکثر {fa.digits(MAX_BODY_CHARS)} نویسه است."})
    with write_session() as session:
        ticket = _locked(session, ticket_id, None if internal else seen)
        if isinstance(ticket, str):
            return TicketResult(False, errors={"form": ticket})
        before = audit.snapshot(ticket, TICKET_FIELDS)
        message = tickets.add_staff_message(session, ticket, staff_id, body, internal=internal,
                                            attachment_ids=attachment_ids)
        if close and not internal:
            tickets.close_by_staff(session, ticket)
        audit.record(session, staff_id, "ticket.note" if internal else "ticket.reply", "ticket", ticket.id,
                     before=before, after={**audit.snapshot(ticket, TICKET_FIELDS), "message_id": message.id})
        return TicketResult(True, ticket_id=ticket.id)


def update(staff_id: int, ticket_id: int, *, department: str, priority: str, status: str,
           seen: int | None = None) -> TicketResult:
    """Move a ticket to another department, change its priority or status (closing it, or reopening)."""
    with read_session() as session:
        known = {d.key: d.id for d in session.exec(select(SupportDepartment)).all()}
    errors: dict[str, str] = {}
    if department not in known:
        errors["department"] = "بخش را انتخاب کنید."
    if priority not in {p.value for p in Priority}:
        errors["priority"] = "اولویت را انتخاب کنید."
    if status not in {s.value for s in TicketStatus}:
        errors["status"] = "وضعیت را انتخاب کنید."
    if errors:
        return TicketResult(False, errors=errors)
    with write_session() as session:
        ticket = _locked(session, ticket_id, seen)
        if isinstance(ticket, str):
            return TicketResult(False, errors={"form": ticket})
        before = audit.snapshot(ticket, TICKET_FIELDS)
        closing = status == TicketStatus.CLOSED.value and ticket.status != status
        if closing:
            tickets.close_by_staff(session, ticket)  # a line in the thread; the version moves there
        elif ticket.status != status:
            ticket.status, ticket.closed_at = status, None
        ticket.department_id, ticket.priority = known[department], priority
        after = audit.snapshot(ticket, TICKET_FIELDS)
        if after != before:
            if not closing:
                ticket.version += 1
                tickets.record_change(session, ticket)
            session.add(ticket)
            audit.record(session, staff_id, "ticket.update", "ticket", ticket.id, before=before, after=after)
        return TicketResult(True, ticket_id=ticket.id)


def take(staff_id: int, ticket_id: int) -> TicketResult:
    """Assign the ticket to oneself (colleagues see who is on it)."""
    with write_session() as session:
        ticket = _locked(session, ticket_id, None)
        if isinstance(ticket, str):
            return TicketResult(False, errors={"form": ticket})
        if ticket.assigned_staff_id != staff_id:
            before = audit.snapshot(ticket, TICKET_FIELDS)
            ticket.assigned_staff_id = staff_id
            ticket.version += 1
            session.add(ticket)
            tickets.record_change(session, ticket)
            audit.record(session, staff_id, "ticket.assign", "ticket", ticket.id, before=before,
                         after=audit.snapshot(ticket, TICKET_FIELDS))
        return TicketResult(True, ticket_id=ticket.id)


def saved_replies() -> list[SavedReply]:
    with read_session() as session:
        return list(session.exec(select(SavedReply).order_by(SavedReply.title)).all())


def add_saved_reply(staff_id: int, title: str, body: str) -> TicketResult:
    title, body = fa.persian_letters(title).strip(), fa.persian_letters(body.replace("\r\n", "\n")).strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "عنوان پاسخ آماده را بنویسید."
    elif len(title) > 100:
        errors["title"] = "عنوان حداکثر ۱۰۰ نویسه است."
    if not body:
        errors["saved_body"] = "متن پاسخ آماده را بنویسید."
    elif len(body) > MAX_BODY_CHARS:
        errors["saved_body"] = f"متن حداکثر {fa.digits(MAX_BODY_CHARS)} نویسه است."
    if errors:
        return TicketResult(False, errors=errors)
    with write_session() as session:
        row = SavedReply(title=title, body=body, staff_id=staff_id)
        session.add(row)
        session.flush()
        audit.record(session, staff_id, "saved_reply.create", "saved_reply", row.id, after={"title": title})
        return TicketResult(True, ticket_id=row.id)


def delete_saved_reply(staff_id: int, reply_id: int) -> TicketResult:
    with write_session() as session:
        row = session.get(SavedReply, reply_id)
        if row is None:
            return TicketResult(False, errors={"form": "پاسخ آماده پیدا نشد."})
        audit.record(session, staff_id, "saved_reply.delete", "saved_reply", row.id, before={"title": row.title})
        session.delete(row)
        return TicketResult(True)


def save_department(staff_id: int, department_id: int | None, *, name: str, email: str, active: bool) -> TicketResult:
    """Add a support department or change one (its name, the address new tickets e-mail, whether
    customers may choose it). A department is never deleted: its tickets keep pointing at it."""
    name = fa.persian_letters(name).strip()
    errors: dict[str, str] = {}
    if not name:
        errors["dept_name"] = "نام بخش را بنویسید."
    elif len(name) > 60:
        errors["dept_name"] = "نام بخش حداکثر ۶۰ نویسه است."
    address = valid_email(email) if email.strip() else ""
    if address is None:
        errors["dept_email"] = "ایمیل معتبر نیست."
    if errors:
        return TicketResult(False, errors=errors)
    with write_session() as session:
        if department_id is None:
            position = len(session.exec(select(SupportDepartment.id)).all()) + 1
            row = SupportDepartment(key=f"dept-{secrets.token_hex(4)}", name=name, email=address, active=active,
                                    position=position)
            before = None
        else:
            row = session.get(SupportDepartment, department_id)
            if row is None:
                return TicketResult(False, errors={"form": "بخش پیدا نشد."})
            before = {"name": row.name, "email": row.email, "active": row.active}
            if active is False and row.active and len(session.exec(select(SupportDepartment.id).where(
                    SupportDepartment.active == True)).all()) == 1:  # noqa: E712
                return TicketResult(False, errors={"form": "دست‌کم یک بخش باید برای مشتریان فعال بماند."})
            row.name, row.email, row.active = name, address, active
        session.add(row)
        session.flush()
        audit.record(session, staff_id, "department.create" if before is None else "department.update",
                     "department", row.id, before=before, after={"name": name, "email": address, "active": active})
        return TicketResult(True, ticket_id=row.id)
