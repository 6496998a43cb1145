"""The staff face: sign-in with a second factor, dashboard, customers (find, create, one customer with
its services, invoices, payments and messages; edit, add a server) and the audit log."""

from __future__ import annotations

import reflex as rx

from dorna_app.backoffice.operations import INVOICE_FORM_LINES
from dorna_app.components import ui
from dorna_app.components.forms import native_form
from dorna_app.components.icons import icon
from dorna_app.components.staff_shell import filter_bar, listing, staff_field, staff_page
from dorna_app.state.staff import (
    StaffAccountState,
    StaffAuditState,
    StaffCustomersState,
    StaffCustomerState,
    StaffDashboardState,
    StaffLoginState,
    StaffMessagesState,
    StaffPanelsState,
    StaffPaymentsState,
    StaffTeamState,
    StaffVerifyState,
)


def _auth_frame(*children: rx.Component) -> rx.Component:
    return rx.el.main(
        ui.stack(
            ui.row(icon("server-cog", 32, "fg-brand"), ui.text("درنا سرور · کارکنان", size=6, bold=True, tone="brand"),
                   gap=2),
            ui.card(*children, roomy=True),
            gap=4,
            class_name="center login-column",
        ),
        id="main",
        class_name="login-main",
    )


def staff_login_page() -> rx.Component:
    return _auth_frame(
        native_form(
            ui.stack(
                ui.heading("ورود کارکنان", level="h1", size=5),
                rx.cond(StaffLoginState.error != "",
                        ui.callout(StaffLoginState.error, icon_name="triangle-alert", tone="red",
                                   id="staff-login-error", role="alert")),
                staff_field("ایمیل", "email", type="email", auto_complete="username", latin=True),
                staff_field("رمز عبور", "password", type="password", auto_complete="current-password", latin=True),
                ui.button("ادامه", type="submit", id="staff-login-submit", class_name="btn-wide"),
                ui.text("پس از رمز عبور، کد برنامه احراز هویت (TOTP) پرسیده می‌شود.", size=2, muted=True),
                gap=4,
            ),
            action="/staff/auth/login",
            method="post",
            no_validate=True,
        ),
    )


def staff_verify_page() -> rx.Component:
    s = StaffVerifyState
    return _auth_frame(
        rx.cond(
            s.done,
            ui.stack(
                ui.heading("کدهای بازیابی", level="h1", size=5),
                ui.callout("این ده کد را جایی امن نگه دارید. اگر گوشی‌تان در دسترس نبود، هر کد یک بار به جای کد "
                           "شش‌رقمی کار می‌کند. دوباره نمایش داده نمی‌شوند.", tone="amber", icon_name="triangle-alert"),
                rx.el.ol(rx.foreach(s.recovery_codes, lambda c: rx.el.li(c, dir="ltr", class_name="code")),
                         class_name="recovery-codes", id="recovery-codes"),
                ui.link_button("ادامه به داشبورد", href="/staff", variant="solid", id="continue-staff"),
                gap=3,
            ),
            rx.el.form(
                ui.stack(
                    ui.heading("تأیید دومرحله‌ای", level="h1", size=5),
                    rx.cond(
                        s.enrolling,
                        ui.stack(
                            ui.text("نخستین ورود شماست: این کد QR را با برنامه احراز هویت (Google Authenticator، "
                                    "Microsoft Authenticator یا مشابه آن) اسکن کنید، سپس کد شش‌رقمی را بنویسید.",
                                    size=2),
                            rx.el.img(src=s.qr, alt="کد QR برای افزودن حساب به برنامه احراز هویت", width="205",
                                      height="205", class_name="qr"),
                            ui.text("یا این کلید را دستی وارد کنید: ",
                                    rx.el.code(s.secret, dir="ltr", id="totp-secret"), size=2),
                            gap=2,
                        ),
                        ui.text("کد شش‌رقمی برنامه احراز هویت، یا یکی از کدهای بازیابی را بنویسید.", size=2),
                    ),
                    rx.el.div(
                        rx.el.label("کد", html_for="code"),
                        rx.el.input(id="code", name="code", class_name="input", dir="ltr", input_mode="numeric",
                                    auto_complete="one-time-code", max_length=20,
                                    aria_invalid=rx.cond(s.error != "", "true", "false"),
                                    aria_describedby=rx.cond(s.error != "", "code-error", "")),
                        rx.cond(s.error != "",
                                rx.el.p(s.error, id="code-error", class_name="field-error", role="alert")),
                        class_name="field",
                    ),
                    ui.button("تأیید", type="submit", id="verify-submit", class_name="btn-wide"),
                    gap=4,
                ),
                on_submit=s.submit,
                no_validate=True,
            ),
        ),
    )


def staff_dashboard_page() -> rx.Component:
    return staff_page(
        rx.el.div(
            rx.cond(
                StaffDashboardState.loaded,
                rx.foreach(
                    StaffDashboardState.figures,
                    lambda f: ui.card(
                        ui.stack(
                            ui.text(f.value, size=7, bold=True, class_name="figure", data_key=f.key),
                            ui.text(f.label, size=2, muted=True),
                            rx.cond(f.note != "", ui.text(f.note, size=2)),
                            gap=1,
                        ),
                        class_name="staff-figure",
                    ),
                ),
                rx.fragment(*[ui.placeholder("ph-card") for _ in range(4)]),
            ),
            class_name="grid cols-2 md-cols-4",
        ),
        title="داشبورد کارکنان",
        active="داشبورد",
    )


