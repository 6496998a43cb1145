"""What both faces' ticket pages share: a ticket as a list row, a thread as messages, and taking the
files a browser uploaded for a message being written (each checked by `support.attachments`)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.datastructures import Headers

from dorna_app import fa, labels
from dorna_app.clock import utcnow
from dorna_app.state.views import FileChip, ThreadMessage, TicketRow
from dorna_app.support import attachments
from dorna_app.support.tickets import MAX_BODY_CHARS, Thread, TicketSummary

MAX_FIELD_CHARS = MAX_BODY_CHARS + 100  # what a ticket form may send; the domain says what is too long


def ticket_row(t: TicketSummary, *, staff: bool) -> TicketRow:
    statuses = labels.TICKET_STATUS_STAFF if staff else labels.TICKET_STATUS_CUSTOMER
    waiting = ""
    if staff and t.status in ("open", "customer_reply"):
        waiting = fa.elapsed((utcnow() - t.customer_wrote_at).total_seconds())
    return TicketRow(id=t.id, number=fa.digits(t.id), subject=t.subject, status=t.status,
                     status_label=statuses.get(t.status, t.status), priority=t.priority,
                     priority_label=labels.TICKET_PRIORITY.get(t.priority, t.priority), department=t.department,
                     service=t.service, customer=t.customer, customer_email=t.customer_email,
                     assigned_to=t.assigned_to,
                     activity=fa.jalali_datetime(t.last_activity_at), waiting=waiting,
                     href=f"/staff/tickets/{t.id}" if staff else f"/support/{t.id}")


def file_chip(file_id: int, name: str, size: int, is_image: bool) -> FileChip:
    return FileChip(id=file_id, name=name, size=fa.file_size(size), href=f"/attachments/{file_id}",
                    thumb=f"/attachments/{file_id}/thumb" if is_image else "")


def thread_messages(thread: Thread, *, staff: bool) -> list[ThreadMessage]:
    out = []
    for m in thread.messages:
        if m.author == "customer":
            who = "شما" if not staff else "مشتری"
        elif m.author == "staff" and staff:
            who = m.staff_name or m.staff_email or "پشتیبانی"
        elif m.author == "staff":
            who = f"پشتیبانی — {m.staff_name}" if m.staff_name else "پشتیبانی"
        else:
            who = "سامانه"
        out.append(ThreadMessage(id=m.id, author=m.author, who=who, body=m.body, at=fa.jalali_datetime(m.created_at),
                                 internal=m.internal,
                                 files=[file_chip(f.id, f.filename, f.size, f.is_image) for f in m.files]))
    return out


def raw_filename(upload: Any) -> str:
    """The name exactly as the browser (or a script) sent it: Reflex keeps only its last path segment,
    and a name with `../` must be refused, not quietly shortened."""
    headers = getattr(upload, "headers", None) or Headers()
    disposition = headers.get("content-disposition", "")
    from python_multipart.multipart import parse_options_header

    _, options = parse_options_header(disposition)
    raw = options.get(b"filename*") or options.get(b"filename")
    name = raw.decode("utf-8", "replace") if raw else str(getattr(upload, "path", "") or "")
    # The picker's library reports a picked file as "./name" (its path within what was dropped): that
    # one prefix is the browser's, not the sender's; any other path piece is refused by the check.
    return name[2:] if name.startswith("./") else name


async def stage_uploads(files: list[Any], current: list[FileChip], **owner: int) -> tuple[list[FileChip], str]:
    """Keep each uploaded file that passes (in order, up to five per message); the first refusal's
    Persian reason, or ""."""
    chips, error = list(current), ""
    for upload in files:
        data = upload.file.read(attachments.MAX_BYTES + 1)
        try:
            stored = await asyncio.to_thread(attachments.stage, data, raw_filename(upload), already=len(chips),
                                             **owner)
        except attachments.AttachmentError as exc:
            error = error or str(exc)
            continue
        chips.append(file_chip(stored.id, stored.filename, stored.size, stored.is_image))
    return chips, error


def drop_upload(files: list[FileChip], file_id: object, **owner: int) -> list[FileChip]:
    """The files left after their writer dropped one (only one of their own, still unsent)."""
    wanted = int(file_id) if str(file_id).isdigit() else 0
    if not any(f.id == wanted for f in files):
        return files
    attachments.discard(wanted, **owner)
    return [f for f in files if f.id != wanted]


def rejected_message(rejections: list[dict]) -> str:
    """What the browser's file picker refused before sending (too big, too many), in Persian."""
    for rejection in rejections[:10]:
        codes = {str(e.get("code", "")) for e in rejection.get("errors", []) if isinstance(e, dict)}
        if "file-too-large" in codes:
            return f"هر پیوست حداکثر {fa.digits(attachments.MAX_BYTES // (1024 * 1024))} مگابایت است."
        if "too-many-files" in codes:
            return f"هر پیام حداکثر {fa.digits(attachments.MAX_FILES)} پیوست دارد."
    return "این پرونده پذیرفته نشد."
