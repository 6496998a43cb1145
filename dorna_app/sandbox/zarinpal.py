"""A ZarinPal v4 stand-in: the same paths, validations, body shapes and codes as the real service.

Also a Persian payer page at /pg/StartPay/{authority}, and for tests and scripted demos
`POST /_sandbox/pay/{authority}` plus `POST /_sandbox/gateway` to make it slow or unreachable.
"""

from __future__ import annotations

import asyncio
import html
import re
import secrets
import string
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MOBILE_RE = re.compile(r"^09\d{9}$")
MIN_RIAL, MAX_RIAL = 10_000, 1_000_000_000  # 1,000 Toman .. 100,000,000 Toman
_ALNUM = string.ascii_letters + string.digits


@dataclass
class Transaction:
    authority: str
    merchant_id: str
    amount: int  # in the request's currency
    currency: str
    description: str
    callback_url: str
    metadata: dict[str, Any]
    created: datetime = field(default_factory=datetime.now)
    status: str = "IN_BANK"  # IN_BANK -> PAID -> VERIFIED, or FAILED
    paid_amount: int | None = None
    ref_id: int | None = None
    card_pan: str | None = None
    card_hash: str | None = None
    paid_at: datetime | None = None


@dataclass
class GatewayFaults:
    """Knobs for tests: delay answers, or answer like a gateway that is down."""

    delay_seconds: float = 0.0
    down: set[str] = field(default_factory=set)  # endpoints answering 503 without JSON
    # Money paid but not verified goes back to the payer after this long (None: never).
    refund_unverified_after: timedelta | None = None


