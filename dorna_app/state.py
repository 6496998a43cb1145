"""Reflex UI state: thin, one class per page. Handlers call services and turn results into text.

No SQL, no gateway calls and no money arithmetic here: `billing.queries` answers, `fa` formats.
Lists live in frontend vars only one page at a time.
"""

from __future__ import annotations

import asyncio
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode

import reflex as rx

from dorna_app import fa, labels, live
from dorna_app.accounts import auth, profile
from dorna_app.billing import payments, queries
from dorna_app.billing.dates import business_today
from dorna_app.notify import messages


def _session_token(cookie_header: str) -> str | None:
    try:
        jar = SimpleCookie()
        jar.load(cookie_header or "")
    except CookieError:
        return None
    morsel = jar.get(auth.SESSION_COOKIE)
    return morsel.value if morsel else None


def _int_param(value: str | None, default: int) -> int:
    """A number from a URL or a form, in any digits; anything else (or absurdly long) is the default."""
    text = fa.normalize_digits(value or "").strip()
    if not text.isdigit() or len(text) > 12:
        return default
    return int(text)


def invoice_row(row: queries.InvoiceRow) -> dict[str, str]:
    """What one invoice row shows, already in Persian."""
    return {
        "number": str(row.number),
        "number_fa": fa.digits(row.number),
        "issued": fa.jalali(row.issued_on),
        "due": fa.jalali(row.due_on),
        "total": fa.toman_amount(row.total_rial),
        "status": row.status,
        "status_label": labels.INVOICE_STATUS.get(row.status, row.status),
        "href": f"/invoices/{row.number}",
    }


class SessionState(rx.State):
    """Who is signed in, read from the HttpOnly cookie on every page load."""

    email: str = ""
    new_messages_fa: str = "۰"
    _client_id: int = 0

    def _authenticate(self) -> int:
        """The signed-in customer's id (0 when the cookie is missing, forged, expired or revoked)."""
        who = auth.client_for_token(_session_token(self.router.headers.cookie))
        if who is None:
            self._client_id = 0
            self.email = ""
            return 0
        self._client_id = who.client_id
        self.email = who.email
        live.register_tab(who.client_id, self.router.session.client_token)
        return who.client_id

    def _refresh_badge(self) -> None:
        if self._client_id:
            self.new_messages_fa = fa.digits(messages.unread_count(self._client_id))

    def _load_page(self) -> rx.event.EventSpec | None:
        """Every page's on_load: back to sign-in without a session, else read the URL and fill the page."""
        if not self._authenticate():
            return self._to_login()
        self._refresh_badge()
        self._read_params()
        self._reload()
        return None

    def _read_params(self) -> None:
        """Take what the page needs from the URL (pages with filters or ids override this)."""

    def _reload(self) -> None:
        """Fill the page from the database; also what `live.publish` calls (pages override this)."""

    @rx.event
    def require_login(self) -> rx.event.EventSpec | None:
        """on_load of pages that show nothing but the frame: only check the session."""
        return self._load_page()

    def _to_login(self) -> rx.event.EventSpec:
        path = self.router.url.path or "/"
        query = urlencode({"next": path}) if path not in ("/", "/login") else ""
        return rx.redirect("/login" + (f"?{query}" if query else ""), replace=True)


class LoginState(rx.State):
    """The sign-in page's message, from the query string the sign-in route redirects with."""

    error: str = ""
    notice: str = ""
    next_path: str = "/"

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        params = self.router.url.query_parameters
        self.error = labels.LOGIN_ERRORS.get(params.get("error", ""), "")
        self.notice = "از حساب خود خارج شدید." if params.get("signed_out") else ""
        target = params.get("next", "/")
        self.next_path = target if target.startswith("/") and not target.startswith("//") else "/"
        if auth.client_for_token(_session_token(self.router.headers.cookie)) is not None:
            return rx.redirect(self.next_path, replace=True)
        return None


