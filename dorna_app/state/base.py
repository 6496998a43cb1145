"""The session every customer page shares, and the page-load pattern.

Who is asking is settled before any handler runs: `guard.SessionGuard` re-reads the session from the
cookie for every event and sets `_client_id` (or refuses the event). A page state fills itself in
`_read_params` (what the URL asks for) and `_reload` (what the database says), which is also what a
live push calls.
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import unquote, urlencode

import reflex as rx

from dorna_app import fa, labels, live
from dorna_app.accounts import auth
from dorna_app.notify import messages

F = TypeVar("F", bound=Callable[..., Any])


def cookie_value(cookie_header: str, name: str) -> str | None:
    """One cookie from a Cookie header; None when absent or the header is malformed."""
    try:
        jar = SimpleCookie()
        jar.load(cookie_header or "")
    except CookieError:
        return None
    morsel = jar.get(name)
    return unquote(morsel.value) if morsel else None


def session_token(cookie_header: str) -> str | None:
    """The session token in a Cookie header; None when absent or the header is malformed."""
    return cookie_value(cookie_header, auth.SESSION_COOKIE)


def int_param(value: str | None, default: int) -> int:
    """A number from a URL or a form, in any digits; anything else (or absurdly long) is the default."""
    text = fa.normalize_digits(value or "").strip()
    if not text.isdigit() or len(text) > 12:
        return default
    return int(text)


def public_event(fn: F) -> F:
    """An event handler anyone may call without a session (the sign-in page's own load). Rare on purpose:
    every other handler of every state is refused by the guard unless a valid session asks."""
    fn.__dorna_public__ = True  # type: ignore[attr-defined]
    return rx.event(fn)


class SessionState(rx.State):
    """Who is signed in (set by the guard on every event) and what the frame shows about them."""

    email: str = ""
    new_messages_fa: str = "۰"
    # One line the page says about what just happened (an error, a saved form), in a live region.
    # Reflex's toasts run through eval, which the Content-Security-Policy forbids.
    notice: str = ""
    notice_tone: str = "info"  # "error", "warning", "success" or "info"
    # Set when a live push finds this tab's session ended (signed out elsewhere): the page goes to
    # sign-in at once (ui.js watches for the marker the frame shows).
    signed_out: bool = False
    _client_id: int = 0

    def _say(self, text: str, tone: str = "error") -> None:
        self.notice, self.notice_tone = text, tone

    @public_event
    def dismiss_notice(self) -> None:
        """Public like `show_backend_error`: it only clears that line (staff pages show it too)."""
        self.notice = ""

    @public_event
    def show_backend_error(self) -> None:
        """What a person sees when a handler failed: a calm Persian line, never internals. Public: it
        only sets that line, and the staff pages (no customer session) show it too."""
        self._say(labels.BACKEND_ERROR)

    def _forget_customer(self) -> None:
        """Empty this tab of its customer: every page's vars back to their defaults, no more pushes."""
        if self._client_id:
            live.unregister_tab(self.router.session.client_token)
        self.reset()

    def _refresh_badge(self) -> None:
        if self._client_id:
            self.new_messages_fa = fa.digits(messages.unread_count(self._client_id))

    def _load_page(self) -> rx.event.EventSpec | None:
        """Every page's on_load: remember the tab for live pushes, read the URL and fill the page."""
        if not self._client_id:  # the guard refuses such events; this only guards against misuse
            return self._to_login()
        live.register_tab(self._client_id, self.router.session.client_token)
        self.notice = ""  # what was said on the previous page does not follow the customer around
        self._refresh_badge()
        self._read_params()
        self._reload()
        return None

    def _read_params(self) -> None:
        """Take what the page needs from the URL (pages with filters or ids override this)."""

    def _reload(self) -> None:
        """Fill the page from the database; also what a live push calls (pages override this)."""

    @rx.event
    def require_login(self) -> rx.event.EventSpec | None:
        """on_load of pages that show nothing but the frame."""
        return self._load_page()

    def _to_login(self) -> rx.event.EventSpec:
        return to_login(here(self.router))


def here(router) -> str:
    """This page's path with its query string (a result page's `?p=2` must survive signing in)."""
    path = router.url.path or "/"
    query = urlencode(router.url.query_parameters) if router.url.query_parameters else ""
    return path + (f"?{query}" if query else "")


def to_login(path: str) -> rx.event.EventSpec:
    """Back to sign-in, coming back here (path and query) afterwards."""
    query = urlencode({"next": path}) if path.split("?", 1)[0] not in ("/", "/login", "/login/") else ""
    return rx.redirect("/login" + (f"?{query}" if query else ""), replace=True)
