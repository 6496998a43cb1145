"""Quotes (پیش‌فاکتورها): each offer with its lines, total and validity; accept or decline."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.shell import billing_sidebar, page
from dorna_app.state.quotes import QuotesState


def _quote(q: rx.Var) -> rx.Component:
    return ui.card(
        ui.stack(
            ui.row(
                ui.heading("پیش‌فاکتور شماره ", q.number_fa, level="h2", size=4, class_name="grow"),
                ui.badge(q.status_label, tone=rx.match(q.status, ("delivered", "blue"), ("accepted", "green"),
                                                       ("declined", "gray"), "red")),
                gap=2,
                wrap=True,
            ),
            ui.text(q.subject, bold=True),
            ui.stack(
                rx.foreach(q.lines, lambda line: ui.row(ui.text(line.description, class_name="grow"),
                                                       ui.text(line.amount, class_name="nowrap medium"),
                                                       between=True, gap=3, top=True)),
                gap=2,
            ),
            rx.el.hr(class_name="divider"),
            ui.row(ui.text("مبلغ کل", bold=True), ui.text(q.total, bold=True, size=4), between=True),
            rx.cond(q.vat_note != "", ui.text(q.vat_note, size=2, muted=True, class_name="quote-vat")),
            ui.text("اعتبار تا ", q.valid_until, size=2, muted=True),
            rx.cond(
                q.can_answer,
                ui.row(
                    ui.button("پذیرفتن و صدور صورت‌حساب", on_click=QuotesState.accept(q.id), class_name="accept-quote"),
                    ui.button("رد", variant="soft", tone="gray", on_click=QuotesState.decline(q.id),
                              class_name="decline-quote"),
                    gap=3,
                    wrap=True,
                ),
            ),
            rx.cond(q.invoice_href != "", ui.link_button("مشاهده و پرداخت صورت‌حساب", href=q.invoice_href)),
            gap=3,
        ),
        class_name="quote-card",
        data_status=q.status,
    )


def quotes_page() -> rx.Component:
    return page(
        rx.el.div(
            rx.el.div(billing_sidebar("پیش‌فاکتورها"), class_name="desktop-only md-side"),
            ui.stack(
                rx.cond(
                    QuotesState.loaded,
                    rx.cond(QuotesState.rows.length() > 0, ui.stack(rx.foreach(QuotesState.rows, _quote), gap=3),
                            ui.callout("پیش‌فاکتوری برای شما صادر نشده است.", icon_name="info")),
                    ui.placeholder("ph-block"),
                ),
                gap=3,
            ),
            class_name="layout md-row",
        ),
        active="مالی",
        title="پیش‌فاکتورها",
    )