def _customer_form(errors: rx.Var, on_submit, button: str, values: dict | None = None, key=None) -> rx.Component:
    values = values or {}
    return rx.el.form(
        ui.stack(
            rx.cond(errors.contains("form"), ui.callout(errors["form"], tone="red")),
            rx.el.div(
                staff_field("نام", "first_name", errors, value=values.get("first_name", "")),
                staff_field("نام خانوادگی", "last_name", errors, value=values.get("last_name", "")),
                staff_field("ایمیل", "email", errors, value=values.get("email", ""), type="email", latin=True),
                staff_field("موبایل", "mobile", errors, value=values.get("mobile", ""), input_mode="tel", latin=True,
                            placeholder="۰۹۱۲۱۲۳۴۵۶۷"),
                class_name="grid md-cols-2",
            ),
            rx.el.div(ui.button(button, type="submit")),
            gap=3,
        ),
        on_submit=on_submit,
        no_validate=True,
        key=key,
    )


def staff_customers_page() -> rx.Component:
    s = StaffCustomersState
    return staff_page(
        rx.el.form(
            ui.row(
                rx.el.div(
                    icon("search"),
                    rx.el.input(name="q", type="search", default_value=s.query, class_name="input", id="customer-q",
                                aria_label="جستجوی مشتری",
                                placeholder="نام، ایمیل، موبایل، شماره صورت‌حساب یا IP سرور"),
                    class_name="input-icon grow",
                ),
                ui.button("جستجو", type="submit", variant="soft"),
                gap=2,
            ),
            on_submit=s.search,
            role="search",
        ),
        rx.cond(
            s.loaded,
            rx.cond(
                s.rows.length() > 0,
                rx.el.div(
                    rx.foreach(
                        s.rows,
                        lambda r: ui.link(
                            ui.card(
                                ui.stack(
                                    ui.text(r.name, bold=True),
                                    ui.text(r.email, size=2, muted=True, dir="ltr", class_name="ltr-fragment"),
                                    ui.row(ui.badge("سرویس ", r.services, tone="indigo"),
                                           ui.badge("پرداخت‌نشده ", r.unpaid, tone="red"),
                                           rx.cond(r.mobile != "", ui.text(r.mobile, size=2, as_="span")), gap=2,
                                           wrap=True),
                                    gap=1,
                                ),
                            ),
                            href=r.href,
                            class_name="plain-link customer-row",
                        ),
                    ),
                    class_name="grid md-cols-2",
                ),
                ui.callout("مشتری‌ای با این مشخصات پیدا نشد.", icon_name="info"),
            ),
            ui.placeholder("ph-block"),
        ),
        rx.cond(
            s.can_create,
            ui.card(
                ui.stack(
                    ui.heading("مشتری تازه", level="h2", size=4),
                    rx.cond(s.created_password != "",
                            ui.callout("رمز عبور نخست مشتری: ", rx.el.code(s.created_password, dir="ltr",
                                                                           id="created-password"),
                                       " — ",
                                       ui.link("صفحه مشتری", href="/staff/customers/" + s.created_id.to_string()),
                                       tone="green", icon_name="circle-check")),
                    _customer_form(s.errors, s.create, "ساختن مشتری"),
                    gap=3,
                ),
                roomy=True,
            ),
        ),
        title="مشتریان",
        active="مشتریان",
    )


def _rows(title: str, rows: rx.Var, empty: str, row_class: str) -> rx.Component:
    return ui.stack(
        ui.heading(title, level="h2", size=4),
        rx.cond(
            rows.length() > 0,
            ui.stack(
                rx.foreach(
                    rows,
                    lambda r: ui.card(
                        ui.row(
                            ui.stack(ui.text(r.title, bold=True), rx.cond(r.detail != "", ui.text(r.detail, size=2,
                                     muted=True)), gap=1, class_name="grow"),
                            ui.text(r.amount, size=2, as_="span", class_name="nowrap"),
                            ui.text(r.date, size=2, muted=True, as_="span"),
                            ui.badge(r.status_label, tone=rx.match(r.status, ("active", "green"), ("paid", "green"),
                                                                   ("succeeded", "green"), ("sent", "green"),
                                                                   ("suspended", "red"), ("unpaid", "red"),
                                                                   ("failed", "red"), "gray")),
                            gap=3,
                            wrap=True,
                        ),
                        class_name=row_class,
                    ),
                ),
                gap=2,
            ),
            ui.text(empty, size=2, muted=True),
        ),
        gap=2,
    )


def _status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return ui.badge(label, tone=rx.match(status, ("active", "green"), ("paid", "green"), ("succeeded", "green"),
                                         ("sent", "green"), ("suspended", "red"), ("unpaid", "red"),
                                         ("failed", "red"), ("pending", "blue"), "gray"))


