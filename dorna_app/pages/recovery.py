"""Forgotten password: ask for a link by e-mail, then set a new password through it."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.forms import text_field
from dorna_app.pages.login import auth_frame
from dorna_app.state.recovery import ForgotState, ResetState


def _frame(*children: rx.Component) -> rx.Component:
    return auth_frame(ui.card(*children, roomy=True),
                      ui.text(ui.link("بازگشت به ورود", href="/login"), size=2, class_name="center"))


def _password_set() -> rx.Component:
    return ui.stack(ui.heading("رمز عبور تازه گذاشته شد", level="h1", size=5),
                    ui.callout("از این پس با رمز تازه وارد شوید. همه دستگاه‌هایی که وارد بودند بیرون رفتند.",
                               tone="green", icon_name="circle-check", id="reset-done"),
                    ui.link_button("ورود", href="/login", variant="solid"), gap=3)


def _by_sms() -> rx.Component:
    """The other way back in: a code to the account's mobile, then the new password."""
    s = ForgotState
    return rx.cond(
        s.done,
        _password_set(),
        rx.cond(
            s.code_sent,
            rx.el.form(
                ui.stack(
                    ui.heading("کد پیامکی و رمز تازه", level="h1", size=5),
                    ui.callout(s.message, tone="green", icon_name="message-square", role="status",
                               id="reset-code-sent"),
                    text_field("کد پیامک‌شده", "code", s.errors, latin=True, input_mode="numeric",
                               auto_complete="one-time-code"),
                    text_field("رمز عبور تازه (دست‌کم ده نویسه)", "new_password", s.errors, type="password", latin=True,
                               auto_complete="new-password"),
                    text_field("تکرار رمز عبور تازه", "repeat_password", s.errors, type="password", latin=True,
                               auto_complete="new-password"),
                    ui.button("ذخیره رمز تازه", type="submit", id="reset-code-submit", class_name="btn-wide"),
                    gap=4,
                ),
                on_submit=s.reset_by_code,
                no_validate=True,
            ),
            rx.el.form(
                ui.stack(
                    ui.heading("فراموشی رمز عبور", level="h1", size=5),
                    ui.text("شماره موبایل حساب را بنویسید؛ کدی برای گذاشتن رمز تازه به آن پیامک می‌شود.", size=2),
                    text_field("شماره موبایل", "mobile", s.errors, latin=True, type="tel", input_mode="tel",
                               placeholder="۰۹۱۲۱۲۳۴۵۶۷", auto_complete="tel"),
                    ui.button("فرستادن کد", type="submit", id="reset-code-request", class_name="btn-wide"),
                    gap=4,
                ),
                on_submit=s.request_code,
                no_validate=True,
            ),
        ),
    )


def forgot_page() -> rx.Component:
    s = ForgotState
    return _frame(rx.cond(s.by_sms, _by_sms(), _by_email()))


def _by_email() -> rx.Component:
    s = ForgotState
    return rx.fragment(
        rx.el.form(
            ui.stack(
                ui.heading("فراموشی رمز عبور", level="h1", size=5),
                ui.text("ایمیل حساب خود را بنویسید؛ پیوندی برای گذاشتن رمز تازه به آن فرستاده می‌شود.", size=2),
                rx.cond(s.message != "", rx.cond(
                    s.sent,
                    ui.callout(s.message, tone="green", icon_name="circle-check", role="status", id="forgot-message"),
                    ui.callout(s.message, tone="red", icon_name="triangle-alert", role="alert", id="forgot-message"),
                )),
                text_field("ایمیل", "email", type="email", latin=True, auto_complete="username"),
                ui.button("فرستادن پیوند", type="submit", id="forgot-submit", class_name="btn-wide"),
                gap=4,
            ),
            on_submit=s.submit,
            no_validate=True,
        ),
        rx.el.div(ui.button("به جای ایمیل، با کد پیامکی", variant="ghost", on_click=s.use_sms, id="use-sms"),
                  class_name="center"),
    )


def reset_page() -> rx.Component:
    s = ResetState
    return _frame(
        rx.cond(
            ~s.loaded,
            ui.placeholder("ph-block"),
            rx.cond(
                s.done,
                _password_set(),
                rx.cond(
                    s.valid,
                    rx.el.form(
                        ui.stack(
                            ui.heading("رمز عبور تازه", level="h1", size=5),
                            rx.cond(s.errors.contains("form"), ui.callout(s.errors["form"], tone="red",
                                                                          role="alert")),
                            text_field("رمز عبور تازه (دست‌کم ده نویسه)", "new_password", s.errors, type="password",
                                       latin=True, auto_complete="new-password"),
                            text_field("تکرار رمز عبور تازه", "repeat_password", s.errors, type="password", latin=True,
                                       auto_complete="new-password"),
                            ui.button("ذخیره رمز تازه", type="submit", id="reset-submit", class_name="btn-wide"),
                            gap=4,
                        ),
                        on_submit=s.submit,
                        no_validate=True,
                    ),
                    ui.stack(ui.heading("پیوند معتبر نیست", level="h1", size=5),
                             ui.callout("این پیوند به کار رفته یا بیش از ۳۰ دقیقه از آن گذشته است.", tone="red",
                                        icon_name="triangle-alert", id="reset-invalid"),
                             ui.link_button("درخواست پیوند تازه", href="/forgot-password", variant="solid"), gap=3),
                ),
            ),
        ),
    )
