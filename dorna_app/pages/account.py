"""The customer's own corner: messages sent to them (پیام‌ها) and their contact details."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.forms import text_field
from dorna_app.components.icons import icon
from dorna_app.components.shell import page
from dorna_app.state.account import MessagesState, ProfileState


def message_card(m: rx.Var) -> rx.Component:
    return ui.card(
        ui.stack(
            ui.row(
                rx.el.span(rx.cond(m.channel == "email", icon("mail", 18), icon("message-square", 18)),
                           class_name="fg-indigo"),
                ui.badge(m.channel_label, tone="indigo"),
                rx.cond(m.unread, ui.badge("جدید", tone="red", solid=True)),
                ui.spacer(),
                ui.text(m.at, size=1, muted=True, as_="span"),
                gap=2,
            ),
            rx.cond(m.channel == "email", ui.text(m.subject, bold=True)),
            ui.text(
                rx.foreach(m.parts, lambda part: rx.cond(
                    part.href != "",
                    rx.el.a(part.text, href=part.href, class_name="ltr-fragment", rel="noopener noreferrer"),
                    rx.el.span(part.text),
                )),
                size=2, class_name="pre-wrap message-text",
            ),
            ui.text(m.status_label, size=1, muted=True),
            gap=2,
        ),
        class_name="message-item",
        data_channel=m.channel,
    )


def messages_page() -> rx.Component:
    return page(
        rx.cond(
            MessagesState.loaded,
            rx.cond(
                MessagesState.items.length() > 0,
                ui.stack(rx.foreach(MessagesState.items, message_card), gap=2),
                ui.callout("هنوز پیامی برای شما فرستاده نشده است.", icon_name="inbox"),
            ),
            ui.placeholder("ph-block"),
        ),
        title="پیام‌ها",
    )


def _field(label: str, name: str, value: rx.Var | str, error: rx.Var, **props) -> rx.Component:
    """A labelled input whose error sits beside it and is announced with it (aria-describedby)."""
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.el.input(name=name, id=name, default_value=value, class_name="input", dir="ltr",
                    aria_invalid=rx.cond(error != "", "true", "false"),
                    aria_describedby=rx.cond(error != "", f"{name}-error", ""), **props),
        rx.cond(error != "", rx.el.p(error, class_name="field-error", id=f"{name}-error", role="alert")),
        class_name="field",
    )


def _buyer_card() -> rx.Component:
    """Who the official invoice is made out to: an individual (national ID) or a company."""
    s = ProfileState
    errors = s.buyer_errors
    return ui.card(
        rx.el.form(
            ui.stack(
                ui.heading("اطلاعات صورت‌حساب رسمی", level="h2", size=4),
                ui.text("برای صورت‌حساب رسمی (با کد ملی یا شناسه ملی). همه اختیاری است، جز نام و شناسه شرکت برای "
                        "اشخاص حقوقی. صورت‌حساب‌های پرداخت‌نشده با همین اطلاعات صادر می‌شوند؛ صورت‌حساب‌های "
                        "پرداخت‌شده همان‌طور که صادر شده‌اند می‌مانند.", size=2, muted=True),
                rx.el.fieldset(
                    rx.el.legend("نوع خریدار", class_name="legend"),
                    ui.row(
                        rx.el.label(rx.el.input(type="radio", name="buyer_type", value="individual",
                                                checked=s.buyer_type == "individual", class_name="checkbox",
                                                on_change=lambda _v: s.set_buyer_type("individual")),
                                    "شخص حقیقی", class_name="row g2"),
                        rx.el.label(rx.el.input(type="radio", name="buyer_type", value="legal",
                                                checked=s.buyer_type == "legal", class_name="checkbox",
                                                on_change=lambda _v: s.set_buyer_type("legal"), id="buyer-legal"),
                                    "شخص حقوقی (شرکت)", class_name="row g2"),
                        gap=4, wrap=True,
                    ),
                    class_name="plain-fieldset",
                ),
                rx.cond(
                    s.buyer_type == "legal",
                    rx.el.div(
                        text_field("نام شرکت", "company_name", errors, value=s.buyer["company_name"]),
                        text_field("شناسه ملی (۱۱ رقم)", "company_id", errors, value=s.buyer["company_id"],
                                   input_mode="numeric", latin=True),
                        class_name="grid md-cols-2",
                    ),
                    text_field("کد ملی (۱۰ رقم)", "national_id", errors, value=s.buyer["national_id"],
                               input_mode="numeric", latin=True),
                ),
                rx.el.div(
                    text_field("کد اقتصادی", "economic_code", errors, value=s.buyer["economic_code"],
                               input_mode="numeric", latin=True),
                    text_field("کد پستی (۱۰ رقم)", "postal_code", errors, value=s.buyer["postal_code"],
                               input_mode="numeric", latin=True),
                    class_name="grid md-cols-2",
                ),
                text_field("نشانی", "address", errors, value=s.buyer["address"]),
                rx.el.div(ui.button("ذخیره اطلاعات صورت‌حساب", type="submit", id="save-buyer")),
                gap=3,
            ),
            on_submit=s.save_buyer,
            no_validate=True,
            key=s.buyer_key.to_string() + s.buyer_type,
        ),
        roomy=True,
        class_name="form-card",
    )


def profile_page() -> rx.Component:
    return page(
        ui.card(
            rx.cond(
                ProfileState.loaded,
                rx.el.form(
                    ui.stack(
                        ui.text("رسید پرداخت‌ها و یادآوری‌ها به این ایمیل و شماره فرستاده می‌شود."),
                        rx.cond(ProfileState.notice != "",
                                ui.callout(ProfileState.notice, icon_name="info", id="profile-notice",
                                           role="status")),
                        _field("ایمیل", "email", ProfileState.form_email, ProfileState.email_error, type="email"),
                        _field("شماره موبایل", "mobile", ProfileState.form_mobile, ProfileState.mobile_error,
                               input_mode="tel", placeholder="۰۹۱۲۱۲۳۴۵۶۷"),
                        _field("رمز عبور فعلی (فقط برای تغییر ایمیل)", "password", "", ProfileState.password_error,
                               type="password", auto_complete="current-password"),
                        rx.el.div(ui.button("ذخیره", type="submit", id="profile-save")),
                        gap=4,
                    ),
                    on_submit=ProfileState.save,
                    no_validate=True,
                ),
                ui.placeholder("ph-block"),
            ),
            roomy=True,
            class_name="form-card",
        ),
        rx.cond(ProfileState.mobile_pending != "", ui.card(
            rx.el.form(
                ui.stack(
                    ui.heading("تأیید شماره تازه", level="h2", size=4),
                    ui.text("کد پیامک‌شده به ", rx.el.bdi(ProfileState.mobile_pending), " را بنویسید؛ تا آن زمان "
                            "پیامک‌ها به شماره پیشین می‌رود.", size=2),
                    _field("کد پیامک‌شده", "code", "", ProfileState.code_error, input_mode="numeric",
                           auto_complete="one-time-code"),
                    rx.el.div(ui.button("تأیید شماره", type="submit", id="confirm-mobile")),
                    gap=3,
                ),
                on_submit=ProfileState.confirm_mobile,
                no_validate=True,
            ),
            roomy=True,
            class_name="form-card",
        )),
        _buyer_card(),
        ui.row(ui.link_button(icon("circle-user"), "دستگاه‌های واردشده به حساب", href="/devices", id="devices-link"),
               ui.link_button(icon("signature"), "تأیید دومرحله‌ای", href="/security", id="security-link"),
               gap=3, wrap=True),
        title="اطلاعات تماس",
    )
