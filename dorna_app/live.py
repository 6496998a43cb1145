"""Which browser tabs show which customer's pages, so a committed change can reach them.

Each page load records its tab's Reflex token against the customer (`register_tab`). The UI layer
(`state/live.py`) pushes to those tabs; another process (a cron job) asks the running app to push
through a token-protected internal route (`request_push`). Kept in the database, not in memory, so
any worker can reach every tab. Nothing here imports Reflex.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import datetime, timedelta

import httpx
from sqlmodel import Field, SQLModel, delete, select

import dorna_app.accounts.models  # (the `client` table tabs point at)
import dorna_app.backoffice.models  # noqa: F401  (the `staff_user` table staff tabs point at)
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.settings import get_settings, internal_token

log = logging.getLogger(__name__)
TAB_TTL = timedelta(hours=12)
# token -> (client_id, monotonic time of the last write), so page loads rarely write.
_recent: dict[str, tuple[int, float]] = {}
_REFRESH_SECONDS = 600


class LiveTab(SQLModel, table=True):
    """An open browser tab of a customer, so a change (a payment) can be pushed to it at once."""

    __tablename__ = "live_tab"

    token: str = Field(primary_key=True, max_length=64)
    client_id: int = Field(foreign_key="client.id", index=True)
    seen_at: datetime = Field(default_factory=utcnow)


class LiveStaffTab(SQLModel, table=True):
    """An open browser tab of a staff member showing a live page (the ticket queue, a ticket)."""

    __tablename__ = "live_staff_tab"

    token: str = Field(primary_key=True, max_length=64)
    staff_id: int = Field(foreign_key="staff_user.id", index=True)
    seen_at: datetime = Field(default_factory=utcnow)


_recent_staff: dict[str, tuple[int, float]] = {}


def register_staff_tab(staff_id: int, token: str) -> None:
    """Remember that this tab shows a staff member's live pages."""
    if not token:
        return
    known = _recent_staff.get(token)
    now = time.monotonic()
    if known and known[0] == staff_id and now - known[1] < _REFRESH_SECONDS:
        return
    with write_session() as session:
        tab = session.get(LiveStaffTab, token) or LiveStaffTab(token=token, staff_id=staff_id)
        tab.staff_id, tab.seen_at = staff_id, utcnow()
        session.add(tab)
        session.exec(delete(LiveStaffTab).where(LiveStaffTab.seen_at < utcnow() - TAB_TTL))
    if len(_recent_staff) > 5_000:
        _recent_staff.clear()
    _recent_staff[token] = (staff_id, now)


def unregister_staff_tab(token: str) -> None:
    _recent_staff.pop(token, None)
    if token:
        with write_session() as session:
            session.exec(delete(LiveStaffTab).where(LiveStaffTab.token == token))


def staff_tabs() -> list[str]:
    with read_session() as session:
        return list(session.exec(select(LiveStaffTab.token).where(LiveStaffTab.seen_at >= utcnow() - TAB_TTL)).all())


def register_tab(client_id: int, token: str) -> None:
    """Remember that this tab shows this customer's pages."""
    if not token:
        return
    known = _recent.get(token)
    now = time.monotonic()
    if known and known[0] == client_id and now - known[1] < _REFRESH_SECONDS:
        return
    with write_session() as session:
        tab = session.get(LiveTab, token)
        if tab is None:
            tab = LiveTab(token=token, client_id=client_id)
        tab.client_id = client_id
        tab.seen_at = utcnow()
        session.add(tab)
        session.exec(delete(LiveTab).where(LiveTab.seen_at < utcnow() - TAB_TTL))
    if len(_recent) > 50_000:  # a long-lived process forgets old tabs rather than grow forever
        _recent.clear()
    _recent[token] = (client_id, now)


def unregister_tab(token: str) -> None:
    """This tab no longer shows anyone's pages (signed out, or its session ended)."""
    _recent.pop(token, None)
    if not token:
        return
    with write_session() as session:
        session.exec(delete(LiveTab).where(LiveTab.token == token))


def tabs_of(client_id: int) -> list[str]:
    """The tokens of this customer's tabs seen recently."""
    with read_session() as session:
        return list(
            session.exec(
                select(LiveTab.token).where(
                    LiveTab.client_id == client_id, LiveTab.seen_at >= utcnow() - TAB_TTL
                )
            ).all()
        )


def request_push(client_id: int | None, *, timeout: float = 3.0) -> bool:
    """Ask the running app to push this customer's changes (None: the staff's live pages), from another
    process (a cron job).

    Best effort: the change is already committed, and an open page that misses this push still
    shows the truth on its next load. Returns whether the app accepted the request.
    """
    settings = get_settings()
    try:
        response = httpx.post(
            f"{settings.internal_url}/_internal/live/{'staff' if client_id is None else int(client_id)}",
            headers={"Authorization": f"Bearer {internal_token()}"},
            timeout=timeout,
        )
    except httpx.HTTPError:
        log.warning("could not reach the app to push a live update for client %s", client_id or "staff")
        return False
    return response.status_code == 200


def push_over_http(client_ids: Iterable[int]) -> None:
    """The effects receiver for processes other than the app (a cron job): ask the app to push."""
    for client_id in sorted(client_ids):
        request_push(client_id)



def push_staff_over_http() -> None:
    """The staff half of `push_over_http` (a ticket closed by the cron job reaches the staff queue)."""
    request_push(None)