def _service_card(r: rx.Var) -> rx.Component:
    """A server: its figures, and (for billing) a fold with the edit form and the status actions."""
    s = StaffCustomerState
    hidden = [rx.el.input(type="hidden", name="service_id", value=r.id.to_string()),
              rx.el.input(type="hidden", name="seen_status", value=r.status)]
    return ui.card(
        ui.stack(
            ui.row(
                ui.stack(ui.text(r.name, bold=True), rx.cond(r.detail != "", ui.text(r.detail, size=2, muted=True)),
                         gap=1, class_name="grow"),
                ui.text(r.amount, size=2, as_="span", class_name="nowrap"),
                ui.text("سررسید ", r.date, size=2, muted=True, as_="span"),
                _status_badge(r.status, r.status_label),
                gap=3,
                wrap=True,
            ),
            rx.cond(r.panel != "", _server_block(r),
                    ui.text("به پنل سرور وصل نیست (فقط صورت‌حساب).", size=2, muted=True)),
            rx.cond(s.can_bill, rx.el.details(
                rx.el.summary("مدیریت سرویس", class_name="summary"),
                ui.stack(
                    _link_form(r),
                    rx.el.hr(class_name="divider"),
                    rx.el.form(
                        rx.el.input(type="hidden", name="service_id", value=r.id.to_string()),
                        rx.el.input(type="hidden", name="seen", value=r.version),
                        rx.el.div(
                            staff_field("مبلغ هر دوره (تومان)", "price_toman", value=r.price_toman,
                                        input_mode="numeric", field_id="price-" + r.id.to_string()),
                            staff_field("دوره (ماه)", "cycle_months", value=r.cycle, input_mode="numeric",
                                        field_id="cycle-" + r.id.to_string()),
                            staff_field("سررسید بعدی", "next_due", value=r.date, input_mode="numeric",
                                        field_id="due-" + r.id.to_string()),
                            class_name="grid md-cols-2",
                        ),
                        rx.el.div(ui.button("ذخیره تغییرات", type="submit", variant="soft")),
                        on_submit=s.edit_service,
                        class_name="stack g3",
                    ),
                    rx.el.hr(class_name="divider"),
                    rx.cond(
                        r.status == "active",
                        rx.el.form(
                            *hidden,
                            rx.el.input(type="hidden", name="action", value="suspend"),
                            ui.row(
                                rx.el.select(rx.el.option("سوءاستفاده", value="abuse"),
                                             rx.el.option("دیگر", value="other"),
                                             name="reason", class_name="input narrow-input",
                                             aria_label="دلیل تعلیق"),
                                rx.el.input(name="note", class_name="input", placeholder="توضیح",
                                            aria_label="توضیح تعلیق"),
                                ui.button("تعلیق", type="submit", tone="red", variant="soft",
                                          class_name="suspend-service"),
                                gap=2,
                                wrap=True,
                            ),
                            on_submit=s.act_on_service,
                        ),
                    ),
                    ui.row(
                        rx.cond(r.status == "suspended", _action_form(hidden, "unsuspend", "رفع تعلیق", "green")),
                        rx.cond((r.status == "active") | (r.status == "suspended"),
                                _action_form(hidden, "terminate", "خاتمه", "gray")),
                        rx.cond((r.status != "terminated") & (r.status != "cancelled"),
                                _action_form(hidden, "cancel", "لغو سرویس", "gray")),
                        gap=2,
                        wrap=True,
                    ),
                    gap=3,
                ),
            )),
            gap=2,
        ),
        class_name="staff-service",
        data_status=r.status,
    )


def _server_block(r: rx.Var) -> rx.Component:
    """A server on its panel: its state now, the power buttons (billing staff), the command history."""
    s = StaffCustomerState
    return ui.stack(
        ui.row(
            ui.text("پنل: ", r.server_label, size=2, as_="span"),
            ui.badge(r.power_label, tone=rx.match(r.power, ("running", "green"), ("stopped", "gray"),
                                                  ("suspended", "red"), "amber"), class_name="staff-power",
                     data_state=r.power),
            gap=2,
            wrap=True,
        ),
        rx.cond(s.can_bill & (r.status == "active"), ui.row(
            *[ui.button(label, variant="soft", tone=tone, on_click=s.power_server(r.id, action),
                        class_name=f"staff-power-{action}")
              for action, label, tone in (("start", "روشن", "green"), ("restart", "راه‌اندازی مجدد", "indigo"),
                                          ("stop", "خاموش", "gray"), ("poweroff", "قطع برق", "red"))],
            gap=2,
            wrap=True,
        )),
        rx.cond(s.can_bill & (r.failed_command > 0),
                ui.callout("آخرین دستور پنل برای این سرور پس از چند تلاش انجام نشد. ",
                           ui.button("ارسال دوباره", variant="soft", tone="amber",
                                     on_click=s.retry_command(r.id, r.failed_command), class_name="retry-command"),
                           tone="amber", icon_name="triangle-alert")),
        rx.cond(r.history.length() > 0, rx.el.details(
            rx.el.summary("دستورهای پنل", class_name="summary"),
            rx.el.ol(rx.foreach(r.history, lambda line: rx.el.li(line)), class_name="timeline"),  # noqa: PLW0108
        )),
        gap=2,
    )


