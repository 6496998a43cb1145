"""One invoice: number, dates, status, line items, total; payment details once paid; A4 print view."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.cards import invoice_status_badge, message_card
from dorna_app.components.pay import red_button
from dorna_app.components.shell import BRAND, page
from dorna_app.state.invoice import InvoiceState
from dorna_app.state.payment import PayState


def _field(label: str, value: rx.Var, field_id: str = "") -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", color=rx.color("gray", 11)),
        rx.text(value, size="3", weight="medium", id=field_id or None),
        spacing="1",
    )


def not_found() -> rx.Component:
    return message_card("file-x", "صورت‌حساب پیدا نشد", "صورت‌حسابی با این شماره در حساب شما وجود ندارد.",
                        "بازگشت به صورت‌حساب‌ها", "/invoices", "invoice-not-found")


def print_identity() -> rx.Component:
    """Seller and buyer on the printed page (hidden on screen): who issued it and to whom."""
    return rx.box(
        rx.flex(
            rx.vstack(
                rx.hstack(rx.icon("server-cog", size=28, color=BRAND, aria_hidden="true"),
                          rx.text(InvoiceState.seller_name, size="5", weight="bold", color=BRAND), align="center"),
                rx.text(rx.el.bdi(InvoiceState.seller_web), size="2"),
                rx.text(rx.el.bdi(InvoiceState.seller_email), size="2"),
                spacing="1",
            ),
            rx.vstack(
                rx.text("خریدار", size="2", color=rx.color("gray", 11)),
                rx.text(InvoiceState.buyer_name, weight="bold"),
                rx.text(rx.el.bdi(InvoiceState.buyer_email), size="2"),
                rx.cond(InvoiceState.buyer_mobile != "", rx.text(InvoiceState.buyer_mobile, size="2")),
                spacing="1",
                align="end",
            ),
            justify="between",
            width="100%",
        ),
        class_name="print-only",
        width="100%",
        padding_bottom="12px",
        margin_bottom="12px",
        border_bottom="2px solid #0b3d91",
    )


def invoice_view() -> rx.Component:
    return rx.card(
        rx.vstack(
            print_identity(),
            rx.flex(
                rx.heading("صورت‌حساب شماره ", InvoiceState.number_fa, size="6", as_="h1", id="invoice-title"),
                invoice_status_badge(InvoiceState.status, InvoiceState.status_label),
                justify="between",
                align="center",
                width="100%",
                spacing="3",
            ),
            rx.grid(
                _field("تاریخ صورت‌حساب", InvoiceState.issued),
                _field("تاریخ سررسید", InvoiceState.due),
                rx.cond(InvoiceState.paid_at != "", _field("تاریخ پرداخت", InvoiceState.paid_at, "paid-at")),
                rx.cond(InvoiceState.ref_id != "", _field("شماره پیگیری", InvoiceState.ref_id, "ref-id")),
                columns=rx.breakpoints(initial="2", md="4"),
                spacing="4",
                width="100%",
            ),
            rx.divider(),
            rx.vstack(
                rx.foreach(
                    InvoiceState.lines,
                    lambda line: rx.flex(
                        rx.vstack(
                            rx.cond(
                                line.service_href != "",
                                rx.link(line.description, href=line.service_href),
                                rx.text(line.description),
                            ),
                            rx.cond(line.period != "",
                                    rx.text("دوره: ", line.period, size="2", color=rx.color("gray", 11))),
                            spacing="1",
                            flex="1",
                            min_width="0",
                        ),
                        rx.text(line.amount, white_space="nowrap", weight="medium"),
                        justify="between",
                        align="start",
                        spacing="3",
                        width="100%",
                        class_name="invoice-line",
                    ),
                ),
                spacing="3",
                width="100%",
            ),
            rx.divider(),
            rx.hstack(
                rx.text("مبلغ کل", weight="bold", size="4"),
                rx.spacer(),
                rx.text(InvoiceState.total, weight="bold", size="5", id="invoice-total"),
                width="100%",
                align="center",
            ),
            rx.flex(
                rx.cond(
                    InvoiceState.status == "unpaid",
                    red_button("پرداخت آنلاین", id="pay-invoice", loading=PayState.busy,
                               on_click=PayState.pay_invoice(InvoiceState.number)),
                ),
                rx.button(rx.icon("printer", size=16, aria_hidden="true"), "چاپ", variant="soft", size="3",
                          cursor="pointer", custom_attrs={"data-print": "invoice"}, id="print-invoice"),
                rx.button(rx.link("همه صورت‌حساب‌ها", href="/invoices"), as_child=True, variant="soft",
                          color_scheme="gray", size="3"),
                spacing="3",
                wrap="wrap",
                class_name="no-print",
            ),
            spacing="4",
            width="100%",
        ),
        width="100%",
        size="3",
    )


def invoice_page() -> rx.Component:
    return page(
        rx.cond(InvoiceState.found, invoice_view(), not_found()),
        active="مالی",
    )
