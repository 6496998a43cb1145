"""Invoices (صورت‌حساب‌ها): status filter with counts, sortable columns, paging, debt card.

A table on wide screens and one card per invoice on a phone, so nothing ever scrolls sideways.
Filter, sort and page links are real links (open in a new tab, shareable), but a click changes the
list in place with one event and then writes the URL (components/url.py).
"""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.cards import debt_card, invoice_status_badge
from dorna_app.components.pay import pay_all_button, pay_invoice_link
from dorna_app.components.shell import billing_sidebar, page
from dorna_app.components.url import url_sync
from dorna_app.labels import SORT_LABELS
from dorna_app.state.invoices import InvoicesState


def in_page_link(*children, href: rx.Var, **props) -> rx.Component:
    """A link to another view of this list: followed in place, its address still a real one."""
    return rx.el.a(*children, href=href, on_click=[rx.prevent_default, InvoicesState.show(href)], **props)


def status_filter() -> rx.Component:
    """The sidebar's filter by status, each with its count (chips on a phone)."""
    return ui.card(
        ui.stack(
            ui.text("فیلتر بر اساس وضعیت", bold=True),
            rx.el.div(
                rx.foreach(
                    InvoicesState.filters,
                    lambda f: in_page_link(
                        rx.el.span(f.label),
                        ui.badge(f.count, tone="indigo", solid=f.active, class_name="filter-count"),
                        href=f.href,
                        aria_current=rx.cond(f.active, "page", "false"),
                        class_name="status-filter",
                        data_status=f.key,
                    ),
                ),
                class_name="filters",
            ),
            gap=2,
        ),
    )


def sort_header(key: str) -> rx.Component:
    """A column title that sorts by it; screen readers hear the order from `aria-sort`, not the arrow."""
    return rx.el.th(
        in_page_link(
            SORT_LABELS[key], " ", rx.el.span(InvoicesState.sort_marks[key], aria_hidden="true"),
            href=InvoicesState.sort_links[key],
            class_name="sort-link",
            data_sort=key,
        ),
        aria_sort=InvoicesState.sort_aria[key],
        scope="col",
    )


def invoice_table() -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    *[sort_header(key) for key in ("number", "issued", "due", "total", "status")],
                    rx.el.th(rx.el.span("عملیات", class_name="visually-hidden"), scope="col"),
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    InvoicesState.rows,
                    lambda row: rx.el.tr(
                        rx.el.td(ui.link(row.number_fa, href=row.href, class_name="bold")),
                        rx.el.td(row.issued),
                        rx.el.td(row.due),
                        rx.el.td(row.total, " تومان", class_name="nowrap"),
                        rx.el.td(invoice_status_badge(row.status, row.status_label)),
                        rx.el.td(
                            rx.cond(
                                row.status == "unpaid",
                                pay_invoice_link(row.number),
                                ui.link("مشاهده", href=row.href, class_name="cell-link",
                                        aria_label=rx.Var.create("مشاهده صورت‌حساب ") + row.number_fa),
                            )
                        ),
                        class_name="invoice-row",
                        data_number=row.number,
                        data_status=row.status,
                    ),
                )
            ),
            class_name="table",
        ),
        class_name="table-wrap",
    )


def invoice_cards() -> rx.Component:
    return ui.stack(
        rx.foreach(
            InvoicesState.rows,
            lambda row: ui.card(
                ui.stack(
                    ui.row(
                        ui.link("صورت‌حساب شماره ", row.number_fa, href=row.href, class_name="bold card-title"),
                        ui.spacer(),
                        invoice_status_badge(row.status, row.status_label),
                    ),
                    rx.el.dl(
                        rx.el.dt("تاریخ صورت‌حساب"), rx.el.dd(row.issued),
                        rx.el.dt("تاریخ سررسید"), rx.el.dd(row.due),
                        rx.el.dt("مبلغ کل"), rx.el.dd(row.total, " تومان", class_name="bold"),
                        class_name="pairs",
                    ),
                    rx.cond(
                        row.status == "unpaid",
                        ui.row(ui.spacer(), pay_invoice_link(row.number)),
                    ),
                    gap=2,
                ),
                class_name="invoice-card",
                data_number=row.number,
                data_status=row.status,
            ),
        ),
        gap=2,
    )


def paging() -> rx.Component:
    def step(label: str, href: rx.Var, step_id: str) -> rx.Component:
        return rx.cond(
            href != "",
            in_page_link(label, href=href, id=step_id, class_name="btn btn-soft tone-indigo"),
            rx.el.button(label, type="button", disabled=True, class_name="btn btn-soft tone-gray"),
        )

    return ui.row(
        ui.text(InvoicesState.paging_text, size=2, muted=True, id="paging-text"),
        ui.row(
            ui.text("تعداد در صفحه:", size=2, muted=True),
            rx.foreach(
                InvoicesState.size_links,
                lambda s: in_page_link(
                    s.size, href=s.href,
                    class_name="page-size",
                    aria_current=rx.cond(s.active, "true", "false"),
                    aria_label=rx.Var.create("نمایش ") + s.size + " مورد در هر صفحه",
                ),
            ),
            gap=2,
        ),
        ui.row(step("قبلی", InvoicesState.prev_href, "prev-page"), step("بعدی", InvoicesState.next_href, "next-page"),
               gap=2),
        between=True,
        wrap=True,
        gap=3,
        class_name="no-print",
    )


def invoices_page() -> rx.Component:
    loaded = InvoicesState.loaded
    return page(
        url_sync(InvoicesState.url),
        debt_card(InvoicesState.unpaid_count, InvoicesState.unpaid_count_fa, InvoicesState.unpaid_total,
                  pay_all_button(), loaded),
        rx.el.div(
            ui.stack(
                rx.cond(loaded, status_filter(), ui.placeholder("ph-filter")),
                rx.el.div(billing_sidebar("صورت‌حساب‌ها"), class_name="desktop-only"),
                gap=3,
                class_name="md-side",
            ),
            ui.stack(
                rx.cond(
                    loaded,
                    rx.fragment(
                        rx.el.div(invoice_table(), class_name="desktop-only"),
                        rx.el.div(invoice_cards(), class_name="phone-only"),
                        rx.cond(
                            InvoicesState.rows.length() == 0,
                            ui.callout("صورت‌حسابی با این وضعیت ندارید.", icon_name="info"),
                        ),
                        paging(),
                    ),
                    ui.placeholder("ph-list"),
                ),
                gap=3,
            ),
            class_name="layout md-row",
        ),
        active="مالی",
        title="صورت‌حساب‌ها",
    )