def _link_form(r: rx.Var) -> rx.Component:
    s = StaffCustomerState
    return rx.el.form(
        rx.el.input(type="hidden", name="service_id", value=r.id.to_string()),
        rx.el.div(
            rx.el.div(
                rx.el.label("پنل سرور", html_for="panel-" + r.id.to_string()),
                rx.el.select(rx.el.option("بدون پنل (فقط صورت‌حساب)", value=""),
                             rx.foreach(s.panel_options, lambda o: rx.el.option(o.label, value=o.value)),
                             name="panel_id", id="panel-" + r.id.to_string(), default_value=r.panel_id,
                             class_name="input"),
                class_name="field",
            ),
            staff_field("شناسه VPS روی پنل", "vpsid", value=r.vpsid, input_mode="numeric", latin=True,
                        field_id="vpsid-" + r.id.to_string()),
            class_name="grid md-cols-2",
        ),
        rx.el.div(ui.button("ذخیره اتصال به پنل", type="submit", variant="soft")),
        on_submit=s.link_server,
        class_name="stack g3",
    )


def _action_form(hidden: list, action: str, label: str, tone: str) -> rx.Component:
    return rx.el.form(*hidden, rx.el.input(type="hidden", name="action", value=action),
                      ui.button(label, type="submit", variant="soft", tone=tone, class_name=f"service-{action}"),
                      on_submit=StaffCustomerState.act_on_service)


def _services() -> rx.Component:
    s = StaffCustomerState
    return ui.stack(
        ui.row(ui.heading("سرویس‌ها", level="h2", size=4, class_name="grow"),
               ui.button(icon("rotate-ccw", 16), "خواندن دوباره از پنل", variant="ghost", on_click=s.resync,
                         id="resync"), gap=2),
        rx.cond(s.services.length() > 0, ui.stack(rx.foreach(s.services, _service_card), gap=2),
                ui.text("سرویسی ندارد.", size=2, muted=True)),
        gap=2,
    )


def _invoices() -> rx.Component:
    s = StaffCustomerState
    return ui.stack(
        ui.heading("صورت‌حساب‌ها", level="h2", size=4),
        rx.cond(
            s.invoices.length() > 0,
            ui.stack(
                rx.foreach(
                    s.invoices,
                    lambda r: ui.card(
                        ui.row(
                            ui.text(r.title, bold=True, class_name="grow"),
                            ui.text(r.amount, size=2, as_="span", class_name="nowrap"),
                            ui.text(r.date, size=2, muted=True, as_="span"),
                            _status_badge(r.status, r.status_label),
                            ui.download_link(icon("file-down"), "PDF", href="/documents/invoices/" + r.id.to_string(),
                                             class_name="btn btn-ghost tone-indigo staff-invoice-pdf",
                                             aria_label="PDF رسمی " + r.title),
                            rx.cond(s.can_bill & (r.status == "unpaid"), rx.el.form(
                                rx.el.input(type="hidden", name="number", value=r.id.to_string()),
                                ui.button("لغو", type="submit", variant="ghost", tone="red",
                                          aria_label="لغو " + r.title, class_name="cancel-invoice"),
                                on_submit=s.cancel_invoice,
                            )),
                            gap=3,
                            wrap=True,
                        ),
                        class_name="staff-invoice",
                        data_number=r.id,
                    ),
                ),
                gap=2,
            ),
            ui.text("صورت‌حسابی ندارد.", size=2, muted=True),
        ),
        gap=2,
    )


def _line_rows(errors: rx.Var, description: str, amount: str, error_key: str) -> list[rx.Component]:
    """The rows of an invoice's or a quote's lines: description and amount, the row's error under them."""
    return [rx.el.div(
        staff_field(f"شرح ردیف {i}", f"{description}{i}"),
        staff_field(f"مبلغ ردیف {i} (تومان)", f"{amount}{i}", input_mode="numeric"),
        rx.cond(errors.contains(f"{error_key}{i}"),
                rx.el.p(errors[f"{error_key}{i}"], class_name="field-error", role="alert", id=f"{error_key}{i}-error")),
        class_name="grid md-cols-2",
    ) for i in range(1, INVOICE_FORM_LINES + 1)]


def _billing_fold(title: str, toggle_id: str, on_submit, *children: rx.Component) -> rx.Component:
    """A billing form folded under its title on the customer page, for roles that may bill; it is
    rebuilt empty after each success (`form_key`)."""
    s = StaffCustomerState
    return rx.cond(s.can_bill, ui.card(rx.el.details(
        rx.el.summary(title, class_name="summary", id=toggle_id),
        rx.el.form(ui.stack(*children, gap=3), on_submit=on_submit, no_validate=True, key=s.form_key.to_string()),
    )))


def _new_invoice_form() -> rx.Component:
    s = StaffCustomerState
    errors = s.invoice_errors
    return _billing_fold(
        "صدور صورت‌حساب", "new-invoice-toggle", s.create_invoice,
        ui.text(s.vat_hint, size=2, muted=True),
        *_line_rows(errors, "description", "amount", "line"),
        staff_field("سررسید (مثل ۱۴۰۵/۰۹/۱۰)", "due", errors, input_mode="numeric"),
        rx.el.div(ui.button("صدور صورت‌حساب", type="submit", id="create-invoice")),
    )


