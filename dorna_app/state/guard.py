"""The one guard every event of every state passes before its handler runs (a Reflex middleware).

For each event it re-reads the session from the tab's cookie. A tab whose session is missing,
expired or revoked, or now belongs to someone else, has its page state cleared and its live
registration dropped before anything else happens (so even Reflex's own hydrate sends nothing of the
previous customer). Our handlers then run only with a valid session; the few marked
`public_event` run without one. Every event's arguments are size-capped and every tab's events
are counted, so no handler sees a 400 KB "number" or a flood.
"""

from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import reflex as rx
from reflex.istate.delta import _resolve_delta
from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext

from dorna_app import labels
from dorna_app.accounts import auth
from dorna_app.backoffice import auth as staff_auth
from dorna_app.backoffice.roles import Permission, allows
from dorna_app.settings import get_settings
from dorna_app.state.base import SessionState, here, session_token, to_login
from dorna_app.state.staff import BEFORE_SECOND_FACTOR, StaffState, role_label, staff_permission, staff_token

MAX_EVENT_BYTES = 16_384  # a whole event's arguments, as JSON
MAX_STRING_CHARS = 2_000  # any one string argument
MAX_LIST_ITEMS = 200  # any one list argument
RATE_WINDOW_SECONDS = 10.0
# Events per tab and window: a page change is three or four events, so even a fast script clicking ten
# times a second stays under it, while a flood of thousands is refused (setting DORNA_EVENTS_PER_10S).
_OWN_MODULE_PREFIX = "dorna_app."


def is_own_state(cls: type[BaseState]) -> bool:
    """States of this app (not Reflex's own hydrate/on-load machinery)."""
    return cls.__module__.startswith(_OWN_MODULE_PREFIX)


def is_public(handler: Any) -> bool:
    return bool(getattr(handler.fn, "__dorna_public__", False))


def payload_problem(payload: Any) -> str | None:
    """Why these arguments are refused (too big, too many), or None when they are fine."""
    try:
        size = len(json.dumps(payload, ensure_ascii=False, default=str))
    except (TypeError, ValueError):
        return "unserialisable"
    if size > MAX_EVENT_BYTES:
        return "too_large"
    stack = [payload]
    while stack:
        value = stack.pop()
        if isinstance(value, str) and len(value) > MAX_STRING_CHARS:
            return "too_large"
        if isinstance(value, list | tuple):
            if len(value) > MAX_LIST_ITEMS:
                return "too_large"
            stack.extend(value)
        elif isinstance(value, dict):
            if len(value) > MAX_LIST_ITEMS:
                return "too_large"
            stack.extend(value.values())
    return None


@dataclass
class _RateCounter:
    """Events per tab in a sliding window (per process; each worker counts its own share)."""

    seen: dict[str, deque[float]] = field(default_factory=dict)

    def allow(self, token: str, now: float, limit: int) -> bool:
        window = self.seen.setdefault(token, deque())
        while window and window[0] < now - RATE_WINDOW_SECONDS:
            window.popleft()
        if len(window) >= limit:
            return False
        window.append(now)
        if len(self.seen) > 20_000:  # forget idle tabs rather than grow forever
            for key in [k for k, v in self.seen.items() if not v or v[-1] < now - RATE_WINDOW_SECONDS]:
                del self.seen[key]
        return True


class SessionGuard(Middleware):
    """Installed first in the app's middleware; see the module docstring."""

    def __init__(self) -> None:
        self.rate = _RateCounter()

    async def preprocess(self, app: Any, state: BaseState, event: Event) -> StateUpdate | None:
        registered = RegistrationContext.get().event_handlers.get(event.name)
        token = state.router.session.client_token
        if not self.rate.allow(token, time.monotonic(), get_settings().events_per_10s):
            return await _refuse(state, labels.TOO_MANY_REQUESTS)
        if payload_problem(event.payload) is not None:
            return await _refuse(state, labels.REQUEST_TOO_LARGE)
        for_staff = registered is not None and issubclass(registered.states[0], StaffState)
        # A customer's event does not fetch the staff state (with Redis, one more read per event): it is
        # checked when this event already loaded it (hydrate sends everything, so it always does).
        staff_side = (await state.get_state(StaffState) if for_staff
                      else state._get_root_state().substates.get(StaffState.get_name()))
        if staff_side is not None and (for_staff or staff_side._staff_id):
            refusal = await _check_staff(state, staff_side, registered if for_staff else None)
            if for_staff or refusal is not None:
                return refusal
        who = auth.client_for_token(session_token(state.router.headers.cookie))
        session = await state.get_state(SessionState)
        if (who.client_id if who else 0) != session._client_id:
            # Nothing of a previous customer (or of this one after sign-out) may stay in this tab.
            session._forget_customer()
            if who is not None:
                session._client_id, session.email = who.client_id, who.email
        if registered is None or not is_own_state(registered.states[0]) or is_public(registered.handler):
            return None
        if who is None:
            return await _refuse(state, None, to_login(here(state.router)))
        return None


async def _check_staff(state: BaseState, staff_side: StaffState, registered: Any) -> StateUpdate | None:
    """The staff half of the guard: re-read the staff cookie; a tab whose staff member changed or signed
    out is emptied. For a staff handler (`registered`): a session, the second factor passed (unless the
    handler belongs to the sign-in itself), a declared permission and a role that has it."""
    who = staff_auth.identity_for_token(staff_token(state.router.headers.cookie))
    signed_in = who is not None and who.second_factor_passed
    if (who.staff_id if signed_in else 0) != staff_side._staff_id:
        staff_side._forget_staff()
        if signed_in:
            staff_side._staff_id, staff_side.staff_email, staff_side.staff_name = who.staff_id, who.email, who.name
            staff_side.role, staff_side.role_label = who.role, role_label(who.role)
    if registered is None:
        return None
    permission = staff_permission(registered.handler)
    if who is None:
        return await _refuse(state, None, rx.redirect("/staff/login", replace=True))
    if permission is None:  # a staff handler that names no permission runs for nobody
        return await _refuse(state, labels.STAFF_FORBIDDEN, staff=True)
    if permission == BEFORE_SECOND_FACTOR:
        return None
    if not who.second_factor_passed:
        return await _refuse(state, None, rx.redirect("/staff/verify", replace=True))
    if not allows(who.role, Permission(permission)):
        return await _refuse(state, labels.STAFF_FORBIDDEN, staff=True)
    return None


async def _refuse(state: BaseState, message: str | None, redirect: Any = None, *, staff: bool = False) -> StateUpdate:
    """Do not run the handler: send what was cleared, and a redirect or a calm Persian word."""
    if message is not None:
        (await state.get_state(StaffState if staff else SessionState))._say(message)
    root = state._get_root_state()
    delta = await _resolve_delta(root.get_delta())
    root._clean()
    return StateUpdate(delta=delta, events=Event.from_event_type([redirect]) if redirect is not None else [])
