"""Cards and badges shared by the dashboard, invoices and services pages."""

from __future__ import annotations

import reflex as rx


def stat_card(label: str, value: rx.Var, icon: str, href: str, color: str, card_id: str) -> rx.Component:
    """One of the dashboard's four counters, linking to its page."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.box(
                    rx.icon(icon, size=22, color="white"),
                    background=rx.color(color, 9),
                    border_radius="10px",
                    padding="10px",
                    line_height="0",
                ),
                rx.vstack(
                    rx.text(value, size="7", weight="bold", id=card_id, line_height="1"),
                    rx.text(label, size="2", color=rx.color("gray", 11)),
                    spacing="1",
                ),
                spacing="3",
                align="center",
            ),
            width="100%",
            _hover={"box_shadow": "0 2px 10px rgba(0,0,0,0.08)"},
        ),
        href=href,
        underline="none",
        color="inherit",
        width="100%",
    )


def invoice_status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(
        label,
        color_scheme=rx.match(
            status,
            ("paid", "green"),
            ("unpaid", "red"),
            ("cancelled", "gray"),
            ("refunded", "orange"),
            "gray",
        ),
        variant="soft",
        size="2",
        white_space="nowrap",
    )


def service_status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(
        label,
        color_scheme=rx.match(
            status,
            ("active", "green"),
            ("suspended", "red"),
            ("pending", "blue"),
            "gray",
        ),
        variant="soft",
        size="2",
        white_space="nowrap",
    )


def service_item(service: rx.Var) -> rx.Component:
    """A service in a list: name, status, address and next due date with days left."""
    return rx.link(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.icon("server", size=18, color=rx.color("accent", 10)),
                    rx.text(service.name, weight="bold", size="3"),
                    rx.spacer(),
                    service_status_badge(service.status, service.status_label),
                    align="center",
                    width="100%",
                    spacing="2",
                ),
                rx.hstack(
                    rx.text(service.hostname, size="2", dir="ltr", color=rx.color("gray", 11)),
                    rx.text(service.ip, size="2", dir="ltr", color=rx.color("gray", 11)),
                    spacing="3",
                    wrap="wrap",
                ),
                rx.hstack(
                    rx.text("سررسید بعدی: ", size="2", color=rx.color("gray", 11)),
                    rx.text(service.due, size="2", weight="medium"),
                    rx.badge(
                        service.due_phrase,
                        color_scheme=rx.cond(service.overdue, "red", "blue"),
                        variant="surface",
                    ),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(
                    service.status == "suspended",
                    rx.text(
                        "معلق به دلیل ", service.reason,
                        size="2", color=rx.color("red", 11),
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        href=service.href,
        underline="none",
        color="inherit",
        width="100%",
    )


def debt_card(count: rx.Var, count_fa: rx.Var, total: rx.Var, pay_all: rx.Component) -> rx.Component:
    """«شما ۴ صورت حساب پرداخت نشده با میزان بدهی … تومان دارید» with the red pay-all button."""
    return rx.cond(
        count > 0,
        rx.callout.root(
            rx.flex(
                rx.callout.text(
                    "شما ", count_fa, " صورت حساب پرداخت نشده با میزان بدهی ",
                    rx.el.strong(total, class_name="debt-total"),
                    " دارید.",
                ),
                pay_all,
                justify="between",
                align="center",
                gap="3",
                wrap="wrap",
                width="100%",
            ),
            color_scheme="red",
            width="100%",
            class_name="debt-card",
        ),
        rx.callout("صورتحساب پرداخت نشده‌ای ندارید.", icon="circle-check", color_scheme="green",
                   width="100%", class_name="debt-card"),
    )


def message_card(icon: str, title: str, text: str, back_label: str, back_href: str, title_id: str) -> rx.Component:
    """A centred card for "not found" and "coming soon": what happened, and the way back."""
    return rx.card(
        rx.vstack(
            rx.icon(icon, size=36, color=rx.color("gray", 9)),
            rx.heading(title, size="5", id=title_id),
            rx.text(text) if text else rx.fragment(),
            rx.link(rx.button(back_label, variant="soft"), href=back_href),
            align="center",
            spacing="3",
            padding="24px",
        ),
        width="100%",
    )
