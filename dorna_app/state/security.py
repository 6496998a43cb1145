"""Two-factor sign-in on the customer's side (تأیید دومرحله‌ای): turn it on by scanning a QR code and
typing the first code (the recovery codes are shown once), or off with a current code."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa
from dorna_app.accounts import two_factor
from dorna_app.state.base import SessionState


class SecurityState(SessionState):
    enabled: bool = False
    recovery_left: str = ""
    enrolling: bool = False
    secret: str = ""
    qr: str = ""
    recovery_codes: list[str] = []
    error: str = ""
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        found = two_factor.status(self._client_id)
        self.enabled, self.recovery_left = found.enabled, fa.digits(found.recovery_left)
        self.enrolling, self.secret, self.qr, self.error = False, "", "", ""
        self.recovery_codes = []
        self.loaded = True

    @rx.event
    def start(self) -> None:
        self.secret, self.qr = two_factor.start_enrolment(self._client_id)
        self.enrolling, self.error = True, ""

    @rx.event
    def confirm(self, form: dict) -> None:
        outcome = two_factor.confirm_enrolment(self._client_id, str(form.get("code", ""))[:40])
        if not outcome.ok:
            self.error = outcome.error
            return
        self._reload()
        self.recovery_codes = outcome.recovery_codes
        self._say("تأیید دومرحله‌ای فعال شد؛ از این پس پس از رمز عبور یا کد پیامکی، کد برنامه پرسیده می‌شود.",
                  "success")

    @rx.event
    def disable(self, form: dict) -> None:
        outcome = two_factor.disable(self._client_id, str(form.get("code", ""))[:40])
        if not outcome.ok:
            self.error = outcome.error
            return
        self._reload()
        self._say("تأیید دومرحله‌ای خاموش شد.", "info")
