"""The customer's quotes (پیش‌فاکتورها): read them, accept one (its invoice is issued at once and
opens for payment) or decline it."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa
from dorna_app.billing import quotes
from dorna_app.billing.dates import business_today
from dorna_app.state.base import SessionState, int_param
from dorna_app.state.live import live_page
from dorna_app.state.views import InvoiceLine, QuoteCard

STATUS = {"delivered": "در انتظار پاسخ شما", "accepted": "پذیرفته شد", "declined": "رد شد", "expired": "منقضی"}
ANSWERS = {
    quotes.QuoteOutcome.DECLINED: ("پیش‌فاکتور رد شد.", "info"),
    quotes.QuoteOutcome.EXPIRED: ("اعتبار این پیش‌فاکتور گذشته است و دیگر پذیرفته نمی‌شود.", "error"),
    quotes.QuoteOutcome.ALREADY: ("به این پیش‌فاکتور پیش‌تر پاسخ داده‌اید.", "warning"),
    quotes.QuoteOutcome.NOT_FOUND: ("پیش‌فاکتور پیدا نشد.", "error"),
}


@live_page
class QuotesState(SessionState):
    rows: list[QuoteCard] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        today = business_today()
        self.rows = [
            QuoteCard(id=q.id, number_fa=fa.digits(q.id), subject=q.subject, total=fa.toman(q.total_rial),
                      valid_until=fa.jalali(q.valid_until),
                      status="expired" if q.status == "delivered" and q.expired else q.status,
                      status_label=STATUS["expired" if q.status == "delivered" and q.expired else q.status],
                      can_answer=q.status == "delivered" and not q.expired,
                      lines=[InvoiceLine(description=d, amount=fa.toman(a)) for d, a in q.lines],
                      invoice_href=f"/invoices/{q.invoice_number}" if q.invoice_number else "",
                      vat_note=(f"به‌علاوهٔ {fa.toman(q.vat_rial)} مالیات بر ارزش افزوده؛ مبلغ قابل پرداخت "
                                f"{fa.toman(q.total_rial + q.vat_rial)}"
                                if q.vat_rial and q.status == "delivered" and not q.expired else ""))
            for q in quotes.customer_quotes(self._client_id, today)
        ]
        self.loaded = True

    @rx.event
    def accept(self, quote_id: int) -> rx.event.EventSpec | None:
        outcome, number = quotes.answer_quote(self._client_id, int_param(str(quote_id), 0), True, business_today())
        if outcome == quotes.QuoteOutcome.ACCEPTED:
            return rx.redirect(f"/invoices/{number}")
        self._say(*ANSWERS[outcome])
        self._reload()
        return None

    @rx.event
    def decline(self, quote_id: int) -> None:
        outcome, _ = quotes.answer_quote(self._client_id, int_param(str(quote_id), 0), False, business_today())
        self._say(*ANSWERS.get(outcome, ("", "info")))
        self._reload()
