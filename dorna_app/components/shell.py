"""The frame of every signed-in page: header, navigation (a modal menu on phones), user bar, notice."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from dorna_app.components import ui
from dorna_app.components.forms import native_form
from dorna_app.components.icons import icon
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


def logout_form(class_name: str = "") -> rx.Component:
    """Sign-out is a POST to the backend, which ends the session on the server."""
    return native_form(
        ui.button(icon("log-out"), "خروج", type="submit", variant="ghost", tone="gray"),
        action="/auth/logout",
        method="post",
        class_name=class_name or None,
    )


def _menu_link(label: str, href: str, icon_name: str) -> rx.Component:
    return ui.link(icon(icon_name, 18), label, href=href, class_name="menu-link")


def mobile_menu() -> rx.Component:
    """On a phone the navigation is a modal `<dialog>` (opened by ui.js): focus moves into it and stays
    there until it is closed (Escape, the close button, a link or the backdrop), then returns to the
    menu button."""
    return rx.fragment(
        rx.el.button(icon("menu", 22), type="button", class_name="menu-button", id="menu-button",
                     aria_label="باز کردن منو", aria_haspopup="dialog", custom_attrs={"data-opens": "mobile-menu"}),
        rx.el.dialog(
            ui.stack(
                ui.row(
                    ui.heading("منو", level="h2", size=4, id="mobile-menu-title"),
                    ui.spacer(),
                    rx.el.button(icon("x", 18), type="button", class_name="icon-btn", aria_label="بستن منو",
                                 custom_attrs={"data-closes": "true"}),
                    class_name="full",
                ),
                rx.el.nav(
                    *[_menu_link(label, href, name) for label, href, name in NAV],
                    rx.el.hr(class_name="divider"),
                    ui.text("مالی", size=2, muted=True),
                    *[_menu_link(label, href, name) for label, href, name in BILLING_MENU],
                    rx.el.hr(class_name="divider"),
                    _menu_link("پیام‌ها", "/messages", "mail"),
                    _menu_link("اطلاعات تماس", "/profile", "user-cog"),
                    aria_label="منوی اصلی",
                ),
                logout_form(),
                gap=1,
            ),
            id="mobile-menu",
            class_name="menu",
            role="dialog",
            aria_labelledby="mobile-menu-title",
        ),
    )


def header(active: str) -> rx.Component:
    return rx.el.header(
        rx.el.div(
            ui.link(icon("server-cog", 26), "درنا سرور", href="/", class_name="brand"),
            ui.spacer(),
            rx.el.nav(
                ui.row(
                    *[
                        ui.link(icon(name), label, href=href,
                                class_name="nav-link active" if label == active else "nav-link",
                                aria_current="page" if label == active else None)
                        for label, href, name in NAV
                    ],
                    gap=1,
                ),
                aria_label="منوی اصلی",
                class_name="nav-desktop",
            ),
            mobile_menu(),
            class_name="container",
        ),
        class_name="topbar no-print",
    )


def user_bar() -> rx.Component:
    return rx.el.div(
        rx.el.nav(
            ui.row(
                icon("circle-user", 16, "muted"),
                rx.cond(
                    SessionState.email != "",
                    ui.link(SessionState.email, href="/profile", id="user-email", dir="ltr", class_name="user-email",
                            title=SessionState.email),
                    ui.placeholder("ph-email"),
                ),
                gap=2,
            ),
            ui.spacer(),
            ui.link(
                icon("mail"),
                rx.el.span("پیام‌های جدید", class_name="messages-label"),
                ui.badge(SessionState.new_messages_fa, solid=True, id="new-messages",
                         tone=rx.cond(SessionState.new_messages_fa == "۰", "gray", "red")),
                href="/messages",
                class_name="messages-link",
                aria_label=rx.Var.create("پیام‌های جدید: ") + SessionState.new_messages_fa,
            ),
            logout_form("desktop-logout"),
            aria_label="حساب کاربری",
            class_name="container",
        ),
        class_name="userbar no-print",
    )


def billing_sidebar(active: str) -> rx.Component:
    """The billing menu beside invoices and payment pages (on top of them on a phone)."""
    return ui.card(
        ui.stack(
            ui.text("مالی", bold=True),
            *[
                ui.link(icon(name), label, href=href, class_name="side-link",
                        aria_current="page" if label == active else None)
                for label, href, name in BILLING_MENU
            ],
            gap=1,
        ),
    )


def notice() -> rx.Component:
    """What just happened (a payment that could not start, a saved form), read out by screen readers."""
    return ui.notice(SessionState.notice, SessionState.notice_tone, SessionState.dismiss_notice, "page-notice")


def connection_banner() -> rx.Component:
    """Said at the foot of the page while the live connection to the server is down (it reconnects)."""
    return rx.cond(
        has_connection_errors,
        rx.el.div("ارتباط با سرور قطع شده است؛ در حال اتصال دوباره…", class_name="connection-banner",
                  role="alert"),
    )


def page(*children: rx.Component, active: str = "", title: str = "") -> rx.Component:
    """A signed-in page: a skip link, the header, the user bar, then the content in a centred `<main>`.

    The content is drawn at once, before the page's data arrives: each figure has a placeholder of its
    size, so the first paint is the real layout and nothing shifts when the data comes.
    """
    return rx.el.div(
        rx.el.a("پرش به محتوای اصلی", href="#main", class_name="skip-link no-print"),
        header(active),
        user_bar(),
        rx.el.main(
            ui.stack(
                ui.heading(title, level="h1", size=6) if title else rx.fragment(),
                notice(),
                *children,
                gap=4,
            ),
            id="main",
            tab_index=-1,
            class_name="container",
        ),
        # Signed out in another browser or from the devices page: /ui.js sends this tab to sign-in.
        rx.cond(SessionState.signed_out, rx.el.span(hidden=True, data_signed_out="1")),
        class_name="shell",
    )
