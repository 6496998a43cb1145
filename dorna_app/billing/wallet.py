"""The wallet: a customer's credit, kept as a ledger.

Every change is a `CreditEntry` (top-up, overpayment, refund, spent on invoices, reversal) with the
balance after it, written under the customer's row lock in the transaction of the change, and
`Client.credit_rial` always equals the ledger's sum. A payment that uses credit beside the gateway
holds that part (`credit_held_rial`) while the payer is at the gateway: two tabs can never promise
the same credit twice, and a payment that fails or is cancelled gives its hold back untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from dorna_app import fa
from dorna_app.accounts.models import Client
from dorna_app.billing.models import CreditEntry
from dorna_app.billing.transitions import lock
from dorna_app.db import read_session, write_session
from dorna_app.settings import get_settings


class Kind(StrEnum):
    TOPUP = "topup"
    OVERPAYMENT = "overpayment"
    REFUND = "refund"
    SPEND = "spend"
    REVERSAL = "reversal"


class WalletError(ValueError):
    """A change the wallet cannot take (it would go below zero or below what is held)."""


def available(client: Client) -> int:
    """What can be spent now: the balance less what payments at the gateway hold."""
    return client.credit_rial - client.credit_held_rial


def post(session: Session, client: Client, amount_rial: int, kind: Kind, reason: str, *, payment_id: int | None = None,
         invoice_id: int | None = None) -> CreditEntry:
    """Book one change on a locked customer row: the entry and the balance move together."""
    balance = client.credit_rial + amount_rial
    if amount_rial == 0 or balance < 0 or balance < client.credit_held_rial:
        raise WalletError(f"credit would be {balance} with {client.credit_held_rial} held")
    client.credit_rial = balance
    session.add(client)
    entry = CreditEntry(client_id=client.id, amount_rial=amount_rial, kind=kind.value, reason=reason[:200],
                        payment_id=payment_id, invoice_id=invoice_id, balance_after=balance)
    session.add(entry)
    return entry


def hold(session: Session, client: Client, amount_rial: int) -> None:
    if amount_rial <= 0 or amount_rial > available(client):
        raise WalletError("not that much credit is available")
    client.credit_held_rial += amount_rial
    session.add(client)


def release(session: Session, client: Client, amount_rial: int) -> None:
    """A payment that will not be settled gives its hold back (nothing is spent)."""
    client.credit_held_rial = max(0, client.credit_held_rial - amount_rial)
    session.add(client)


def spend_held(session: Session, client: Client, amount_rial: int, reason: str, payment_id: int) -> CreditEntry:
    client.credit_held_rial = max(0, client.credit_held_rial - amount_rial)
    return post(session, client, -amount_rial, Kind.SPEND, reason, payment_id=payment_id)


@dataclass(frozen=True)
class LedgerLine:
    id: int
    at: datetime
    kind: str
    amount_rial: int
    balance_after: int | None
    reason: str
    payment_id: int | None
    invoice_number: int | None


def history(client_id: int, limit: int = 200) -> list[LedgerLine]:
    """The customer's entries, newest first."""
    from dorna_app.billing.models import Invoice

    with read_session() as session:
        rows = session.exec(select(CreditEntry, Invoice.number).join(Invoice, Invoice.id == CreditEntry.invoice_id,
                                                                     isouter=True)
                            .where(CreditEntry.client_id == client_id)
                            .order_by(col(CreditEntry.id).desc()).limit(limit)).all()
    return [LedgerLine(e.id, e.at, e.kind, e.amount_rial, e.balance_after, e.reason, e.payment_id, number)
            for e, number in rows]


@dataclass(frozen=True)
class Balance:
    credit_rial: int
    held_rial: int
    auto_pay: bool

    @property
    def available_rial(self) -> int:
        return self.credit_rial - self.held_rial


def balance(client_id: int) -> Balance:
    with read_session() as session:
        client = session.get(Client, client_id)
    return Balance(client.credit_rial, client.credit_held_rial, client.auto_pay_credit)


def set_auto_pay(client_id: int, on: bool) -> None:
    with write_session() as session:
        client = lock(session, Client, client_id)
        client.auto_pay_credit = on
        session.add(client)


def topup_bounds() -> tuple[int, int]:
    """(smallest, largest) top-up in Rial, from the settings (in Toman)."""
    settings = get_settings()
    return settings.wallet_min_toman * fa.RIAL_PER_TOMAN, settings.wallet_max_toman * fa.RIAL_PER_TOMAN


def parse_topup(raw: str) -> tuple[int | None, str]:
    """A Toman amount as typed (Persian or Latin digits, thousands separators) → (Rial, error)."""
    low, high = topup_bounds()
    text = fa.normalize_digits(raw or "").strip()
    for separator in (",", "٬", "،", " ", "\u200c", "_", "."):
        text = text.replace(separator, "")
    text = text.removesuffix("تومان").strip()
    if not text:
        return None, "مبلغ را به تومان بنویسید."
    if not text.isdigit() or len(text) > 12:
        return None, "مبلغ باید عدد باشد (به تومان)."
    rial = int(text) * fa.RIAL_PER_TOMAN
    if rial < low:
        return None, f"کمترین مبلغ افزایش اعتبار {fa.toman(low)} است."
    if rial > high:
        return None, f"بیشترین مبلغ افزایش اعتبار در هر بار {fa.toman(high)} است."
    return rial, ""
