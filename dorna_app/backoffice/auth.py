"""Staff sign-in: a password, then always a TOTP code (or a single-use recovery code).

The password step opens a session that can do nothing until the second factor passes. A staff
member's first sign-in enrols the authenticator (QR code) and hands out ten recovery codes once. A
TOTP code works once (the step it belongs to is remembered). Attempts are counted and throttled
like the customers' sign-in, under their own keys.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

import pyotp
from sqlmodel import Session, select

from dorna_app import fa
from dorna_app.accounts import auth as accounts_auth
from dorna_app.accounts import totp
from dorna_app.backoffice import audit
from dorna_app.backoffice.models import RecoveryCode, Role, StaffSession, StaffUser
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_email, valid_email
from dorna_app.settings import get_settings

STAFF_COOKIE = "dorna_staff"
ISSUER = "Dorna client area"
MIN_PASSWORD_CHARS = 10
TAKEN = "کارمندی با این ایمیل از قبل وجود دارد."


class StaffError(ValueError):
    """A staff account that cannot be created or changed as asked (the message is Persian)."""


class StaffLoginOutcome(StrEnum):
    OK = "ok"
    MISSING = "missing"
    INVALID = "invalid"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class StaffLoginResult:
    outcome: StaffLoginOutcome
    token: str | None = None
    retry_after: int = 0


@dataclass(frozen=True)
class StaffIdentity:
    """Who a staff cookie belongs to, and how far their sign-in has come."""

    staff_id: int
    email: str
    name: str
    role: str
    second_factor_passed: bool
    enrolled: bool


@dataclass(frozen=True)
class SecondFactorResult:
    ok: bool
    error: str = ""
    recovery_codes: list[str] = field(default_factory=list)


new_secret = totp.new_secret


def create_staff(email: str, role: str, *, name: str = "", password: str | None = None,
                 totp_secret: str | None = None, actor_id: int | None = None) -> tuple[StaffUser, str]:
    """Add a staff member; returns the row and the password to hand over (a random one unless given)."""
    clean = valid_email(email)
    if clean is None:
        raise StaffError("ایمیل معتبر نیست.")
    try:
        role = Role(role).value
    except ValueError as exc:
        raise StaffError("نقش باید یکی از admin، billing یا support باشد.") from exc
    password = password or secrets.token_urlsafe(12)
    with write_session() as session:
        if session.exec(select(StaffUser).where(StaffUser.email == clean)).first() is not None:
            raise StaffError(TAKEN)
        staff = StaffUser(email=clean, name=name.strip()[:100], role=role,
                          password_hash=accounts_auth.hash_password(password),
                          totp_secret=totp_secret or new_secret())
        session.add(staff)
        session.flush()
        audit.record(session, actor_id, "staff.create", "staff", staff.id, after={"email": clean, "role": role})
    return staff, password


def sign_in(email: str, password: str, *, ip_address: str = "", user_agent: str = "") -> StaffLoginResult:
    """The password step: a session that still needs the second factor."""
    email = normalize_email(email)
    if not email or not password:
        return StaffLoginResult(StaffLoginOutcome.MISSING)
    attempt_id, retry_after = accounts_auth.admit_attempt(f"staff:{email}", ip_address, utcnow())
    if attempt_id is None:
        return StaffLoginResult(StaffLoginOutcome.THROTTLED, retry_after=retry_after)
    with read_session() as session:
        staff = session.exec(select(StaffUser).where(StaffUser.email == email)).first()
    usable = staff is not None and staff.active
    ok = accounts_auth.verify_password(staff.password_hash if usable else accounts_auth.DUMMY_HASH, password)
    if not (ok and usable):
        return StaffLoginResult(StaffLoginOutcome.INVALID)
    token = secrets.token_urlsafe(32)
    with write_session() as session:
        accounts_auth.attempt_succeeded(session, attempt_id)
        session.add(StaffSession(token_hash=accounts_auth.token_hash(token), staff_id=staff.id,
                                 expires_at=utcnow() + timedelta(hours=get_settings().staff_session_hours),
                                 ip_address=ip_address[:45], user_agent=user_agent[:255]))
    return StaffLoginResult(StaffLoginOutcome.OK, token=token)


def _session_row(session: Session, token: str | None) -> tuple[StaffSession, StaffUser] | None:
    if not token or len(token) > 128:
        return None
    row = session.exec(
        select(StaffSession, StaffUser).join(StaffUser, StaffUser.id == StaffSession.staff_id)
        .where(StaffSession.token_hash == accounts_auth.token_hash(token))
    ).first()
    if row is None:
        return None
    staff_session, staff = row
    if staff_session.revoked_at is not None or staff_session.expires_at <= utcnow() or not staff.active:
        return None
    return staff_session, staff


def identity_for_token(token: str | None) -> StaffIdentity | None:
    """The staff member a cookie belongs to; None when missing, forged, expired, revoked or disabled."""
    with read_session() as session:
        row = _session_row(session, token)
    if row is None:
        return None
    staff_session, staff = row
    return StaffIdentity(staff_id=staff.id, email=staff.email, name=staff.name, role=staff.role,
                         second_factor_passed=staff_session.second_factor_at is not None,
                         enrolled=staff.totp_confirmed_at is not None)


def _new_recovery_codes(session: Session, staff_id: int) -> list[str]:
    for old in session.exec(select(RecoveryCode).where(RecoveryCode.staff_id == staff_id)).all():
        session.delete(old)
    codes = totp.new_recovery_codes()
    for code in codes:
        session.add(RecoveryCode(staff_id=staff_id, code_hash=totp.recovery_hash(code)))
    return codes


def pass_second_factor(token: str | None, raw_code: str, *, ip_address: str = "") -> SecondFactorResult:
    """Check a TOTP code (or, once enrolled, a recovery code) for this session and let it in.

    Enrolment (the first sign-in) takes only a TOTP code and returns the ten recovery codes, shown once.
    """
    code = totp.clean_code(raw_code)
    if not code:
        return SecondFactorResult(False, "کد را وارد کنید.")
    with read_session() as session:
        row = _session_row(session, token)
    if row is None:
        return SecondFactorResult(False, "نشست شما پایان یافته است؛ دوباره وارد شوید.")
    staff_id = row[1].id
    attempt_id, retry_after = accounts_auth.admit_attempt(f"staff-2fa:{staff_id}", ip_address, utcnow())
    if attempt_id is None:
        return SecondFactorResult(False, f"تلاش‌های نادرست زیاد بود؛ {fa.digits(retry_after)} ثانیه دیگر دوباره "
                                         "امتحان کنید.")
    with write_session() as session:
        found = _session_row(session, token)
        if found is None:
            return SecondFactorResult(False, "نشست شما پایان یافته است؛ دوباره وارد شوید.")
        staff_session, _ = found
        staff = session.exec(select(StaffUser).where(StaffUser.id == staff_id).with_for_update()).one()
        enrolling = staff.totp_confirmed_at is None
        codes: list[str] = []
        if code.isdigit() and len(code) == 6:
            step = totp.accepted_step(staff.totp_secret, staff.totp_last_step, code)
            if step is None:
                return SecondFactorResult(False, "کد درست نیست یا پیش‌تر به کار رفته است.")
            staff.totp_last_step = step
        elif not enrolling and len(code) == 16:
            recovery = session.exec(select(RecoveryCode).where(
                RecoveryCode.staff_id == staff.id, RecoveryCode.code_hash == totp.recovery_hash(code),
                RecoveryCode.used_at == None)).first()  # noqa: E711
            if recovery is None:
                return SecondFactorResult(False, "کد بازیابی درست نیست یا پیش‌تر به کار رفته است.")
            recovery.used_at = utcnow()
            session.add(recovery)
        else:
            return SecondFactorResult(False, "کد شش‌رقمی برنامه احراز هویت را وارد کنید.")
        if enrolling:
            staff.totp_confirmed_at = utcnow()
            codes = _new_recovery_codes(session, staff.id)
        session.add(staff)
        staff_session.second_factor_at = utcnow()
        session.add(staff_session)
        accounts_auth.attempt_succeeded(session, attempt_id)
        audit.record(session, staff.id, "staff.enrol" if enrolling else "staff.sign_in", "staff", staff.id)
    return SecondFactorResult(True, recovery_codes=codes)


def enrolment(token: str | None) -> tuple[str, str] | None:
    """(the secret as text, the QR code as an SVG data URI) for a session whose staff member has not
    enrolled yet; None otherwise (the secret is never shown again after enrolment)."""
    with read_session() as session:
        row = _session_row(session, token)
    if row is None or row[1].totp_confirmed_at is not None:
        return None
    staff = row[1]
    return staff.totp_secret, totp.enrolment_qr(staff.totp_secret, staff.email, ISSUER)


def sign_out(token: str | None) -> None:
    if not token:
        return
    with write_session() as session:
        row = session.exec(select(StaffSession).where(
            StaffSession.token_hash == accounts_auth.token_hash(token))).first()
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()
            session.add(row)


def ensure_demo_admin() -> StaffUser:
    """The demo admin of `make run` (idempotent), with the fixed demo TOTP secret."""
    settings = get_settings()
    with read_session() as session:
        existing = session.exec(select(StaffUser).where(StaffUser.email == settings.demo_staff_email)).first()
    if existing is not None:
        return existing
    staff, _ = create_staff(settings.demo_staff_email, Role.ADMIN.value, name="مدیر نمونه",
                            password=settings.demo_staff_password, totp_secret=settings.demo_staff_totp_secret)
    return staff


def current_code(secret: str) -> str:
    """The TOTP code of this moment (the demo terminal shows it for the demo admin)."""
    return pyotp.TOTP(secret).now()
