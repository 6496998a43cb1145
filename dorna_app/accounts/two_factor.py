"""Optional two-factor sign-in for customers: an authenticator app (TOTP, enrolled by QR code) asked
after the password or the SMS code, with ten single-use recovery codes. Until the code is given, the
session opened by the first step is nobody's (`auth.client_for_token` refuses it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import func, select

from dorna_app.accounts import auth, totp
from dorna_app.accounts.models import AuthSession, Client, ClientRecoveryCode
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session

ISSUER = "Dorna Server"


@dataclass(frozen=True)
class Status:
    enabled: bool
    recovery_left: int


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str = ""
    recovery_codes: list[str] = field(default_factory=list)
    code: str = ""  # for the sign-in step's address: expired, throttled or wrong (never the text itself)


STEP_ERRORS = {
    "expired": "نشست ورود پایان یافته است؛ دوباره وارد شوید.",
    "throttled": "تلاش‌های نادرست زیاد بود؛ کمی بعد دوباره امتحان کنید.",
    "wrong": "کد درست نیست یا پیش‌تر به کار رفته است.",
}


def status(client_id: int) -> Status:
    with read_session() as session:
        client = session.get(Client, client_id)
        left = session.exec(select(func.count()).select_from(ClientRecoveryCode).where(
            ClientRecoveryCode.client_id == client_id, ClientRecoveryCode.used_at == None)).one()  # noqa: E711
    return Status(client.totp_confirmed_at is not None, int(left))


def start_enrolment(client_id: int) -> tuple[str, str]:
    """A fresh secret for an account not using two-factor yet: (the key as text, the QR code)."""
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()).one()
        if client.totp_confirmed_at is None:
            client.totp_secret, client.totp_last_step = totp.new_secret(), 0
            session.add(client)
        return client.totp_secret, totp.enrolment_qr(client.totp_secret, client.email, ISSUER)


def _check(session, client: Client, raw_code: str, *, allow_recovery: bool) -> str:
    """"" when the code is right (and remembered as used), else the Persian reason."""
    code = totp.clean_code(raw_code)
    if code.isdigit() and len(code) == 6:
        step = totp.accepted_step(client.totp_secret or "", client.totp_last_step, code)
        if step is None:
            return "کد درست نیست یا پیش‌تر به کار رفته است."
        client.totp_last_step = step
        session.add(client)
        return ""
    if allow_recovery and len(code) == 16:
        row = session.exec(select(ClientRecoveryCode).where(
            ClientRecoveryCode.client_id == client.id, ClientRecoveryCode.code_hash == totp.recovery_hash(code),
            ClientRecoveryCode.used_at == None)).first()  # noqa: E711
        if row is None:
            return "کد بازیابی درست نیست یا پیش‌تر به کار رفته است."
        row.used_at = utcnow()
        session.add(row)
        return ""
    return "کد شش‌رقمی برنامه احراز هویت را بنویسید."


def confirm_enrolment(client_id: int, raw_code: str) -> Outcome:
    """The first code from the app turns two-factor on; the ten recovery codes are returned once."""
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()
                              .execution_options(populate_existing=True)).one()
        if client.totp_confirmed_at is not None:
            return Outcome(False, "تأیید دومرحله‌ای از قبل فعال است.")
        if not client.totp_secret:
            return Outcome(False, "نخست «فعال کردن» را بزنید.")
        error = _check(session, client, raw_code, allow_recovery=False)
        if error:
            return Outcome(False, error)
        client.totp_confirmed_at = utcnow()
        for old in session.exec(select(ClientRecoveryCode).where(ClientRecoveryCode.client_id == client_id)).all():
            session.delete(old)
        codes = totp.new_recovery_codes()
        for code in codes:
            session.add(ClientRecoveryCode(client_id=client_id, code_hash=totp.recovery_hash(code)))
        return Outcome(True, recovery_codes=codes)


def disable(client_id: int, raw_code: str) -> Outcome:
    """Turn two-factor off: a current code (or a recovery code) proves the authenticator is at hand."""
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()
                              .execution_options(populate_existing=True)).one()
        if client.totp_confirmed_at is None:
            return Outcome(False, "تأیید دومرحله‌ای فعال نیست.")
        error = _check(session, client, raw_code, allow_recovery=True)
        if error:
            return Outcome(False, error)
        client.totp_secret, client.totp_confirmed_at, client.totp_last_step = None, None, 0
        for old in session.exec(select(ClientRecoveryCode).where(ClientRecoveryCode.client_id == client_id)).all():
            session.delete(old)
        return Outcome(True)


def pending_client(token: str | None) -> int | None:
    """The customer whose first step this session passed, while it waits for the second."""
    if not token or len(token) > 128:
        return None
    with read_session() as session:
        row = session.exec(select(AuthSession).where(AuthSession.token_hash == auth.token_hash(token))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow() or not row.second_factor_pending:
        return None
    return row.client_id


def pass_second_factor(token: str | None, raw_code: str, *, ip_address: str = "") -> Outcome:
    """The authenticator's code (or a recovery code) after the first step: the session becomes the
    customer's. Wrong codes are counted like passwords."""
    client_id = pending_client(token)
    if client_id is None:
        return Outcome(False, STEP_ERRORS["expired"], code="expired")
    attempt_id, _ = auth.admit_attempt(f"2fa:{client_id}", ip_address, utcnow())
    if attempt_id is None:
        return Outcome(False, STEP_ERRORS["throttled"], code="throttled")
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()
                              .execution_options(populate_existing=True)).one()
        error = _check(session, client, raw_code, allow_recovery=True)
        if error:
            return Outcome(False, error, code="wrong")
        row = session.exec(select(AuthSession).where(AuthSession.token_hash == auth.token_hash(token))
                           .with_for_update()).one()
        row.second_factor_pending = False
        session.add(row)
        auth.attempt_succeeded(session, attempt_id)
    return Outcome(True)
