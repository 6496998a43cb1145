"""Sign-in page: a plain form posted to the backend, so it works even before scripts load."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.forms import native_form
from dorna_app.components.shell import BRAND
from dorna_app.state.login import LoginState


def login_page() -> rx.Component:
    return rx.el.main(rx.center(
        rx.vstack(
            rx.hstack(
                rx.icon("server-cog", size=32, color=BRAND, aria_hidden="true"),
                rx.heading("درنا سرور", size="7", color=BRAND),
                spacing="2",
                align="center",
            ),
            rx.card(
                native_form(
                    rx.vstack(
                        rx.heading("ورود به ناحیه کاربری", size="5", as_="h1"),
                        rx.cond(
                            LoginState.error != "",
                            rx.callout(LoginState.error, icon="triangle-alert", color_scheme="red",
                                       width="100%", id="login-error", role="alert"),
                        ),
                        rx.cond(
                            LoginState.notice != "",
                            rx.callout(LoginState.notice, icon="info", color_scheme="green", width="100%",
                                       role="status"),
                        ),
                        rx.vstack(
                            rx.el.label("ایمیل", html_for="email", style={"font_size": "14px"}),
                            rx.input(
                                id="email",
                                name="email",
                                type="email",
                                default_value=LoginState.email,
                                auto_complete="username",
                                aria_invalid=rx.cond(LoginState.error != "", "true", "false"),
                                aria_describedby=rx.cond(LoginState.error != "", "login-error", ""),
                                dir="ltr",
                                placeholder="you@example.com",
                                size="3",
                                width="100%",
                            ),
                            spacing="1",
                            width="100%",
                        ),
                        rx.vstack(
                            rx.el.label("رمز عبور", html_for="password", style={"font_size": "14px"}),
                            rx.input(
                                id="password",
                                name="password",
                                type="password",
                                auto_complete="current-password",
                                aria_invalid=rx.cond(LoginState.error != "", "true", "false"),
                                aria_describedby=rx.cond(LoginState.error != "", "login-error", ""),
                                dir="ltr",
                                size="3",
                                width="100%",
                            ),
                            spacing="1",
                            width="100%",
                        ),
                        rx.el.input(type="hidden", name="next", value=LoginState.next_path),
                        rx.button("ورود", type="submit", size="3", width="100%", cursor="pointer",
                                  id="login-submit"),
                        spacing="4",
                        width="100%",
                    ),
                    action="/auth/login",
                    method="post",
                    # The app says what is missing, in Persian, beside the form (no English browser bubbles).
                    no_validate=True,
                ),
                width="100%",
                size="3",
            ),
            # Where the password-reset link goes once the accounts issue builds it.
            rx.text("رمز عبور را فراموش کرده‌اید؟ با پشتیبانی تماس بگیرید.", size="2", id="forgot-password",
                    color=rx.color("gray", 11)),
            rx.text("مشتری درنا سرور نیستید؟ با پشتیبانی تماس بگیرید.", size="2",
                    color=rx.color("gray", 11)),
            spacing="4",
            width="100%",
            max_width="420px",
            align="center",
        ),
        min_height="100vh",
        padding="16px",
        background=rx.color("gray", 2),
    ), id="main")
