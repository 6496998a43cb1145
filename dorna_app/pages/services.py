"""Services (سرویس‌ها): the list, and one service with its status, address, price and invoices."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.cards import (
    invoice_status_badge,
    message_card,
    service_item,
    service_placeholders,
    service_status_badge,
)
from dorna_app.components.icons import icon
from dorna_app.components.shell import page
from dorna_app.state.services import ServicesState, ServiceState


def services_page() -> rx.Component:
    return page(
        rx.cond(
            ServicesState.loaded,
            rx.cond(
                ServicesState.services.length() > 0,
                rx.el.div(
                    rx.foreach(ServicesState.services, lambda s: service_item(s, level="h2")),
                    class_name="grid md-cols-2",
                ),
                ui.callout("هنوز سرویسی ندارید.", icon_name="info"),
            ),
            rx.el.div(service_placeholders(), class_name="grid md-cols-2"),
        ),
        active="سرویس‌ها",
        title="سرویس‌ها",
    )


def _row(label: str, *value: rx.Component | rx.Var | str, value_id: str = "", latin: bool = False) -> rx.Component:
    return ui.row(
        ui.text(label, size=2, muted=True),
        ui.text(*value, class_name="medium ltr-fragment" if latin else "medium", id=value_id or None),
        between=True,
        gap=3,
    )


def service_detail() -> rx.Component:
    s = ServiceState.service
    return ui.stack(
        ui.card(
            ui.stack(
                ui.row(
                    ui.heading(s.name, level="h1", size=5),
                    service_status_badge(s.status, s.status_label),
                    between=True,
                    gap=3,
                ),
                rx.cond(
                    s.status == "suspended",
                    ui.callout("این سرویس به دلیل ", s.reason, " معلق شده است. با پرداخت صورت‌حساب، ",
                               rx.cond(ServiceState.power != "",
                                       "سرویس خودکار فعال و سرور روشن می‌شود.",
                                       "سرویس خودکار فعال می‌شود؛ پس از آن سرور را یک بار راه‌اندازی مجدد کنید."),
                               icon_name="triangle-alert", tone="red"),
                ),
                _row("پلن", s.plan),
                _row("نام میزبان", s.hostname, latin=True),
                _row("آدرس IP", s.ip, latin=True),
                _row("مبلغ هر دوره", s.price, " (", s.cycle, ")", s.vat_note),
                _row("سررسید بعدی", s.due, " — ", s.due_phrase, value_id="service-due"),
                rx.cond(ServiceState.power != "", _power_panel()),
                rx.el.div(ui.link_button(icon("message-square-plus"), "تیکت درباره این سرویس",
                                         href=ServiceState.ticket_href, id="service-ticket")),
                gap=3,
            ),
            roomy=True,
        ),
        ui.heading("صورت‌حساب‌های این سرویس", level="h2", size=4),
        ui.stack(
            rx.foreach(
                ServiceState.invoices,
                lambda row: ui.link(
                    ui.card(
                        ui.row(
                            ui.text("شماره ", row.number_fa, bold=True, as_="span"),
                            ui.text(row.due, size=2, as_="span"),
                            ui.text(row.total, " تومان", size=2, as_="span"),
                            invoice_status_badge(row.status, row.status_label),
                            between=True,
                            wrap=True,
                            gap=2,
                        ),
                    ),
                    href=row.href,
                    class_name="plain-link",
                ),
            ),
            gap=2,
        ),
        gap=4,
    )


def _power_panel() -> rx.Component:
    """The server's state on its panel and the power buttons; stop and restart ask to confirm."""
    s = ServiceState
    suspended = (s.power == "suspended") | (s.service.status == "suspended")
    return ui.stack(
        ui.row(ui.text("وضعیت سرور:", size=2, as_="span"),
               ui.badge(s.power_label, tone=rx.match(s.power, ("running", "green"), ("stopped", "gray"),
                                                     ("suspended", "red"), "amber"),
                        id="power-state", data_state=s.power),
               gap=2),
        rx.cond(
            s.confirming != "",
            ui.callout(
                ui.stack(
                    ui.text(rx.cond(s.confirming == "stop", "سرور خاموش شود؟ سایت‌ها و سرویس‌های روی آن از دسترس "
                                    "خارج می‌شوند.", "سرور راه‌اندازی مجدد شود؟ چند دقیقه از دسترس خارج می‌شود.")),
                    ui.row(ui.button("بله، انجام شود", tone="red", on_click=s.confirm_power, id="confirm-power"),
                           ui.button("انصراف", variant="soft", tone="gray", on_click=s.cancel_power), gap=2),
                    gap=2,
                ),
                tone="amber", icon_name="triangle-alert", role="alertdialog",
            ),
            rx.cond(
                suspended,
                ui.text("روشن و خاموش کردن سرور پس از رفع تعلیق ممکن است.", size=2, muted=True),
                ui.row(
                    ui.button("روشن کردن", variant="soft", tone="green", on_click=s.power_action("start"),
                              disabled=s.power == "running", id="power-start"),
                    ui.button("خاموش کردن", variant="soft", tone="gray", on_click=s.power_action("stop"),
                              disabled=s.power == "stopped", id="power-stop"),
                    ui.button("راه‌اندازی مجدد", variant="soft", on_click=s.power_action("restart"),
                              disabled=s.power == "stopped", id="power-restart"),
                    gap=2,
                    wrap=True,
                ),
            ),
        ),
        gap=2,
        class_name="power-panel",
    )


def service_page() -> rx.Component:
    return page(
        rx.cond(
            ServiceState.loaded,
            rx.cond(
                ServiceState.found,
                service_detail(),
                message_card("server-off", "سرویس پیدا نشد", "سرویسی با این شناسه در حساب شما وجود ندارد.",
                             "بازگشت به سرویس‌ها", "/services", "service-not-found"),
            ),
            ui.placeholder("ph-block"),
        ),
        active="سرویس‌ها",
    )
