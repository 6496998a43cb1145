"""Sign-in, sessions and throttling.

The browser holds only a random token in an HttpOnly cookie; the database holds its SHA-256, so a
leaked database does not leak live sessions. Attempts are counted before the password is checked
(atomically, so parallel guesses cannot slip past): per address a hard limit, per account a growing
delay rather than a lockout a stranger could trigger. The answer to a failed sign-in never tells
whether the e-mail exists.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, text
from sqlmodel import Session, delete, select

from dorna_app.accounts.models import AuthSession, Client, LoginAttempt
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import normalize_email
from dorna_app.settings import get_settings

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both answers take the same time.
DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
SESSION_COOKIE = "dorna_session"
# After a failed sign-in, what was typed in the e-mail field, so the page can show it again.
TYPED_EMAIL_COOKIE = "dorna_login_email"
MAX_PASSWORD_CHARS = 256


class LoginOutcome(StrEnum):
    OK = "ok"
    MISSING = "missing"
    INVALID = "invalid"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    token: str | None = None
    client_id: int | None = None
    retry_after: int = 0  # seconds, when throttled
    needs_second_factor: bool = False  # the session waits for the authenticator code


@dataclass(frozen=True)
class SignedInClient:
    """Who a session belongs to: what the pages need to know about the person."""

    client_id: int
    email: str
    full_name: str




def hash_password(password: str) -> str:
    """An argon2id hash (no 72-byte limit, unlike bcrypt: long Persian passphrases work)."""
    return _hasher.hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _failures(session: Session, since: datetime, *conditions) -> tuple[int, datetime | None]:
    """How many attempts failed (or are still being checked) since `since`, and the latest one's time."""
    count, latest = session.exec(
        select(func.count(), func.max(LoginAttempt.at)).select_from(LoginAttempt).where(
            LoginAttempt.succeeded == False, LoginAttempt.at >= since, *conditions)  # noqa: E712
    ).one()
    return int(count), latest


def _lock_keys(session: Session, *keys: str) -> None:
    """Serialise attempts that share a key. SQLite's write transaction (BEGIN IMMEDIATE) already
    serialises every writer; PostgreSQL takes a transaction-scoped advisory lock per key, in order."""
    if session.get_bind().dialect.name == "postgresql":
        for key in sorted(set(keys)):
            session.exec(text("SELECT pg_advisory_xact_lock(hashtext(:key))").bindparams(key=key))


def _delay(failures: int, free: int, cap: timedelta) -> timedelta:
    """Nothing below `free` failures, then 1 s, 2 s, 4 s ... up to `cap`."""
    if failures < free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - free, 20)), cap)


def admit_attempt(email: str, ip_address: str, now: datetime) -> tuple[int | None, int]:
    """Count and record an attempt atomically BEFORE its password is checked.

    Returns (attempt id, 0) when the attempt may go on, or (None, seconds to wait) when it is refused.
    Attempts being checked count as failures until they succeed, so parallel guesses cannot slip
    past the limit. Per address: a hard limit. Per account from one address: a growing delay. Per
    account from all addresses: a gentler growing delay, so a stranger's guesses never lock the owner
    out, only slow every guesser down.
    """
    settings = get_settings()
    window = timedelta(minutes=settings.login_window_minutes)
    since = now - window
    with write_session() as session:
        _lock_keys(session, f"login:email:{email}", f"login:ip:{ip_address}")
        by_ip, _ = _failures(session, since, LoginAttempt.ip_address == ip_address)
        if by_ip >= settings.login_max_failures_per_ip:
            return None, int(window.total_seconds())
        waits = []
        pair, pair_latest = _failures(session, since, LoginAttempt.email == email,
                                      LoginAttempt.ip_address == ip_address)
        if pair_latest is not None:
            waits.append(pair_latest + _delay(pair, settings.login_max_failures_per_email, window) - now)
        account, account_latest = _failures(session, since, LoginAttempt.email == email)
        if account_latest is not None:
            waits.append(account_latest + _delay(account, settings.login_account_slowdown_after,
                                                 timedelta(minutes=1)) - now)
        wait = max(waits, default=timedelta(0))
        if wait > timedelta(0):
            return None, max(1, int(wait.total_seconds() + 0.999))
        attempt = LoginAttempt(email=email[:254], ip_address=ip_address[:45], succeeded=False, at=now)
        session.add(attempt)
        session.flush()
        return attempt.id, 0


