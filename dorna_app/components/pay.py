"""Pay buttons. Until online payment is wired, they lead to the unpaid invoices."""

from __future__ import annotations

import reflex as rx


def pay_all_button() -> rx.Component:
    """The seed's red پرداخت همه: one click pays every unpaid invoice."""
    return rx.link(
        rx.button("پرداخت همه", color_scheme="red", size="3", cursor="pointer", class_name="pay-all"),
        href="/invoices?status=unpaid",
        class_name="no-print",
    )


def pay_invoice_link(number: rx.Var) -> rx.Component:
    """The pay link of one unpaid invoice."""
    return rx.link("پرداخت", href="/invoices/" + number, color=rx.color("red", 11), weight="medium",
                   class_name="pay-one no-print")