class DashboardState(SessionState):
    """The four cards, the debt notice and the list of services."""

    unpaid_count: int = 0
    unpaid_count_fa: str = ""
    unpaid_total: str = ""
    open_tickets_fa: str = ""
    quotes_fa: str = ""
    active_services_fa: str = ""
    credit: str = ""
    services: list[dict[str, str]] = []
    query: str = ""
    found_invoices: list[dict[str, str]] = []
    found_services: list[dict[str, str]] = []
    searched: bool = False
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        counts = queries.dashboard_counts(self._client_id)
        self.unpaid_count = counts.unpaid_invoices
        self.unpaid_count_fa = fa.digits(counts.unpaid_invoices)
        self.unpaid_total = fa.toman(counts.unpaid_total_rial)
        self.open_tickets_fa = fa.digits(counts.open_tickets)
        self.quotes_fa = fa.digits(counts.quotes)
        self.active_services_fa = fa.digits(counts.active_services)
        self.credit = fa.toman(counts.credit_rial) if counts.credit_rial else ""
        today = business_today()
        self.services = [service_card(s, today) for s in queries.list_services(self._client_id)]
        if self.query:
            self._search()
        self.loaded = True

    @rx.event
    def set_query(self, value: str) -> None:
        self.query = value[:100]
        if not self._authenticate():
            return
        self._search()

    def _search(self) -> None:
        normalized = fa.normalize_text(self.query)
        self.searched = bool(normalized)
        invoices, services = queries.search(self._client_id, normalized)
        self.found_invoices = [invoice_row(r) for r in invoices]
        today = business_today()
        self.found_services = [service_card(s, today) for s in services]


def service_card(service, today) -> dict[str, str]:
    """A service as the dashboard and the services list show it."""
    return {
        "id": str(service.id),
        "name": service.name,
        "hostname": service.hostname,
        "ip": service.ip_address,
        "plan": service.plan,
        "status": service.status,
        "status_label": labels.SERVICE_STATUS.get(service.status, service.status),
        "reason": labels.SUSPENSION_REASON.get(service.suspension_reason or "", ""),
        "due": fa.jalali(service.next_due_date),
        "due_phrase": fa.days_phrase(service.next_due_date, today),
        "overdue": "1" if service.next_due_date < today else "",
        "price": fa.toman(service.price_rial),
        "cycle": "ماهانه" if service.billing_cycle_months == 1
        else f"هر {fa.digits(service.billing_cycle_months)} ماه",
        "href": f"/services/{service.id}",
    }


