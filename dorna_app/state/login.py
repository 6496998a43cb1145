"""The sign-in page's message, from the query string the sign-in route redirects with."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa, labels
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


SMS_ERRORS = {
    "bad_number": "شماره موبایل را ۱۱ رقمی بنویسید، مثل ۰۹۱۲۱۲۳۴۵۶۷.",
    "throttled": "درخواست‌های زیادی برای این شماره یا از این نشانی رسید؛ چند دقیقه دیگر دوباره امتحان کنید.",
    "provider_down": "فرستادن پیامک همین حالا ممکن نشد. چند دقیقه دیگر دوباره امتحان کنید یا با ایمیل و رمز عبور "
                     "وارد شوید.",
    "wrong": "کد درست نیست.",
    "expired": "این کد دیگر معتبر نیست (بیش از دو دقیقه گذشته، سه بار اشتباه وارد شده یا به کار رفته است). کد تازه "
               "بخواهید.",
}


class SmsLoginState(rx.State):
    """Signing in by SMS code: which step (number or code) and what went wrong, from the address."""

    step: str = "number"
    error: str = ""
    sent: bool = False

    @public_event
    def load(self) -> rx.event.EventSpec | None:
        if auth.client_for_token(session_token(self.router.headers.cookie)) is not None:
            return rx.redirect("/", replace=True)
        params = self.router.url.query_parameters
        self.step = "code" if params.get("step") == "code" else "number"
        self.sent = params.get("sent") == "1"
        error = str(params.get("error", ""))[:20]
        self.error = SMS_ERRORS.get(error, "")
        if error == "wait":
            seconds = fa.digits(str(params.get("wait", "60"))[:3])
            self.error = f"کد پیشین هنوز تازه است؛ {seconds} ثانیه دیگر می‌توانید کد تازه بخواهید."
        elif error == "wrong":
            self.error += f" {fa.digits(str(params.get('left', '0'))[:1])} بار دیگر می‌توانید امتحان کنید."
        return None


class VerifyLoginState(rx.State):
    """The second step of signing in, for accounts that use an authenticator app."""

    error: str = ""
    next_path: str = "/"

    @public_event
    def load(self) -> rx.event.EventSpec | None:
        from dorna_app.accounts import two_factor

        token = session_token(self.router.headers.cookie)
        if auth.client_for_token(token) is not None:
            return rx.redirect("/", replace=True)
        if two_factor.pending_client(token) is None:
            return rx.redirect("/login", replace=True)
        params = self.router.url.query_parameters
        self.error = two_factor.STEP_ERRORS.get(str(params.get("error", ""))[:20], "")
        target = str(params.get("next", "/"))[:500]
        self.next_path = target if target.startswith("/") and not target.startswith("//") else "/"
        return None
