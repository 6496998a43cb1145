"""Sign-in page: a plain form posted to the backend, so it works even before scripts load."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.forms import native_form
from dorna_app.components.icons import icon
from dorna_app.state.login import LoginState, SmsLoginState, VerifyLoginState


def _input(label: str, **props) -> rx.Component:
    invalid = LoginState.error != ""
    return rx.el.div(
        rx.el.label(label, html_for=props["id"]),
        rx.el.input(
            class_name="input",
            dir="ltr",
            aria_invalid=rx.cond(invalid, "true", "false"),
            aria_describedby=rx.cond(invalid, "login-error", ""),
            **props,
        ),
        class_name="field",
    )


def auth_frame(card: rx.Component, *below: rx.Component) -> rx.Component:
    """The frame of the pages one uses before signing in: the brand, one card, a line or two under it."""
    return rx.el.main(
        ui.stack(
            ui.row(icon("server-cog", 32, "fg-brand"), ui.text("درنا سرور", size=7, bold=True, tone="brand"),
                   gap=2, class_name="center-row"),
            card,
            *below,
            gap=4,
            class_name="center login-column",
        ),
        id="main",
        class_name="login-main",
    )


def login_page() -> rx.Component:
    return auth_frame(
            ui.card(
                native_form(
                    ui.stack(
                        ui.heading("ورود به ناحیه کاربری", level="h1", size=5),
                        rx.cond(
                            LoginState.error != "",
                            ui.callout(LoginState.error, icon_name="triangle-alert", tone="red", id="login-error",
                                       role="alert"),
                        ),
                        rx.cond(
                            LoginState.notice != "",
                            ui.callout(LoginState.notice, icon_name="info", tone="green", role="status"),
                        ),
                        _input("ایمیل", id="email", name="email", type="email", default_value=LoginState.email,
                               auto_complete="username", placeholder="you@example.com"),
                        _input("رمز عبور", id="password", name="password", type="password",
                               auto_complete="current-password"),
                        rx.el.input(type="hidden", name="next", value=LoginState.next_path),
                        ui.button("ورود", type="submit", id="login-submit", class_name="btn-wide"),
                        ui.row(ui.link("ورود با کد پیامکی", href="/login/sms", id="sms-link"),
                               ui.link("رمز عبور را فراموش کرده‌اید؟", href="/forgot-password", id="forgot-link"),
                               between=True, wrap=True, gap=3),
                        gap=4,
                    ),
                    action="/auth/login",
                    method="post",
                    # The app says what is missing, in Persian, beside the form (no English browser bubbles).
                    no_validate=True,
                ),
                roomy=True,
            ),
            ui.text("مشتری درنا سرور نیستید؟ با پشتیبانی تماس بگیرید.", size=2, muted=True),
    )


def sms_login_page() -> rx.Component:
    """Sign in with a one-time code sent by SMS: the number first, then the code (both plain forms)."""
    s = SmsLoginState
    return auth_frame(
            ui.card(
                ui.stack(
                    ui.heading("ورود با کد پیامکی", level="h1", size=5),
                    rx.cond(s.error != "", ui.callout(s.error, icon_name="triangle-alert", tone="red", id="sms-error",
                                                      role="alert")),
                    rx.cond(
                        s.step == "code",
                        ui.stack(
                            rx.cond(s.sent, ui.callout("اگر این شماره در حساب کاربری ثبت شده باشد، کد پنج‌رقمی به آن "
                                                       "پیامک شد؛ دو دقیقه معتبر است.", icon_name="message-square",
                                                       tone="green", role="status", id="sms-sent")),
                            native_form(
                                ui.stack(
                                    rx.el.div(
                                        rx.el.label("کد پیامک‌شده", html_for="code"),
                                        rx.el.input(id="code", name="code", class_name="input", dir="ltr",
                                                    input_mode="numeric", auto_complete="one-time-code",
                                                    max_length=10, placeholder="۱۲۳۴۵",
                                                    aria_invalid=rx.cond(s.error != "", "true", "false"),
                                                    aria_describedby=rx.cond(s.error != "", "sms-error", "")),
                                        class_name="field",
                                    ),
                                    ui.button("ورود", type="submit", id="sms-verify", class_name="btn-wide"),
                                    gap=3,
                                ),
                                action="/auth/sms/verify", method="post", no_validate=True,
                            ),
                            native_form(
                                rx.el.input(type="hidden", name="resend", value="1"),
                                ui.button("فرستادن دوباره کد", type="submit", variant="ghost", id="sms-resend"),
                                action="/auth/sms/request", method="post",
                            ),
                            gap=3,
                        ),
                        native_form(
                            ui.stack(
                                rx.el.div(
                                    rx.el.label("شماره موبایل", html_for="mobile"),
                                    rx.el.input(id="mobile", name="mobile", class_name="input", dir="ltr", type="tel",
                                                input_mode="tel", auto_complete="tel", placeholder="۰۹۱۲۱۲۳۴۵۶۷",
                                                aria_invalid=rx.cond(s.error != "", "true", "false"),
                                                aria_describedby=rx.cond(s.error != "", "sms-error", "")),
                                    class_name="field",
                                ),
                                ui.button("فرستادن کد", type="submit", id="sms-request", class_name="btn-wide"),
                                gap=3,
                            ),
                            action="/auth/sms/request", method="post", no_validate=True,
                        ),
                    ),
                    ui.text(ui.link("ورود با ایمیل و رمز عبور", href="/login"), size=2),
                    gap=4,
                ),
                roomy=True,
            ),
    )


def verify_login_page() -> rx.Component:
    """The authenticator's code (or a recovery code) after the password or the SMS code."""
    s = VerifyLoginState
    return auth_frame(
            ui.card(
                native_form(
                    ui.stack(
                        ui.heading("تأیید دومرحله‌ای", level="h1", size=5),
                        ui.text("کد شش‌رقمی برنامه احراز هویت را بنویسید، یا اگر گوشی در دسترس نیست یکی از کدهای "
                                "بازیابی را.", size=2),
                        rx.cond(s.error != "", ui.callout(s.error, icon_name="triangle-alert", tone="red",
                                                          id="verify-error", role="alert")),
                        rx.el.div(
                            rx.el.label("کد", html_for="code"),
                            rx.el.input(id="code", name="code", class_name="input", dir="ltr", input_mode="numeric",
                                        auto_complete="one-time-code", max_length=20,
                                        aria_invalid=rx.cond(s.error != "", "true", "false"),
                                        aria_describedby=rx.cond(s.error != "", "verify-error", "")),
                            class_name="field",
                        ),
                        rx.el.input(type="hidden", name="next", value=s.next_path),
                        ui.button("ورود", type="submit", id="verify-submit", class_name="btn-wide"),
                        gap=4,
                    ),
                    action="/auth/verify", method="post", no_validate=True,
                ),
                roomy=True,
            ),
    )
