"""Mass payment (پرداخت انبوه) and the payment result page."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.cards import message_card
from dorna_app.components.pay import red_button
from dorna_app.components.shell import billing_sidebar, page
from dorna_app.state.payment import MassPayState, PaymentResultState, PayState


def mass_pay_page() -> rx.Component:
    return page(
        rx.flex(
            rx.box(billing_sidebar("پرداخت انبوه"), width=["100%", "100%", "260px"], flex_shrink="0",
                   display=["none", "none", "block"]),
            rx.vstack(
                rx.text("صورت‌حساب‌هایی را که می‌خواهید با هم بپردازید انتخاب کنید؛ همه در یک پرداخت تسویه می‌شوند."),
                rx.cond(
                    MassPayState.unpaid.length() > 0,
                    rx.vstack(
                        rx.foreach(
                            MassPayState.unpaid,
                            lambda row: rx.card(
                                rx.el.label(
                                    rx.hstack(
                                        rx.checkbox(
                                            aria_label=rx.Var.create("انتخاب صورت‌حساب شماره ") + row.number_fa,
                                            checked=MassPayState.selected.contains(row.number),
                                            on_change=lambda checked: MassPayState.toggle(row.number, checked),
                                            size="3",
                                            class_name="mass-pick",
                                            data_number=row.number,
                                        ),
                                        rx.text("صورت‌حساب شماره ", row.number_fa, weight="bold"),
                                        rx.spacer(),
                                        rx.text("سررسید ", row.due, size="2", color=rx.color("gray", 11)),
                                        rx.text(row.total, " تومان", weight="medium"),
                                        align="center",
                                        width="100%",
                                        spacing="3",
                                        wrap="wrap",
                                    ),
                                    style={"cursor": "pointer", "width": "100%"},
                                ),
                                width="100%",
                            ),
                        ),
                        rx.flex(
                            rx.text("جمع انتخاب‌شده: ", rx.el.strong(MassPayState.selected_total, id="mass-total")),
                            red_button("پرداخت موارد انتخاب‌شده", loading=PayState.busy,
                                       on_click=MassPayState.pay_selected, id="mass-pay"),
                            justify="between",
                            align="center",
                            wrap="wrap",
                            spacing="3",
                            width="100%",
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    rx.callout("صورت‌حساب پرداخت‌نشده‌ای ندارید.", icon="circle-check", color_scheme="green",
                               width="100%"),
                ),
                spacing="3",
                width="100%",
            ),
            direction=rx.breakpoints(initial="column", md="row"),
            spacing="4",
            width="100%",
        ),
        active="مالی",
        title="پرداخت انبوه",
    )


def _summary_row(label: str, value: rx.Var, value_id: str, direction: str = "rtl") -> rx.Component:
    return rx.flex(
        rx.text(label, color=rx.color("gray", 11)),
        rx.text(value, weight="bold", id=value_id, dir=direction),
        justify="between",
        width="100%",
        spacing="3",
    )


def _success() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon("circle-check", size=36, color=rx.color("green", 9), aria_hidden="true"),
                  rx.heading(PaymentResultState.title, size="6", as_="h1", id="result-title"), align="center"),
        _summary_row("مبلغ پرداخت‌شده", PaymentResultState.amount, "result-amount"),
        _summary_row("شماره پیگیری", PaymentResultState.ref_id, "result-ref"),
        rx.cond(PaymentResultState.card_pan != "",
                _summary_row("کارت", PaymentResultState.card_pan, "result-card", "ltr")),
        _summary_row("زمان پرداخت", PaymentResultState.paid_at, "result-time"),
        rx.text("صورت‌حساب‌های پرداخت‌شده: ",
                rx.foreach(PaymentResultState.invoices,
                           lambda n: rx.badge("شماره ", n, variant="soft", high_contrast=True, margin_x="2px"))),
        rx.cond(
            PaymentResultState.renewed.length() > 0,
            rx.vstack(
                rx.text("سرورهای تمدیدشده", weight="bold"),
                rx.foreach(
                    PaymentResultState.renewed,
                    lambda r: rx.card(
                        rx.vstack(
                            rx.text(r.name, weight="bold"),
                            rx.text("سررسید بعدی: ", r.due_long, " (", r.due, ")", size="2"),
                            rx.cond(
                                r.unsuspended,
                                rx.callout(rx.text("سرور «", r.name, "» از حالت تعلیق خارج شد؛ لطفاً آن را "
                                                   "یک بار راه‌اندازی مجدد کنید."),
                                           icon="rotate-ccw", color_scheme="amber", class_name="restart-hint"),
                            ),
                            spacing="1",
                        ),
                        width="100%",
                        class_name="renewed-service",
                    ),
                ),
                width="100%",
                spacing="2",
            ),
        ),
        rx.cond(PaymentResultState.credited != "",
                rx.callout(rx.text("مبلغ ", PaymentResultState.credited,
                                   " به اعتبار حساب شما افزوده شد، چون صورت‌حساب آن پیش‌تر پرداخت شده بود."),
                           icon="wallet", width="100%")),
        rx.text("نیازی به ارسال رسید یا تماس با پشتیبانی نیست؛ تأیید پرداخت با ایمیل و پیامک هم برایتان فرستاده می‌شود.",
                size="2", color=rx.color("gray", 11)),
        rx.hstack(
            rx.button(rx.link("ناحیه کاربری", href="/"), as_child=True, size="3"),
            rx.button(rx.link("صورت‌حساب‌ها", href="/invoices"), as_child=True, size="3", variant="soft"),
            spacing="3",
        ),
        spacing="3",
        width="100%",
    )


def _not_succeeded() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.cond(PaymentResultState.status == "pending",
                    rx.icon("clock", size=36, color=rx.color("amber", 9)),
                    rx.icon("circle-x", size=36, color=rx.color("red", 9))),
            rx.heading(PaymentResultState.title, size="6", as_="h1", id="result-title"),
            align="center",
        ),
        rx.cond(
            PaymentResultState.status == "pending",
            rx.text("پاسخ بانک هنوز به ما نرسیده است. اگر مبلغی از حساب شما کم شده باشد، پرداخت ظرف چند دقیقه "
                    "خودکار تأیید و سرویس تمدید می‌شود؛ نیازی به پرداخت دوباره نیست."),
            rx.text("مبلغی از حساب شما برداشت نشد، یا اگر برداشت شده باشد طبق قوانین بانک به حساب شما بازمی‌گردد."),
        ),
        rx.cond(
            PaymentResultState.status != "pending",
            rx.cond(
                PaymentResultState.retry_numbers != "",
                rx.vstack(
                    rx.text("صورت‌حساب‌های این پرداخت همچنان قابل پرداخت‌اند."),
                    red_button("تلاش دوباره", id="retry-pay", loading=PayState.busy,
                               on_click=PayState.pay_numbers(PaymentResultState.retry_numbers)),
                    spacing="3",
                ),
                rx.callout("صورت‌حساب‌های این پرداخت در این فاصله پرداخت شده‌اند؛ کار دیگری لازم نیست.",
                           icon="circle-check", color_scheme="green", width="100%", id="already-paid"),
            ),
        ),
        rx.button(rx.link("بازگشت به صورت‌حساب‌ها", href="/invoices"), as_child=True, variant="soft", size="3"),
        spacing="3",
        width="100%",
    )


def payment_result_page() -> rx.Component:
    return page(
        rx.card(
            rx.cond(
                PaymentResultState.found,
                rx.cond(PaymentResultState.status == "succeeded", _success(), _not_succeeded()),
                message_card("search-x", "پرداختی پیدا نشد", "", "بازگشت به صورت‌حساب‌ها", "/invoices",
                             "result-not-found"),
            ),
            width="100%",
            size="3",
            max_width="640px",
        ),
        active="مالی",
    )
