"""Pay buttons: each starts ONE payment and sends the browser to the gateway."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.state.payment import PayState


def pay_all_button() -> rx.Component:
    """The seed's red پرداخت همه: one click pays every unpaid invoice."""
    return red_button("پرداخت همه", loading=PayState.busy, on_click=PayState.pay_all, class_name="pay-all no-print")


def pay_invoice_link(number: rx.Var) -> rx.Component:
    """The pay button of one unpaid invoice."""
    return ui.button(
        "پرداخت",
        variant="soft",
        tone="red",
        aria_label=rx.Var.create("پرداخت صورت‌حساب ") + number,
        loading=PayState.busy,
        on_click=PayState.pay_invoice(number),
        class_name="pay-one no-print",
        data_number=number,
    )


def red_button(label: str, **props) -> rx.Component:
    """A red action button whose white text keeps 4.5:1 contrast (red-11, not red-9's 3.9:1)."""
    return ui.button(label, tone="red", **props)
