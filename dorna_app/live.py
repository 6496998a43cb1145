"""Push a customer's changes into every page they have open, without a reload.

Each page load records its tab's Reflex token against the customer (`register_tab`). `publish`
opens each of those tabs' state on the server (`app.modify_state`), reloads what the page shows from
the database, and Reflex sends the difference down that tab's websocket; with the Redis state
manager this reaches tabs whose socket lives on another worker.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import httpx
import reflex as rx
from sqlmodel import delete, select

from dorna_app.billing.models import LiveTab, utcnow
from dorna_app.db import read_session, write_session
from dorna_app.settings import get_settings, internal_token

log = logging.getLogger(__name__)
TAB_TTL = timedelta(hours=12)
# token -> (client_id, monotonic time of the last write), so page loads rarely write.
_recent: dict[str, tuple[int, float]] = {}
_REFRESH_SECONDS = 600


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


async def publish(client_id: int) -> int:
    """Refresh every open tab of this customer; returns how many tabs were reached."""
    from dorna_app.state import LIVE_STATES, SessionState

    tokens = tabs_of(client_id)
    if not tokens:
        return 0
    app = _app()
    reached = 0
    for token in tokens:
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=SessionState)) as root:
                session_state = await root.get_state(SessionState)
                if session_state._client_id == client_id:
                    session_state._refresh_badge()
                for cls in LIVE_STATES:
                    page = await root.get_state(cls)
                    if page.loaded and page._client_id == client_id:
                        page._reload()
            reached += 1
        except Exception:  # one broken tab must not stop the others
            log.exception("live update to a tab failed")
    return reached


def notify(client_id: int) -> bool:
    """Ask the running app to publish, from another process (a job or a script).

    Best effort: the change is already committed, and an open page that misses this push still
    shows the truth on its next load. Returns whether the app accepted the request.
    """
    settings = get_settings()
    try:
        response = httpx.post(
            f"{settings.internal_url}/_internal/live/{int(client_id)}",
            headers={"Authorization": f"Bearer {internal_token()}"},
            timeout=10,
        )
    except httpx.HTTPError:
        log.warning("could not reach the app to push a live update for client %s", client_id)
        return False
    return response.status_code == 200


def _app() -> rx.App:
    from dorna_app.dorna_app import app

    return app