def _quote_form() -> rx.Component:
    s = StaffCustomerState
    errors = s.quote_errors
    return _billing_fold(
        "پیش‌فاکتور تازه", "new-quote-toggle", s.create_quote,
        staff_field("عنوان", "quote_subject", errors),
        ui.text(s.vat_hint, size=2, muted=True),
        *_line_rows(errors, "qdescription", "qamount", "qline"),
        staff_field("معتبر تا (مثل ۱۴۰۵/۰۹/۲۰)", "valid_until", errors, input_mode="numeric"),
        rx.el.label(rx.el.input(type="checkbox", name="send", default_checked=True, class_name="checkbox"),
                    "همین حالا برای مشتری فرستاده شود", class_name="row g2"),
        rx.el.div(ui.button("ساختن پیش‌فاکتور", type="submit", id="create-quote")),
    )


def _refund_form() -> rx.Component:
    s = StaffCustomerState
    return _billing_fold(
        "بازگشت مبلغ به اعتبار", "refund-toggle", s.refund,
        ui.text("مبلغ صورت‌حساب پرداخت‌شده (همه یا بخشی از آن) به اعتبار مشتری برمی‌گردد؛ با بازگشت همه "
                "مبلغ، صورت‌حساب «مستردشده» می‌شود.", size=2, muted=True),
        rx.el.div(
            staff_field("شماره صورت‌حساب", "refund_number", s.refund_errors, input_mode="numeric"),
            staff_field("مبلغ (تومان)", "refund_amount", s.refund_errors, input_mode="numeric"),
            staff_field("دلیل", "refund_note", s.refund_errors),
            class_name="grid md-cols-2",
        ),
        rx.el.div(ui.button("بازگشت به اعتبار", type="submit", tone="amber", variant="soft", id="refund-invoice")),
    )


def _service_form() -> rx.Component:
    s = StaffCustomerState
    errors = s.service_errors
    return _billing_fold(
        "افزودن سرویس", "add-service-toggle", s.add_service,
        rx.cond(errors.contains("form"), ui.callout(errors["form"], tone="red")),
        rx.el.div(
            staff_field("نام سرویس", "name", errors),
            staff_field("پلن", "plan", errors),
            staff_field("نام میزبان", "hostname", errors, latin=True),
            staff_field("آدرس IP", "ip_address", errors, latin=True),
            staff_field("مبلغ هر دوره (تومان)", "price_toman", errors, input_mode="numeric"),
            staff_field("دوره (ماه)", "cycle_months", errors, value="1", input_mode="numeric"),
            staff_field("نخستین سررسید (مثل ۱۴۰۵/۰۹/۰۳)", "first_due", errors, input_mode="numeric"),
            class_name="grid md-cols-2",
        ),
        rx.el.div(ui.button("افزودن سرویس", type="submit", id="add-service")),
    )


def _transfer_form() -> rx.Component:
    s = StaffCustomerState
    errors = s.transfer_errors
    return _billing_fold(
        "ثبت واریز بانکی", "transfer-toggle", s.record_transfer,
        ui.text("واریز باید برابر مبلغ صورت‌حساب باشد؛ مانند پرداخت آنلاین تسویه می‌شود "
                "(تمدید سرویس، رفع تعلیق، تأیید با ایمیل و پیامک).", size=2, muted=True),
        rx.cond(errors.contains("form"), ui.callout(errors["form"], tone="red", id="transfer-error")),
        rx.el.div(
            staff_field("شماره صورت‌حساب", "invoice_number", errors, input_mode="numeric"),
            staff_field("مبلغ (تومان)", "amount_toman", errors, input_mode="numeric"),
            staff_field("تاریخ واریز (مثل ۱۴۰۵/۰۹/۰۳)", "paid_on", errors, input_mode="numeric"),
            staff_field("شماره پیگیری بانک", "reference", errors, latin=True),
            staff_field("یادداشت", "note", errors),
            class_name="grid md-cols-2",
        ),
        rx.el.div(ui.button("ثبت واریز", type="submit", id="record-transfer")),
    )


def staff_customer_page() -> rx.Component:
    s = StaffCustomerState
    return staff_page(
        rx.cond(
            s.loaded,
            rx.cond(
                s.found,
                ui.stack(
                    ui.card(
                        ui.stack(
                            ui.heading(s.name, level="h2", size=5, id="customer-name"),
                            ui.text(s.email, dir="ltr", class_name="ltr-fragment"),
                            ui.text("اعتبار: ", s.credit, size=2, muted=True),
                            ui.text(s.buyer_line, size=2, muted=True, id="customer-buyer"),
                            rx.cond(s.can_edit, rx.el.details(
                                rx.el.summary("ویرایش اطلاعات تماس", class_name="summary"),
                                _customer_form(s.contact_errors, s.save_contact, "ذخیره",
                                               {"first_name": s.first_name, "last_name": s.last_name,
                                                "email": s.email, "mobile": s.mobile}),
                            )),
                            gap=2,
                        ),
                        roomy=True,
                    ),
                    _services(),
                    _service_form(),
                    _invoices(),
                    _new_invoice_form(),
                    _refund_form(),
                    _rows("پیش‌فاکتورها", s.quotes, "پیش‌فاکتوری ندارد.", "staff-quote"),
                    _quote_form(),
                    _transfer_form(),
                    _rows("پرداخت‌ها", s.payments, "پرداختی ندارد.", "staff-payment"),
                    _rows("پیام‌ها", s.messages, "پیامی فرستاده نشده است.", "staff-message"),
                    gap=4,
                ),
                ui.callout("مشتری پیدا نشد.", icon_name="info", id="customer-not-found"),
            ),
            ui.placeholder("ph-block"),
        ),
        title="مشتری",
        active="مشتریان",
    )


