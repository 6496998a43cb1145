"""Invoices (صورت‌حساب‌ها): status filter with counts, sortable columns, paging, debt card.

A table on wide screens and one card per invoice on a phone, so nothing ever scrolls sideways.
"""

from __future__ import annotations

import reflex as rx

from dorna_app.components.cards import debt_card, invoice_status_badge
from dorna_app.components.pay import pay_all_button, pay_invoice_link
from dorna_app.components.shell import billing_sidebar, page
from dorna_app.labels import SORT_LABELS
from dorna_app.state.invoices import InvoicesState

DESKTOP = ["none", "none", "block"]
PHONE = ["block", "block", "none"]


def status_filter() -> rx.Component:
    """The sidebar's filter by status, each with its count (chips on a phone)."""
    return rx.card(
        rx.vstack(
            rx.text("فیلتر بر اساس وضعیت", weight="bold", size="3"),
            rx.flex(
                rx.foreach(
                    InvoicesState.filters,
                    lambda f: rx.link(
                        rx.hstack(
                            rx.text(f.label, size="2"),
                            rx.badge(f.count, variant=rx.cond(f.active, "solid", "soft"),
                                     radius="full", class_name="filter-count"),
                            justify="between",
                            align="center",
                            width="100%",
                            spacing="2",
                        ),
                        href=f.href,
                        underline="none",
                        color=rx.cond(f.active, rx.color("accent", 11), rx.color("gray", 12)),
                        font_weight=rx.cond(f.active, "600", "400"),
                        padding_x="10px",
                        padding_y="10px",
                        border_radius="8px",
                        aria_current=rx.cond(f.active, "page", "false"),
                        background=rx.cond(f.active, rx.color("accent", 3), "transparent"),
                        class_name="status-filter",
                        data_status=f.key,
                        min_width=["auto", "auto", "100%"],
                    ),
                ),
                direction=rx.breakpoints(initial="row", md="column"),
                wrap="wrap",
                spacing="1",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def sort_header(key: str) -> rx.Component:
    """A column title that sorts by it; screen readers hear the order from `aria-sort`, not the arrow."""
    return rx.table.column_header_cell(
        rx.link(
            SORT_LABELS[key], " ", rx.el.span(InvoicesState.sort_marks[key], aria_hidden="true"),
            href=InvoicesState.sort_links[key],
            underline="none",
            color=rx.color("gray", 12),
            class_name="sort-link",
            data_sort=key,
            display="inline-block",
            padding_y="10px",
        ),
        white_space="nowrap",
        aria_sort=InvoicesState.sort_aria[key],
        scope="col",
    )


def invoice_table() -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                *[sort_header(key) for key in ("number", "issued", "due", "total", "status")],
                rx.table.column_header_cell(rx.el.span("عملیات", class_name="visually-hidden"), scope="col"),
            )
        ),
        rx.table.body(
            rx.foreach(
                InvoicesState.rows,
                lambda row: rx.table.row(
                    rx.table.cell(rx.link(row.number_fa, href=row.href, weight="bold")),
                    rx.table.cell(row.issued),
                    rx.table.cell(row.due),
                    rx.table.cell(row.total, " تومان", white_space="nowrap"),
                    rx.table.cell(invoice_status_badge(row.status, row.status_label)),
                    rx.table.cell(
                        rx.cond(
                            row.status == "unpaid",
                            pay_invoice_link(row.number),
                            rx.link("مشاهده", href=row.href, aria_label=rx.Var.create("مشاهده صورت‌حساب ")
                                    + row.number_fa, display="inline-block", padding_y="10px"),
                        )
                    ),
                    class_name="invoice-row",
                    align="center",
                    data_number=row.number,
                    data_status=row.status,
                ),
            )
        ),
        variant="surface",
        width="100%",
    )


