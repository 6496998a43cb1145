"""Cards and badges shared by the dashboard, invoices and services pages."""

from __future__ import annotations

import reflex as rx


def stat_card(label: str, value: rx.Var, icon: str, href: str, color: str, card_id: str,
              note: str = "") -> rx.Component:
    """One of the dashboard's four counters, linking to its page (a note says when that page is not
    there yet)."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.box(
                    rx.icon(icon, size=22, color="white", aria_hidden="true"),
                    background=rx.color(color, 11),
                    border_radius="10px",
                    padding="10px",
                    line_height="0",
                ),
                rx.vstack(
                    rx.text(value, size="7", weight="bold", id=card_id, line_height="1"),
                    rx.text(label, size="2", color=rx.color("gray", 11)),
                    rx.text(note, size="1", color=rx.color("gray", 11)) if note else rx.fragment(),
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
        high_contrast=True,
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
        high_contrast=True,
        size="2",
        white_space="nowrap",
    )


def service_item(service: rx.Var, level: str = "h3") -> rx.Component:
    """A service in a list: name (the link), status, address and next due date with days left.

    Only the name is a link, so a screen reader hears a short link and the details as text. Call it
    from a lambda: `rx.foreach` would pass the row's index as `level`.
    """
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("server", size=18, color=rx.color("accent", 11), aria_hidden="true"),
                rx.heading(
                    rx.link(service.name, href=service.href, color=rx.color("gray", 12),
                            underline="hover", class_name="service-link"),
                    size="3", as_=level, weight="bold",
                ),
                rx.spacer(),
                service_status_badge(service.status, service.status_label),
                align="center",
                width="100%",
                spacing="2",
            ),
            rx.text(service.plan, size="2", color=rx.color("gray", 11)),
            rx.hstack(
                rx.text(service.hostname, size="2", class_name="ltr-fragment", color=rx.color("gray", 11)),
                rx.text(service.ip, size="2", class_name="ltr-fragment", color=rx.color("gray", 11)),
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
                    high_contrast=True,
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
        class_name="service-card",
    )


def debt_card(count: rx.Var, count_fa: rx.Var, total: rx.Var, pay_all: rx.Component) -> rx.Component:
    """«شما ۴ صورت‌حساب پرداخت‌نشده به مبلغ … تومان دارید» with the red pay-all button."""
    return rx.cond(
        count > 0,
        rx.callout.root(
            rx.flex(
                rx.callout.text(
                    "شما ", count_fa, " صورت‌حساب پرداخت‌نشده به مبلغ ",
                    rx.el.strong(total, class_name="debt-total"),
                    " دارید.",
                    color=rx.color("red", 12),
                ),
                pay_all,
                justify="between",
                align="center",
                spacing="3",
                wrap="wrap",
                width="100%",
            ),
            color_scheme="red",
            width="100%",
            class_name="debt-card",
        ),
        rx.callout("صورت‌حساب پرداخت‌نشده‌ای ندارید.", icon="circle-check", color_scheme="green",
                   width="100%", class_name="debt-card"),
    )


def message_card(icon: str, title: str, text: str, back_label: str, back_href: str, title_id: str) -> rx.Component:
    """A centred card for "not found" and "coming soon": what happened, and the way back."""
    return rx.card(
        rx.vstack(
            rx.icon(icon, size=36, color=rx.color("gray", 10), aria_hidden="true"),
            rx.heading(title, size="5", id=title_id),
            rx.text(text) if text else rx.fragment(),
            rx.button(rx.link(back_label, href=back_href), as_child=True, variant="soft", size="3"),
            align="center",
            spacing="3",
            padding="24px",
        ),
        width="100%",
    )
