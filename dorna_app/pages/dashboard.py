"""Dashboard (ناحیه کاربری): four live counters, the debt notice, search and the services."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.cards import debt_card, invoice_status_badge, service_item, stat_card
from dorna_app.components.pay import pay_all_button
from dorna_app.components.shell import page
from dorna_app.state.dashboard import DashboardState


def debt_notice() -> rx.Component:
    return debt_card(
        DashboardState.unpaid_count,
        DashboardState.unpaid_count_fa,
        DashboardState.unpaid_total,
        pay_all_button(),
    )


def search_box() -> rx.Component:
    return rx.vstack(
        rx.input(
            rx.input.slot(rx.icon("search", size=16, aria_hidden="true")),
            placeholder="جستجو: شماره صورت‌حساب، نام سرویس یا IP",
            aria_label="جستجو در صورت‌حساب‌ها و سرویس‌ها",
            value=DashboardState.query,
            on_change=DashboardState.set_query.debounce(300),
            size="3",
            width="100%",
            id="dashboard-search",
        ),
        rx.cond(
            DashboardState.searched,
            rx.card(
                rx.vstack(
                    rx.foreach(
                        DashboardState.found_invoices,
                        lambda inv: rx.link(
                            rx.hstack(
                                rx.icon("file-text", size=16, aria_hidden="true"),
                                rx.text("صورت‌حساب شماره ", inv.number_fa),
                                rx.text(inv.total, " تومان", color=rx.color("gray", 11)),
                                rx.spacer(),
                                invoice_status_badge(inv.status, inv.status_label),
                                width="100%",
                                align="center",
                            ),
                            href=inv.href,
                            underline="none",
                            color="inherit",
                            width="100%",
                        ),
                    ),
                    rx.foreach(
                        DashboardState.found_services,
                        lambda s: rx.link(
                            rx.hstack(
                                rx.icon("server", size=16, aria_hidden="true"),
                                rx.text(s.name),
                                rx.text(s.ip, class_name="ltr-fragment", color=rx.color("gray", 11)),
                                width="100%",
                                align="center",
                            ),
                            href=s.href,
                            underline="none",
                            color="inherit",
                            width="100%",
                        ),
                    ),
                    rx.cond(
                        (DashboardState.found_invoices.length() == 0)
                        & (DashboardState.found_services.length() == 0),
                        rx.text("چیزی پیدا نشد.", color=rx.color("gray", 10), id="search-empty"),
                    ),
                    spacing="2",
                    width="100%",
                ),
                width="100%",
                id="search-results",
            ),
        ),
        width="100%",
        spacing="2",
    )


def dashboard_page() -> rx.Component:
    return page(
        rx.grid(
            stat_card("صورت‌حساب پرداخت‌نشده", DashboardState.unpaid_count_fa, "file-text",
                      "/invoices?status=unpaid", "red", "card-unpaid"),
            stat_card("تیکت باز", DashboardState.open_tickets_fa, "message-circle", "/support",
                      "blue", "card-tickets", note="به‌زودی"),
            stat_card("پیش‌فاکتور", DashboardState.quotes_fa, "signature", "/quotes", "amber",
                      "card-quotes", note="به‌زودی"),
            stat_card("سرویس فعال", DashboardState.active_services_fa, "server", "/services", "green",
                      "card-services"),
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="3",
            width="100%",
        ),
        search_box(),
        debt_notice(),
        rx.cond(
            DashboardState.credit != "",
            rx.callout(rx.text("اعتبار حساب شما: ", rx.el.strong(DashboardState.credit, id="credit")),
                       icon="wallet", color_scheme="green", width="100%"),
        ),
        rx.heading("سرویس‌های شما", size="4", as_="h2"),
        rx.grid(
            rx.foreach(DashboardState.services, lambda s: service_item(s, level="h3")),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="3",
            width="100%",
        ),
        active="ناحیه کاربری",
        title="ناحیه کاربری",
    )