class InvoicesState(SessionState):
    """The invoice list. Filter, sort, page and page size live in the URL, so back and shared links work."""

    rows: list[dict[str, str]] = []
    status: str = "all"
    sort: str = queries.DEFAULT_SORT
    descending: bool = True
    page: int = 1
    pages: int = 1
    page_size: int = 10
    paging_text: str = ""
    filters: list[dict[str, str]] = []
    sort_links: dict[str, str] = {}
    sort_marks: dict[str, str] = {}
    prev_href: str = ""
    next_href: str = ""
    size_links: list[dict[str, str]] = []
    unpaid_count: int = 0
    unpaid_count_fa: str = ""
    unpaid_total: str = ""
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        params = self.router.url.query_parameters
        status = params.get("status", "all")
        self.status = status if status in queries.STATUS_FILTERS else "all"
        sort = params.get("sort", queries.DEFAULT_SORT)
        self.sort = sort if sort in queries.SORT_COLUMNS else queries.DEFAULT_SORT
        self.descending = params.get("dir", "desc") != "asc"
        size = _int_param(params.get("size"), queries.PAGE_SIZES[0])
        self.page_size = size if size in queries.PAGE_SIZES else queries.PAGE_SIZES[0]
        self.page = _int_param(params.get("page"), 1)

    def _href(self, **changes: object) -> str:
        query = {"status": self.status, "sort": self.sort, "dir": "desc" if self.descending else "asc",
                 "page": self.page, "size": self.page_size}
        query.update(changes)
        defaults = {"status": "all", "sort": queries.DEFAULT_SORT, "dir": "desc", "page": 1, "size": 10}
        kept = {k: v for k, v in query.items() if str(v) != str(defaults[k])}
        return "/invoices" + (f"?{urlencode(kept)}" if kept else "")

    def _reload(self) -> None:
        result = queries.list_invoices(self._client_id, status=self.status, sort=self.sort,
                                       descending=self.descending, page=self.page, page_size=self.page_size)
        self.page, self.pages = result.page, result.pages
        self.rows = [invoice_row(r) for r in result.rows]
        self.paging_text = (
            f"نمایش {fa.digits(result.first_index)} تا {fa.digits(result.last_index)} "
            f"از مجموع {fa.digits(result.total)} مقدار"
        )
        counts = queries.status_counts(self._client_id)
        self.filters = [
            {"key": key, "label": labels.INVOICE_STATUS[key], "count": fa.digits(counts[key]),
             "href": self._href(status=key, page=1), "active": "1" if key == self.status else ""}
            for key in ("all", "unpaid", "paid", "cancelled", "refunded")
        ]
        self.sort_links = {
            key: self._href(sort=key, dir="asc" if key == self.sort and self.descending else "desc", page=1)
            for key in queries.SORT_COLUMNS
        }
        self.sort_marks = {key: ("" if key != self.sort else ("▼" if self.descending else "▲"))
                           for key in queries.SORT_COLUMNS}
        self.prev_href = self._href(page=self.page - 1) if self.page > 1 else ""
        self.next_href = self._href(page=self.page + 1) if self.page < self.pages else ""
        self.size_links = [
            {"size": fa.digits(size), "href": self._href(size=size, page=1),
             "active": "1" if size == self.page_size else ""}
            for size in queries.PAGE_SIZES
        ]
        unpaid = queries.unpaid_summary(self._client_id)
        self.unpaid_count = unpaid.count
        self.unpaid_count_fa = fa.digits(unpaid.count)
        self.unpaid_total = fa.toman(unpaid.total_rial)
        self.loaded = True


