"""The frame of every signed-in page: header, navigation (a drawer on phones), user bar."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.forms import native_form
from dorna_app.state.base import SessionState

NAV = [
    ("ناحیه کاربری", "/", "layout-dashboard"),
    ("سرویس‌ها", "/services", "server"),
    ("مالی", "/invoices", "wallet"),
    ("پشتیبانی", "/support", "life-buoy"),
    ("ارسال تیکت پشتیبانی", "/tickets/new", "message-square-plus"),
]

BILLING_MENU = [
    ("صورت‌حساب‌ها", "/invoices", "file-text"),
    ("پیش‌فاکتورها", "/quotes", "signature"),
    ("پرداخت انبوه", "/mass-pay", "layers"),
    ("افزایش اعتبار", "/add-funds", "piggy-bank"),
]

BRAND = "#0b3d91"


def logout_form(**props) -> rx.Component:
    """Sign-out is a POST to the backend, which ends the session on the server."""
    return native_form(
        rx.button(
            rx.icon("log-out", size=16),
            "خروج",
            type="submit",
            variant="ghost",
            color_scheme="gray",
            size="2",
            cursor="pointer",
        ),
        action="/auth/logout",
        method="post",
        **props,
    )


def _nav_link(label: str, href: str, icon: str, active: str) -> rx.Component:
    is_active = label == active
    return rx.link(
        rx.hstack(rx.icon(icon, size=16), rx.text(label), spacing="2", align="center"),
        href=href,
        underline="none",
        padding_x="12px",
        padding_y="8px",
        border_radius="8px",
        color="white",
        background="rgba(255,255,255,0.16)" if is_active else "transparent",
        font_weight="600" if is_active else "400",
        white_space="nowrap",
        _hover={"background": "rgba(255,255,255,0.12)"},
    )


def _menu_link(label: str, href: str, icon: str) -> rx.Component:
    return rx.dialog.close(
        rx.link(
            rx.hstack(rx.icon(icon, size=18, aria_hidden="true"), rx.text(label, size="3"), spacing="3",
                      align="center"),
            href=href,
            underline="none",
            color=rx.color("gray", 12),
            padding_y="10px",
            min_height="44px",
            width="100%",
        )
    )


def mobile_menu() -> rx.Component:
    """On a phone the navigation is a modal side sheet: focus moves into it and stays there until it is
    closed (Escape, the close button or a link), then returns to the menu button."""
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.icon_button(
                rx.icon("menu", size=22, aria_hidden="true"),
                variant="ghost",
                color="white",
                aria_label="باز کردن منو",
                size="3",
                id="menu-button",
            ),
        ),
        rx.dialog.content(
            rx.vstack(
                rx.hstack(
                    rx.dialog.title("منو", size="4", margin="0"),
                    rx.spacer(),
                    rx.dialog.close(rx.icon_button(rx.icon("x", aria_hidden="true"), variant="ghost",
                                                   aria_label="بستن منو", size="3")),
                    width="100%",
                    align="center",
                ),
                rx.dialog.description("پیوند صفحه‌های ناحیه کاربری", class_name="visually-hidden"),
                rx.el.nav(
                    *[_menu_link(label, href, icon) for label, href, icon in NAV],
                    rx.divider(margin_y="8px"),
                    rx.text("مالی", size="2", color=rx.color("gray", 11)),
                    *[_menu_link(label, href, icon) for label, href, icon in BILLING_MENU],
                    rx.divider(margin_y="8px"),
                    _menu_link("پیام‌ها", "/messages", "mail"),
                    _menu_link("اطلاعات تماس", "/profile", "user-cog"),
                    aria_label="منوی اصلی",
                    style={"width": "100%"},
                ),
                logout_form(),
                spacing="1",
                width="100%",
            ),
            id="mobile-menu",
            position="fixed",
            top="0",
            right="0",
            left="auto",
            height="100%",
            max_height="100%",
            width="80%",
            max_width="320px",
            border_radius="0",
            margin="0",
            transform="none",
            overflow_y="auto",
            padding="20px",
        ),
    )


def header(active: str) -> rx.Component:
    return rx.el.header(
        rx.box(
            rx.hstack(
                rx.link(
                    rx.hstack(
                        rx.icon("server-cog", size=26, color="white"),
                        rx.text("درنا سرور", size="5", weight="bold", color="white"),
                        spacing="2",
                        align="center",
                    ),
                    href="/",
                    underline="none",
                ),
                rx.spacer(),
                rx.el.nav(
                    rx.hstack(
                        *[_nav_link(label, href, icon, active) for label, href, icon in NAV],
                        spacing="1",
                    ),
                    aria_label="منوی اصلی",
                    display=["none", "none", "none", "block"],
                ),
                rx.box(mobile_menu(), display=["block", "block", "block", "none"]),
                align="center",
                width="100%",
            ),
            max_width="1200px",
            margin_x="auto",
            padding_x="16px",
            padding_y="10px",
        ),
        background=BRAND,
        width="100%",
        class_name="no-print",
        display="block",
    )


def user_bar() -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            rx.hstack(
                rx.icon("circle-user", size=16, color=rx.color("gray", 11), aria_hidden="true", flex_shrink="0"),
                rx.link(SessionState.email, href="/profile", size="2", id="user-email", dir="ltr",
                        color=rx.color("gray", 12), underline="hover", title=SessionState.email,
                        style={"overflow": "hidden", "text_overflow": "ellipsis", "white_space": "nowrap",
                               "display": "block", "max_width": "min(60vw, 420px)"}),
                spacing="2",
                align="center",
                min_width="0",
            ),
            rx.spacer(),
            rx.link(
                rx.hstack(
                    rx.icon("mail", size=16, aria_hidden="true"),
                    rx.text("پیام‌های جدید", size="2", class_name="messages-label"),
                    rx.badge(SessionState.new_messages_fa, variant="solid", radius="full", id="new-messages",
                             color_scheme=rx.cond(SessionState.new_messages_fa == "۰", "gray", "red")),
                    spacing="1",
                    align="center",
                ),
                href="/messages",
                underline="none",
                color=rx.color("gray", 11),
                aria_label=rx.Var.create("پیام‌های جدید: ") + SessionState.new_messages_fa,
                min_height="44px",
                min_width="44px",
                display="flex",
                align_items="center",
                flex_shrink="0",
            ),
            logout_form(display=["none", "none", "none", "block"]),
            align="center",
            width="100%",
            spacing="3",
        ),
        aria_label="حساب کاربری",
        max_width="1200px",
        margin_x="auto",
        padding_x="16px",
        padding_y="8px",
        display="block",
    )


def billing_sidebar(active: str) -> rx.Component:
    """The billing menu beside invoices and payment pages (on top of them on a phone)."""
    return rx.card(
        rx.vstack(
            rx.text("مالی", weight="bold", size="3"),
            *[
                rx.link(
                    rx.hstack(rx.icon(icon, size=16), rx.text(label, size="2"), spacing="2", align="center"),
                    href=href,
                    underline="none",
                    color=rx.color("accent", 11) if label == active else rx.color("gray", 12),
                    font_weight="600" if label == active else "400",
                    padding_y="4px",
                )
                for label, href, icon in BILLING_MENU
            ],
            spacing="1",
            width="100%",
        ),
        width="100%",
    )


def notice() -> rx.Component:
    """What just happened (a payment that could not start, a saved form), read out by screen readers."""
    return rx.box(
        rx.cond(
            SessionState.notice != "",
            rx.callout.root(
                rx.flex(
                    rx.callout.text(SessionState.notice, id="page-notice"),
                    rx.icon_button(rx.icon("x", size=16, aria_hidden="true"), variant="ghost", size="2",
                                   aria_label="بستن پیام", on_click=SessionState.dismiss_notice,
                                   color_scheme="gray"),
                    justify="between",
                    align="center",
                    spacing="3",
                    width="100%",
                ),
                color_scheme=rx.match(SessionState.notice_tone, ("error", "red"), ("warning", "amber"),
                                      ("success", "green"), "blue"),
                width="100%",
            ),
        ),
        role="status",
        aria_live="polite",
        width="100%",
        class_name="no-print",
    )


def page(*children: rx.Component, active: str = "", title: str = "") -> rx.Component:
    """A signed-in page: a skip link, the header, the user bar, then the content in a centred `<main>`."""
    return rx.box(
        rx.el.a("پرش به محتوای اصلی", href="#main", class_name="skip-link no-print"),
        header(active),
        rx.box(user_bar(), background=rx.color("gray", 2), border_bottom=f"1px solid {rx.color('gray', 4)}",
               class_name="no-print"),
        rx.el.main(
            rx.cond(
                SessionState.email != "",
                rx.vstack(
                    rx.heading(title, size="6", as_="h1") if title else rx.fragment(),
                    notice(),
                    *children,
                    spacing="4",
                    width="100%",
                ),
                rx.center(rx.spinner(size="3"), padding="48px"),
            ),
            id="main",
            tab_index=-1,
            max_width="1200px",
            margin_x="auto",
            padding="16px",
            width="100%",
            display="block",
            box_sizing="border-box",
        ),
        min_height="100vh",
        background=rx.color("gray", 1),
    )
