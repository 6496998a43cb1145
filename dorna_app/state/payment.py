"""Paying: one invoice, all unpaid ones or a chosen set, then off to the gateway; and what happened there."""

from __future__ import annotations

import asyncio

import reflex as rx

from dorna_app import fa, labels
from dorna_app.billing import payments, queries, wallet
from dorna_app.state.base import SessionState, int_param
from dorna_app.state.live import live_page
from dorna_app.state.views import InvoiceRow, RenewedService, invoice_row

MAX_NUMBERS = 50  # invoices in one "try again" or one mass payment


def parse_numbers(numbers_csv: str) -> list[int]:
    """Invoice numbers from a comma-separated string, in any digits; capped in count."""
    parts = [n for n in str(numbers_csv).split(",") if n.strip()][:MAX_NUMBERS]
    return [int_param(n, 0) for n in parts]


class PayState(SessionState):
    """The pay buttons on every page; each press starts at most one payment at a time per tab."""

    busy: bool = False

    @rx.event(background=True)
    async def pay_all(self):
        async for event in self._start(None):
            yield event

    @rx.event(background=True)
    async def pay_invoice(self, number: str):
        async for event in self._start([int_param(str(number), 0)]):
            yield event

    @rx.event(background=True)
    async def pay_numbers(self, numbers_csv: str):
        """Try again with the same invoices (from the result page); those paid meanwhile drop out."""
        async for event in self._start(parse_numbers(numbers_csv)):
            yield event

    async def _start(self, numbers: list[int] | None):
        # A background event: the gateway may take seconds, and the tab's state must not stay locked
        # meanwhile (Redis state locks expire); state is touched only inside `async with self`.
        async with self:
            if self.busy:
                return
            client_id = self._client_id
            if client_id:
                self.busy = True
            else:
                to_login = self._to_login()
        if not client_id:
            yield to_login
            return
        try:
            # The wallet pays first: all of it when it covers the total, otherwise the gateway the rest.
            result = await asyncio.to_thread(payments.start_payment, client_id, numbers, use_credit=True)
        finally:
            async with self:
                self.busy = False
        if result.ok:
            yield rx.redirect(result.redirect_url)
        else:
            async with self:
                self._say(labels.PAY_ERRORS[result.error])


@live_page
class MassPayState(PayState):
    """پرداخت انبوه: choose some unpaid invoices and pay them in one payment."""

    unpaid: list[InvoiceRow] = []
    selected: list[str] = []
    selected_total: str = ""
    credit: str = ""  # the wallet's available credit, used first
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
        still_unpaid = {r.number for r in self.unpaid}
        self.selected = [n for n in self.selected if n in still_unpaid]
        self._update_total()
        available = wallet.balance(self._client_id).available_rial
        self.credit = fa.toman(available) if available else ""
        self.loaded = True

    def _update_total(self) -> None:
        numbers = [int_param(n, 0) for n in self.selected]
        self.selected_total = fa.toman(queries.unpaid_total_of(self._client_id, numbers))

    @rx.event
    def toggle(self, number: str, checked: bool) -> None:
        number = str(int_param(str(number), 0))
        if checked and number not in self.selected and len(self.selected) < MAX_NUMBERS:
            self.selected = [*self.selected, number]
        elif not checked:
            self.selected = [n for n in self.selected if n != number]
        self._update_total()

    @rx.event(background=True)
    async def pay_selected(self):
        async with self:
            chosen = [int_param(n, 0) for n in self.selected]
        if not chosen:
            async with self:
                self._say(labels.PAY_ERRORS["none_selected"], "warning")
            return
        async for event in self._start(chosen):
            yield event


@live_page
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
    renewed: list[RenewedService] = []
    credited: str = ""
    retry_numbers: str = ""
    from_credit: str = ""  # what the wallet paid
    by_gateway: bool = True  # False when the wallet paid it all (no ref id, no card)
    topup: bool = False  # funds added to the wallet
    balance: str = ""
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
        self._payment_id = int_param(self.router.url.query_parameters.get("p"), 0)

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
        self.card_pan = fa.digits(summary.card_pan) if summary.card_pan else ""
        self.paid_at = fa.jalali_datetime(summary.settled_at) if summary.settled_at else ""
        self.invoices = [fa.digits(n) for n in summary.invoice_numbers]
        # Try again only with what is still unpaid (another tab may have paid the rest meanwhile).
        self.retry_numbers = ",".join(str(n) for n in summary.still_unpaid)
        self.renewed = [
            RenewedService(name=fa.isolate_latin(r.name), due=fa.jalali(r.new_due_date),
                           due_long=fa.jalali_long(r.new_due_date), unsuspended=r.unsuspended, power=r.power)
            for r in summary.renewed
        ]
        self.credited = fa.toman(summary.credited_rial) if summary.credited_rial else ""
        self.by_gateway = summary.gateway != payments.CREDIT_GATEWAY
        self.from_credit = fa.toman(summary.credit_rial) if summary.credit_rial else ""
        self.amount = fa.toman(summary.amount_rial if self.by_gateway else 0)
        self.topup = summary.purpose == "topup"
        self.balance = fa.toman(summary.balance_rial)