def _payment_card(p: rx.Var) -> rx.Component:
    s = StaffPaymentsState
    return ui.card(
        ui.stack(
            ui.row(
                ui.text(p.title, bold=True, as_="span"),
                _status_badge(p.status, p.status_label),
                ui.badge(p.gateway, tone="indigo"),
                ui.spacer(),
                ui.text(p.amount, size=2, as_="span", class_name="nowrap"),
                gap=2,
                wrap=True,
            ),
            ui.text(p.customer, size=2, dir="ltr", class_name="ltr-fragment"),
            ui.text("صورت‌حساب‌ها: ", p.invoices, " — ", p.date,
                    rx.cond(p.ref_id != "", rx.fragment(" — شماره پیگیری ", p.ref_id)),
                    size=2, muted=True),
            rx.el.details(
                rx.el.summary("رویدادهای درگاه", class_name="summary"),
                rx.el.ol(rx.foreach(p.events, lambda e: rx.el.li(e)),  # noqa: PLW0108 (one argument)
                         class_name="timeline"),
            ),
            rx.cond(s.can_check & (p.status == "pending"),
                    rx.el.div(ui.button("بررسی با درگاه", variant="soft", class_name="check-now",
                                        on_click=s.check_now(p.id)))),
            gap=2,
        ),
        class_name="staff-payment",
    )


def staff_payments_page() -> rx.Component:
    s = StaffPaymentsState
    return staff_page(
        filter_bar(
            s.filter,
            rx.el.select(rx.el.option("همه وضعیت‌ها", value=""), rx.el.option("در انتظار", value="pending"),
                         rx.el.option("موفق", value="succeeded"), rx.el.option("ناموفق", value="failed"),
                         rx.el.option("لغوشده", value="cancelled"), name="status", default_value=s.status_filter,
                         class_name="input narrow-input", aria_label="وضعیت"),
            rx.el.select(rx.el.option("همه روش‌ها", value=""), rx.el.option("زرین‌پال", value="zarinpal"),
                         rx.el.option("واریز بانکی", value="bank_transfer"),
                         rx.el.option("اعتبار حساب", value="credit"), name="gateway",
                         default_value=s.gateway_filter, class_name="input narrow-input", aria_label="روش پرداخت"),
            rx.el.input(name="q", default_value=s.query, class_name="input grow", dir="ltr",
                        aria_label="ایمیل مشتری یا شماره پیگیری", placeholder="ایمیل یا شماره پیگیری"),
        ),
        listing(s.loaded, s.rows, _payment_card, ui.callout("پرداختی با این مشخصات نیست.", icon_name="info")),
        title="پرداخت‌ها",
        active="پرداخت‌ها",
    )


def _message_card(m: rx.Var) -> rx.Component:
    s = StaffMessagesState
    return ui.card(
        ui.row(
            ui.stack(ui.text(m.title, bold=True), ui.text(m.detail, size=2, muted=True),
                     ui.text("تلاش‌ها: ", m.amount, " — ", m.date, size=1, muted=True),
                     gap=1, class_name="grow"),
            _status_badge(m.status, m.status_label),
            rx.cond(s.can_retry & (m.status == "failed"),
                    ui.button("ارسال دوباره", variant="soft", class_name="retry-message",
                              on_click=s.retry(m.id))),
            gap=3,
            wrap=True,
        ),
        class_name="staff-message",
    )


def staff_messages_page() -> rx.Component:
    s = StaffMessagesState
    return staff_page(
        ui.text("ایمیل‌ها و پیامک‌های در صف و ناموفق. پیام ناموفق را پس از رفع مشکل (مثلاً شماره یا ایمیل نادرست) "
                "دوباره بفرستید؛ پیام فرستاده‌شده هرگز دوباره فرستاده نمی‌شود.", size=2, muted=True),
        listing(s.loaded, s.rows, _message_card,
                 ui.callout("پیامی در صف یا ناموفق نیست.", icon_name="circle-check", tone="green")),
        title="صف پیام‌ها",
        active="پیام‌ها",
    )


AUDIT_GROUPS = (("customer", "مشتریان"), ("service", "سرویس‌ها"), ("invoice", "صورت‌حساب‌ها"),
                ("payment", "پرداخت‌ها"), ("quote", "پیش‌فاکتورها"), ("message", "پیام‌ها"), ("ticket", "تیکت‌ها"),
                ("department", "بخش‌های پشتیبانی"), ("saved_reply", "پاسخ‌های آماده"), ("panel", "پنل‌های سرور"),
                ("staff", "کارکنان"))


