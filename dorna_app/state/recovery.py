"""The two pages of a forgotten password, used without a session (their handlers are public): ask
for a link, and set the new password through it."""

from __future__ import annotations

import reflex as rx

from dorna_app.accounts import recovery
from dorna_app.state.base import public_event


class ForgotState(rx.State):
    message: str = ""
    sent: bool = False

    @public_event
    def load(self) -> None:
        self.message, self.sent = "", False

    @public_event
    def submit(self, form: dict) -> None:
        self.message = recovery.request_reset(str(form.get("email", ""))[:254],
                                              ip_address=self.router.session.client_ip or "")
        self.sent = self.message == recovery.SENT


class ResetState(rx.State):
    valid: bool = False
    done: bool = False
    errors: dict[str, str] = {}
    loaded: bool = False
    _token: str = ""

    @public_event
    def load(self) -> None:
        self._token = str(self.router.url.query_parameters.get("t", ""))[:128]
        self.valid, self.done, self.errors = recovery.link_is_valid(self._token), False, {}
        self.loaded = True

    @public_event
    def submit(self, form: dict) -> None:
        result = recovery.reset_password(self._token, str(form.get("new_password", ""))[:300],
                                         str(form.get("repeat_password", ""))[:300])
        self.errors = result.errors
        if result.outcome == recovery.ResetOutcome.OK:
            self.done = True
        elif result.outcome == recovery.ResetOutcome.INVALID:
            self.valid = False
