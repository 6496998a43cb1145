"""Signed-in devices: where the account is open, and signing those out."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.icons import icon
from dorna_app.components.shell import page
from dorna_app.state.devices import DevicesState


def _device(d: rx.Var) -> rx.Component:
    return ui.card(
        ui.row(
            rx.el.span(icon("server", 20, "muted")),
            ui.stack(
                ui.row(ui.text(d.title, bold=True, as_="span", dir="auto"),
                       rx.cond(d.current, ui.badge("همین مرورگر", tone="green")), gap=2, wrap=True),
                ui.text("آخرین فعالیت: ", d.last_seen, " — نشانی ", rx.el.bdi(d.ip, dir="ltr"), size=2, muted=True),
                ui.text("ورود: ", d.signed_in, size=1, muted=True),
                gap=1,
                class_name="grow",
            ),
            rx.cond(~d.current, ui.button("خروج", variant="soft", tone="red", on_click=DevicesState.sign_out(d.id),
                                          aria_label="خروج این دستگاه: " + d.title, class_name="device-sign-out")),
            gap=3,
            wrap=True,
        ),
        class_name="device-row",
        data_current=rx.cond(d.current, "1", "0"),
    )


def devices_page() -> rx.Component:
    s = DevicesState
    return page(
        ui.text("مرورگرها و دستگاه‌هایی که با حساب شما وارد شده‌اند. دستگاهی را نمی‌شناسید؟ آن را بیرون کنید و "
                "رمز عبورتان را عوض کنید.", size=2, muted=True),
        rx.cond(
            s.loaded,
            ui.stack(rx.foreach(s.rows, _device), gap=2),
            ui.placeholder("ph-block"),
        ),
        rx.el.div(ui.button("خروج همه دستگاه‌های دیگر", variant="soft", tone="red", on_click=s.sign_out_others,
                            id="sign-out-others")),
        title="دستگاه‌های واردشده",
    )
