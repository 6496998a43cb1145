"""Sign-in page: a plain form posted to the backend, so it works even before scripts load."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.forms import native_form
from dorna_app.components.icons import icon
from dorna_app.state.login import LoginState


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


def login_page() -> rx.Component:
    return rx.el.main(
        ui.stack(
            ui.row(icon("server-cog", 32, "fg-brand"), ui.text("درنا سرور", size=7, bold=True, tone="brand"),
                   gap=2, class_name="center-row"),
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
                        ui.text(ui.link("رمز عبور را فراموش کرده‌اید؟", href="/forgot-password", id="forgot-link"),
                                size=2),
                        gap=4,
                    ),
                    action="/auth/login",
                    method="post",
                    # The app says what is missing, in Persian, beside the form (no English browser bubbles).
                    no_validate=True,
                ),
                roomy=True,
            ),
            # Where the password-reset link goes once the accounts issue builds it.
            ui.text("رمز عبور را فراموش کرده‌اید؟ با پشتیبانی تماس بگیرید.", size=2, muted=True,
                    id="forgot-password"),
            ui.text("مشتری درنا سرور نیستید؟ با پشتیبانی تماس بگیرید.", size=2, muted=True),
            gap=4,
            class_name="center login-column",
        ),
        id="main",
        class_name="login-main",
    )