def invoice_cards() -> rx.Component:
    return rx.vstack(
        rx.foreach(
            InvoicesState.rows,
            lambda row: rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.link(rx.text("صورت‌حساب شماره ", row.number_fa, weight="bold"), href=row.href,
                                padding_y="10px"),
                        rx.spacer(),
                        invoice_status_badge(row.status, row.status_label),
                        width="100%",
                        align="center",
                    ),
                    rx.grid(
                        rx.text("تاریخ صورت‌حساب", size="2", color=rx.color("gray", 11)),
                        rx.text(row.issued, size="2"),
                        rx.text("تاریخ سررسید", size="2", color=rx.color("gray", 11)),
                        rx.text(row.due, size="2"),
                        rx.text("مبلغ کل", size="2", color=rx.color("gray", 11)),
                        rx.text(row.total, " تومان", size="2", weight="bold"),
                        columns="2",
                        spacing_y="1",
                        width="100%",
                    ),
                    rx.cond(
                        row.status == "unpaid",
                        rx.hstack(rx.spacer(), pay_invoice_link(row.number), width="100%"),
                    ),
                    spacing="2",
                    width="100%",
                ),
                width="100%",
                class_name="invoice-card",
                data_number=row.number,
                data_status=row.status,
            ),
        ),
        spacing="2",
        width="100%",
    )


def paging() -> rx.Component:
    return rx.flex(
        rx.text(InvoicesState.paging_text, size="2", id="paging-text", color=rx.color("gray", 11)),
        rx.hstack(
            rx.text("تعداد در صفحه:", size="2", color=rx.color("gray", 11)),
            rx.foreach(
                InvoicesState.size_links,
                lambda s: rx.link(
                    s.size, href=s.href, size="2",
                    weight=rx.cond(s.active, "bold", "regular"),
                    underline=rx.cond(s.active, "always", "hover"),
                    class_name="page-size",
                    aria_current=rx.cond(s.active, "true", "false"),
                    aria_label=rx.Var.create("نمایش ") + s.size + " مورد در هر صفحه",
                    min_width="44px",
                    min_height="44px",
                    display="inline-flex",
                    align_items="center",
                    justify_content="center",
                ),
            ),
            spacing="2",
            align="center",
        ),
        rx.hstack(
            rx.cond(
                InvoicesState.prev_href != "",
                rx.button(rx.link("قبلی", href=InvoicesState.prev_href, id="prev-page"), as_child=True,
                          variant="soft", size="3"),
                rx.button("قبلی", variant="soft", size="3", disabled=True),
            ),
            rx.cond(
                InvoicesState.next_href != "",
                rx.button(rx.link("بعدی", href=InvoicesState.next_href, id="next-page"), as_child=True,
                          variant="soft", size="3"),
                rx.button("بعدی", variant="soft", size="3", disabled=True),
            ),
            spacing="2",
        ),
        justify="between",
        align="center",
        wrap="wrap",
        spacing="3",
        width="100%",
        class_name="no-print",
    )


def invoices_page() -> rx.Component:
    return page(
        debt_card(InvoicesState.unpaid_count, InvoicesState.unpaid_count_fa, InvoicesState.unpaid_total,
                  pay_all_button()),
        rx.flex(
            rx.vstack(
                status_filter(),
                rx.box(billing_sidebar("صورت‌حساب‌ها"), display=DESKTOP, width="100%"),
                width=["100%", "100%", "260px"],
                flex_shrink="0",
                spacing="3",
            ),
            rx.vstack(
                rx.box(invoice_table(), display=DESKTOP, width="100%"),
                rx.box(invoice_cards(), display=PHONE, width="100%"),
                rx.cond(
                    InvoicesState.rows.length() == 0,
                    rx.callout("صورت‌حسابی با این وضعیت ندارید.", icon="info", width="100%"),
                ),
                paging(),
                spacing="3",
                width="100%",
                min_width="0",
            ),
            direction=rx.breakpoints(initial="column", md="row"),
            spacing="4",
            width="100%",
        ),
        active="مالی",
        title="صورت‌حساب‌ها",
    )