def staff_audit_page() -> rx.Component:
    s = StaffAuditState
    return staff_page(
        filter_bar(
            s.filter,
            rx.el.input(name="staff", default_value=s.staff_filter, class_name="input", aria_label="کارمند (ایمیل)",
                        placeholder="کارمند (ایمیل)", dir="ltr"),
            rx.el.select(rx.el.option("همه کارها", value=""),
                         *[rx.el.option(label, value=f"{prefix}.") for prefix, label in AUDIT_GROUPS],
                         name="action", default_value=s.action_filter, class_name="input narrow-input",
                         aria_label="کار"),
        ),
        rx.cond(
            s.loaded,
            ui.stack(
                rx.foreach(
                    s.rows,
                    lambda r: ui.card(
                        ui.stack(
                            ui.row(ui.text(r.action_label, bold=True, as_="span"),
                                   ui.text(r.target, size=2, as_="span"), ui.spacer(),
                                   ui.badge(r.action, tone="gray", dir="ltr", class_name="audit-action"),
                                   ui.text(r.at, size=2, muted=True, as_="span"), gap=2, wrap=True),
                            ui.text(r.staff, size=2, dir="ltr", class_name="ltr-fragment"),
                            rx.cond(r.before != "", ui.text("پیش از: ", rx.el.bdi(r.before), size=2, muted=True)),
                            rx.cond(r.after != "", ui.text("پس از: ", rx.el.bdi(r.after), size=2)),
                            gap=1,
                        ),
                        class_name="audit-row",
                    ),
                ),
                gap=2,
            ),
            ui.placeholder("ph-block"),
        ),
        title="رویدادهای کارکنان",
        active="رویدادها",
    )


_ROLE_OPTIONS = (("admin", "مدیر — همه کارها و مدیریت کارکنان"), ("billing", "مالی — مشتریان، سرویس‌ها، صورت‌حساب‌ها"),
                 ("support", "پشتیبانی — تیکت‌ها؛ مشتریان فقط خواندنی"))


def _member_action(m: rx.Var, action: str, label: str, tone: str, *extra: rx.Component) -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="staff_id", value=m.id.to_string()),
        rx.el.input(type="hidden", name="seen", value=m.version),
        rx.el.input(type="hidden", name="action", value=action),
        *extra,
        ui.button(label, type="submit", variant="soft", tone=tone, class_name=f"member-{action}",
                  aria_label=label + " — " + m.email),
        on_submit=StaffTeamState.manage,
        class_name="row g2 wrap",
    )


def _member_card(m: rx.Var) -> rx.Component:
    return ui.card(
        ui.stack(
            ui.row(
                ui.stack(rx.cond(m.name != "", ui.text(m.name, bold=True)),
                         ui.text(m.email, size=2, dir="ltr", class_name="ltr-fragment"), gap=1, class_name="grow"),
                ui.badge(m.role_label, tone="indigo"),
                rx.cond(m.active, ui.badge("فعال", tone="green"), ui.badge("غیرفعال", tone="gray")),
                rx.cond(m.enrolled, ui.badge("احراز دومرحله‌ای فعال", tone="green"),
                        ui.badge("در انتظار فعال‌سازی احراز دومرحله‌ای", tone="amber")),
                gap=2,
                wrap=True,
            ),
            ui.text("آخرین ورود: ", m.last_sign_in, " — کدهای بازیابی مانده: ", m.recovery_left, size=2, muted=True),
            rx.cond(
                m.is_me,
                ui.text("این حساب خودتان است؛ نقش و وضعیت آن را مدیر دیگری تغییر می‌دهد. رمز عبورتان را از ",
                        ui.link("حساب من", href="/staff/account"), " عوض کنید.", size=2, muted=True),
                rx.el.details(
                    rx.el.summary("مدیریت حساب", class_name="summary"),
                    ui.stack(
                        _member_action(m, "role", "تغییر نقش", "indigo", rx.el.select(
                            *[rx.el.option(label, value=value) for value, label in _ROLE_OPTIONS],
                            name="role", default_value=m.role, class_name="input narrow-input",
                            aria_label="نقش تازه " + m.email)),
                        ui.row(
                            rx.cond(m.active, _member_action(m, "disable", "غیرفعال کردن", "red"),
                                    _member_action(m, "enable", "فعال کردن", "green")),
                            _member_action(m, "password", "رمز عبور تازه", "amber"),
                            _member_action(m, "totp", "باطل کردن احراز دومرحله‌ای", "amber"),
                            gap=2,
                            wrap=True,
                        ),
                        ui.text("هر تغییر نشست‌های باز این کارمند را می‌بندد. «باطل کردن احراز دومرحله‌ای» برای "
                                "گوشی گم‌شده است: در ورود بعدی کد QR تازه می‌گیرد.", size=2, muted=True),
                        gap=3,
                    ),
                ),
            ),
            gap=2,
        ),
        class_name="staff-member",
        data_email=m.email,
    )


