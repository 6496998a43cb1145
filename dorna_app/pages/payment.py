"""Mass payment (پرداخت انبوه) and the payment result page."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.cards import message_card
from dorna_app.components.icons import icon
from dorna_app.components.pay import red_button
from dorna_app.components.shell import billing_sidebar, page
from dorna_app.state.payment import MassPayState, PaymentResultState, PayState


def _pick(row: rx.Var) -> rx.Component:
    return ui.card(
        rx.el.label(
            rx.el.input(
                type="checkbox",
                class_name="checkbox mass-pick",
                aria_label=rx.Var.create("انتخاب صورت‌حساب شماره ") + row.number_fa,
                checked=MassPayState.selected.contains(row.number),
                on_change=lambda checked: MassPayState.toggle(row.number, checked),
                data_number=row.number,
            ),
            ui.text("صورت‌حساب شماره ", row.number_fa, bold=True, as_="span"),
            ui.spacer(),
            ui.text("سررسید ", row.due, size=2, muted=True, as_="span"),
            ui.text(row.total, " تومان", as_="span", class_name="medium"),
            class_name="row g3 wrap pick-label",
        ),
    )


def mass_pay_page() -> rx.Component:
    return page(
        rx.el.div(
            rx.el.div(billing_sidebar("پرداخت انبوه"), class_name="desktop-only md-side"),
            ui.stack(
                ui.text("صورت‌حساب‌هایی را که می‌خواهید با هم بپردازید انتخاب کنید؛ همه در یک پرداخت تسویه می‌شوند."),
                rx.cond(
                    MassPayState.loaded,
                    rx.cond(
                        MassPayState.unpaid.length() > 0,
                        ui.stack(
                            rx.foreach(MassPayState.unpaid, _pick),
                            ui.row(
                                ui.text("جمع انتخاب‌شده: ", rx.el.strong(MassPayState.selected_total, id="mass-total")),
                                rx.cond(MassPayState.credit != "",
                                        ui.text("اعتبار حساب شما (", MassPayState.credit, ") اول خرج می‌شود؛ "
                                                "باقی از درگاه.", size=2, muted=True, id="mass-credit")),
                                red_button("پرداخت موارد انتخاب‌شده", loading=PayState.busy,
                                           on_click=MassPayState.pay_selected, id="mass-pay"),
                                between=True,
                                wrap=True,
                                gap=3,
                            ),
                            gap=2,
                        ),
                        ui.callout("صورت‌حساب پرداخت‌نشده‌ای ندارید.", icon_name="circle-check", tone="green"),
                    ),
                    ui.placeholder("ph-block"),
                ),
                gap=3,
            ),
            class_name="layout md-row",
        ),
        active="مالی",
        title="پرداخت انبوه",
    )


def _summary_row(label: str, value: rx.Var, value_id: str, direction: str = "rtl") -> rx.Component:
    return ui.row(
        ui.text(label, muted=True),
        ui.text(value, bold=True, id=value_id, dir=direction),
        between=True,
        gap=3,
    )


def _success() -> rx.Component:
    return ui.stack(
        ui.row(icon("circle-check", 36, "fg-green"),
               ui.heading(PaymentResultState.title, level="h1", size=6, id="result-title"), gap=2),
        rx.cond(PaymentResultState.topup,
                ui.callout("مبلغ ", PaymentResultState.amount, " به اعتبار حساب شما افزوده شد. موجودی اعتبار: ",
                           PaymentResultState.balance, icon_name="wallet", tone="green", id="topup-done")),
        rx.cond(PaymentResultState.by_gateway, rx.fragment(
            _summary_row("مبلغ پرداخت‌شده از درگاه", PaymentResultState.amount, "result-amount"),
            _summary_row("شماره پیگیری", PaymentResultState.ref_id, "result-ref"),
            rx.cond(PaymentResultState.card_pan != "",
                    _summary_row("کارت", PaymentResultState.card_pan, "result-card", "ltr")),
        )),
        rx.cond(PaymentResultState.from_credit != "", rx.fragment(
            _summary_row("پرداخت‌شده از اعتبار حساب", PaymentResultState.from_credit, "result-credit"),
            _summary_row("موجودی اعتبار", PaymentResultState.balance, "result-balance"),
        )),
        rx.cond(~PaymentResultState.by_gateway,
                ui.text("همه مبلغ از اعتبار حساب شما پرداخت شد؛ به درگاه نیازی نبود.", size=2, id="paid-from-credit")),
        _summary_row("زمان پرداخت", PaymentResultState.paid_at, "result-time"),
        rx.cond(PaymentResultState.invoices.length() > 0,
                ui.text("صورت‌حساب‌های پرداخت‌شده: ",
                        rx.foreach(PaymentResultState.invoices,
                                   lambda n: ui.badge("شماره ", n, tone="indigo", class_name="spaced")))),
        rx.cond(
            PaymentResultState.renewed.length() > 0,
            ui.stack(
                ui.text("سرورهای تمدیدشده", bold=True),
                rx.foreach(
                    PaymentResultState.renewed,
                    lambda r: ui.card(
                        ui.stack(
                            ui.text(r.name, bold=True),
                            ui.text("سررسید بعدی: ", r.due_long, " (", r.due, ")", size=2),
                            rx.cond(r.unsuspended, rx.match(
                                r.power,
                                ("done", ui.callout("سرور «", r.name, "» از تعلیق خارج شد و روشن شد؛ لازم نیست "
                                                    "کاری بکنید.", icon_name="circle-check", tone="green",
                                                    class_name="server-started")),
                                ("pending", ui.callout("سرور «", r.name, "» از تعلیق خارج شد و در حال روشن شدن "
                                                       "است؛ این صفحه خودش تازه می‌شود.", icon_name="clock",
                                                       tone="blue", class_name="server-starting")),
                                ("failed", ui.callout("سرور «", r.name, "» از تعلیق خارج شد، ولی روشن کردن خودکار "
                                                      "آن انجام نشد. از صفحه سرویس‌ها آن را روشن کنید یا تیکت "
                                                      "بفرستید.", icon_name="triangle-alert", tone="red",
                                                      class_name="server-start-failed")),
                                ui.callout("سرور «", r.name, "» از حالت تعلیق خارج شد؛ لطفاً آن را یک بار "
                                           "راه‌اندازی مجدد کنید.", icon_name="rotate-ccw", tone="amber",
                                           class_name="restart-hint"),
                            )),
                            gap=1,
                        ),
                        class_name="renewed-service",
                    ),
                ),
                gap=2,
            ),
        ),
        rx.cond(PaymentResultState.credited != "",
                ui.callout("مبلغ ", PaymentResultState.credited,
                           " به اعتبار حساب شما افزوده شد، چون صورت‌حساب آن پیش‌تر پرداخت شده بود.",
                           icon_name="wallet")),
        ui.text("نیازی به ارسال رسید یا تماس با پشتیبانی نیست؛ تأیید پرداخت با ایمیل و پیامک هم برایتان فرستاده می‌شود.",
                size=2, muted=True),
        ui.row(
            ui.link_button("ناحیه کاربری", href="/", variant="solid"),
            ui.link_button("صورت‌حساب‌ها", href="/invoices"),
            gap=3,
        ),
        gap=3,
    )


def _not_succeeded() -> rx.Component:
    pending = PaymentResultState.status == "pending"
    return ui.stack(
        ui.row(
            rx.cond(pending, icon("clock", 36, "fg-amber"), icon("circle-x", 36, "fg-red")),
            ui.heading(PaymentResultState.title, level="h1", size=6, id="result-title"),
            gap=2,
        ),
        rx.cond(
            pending,
            ui.text("پاسخ بانک هنوز به ما نرسیده است. اگر مبلغی از حساب شما کم شده باشد، پرداخت ظرف چند دقیقه "
                    "خودکار تأیید و سرویس تمدید می‌شود؛ نیازی به پرداخت دوباره نیست."),
            ui.text("مبلغی از حساب شما برداشت نشد، یا اگر برداشت شده باشد طبق قوانین بانک به حساب شما بازمی‌گردد."),
        ),
        rx.cond(
            pending,
            rx.fragment(),
            rx.cond(
                PaymentResultState.retry_numbers != "",
                ui.stack(
                    ui.text("صورت‌حساب‌های این پرداخت همچنان قابل پرداخت‌اند."),
                    rx.el.div(red_button("تلاش دوباره", id="retry-pay", loading=PayState.busy,
                                         on_click=PayState.pay_numbers(PaymentResultState.retry_numbers))),
                    gap=3,
                ),
                ui.callout("صورت‌حساب‌های این پرداخت در این فاصله پرداخت شده‌اند؛ کار دیگری لازم نیست.",
                           icon_name="circle-check", tone="green", id="already-paid"),
            ),
        ),
        rx.el.div(ui.link_button("بازگشت به صورت‌حساب‌ها", href="/invoices")),
        gap=3,
    )


def payment_result_page() -> rx.Component:
    return page(
        rx.cond(
            PaymentResultState.loaded,
            rx.cond(
                PaymentResultState.found,
                ui.card(rx.cond(PaymentResultState.status == "succeeded", _success(), _not_succeeded()),
                        roomy=True, class_name="narrow"),
                message_card("search-x", "پرداختی پیدا نشد", "", "بازگشت به صورت‌حساب‌ها", "/invoices",
                             "result-not-found"),
            ),
            ui.placeholder("ph-block"),
        ),
        active="مالی",
    )
