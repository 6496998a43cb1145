"""Support tickets: opening, replying (a closed ticket reopens), closing, the auto-close job, the
notifications each step writes (exactly one e-mail and one SMS per staff reply, the department's
e-mail kept out of the customer's inbox), every bad input refused in Persian with nothing changed,
and attachments: type by content, size and count caps, hostile names, and who may read a file.
On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import threading
import zipfile
from datetime import timedelta

import pytest
from PIL import Image
from sqlmodel import func, select

from dorna_app.backoffice import tickets as staff_tickets
from dorna_app.backoffice.models import AuditEntry
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify import messages
from dorna_app.notify.models import OutboxMessage
from dorna_app.settings import get_settings
from dorna_app.support import attachments, tickets
from dorna_app.support.attachments import AttachmentError
from dorna_app.support.models import Ticket, TicketAttachment, TicketMessage
from tests.factories import make_client, make_service, make_staff


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _count(model, *where) -> int:
    with read_session() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def _open(client_id: int, **overrides) -> tickets.TicketResult:
    values = {"department": "technical", "priority": "normal", "service_id": None, "subject": "سرور بالا نمی‌آید",
              "body": "پس از تمدید، سرور روشن نشد."}
    values.update(overrides)
    return tickets.open_ticket(client_id, **values)


def _outbox(kind: str) -> list[OutboxMessage]:
    with read_session() as s:
        return list(s.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)).all())


def test_a_customer_opens_a_ticket_about_their_service_with_an_image(database):
    client = make_client()
    service = make_service(client.id)
    staged = attachments.stage(png(), "screen.png", client_id=client.id)
    result = _open(client.id, service_id=service.id, priority="high", attachment_ids=[staged.id])
    assert result.ok
    thread = tickets.thread(result.ticket_id, client_id=client.id)
    assert thread.ticket.status == "open" and thread.ticket.service == service.name
    assert thread.ticket.department == "فنی" and thread.ticket.priority == "high"
    assert [f.filename for f in thread.messages[0].files] == ["screen.png"] and thread.messages[0].files[0].is_image
    assert tickets.open_count(client.id) == 1 and tickets.staff_open_count() == 1
    # The department hears by e-mail; that message is not the customer's.
    (mail,) = _outbox("staff_ticket_new")
    assert mail.recipient == "support@dornaserver.ir" and "پس از تمدید" in mail.body_text
    assert messages.unread_count(client.id) == 0 and messages.list_messages(client.id) == []


def test_bad_input_is_refused_in_persian_and_changes_nothing(database):
    client = make_client()
    other = make_client("other@example.com")
    foreign = make_service(other.id)
    assert set(_open(client.id, subject=" ", body="").errors) == {"subject", "body"}
    assert "subject" in _open(client.id, subject="م" * 201).errors
    assert "body" in _open(client.id, body="م" * 10_001).errors
    assert "department" in _open(client.id, department="legal").errors
    assert "priority" in _open(client.id, priority="extreme").errors
    assert _open(client.id, service_id=foreign.id).errors == {"service": "این سرویس از آن شما نیست."}
    assert _count(Ticket) == 0 and _count(TicketMessage) == 0 and _count(OutboxMessage) == 0


def test_a_flood_of_tickets_is_limited_per_customer(database):
    client = make_client()
    limit = get_settings().tickets_per_hour
    results = [_open(client.id, subject=f"تیکت {i}") for i in range(limit + 2)]
    assert [r.ok for r in results] == [True] * limit + [False, False]
    assert "در یک ساعت" in results[-1].errors["form"]
    assert _count(Ticket) == limit
    assert _open(make_client("other@example.com").id).ok  # another customer is not held back


def test_staff_reply_sends_one_email_and_one_sms_and_a_reply_reopens(database):
    client = make_client()
    staff_id, _ = make_staff("help@example.com", "support")
    ticket_id = _open(client.id).ticket_id
    seen = tickets.thread(ticket_id).ticket.version
    note = staff_tickets.reply(staff_id, ticket_id, "یادداشت داخلی: دیسک پر است.", internal=True)
    assert note.ok and _outbox("ticket_reply") == []
    assert tickets.thread(ticket_id, client_id=client.id).messages[-1].author == "customer"  # the note is hidden
    # The note moved the version: a reply written against the page as it was before is held back.
    stale = staff_tickets.reply(staff_id, ticket_id, "سرور راه‌اندازی شد.", seen=seen)
    assert stale.errors["form"] == staff_tickets.CHANGED_MEANWHILE and _outbox("ticket_reply") == []
    seen = tickets.thread(ticket_id).ticket.version
    assert staff_tickets.reply(staff_id, ticket_id, "سرور راه‌اندازی شد.", seen=seen).ok
    sent = _outbox("ticket_reply")
    assert sorted(m.channel for m in sent) == ["email", "sms"]
    email = next(m for m in sent if m.channel == "email")
    assert "سرور راه‌اندازی شد." in email.body_text and f"/support/{ticket_id}" in email.body_text
    assert 'dir="rtl"' in email.body_html
    summary = tickets.thread(ticket_id).ticket
    assert summary.status == "answered" and summary.assigned_staff_id == staff_id

    assert tickets.customer_close(client.id, ticket_id).ok
    assert tickets.thread(ticket_id).ticket.status == "closed" and tickets.open_count(client.id) == 0
    assert tickets.customer_reply(client.id, ticket_id, "دوباره خاموش شد.").ok
    assert tickets.thread(ticket_id).ticket.status == "customer_reply"  # reopened, staff's turn
    assert len(_outbox("staff_ticket_reply")) == 1
    with read_session() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.object_type == "ticket")).all()]
    assert actions == ["ticket.note", "ticket.reply"]


def test_another_customers_ticket_is_not_found(database):
    owner, stranger = make_client(), make_client("stranger@example.com")
    ticket_id = _open(owner.id).ticket_id
    assert tickets.thread(ticket_id, client_id=stranger.id) is None
    assert tickets.customer_reply(stranger.id, ticket_id, "سلام").errors == {"form": tickets.NOT_FOUND}
    assert tickets.customer_close(stranger.id, ticket_id).errors == {"form": tickets.NOT_FOUND}
    assert tickets.thread(ticket_id).ticket.status == "open" and _count(TicketMessage) == 1


def test_auto_close_tells_the_customer_once_even_when_run_twice_at_once(database):
    client = make_client()
    staff_id, _ = make_staff("help@example.com", "support")
    ticket_id = _open(client.id).ticket_id
    staff_tickets.reply(staff_id, ticket_id, "انجام شد.")
    fresh_id = _open(client.id, subject="دیگری").ticket_id
    staff_tickets.reply(staff_id, fresh_id, "انجام شد.")
    later = utcnow() + timedelta(days=get_settings().ticket_autoclose_days, hours=1)
    with write_session() as s:  # the second was answered only an hour ago
        row = s.get(Ticket, fresh_id)
        row.answered_at = later - timedelta(hours=1)
        s.add(row)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        results.append(tickets.close_stale(later))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0, 1]
    assert tickets.thread(ticket_id).ticket.status == "closed"
    assert tickets.thread(fresh_id).ticket.status == "answered"
    assert len(_outbox("ticket_closed")) == 1
    assert tickets.close_stale(later) == 0
    # A reply to the auto-closed ticket opens it again.
    assert tickets.customer_reply(client.id, ticket_id, "هنوز مشکل دارم.").ok
    assert tickets.thread(ticket_id).ticket.status == "customer_reply"


def test_staff_update_is_audited_and_refuses_a_stale_form(database):
    client = make_client()
    staff_id, _ = make_staff("help@example.com", "support")
    ticket_id = _open(client.id).ticket_id
    seen = tickets.thread(ticket_id).ticket.version
    assert staff_tickets.take(staff_id, ticket_id).ok
    stale = staff_tickets.update(staff_id, ticket_id, department="billing", priority="urgent", status="open", seen=seen)
    assert stale.errors["form"] == staff_tickets.CHANGED_MEANWHILE
    seen = tickets.thread(ticket_id).ticket.version
    assert staff_tickets.update(staff_id, ticket_id, department="billing", priority="urgent", status="closed",
                                seen=seen).ok
    summary = tickets.thread(ticket_id).ticket
    assert (summary.department_key, summary.priority, summary.status) == ("billing", "urgent", "closed")
    assert set(staff_tickets.update(staff_id, ticket_id, department="x", priority="y", status="z").errors) == {
        "department", "priority", "status"}


# Attachments ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "words"), [
    ("page.png", b"<html><script>alert(1)</script></html>", "نوع پرونده"),
    ("setup.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "نوع پرونده"),
    ("notes.txt", b"<script>alert(1)</script>", "نوع پرونده"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "نوع پرونده"),
    ("photo.pdf", None, "پسوند"),
    ("../../etc/passwd.png", None, "مسیر"),
    ("..\\boot.png", None, "مسیر"),
    ("screen\x07.png", None, "کنترلی"),
    ("invoice\u202egnp.exe", None, "کنترلی"),
    ("empty.txt", b"", "خالی"),
])
def test_hostile_files_are_refused_with_a_persian_reason(database, name, data, words):
    client = make_client()
    with pytest.raises(AttachmentError) as refused:
        attachments.stage(png() if data is None else data, name, client_id=client.id)
    assert words in str(refused.value)
    assert _count(TicketAttachment) == 0
    root = get_settings().attachments_path
    assert not root.exists() or not any(root.iterdir())


def test_sizes_counts_and_the_allowed_kinds(database):
    client = make_client()
    with pytest.raises(AttachmentError, match="مگابایت"):
        attachments.stage(b"a" * (6 * 1024 * 1024), "big.txt", client_id=client.id)
    with pytest.raises(AttachmentError, match="حداکثر"):
        attachments.stage(png(), "sixth.png", client_id=client.id, already=attachments.MAX_FILES)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("log.txt", "hello")
    kinds = {
        "a.png": png(), "b.txt": "گزارش خطا\nline 2".encode(), "c.pdf": b"%PDF-1.4\n%...\n",
        "d.zip": archive.getvalue(),
    }
    stored = [attachments.stage(data, name, client_id=client.id) for name, data in kinds.items()]
    assert [s.content_type for s in stored] == ["image/png", "text/plain; charset=utf-8", "application/pdf",
                                                "application/zip"]
    with read_session() as s:
        names = [row.stored_name for row in s.exec(select(TicketAttachment)).all()]
    for name in names:  # random names, outside the project's web root
        path = attachments.path_of(name)
        assert path.exists() and len(name) == 32 and "assets" not in str(path) and ".web" not in str(path)


def test_who_may_read_an_attachment(database):
    owner, stranger = make_client(), make_client("stranger@example.com")
    staff_id, _ = make_staff("help@example.com", "support")
    staged = attachments.stage(png(), "screen.png", client_id=owner.id)
    assert attachments.readable(staged.id, client_id=owner.id) is not None  # its uploader, before sending
    assert attachments.readable(staged.id, client_id=stranger.id) is None
    assert attachments.readable(staged.id, staff=True) is None  # a customer's draft is theirs alone
    ticket_id = _open(owner.id, attachment_ids=[staged.id]).ticket_id
    assert attachments.readable(staged.id, client_id=owner.id) is not None
    assert attachments.readable(staged.id, client_id=stranger.id) is None
    assert attachments.readable(staged.id, staff=True) is not None
    assert attachments.readable(staged.id) is None  # no session
    # A file on a staff-only note is staff's alone.
    secret = attachments.stage(png(), "internal.png", staff_id=staff_id)
    staff_tickets.reply(staff_id, ticket_id, "یادداشت", internal=True, attachment_ids=[secret.id])
    assert attachments.readable(secret.id, client_id=owner.id) is None
    assert attachments.readable(secret.id, staff=True) is not None
    # Another customer's staged file cannot be slipped into one's own ticket.
    theirs = attachments.stage(png(), "theirs.png", client_id=stranger.id)
    mine = _open(owner.id, attachment_ids=[theirs.id]).ticket_id
    assert tickets.thread(mine).messages[0].files == []
    assert attachments.thumbnail(attachments.readable(staged.id, staff=True))[:3] == b"\xff\xd8\xff"


def test_unsent_staged_files_are_swept_after_a_day(database):
    client = make_client()
    kept = attachments.stage(png(), "sent.png", client_id=client.id)
    _open(client.id, attachment_ids=[kept.id])
    dropped = attachments.stage(png(), "draft.png", client_id=client.id)
    with read_session() as s:
        stored = s.get(TicketAttachment, dropped.id).stored_name
    assert attachments.sweep_staged(utcnow() + timedelta(hours=23)) == 0
    assert attachments.sweep_staged(utcnow() + timedelta(days=1, minutes=1)) == 1
    assert not attachments.path_of(stored).exists() and _count(TicketAttachment) == 1


def test_admins_configure_departments_and_customers_see_only_active_ones(database):
    admin_id, _ = make_staff("admin@example.com")
    assert [d.key for d in tickets.departments()] == ["technical", "billing", "sales"]
    bad = staff_tickets.save_department(admin_id, None, name=" ", email="not-an-address", active=True)
    assert set(bad.errors) == {"dept_name", "dept_email"}
    added = staff_tickets.save_department(admin_id, None, name="دامنه", email="domains@example.com", active=True)
    assert added.ok and tickets.departments()[-1].name == "دامنه"
    sales = next(d for d in tickets.departments() if d.key == "sales")
    assert staff_tickets.save_department(admin_id, sales.id, name="فروش", email="", active=False).ok
    assert "sales" not in [d.key for d in tickets.departments()]
    client = make_client()
    assert "department" in _open(client.id, department="sales").errors  # no longer offered
    for d in tickets.departments():
        staff_tickets.save_department(admin_id, d.id, name=d.name, email=d.email, active=False)
    assert len(tickets.departments()) == 1  # the last active one stays
    with read_session() as s:
        actions = {e.action for e in s.exec(select(AuditEntry).where(AuditEntry.object_type == "department")).all()}
    assert actions == {"department.create", "department.update"}
