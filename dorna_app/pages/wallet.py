"""The wallet (افزایش اعتبار): balance, add funds, auto-pay, and the credit history with the balance
after each entry."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.icons import icon
from dorna_app.components.shell import billing_sidebar, page
from dorna_app.state.wallet import WalletState


def _entry(e: rx.Var) -> rx.Component:
    return rx.el.li(
        ui.row(
            ui.stack(ui.text(e.kind_label, bold=True, size=2), ui.text(e.reason, size=1, muted=True),
                     ui.text(e.at, size=1, muted=True), gap=0, class_name="grow"),
            ui.stack(ui.text(e.amount, bold=True, class_name=rx.cond(e.credit, "fg-green nowrap", "fg-red nowrap")),
                     ui.text("موجودی: ", e.balance, size=1, muted=True, class_name="nowrap"), gap=0,
                     class_name="ledger-figures"),
            gap=3,
            top=True,
        ),
        class_name="ledger-entry",
        data_kind=e.kind,
    )


def _topup_form() -> rx.Component:
    s = WalletState
    return rx.el.form(
        ui.stack(
            rx.el.div(
                rx.el.label("مبلغ افزایش اعتبار (تومان)", html_for="amount"),
                rx.el.input(id="amount", name="amount", class_name="input", input_mode="numeric",
                            placeholder="۵۰۰٬۰۰۰", auto_complete="off",
                            aria_invalid=rx.cond(s.error != "", "true", "false"),
                            aria_describedby=rx.cond(s.error != "", "amount-error",
                                                     "amount-hint")),
                ui.text("هر بار ", s.bounds, ". پس از پرداخت در درگاه، اعتبار همان لحظه افزوده "
                        "می‌شود.", size=1, muted=True, id="amount-hint"),
                rx.cond(s.error != "", rx.el.p(s.error, id="amount-error",
                                               class_name="field-error", role="alert")),
                class_name="field",
            ),
            rx.el.div(ui.button(icon("wallet"), "پرداخت و افزایش اعتبار", type="submit",
                                loading=s.busy, id="topup")),
            gap=3,
        ),
        on_submit=s.topup,
        no_validate=True,
    )


def wallet_page() -> rx.Component:
    s = WalletState
    return page(
        rx.el.div(
            rx.el.div(billing_sidebar("افزایش اعتبار"), class_name="desktop-only md-side"),
            ui.stack(
                ui.card(
                    rx.cond(
                        s.loaded,
                        ui.stack(
                            ui.row(icon("piggy-bank", 28, "fg-brand"),
                                   ui.stack(ui.text("اعتبار حساب", size=2, muted=True),
                                            ui.text(s.balance, size=6, bold=True, id="wallet-balance"), gap=0),
                                   gap=3),
                            rx.cond(s.held != "", ui.text(s.held, " از آن برای پرداختی که در درگاه است کنار گذاشته "
                                                          "شده؛ اگر آن پرداخت انجام نشود برمی‌گردد.", size=2,
                                                          muted=True)),
                            _topup_form(),
                            rx.el.label(
                                rx.el.input(type="checkbox", class_name="checkbox", checked=s.auto_pay,
                                            on_change=s.set_auto_pay, id="auto-pay"),
                                "صورت‌حساب‌های تمدید، وقتی اعتبار کافی است، خودکار از اعتبار پرداخت شوند",
                                class_name="row g2",
                            ),
                            ui.text("هنگام پرداخت صورت‌حساب‌ها، اعتبار حساب اول خرج می‌شود و باقی از درگاه پرداخت "
                                    "می‌شود.", size=2, muted=True),
                            gap=4,
                        ),
                        ui.placeholder("ph-block"),
                    ),
                    roomy=True,
                ),
                ui.heading("تراکنش‌های اعتبار", level="h2", size=4),
                rx.cond(
                    s.loaded,
                    rx.cond(s.rows.length() > 0,
                            rx.el.ol(rx.foreach(s.rows, _entry), class_name="ledger", id="ledger"),
                            ui.callout("هنوز تراکنشی در اعتبار شما نیست.", icon_name="info")),
                    ui.placeholder("ph-list"),
                ),
                gap=3,
                class_name="grow",
            ),
            class_name="layout md-row",
        ),
        active="مالی",
        title="اعتبار حساب",
    )
