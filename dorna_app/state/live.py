"""Live pages: a page state that declares itself live is refreshed in every open tab of its customer
when a committed change concerns them (a payment settled, by this worker or another); a live staff
page in every open staff tab when a ticket changed.

`publish` opens each of the customer's tabs' state on the server (`app.modify_state`), re-reads what
each loaded live page shows, and Reflex sends the difference down that tab's socket; with Redis this
reaches tabs on other workers. A tab whose session has ended since is cleared and forgotten, never
refreshed. `live.py` below the UI only keeps the tab registry; this module is the UI's half.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TypeVar

import reflex as rx
from reflex_base.registry import RegistrationContext

from dorna_app import live
from dorna_app.accounts import auth
from dorna_app.backoffice import auth as staff_auth
from dorna_app.state.base import SessionState, session_token
from dorna_app.state.staff import StaffState, staff_token

log = logging.getLogger(__name__)
S = TypeVar("S", bound=type[SessionState])
LIVE_PAGES: list[type[SessionState]] = []
LIVE_STAFF_PAGES: list[type[StaffState]] = []


def live_page(cls: S) -> S:
    """Declare a page state live: it has `loaded` and a `_reload` that re-reads what it shows."""
    if "loaded" not in cls.__fields__:
        raise TypeError(f"{cls.__name__} must have a `loaded` var to be a live page")
    (LIVE_STAFF_PAGES if issubclass(cls, StaffState) else LIVE_PAGES).append(cls)
    return cls


@dataclass
class PublishReport:
    reached: int = 0
    cleared: int = 0  # tabs whose session had ended: emptied and unregistered
    failures: list[str] = field(default_factory=list)


async def refresh_tab(root: rx.State, client_id: int) -> bool:
    """Re-read every loaded live page of one tab; False (and the tab emptied) when its session ended."""
    session = await root.get_state(SessionState)
    who = auth.client_for_token(session_token(root.router.headers.cookie))
    if who is None or who.client_id != client_id or session._client_id != client_id:
        session._forget_customer()
        session.signed_out = True
        return False
    session._refresh_badge()
    for cls in LIVE_PAGES:
        page = await root.get_state(cls)
        if page.loaded:
            page._reload()
    return True


async def publish(client_id: int, app: rx.App | None = None) -> PublishReport:
    """Refresh every open tab of this customer. One tab failing does not stop the others, but it is
    reported (and logged); tests assert that no live page fails."""
    app = app or _app()
    report = PublishReport()
    for token in live.tabs_of(client_id):
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=SessionState)) as root:
                fresh = await refresh_tab(root, client_id)
        except Exception as exc:
            log.exception("live update to a tab failed")
            report.failures.append(f"{type(exc).__name__}: {exc}")
            continue
        if fresh:
            report.reached += 1
        else:
            live.unregister_tab(token)  # also when the tab's state had already lost its customer
            report.cleared += 1
    return report


async def refresh_staff_tab(root: rx.State) -> bool:
    """Re-read every loaded live staff page of one tab; False (and the tab emptied) when its staff
    session ended or never passed the second factor."""
    staff_side = await root.get_state(StaffState)
    who = staff_auth.identity_for_token(staff_token(root.router.headers.cookie))
    if who is None or not who.second_factor_passed or who.staff_id != staff_side._staff_id:
        staff_side._forget_staff()
        return False
    for cls in LIVE_STAFF_PAGES:
        page = await root.get_state(cls)
        if page.loaded:
            page._reload()
    return True


async def publish_staff(app: rx.App | None = None) -> PublishReport:
    """Refresh every open live staff page (a new ticket or a customer's reply reaches the queue)."""
    app = app or _app()
    report = PublishReport()
    for token in live.staff_tabs():
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=StaffState)) as root:
                fresh = await refresh_staff_tab(root)
        except Exception as exc:
            log.exception("live update to a staff tab failed")
            report.failures.append(f"{type(exc).__name__}: {exc}")
            continue
        if fresh:
            report.reached += 1
        else:
            live.unregister_staff_tab(token)
            report.cleared += 1
    return report


def in_process_staff_pusher(loop: asyncio.AbstractEventLoop):
    def push() -> None:
        asyncio.run_coroutine_threadsafe(publish_staff(), loop)

    return push


def in_process_pusher(loop: asyncio.AbstractEventLoop):
    """The receiver of effects after commit inside the app: schedule pushes on the app's loop and return
    at once (a settlement in a worker thread, or the callback, never waits for other tabs)."""

    def push(client_ids: set[int]) -> None:
        for client_id in sorted(client_ids):
            asyncio.run_coroutine_threadsafe(publish(client_id), loop)

    return push


def _app() -> rx.App:
    """The running app (the state layer never imports the module that builds it)."""
    return RegistrationContext.get().app
