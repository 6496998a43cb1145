"""Cards and badges shared by the dashboard, invoices and services pages."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.icons import icon


def stat_card(label: str, value: rx.Var, icon_name: str, href: str, tone: str, card_id: str,
              loaded: rx.Var, note: str = "") -> rx.Component:
    """One of the dashboard's four counters, linking to its page (a note says when that page is not
    there yet). Until the figure arrives, a placeholder holds its place."""
    return ui.link(
        ui.card(
            ui.row(
                rx.el.span(icon(icon_name, 22), class_name=f"icon-tile tone-{tone}"),
                ui.stack(
                    ui.loaded_or(loaded, ui.text(value, size=7, bold=True, id=card_id, class_name="figure"),
                                 "ph-figure"),
                    ui.text(label, size=2, muted=True),
                    ui.text(note, size=1, muted=True) if note else rx.fragment(),
                    gap=1,
                ),
                gap=3,
            ),
        ),
        href=href,
        class_name="plain-link",
    )


def invoice_status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return ui.badge(
        label,
        tone=rx.match(status, ("paid", "green"), ("unpaid", "red"), ("cancelled", "gray"), ("refunded", "orange"),
                      "gray"),
    )


def service_status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return ui.badge(
        label,
        tone=rx.match(status, ("active", "green"), ("suspended", "red"), ("pending", "blue"), "gray"),
    )


def service_item(service: rx.Var, level: str = "h3") -> rx.Component:
    """A service in a list: name (the link), status, address and next due date with days left.

    Only the name is a link, so a screen reader hears a short link and the details as text. Call it
    from a lambda: `rx.foreach` would pass the row's index as `level`.
    """
    return ui.card(
        ui.stack(
            ui.row(
                icon("server", 18, "fg-indigo"),
                ui.heading(ui.link(service.name, href=service.href, class_name="service-link title-link"),
                           level=level, size=3),
                ui.spacer(),
                service_status_badge(service.status, service.status_label),
                gap=2,
            ),
            ui.text(service.plan, size=2, muted=True),
            ui.row(
                ui.text(service.hostname, size=2, muted=True, class_name="ltr-fragment"),
                ui.text(service.ip, size=2, muted=True, class_name="ltr-fragment"),
                gap=3,
                wrap=True,
            ),
            ui.row(
                ui.text("سررسید بعدی: ", size=2, muted=True),
                ui.text(service.due, size=2, class_name="medium"),
                ui.badge(service.due_phrase, tone=rx.cond(service.overdue, "red", "blue"), class_name="outline"),
                gap=2,
                wrap=True,
            ),
            rx.cond(
                service.status == "suspended",
                ui.text("معلق به دلیل ", service.reason, size=2, tone="red"),
            ),
            gap=2,
        ),
        class_name="service-card",
    )


def service_placeholders(count: int = 2) -> rx.Component:
    """Where the service cards go until they arrive."""
    return rx.fragment(*[ui.placeholder("ph-card") for _ in range(count)])


def debt_card(count: rx.Var, count_fa: rx.Var, total: rx.Var, pay_all: rx.Component,
              loaded: rx.Var) -> rx.Component:
    """«شما ۴ صورت‌حساب پرداخت‌نشده به مبلغ … تومان دارید» with the red pay-all button."""
    return rx.cond(
        loaded,
        rx.cond(
            count > 0,
            ui.callout(
                ui.row(
                    rx.el.p("شما ", count_fa, " صورت‌حساب پرداخت‌نشده به مبلغ ",
                            rx.el.strong(total, class_name="debt-total"), " دارید.", class_name="t3"),
                    pay_all,
                    between=True,
                    wrap=True,
                    gap=3,
                ),
                tone="red",
                class_name="debt-card",
            ),
            ui.callout("صورت‌حساب پرداخت‌نشده‌ای ندارید.", tone="green", icon_name="circle-check",
                       class_name="debt-card"),
        ),
        ui.placeholder("ph-debt"),
    )


def message_card(icon_name: str, title: str, text: str, back_label: str, back_href: str,
                 title_id: str, level: str = "h1") -> rx.Component:
    """A centred card for "not found" and "coming soon": what happened, and the way back (its title is
    the page's h1 unless the page has its own)."""
    return ui.card(
        rx.el.div(
            icon(icon_name, 36, "muted"),
            ui.heading(title, level=level, size=5, id=title_id),
            ui.text(text) if text else rx.fragment(),
            ui.link_button(back_label, href=back_href),
            class_name="stack g3 center",
        ),
        roomy=True,
    )