class ZarinPalSandbox:
    def __init__(self) -> None:
        self.transactions: dict[str, Transaction] = {}
        self.faults = GatewayFaults()
        self._lock = threading.Lock()
        self._next_ref = 201_000_000 + secrets.randbelow(1_000_000)

    # --- helpers -------------------------------------------------------------------------------------
    @staticmethod
    def _ok(data: dict[str, Any]) -> JSONResponse:
        return JSONResponse({"data": data, "errors": []})

    @staticmethod
    def _error(code: int, message: str, status: int = 200, validations: list | None = None) -> JSONResponse:
        # The real service answers errors with an empty list for data (and not always a 4xx status).
        return JSONResponse({"data": [], "errors": {"code": code, "message": message,
                                                     "validations": validations or []}}, status_code=status)

    async def _faulty(self, endpoint: str) -> Response | None:
        if self.faults.delay_seconds:
            await asyncio.sleep(self.faults.delay_seconds)
        if endpoint in self.faults.down or "*" in self.faults.down:
            return HTMLResponse("<h1>503 Service Unavailable</h1>", status_code=503)
        return None

    async def _body(self, request: Request) -> dict[str, Any] | None:
        try:
            body = await request.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _expire(self) -> None:
        window = self.faults.refund_unverified_after
        if window is None:
            return
        now = datetime.now()
        for tx in self.transactions.values():
            if tx.status == "PAID" and tx.paid_at and now - tx.paid_at > window:
                tx.status = "REVERSED"

    def _amount_rial(self, tx: Transaction, amount: int) -> int:
        return amount * 10 if tx.currency == "IRT" else amount

    # --- API -----------------------------------------------------------------------------------------
    async def request_json(self, request: Request) -> Response:
        if fault := await self._faulty("request"):
            return fault
        body = await self._body(request)
        if body is None:
            return self._error(-9, "The input params invalid, validation error.", 400)
        problems = []
        merchant = str(body.get("merchant_id", ""))
        if not merchant:
            problems.append({"merchant_id": "The merchant id field is required."})
        elif not UUID_RE.match(merchant):
            return self._error(-10, "Terminal is not valid, please check merchant_id or ip address.")
        currency = str(body.get("currency", "IRR")).upper()
        if currency not in ("IRR", "IRT"):
            problems.append({"currency": "The selected currency is invalid."})
        amount = body.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool):
            problems.append({"amount": "The amount must be an integer."})
        else:
            rial = amount * 10 if currency == "IRT" else amount
            if rial > MAX_RIAL:
                return self._error(-41, "Amount is more than the limit.")
            if rial < MIN_RIAL:
                problems.append({"amount": "The amount must be at least 1000 Toman."})
        description = body.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append({"description": "The description field is required."})
        elif len(description) > 500:
            problems.append({"description": "The description may not be greater than 500 characters."})
        callback = body.get("callback_url")
        if not isinstance(callback, str) or not re.match(r"^https?://", callback):
            problems.append({"callback_url": "The callback url field is required."})
        metadata = body.get("metadata") or {}
        if not isinstance(metadata, dict):
            problems.append({"metadata": "The metadata must be an object."})
            metadata = {}
        mobile = metadata.get("mobile")
        if mobile is not None and not MOBILE_RE.match(str(mobile)):
            problems.append({"metadata.mobile": "The mobile format is invalid."})
        if problems:
            return self._error(-9, "The input params invalid, validation error.", 400, problems)
        authority = "S" + "".join(secrets.choice(_ALNUM) for _ in range(35))
        with self._lock:
            self.transactions[authority] = Transaction(
                authority=authority, merchant_id=merchant, amount=amount, currency=currency,
                description=description, callback_url=callback, metadata=metadata)
        return self._ok({"code": 100, "message": "Success", "authority": authority,
                         "fee_type": "Merchant", "fee": 0})

    async def verify_json(self, request: Request) -> Response:
        if fault := await self._faulty("verify"):
            return fault
        body = await self._body(request) or {}
        merchant, authority, amount = body.get("merchant_id"), str(body.get("authority", "")), body.get("amount")
        if not merchant or not authority or not isinstance(amount, int):
            return self._error(-9, "The input params invalid, validation error.", 400)
        with self._lock:
            self._expire()
            tx = self.transactions.get(authority)
            if tx is None:
                return self._error(-54, "Invalid authority.")
            if tx.merchant_id != merchant:
                return self._error(-53, "Session is not this merchant_id session.")
            if tx.status in ("IN_BANK", "FAILED", "REVERSED"):
                return self._error(-51, "Session is not valid, session is not active paid try.")
            if amount != tx.amount or (tx.paid_amount is not None and tx.paid_amount != tx.amount):
                return self._error(-50, "Session is not valid, amounts values is not the same.")
            code = 101 if tx.status == "VERIFIED" else 100
            tx.status = "VERIFIED"
            return self._ok({"code": code, "message": "Verified" if code == 100 else "Paid",
                             "card_hash": tx.card_hash, "card_pan": tx.card_pan, "ref_id": tx.ref_id,
                             "fee_type": "Merchant", "fee": 0})

    async def unverified_json(self, request: Request) -> Response:
        if fault := await self._faulty("unVerified"):
            return fault
        body = await self._body(request) or {}
        merchant = body.get("merchant_id")
        if not merchant:
            return self._error(-9, "The input params invalid, validation error.", 400)
        with self._lock:
            self._expire()
            found = [
                {"authority": tx.authority, "amount": tx.amount, "callback_url": tx.callback_url,
                 "referer": "", "date": (tx.paid_at or tx.created).strftime("%Y-%m-%d %H:%M:%S")}
                for tx in self.transactions.values() if tx.merchant_id == merchant and tx.status == "PAID"
            ][-100:]
        # The docs' sample shows the code as a string here.
        return self._ok({"code": "100", "message": "Success", "authorities": found})

    async def inquiry_json(self, request: Request) -> Response:
        if fault := await self._faulty("inquiry"):
            return fault
        body = await self._body(request) or {}
        with self._lock:
            self._expire()
            tx = self.transactions.get(str(body.get("authority", "")))
            if tx is None or tx.merchant_id != body.get("merchant_id"):
                return self._error(-54, "Invalid authority.")
            return self._ok({"code": 100, "message": "Success", "status": tx.status})

    async def reverse_json(self, request: Request) -> Response:
        if fault := await self._faulty("reverse"):
            return fault
        body = await self._body(request) or {}
        with self._lock:
            tx = self.transactions.get(str(body.get("authority", "")))
            if tx is None or tx.merchant_id != body.get("merchant_id"):
                return self._error(-54, "Invalid authority.")
            if tx.status not in ("PAID", "VERIFIED"):
                return self._error(-61, "Session is not in success status.")
            if tx.paid_at and datetime.now() - tx.paid_at > timedelta(minutes=30):
                return self._error(-63, "Maximum time for reverse this session is expired.")
            tx.status = "REVERSED"
        return self._ok({"code": 100, "message": "Reversed"})

    # --- the payer's side ----------------------------------------------------------------------------
    def settle(self, authority: str, outcome: str, paid_amount: int | None = None) -> str | None:
        """The payer paid or cancelled; returns the callback URL the browser goes to next."""
        with self._lock:
            tx = self.transactions.get(authority)
            if tx is None:
                return None
            if tx.status == "IN_BANK":
                if outcome == "paid":
                    tx.status = "PAID"
                    tx.paid_at = datetime.now()
                    tx.paid_amount = paid_amount if paid_amount is not None else tx.amount
                    self._next_ref += 1 + secrets.randbelow(50)
                    tx.ref_id = self._next_ref
                    tx.card_pan = f"6037{secrets.randbelow(100):02d}******{secrets.randbelow(10000):04d}"
                    tx.card_hash = secrets.token_hex(32)
                else:
                    tx.status = "FAILED"
            status = "OK" if tx.status in ("PAID", "VERIFIED") else "NOK"
            sep = "&" if "?" in tx.callback_url else "?"
            return f"{tx.callback_url}{sep}{urlencode({'Authority': authority, 'Status': status})}"

    async def start_pay(self, request: Request) -> Response:
        authority = request.path_params["authority"]
        tx = self.transactions.get(authority)
        if tx is None:
            return HTMLResponse(_page("تراکنش پیدا نشد", "<p>این شناسه پرداخت معتبر نیست.</p>"), status_code=404)
        rial = self._amount_rial(tx, tx.amount)
        done = tx.status != "IN_BANK"
        body = f"""
          <div class="row"><span>پذیرنده</span><b>درنا سرور</b></div>
          <div class="row"><span>مبلغ</span><b>{_fa(f"{rial:,}")} ریال</b></div>
          <div class="row"><span>شرح</span><b>{html.escape(tx.description)}</b></div>
          <div class="row"><span>شناسه</span><code>{authority[:10]}…</code></div>
          <form method="post" action="/pg/StartPay/{authority}/submit">
            <label>شماره کارت<input name="card" value="6037-9975-1234-5678" inputmode="numeric" dir="ltr"></label>
            <div class="buttons">
              <button id="sandbox-pay" name="outcome" value="paid" {"disabled" if done else ""}>پرداخت</button>
              <button id="sandbox-cancel" class="cancel" name="outcome" value="cancelled"
                {"disabled" if done else ""}>انصراف</button>
            </div>
          </form>
          <p class="note">درگاه آزمایشی محلی (سندباکس زرین‌پال): پولی جابه‌جا نمی‌شود.</p>"""
        return HTMLResponse(_page("درگاه پرداخت اینترنتی", body))

    async def start_pay_submit(self, request: Request) -> Response:
        form = await request.form()
        outcome = "paid" if form.get("outcome") == "paid" else "cancelled"
        target = self.settle(request.path_params["authority"], outcome)
        if target is None:
            return HTMLResponse(_page("تراکنش پیدا نشد", "<p>این شناسه پرداخت معتبر نیست.</p>"), status_code=404)
        return RedirectResponse(target, status_code=303)

    async def sandbox_pay(self, request: Request) -> Response:
        body = await self._body(request) or {}
        outcome = "paid" if body.get("outcome") == "paid" else "cancelled"
        amount_rial = body.get("amount_rial")
        tx = self.transactions.get(request.path_params["authority"])
        paid = None
        if tx is not None and isinstance(amount_rial, int):
            paid = amount_rial // 10 if tx.currency == "IRT" else amount_rial
        target = self.settle(request.path_params["authority"], outcome, paid)
        if target is None:
            return JSONResponse({"error": "unknown authority"}, status_code=404)
        return JSONResponse({"callback_url": target})

    async def sandbox_config(self, request: Request) -> Response:
        body = await self._body(request) or {}
        if "delay_seconds" in body:
            self.faults.delay_seconds = float(body["delay_seconds"])
        if "down" in body:
            self.faults.down = set(body["down"] or [])
        if "refund_unverified_after_seconds" in body:
            seconds = body["refund_unverified_after_seconds"]
            self.faults.refund_unverified_after = None if seconds is None else timedelta(seconds=float(seconds))
        return JSONResponse({"delay_seconds": self.faults.delay_seconds, "down": sorted(self.faults.down)})

    def routes(self) -> list[Route]:
        base = "/pg/v4/payment"
        return [
            Route(f"{base}/request.json", self.request_json, methods=["POST"]),
            Route(f"{base}/verify.json", self.verify_json, methods=["POST"]),
            Route(f"{base}/unVerified.json", self.unverified_json, methods=["POST"]),
            Route(f"{base}/inquiry.json", self.inquiry_json, methods=["POST"]),
            Route(f"{base}/reverse.json", self.reverse_json, methods=["POST"]),
            Route("/pg/StartPay/{authority}", self.start_pay, methods=["GET"]),
            Route("/pg/StartPay/{authority}/submit", self.start_pay_submit, methods=["POST"]),
            Route("/_sandbox/pay/{authority}", self.sandbox_pay, methods=["POST"]),
            Route("/_sandbox/gateway", self.sandbox_config, methods=["POST"]),
        ]


