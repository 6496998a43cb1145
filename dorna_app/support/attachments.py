"""Ticket attachments: what a file is, decided from its bytes; where it is kept; who may read it.

A file's name says nothing trusted: its type comes from its content (an image must decode as that
image, a PDF start as one, a zip be a zip, text be UTF-8 without markup a browser would run). A name
with a path, control or direction characters is refused, not repaired, so nobody is misled by what
a listing shows. Files are written under random names in `Settings.attachments_path` (never under
the web root), first "staged" by their uploader, and join a message in that message's transaction.
Reading one is allowed to the ticket's customer and to staff, checked here, not by the route alone.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from dorna_app import fa
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.settings import get_settings
from dorna_app.support.models import Ticket, TicketAttachment, TicketMessage

log = logging.getLogger(__name__)

MAX_FILES = 5
MAX_BYTES = 5 * 1024 * 1024
MAX_NAME_CHARS = 120
THUMB_PIXELS = 320
# An image larger than this many pixels is refused before it is decoded (a "decompression bomb").
MAX_IMAGE_PIXELS = 40_000_000
STAGED_TTL = timedelta(days=1)

# Detected type -> (the stored Content-Type, the extensions a name of that type may end with).
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "gif": ("image/gif", (".gif",)),
    "webp": ("image/webp", (".webp",)),
    "pdf": ("application/pdf", (".pdf",)),
    "zip": ("application/zip", (".zip",)),
    "text": ("text/plain; charset=utf-8", (".txt", ".log", ".conf", ".cfg", ".ini", ".csv")),
}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
ALLOWED_WORDS = "تصویر، PDF، متن یا ZIP"
# Bidirectional controls (U+202A..U+202E, U+2066..U+2069) and marks let a name like
# "invoice\u202Egnp.exe" show as "invoiceexe.png": refused.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MARKUP = re.compile(rb"<\s*(script|html|body|iframe|svg|object|embed|!doctype|\?xml)", re.I)


class AttachmentError(ValueError):
    """Why a file was refused, in Persian, naming the file."""


@dataclass(frozen=True)
class Detected:
    content_type: str
    kind: str


@dataclass(frozen=True)
class StoredFile:
    id: int
    filename: str
    content_type: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_TYPES


def check_name(raw: str) -> str:
    """The name as given, if it is a plain file name; AttachmentError otherwise."""
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
        raise AttachmentError("پرونده نام ندارد.")
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        raise AttachmentError(f"نام پرونده «{_shown(name)}» مسیر دارد؛ فقط نام خود پرونده پذیرفته می‌شود.")
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c" for ch in name) or _BIDI.search(name):
        raise AttachmentError("نام پرونده نویسه‌های کنترلی دارد؛ نام آن را عوض کنید و دوباره بفرستید.")
    if len(name) > MAX_NAME_CHARS:
        raise AttachmentError(f"نام پرونده بیش از {fa.digits(MAX_NAME_CHARS)} نویسه است.")
    return name


def _shown(name: str) -> str:
    """A file name inside a Persian sentence: without controls, short, and isolated (FSI ... PDI) so a
    Latin name with dots and slashes keeps its own order in the right-to-left line."""
    cleaned = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    return f"\u2068{cleaned[:40]}\u2069"


def detect(data: bytes) -> Detected | None:
    """What these bytes are, among the allowed kinds; None for anything else (HTML, programs, ...)."""
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = "gif"
    elif head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        kind = "webp"
    elif head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = "zip"
    else:
        kind = "text"
    if kind in ("png", "jpeg", "gif", "webp") and not _decodes_as(data, kind):
        return None
    if kind == "zip" and not _is_zip(data):
        return None
    if kind == "text" and not _is_plain_text(data):
        return None
    return Detected(TYPES[kind][0], kind)


def _decodes_as(data: bytes, kind: str) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return False
            if (image.format or "").lower() != kind:
                return False
            image.verify()
        return True
    except Exception:  # noqa: BLE001  Pillow raises many kinds for a broken file: none is an image we accept
        return False


def _is_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.infolist()
        return True
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if _MARKUP.search(data[:4096]):
        return False
    return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text[:65536])


def _root() -> Path:
    root = get_settings().attachments_path
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def path_of(stored_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", stored_name):
        raise ValueError("not a stored attachment name")
    return _root() / stored_name


def stage(data: bytes, filename: str, *, client_id: int | None = None, staff_id: int | None = None,
          already: int = 0) -> StoredFile:
    """Check and keep one uploaded file for a message not written yet (`already`: files staged so far
    for it). Raises AttachmentError with the Persian reason; nothing is kept then."""
    if (client_id is None) == (staff_id is None):
        raise ValueError("an attachment has exactly one uploader")
    name = check_name(filename)
    if already >= MAX_FILES:
        raise AttachmentError(f"هر پیام حداکثر {fa.digits(MAX_FILES)} پیوست دارد؛ «{_shown(name)}» افزوده نشد.")
    if not data:
        raise AttachmentError(f"پرونده «{_shown(name)}» خالی است.")
    if len(data) > MAX_BYTES:
        raise AttachmentError(f"پرونده «{_shown(name)}» بزرگ‌تر از {fa.digits(MAX_BYTES // (1024 * 1024))} "
                              "مگابایت است.")
    found = detect(data)
    if found is None:
        raise AttachmentError(f"نوع پرونده «{_shown(name)}» پذیرفته نیست؛ فقط {ALLOWED_WORDS}.")
    if not name.lower().endswith(TYPES[found.kind][1]):
        raise AttachmentError(f"پسوند «{_shown(name)}» با محتوای آن نمی‌خواند؛ محتوا "
                              f"{found.kind.upper()} است.")
    stored = secrets.token_hex(16)
    target = path_of(stored)
    partial = target.with_suffix(".part")
    with open(partial, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    try:
        with write_session() as session:
            row = TicketAttachment(stored_name=stored, filename=name, content_type=found.content_type,
                                   size=len(data), sha256=hashlib.sha256(data).hexdigest(), client_id=client_id,
                                   staff_id=staff_id)
            session.add(row)
            session.flush()
            return StoredFile(row.id, row.filename, row.content_type, row.size)
    except Exception:
        target.unlink(missing_ok=True)
        raise


def claim(session: Session, ids: list[int], *, ticket_id: int, message_id: int, client_id: int | None = None,
          staff_id: int | None = None) -> int:
    """Attach staged files to a message being written in `session`: only files this uploader staged and
    nobody attached yet; returns how many joined."""
    if not ids:
        return 0
    query = select(TicketAttachment).where(col(TicketAttachment.id).in_(ids[:MAX_FILES]),
                                           TicketAttachment.message_id == None)  # noqa: E711
    query = query.where(TicketAttachment.client_id == client_id) if client_id is not None else query.where(
        TicketAttachment.staff_id == staff_id)
    rows = session.exec(query.with_for_update()).all()
    for row in rows:
        row.ticket_id, row.message_id = ticket_id, message_id
        session.add(row)
    return len(rows)


def discard(attachment_id: int, *, client_id: int | None = None, staff_id: int | None = None) -> None:
    """Drop a staged file its uploader changed their mind about (a sent one stays)."""
    with write_session() as session:
        row = session.get(TicketAttachment, attachment_id)
        if row is None or row.message_id is not None:
            return
        if row.client_id != client_id or row.staff_id != staff_id:  # only its own uploader
            return
        session.delete(row)
        stored = row.stored_name
    path_of(stored).unlink(missing_ok=True)


def readable(attachment_id: int, *, client_id: int | None = None, staff: bool = False) -> TicketAttachment | None:
    """The attachment if this reader may have it: staff always (sent ones); a customer only a file of
    their own ticket that is not on a staff-only note, or one they staged themselves."""
    with read_session() as session:
        row = session.get(TicketAttachment, attachment_id)
        if row is None:
            return None
        if staff:
            return row if row.message_id is not None or row.staff_id is not None else None
        if client_id is None:
            return None
        if row.message_id is None:
            return row if row.client_id == client_id else None
        ticket = session.get(Ticket, row.ticket_id)
        message = session.get(TicketMessage, row.message_id)
        if ticket is None or ticket.client_id != client_id or message is None or message.internal:
            return None
        return row


def thumbnail(row: TicketAttachment) -> bytes | None:
    """A small re-encoded JPEG of an image attachment (made once, kept beside it): what a thread shows."""
    if row.content_type not in IMAGE_TYPES:
        return None
    thumb = _root() / f"{row.stored_name}.thumb.jpg"
    if thumb.exists():
        return thumb.read_bytes()
    from PIL import Image

    try:
        with Image.open(path_of(row.stored_name)) as image:
            image.thumbnail((THUMB_PIXELS, THUMB_PIXELS))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
    except Exception:  # noqa: BLE001  a thread without one thumbnail is still a thread
        log.warning("could not make a thumbnail of attachment %s", row.id)
        return None
    data = out.getvalue()
    partial = thumb.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, thumb)
    return data


def sweep_staged(now: datetime | None = None) -> int:
    """Delete files staged more than a day ago and never sent (the job runner calls it)."""
    cutoff = (now or utcnow()) - STAGED_TTL
    with write_session() as session:
        rows = session.exec(select(TicketAttachment).where(TicketAttachment.message_id == None,  # noqa: E711
                                                           TicketAttachment.created_at < cutoff)).all()
        names = [row.stored_name for row in rows]
        for row in rows:
            session.delete(row)
    for name in names:
        path_of(name).unlink(missing_ok=True)
        (_root() / f"{name}.thumb.jpg").unlink(missing_ok=True)
    return len(names)
