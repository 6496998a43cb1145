"""The staff face's state: who is signed in (set by the guard from the staff cookie on every event),
and the staff pages. Every handler names the permission it needs with `staff_event`; the guard
refuses a handler that names none, a tab without a staff session (or with only a customer one), a
session whose second factor has not passed, and a role without the permission."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

from dorna_app import fa, labels, live
from dorna_app.backoffice import audit, customers, operations, panels, team
from dorna_app.backoffice import auth as staff_auth
from dorna_app.backoffice import quotes as staff_quotes
from dorna_app.backoffice.roles import ROLE_LABELS, Permission, allows
from dorna_app.billing import official, servers, tax
from dorna_app.billing.dates import business_today
from dorna_app.billing.servers import POWER_WORDS
from dorna_app.notify.models import OutboxMessage
from dorna_app.provisioning import commands as panel_commands
from dorna_app.state.base import cookie_value, int_param, public_event
from dorna_app.state.views import (
    Option,
    PanelRow,
    StaffAuditRow,
    StaffCustomerRow,
    StaffFigure,
    StaffMemberRow,
    StaffPaymentRow,
    StaffRow,
    StaffServiceRow,
)

F = TypeVar("F", bound=Callable[..., Any])
BEFORE_SECOND_FACTOR = "before-second-factor"

SERVICE_STATUS = {"active": "فعال", "suspended": "معلق", "pending": "در انتظار", "terminated": "خاتمه‌یافته",
                  "cancelled": "لغوشده"}
INVOICE_STATUS = {"unpaid": "پرداخت‌نشده", "paid": "پرداخت‌شده", "cancelled": "لغوشده", "refunded": "مستردشده"}
PAYMENT_STATUS = {"pending": "در انتظار", "succeeded": "موفق", "failed": "ناموفق", "cancelled": "لغوشده"}
QUOTE_STATUS = {"draft": "پیش‌نویس", "delivered": "فرستاده شد", "accepted": "پذیرفته شد", "declined": "رد شد"}
MESSAGE_STATUS = {"pending": "در صف", "sending": "در حال ارسال", "sent": "فرستاده شد", "failed": "ناموفق"}


def staff_event(permission: Permission | str) -> Callable[[F], F]:
    """A staff handler and the permission it needs (`BEFORE_SECOND_FACTOR` for the sign-in's own)."""

    def wrap(fn: F) -> F:
        fn.__dorna_staff_permission__ = str(permission)  # type: ignore[attr-defined]
        return rx.event(fn)

    return wrap


def staff_permission(handler: Any) -> str | None:
    return getattr(handler.fn, "__dorna_staff_permission__", None)


def staff_token(cookie_header: str) -> str | None:
    return cookie_value(cookie_header, staff_auth.STAFF_COOKIE)


class StaffState(rx.State):
    """Who is signed in on the staff side. Not a customer's SessionState: the two never mix."""

    staff_email: str = ""
    staff_name: str = ""
    role: str = ""
    role_label: str = ""
    notice: str = ""
    notice_tone: str = "info"
    _staff_id: int = 0

    def _say(self, text: str, tone: str = "error") -> None:
        self.notice, self.notice_tone = text, tone

    def _forget_staff(self) -> None:
        self.reset()

    def _may(self, permission: Permission) -> bool:
        return allows(self.role, permission)

    def _register_live(self) -> None:
        """A live staff page's load: this tab hears of ticket changes (`state.live.publish_staff`)."""
        live.register_staff_tab(self._staff_id, self.router.session.client_token)

    @staff_event(Permission.VIEW)
    def dismiss_notice(self) -> None:
        self.notice = ""


class StaffLoginState(rx.State):
    """The staff sign-in page: what went wrong last time (from the address), nothing else."""

    error: str = ""

    @public_event
    def load(self) -> None:
        reasons = {"invalid": "ایمیل یا رمز عبور درست نیست.", "missing": "ایمیل و رمز عبور را وارد کنید.",
                   "throttled": "تلاش‌های نادرست زیاد بود؛ چند دقیقه دیگر دوباره امتحان کنید.",
                   "expired": "نشست شما پایان یافت؛ دوباره وارد شوید."}
        self.error = reasons.get(self.router.url.query_parameters.get("error", ""), "")


class StaffVerifyState(StaffState):
    """The second step: a TOTP code (enrolling the authenticator the first time), or a recovery code."""

    enrolling: bool = False
    secret: str = ""
    qr: str = ""
    error: str = ""
    recovery_codes: list[str] = []
    done: bool = False

    @staff_event(BEFORE_SECOND_FACTOR)
    def load(self) -> rx.event.EventSpec | None:
        who = staff_auth.identity_for_token(staff_token(self.router.headers.cookie))
        if who is None:
            return rx.redirect("/staff/login", replace=True)
        if who.second_factor_passed and not self.recovery_codes:
            return rx.redirect("/staff", replace=True)
        enrolment = staff_auth.enrolment(staff_token(self.router.headers.cookie))
        self.enrolling = enrolment is not None
        self.secret, self.qr = enrolment or ("", "")
        self.error = ""
        return None

    @staff_event(BEFORE_SECOND_FACTOR)
    def submit(self, form: dict) -> rx.event.EventSpec | None:
        code = str(form.get("code", ""))[:64]
        result = staff_auth.pass_second_factor(staff_token(self.router.headers.cookie), code,
                                               ip_address=self.router.session.client_ip or "")
        if not result.ok:
            self.error = result.error
            return None
        self.error = ""
        if result.recovery_codes:
            self.recovery_codes = result.recovery_codes
            self.secret, self.qr, self.done = "", "", True
            return None
        return rx.redirect("/staff", replace=True)


class StaffDashboardState(StaffState):
    figures: list[StaffFigure] = []
    loaded: bool = False

    @staff_event(Permission.VIEW)
    def load(self) -> None:
        self._register_live()
        self._reload()

    def _reload(self) -> None:
        f = customers.figures(business_today())
        self.figures = [
            StaffFigure(label="پرداخت‌های امروز", value=fa.digits(f.payments_today),
                        note=fa.toman(f.paid_today_rial), tone="green", key="payments-today"),
            StaffFigure(label="صورت‌حساب پرداخت‌نشده", value=fa.digits(f.unpaid_invoices),
                        note=fa.toman(f.unpaid_total_rial), tone="red", key="unpaid"),
            StaffFigure(label="سرویس سررسیدگذشته", value=fa.digits(f.overdue_services), note="", tone="amber",
                        key="overdue"),
            StaffFigure(label="سرویس معلق", value=fa.digits(f.suspended_services), note="", tone="red",
                        key="suspended"),
            StaffFigure(label="پرداخت در انتظار", value=fa.digits(f.pending_payments), note="", tone="blue",
                        key="pending"),
            StaffFigure(label="پیام ناموفق", value=fa.digits(f.failed_messages), note="", tone="red",
                        key="failed-messages"),
            StaffFigure(label="تیکت باز", value=fa.digits(f.open_tickets), note="", tone="blue", key="tickets"),
        ]
        self.loaded = True


_CUSTOMER_FORM = {"first_name": "", "last_name": "", "email": "", "mobile": ""}


class StaffCustomersState(StaffState):
    """Find customers, and create one."""

    query: str = ""
    rows: list[StaffCustomerRow] = []
    loaded: bool = False
    can_create: bool = False
    errors: dict[str, str] = {}
    created_password: str = ""
    created_id: int = 0

    @staff_event(Permission.VIEW)
    def load(self) -> None:
        self.query = str(self.router.url.query_parameters.get("q", ""))[:100]
        self.can_create = self._may(Permission.CUSTOMERS_WRITE)
        self.errors, self.created_password, self.created_id = {}, "", 0
        self._search()

    @staff_event(Permission.VIEW)
    def search(self, form: dict) -> None:
        self.query = str(form.get("q", ""))[:100]
        self._search()

    def _search(self) -> None:
        self.rows = [StaffCustomerRow(id=r.id, name=r.name or "—", email=r.email, mobile=fa.digits(r.mobile),
                                      services=fa.digits(r.services), unpaid=fa.digits(r.unpaid),
                                      href=f"/staff/customers/{r.id}")
                     for r in customers.search_customers(self.query)]
        self.loaded = True

    @staff_event(Permission.CUSTOMERS_WRITE)
    def create(self, form: dict) -> None:
        values = {k: str(form.get(k, ""))[:254] for k in _CUSTOMER_FORM}
        result = customers.create_customer(self._staff_id, **values)
        self.errors = result.errors
        if result.ok:
            self.created_password, self.created_id = result.password, result.object_id or 0
            self._say("مشتری ساخته شد. رمز عبور نخست را به او بدهید؛ دوباره نمایش داده نمی‌شود.", "success")
            self._search()


class StaffCustomerState(StaffState):
    """One customer: contact details, services, invoices, payments, credit, messages; edit and add a service."""

    found: bool = True
    loaded: bool = False
    customer_id: int = 0
    name: str = ""
    email: str = ""
    mobile: str = ""
    first_name: str = ""
    last_name: str = ""
    credit: str = ""
    services: list[StaffServiceRow] = []
    invoices: list[StaffRow] = []
    payments: list[StaffRow] = []
    messages: list[StaffRow] = []
    contact_errors: dict[str, str] = {}
    service_errors: dict[str, str] = {}
    transfer_errors: dict[str, str] = {}
    invoice_errors: dict[str, str] = {}
    quote_errors: dict[str, str] = {}
    quotes: list[StaffRow] = []
    refund_errors: dict[str, str] = {}
    panel_options: list[Option] = []
    can_edit: bool = False
    can_bill: bool = False
    form_key: int = 0
    vat_hint: str = ""  # what the billing forms add to the amounts written in them
    buyer_line: str = ""  # the customer's details for official invoices, in one line

    @staff_event(Permission.VIEW)
    def load(self) -> None:
        raw = self.router.page.params.get("customer_id", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self.customer_id = int_param(raw, 0)
        self.contact_errors, self.service_errors, self.transfer_errors = {}, {}, {}
        self.invoice_errors, self.refund_errors, self.quote_errors = {}, {}, {}
        self.can_edit = self._may(Permission.CUSTOMERS_WRITE)
        self.can_bill = self._may(Permission.BILLING_WRITE)
        rate = tax.current_rate_bp()
        self.vat_hint = (f"مبلغ‌ها را بدون مالیات بنویسید؛ {tax.percent_shown(rate)} {tax.VAT_WORDS} روی هر ردیف "
                         "صورت‌حساب افزوده می‌شود." if rate else "")
        self._reload()

    def _reload(self) -> None:
        detail = customers.customer_detail(self.customer_id) if self.customer_id else None
        self.found, self.loaded = detail is not None, True
        if detail is None:
            return
        c = detail.client
        self.name = customers.full_name(c) or c.email
        self.first_name, self.last_name, self.email, self.mobile = c.first_name, c.last_name, c.email, c.mobile or ""
        self.credit = fa.toman(c.credit_rial)
        self.buyer_line = buyer_summary(official.buyer_snapshot(c))
        on_panels = [(s.panel_id, s.vpsid) for s in detail.services if s.panel_id and s.vpsid]
        states = panel_commands.power_states(on_panels, timeout=3) if on_panels else {}
        names = panels.panel_names()
        self.panel_options = [Option(str(k), v) for k, v in names.items()]
        history = {s.id: panel_commands.history(s.id, limit=10) for s in detail.services}
        self.services = [StaffServiceRow(id=s.id, name=s.name,
                                         detail=fa.isolate_latin(" — ".join(p for p in (s.plan, s.ip_address) if p)),
                                         amount=fa.toman(s.price_rial), date=fa.jalali(s.next_due_date),
                                         status=s.status, status_label=SERVICE_STATUS.get(s.status, s.status),
                                         price_toman=fa.number(s.price_rial // 10),
                                         cycle=fa.digits(s.billing_cycle_months),
                                         version=operations.version_of(s),
                                         panel_id=str(s.panel_id or ""), panel=names.get(s.panel_id, ""),
                                         vpsid=str(s.vpsid or ""),
                                         server_label=f"{names.get(s.panel_id, '')} — "
                                                      f"{fa.isolate_latin(f'VPS {fa.digits(s.vpsid or 0)}')}",
                                         power=str(states.get((s.panel_id, s.vpsid), "")),
                                         power_label=POWER_WORDS.get(str(states.get((s.panel_id, s.vpsid), "")), ""),
                                         history=[command_line(c) for c in history[s.id]],
                                         failed_command=next((c.id for c in history[s.id] if c.status == "failed"), 0))
                         for s in detail.services]
        self.invoices = [StaffRow(id=i.number, title=f"صورت‌حساب {fa.digits(i.number)}", detail="",
                                  amount=fa.toman(i.total_rial), date=fa.jalali(i.due_on), status=i.status,
                                  status_label=INVOICE_STATUS.get(i.status, i.status)) for i in detail.invoices]
        self.payments = [StaffRow(id=p.id, title=f"پرداخت {fa.digits(p.id)}", detail=fa.digits(p.ref_id or ""),
                                  amount=fa.toman(p.amount_rial), date=fa.jalali_datetime(p.created_at),
                                  status=p.status, status_label=PAYMENT_STATUS.get(p.status, p.status))
                         for p in detail.payments]
        self.quotes = [StaffRow(id=q.id, title=f"پیش‌فاکتور {fa.digits(q.id)}: {q.subject}", detail="",
                                amount=fa.toman(q.total_rial), date=fa.jalali(q.valid_until), status=q.status,
                                status_label=QUOTE_STATUS.get(q.status, q.status))
                       for q in staff_quotes.staff_quotes(c.id)]
        self.messages = [message_row(m) for m in detail.messages]

    @staff_event(Permission.CUSTOMERS_WRITE)
    def save_contact(self, form: dict) -> None:
        values = {k: str(form.get(k, ""))[:254] for k in _CUSTOMER_FORM}
        result = customers.update_contact(self._staff_id, self.customer_id, **values)
        self.contact_errors = result.errors
        if result.ok:
            self._say("اطلاعات تماس ذخیره شد.", "success")
            self._reload()

    @staff_event(Permission.BILLING_WRITE)
    def add_service(self, form: dict) -> None:
        fields = ("name", "hostname", "ip_address", "plan", "price_toman", "cycle_months", "first_due")
        values = {k: str(form.get(k, ""))[:253] for k in fields}
        result = customers.create_service(self._staff_id, self.customer_id, **values)
        self.service_errors = result.errors
        if result.ok:
            self._say("سرویس افزوده شد؛ صورت‌حساب تمدید آن را کار روزانه صادر می‌کند.", "success")
            self.form_key += 1
            self._reload()


    @staff_event(Permission.BILLING_WRITE)
    def record_transfer(self, form: dict) -> None:
        fields = ("invoice_number", "amount_toman", "paid_on", "reference", "note")
        values = {k: str(form.get(k, ""))[:500] for k in fields}
        result = customers.record_bank_transfer(self._staff_id, self.customer_id, **values)
        self.transfer_errors = result.errors
        if result.ok:
            self._say("واریز ثبت شد و صورت‌حساب پرداخت‌شده است؛ سرویس‌های آن تمدید شدند و به مشتری خبر داده "
                      "می‌شود.", "success")
            self.form_key += 1
            self._reload()


    @staff_event(Permission.BILLING_WRITE)
    def act_on_service(self, form: dict) -> None:
        """Suspend (with a reason), unsuspend, terminate or cancel, as the service's card asked."""
        service_id = int_param(str(form.get("service_id", "")), 0)
        result = operations.service_action(
            self._staff_id, service_id, str(form.get("action", ""))[:16], reason=str(form.get("reason", "other"))[:16],
            note=str(form.get("note", ""))[:200], seen_status=str(form.get("seen_status", ""))[:16])
        self._after(result, "وضعیت سرویس تغییر کرد.")

    @staff_event(Permission.BILLING_WRITE)
    def edit_service(self, form: dict) -> None:
        service_id = int_param(str(form.get("service_id", "")), 0)
        result = operations.update_service(
            self._staff_id, service_id, price_toman=str(form.get("price_toman", ""))[:20],
            cycle_months=str(form.get("cycle_months", ""))[:5], next_due=str(form.get("next_due", ""))[:20],
            seen=str(form.get("seen", ""))[:80])
        self._after(result, "سرویس ذخیره شد.")

    @staff_event(Permission.BILLING_WRITE)
    def cancel_invoice(self, form: dict) -> None:
        number = int_param(str(form.get("number", "")), 0)
        if not any(row.id == number for row in self.invoices):  # only this customer's invoices, from this page
            self._say("صورت‌حساب پیدا نشد.")
            return
        self._after(operations.cancel_invoice(self._staff_id, number), "صورت‌حساب لغو شد.")

    @staff_event(Permission.BILLING_WRITE)
    def create_invoice(self, form: dict) -> None:
        lines = [(str(form.get(f"description{i}", ""))[:500], str(form.get(f"amount{i}", ""))[:20])
                 for i in range(1, operations.INVOICE_FORM_LINES + 1)]
        result = operations.create_invoice(self._staff_id, self.customer_id, lines=lines,
                                           due=str(form.get("due", ""))[:20])
        self.invoice_errors = result.errors
        if result.ok:
            self._say(f"صورت‌حساب شماره {fa.digits(result.object_id)} صادر شد و به مشتری خبر داده می‌شود.", "success")
            self.form_key += 1
            self._reload()

    @staff_event(Permission.BILLING_WRITE)
    def refund(self, form: dict) -> None:
        result = operations.refund_invoice(self._staff_id, self.customer_id,
                                           number=str(form.get("refund_number", ""))[:20],
                                           amount_toman=str(form.get("refund_amount", ""))[:20],
                                           note=str(form.get("refund_note", ""))[:150])
        self.refund_errors = result.errors
        if result.ok:
            self._say("مبلغ به اعتبار مشتری برگشت.", "success")
            self.form_key += 1
            self._reload()

    @staff_event(Permission.BILLING_WRITE)
    def create_quote(self, form: dict) -> None:
        lines = [(str(form.get(f"qdescription{i}", ""))[:500], str(form.get(f"qamount{i}", ""))[:20])
                 for i in range(1, operations.INVOICE_FORM_LINES + 1)]
        result = staff_quotes.create_quote(self._staff_id, self.customer_id,
                                           subject=str(form.get("quote_subject", ""))[:200], lines=lines,
                                           valid_until=str(form.get("valid_until", ""))[:20],
                                           send=bool(form.get("send")))
        self.quote_errors = result.errors
        if result.ok:
            self._say("پیش‌فاکتور ساخته شد و برای مشتری فرستاده شد." if form.get("send")
                      else "پیش‌فاکتور به صورت پیش‌نویس ذخیره شد.", "success")
            self.form_key += 1
            self._reload()

    @staff_event(Permission.BILLING_WRITE)
    def link_server(self, form: dict) -> None:
        """Point a service at its server on a panel (or at none)."""
        service_id = int_param(str(form.get("service_id", "")), 0)
        if not any(row.id == service_id for row in self.services):
            self._say("سرویس پیدا نشد.")
            return
        self._after(panels.link_server(self._staff_id, service_id, panel_id=str(form.get("panel_id", ""))[:12],
                                       vpsid=str(form.get("vpsid", ""))[:12]), "سرویس به سرورش روی پنل وصل شد.")

    @staff_event(Permission.BILLING_WRITE)
    def power_server(self, service_id: int, action: str) -> None:
        service_id = int_param(str(service_id), 0)
        if not any(row.id == service_id for row in self.services):
            self._say("سرویس پیدا نشد.")
            return
        self._after(panels.power(self._staff_id, service_id, str(action)[:16]),
                    servers.DONE_WORDS.get(str(action), "انجام شد."))

    @staff_event(Permission.BILLING_WRITE)
    def retry_command(self, service_id: int, command_id: int) -> None:
        """Send a panel command again that was given up on (after the panel was fixed)."""
        service_id, command_id = int_param(str(service_id), 0), int_param(str(command_id), 0)
        if not any(row.id == service_id and row.failed_command == command_id for row in self.services):
            self._say("دستور پیدا نشد.")
            return
        self._after(panels.retry_command(self._staff_id, service_id, command_id),
                    "دستور دوباره در صف پنل قرار گرفت.")

    @staff_event(Permission.VIEW)
    def resync(self) -> None:
        """Read every server's state from its panel again."""
        self._reload()
        self._say("وضعیت سرورها از پنل دوباره خوانده شد.", "info")

    def _after(self, result: customers.FormResult, done: str) -> None:
        if result.ok:
            self._say(done, "success")
            self.form_key += 1
            self._reload()
        else:
            self._say(next(iter(result.errors.values()), "انجام نشد."))


_BUYER_FIELDS = (("national_id", "کد ملی"), ("company_id", "شناسه ملی"), ("economic_code", "کد اقتصادی"),
                 ("postal_code", "کد پستی"), ("address", "نشانی"))


def buyer_summary(buyer: dict[str, str]) -> str:
    """What official invoices say about the buyer, for staff: who, and each number that is given."""
    parts = [f"{label} {fa.digits(buyer[key])}" for key, label in _BUYER_FIELDS if buyer.get(key)]
    if not parts:
        return "صورت‌حساب رسمی: اطلاعات خریدار ثبت نشده است."
    who = "شخص حقوقی" if buyer.get("type") == "legal" else "شخص حقیقی"
    return f"صورت‌حساب رسمی ({who}): {buyer.get('name', '')} — " + "، ".join(parts)
EVENT_WORDS = {"created": "ساخته شد", "requested": "درخواست به درگاه", "request_failed": "درگاه پاسخ نداد",
               "reused": "همان پرداخت دوباره به کار رفت", "verify": "پاسخ تأیید درگاه", "settled": "تسویه شد",
               "replay": "بازگشت تکراری (بی‌اثر)", "offline": "واریز بانکی ثبت شد", "given_up": "رها شد"}


class StaffPaymentsState(StaffState):
    """Payments with their gateway timeline; a pending one can be checked with the gateway now."""

    rows: list[StaffPaymentRow] = []
    status_filter: str = ""
    gateway_filter: str = ""
    query: str = ""
    loaded: bool = False
    can_check: bool = False

    @staff_event(Permission.VIEW)
    def load(self) -> None:
        params = self.router.url.query_parameters
        self.status_filter = params.get("status", "") if params.get("status", "") in PAYMENT_STATUS else ""
        self.gateway_filter = params.get("gateway", "") if params.get("gateway", "") in labels.PAYMENT_GATEWAYS else ""
        self.query = str(params.get("q", ""))[:100]
        self.can_check = self._may(Permission.BILLING_WRITE)
        self._reload()

    @staff_event(Permission.VIEW)
    def filter(self, form: dict) -> None:
        status, gateway = str(form.get("status", "")), str(form.get("gateway", ""))
        self.status_filter = status if status in PAYMENT_STATUS else ""
        self.gateway_filter = gateway if gateway in labels.PAYMENT_GATEWAYS else ""
        self.query = str(form.get("q", ""))[:100]
        self._reload()

    @staff_event(Permission.BILLING_WRITE)
    def check_now(self, payment_id: int) -> None:
        self._say(operations.check_payment_now(self._staff_id, int_param(str(payment_id), 0)), "info")
        self._reload()

    def _reload(self) -> None:
        def event_line(e) -> str:
            return f"{fa.jalali_datetime(e.at)} — {EVENT_WORDS.get(e.kind, e.kind)}"

        self.rows = [
            StaffPaymentRow(id=line.payment.id, title=f"پرداخت {fa.digits(line.payment.id)}",
                            customer=line.customer_email, amount=fa.toman(line.payment.amount_rial),
                            date=fa.jalali_datetime(line.payment.created_at), status=line.payment.status,
                            status_label=PAYMENT_STATUS.get(line.payment.status, line.payment.status),
                            gateway=labels.PAYMENT_GATEWAYS.get(line.payment.gateway, line.payment.gateway),
                            invoices="، ".join(fa.digits(n) for n in line.invoices),
                            ref_id=fa.digits(line.payment.ref_id or ""),
                            events=[event_line(e) for e in line.events])
            for line in operations.list_payments(status=self.status_filter, gateway=self.gateway_filter,
                                                 query=self.query)
        ]
        self.loaded = True


def message_row(m: OutboxMessage, *, with_error: bool = False) -> StaffRow:
    """An e-mail or SMS in a staff list: to whom (a mobile number in Persian digits), and how it went;
    the outbox page (`with_error`) adds the last error and the attempts."""
    channel = {"email": "ایمیل", "sms": "پیامک"}.get(m.channel, m.channel)
    recipient = fa.digits(m.recipient) if m.channel == "sms" else m.recipient
    error = f" — {m.last_error}" if with_error and m.last_error else ""
    return StaffRow(id=m.id, title=m.subject or m.body_text[:80],
                    detail=fa.isolate_latin(f"{channel} به {recipient}{error}"),
                    amount=fa.digits(m.attempts) if with_error else "",
                    date=fa.jalali_datetime(m.created_at), status=m.status,
                    status_label=MESSAGE_STATUS.get(m.status, m.status))


COMMAND_WORDS = {"suspend": "تعلیق", "unsuspend": "رفع تعلیق", "start": "روشن کردن", "stop": "خاموش کردن",
                 "restart": "راه‌اندازی مجدد", "poweroff": "قطع برق"}
COMMAND_STATUS = {"pending": "در صف", "done": "انجام شد", "failed": "ناموفق"}


def command_line(c: panel_commands.CommandLine) -> str:
    """One panel command in a service's history: when, what, how it ended, why."""
    end = COMMAND_STATUS.get(c.status, c.status) + (" (از قبل همین بود)" if c.outcome == "already" else "")
    tries = f" — {fa.digits(c.attempts)} تلاش" if c.attempts > 1 else ""
    error = f" — {c.last_error}" if c.last_error and c.status != "done" else ""
    return fa.isolate_latin(f"{fa.jalali_datetime(c.created_at)}: {COMMAND_WORDS.get(c.action, c.action)} — {end}"
                            f"{tries}{error}")


class StaffMessagesState(StaffState):
    """The outbox: e-mails and SMS waiting or failed; a failed one can be sent again."""

    rows: list[StaffRow] = []
    show: str = ""
    loaded: bool = False
    can_retry: bool = False

    @staff_event(Permission.VIEW)
    def load(self) -> None:
        show = self.router.url.query_parameters.get("status", "")
        self.show = show if show in MESSAGE_STATUS else ""
        self.can_retry = self._may(Permission.BILLING_WRITE)
        self._reload()

    @staff_event(Permission.BILLING_WRITE)
    def retry(self, message_id: int) -> None:
        result = operations.retry_message(self._staff_id, int_param(str(message_id), 0))
        self._say("پیام دوباره در صف ارسال قرار گرفت." if result.ok else next(iter(result.errors.values())),
                  "success" if result.ok else "error")
        self._reload()

    def _reload(self) -> None:
        self.rows = [message_row(m, with_error=True) for m in operations.list_messages(self.show)]
        self.loaded = True


AUDIT_ACTIONS = {
    "customer.create": "ساخت مشتری", "customer.update": "ویرایش اطلاعات تماس", "service.create": "افزودن سرویس",
    "service.update": "ویرایش سرویس", "service.suspend": "تعلیق سرویس", "service.unsuspend": "رفع تعلیق سرویس",
    "service.terminate": "خاتمه سرویس", "service.cancel": "لغو سرویس", "invoice.create": "صدور صورت‌حساب",
    "invoice.cancel": "لغو صورت‌حساب", "invoice.refund": "بازگشت مبلغ به اعتبار", "payment.offline": "ثبت واریز بانکی",
    "payment.check": "بررسی پرداخت با درگاه", "message.retry": "ارسال دوباره پیام", "quote.create": "ساخت پیش‌فاکتور",
    "staff.create": "افزودن کارمند", "staff.enrol": "فعال‌سازی احراز دومرحله‌ای", "staff.sign_in": "ورود",
    "staff.role": "تغییر نقش", "staff.disable": "غیرفعال کردن کارمند", "staff.enable": "فعال کردن کارمند",
    "staff.password": "تغییر رمز عبور", "staff.password_reset": "رمز عبور تازه برای کارمند",
    "staff.second_factor_reset": "باطل کردن احراز دومرحله‌ای",
    "ticket.reply": "پاسخ به تیکت", "ticket.note": "یادداشت داخلی تیکت", "ticket.update": "تغییر تیکت",
    "ticket.assign": "برداشتن تیکت", "saved_reply.create": "ساخت پاسخ آماده", "saved_reply.delete": "حذف پاسخ آماده",
    "department.create": "افزودن بخش پشتیبانی", "department.update": "تغییر بخش پشتیبانی",
    "panel.create": "افزودن پنل سرور", "panel.update": "تغییر پنل سرور", "service.link": "اتصال سرویس به پنل",
    "service.power.start": "روشن کردن سرور", "service.power.stop": "خاموش کردن سرور",
    "service.power.restart": "راه‌اندازی مجدد سرور", "service.power.poweroff": "قطع برق سرور",
    "service.panel_retry": "ارسال دوباره دستور پنل",
}
AUDIT_OBJECTS = {"client": "مشتری", "service": "سرویس", "invoice": "صورت‌حساب", "payment": "پرداخت",
                 "message": "پیام", "quote": "پیش‌فاکتور", "staff": "کارمند", "ticket": "تیکت",
                 "saved_reply": "پاسخ آماده", "department": "بخش", "panel": "پنل"}


class StaffAuditState(StaffState):
    rows: list[StaffAuditRow] = []
    staff_filter: str = ""
    action_filter: str = ""
    loaded: bool = False

    @staff_event(Permission.AUDIT_READ)
    def load(self) -> None:
        params = self.router.url.query_parameters
        self.staff_filter = str(params.get("staff", ""))[:100]
        self.action_filter = str(params.get("action", ""))[:64]
        self._reload()

    @staff_event(Permission.AUDIT_READ)
    def filter(self, form: dict) -> None:
        self.staff_filter = str(form.get("staff", ""))[:100]
        self.action_filter = str(form.get("action", ""))[:64]
        self._reload()

    def _reload(self) -> None:
        def describe(values: dict | None) -> str:
            return "، ".join(f"{k}: {v}" for k, v in (values or {}).items() if v not in (None, ""))

        self.rows = [StaffAuditRow(id=r.id, at=fa.jalali_datetime(r.at), staff=r.staff_email, action=r.action,
                                   action_label=AUDIT_ACTIONS.get(r.action, r.action),
                                   target=f"{AUDIT_OBJECTS.get(r.object_type, r.object_type)} "
                                          f"{fa.digits(r.object_id or '')}".strip(),
                                   before=describe(r.before), after=describe(r.after))
                     for r in audit.entries(staff_email=self.staff_filter, action=self.action_filter)]
        self.loaded = True


class StaffTeamState(StaffState):
    """Admins manage the staff: add a member, change a role, disable, new password, new authenticator."""

    rows: list[StaffMemberRow] = []
    loaded: bool = False
    errors: dict[str, str] = {}
    handed_password: str = ""
    handed_to: str = ""
    form_key: int = 0

    @staff_event(Permission.STAFF_MANAGE)
    def load(self) -> None:
        self.errors, self.handed_password, self.handed_to = {}, "", ""
        self._reload()

    def _reload(self) -> None:
        self.rows = [StaffMemberRow(id=m.id, email=m.email, name=m.name, role=m.role,
                                    role_label=role_label(m.role), active=m.active, enrolled=m.enrolled,
                                    last_sign_in=fa.jalali_datetime(m.last_sign_in) if m.last_sign_in else "هرگز",
                                    recovery_left=fa.digits(m.recovery_left), version=m.version,
                                    is_me=m.id == self._staff_id)
                     for m in team.members()]
        self.loaded = True

    @staff_event(Permission.STAFF_MANAGE)
    def add(self, form: dict) -> None:
        result = team.add_member(self._staff_id, email=str(form.get("email", ""))[:254],
                                 name=str(form.get("name", ""))[:200], role=str(form.get("role", ""))[:16])
        self.errors = result.errors
        if result.ok:
            self.handed_password, self.handed_to = result.password, str(form.get("email", "")).strip().lower()
            self._say("کارمند افزوده شد. رمز عبور نخست را به او بدهید؛ در نخستین ورود برنامه احراز هویت را "
                      "فعال می‌کند.", "success")
            self.form_key += 1
            self._reload()

    @staff_event(Permission.STAFF_MANAGE)
    def manage(self, form: dict) -> None:
        """One member's card: a new role, disable or enable, a new password, a new authenticator."""
        staff_id = int_param(str(form.get("staff_id", "")), 0)
        seen = str(form.get("seen", ""))[:120]
        action = str(form.get("action", ""))[:16]
        email = next((r.email for r in self.rows if r.id == staff_id), "")
        self.handed_password, self.handed_to = "", ""
        if action == "role":
            result = team.change_role(self._staff_id, staff_id, str(form.get("role", ""))[:16], seen=seen)
            done = "نقش تغییر کرد؛ نشست‌های باز او بسته شد."
        elif action in ("disable", "enable"):
            result = team.set_active(self._staff_id, staff_id, action == "enable", seen=seen)
            done = "حساب غیرفعال شد و نشست‌های او بسته شد." if action == "disable" else "حساب دوباره فعال شد."
        elif action == "password":
            result = team.reset_password(self._staff_id, staff_id, seen=seen)
            done = "رمز عبور تازه ساخته شد؛ نشست‌های باز او بسته شد."
        elif action == "totp":
            result = team.reset_second_factor(self._staff_id, staff_id, seen=seen)
            done = "برنامه احراز هویت او باطل شد؛ در ورود بعدی دوباره آن را با کد QR فعال می‌کند."
        else:
            self._say("این کار شناخته نیست.")
            return
        if result.ok:
            self._say(done, "success")
            if result.password:
                self.handed_password, self.handed_to = result.password, email
        else:
            self._say(next(iter(result.errors.values()), "انجام نشد."))
        self.form_key += 1
        self._reload()


class StaffAccountState(StaffState):
    """A staff member's own account: change the password (other browsers are signed out)."""

    errors: dict[str, str] = {}
    form_key: int = 0

    @staff_event(Permission.VIEW)
    def load(self) -> None:
        self.errors = {}

    @staff_event(Permission.VIEW)
    def change_password(self, form: dict) -> None:
        result = team.change_own_password(
            self._staff_id, staff_token(self.router.headers.cookie),
            current=str(form.get("current_password", ""))[:300], new=str(form.get("new_password", ""))[:300],
            repeat=str(form.get("repeat_password", ""))[:300])
        self.errors = result.errors
        if result.ok:
            self._say("رمز عبور عوض شد؛ مرورگرهای دیگرتان از حساب بیرون رفتند.", "success")
            self.form_key += 1


class StaffPanelsState(StaffState):
    """Admins configure the server panels (Virtualizor) and test their credentials."""

    rows: list[PanelRow] = []
    errors: dict[str, str] = {}
    loaded: bool = False
    form_key: int = 0

    @staff_event(Permission.STAFF_MANAGE)
    def load(self) -> None:
        self.errors = {}
        self._reload()

    def _reload(self) -> None:
        self.rows = [PanelRow(p.id, p.name, p.url, p.api_key, p.verify_tls, p.active)
                     for p in panel_commands.panels()]
        self.loaded = True

    @staff_event(Permission.STAFF_MANAGE)
    def save(self, form: dict) -> None:
        raw = str(form.get("panel_id", ""))[:12]
        result = panels.save_panel(self._staff_id, int_param(raw, 0) or None,
                                   name=str(form.get("panel_name", ""))[:100], url=str(form.get("panel_url", ""))[:300],
                                   api_key=str(form.get("panel_key", ""))[:200],
                                   api_pass=str(form.get("panel_pass", ""))[:200],
                                   verify_tls=bool(form.get("verify_tls")), active=bool(form.get("panel_active")))
        self.errors = result.errors if not raw else {}
        if result.ok:
            self._say("پنل ذخیره شد.", "success")
            self.form_key += 1
            self._reload()
        elif raw:
            self._say(next(iter(result.errors.values()), "انجام نشد."))

    @staff_event(Permission.STAFF_MANAGE)
    def test(self, panel_id: int) -> None:
        message = panels.test_panel(int_param(str(panel_id), 0))
        self._say(message, "success" if message.startswith("اتصال") else "error")


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[staff_auth.Role(role)]
    except ValueError:
        return ""
