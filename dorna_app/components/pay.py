"""Pay buttons: each starts ONE payment and sends the browser to the gateway."""

from __future__ import annotations

import reflex as rx

from dorna_app.state.payment import PayState


def pay_all_button() -> rx.Component:
    """The seed's red پرداخت همه: one click pays every unpaid invoice."""
    return rx.button(
        "پرداخت همه",
        color_scheme="red",
        size="3",
        cursor="pointer",
        loading=PayState.busy,
        on_click=PayState.pay_all,
        class_name="pay-all no-print",
    )


def pay_invoice_link(number: rx.Var) -> rx.Component:
    """The pay link of one unpaid invoice."""
    return rx.button(
        "پرداخت",
        variant="ghost",
        color_scheme="red",
        size="2",
        cursor="pointer",
        loading=PayState.busy,
        on_click=PayState.pay_invoice(number),
        class_name="pay-one no-print",
        data_number=number,
    )
