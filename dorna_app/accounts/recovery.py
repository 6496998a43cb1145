"""Forgotten passwords: a link e-mailed to the account's address (a random 256-bit token, stored as
its hash, single use, valid 30 minutes) leads to a form for a new password; setting it ends every
session of the account. Asking always gets the same answer, account or not, and is throttled per
address typed and per network address like sign-in."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Field, SQLModel, select

from dorna_app import fa
from dorna_app.accounts import auth
from dorna_app.accounts.models import Client
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_email
from dorna_app.notify.models import MessageChannel
from dorna_app.notify.outbox import enqueue
from dorna_app.notify.templates import password_reset_email
from dorna_app.settings import get_settings

LINK_MINUTES = 30
MIN_PASSWORD_CHARS = 10


class PasswordReset(SQLModel, table=True):
    """One e-mailed reset link: only the hash of its token is kept."""

    __tablename__ = "password_reset"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class ResetOutcome(StrEnum):
    OK = "ok"
    INVALID = "invalid"  # unknown, already used, or expired
    WEAK = "weak"
    MISMATCH = "mismatch"


@dataclass(frozen=True)
class ResetResult:
    outcome: ResetOutcome
    errors: dict[str, str]


SENT = "اگر حسابی با این ایمیل باشد، پیوند بازیابی رمز عبور به آن فرستاده شد؛ تا ۳۰ دقیقه معتبر است."
THROTTLED = "درخواست‌های زیادی فرستاده شد؛ چند دقیقه دیگر دوباره امتحان کنید."


def request_reset(email: str, *, ip_address: str = "") -> str:
    """E-mail a reset link if an account has this address; the Persian answer is the same either way."""
    email = normalize_email(email)
    if not email or "@" not in email:
        return "ایمیل حساب خود را بنویسید."
    attempt_id, _ = auth.admit_attempt(f"reset:{email}", ip_address, utcnow())
    if attempt_id is None:
        return THROTTLED
    with write_session() as session:
        client = session.exec(select(Client).where(Client.email == email)).first()
        if client is None:
            return SENT
        token = secrets.token_urlsafe(32)
        reset = PasswordReset(client_id=client.id, token_hash=auth.token_hash(token),
                              expires_at=utcnow() + timedelta(minutes=LINK_MINUTES))
        session.add(reset)
        session.flush()
        name = f"{client.first_name} {client.last_name}".strip()
        mail = password_reset_email(name, f"{get_settings().public_url}/reset-password?t={token}", LINK_MINUTES)
        enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL, kind="password_reset",
                dedupe_key=f"password-reset:{reset.id}", recipient=client.email, subject=mail.subject,
                text=mail.text, html=mail.html)
    return SENT


def link_is_valid(token: str) -> bool:
    """Whether the page should offer the form (the reset itself checks again, under a lock)."""
    if not token or len(token) > 128:
        return False
    with read_session() as session:
        row = session.exec(select(PasswordReset).where(PasswordReset.token_hash == auth.token_hash(token))).first()
    return row is not None and row.used_at is None and row.expires_at > utcnow()


def reset_password(token: str, new: str, repeat: str) -> ResetResult:
    """Set the new password through a valid link (once); every session of the account ends."""
    if len(new) < MIN_PASSWORD_CHARS:
        return ResetResult(ResetOutcome.WEAK, {"new_password": f"رمز عبور دست‌کم {fa.digits(MIN_PASSWORD_CHARS)} "
                                                              "نویسه باشد."})
    if len(new) > auth.MAX_PASSWORD_CHARS:
        return ResetResult(ResetOutcome.WEAK, {"new_password": "رمز عبور بیش از اندازه بلند است."})
    if new != repeat:
        return ResetResult(ResetOutcome.MISMATCH, {"repeat_password": "تکرار رمز عبور با خود آن یکی نیست."})
    invalid = ResetResult(ResetOutcome.INVALID, {"form": "این پیوند دیگر معتبر نیست (به کار رفته یا بیش از ۳۰ دقیقه "
                                                         "از آن گذشته است). پیوند تازه بخواهید."})
    if not token or len(token) > 128:
        return invalid
    with write_session() as session:
        row = session.exec(select(PasswordReset).where(PasswordReset.token_hash == auth.token_hash(token))
                           .with_for_update().execution_options(populate_existing=True)).first()
        if row is None or row.used_at is not None or row.expires_at <= utcnow():
            return invalid
        row.used_at = utcnow()
        session.add(row)
        client = session.get(Client, row.client_id)
        client.password_hash = auth.hash_password(new)
        session.add(client)
        auth.end_sessions(session, client.id)
        # Any other link still out for this account dies with this one.
        for stale in session.exec(select(PasswordReset).where(PasswordReset.client_id == client.id,
                                                              PasswordReset.used_at == None)).all():  # noqa: E711
            stale.used_at = utcnow()
            session.add(stale)
    return ResetResult(ResetOutcome.OK, {})
