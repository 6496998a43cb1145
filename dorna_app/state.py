"""Reflex UI state: thin, one class per page. Handlers call services and turn results into text.

No SQL, no gateway calls and no money arithmetic here: `billing.queries` answers, `fa` formats.
Lists live in frontend vars only one page at a time.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode

import reflex as rx

from dorna_app import fa, labels, live
from dorna_app.accounts import auth
from dorna_app.billing import queries
from dorna_app.billing.dates import business_today


def _session_token(cookie_header: str) -> str | None:
    try:
        jar = SimpleCookie()
        jar.load(cookie_header or "")
    except CookieError:
        return None
    morsel = jar.get(auth.SESSION_COOKIE)
    return morsel.value if morsel else None


def _int_param(value: str | None, default: int) -> int:
    try:
        return int(fa.normalize_digits(value or ""))
    except ValueError:
        return default


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
    full_name: str = ""
    new_messages_fa: str = "۰"
    _client_id: int = 0

    def _authenticate(self) -> int:
        """The signed-in customer's id (0 when the cookie is missing, forged, expired or revoked)."""
        who = auth.client_for_token(_session_token(self.router.headers.cookie))
        if who is None:
            self._client_id = 0
            self.email = ""
            self.full_name = ""
            return 0
        self._client_id = who.client_id
        self.email = who.email
        self.full_name = who.full_name
        live.register_tab(who.client_id, self.router.session.client_token)
        return who.client_id

    @rx.event
    def require_login(self) -> rx.event.EventSpec | None:
        """on_load of pages that show nothing but the frame: only check the session."""
        if not self._authenticate():
            return self._to_login()
        return None

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
    services: list[dict[str, str]] = []
    query: str = ""
    found_invoices: list[dict[str, str]] = []
    found_services: list[dict[str, str]] = []
    searched: bool = False
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        if not self._authenticate():
            return self._to_login()
        self._reload()
        return None

    def _reload(self) -> None:
        counts = queries.dashboard_counts(self._client_id)
        self.unpaid_count = counts.unpaid_invoices
        self.unpaid_count_fa = fa.digits(counts.unpaid_invoices)
        self.unpaid_total = fa.toman(counts.unpaid_total_rial)
        self.open_tickets_fa = fa.digits(counts.open_tickets)
        self.quotes_fa = fa.digits(counts.quotes)
        self.active_services_fa = fa.digits(counts.active_services)
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


LIVE_STATES: tuple[type[SessionState], ...] = (DashboardState,)
