"""Signing in with a one-time SMS code: a mobile number gets a 5-digit code through Kavenegar's
template lookup, valid 2 minutes, 3 tries, another one after 60 seconds; only its hash is kept.
Requests are counted per number and per network address like password sign-in, and the answer is
the same whether or not the number belongs to an account. The code is sent at once (not through the
outbox): a code that arrives late is useless, and a provider that is down is said plainly, with
password sign-in still open."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Field, SQLModel, col, select

from dorna_app import fa
from dorna_app.accounts import auth
from dorna_app.accounts.models import AuthSession, Client
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_mobile
from dorna_app.notify.messages import enqueue_sms
from dorna_app.notify.sms import get_sms_client
from dorna_app.settings import get_settings

CODE_DIGITS = 5
VALID_FOR = timedelta(minutes=2)
RESEND_AFTER = timedelta(seconds=60)
MAX_TRIES = 3


class SmsCode(SQLModel, table=True):
    """One sign-in code sent to a mobile number (its hash, salted with the number)."""

    __tablename__ = "sms_code"

    id: int | None = Field(default=None, primary_key=True)
    mobile: str = Field(max_length=11, index=True)
    client_id: int | None = Field(default=None, foreign_key="client.id")
    code_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    tries: int = 0
    used_at: datetime | None = None
    # "signin", or "mobile" for a new number being confirmed by its owner (then `client_id` asked).
    purpose: str = Field(default="signin", max_length=8)


class CodeOutcome(StrEnum):
    SENT = "sent"
    BAD_NUMBER = "bad_number"
    WAIT = "wait"  # the last code is younger than 60 seconds
    THROTTLED = "throttled"
    PROVIDER_DOWN = "provider_down"


@dataclass(frozen=True)
class CodeRequest:
    outcome: CodeOutcome
    mobile: str = ""
    wait_seconds: int = 0


def _hash(mobile: str, code: str) -> str:
    return hashlib.sha256(f"{mobile}:{code}".encode()).hexdigest()


def request_code(raw_mobile: str, *, ip_address: str = "", purpose: str = "signin") -> CodeRequest:
    """Send a sign-in (or password reset) code to this number if it has an account; the answer never
    says which."""
    mobile = normalize_mobile(raw_mobile or "")
    if mobile is None:
        return CodeRequest(CodeOutcome.BAD_NUMBER)
    attempt_id, retry_after = auth.admit_attempt(f"sms:{mobile}", ip_address, utcnow())
    if attempt_id is None:
        return CodeRequest(CodeOutcome.THROTTLED, mobile, retry_after)
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    with write_session() as session:
        last = session.exec(select(SmsCode).where(SmsCode.mobile == mobile, SmsCode.purpose == purpose)
                            .order_by(col(SmsCode.id).desc())).first()
        if last is not None and last.created_at > utcnow() - RESEND_AFTER:
            wait = int((last.created_at + RESEND_AFTER - utcnow()).total_seconds()) + 1
            return CodeRequest(CodeOutcome.WAIT, mobile, wait)
        client = session.exec(select(Client).where(Client.mobile == mobile)).first()
        session.add(SmsCode(mobile=mobile, client_id=client.id if client else None, code_hash=_hash(mobile, code),
                            expires_at=utcnow() + VALID_FOR, purpose=purpose))
    if client is None:  # nothing is sent, and nothing says so
        return CodeRequest(CodeOutcome.SENT, mobile)
    result = get_sms_client().lookup(mobile, get_settings().sms_login_template, code)
    if not result.ok:
        return CodeRequest(CodeOutcome.PROVIDER_DOWN, mobile)
    return CodeRequest(CodeOutcome.SENT, mobile)


class VerifyOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"  # no live code: expired, used, out of tries, or never sent


@dataclass(frozen=True)
class CodeSignIn:
    outcome: VerifyOutcome
    token: str | None = None
    tries_left: int = 0
    needs_second_factor: bool = False


def sign_in_with_code(raw_mobile: str, raw_code: str, *, ip_address: str = "", user_agent: str = "") -> CodeSignIn:
    """Check the code (Persian or Arabic digits welcome) and open a session; a code works once."""
    mobile = normalize_mobile(raw_mobile or "")
    code = fa.normalize_digits(raw_code or "").strip()
    if mobile is None:
        return CodeSignIn(VerifyOutcome.EXPIRED)
    with write_session() as session:
        row = session.exec(select(SmsCode).where(SmsCode.mobile == mobile, SmsCode.purpose == "signin")
                           .order_by(col(SmsCode.id).desc())
                           .with_for_update().execution_options(populate_existing=True)).first()
        if row is None or row.used_at is not None or row.expires_at <= utcnow() or row.tries >= MAX_TRIES:
            return CodeSignIn(VerifyOutcome.EXPIRED)
        row.tries += 1
        session.add(row)
        if row.client_id is None or not secrets.compare_digest(row.code_hash, _hash(mobile, code)):
            return CodeSignIn(VerifyOutcome.WRONG, tries_left=MAX_TRIES - row.tries)
        row.used_at = utcnow()
        token = secrets.token_urlsafe(32)
        pending = session.get(Client, row.client_id).totp_confirmed_at is not None
        session.add(AuthSession(token_hash=auth.token_hash(token), client_id=row.client_id,
                                expires_at=utcnow() + timedelta(days=get_settings().session_days),
                                ip_address=ip_address[:45], user_agent=user_agent[:255],
                                second_factor_pending=pending))
    return CodeSignIn(VerifyOutcome.OK, token=token, needs_second_factor=pending)


MOBILE_CODE_VALID_FOR = timedelta(minutes=10)


def request_mobile_change(client_id: int, new_mobile: str) -> CodeOutcome:
    """Send a code to the number the customer wants to use; the number changes only when they type it
    back (`confirm_mobile_change`). Whether another account uses that number is never said."""
    attempt_id, _ = auth.admit_attempt(f"sms-change:{client_id}", "", utcnow())
    if attempt_id is None:
        return CodeOutcome.THROTTLED
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    with write_session() as session:
        last = session.exec(select(SmsCode).where(SmsCode.client_id == client_id, SmsCode.purpose == "mobile")
                            .order_by(col(SmsCode.id).desc())).first()
        if last is not None and last.mobile == new_mobile and last.used_at is None \
                and last.created_at > utcnow() - RESEND_AFTER:
            return CodeOutcome.SENT  # the code sent a moment ago still stands
        session.add(SmsCode(mobile=new_mobile, client_id=client_id, code_hash=_hash(new_mobile, code),
                            expires_at=utcnow() + MOBILE_CODE_VALID_FOR, purpose="mobile"))
    result = get_sms_client().lookup(new_mobile, get_settings().sms_login_template, code)
    return CodeOutcome.SENT if result.ok else CodeOutcome.PROVIDER_DOWN


def pending_mobile(client_id: int) -> str:
    """The number a live change code went to, or ""."""
    with read_session() as session:
        row = session.exec(select(SmsCode).where(SmsCode.client_id == client_id, SmsCode.purpose == "mobile")
                           .order_by(col(SmsCode.id).desc())).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow() or row.tries >= MAX_TRIES:
        return ""
    return row.mobile


def confirm_mobile_change(client_id: int, raw_code: str) -> VerifyOutcome:
    """The code typed back: the account takes the new number; the old one is told by SMS."""
    code = fa.normalize_digits(raw_code or "").strip()
    with write_session() as session:
        row = session.exec(select(SmsCode).where(SmsCode.client_id == client_id, SmsCode.purpose == "mobile")
                           .order_by(col(SmsCode.id).desc()).with_for_update()
                           .execution_options(populate_existing=True)).first()
        if row is None or row.used_at is not None or row.expires_at <= utcnow() or row.tries >= MAX_TRIES:
            return VerifyOutcome.EXPIRED
        row.tries += 1
        session.add(row)
        if not secrets.compare_digest(row.code_hash, _hash(row.mobile, code)):
            return VerifyOutcome.WRONG
        row.used_at = utcnow()
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()).one()
        old, client.mobile = client.mobile, row.mobile
        session.add(client)
        if old and old != row.mobile:
            enqueue_sms(session, client.id, old, f"درنا سرور: شماره موبایل حساب شما به "
                        f"{fa.digits(row.mobile[:4])}…{fa.digits(row.mobile[-3:])} تغییر کرد. اگر شما نبودید، "
                        "با پشتیبانی تماس بگیرید.", key=f"mobile-change:{row.id}:old")
    return VerifyOutcome.OK


def reset_with_code(raw_mobile: str, raw_code: str, new: str, repeat: str) -> dict[str, str]:
    """A forgotten password, by a code sent to the account's mobile (`request_code(purpose="reset")`):
    the new password is set and every session ends. {} when done, else a Persian message per field."""
    from dorna_app.accounts.recovery import MIN_PASSWORD_CHARS

    if len(new) < MIN_PASSWORD_CHARS:
        return {"new_password": f"رمز عبور دست‌کم {fa.digits(MIN_PASSWORD_CHARS)} نویسه باشد."}
    if len(new) > auth.MAX_PASSWORD_CHARS:
        return {"new_password": "رمز عبور بیش از اندازه بلند است."}
    if new != repeat:
        return {"repeat_password": "تکرار رمز عبور با خود آن یکی نیست."}
    mobile = normalize_mobile(raw_mobile or "")
    code = fa.normalize_digits(raw_code or "").strip()
    expired = {"code": "این کد دیگر معتبر نیست (بیش از دو دقیقه گذشته، سه بار اشتباه وارد شده یا به کار رفته "
                       "است). کد تازه بخواهید."}
    if mobile is None:
        return expired
    with write_session() as session:
        row = session.exec(select(SmsCode).where(SmsCode.mobile == mobile, SmsCode.purpose == "reset")
                           .order_by(col(SmsCode.id).desc()).with_for_update()
                           .execution_options(populate_existing=True)).first()
        if row is None or row.used_at is not None or row.expires_at <= utcnow() or row.tries >= MAX_TRIES:
            return expired
        row.tries += 1
        session.add(row)
        if row.client_id is None or not secrets.compare_digest(row.code_hash, _hash(mobile, code)):
            return {"code": f"کد درست نیست؛ {fa.digits(MAX_TRIES - row.tries)} بار دیگر می‌توانید امتحان کنید."}
        row.used_at = utcnow()
        client = session.exec(select(Client).where(Client.id == row.client_id).with_for_update()).one()
        client.password_hash = auth.hash_password(new)
        session.add(client)
        auth.end_sessions(session, client.id)
    return {}
