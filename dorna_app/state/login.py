"""The sign-in page's message, from the query string the sign-in route redirects with."""

from __future__ import annotations

import reflex as rx

from dorna_app import labels
from dorna_app.accounts import auth
from dorna_app.state.base import cookie_value, public_event, session_token


def typed_email(cookie_header: str) -> str:
    return (cookie_value(cookie_header, auth.TYPED_EMAIL_COOKIE) or "")[:254]


class LoginState(rx.State):
    error: str = ""
    notice: str = ""
    next_path: str = "/"
    email: str = ""  # what was typed before a failed attempt, so it need not be typed again

    @public_event
    def load(self) -> rx.event.EventSpec | None:
        params = self.router.url.query_parameters
        self.error = labels.LOGIN_ERRORS.get(params.get("error", "")[:20], "")
        self.notice = labels.SIGNED_OUT if params.get("signed_out") else ""
        target = params.get("next", "/")[:500]
        self.next_path = target if target.startswith("/") and not target.startswith("//") else "/"
        self.email = typed_email(self.router.headers.cookie) if self.error else ""
        if auth.client_for_token(session_token(self.router.headers.cookie)) is not None:
            return rx.redirect(self.next_path, replace=True)
        return None
