"""One invoice: number, dates, status, line items, total; payment details once paid; A4 print view."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.cards import invoice_status_badge, message_card
from dorna_app.components.icons import icon
from dorna_app.components.pay import red_button
from dorna_app.components.shell import page
from dorna_app.state.invoice import InvoiceState
from dorna_app.state.payment import PayState


def _field(label: str, value: rx.Var, field_id: str = "") -> rx.Component:
    return ui.stack(
        ui.text(label, size=2, muted=True),
        ui.text(value, class_name="medium", id=field_id or None),
        gap=1,
    )


def not_found() -> rx.Component:
    return message_card("file-x", "صورت‌حساب پیدا نشد", "صورت‌حسابی با این شماره در حساب شما وجود ندارد.",
                        "بازگشت به صورت‌حساب‌ها", "/invoices", "invoice-not-found")


def print_identity() -> rx.Component:
    """Seller and buyer on the printed page (hidden on screen): who issued it and to whom."""
    return rx.el.div(
        ui.row(
            ui.stack(
                ui.row(icon("server-cog", 28, "fg-brand"),
                       ui.text(InvoiceState.seller_name, size=5, bold=True, tone="brand")),
                ui.text(rx.el.bdi(InvoiceState.seller_web), size=2),
                ui.text(rx.el.bdi(InvoiceState.seller_email), size=2),
                gap=1,
            ),
            ui.stack(
                ui.text("خریدار", size=2, muted=True),
                ui.text(InvoiceState.buyer_name, bold=True),
                ui.text(rx.el.bdi(InvoiceState.buyer_email), size=2),
                rx.cond(InvoiceState.buyer_mobile != "", ui.text(InvoiceState.buyer_mobile, size=2)),
                gap=1,
                class_name="end",
            ),
            between=True,
            top=True,
        ),
        class_name="print-only print-identity",
    )


def invoice_view() -> rx.Component:
    return ui.card(
        ui.stack(
            print_identity(),
            ui.row(
                ui.heading("صورت‌حساب شماره ", InvoiceState.number_fa, level="h1", size=6, id="invoice-title"),
                invoice_status_badge(InvoiceState.status, InvoiceState.status_label),
                between=True,
                gap=3,
            ),
            rx.el.div(
                _field("تاریخ صورت‌حساب", InvoiceState.issued),
                _field("تاریخ سررسید", InvoiceState.due),
                rx.cond(InvoiceState.paid_at != "", _field("تاریخ پرداخت", InvoiceState.paid_at, "paid-at")),
                rx.cond(InvoiceState.ref_id != "", _field("شماره پیگیری", InvoiceState.ref_id, "ref-id")),
                class_name="grid cols-2 md-cols-4",
            ),
            rx.el.hr(class_name="divider"),
            ui.stack(
                rx.foreach(
                    InvoiceState.lines,
                    lambda line: ui.row(
                        ui.stack(
                            rx.cond(
                                line.service_href != "",
                                ui.link(line.description, href=line.service_href),
                                rx.el.p(line.description),
                            ),
                            rx.cond(line.period != "", ui.text("دوره: ", line.period, size=2, muted=True)),
                            gap=1,
                            class_name="grow",
                        ),
                        ui.text(line.amount, class_name="medium nowrap"),
                        between=True,
                        top=True,
                        gap=3,
                        class_name="invoice-line",
                    ),
                ),
                gap=3,
            ),
            rx.el.hr(class_name="divider"),
            rx.cond(
                InvoiceState.vat != "",
                ui.stack(
                    ui.row(ui.text("جمع", muted=True), ui.text(InvoiceState.subtotal, id="invoice-subtotal"),
                           between=True),
                    ui.row(ui.text(InvoiceState.vat_label, muted=True), ui.text(InvoiceState.vat, id="invoice-vat"),
                           between=True),
                    gap=2,
                ),
            ),
            ui.row(
                ui.text("مبلغ کل", size=4, bold=True),
                ui.text(InvoiceState.total, size=5, bold=True, id="invoice-total"),
                between=True,
            ),
            ui.row(
                rx.cond(
                    InvoiceState.status == "unpaid",
                    red_button("پرداخت آنلاین", id="pay-invoice", loading=PayState.busy,
                               on_click=PayState.pay_invoice(InvoiceState.number)),
                ),
                ui.download_link(icon("file-down"), "صورت‌حساب رسمی (PDF)", href=InvoiceState.pdf_href,
                                 class_name="btn btn-soft tone-indigo", id="invoice-pdf"),
                ui.button(icon("printer"), "چاپ", variant="soft", id="print-invoice",
                          custom_attrs={"data-print": "invoice"}),
                ui.link_button("همه صورت‌حساب‌ها", href="/invoices", tone="gray"),
                gap=3,
                wrap=True,
                class_name="no-print",
            ),
            gap=4,
        ),
        roomy=True,
    )


def invoice_page() -> rx.Component:
    return page(
        rx.cond(
            InvoiceState.loaded,
            rx.cond(InvoiceState.found, invoice_view(), not_found()),
            ui.placeholder("ph-block"),
        ),
        active="مالی",
    )
