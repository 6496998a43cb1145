"""Dashboard (ناحیه کاربری): four live counters, the debt notice, search and the services."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.cards import (
    debt_card,
    invoice_status_badge,
    service_item,
    service_placeholders,
    stat_card,
)
from dorna_app.components.icons import icon
from dorna_app.components.pay import pay_all_button
from dorna_app.components.shell import page
from dorna_app.state.dashboard import DashboardState


def search_box() -> rx.Component:
    return ui.stack(
        rx.el.div(
            icon("search"),
            rx.el.input(
                type="search",
                placeholder="جستجو: شماره صورت‌حساب، نام سرویس یا IP",
                aria_label="جستجو در صورت‌حساب‌ها و سرویس‌ها",
                default_value=DashboardState.query,
                on_change=DashboardState.set_query.debounce(300),
                class_name="input",
                id="dashboard-search",
                max_length=100,
            ),
            class_name="input-icon",
        ),
        rx.cond(
            DashboardState.searched,
            ui.card(
                ui.stack(
                    rx.foreach(
                        DashboardState.found_invoices,
                        lambda inv: ui.link(
                            ui.row(
                                icon("file-text"),
                                rx.el.span("صورت‌حساب شماره ", inv.number_fa),
                                rx.el.span(inv.total, " تومان", class_name="muted"),
                                ui.spacer(),
                                invoice_status_badge(inv.status, inv.status_label),
                                gap=2,
                            ),
                            href=inv.href,
                            class_name="plain-link",
                        ),
                    ),
                    rx.foreach(
                        DashboardState.found_services,
                        lambda s: ui.link(
                            ui.row(
                                icon("server"),
                                rx.el.span(s.name),
                                rx.el.span(s.ip, class_name="ltr-fragment muted"),
                                gap=2,
                            ),
                            href=s.href,
                            class_name="plain-link",
                        ),
                    ),
                    rx.cond(
                        (DashboardState.found_invoices.length() == 0)
                        & (DashboardState.found_services.length() == 0),
                        ui.text("چیزی پیدا نشد.", muted=True, id="search-empty"),
                    ),
                    gap=2,
                ),
                id="search-results",
            ),
        ),
        gap=2,
    )


def dashboard_page() -> rx.Component:
    loaded = DashboardState.loaded
    return page(
        rx.el.div(
            stat_card("صورت‌حساب پرداخت‌نشده", DashboardState.unpaid_count_fa, "file-text",
                      "/invoices?status=unpaid", "red", "card-unpaid", loaded),
            stat_card("تیکت باز", DashboardState.open_tickets_fa, "message-circle", "/support",
                      "blue", "card-tickets", loaded),
            stat_card("پیش‌فاکتور در انتظار پاسخ", DashboardState.quotes_fa, "signature", "/quotes", "amber",
                      "card-quotes", loaded),
            stat_card("سرویس فعال", DashboardState.active_services_fa, "server", "/services", "green",
                      "card-services", loaded),
            class_name="grid cols-2 md-cols-4",
        ),
        search_box(),
        debt_card(DashboardState.unpaid_count, DashboardState.unpaid_count_fa, DashboardState.unpaid_total,
                  pay_all_button(), loaded),
        rx.cond(
            DashboardState.credit != "",
            ui.callout("اعتبار حساب شما: ", rx.el.strong(DashboardState.credit, id="credit"),
                       icon_name="wallet", tone="green"),
        ),
        ui.heading("سرویس‌های شما", level="h2", size=4),
        rx.el.div(
            rx.cond(
                loaded,
                rx.foreach(DashboardState.services, lambda s: service_item(s, level="h3")),
                service_placeholders(),
            ),
            class_name="grid md-cols-2",
        ),
        active="ناحیه کاربری",
        title="ناحیه کاربری",
    )
