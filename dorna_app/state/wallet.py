"""The wallet page (افزایش اعتبار): the balance, adding funds through the gateway, auto-pay of
renewals, and every credit entry with the balance after it (تراکنش‌های اعتبار). Live: a top-up
settled by reconciliation or a renewal paid from credit shows without a reload."""

from __future__ import annotations

import asyncio

import reflex as rx

from dorna_app import fa, labels
from dorna_app.billing import payments, wallet
from dorna_app.state.base import SessionState
from dorna_app.state.live import live_page
from dorna_app.state.views import LedgerRow

KIND_LABELS = {"topup": "افزایش اعتبار", "overpayment": "پرداخت اضافه", "refund": "بازگشت وجه",
               "spend": "پرداخت صورت‌حساب", "reversal": "اصلاح"}


def signed_toman(rial: int) -> str:
    """«+۱۰۰٬۰۰۰ تومان» / «−۵۰٬۰۰۰ تومان»: the sign kept on the number (a left-to-right isolate), not
    pushed to the far end of the right-to-left line."""
    number = fa.toman_amount(abs(rial))
    return f"\u2066{'+' if rial > 0 else '−'}{number}\u2069 تومان"


@live_page
class WalletState(SessionState):
    balance: str = ""
    available: str = ""
    held: str = ""
    auto_pay: bool = True
    rows: list[LedgerRow] = []
    error: str = ""
    busy: bool = False
    bounds: str = ""
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        b = wallet.balance(self._client_id)
        self.balance, self.available = fa.toman(b.credit_rial), fa.toman(b.available_rial)
        self.held = fa.toman(b.held_rial) if b.held_rial else ""
        self.auto_pay = b.auto_pay
        low, high = wallet.topup_bounds()
        self.bounds = f"از {fa.toman(low)} تا {fa.toman(high)}"
        self.rows = [LedgerRow(id=e.id, at=fa.jalali_datetime(e.at), kind=e.kind,
                               kind_label=KIND_LABELS.get(e.kind, e.kind), reason=fa.isolate_latin(e.reason),
                               amount=signed_toman(e.amount_rial),
                               credit=e.amount_rial > 0,
                               balance=fa.toman(e.balance_after) if e.balance_after is not None else "—")
                     for e in wallet.history(self._client_id)]
        self.loaded = True

    @rx.event
    def set_auto_pay(self, checked: bool) -> None:
        wallet.set_auto_pay(self._client_id, bool(checked))
        self.auto_pay = bool(checked)
        self._say("صورت‌حساب‌های تمدید از این پس خودکار از اعتبار پرداخت می‌شوند." if checked
                  else "پرداخت خودکار از اعتبار خاموش شد.", "success")

    @rx.event(background=True)
    async def topup(self, form: dict):
        """Off to the gateway with the amount asked; the credit comes when the gateway confirms it."""
        async with self:
            if self.busy:
                return
            self.busy, self.error = True, ""
            client_id = self._client_id
        amount = str(form.get("amount", ""))[:40]
        try:
            result = await asyncio.to_thread(payments.start_topup, client_id, amount)
        finally:
            async with self:
                self.busy = False
        if result.ok:
            yield rx.redirect(result.redirect_url)
            return
        async with self:
            self.error = result.message or labels.PAY_ERRORS.get(result.error, "انجام نشد.")
