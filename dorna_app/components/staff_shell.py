"""The frame of the staff pages: header with the staff navigation, who is signed in, the notice."""

from __future__ import annotations

from typing import Any

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.forms import native_form
from dorna_app.components.forms import text_field as staff_field  # noqa: F401  (the staff pages' name for it)
from dorna_app.components.icons import icon
from dorna_app.state.base import SessionState
from dorna_app.state.staff import StaffState

STAFF_NAV = [
    ("داشبورد", "/staff", "layout-dashboard"),
    ("تیکت‌ها", "/staff/tickets", "life-buoy"),
    ("مشتریان", "/staff/customers", "circle-user"),
    ("پرداخت‌ها", "/staff/payments", "wallet"),
    ("پیام‌ها", "/staff/messages", "mail"),
]
ADMIN_NAV = [
    ("کارکنان", "/staff/team", "users"),
    ("پنل‌ها", "/staff/panels", "server"),
    ("رویدادها", "/staff/audit", "file-text"),
]


def _notice() -> rx.Component:
    # A handler that failed says so in the shared line (the app's error handler sets it), the staff
    # pages' own events in theirs.
    return rx.fragment(
        ui.notice(SessionState.notice, SessionState.notice_tone, SessionState.dismiss_notice, "page-notice"),
        ui.notice(StaffState.notice, StaffState.notice_tone, StaffState.dismiss_notice, "staff-notice"),
    )


def staff_page(*children: rx.Component, title: str, active: str = "") -> rx.Component:
    """A staff page: skip link, header with navigation and the signed-in staff member, then `<main>`."""
    def link(label: str, href: str, name: str) -> rx.Component:
        return ui.link(icon(name), label, href=href, class_name="nav-link active" if label == active else "nav-link",
                       aria_current="page" if label == active else None)

    nav = [link(*entry) for entry in STAFF_NAV]
    admin_links = rx.cond(StaffState.role == "admin", rx.fragment(*[link(*entry) for entry in ADMIN_NAV]))
    return rx.el.div(
        rx.el.a("پرش به محتوای اصلی", href="#main", class_name="skip-link"),
        rx.el.header(
            rx.el.div(
                ui.link(icon("server-cog", 24), "درنا سرور · کارکنان", href="/staff", class_name="brand"),
                rx.el.nav(ui.row(*nav, admin_links, gap=1, wrap=True),
                          aria_label="منوی کارکنان"),
                class_name="container staff-top",
            ),
            class_name="topbar",
        ),
        rx.el.div(
            rx.el.div(
                ui.row(
                    icon("circle-user", 16, "muted"),
                    rx.cond(StaffState.staff_email != "",
                            rx.el.span(StaffState.staff_email, dir="ltr", class_name="user-email", id="staff-email"),
                            ui.placeholder("ph-email")),
                    rx.cond(StaffState.role_label != "", ui.badge(StaffState.role_label, tone="indigo")),
                    ui.link("حساب من", href="/staff/account", class_name="small-link",
                            aria_current="page" if active == "حساب من" else None),
                    gap=2,
                ),
                ui.spacer(),
                native_form(ui.button(icon("log-out"), "خروج", type="submit", variant="ghost", tone="gray"),
                            action="/staff/auth/logout", method="post"),
                class_name="container",
            ),
            class_name="userbar",
        ),
        rx.el.main(
            ui.stack(ui.heading(title, level="h1", size=6), _notice(), *children, gap=4),
            id="main",
            tab_index=-1,
            class_name="container",
        ),
        class_name="shell",
    )


def listing(loaded: rx.Var, rows: rx.Var, render: Any, empty: rx.Component, **props: Any) -> rx.Component:
    """A staff list: a placeholder until the page's data is in, then the rows, or what to say when none."""
    return rx.cond(loaded, rx.cond(rows.length() > 0, ui.stack(rx.foreach(rows, render), gap=2, **props), empty),
                   ui.placeholder("ph-block"))


def filter_bar(on_submit: Any, *controls: rx.Component) -> rx.Component:
    """The filters above a staff list: one search form, its controls in a wrapping row, then «فیلتر»."""
    return rx.el.form(
        ui.row(*controls, ui.button("فیلتر", type="submit", variant="soft"), gap=2, wrap=True),
        on_submit=on_submit,
        role="search",
    )