def _fa(text: str) -> str:
    return text.translate(str.maketrans("0123456789,", "۰۱۲۳۴۵۶۷۸۹٬"))


def _page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body{{font-family:Vazirmatn,Tahoma,sans-serif;background:#eef2f7;margin:0;padding:16px;color:#1c2434}}
.card{{max-width:420px;margin:24px auto;background:#fff;border-radius:16px;padding:20px;
box-shadow:0 4px 18px rgba(0,0,0,.08)}}
h1{{font-size:20px;margin:0 0 16px;color:#0a7d3b}} .row{{display:flex;justify-content:space-between;gap:12px;
padding:8px 0;border-bottom:1px solid #eef}} .row span{{color:#667}}
label{{display:block;margin:16px 0 8px;color:#445}} input{{width:100%;box-sizing:border-box;padding:10px;
border:1px solid #ccd;border-radius:8px;font-size:16px;margin-top:6px}}
.buttons{{display:flex;gap:10px;margin-top:16px}} button{{flex:1;padding:12px;border:0;border-radius:10px;
font:inherit;font-size:16px;background:#0a7d3b;color:#fff;cursor:pointer}} button.cancel{{background:#c62828}}
button:disabled{{opacity:.5}} .note{{font-size:12px;color:#889;text-align:center;margin-top:16px}}
</style></head><body><div class="card"><h1>{title}</h1>{body}</div></body></html>"""
