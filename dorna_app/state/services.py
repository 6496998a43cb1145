"""The customer's services, and one service with its invoices."""

from __future__ import annotations

import reflex as rx

from dorna_app.billing import queries, servers
from dorna_app.billing.dates import business_today
from dorna_app.state.base import SessionState, int_param
from dorna_app.state.live import live_page
from dorna_app.state.views import InvoiceRow, ServiceCard, invoice_row, service_card, service_cards


@live_page
class ServicesState(SessionState):
    services: list[ServiceCard] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        self.services = service_cards(queries.list_services(self._client_id))
        self.loaded = True


@live_page
class ServiceState(SessionState):
    found: bool = True
    service: ServiceCard = ServiceCard()
    invoices: list[InvoiceRow] = []
    loaded: bool = False
    ticket_href: str = ""
    power: str = ""  # running, stopped, suspended, unknown; "" for a service without a panel
    power_label: str = ""
    confirming: str = ""  # stop or restart, waiting for the customer's "yes"
    _service_id: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        raw = self.router.page.params.get("service_no", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self._service_id = int_param(str(raw), 0)

    def _reload(self) -> None:
        service = queries.get_service(self._client_id, self._service_id) if self._service_id > 0 else None
        self.loaded = True
        self.found = service is not None
        if service is None:
            self.service, self.invoices = ServiceCard(), []
            return
        self.service = service_card(service, business_today())
        self.ticket_href = f"/tickets/new?service={service.id}"
        state = servers.power_state(service)
        self.power = state.value if state is not None else ""
        self.power_label = servers.POWER_WORDS.get(self.power, "")
        self.invoices = [invoice_row(r) for r in queries.service_invoices(self._client_id, service.id)]

    @rx.event
    def power_action(self, action: str) -> None:
        """Start at once; stop and restart first ask "are you sure?" (`confirm_power`)."""
        action = str(action)[:16]
        if action in ("stop", "restart"):
            self.confirming = action
            return
        self._power(action)

    @rx.event
    def confirm_power(self) -> None:
        action, self.confirming = self.confirming, ""
        if action:
            self._power(action)

    @rx.event
    def cancel_power(self) -> None:
        self.confirming = ""

    def _power(self, action: str) -> None:
        outcome = servers.request_power(self._service_id, action, client_id=self._client_id)
        self._say(outcome.message, "success" if outcome.ok else "error")
        self._reload()
