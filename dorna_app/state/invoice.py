"""One invoice: dates, lines, total, and the payment that paid it."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa, labels
from dorna_app.accounts import profile
from dorna_app.billing import queries, tax
from dorna_app.settings import get_settings
from dorna_app.state.base import SessionState, int_param
from dorna_app.state.live import live_page
from dorna_app.state.views import InvoiceLine


@live_page
class InvoiceState(SessionState):
    found: bool = True
    number: str = ""
    number_fa: str = ""
    status: str = ""
    status_label: str = ""
    issued: str = ""
    due: str = ""
    total: str = ""
    # Shown only when the invoice carries VAT (those issued before VAT have none).
    subtotal: str = ""
    vat: str = ""
    vat_label: str = ""
    pdf_href: str = ""
    paid_at: str = ""
    ref_id: str = ""
    card_pan: str = ""
    lines: list[InvoiceLine] = []
    # Who issued the invoice and to whom, for the printed page.
    seller_name: str = ""
    seller_web: str = ""
    seller_email: str = ""
    buyer_name: str = ""
    buyer_email: str = ""
    buyer_mobile: str = ""
    loaded: bool = False
    _number: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        raw = self.router.page.params.get("invoice_no", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self._number = int_param(str(raw).lstrip("#"), 0)

    def _reload(self) -> None:
        detail = queries.get_invoice(self._client_id, self._number) if self._number > 0 else None
        self.loaded = True
        self.found = detail is not None
        if detail is None:
            self.number_fa = fa.digits(self._number) if self._number > 0 else ""
            self.lines = []
            return
        inv = detail.invoice
        settings = get_settings()
        # The parties as the invoice keeps them (billing.official), like its official PDF.
        self.seller_name = detail.seller.get("name") or settings.mail_from_name
        self.seller_web = settings.public_url.split("://", 1)[-1]
        self.seller_email = settings.mail_from
        contact = profile.get_contact(self._client_id)
        if contact is not None:
            self.buyer_name = detail.buyer.get("name") or contact.email
            self.buyer_email = contact.email
            self.buyer_mobile = fa.digits(contact.mobile) if contact.mobile else ""
        self.number = str(inv.number)
        self.number_fa = fa.digits(inv.number)
        self.status = inv.status
        self.status_label = labels.INVOICE_STATUS.get(inv.status, inv.status)
        self.issued = fa.jalali(inv.issued_on)
        self.due = fa.jalali(inv.due_on)
        self.total = fa.toman(inv.total_rial)
        self.subtotal = fa.toman(detail.subtotal_rial) if detail.vat_rial else ""
        self.vat = fa.toman(detail.vat_rial) if detail.vat_rial else ""
        self.vat_label = tax.vat_label(detail.vat_rate_bp)
        self.pdf_href = f"/documents/invoices/{inv.number}"
        self.paid_at = fa.jalali_datetime(detail.paid_at) if detail.paid_at else ""
        self.ref_id = fa.digits(detail.payment.ref_id) if detail.payment and detail.payment.ref_id else ""
        self.card_pan = fa.digits(detail.payment.card_pan) if detail.payment and detail.payment.card_pan else ""
        self.lines = [
            InvoiceLine(
                description=fa.isolate_latin(line.description),
                period=(labels.PERIOD.format(start=fa.jalali(line.period_start), end=fa.jalali(line.period_end))
                        if line.period_start and line.period_end else ""),
                amount=fa.toman(line.amount_rial),
                service_href=f"/services/{line.service_id}" if line.service_id else "",
            )
            for line in detail.lines
        ]
