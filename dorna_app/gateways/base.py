"""The shape every gateway adapter has (ZarinPal now; Zibal and IDPay fit the same verbs).

Adapters map their provider's raw codes onto a few outcomes of ours, so billing never reads a
provider's numbers. Network trouble is an outcome (UNAVAILABLE), not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class RequestOutcome(StrEnum):
    OK = "ok"
    REJECTED = "rejected"  # the gateway refused the request (validation, merchant, amount)
    UNAVAILABLE = "unavailable"  # network error, timeout, or an answer we cannot read


class VerifyOutcome(StrEnum):
    PAID = "paid"  # verified now
    ALREADY_VERIFIED = "already_verified"  # verified before (ZarinPal 101): still paid
    NOT_PAID = "not_paid"  # cancelled or failed at the bank
    AMOUNT_MISMATCH = "amount_mismatch"  # paid amount differs from ours: book nothing
    INVALID = "invalid"  # unknown authority, or another merchant's
    UNAVAILABLE = "unavailable"  # could not ask: stays pending, reconciliation asks again
    ERROR = "error"  # any other answer


class InquiryStatus(StrEnum):
    VERIFIED = "verified"
    PAID = "paid"
    IN_BANK = "in_bank"
    FAILED = "failed"
    REVERSED = "reversed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PaymentRequest:
    amount_rial: int
    description: str
    callback_url: str
    order_id: str
    mobile: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class RequestResult:
    outcome: RequestOutcome
    authority: str | None = None
    redirect_url: str | None = None
    code: int | None = None
    message: str = ""


@dataclass(frozen=True)
class VerifyResult:
    outcome: VerifyOutcome
    ref_id: str | None = None
    card_pan: str | None = None
    code: int | None = None
    message: str = ""

    @property
    def is_paid(self) -> bool:
        return self.outcome in (VerifyOutcome.PAID, VerifyOutcome.ALREADY_VERIFIED)


@dataclass(frozen=True)
class CallbackData:
    authority: str
    ok_hint: bool  # what the query string claims; never proof of payment


@dataclass(frozen=True)
class UnverifiedPayment:
    authority: str
    amount_rial: int
    at: datetime | None


@dataclass(frozen=True)
class InquiryResult:
    status: InquiryStatus
    code: int | None = None


class Gateway(Protocol):
    """What billing needs from a payment gateway."""

    name: str

    def request(self, payment: PaymentRequest) -> RequestResult: ...

    def redirect_url(self, authority: str) -> str: ...

    def verify(self, authority: str, amount_rial: int) -> VerifyResult: ...

    def unverified(self) -> list[UnverifiedPayment] | None: ...

    def inquiry(self, authority: str) -> InquiryResult: ...

    def parse_callback(self, query: dict[str, str]) -> CallbackData | None: ...
