"""Two-factor sign-in: on (QR code, first code, recovery codes shown once) or off (a current code)."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.shell import page
from dorna_app.state.security import SecurityState


def _code_form(on_submit, button: str, button_id: str) -> rx.Component:
    s = SecurityState
    return rx.el.form(
        ui.stack(
            rx.el.div(
                rx.el.label("کد شش‌رقمی برنامه", html_for="totp-code"),
                rx.el.input(id="totp-code", name="code", class_name="input", dir="ltr", input_mode="numeric",
                            auto_complete="one-time-code", max_length=20,
                            aria_invalid=rx.cond(s.error != "", "true", "false"),
                            aria_describedby=rx.cond(s.error != "", "totp-error", "")),
                rx.cond(s.error != "", rx.el.p(s.error, id="totp-error", class_name="field-error", role="alert")),
                class_name="field",
            ),
            rx.el.div(ui.button(button, type="submit", id=button_id)),
            gap=3,
        ),
        on_submit=on_submit,
        no_validate=True,
    )


def security_page() -> rx.Component:
    s = SecurityState
    return page(
        ui.card(
            rx.cond(
                s.loaded,
                ui.stack(
                    rx.cond(
                        s.recovery_codes.length() > 0,
                        ui.stack(
                            ui.callout("این ده کد بازیابی را جایی امن نگه دارید. اگر گوشی‌تان در دسترس نبود، هر کد یک "
                                       "بار به جای کد شش‌رقمی کار می‌کند. دوباره نمایش داده نمی‌شوند.", tone="amber",
                                       icon_name="triangle-alert"),
                            rx.el.ol(rx.foreach(s.recovery_codes, lambda c: rx.el.li(c, dir="ltr", class_name="code")),
                                     class_name="recovery-codes", id="recovery-codes"),
                            gap=3,
                        ),
                    ),
                    rx.cond(
                        s.enabled,
                        ui.stack(
                            ui.row(ui.badge("فعال", tone="green", id="two-factor-on"),
                                   ui.text("کدهای بازیابی مانده: ", s.recovery_left, size=2, muted=True), gap=2),
                            ui.text("برای خاموش کردن، کد کنونی برنامه (یا یک کد بازیابی) را بنویسید.", size=2),
                            _code_form(s.disable, "خاموش کردن تأیید دومرحله‌ای", "disable-two-factor"),
                            gap=3,
                        ),
                        rx.cond(
                            s.enrolling,
                            ui.stack(
                                ui.text("این کد QR را با برنامه احراز هویت (Google Authenticator، Microsoft "
                                        "Authenticator یا مشابه آن) اسکن کنید، سپس کد شش‌رقمی آن را بنویسید.", size=2),
                                rx.el.img(src=s.qr, alt="کد QR برای افزودن حساب به برنامه احراز هویت", width="205",
                                          height="205", class_name="qr"),
                                ui.text("یا این کلید را دستی وارد کنید: ", rx.el.code(s.secret, dir="ltr",
                                                                                     id="totp-secret"), size=2),
                                _code_form(s.confirm, "فعال کردن", "confirm-two-factor"),
                                gap=3,
                            ),
                            ui.stack(
                                ui.text("با تأیید دومرحله‌ای، پس از رمز عبور یا کد پیامکی، کد برنامه احراز هویت گوشی "
                                        "هم پرسیده می‌شود؛ حتی با رمز عبور لورفته کسی وارد حساب نمی‌شود.", size=2),
                                rx.el.div(ui.button("فعال کردن تأیید دومرحله‌ای", on_click=s.start,
                                                    id="start-two-factor")),
                                gap=3,
                            ),
                        ),
                    ),
                    gap=4,
                ),
                ui.placeholder("ph-block"),
            ),
            roomy=True,
            class_name="form-card",
        ),
        title="تأیید دومرحله‌ای",
    )
