"""A Kavenegar stand-in at the real paths (/v1/{API_KEY}/sms/send.json, /verify/lookup.json),
with the real response shape and status codes, and knobs to make it fail."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

RECEPTOR_RE = re.compile(r"^(09\d{9}|989\d{9}|\+989\d{9})$")
TOKEN_BAD = re.compile(r"[\s_]")
MAX_MESSAGE = 900
MESSAGES = {
    200: "تایید شد", 400: "پارامترها ناقص هستند", 403: "کد شناسائی API-Key معتبر نمی‌باشد",
    409: "سرور قادر به پاسخگوئی نیست لطفا مجددا تلاش کنید", 411: "دریافت کننده نامعتبر است",
    413: "پیام خالی است و یا طول پیام بیش از حد مجاز است", 418: "اعتبار حساب شما کافی نیست",
    424: "الگوی مورد نظر پیدا نشد", 431: "ساختار کد صحیح نمی‌باشد", 432: "پارامتر کد در متن پیام پیدا نشد",
}


@dataclass
class SentSms:
    messageid: int
    receptor: str
    message: str
    sender: str
    localid: str | None
    date: int
    template: str | None = None


@dataclass
class SmsFaults:
    fail_next: list[int] = field(default_factory=list)  # statuses to answer, one per coming call


class KavenegarSandbox:
    def __init__(self, api_key: str = "SANDBOX-KEY-1234",
                 templates: tuple[str, ...] = ("dorna-payment", "dorna-invoice", "dorna-reminder",
                                               "dorna-login")) -> None:
        self.api_key = api_key
        self.templates = set(templates)
        self.sent: list[SentSms] = []
        self.faults = SmsFaults()
        self.calls = 0
        self._lock = threading.Lock()
        self._next_id = 8_000_000

    @staticmethod
    def _answer(status: int, entries: list[dict[str, Any]] | None = None) -> JSONResponse:
        return JSONResponse({"return": {"status": status, "message": MESSAGES.get(status, "خطا")},
                             "entries": entries}, status_code=status)

    def _precheck(self, key: str) -> JSONResponse | None:
        with self._lock:
            self.calls += 1
            if self.faults.fail_next:
                return self._answer(self.faults.fail_next.pop(0))
        if key != self.api_key:
            return self._answer(403)
        return None

    def _store(self, receptor: str, message: str, sender: str, localid: str | None,
               template: str | None = None) -> dict[str, Any]:
        with self._lock:
            if localid:
                for old in self.sent:
                    if old.localid == localid and old.receptor == receptor:  # Kavenegar drops repeats
                        return self._entry(old)
            self._next_id += 1
            sms = SentSms(self._next_id, receptor, message, sender, localid, int(time.time()), template)
            self.sent.append(sms)
            return self._entry(sms)

    @staticmethod
    def _entry(sms: SentSms) -> dict[str, Any]:
        return {"messageid": sms.messageid, "message": sms.message, "status": 1, "statustext": "در صف ارسال",
                "sender": sms.sender, "receptor": sms.receptor, "date": sms.date, "cost": 120}

    async def send(self, request: Request) -> Response:
        if fault := self._precheck(request.path_params["key"]):
            return fault
        form = await request.form()
        receptors = [r.strip() for r in str(form.get("receptor", "")).split(",") if r.strip()]
        message = str(form.get("message", ""))
        if not receptors:
            return self._answer(400)
        if len(receptors) > 200:
            return self._answer(414)
        if any(not RECEPTOR_RE.match(r) for r in receptors):
            return self._answer(411)
        if not message.strip() or len(message) > MAX_MESSAGE:
            return self._answer(413)
        sender = str(form.get("sender", "10004346"))
        localid = str(form.get("localid", "")) or None
        return self._answer(200, [self._store(r, message, sender, localid) for r in receptors])

    async def lookup(self, request: Request) -> Response:
        if fault := self._precheck(request.path_params["key"]):
            return fault
        form = await request.form()
        receptor, template = str(form.get("receptor", "")), str(form.get("template", ""))
        tokens = [str(form.get(name, "")) for name in ("token", "token2", "token3")]
        if not receptor or not template:
            return self._answer(400)
        if not RECEPTOR_RE.match(receptor):
            return self._answer(411)
        if template not in self.templates:
            return self._answer(424)
        if not tokens[0]:
            return self._answer(432)
        if any(TOKEN_BAD.search(t) for t in tokens if t):
            return self._answer(431)
        text = f"[{template}] " + " ".join(t for t in tokens if t)
        return self._answer(200, [self._store(receptor, text, "lookup", None, template)])

    async def list_sent(self, _request: Request) -> Response:
        return JSONResponse([sms.__dict__ for sms in self.sent])

    async def configure(self, request: Request) -> Response:
        body = await request.json()
        if "fail_next" in body:
            self.faults.fail_next = [int(s) for s in body["fail_next"]]
        if body.get("clear"):
            self.sent.clear()
        return JSONResponse({"fail_next": self.faults.fail_next, "sent": len(self.sent)})

    def routes(self) -> list[Route]:
        return [
            Route("/v1/{key}/sms/send.json", self.send, methods=["POST", "GET"]),
            Route("/v1/{key}/verify/lookup.json", self.lookup, methods=["POST", "GET"]),
            Route("/_sandbox/sms", self.list_sent, methods=["GET"]),
            Route("/_sandbox/sms", self.configure, methods=["POST"]),
        ]
