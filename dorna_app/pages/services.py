"""Services (سرویس‌ها): the list, and one service with its status, address, price and invoices."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.cards import invoice_status_badge, message_card, service_item, service_status_badge
from dorna_app.components.shell import page
from dorna_app.state.services import ServicesState, ServiceState


def services_page() -> rx.Component:
    return page(
        rx.cond(
            ServicesState.services.length() > 0,
            rx.grid(
                rx.foreach(ServicesState.services, lambda s: service_item(s, level="h2")),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="3",
                width="100%",
            ),
            rx.callout("هنوز سرویسی ندارید.", icon="info", width="100%"),
        ),
        active="سرویس‌ها",
        title="سرویس‌ها",
    )


def _row(label: str, value: rx.Component | rx.Var) -> rx.Component:
    return rx.flex(
        rx.text(label, color=rx.color("gray", 11), size="2"),
        value if isinstance(value, rx.Component) else rx.text(value, size="3", weight="medium"),
        justify="between",
        align="center",
        width="100%",
        spacing="3",
    )


def service_detail() -> rx.Component:
    s = ServiceState.service
    return rx.vstack(
        rx.card(
            rx.vstack(
                rx.flex(
                    rx.heading(s.name, size="5", as_="h1"),
                    service_status_badge(s.status, s.status_label),
                    justify="between",
                    align="center",
                    width="100%",
                    spacing="3",
                ),
                rx.cond(
                    s.status == "suspended",
                    rx.callout(
                        rx.text("این سرویس به دلیل ", s.reason, " معلق شده است. با پرداخت صورت‌حساب، "
                                "سرویس خودکار فعال می‌شود؛ پس از آن سرور را یک بار راه‌اندازی مجدد کنید."),
                        icon="triangle-alert", color_scheme="red", width="100%",
                    ),
                ),
                _row("پلن", rx.text(s.plan, weight="medium")),
                _row("نام میزبان", rx.text(s.hostname, class_name="ltr-fragment", weight="medium")),
                _row("آدرس IP", rx.text(s.ip, class_name="ltr-fragment", weight="medium")),
                _row("مبلغ هر دوره", rx.text(s.price, " (", s.cycle, ")", weight="medium")),
                _row("سررسید بعدی", rx.text(s.due, " — ", s.due_phrase, weight="medium", id="service-due")),
                spacing="3",
                width="100%",
            ),
            width="100%",
            size="3",
        ),
        rx.heading("صورت‌حساب‌های این سرویس", size="4", as_="h2"),
        rx.vstack(
            rx.foreach(
                ServiceState.invoices,
                lambda row: rx.link(
                    rx.card(
                        rx.flex(
                            rx.text("شماره ", row.number_fa, weight="bold"),
                            rx.text(row.due, size="2"),
                            rx.text(row.total, " تومان", size="2"),
                            invoice_status_badge(row.status, row.status_label),
                            justify="between",
                            align="center",
                            spacing="2",
                            wrap="wrap",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    href=row.href,
                    underline="none",
                    color="inherit",
                    width="100%",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def service_page() -> rx.Component:
    return page(
        rx.cond(
            ServiceState.found,
            service_detail(),
            message_card("server-off", "سرویس پیدا نشد", "سرویسی با این شناسه در حساب شما وجود ندارد.",
                         "بازگشت به سرویس‌ها", "/services", "service-not-found"),
        ),
        active="سرویس‌ها",
    )
