"""The dashboard: four cards, the debt notice, search, and the list of services."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa
from dorna_app.billing import queries
from dorna_app.state.base import SessionState
from dorna_app.state.live import live_page
from dorna_app.state.views import InvoiceRow, ServiceCard, invoice_row, service_cards
from dorna_app.support import tickets

MAX_QUERY_CHARS = 100


@live_page
class DashboardState(SessionState):
    unpaid_count: int = 0
    unpaid_count_fa: str = ""
    unpaid_total: str = ""
    open_tickets_fa: str = ""
    quotes_fa: str = ""
    active_services_fa: str = ""
    credit: str = ""
    services: list[ServiceCard] = []
    query: str = ""
    found_invoices: list[InvoiceRow] = []
    found_services: list[ServiceCard] = []
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
        self.open_tickets_fa = fa.digits(tickets.open_count(self._client_id))
        self.quotes_fa = fa.digits(counts.quotes)
        self.active_services_fa = fa.digits(counts.active_services)
        self.credit = fa.toman(counts.credit_rial) if counts.credit_rial else ""
        self.services = service_cards(queries.list_services(self._client_id))
        if self.query:
            self._search()
        self.loaded = True

    @rx.event
    def set_query(self, value: str) -> None:
        self.query = str(value)[:MAX_QUERY_CHARS]
        self._search()

    def _search(self) -> None:
        normalized = fa.normalize_text(self.query)
        self.searched = bool(normalized)
        invoices, services = queries.search(self._client_id, normalized)
        self.found_invoices = [invoice_row(r) for r in invoices]
        self.found_services = service_cards(services)
