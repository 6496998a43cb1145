"""Sign-in, sessions and throttling.

The browser holds only a random token in an HttpOnly cookie; the database holds its SHA-256, so a
leaked database does not leak live sessions. Failures are counted per e-mail and per address over a
sliding window; the answer to a failed sign-in never tells whether the e-mail exists.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, delete, select

from dorna_app.accounts.contact import normalize_email
from dorna_app.accounts.models import AuthSession, Client, LoginAttempt
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.settings import get_settings

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both answers take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))
SESSION_COOKIE = "dorna_session"
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


@dataclass(frozen=True)
class SignedInClient:
    """Who a session belongs to: what the pages need to know about the person."""

    client_id: int
    email: str
    full_name: str




def hash_password(password: str) -> str:
    """An argon2id hash (no 72-byte limit, unlike bcrypt: long Persian passphrases work)."""
    return _hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _recent_failures(session: Session, column, value: str, window: timedelta) -> int:
    since = utcnow() - window
    query = select(func.count()).select_from(LoginAttempt).where(
        column == value, LoginAttempt.succeeded == False, LoginAttempt.at >= since  # noqa: E712
    )
    return session.exec(query).one()


def is_throttled(email: str, ip_address: str) -> bool:
    """Too many recent failures for this e-mail or from this address."""
    settings = get_settings()
    window = timedelta(minutes=settings.login_window_minutes)
    with read_session() as session:
        by_email = _recent_failures(session, LoginAttempt.email, normalize_email(email), window)
        by_ip = _recent_failures(session, LoginAttempt.ip_address, ip_address, window)
    return (
        by_email >= settings.login_max_failures_per_email
        or by_ip >= settings.login_max_failures_per_ip
    )


def sign_in(email: str, password: str, *, ip_address: str = "", user_agent: str = "") -> LoginResult:
    """Check a password and open a session; the token goes into the cookie, its hash into the DB."""
    email = normalize_email(email)
    if not email or not password:
        return LoginResult(LoginOutcome.MISSING)
    if is_throttled(email, ip_address):
        return LoginResult(LoginOutcome.THROTTLED)
    with read_session() as session:
        client = session.exec(select(Client).where(Client.email == email)).first()
    ok = False
    if len(password) <= MAX_PASSWORD_CHARS:
        try:
            ok = _hasher.verify(client.password_hash if client else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            ok = False
    ok = ok and client is not None
    with write_session() as session:
        session.add(LoginAttempt(email=email[:254], ip_address=ip_address[:45], succeeded=ok))
        if not ok:
            return LoginResult(LoginOutcome.INVALID)
        token = secrets.token_urlsafe(32)
        now = utcnow()
        session.add(
            AuthSession(
                token_hash=_token_hash(token),
                client_id=client.id,
                expires_at=now + timedelta(days=get_settings().session_days),
                ip_address=ip_address[:45],
                user_agent=user_agent[:255],
            )
        )
        if _hasher.check_needs_rehash(client.password_hash):
            client.password_hash = hash_password(password)
            session.add(client)
    return LoginResult(LoginOutcome.OK, token=token, client_id=client.id)


def client_for_token(token: str | None) -> SignedInClient | None:
    """The customer a cookie's token belongs to, or None when missing, forged, expired or revoked."""
    if not token or len(token) > 128:
        return None
    with read_session() as session:
        row = session.exec(
            select(AuthSession, Client)
            .join(Client, Client.id == AuthSession.client_id)
            .where(AuthSession.token_hash == _token_hash(token))
        ).first()
    if row is None:
        return None
    auth, client = row
    if auth.revoked_at is not None or auth.expires_at <= utcnow():
        return None
    full_name = f"{client.first_name} {client.last_name}".strip()
    return SignedInClient(client_id=client.id, email=client.email, full_name=full_name)


def sign_out(token: str | None) -> None:
    """End a session on the server: the cookie alone can never bring it back."""
    if not token:
        return
    with write_session() as session:
        auth = session.exec(select(AuthSession).where(AuthSession.token_hash == _token_hash(token))).first()
        if auth is not None and auth.revoked_at is None:
            auth.revoked_at = utcnow()
            session.add(auth)


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