class InvoiceState(SessionState):
    """One invoice: dates, lines, total, and the payment that paid it."""

    found: bool = True
    number: str = ""
    number_fa: str = ""
    status: str = ""
    status_label: str = ""
    issued: str = ""
    due: str = ""
    total: str = ""
    paid_at: str = ""
    ref_id: str = ""
    card_pan: str = ""
    lines: list[dict[str, str]] = []
    loaded: bool = False
    _number: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        raw = self.router.page.params.get("invoice_no", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self._number = _int_param(str(raw).lstrip("#"), 0)

    def _reload(self) -> None:
        detail = queries.get_invoice(self._client_id, self._number) if self._number > 0 else None
        self.loaded = True
        self.found = detail is not None
        if detail is None:
            self.number_fa = fa.digits(self._number) if self._number > 0 else ""
            self.lines = []
            return
        inv = detail.invoice
        self.number = str(inv.number)
        self.number_fa = fa.digits(inv.number)
        self.status = inv.status
        self.status_label = labels.INVOICE_STATUS.get(inv.status, inv.status)
        self.issued = fa.jalali(inv.issued_on)
        self.due = fa.jalali(inv.due_on)
        self.total = fa.toman(inv.total_rial)
        self.paid_at = fa.jalali_datetime(detail.paid_at) if detail.paid_at else ""
        self.ref_id = fa.digits(detail.payment.ref_id) if detail.payment and detail.payment.ref_id else ""
        self.card_pan = detail.payment.card_pan or "" if detail.payment else ""
        self.lines = [
            {
                "description": line.description,
                "period": (f"{fa.jalali(line.period_start)} تا {fa.jalali(line.period_end)}"
                           if line.period_start and line.period_end else ""),
                "amount": fa.toman(line.amount_rial),
                "service_href": f"/services/{line.service_id}" if line.service_id else "",
            }
            for line in detail.lines
        ]

    @rx.event
    def print_invoice(self) -> rx.event.EventSpec:
        return rx.call_script("window.print()")


class ServicesState(SessionState):
    """The customer's services."""

    services: list[dict[str, str]] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        today = business_today()
        self.services = [service_card(s, today) for s in queries.list_services(self._client_id)]
        self.loaded = True


class ServiceState(SessionState):
    """One service with its invoices."""

    found: bool = True
    service: dict[str, str] = {}
    invoices: list[dict[str, str]] = []
    loaded: bool = False
    _service_id: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        raw = self.router.page.params.get("service_no", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self._service_id = _int_param(str(raw), 0)

    def _reload(self) -> None:
        service = queries.get_service(self._client_id, self._service_id) if self._service_id > 0 else None
        self.loaded = True
        self.found = service is not None
        if service is None:
            self.service, self.invoices = {}, []
            return
        self.service = service_card(service, business_today())
        self.invoices = [invoice_row(r) for r in queries.service_invoices(self._client_id, service.id)]


class PayState(SessionState):
    """Starting a payment: one invoice, all unpaid ones, or a chosen set; then off to the gateway."""

    busy: bool = False

    @rx.event(background=True)
    async def pay_all(self):
        async for event in self._start(None):
            yield event

    @rx.event(background=True)
    async def pay_invoice(self, number: str):
        async for event in self._start([_int_param(number, 0)]):
            yield event

    @rx.event(background=True)
    async def pay_numbers(self, numbers_csv: str):
        """Try again with the same invoices (from the result page); those paid meanwhile drop out."""
        numbers = [_int_param(n, 0) for n in numbers_csv.split(",") if n.strip()]
        async for event in self._start(numbers):
            yield event

    async def _start(self, numbers: list[int] | None):
        # A background event: the gateway may take seconds, and the tab's state must not stay locked
        # meanwhile (Redis state locks expire); state is touched only inside `async with self`.
        async with self:
            if self.busy:
                return
            client_id = self._authenticate()
            if client_id:
                self.busy = True
            else:
                to_login = self._to_login()
        if not client_id:
            yield to_login
            return
        try:
            result = await asyncio.to_thread(payments.start_payment, client_id, numbers)
        finally:
            async with self:
                self.busy = False
        if result.ok:
            yield rx.redirect(result.redirect_url)
        else:
            yield rx.toast.error(labels.PAY_ERRORS[result.error], position="top-center", duration=8000)


class MassPayState(PayState):
    """پرداخت انبوه: choose some unpaid invoices and pay them in one payment."""

    unpaid: list[dict[str, str]] = []
    selected: list[str] = []
    selected_total: str = ""
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        self.selected = []

    def _reload(self) -> None:
        page = queries.list_invoices(self._client_id, status="unpaid", sort="due", descending=False,
                                     page_size=queries.PAGE_SIZES[-1])
        self.unpaid = [invoice_row(r) for r in page.rows]
        still_unpaid = {r["number"] for r in self.unpaid}
        self.selected = [n for n in self.selected if n in still_unpaid]
        self._update_total()
        self.loaded = True

    def _update_total(self) -> None:
        numbers = [_int_param(n, 0) for n in self.selected]
        self.selected_total = fa.toman(queries.unpaid_total_of(self._client_id, numbers))

    @rx.event
    def toggle(self, number: str, checked: bool) -> None:
        if checked and number not in self.selected:
            self.selected = [*self.selected, number]
        elif not checked:
            self.selected = [n for n in self.selected if n != number]
        self._update_total()

    @rx.event(background=True)
    async def pay_selected(self):
        async with self:
            chosen = [_int_param(n, 0) for n in self.selected]
        if not chosen:
            yield rx.toast.warning(labels.PAY_ERRORS["none_selected"], position="top-center")
            return
        async for event in self._start(chosen):
            yield event


class PaymentResultState(SessionState):
    """What happened at the gateway, in the customer's words: ref id, card, renewed servers."""

    found: bool = True
    status: str = ""
    title: str = ""
    amount: str = ""
    ref_id: str = ""
    card_pan: str = ""
    paid_at: str = ""
    invoices: list[str] = []
    renewed: list[dict[str, str]] = []
    credited: str = ""
    retry_numbers: str = ""
    loaded: bool = False
    _payment_id: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        event = self._load_page()
        if event is None and not self._payment_id and self.router.url.query_parameters.get("error") == "later":
            # The callback could not finish; reconciliation will, and this page says so.
            self.found, self.status = True, "pending"
            self.title = labels.PAYMENT_RESULT["pending"]
        return event

    def _read_params(self) -> None:
        self._payment_id = _int_param(self.router.url.query_parameters.get("p"), 0)

    def _reload(self) -> None:
        summary = payments.payment_summary(self._client_id, self._payment_id) if self._payment_id else None
        self.loaded = True
        self.found = summary is not None
        if summary is None:
            return
        self.status = summary.status
        self.title = labels.PAYMENT_RESULT.get(summary.status, summary.status)
        self.amount = fa.toman(summary.amount_rial)
        self.ref_id = fa.digits(summary.ref_id) if summary.ref_id else ""
        self.card_pan = summary.card_pan or ""
        self.paid_at = fa.jalali_datetime(summary.settled_at) if summary.settled_at else ""
        self.invoices = [fa.digits(n) for n in summary.invoice_numbers]
        self.retry_numbers = ",".join(str(n) for n in summary.invoice_numbers)
        self.renewed = [
            {"name": r.name, "due": fa.jalali(r.new_due_date), "due_long": fa.jalali_long(r.new_due_date),
             "unsuspended": "1" if r.unsuspended else ""}
            for r in summary.renewed
        ]
        self.credited = fa.toman(summary.credited_rial) if summary.credited_rial else ""


class MessagesState(SessionState):
    """پیام ها: every e-mail and SMS sent to the customer, newest first; opening it marks them read."""

    items: list[dict[str, str]] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        event = self._load_page()
        if event is None:  # shown now, so read
            messages.mark_read(self._client_id)
            self._refresh_badge()
        return event

    def _reload(self) -> None:
        status_fa = {"sent": "ارسال شد", "pending": "در صف ارسال", "sending": "در حال ارسال",
                     "failed": "ارسال نشد"}
        self.items = [
            {"id": str(m.id), "channel": m.channel,
             "channel_label": "ایمیل" if m.channel == "email" else "پیامک",
             "subject": m.subject or m.text[:60], "text": m.text, "status": m.status,
             "status_label": status_fa.get(m.status, m.status),
             "at": fa.jalali_datetime(m.sent_at or m.created_at), "unread": "1" if m.unread else ""}
            for m in messages.list_messages(self._client_id)
        ]
        self.loaded = True


class ProfileState(SessionState):
    """Contact details: the e-mail for receipts and the mobile for SMS, editable and validated."""

    form_email: str = ""
    form_mobile: str = ""
    email_error: str = ""
    mobile_error: str = ""
    saved: bool = False
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        contact = profile.get_contact(self._client_id)
        self.form_email = contact.email if contact else ""
        self.form_mobile = fa.digits(contact.mobile) if contact and contact.mobile else ""
        self.email_error = self.mobile_error = ""
        self.saved = False
        self.loaded = True

    @rx.event
    def save(self, form: dict) -> rx.event.EventSpec | None:
        if not self._authenticate():
            return self._to_login()
        result = profile.update_contact(self._client_id, email=str(form.get("email", ""))[:300],
                                        mobile=str(form.get("mobile", ""))[:40])
        self.email_error = labels.CONTACT_ERRORS.get(f"email:{result.errors.get('email', '')}", "")
        self.mobile_error = labels.CONTACT_ERRORS.get(f"mobile:{result.errors.get('mobile', '')}", "")
        self.saved = result.ok
        if result.ok and result.contact:
            self.form_email = result.contact.email
            self.form_mobile = fa.digits(result.contact.mobile) if result.contact.mobile else ""
            self.email = result.contact.email
            return rx.toast.success("اطلاعات تماس ذخیره شد.", position="top-center")
        return None


LIVE_STATES: tuple[type[SessionState], ...] = (
    DashboardState, InvoicesState, InvoiceState, ServicesState, ServiceState, MassPayState, PaymentResultState,
    MessagesState,
)