def sign_in(email: str, password: str, *, ip_address: str = "", user_agent: str = "") -> LoginResult:
    """Check a password and open a session; the token goes into the cookie, its hash into the DB."""
    email = normalize_email(email)
    if not email or not password:
        return LoginResult(LoginOutcome.MISSING)
    attempt_id, retry_after = admit_attempt(email, ip_address, utcnow())
    if attempt_id is None:
        return LoginResult(LoginOutcome.THROTTLED, retry_after=retry_after)
    with read_session() as session:
        client = session.exec(select(Client).where(Client.email == email)).first()
    ok = verify_password(client.password_hash if client else DUMMY_HASH, password) and client is not None
    if not ok:
        return LoginResult(LoginOutcome.INVALID)
    with write_session() as session:
        attempt_succeeded(session, attempt_id)
        token = secrets.token_urlsafe(32)
        now = utcnow()
        pending = client.totp_confirmed_at is not None
        session.add(
            AuthSession(
                token_hash=token_hash(token),
                client_id=client.id,
                expires_at=now + timedelta(days=get_settings().session_days),
                ip_address=ip_address[:45],
                user_agent=user_agent[:255],
                second_factor_pending=pending,
            )
        )
        if _hasher.check_needs_rehash(client.password_hash):
            client.password_hash = hash_password(password)
            session.add(client)
    return LoginResult(LoginOutcome.OK, token=token, client_id=client.id, needs_second_factor=pending)


def check_password(client_id: int, password: str) -> bool:
    """The signed-in customer's current password, before a sensitive change. Throttled like sign-in
    (counted before it is checked), so a stolen session cannot guess it quickly."""
    with read_session() as session:
        client = session.get(Client, client_id)
    if client is None or not password:
        return False
    attempt_id, _ = admit_attempt(client.email, f"account:{client_id}", utcnow())
    if attempt_id is None or not verify_password(client.password_hash, password):
        return False
    with write_session() as session:
        attempt_succeeded(session, attempt_id)
    return True


def verify_password(password_hash: str, password: str) -> bool:
    """argon2's answer; an over-long password or a damaged hash is simply wrong."""
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def attempt_succeeded(session: Session, attempt_id: int) -> None:
    """The attempt admitted before the check turned out right: it no longer counts as a failure."""
    attempt = session.get(LoginAttempt, attempt_id)
    attempt.succeeded = True
    session.add(attempt)


def client_for_token(token: str | None) -> SignedInClient | None:
    """The customer a cookie's token belongs to, or None when missing, forged, expired or revoked."""
    if not token or len(token) > 128:
        return None
    with read_session() as session:
        row = session.exec(
            select(AuthSession, Client)
            .join(Client, Client.id == AuthSession.client_id)
            .where(AuthSession.token_hash == token_hash(token))
        ).first()
    if row is None:
        return None
    auth, client = row
    if auth.revoked_at is not None or auth.expires_at <= utcnow() or auth.second_factor_pending:
        return None
    full_name = f"{client.first_name} {client.last_name}".strip()
    return SignedInClient(client_id=client.id, email=client.email, full_name=full_name)


def sign_out(token: str | None) -> None:
    """End a session on the server: the cookie alone can never bring it back."""
    if not token:
        return
    with write_session() as session:
        auth = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).first()
        if auth is not None and auth.revoked_at is None:
            auth.revoked_at = utcnow()
            session.add(auth)


def end_sessions(session: Session, client_id: int, *, keep_token: str | None = None) -> int:
    """End every live session of the customer (but `keep_token`'s) in the caller's transaction: after
    a new password, or "sign out everywhere else". Returns how many ended."""
    keep = token_hash(keep_token) if keep_token else ""
    ended = 0
    for row in session.exec(select(AuthSession).where(AuthSession.client_id == client_id,
                                                      AuthSession.revoked_at == None)).all():  # noqa: E711
        if row.token_hash != keep:
            row.revoked_at = utcnow()
            session.add(row)
            ended += 1
    return ended


def prune(now: datetime | None = None) -> int:
    """Forget sign-in attempts past any throttling window and sessions long ended."""
    now = now or utcnow()
    with write_session() as session:
        attempts = session.exec(delete(LoginAttempt).where(LoginAttempt.at < now - timedelta(days=2)))
        sessions = session.exec(delete(AuthSession).where(AuthSession.expires_at < now - timedelta(days=30)))
        return (attempts.rowcount or 0) + (sessions.rowcount or 0)


def create_client(
    email: str,
    password: str,
    *,
    first_name: str = "",
    last_name: str = "",
    mobile: str | None = None,
    session: Session | None = None,
) -> Client:
    """Register a customer (used by the demo data and tests; sign-up pages come later)."""
    client = Client(
        email=normalize_email(email),
        password_hash=hash_password(password),
        first_name=first_name,
        last_name=last_name,
        mobile=mobile,
    )
    if session is not None:
        session.add(client)
        session.flush()
        return client
    with write_session() as own:
        own.add(client)
        own.flush()
    return client