def staff_team_page() -> rx.Component:
    s = StaffTeamState
    return staff_page(
        rx.cond(s.handed_password != "",
                ui.callout("رمز عبور نخست ", rx.el.bdi(s.handed_to), ": ",
                           rx.el.code(s.handed_password, dir="ltr", id="handed-password"),
                           " — آن را از راهی امن به او بدهید؛ دوباره نمایش داده نمی‌شود.",
                           tone="green", icon_name="circle-check")),
        rx.el.div(listing(s.loaded, s.rows, _member_card, ui.text("کارمندی نیست.", muted=True)),
                  key=s.form_key.to_string()),
        ui.card(
            ui.stack(
                ui.heading("کارمند تازه", level="h2", size=4),
                rx.el.form(
                    ui.stack(
                        rx.el.div(
                            staff_field("ایمیل", "email", s.errors, type="email", latin=True,
                                        field_id="new-staff-email"),
                            staff_field("نام", "name", s.errors, field_id="new-staff-name"),
                            rx.el.div(
                                rx.el.label("نقش", html_for="new-staff-role"),
                                rx.el.select(rx.el.option("انتخاب کنید", value=""),
                                             *[rx.el.option(label, value=value) for value, label in _ROLE_OPTIONS],
                                             name="role", id="new-staff-role", class_name="input",
                                             aria_invalid=rx.cond(s.errors.contains("role"), "true", "false")),
                                rx.cond(s.errors.contains("role"),
                                        rx.el.p(s.errors["role"], class_name="field-error", role="alert")),
                                class_name="field",
                            ),
                            class_name="grid md-cols-2",
                        ),
                        rx.el.div(ui.button("افزودن کارمند", type="submit", id="add-staff")),
                        gap=3,
                    ),
                    on_submit=s.add,
                    no_validate=True,
                    key=s.form_key.to_string(),
                ),
                gap=3,
            ),
            roomy=True,
        ),
        title="کارکنان",
        active="کارکنان",
    )


def staff_account_page() -> rx.Component:
    s = StaffAccountState
    return staff_page(
        ui.card(
            ui.stack(
                ui.heading("تغییر رمز عبور", level="h2", size=4),
                ui.text("رمز عبور تازه دست‌کم ده نویسه باشد. پس از تغییر، مرورگرهای دیگرتان از حساب بیرون می‌روند.",
                        size=2, muted=True),
                rx.el.form(
                    ui.stack(
                        staff_field("رمز عبور کنونی", "current_password", s.errors, type="password", latin=True,
                                    auto_complete="current-password"),
                        staff_field("رمز عبور تازه", "new_password", s.errors, type="password", latin=True,
                                    auto_complete="new-password"),
                        staff_field("تکرار رمز عبور تازه", "repeat_password", s.errors, type="password", latin=True,
                                    auto_complete="new-password"),
                        rx.el.div(ui.button("تغییر رمز عبور", type="submit", id="change-password")),
                        gap=3,
                    ),
                    on_submit=s.change_password,
                    no_validate=True,
                    key=s.form_key.to_string(),
                ),
                gap=3,
            ),
            roomy=True,
        ),
        title="حساب من",
        active="حساب من",
    )



def _panel_form(p: rx.Var | None) -> rx.Component:
    """One panel's fields (a new one's with `p` None); the password is only ever written, never shown."""
    s = StaffPanelsState
    errors = s.errors if p is None else None
    suffix = "new" if p is None else p.id.to_string()
    return rx.el.form(
        rx.el.input(type="hidden", name="panel_id", value="" if p is None else p.id.to_string()),
        rx.el.div(
            staff_field("نام", "panel_name", errors, value="" if p is None else p.name, field_id="pname-" + suffix),
            staff_field("نشانی API مدیر (پورت ۴۰۸۵)", "panel_url", errors, latin=True,
                        value="" if p is None else p.url, placeholder="https://panel.example.ir:4085",
                        field_id="purl-" + suffix),
            staff_field("کلید API", "panel_key", errors, latin=True, value="" if p is None else p.api_key,
                        field_id="pkey-" + suffix, auto_complete="off"),
            staff_field("رمز API" if p is None else "رمز API (خالی: همان قبلی)", "panel_pass", errors, latin=True,
                        type="password", field_id="ppass-" + suffix, auto_complete="new-password"),
            class_name="grid md-cols-2",
        ),
        ui.row(
            rx.el.label(rx.el.input(type="checkbox", name="verify_tls", class_name="checkbox",
                                    default_checked=True if p is None else p.verify_tls),
                        "بررسی گواهی TLS", class_name="row g2"),
            rx.el.label(rx.el.input(type="checkbox", name="panel_active", class_name="checkbox",
                                    default_checked=True if p is None else p.active),
                        "فعال", class_name="row g2"),
            ui.spacer(),
            ui.button("آزمایش اتصال", variant="ghost", on_click=s.test(p.id)) if p is not None else rx.fragment(),
            ui.button("افزودن پنل" if p is None else "ذخیره", type="submit", variant="soft", class_name="save-panel"),
            gap=3,
            wrap=True,
        ),
        on_submit=s.save,
        no_validate=True,
        class_name="stack g3",
    )


def staff_panels_page() -> rx.Component:
    s = StaffPanelsState
    return staff_page(
        ui.text("پنل‌های Virtualizor که سرورها روی آن‌اند. هر سرویس در صفحه مشتری به یک پنل و شناسه VPS وصل "
                "می‌شود؛ تعلیق، رفع تعلیق و روشن کردن پس از پرداخت خودکار روی پنل انجام می‌شود.", size=2, muted=True),
        rx.cond(s.loaded, ui.stack(rx.foreach(s.rows, lambda p: ui.card(_panel_form(p), class_name="panel-row")),
                                   gap=2), ui.placeholder("ph-block")),
        ui.card(ui.stack(ui.heading("پنل تازه", level="h2", size=4),
                         rx.el.div(_panel_form(None), key=s.form_key.to_string()), gap=3), roomy=True),
        title="پنل‌های سرور",
        active="پنل‌ها",
    )
