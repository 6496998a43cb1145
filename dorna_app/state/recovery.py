"""The two pages of a forgotten password, used without a session (their handlers are public): ask
for a link, and set the new password through it."""

from __future__ import annotations

import reflex as rx

from dorna_app.accounts import otp, recovery
from dorna_app.state.base import public_event

SMS_ANSWERS = {
    otp.CodeOutcome.BAD_NUMBER: "شماره موبایل را ۱۱ رقمی بنویسید، مثل ۰۹۱۲۱۲۳۴۵۶۷.",
    otp.CodeOutcome.WAIT: "کد پیشین هنوز تازه است؛ یک دقیقه صبر کنید.",
    otp.CodeOutcome.THROTTLED: "درخواست‌های زیادی رسید؛ چند دقیقه دیگر دوباره امتحان کنید.",
    otp.CodeOutcome.PROVIDER_DOWN: "فرستادن پیامک همین حالا ممکن نشد؛ با ایمیل پیوند بازیابی بخواهید.",
}


class ForgotState(rx.State):
    message: str = ""
    sent: bool = False
    by_sms: bool = False  # the customer chose a code by SMS instead of an e-mailed link
    code_sent: bool = False
    errors: dict[str, str] = {}
    done: bool = False
    _mobile: str = ""

    @public_event
    def load(self) -> None:
        self.message, self.sent, self.by_sms, self.code_sent = "", False, False, False
        self.errors, self.done, self._mobile = {}, False, ""

    @public_event
    def use_sms(self) -> None:
        self.by_sms, self.message, self.errors = True, "", {}

    @public_event
    def request_code(self, form: dict) -> None:
        raw = str(form.get("mobile", ""))[:40]
        result = otp.request_code(raw, ip_address=self.router.session.client_ip or "", purpose="reset")
        if result.outcome == otp.CodeOutcome.SENT:
            self._mobile, self.code_sent, self.errors = result.mobile, True, {}
            self.message = "اگر این شماره در حسابی ثبت شده باشد، کد پنج‌رقمی به آن پیامک شد؛ دو دقیقه معتبر است."
        else:
            self.errors = {"mobile": SMS_ANSWERS.get(result.outcome, "انجام نشد.")}

    @public_event
    def reset_by_code(self, form: dict) -> None:
        self.errors = otp.reset_with_code(self._mobile, str(form.get("code", ""))[:20],
                                          str(form.get("new_password", ""))[:300],
                                          str(form.get("repeat_password", ""))[:300])
        self.done = not self.errors

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
