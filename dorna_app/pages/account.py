"""The customer's own corner: messages sent to them (پیام ها) and their contact details."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.shell import page
from dorna_app.state.account import MessagesState, ProfileState


def message_card(m: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon(rx.cond(m.channel == "email", "mail", "message-square"), size=18,
                        color=rx.color("accent", 10)),
                rx.badge(m.channel_label, variant="soft"),
                rx.cond(m.unread, rx.badge("جدید", color_scheme="red", variant="solid")),
                rx.spacer(),
                rx.text(m.at, size="1", color=rx.color("gray", 10)),
                align="center",
                width="100%",
                spacing="2",
            ),
            rx.cond(m.channel == "email", rx.text(m.subject, weight="bold")),
            rx.text(m.text, size="2", white_space="pre-wrap", style={"overflow_wrap": "anywhere"}),
            rx.text(m.status_label, size="1", color=rx.color("gray", 10)),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="message-item",
        data_channel=m.channel,
    )


def messages_page() -> rx.Component:
    return page(
        rx.cond(
            MessagesState.items.length() > 0,
            rx.vstack(rx.foreach(MessagesState.items, message_card), spacing="2", width="100%"),
            rx.callout("هنوز پیامی برای شما فرستاده نشده است.", icon="inbox", width="100%"),
        ),
        title="پیام ها",
    )


def _field(label: str, name: str, value: rx.Var, error: rx.Var, **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=name, style={"font_size": "14px"}),
        rx.input(name=name, id=name, default_value=value, size="3", width="100%", dir="ltr", **props),
        rx.cond(error != "", rx.text(error, color=rx.color("red", 11), size="2", id=f"{name}-error")),
        spacing="1",
        width="100%",
    )


def profile_page() -> rx.Component:
    return page(
        rx.card(
            rx.cond(
                ProfileState.loaded,
                rx.form(
                    rx.vstack(
                        rx.text("رسید پرداخت‌ها و یادآوری‌ها به این ایمیل و شماره فرستاده می‌شود."),
                        rx.cond(ProfileState.notice != "",
                                rx.callout(ProfileState.notice, icon="info", width="100%", id="profile-notice")),
                        _field("ایمیل", "email", ProfileState.form_email, ProfileState.email_error, type="email"),
                        _field("شماره موبایل", "mobile", ProfileState.form_mobile, ProfileState.mobile_error,
                               input_mode="tel", placeholder="۰۹۱۲۱۲۳۴۵۶۷"),
                        _field("رمز عبور فعلی (فقط برای تغییر ایمیل)", "password", "", ProfileState.password_error,
                               type="password", auto_complete="current-password"),
                        rx.button("ذخیره", type="submit", size="3", id="profile-save", cursor="pointer"),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=ProfileState.save,
                    width="100%",
                ),
            ),
            width="100%",
            max_width="520px",
            size="3",
        ),
        title="اطلاعات تماس",
    )
