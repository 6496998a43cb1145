"""ZarinPal REST v4 over httpx (see shared/specs/zarinpal-v4.md).

Every answer is read from its body whatever the HTTP status (ZarinPal has answered errors with 200
and successes are only `data.code` 100/101). Amounts go in Rial with `currency` always explicit.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

import httpx

from dorna_app.gateways.base import (
    CallbackData,
    InquiryResult,
    InquiryStatus,
    PaymentRequest,
    RequestOutcome,
    RequestResult,
    UnverifiedPayment,
    VerifyOutcome,
    VerifyResult,
)

log = logging.getLogger(__name__)
AUTHORITY_RE = re.compile(r"^[AS][0-9a-zA-Z]{35}$")
MOBILE_RE = re.compile(r"^09\d{9}$")
_INQUIRY = {
    "VERIFIED": InquiryStatus.VERIFIED,
    "PAID": InquiryStatus.PAID,
    "IN_BANK": InquiryStatus.IN_BANK,
    "FAILED": InquiryStatus.FAILED,
    "REVERSED": InquiryStatus.REVERSED,
}


class ZarinPal:
    """The ZarinPal v4 adapter. `base_url` ends in `/pg/v4/payment/`; `startpay_url` in `/pg/StartPay/`."""

    name = "zarinpal"

    def __init__(self, merchant_id: str, base_url: str, startpay_url: str, *, timeout: float = 15.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.merchant_id = merchant_id
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.startpay_url = startpay_url if startpay_url.endswith("/") else startpay_url + "/"
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)),
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            transport=transport,
        )

    def _post(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """POST and parse the JSON body; None when the gateway could not be reached or read."""
        try:
            response = self._client.post(self.base_url + endpoint, json=body)
        except httpx.HTTPError as exc:
            log.warning("zarinpal %s unreachable: %s", endpoint, exc)
            return None
        try:
            parsed = response.json()
        except ValueError:
            log.warning("zarinpal %s answered HTTP %s without JSON", endpoint, response.status_code)
            return None
        return parsed if isinstance(parsed, dict) else None

    @staticmethod
    def _code(body: dict[str, Any]) -> tuple[int | None, str, dict[str, Any]]:
        data = body.get("data")
        if isinstance(data, dict) and data.get("code") is not None:
            try:
                return int(data["code"]), str(data.get("message", "")), data
            except (TypeError, ValueError):
                return None, str(data.get("message", "")), data
        errors = body.get("errors")
        if isinstance(errors, dict) and errors.get("code") is not None:
            try:
                return int(errors["code"]), str(errors.get("message", "")), {}
            except (TypeError, ValueError):
                return None, str(errors.get("message", "")), {}
        return None, "", {}

    def redirect_url(self, authority: str) -> str:
        """Where the payer's browser goes for this authority (StartPay)."""
        return self.startpay_url + authority

    def request(self, payment: PaymentRequest) -> RequestResult:
        metadata: dict[str, str] = {"order_id": payment.order_id}
        if payment.mobile and MOBILE_RE.match(payment.mobile):
            metadata["mobile"] = payment.mobile
        if payment.email:
            metadata["email"] = payment.email
        body = self._post("request.json", {
            "merchant_id": self.merchant_id,
            "amount": int(payment.amount_rial),
            "currency": "IRR",
            "description": payment.description[:500],
            "callback_url": payment.callback_url,
            "metadata": metadata,
        })
        if body is None:
            return RequestResult(RequestOutcome.UNAVAILABLE)
        code, message, data = self._code(body)
        authority = str(data.get("authority", ""))
        if code == 100 and AUTHORITY_RE.match(authority):
            return RequestResult(RequestOutcome.OK, authority=authority,
                                 redirect_url=self.redirect_url(authority), code=code, message=message)
        if code is None:
            return RequestResult(RequestOutcome.UNAVAILABLE, message=message)
        return RequestResult(RequestOutcome.REJECTED, code=code, message=message)

    def verify(self, authority: str, amount_rial: int) -> VerifyResult:
        body = self._post("verify.json", {"merchant_id": self.merchant_id, "authority": authority,
                                          "amount": int(amount_rial)})
        if body is None:
            return VerifyResult(VerifyOutcome.UNAVAILABLE)
        code, message, data = self._code(body)
        if code in (100, 101):
            ref_id = data.get("ref_id")
            if ref_id in (None, ""):
                return VerifyResult(VerifyOutcome.ERROR, code=code, message="no ref_id")
            outcome = VerifyOutcome.PAID if code == 100 else VerifyOutcome.ALREADY_VERIFIED
            return VerifyResult(outcome, ref_id=str(ref_id), card_pan=data.get("card_pan") or None,
                                code=code, message=message)
        outcome = {
            -50: VerifyOutcome.AMOUNT_MISMATCH,
            -51: VerifyOutcome.NOT_PAID,
            -53: VerifyOutcome.INVALID,
            -54: VerifyOutcome.INVALID,
            -55: VerifyOutcome.INVALID,
        }.get(code, VerifyOutcome.UNAVAILABLE if code is None else VerifyOutcome.ERROR)
        return VerifyResult(outcome, code=code, message=message)

    def unverified(self) -> list[UnverifiedPayment] | None:
        """Paid but never verified (payer closed the tab); None when the gateway could not be asked."""
        body = self._post("unVerified.json", {"merchant_id": self.merchant_id})
        if body is None:
            return None
        code, _message, data = self._code(body)
        if code != 100:
            return None
        found = []
        for item in data.get("authorities") or []:
            try:
                at = datetime.strptime(str(item.get("date", "")), "%Y-%m-%d %H:%M:%S")
            except ValueError:
                at = None
            try:
                found.append(UnverifiedPayment(str(item["authority"]), int(item["amount"]), at))
            except (KeyError, TypeError, ValueError):
                continue
        return found

    def inquiry(self, authority: str) -> InquiryResult:
        body = self._post("inquiry.json", {"merchant_id": self.merchant_id, "authority": authority})
        if body is None:
            return InquiryResult(InquiryStatus.UNKNOWN)
        code, _message, data = self._code(body)
        if code != 100:
            return InquiryResult(InquiryStatus.UNKNOWN, code=code)
        return InquiryResult(_INQUIRY.get(str(data.get("status", "")).upper(), InquiryStatus.UNKNOWN), code=code)

    def parse_callback(self, query: dict[str, str]) -> CallbackData | None:
        authority = str(query.get("Authority", "")).strip()
        if not AUTHORITY_RE.match(authority):
            return None
        return CallbackData(authority=authority, ok_hint=query.get("Status") == "OK")
