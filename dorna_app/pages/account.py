"""The customer's own corner: messages sent to them (پیام‌ها) and their contact details."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.shell import page
from dorna_app.state.account import MessagesState, ProfileState


def message_card(m: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon(rx.cond(m.channel == "email", "mail", "message-square"), size=18,
                        color=rx.color("accent", 11), aria_hidden="true"),
                rx.badge(m.channel_label, variant="soft", high_contrast=True),
                rx.cond(m.unread, rx.badge("جدید", color_scheme="red", variant="solid",
                                           background=rx.color("red", 11))),
                rx.spacer(),
                rx.text(m.at, size="1", color=rx.color("gray", 11)),
                align="center",
                width="100%",
                spacing="2",
            ),
            rx.cond(m.channel == "email", rx.text(m.subject, weight="bold")),
            rx.text(
                rx.foreach(m.parts, lambda part: rx.cond(
                    part.href != "",
                    rx.link(part.text, href=part.href, class_name="ltr-fragment", rel="noopener noreferrer",
                            underline="always"),
                    rx.el.span(part.text),
                )),
                size="2", white_space="pre-wrap", style={"overflow_wrap": "anywhere"}, class_name="message-text",
            ),
            rx.text(m.status_label, size="1", color=rx.color("gray", 11)),
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
        title="پیام‌ها",
    )


def _field(label: str, name: str, value: rx.Var | str, error: rx.Var, **props) -> rx.Component:
    """A labelled input whose error sits beside it and is announced with it (aria-describedby)."""
    return rx.vstack(
        rx.el.label(label, html_for=name, style={"font_size": "14px"}),
        rx.input(name=name, id=name, default_value=value, size="3", width="100%", dir="ltr",
                 aria_invalid=rx.cond(error != "", "true", "false"),
                 aria_describedby=rx.cond(error != "", f"{name}-error", ""), **props),
        rx.cond(error != "", rx.text(error, color=rx.color("red", 11), size="2", id=f"{name}-error", role="alert")),
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
                                rx.callout(ProfileState.notice, icon="info", width="100%", id="profile-notice",
                                           role="status")),
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
                    no_validate=True,
                    width="100%",
                ),
            ),
            width="100%",
            max_width="520px",
            size="3",
        ),
        title="اطلاعات تماس",
    )
