"""The customer's signed-in devices: each live session with its browser and system (read from the
user agent by ua-parser, the Browserscope rules kept up to date), address and last activity; and
signing one out, or all but this one. Ending a session asks the app to push to the customer's tabs,
so a tab of the ended session goes to the sign-in page at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlmodel import col, select

from dorna_app import effects
from dorna_app.accounts.auth import end_sessions, token_hash
from dorna_app.accounts.models import AuthSession
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session


@dataclass(frozen=True)
class Device:
    id: int
    browser: str
    system: str
    phone: bool
    ip_address: str
    signed_in_at: datetime
    last_seen_at: datetime
    current: bool


@lru_cache(maxsize=512)
def describe(user_agent: str) -> tuple[str, str, bool]:
    """(browser, system, is a phone) of a user agent; unknown parts say so in Persian."""
    from ua_parser import parse

    if not user_agent:
        return "مرورگر ناشناخته", "سیستم ناشناخته", False
    found = parse(user_agent[:512])
    browser = found.user_agent.family if found.user_agent and found.user_agent.family != "Other" else ""
    if browser and found.user_agent.major:
        browser = f"{browser} {found.user_agent.major}"
    system = found.os.family if found.os and found.os.family != "Other" else ""
    if system and found.os.major:
        system = f"{system} {found.os.major}"
    phone = any(mark in user_agent for mark in ("Mobi", "iPhone", "Android"))
    return browser or "مرورگر ناشناخته", system or "سیستم ناشناخته", phone


def devices(client_id: int, current_token: str | None) -> list[Device]:
    """The customer's live sessions, the most recently active first, this browser marked."""
    current = token_hash(current_token) if current_token else ""
    with read_session() as session:
        rows = session.exec(select(AuthSession).where(
            AuthSession.client_id == client_id, AuthSession.revoked_at == None,  # noqa: E711
            AuthSession.second_factor_pending == False,  # noqa: E712
            AuthSession.expires_at > utcnow()).order_by(col(AuthSession.last_seen_at).desc())).all()
    out = []
    for row in rows:
        browser, system, phone = describe(row.user_agent or "")
        out.append(Device(row.id, browser, system, phone, row.ip_address, row.created_at, row.last_seen_at,
                          row.token_hash == current))
    return out


def sign_out_device(client_id: int, session_id: int) -> bool:
    """End one of the customer's sessions (never another customer's); False when there was none."""
    with write_session() as session:
        row = session.get(AuthSession, session_id)
        if row is None or row.client_id != client_id or row.revoked_at is not None:
            return False
        row.revoked_at = utcnow()
        session.add(row)
        effects.record_push(session, client_id)  # that session's open tabs leave at once
        return True


def sign_out_others(client_id: int, current_token: str | None) -> int:
    """End every session of the customer but this browser's; returns how many ended."""
    with write_session() as session:
        ended = end_sessions(session, client_id, keep_token=current_token)
        if ended:
            effects.record_push(session, client_id)
        return ended
