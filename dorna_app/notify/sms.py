"""Kavenegar's REST API over httpx (see shared/specs/sms.md): `sms/send` and template `verify/lookup`.

Errors are sorted into "retry later" (409 busy, 418 no credit, key/account trouble, network, 5xx)
and "never" (a bad number, an empty or over-long text, an unknown template, bad token characters).
"""

from __future__ import annotations

from functools import lru_cache

import httpx

from dorna_app.notify.base import SendResult
from dorna_app.settings import Settings, get_settings

PERMANENT = {400, 405, 406, 411, 412, 413, 414, 422, 424, 431, 432}




class Kavenegar:
    """A small Kavenegar client; `base_url` is the API host (the key goes into the path)."""

    def __init__(self, api_key: str, base_url: str, sender: str = "", *, timeout: float = 15.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.sender = sender
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)), transport=transport)

    def _call(self, method: str, data: dict[str, str]) -> SendResult:
        url = f"{self.base_url}/v1/{self.api_key}/{method}.json"
        try:
            response = self._client.post(url, data=data)
        except httpx.HTTPError as exc:
            return SendResult(ok=False, error=f"{type(exc).__name__}: {exc}"[:500])
        try:
            body = response.json()
            status = int(body["return"]["status"])
            message = str(body["return"].get("message", ""))
        except (ValueError, KeyError, TypeError):
            return SendResult(ok=False, error=f"HTTP {response.status_code} without a readable body")
        if status == 200:
            entries = body.get("entries") or []
            provider_id = str(entries[0].get("messageid")) if entries and isinstance(entries[0], dict) else None
            return SendResult(ok=True, provider_id=provider_id)
        return SendResult(ok=False, permanent=status in PERMANENT, error=f"{status} {message}"[:500])

    def send(self, receptor: str, message: str, *, local_id: str | None = None) -> SendResult:
        """A plain text SMS. `local_id` lets Kavenegar drop a repeat of the same message."""
        data = {"receptor": receptor, "message": message}
        if self.sender:
            data["sender"] = self.sender
        if local_id:
            data["localid"] = local_id
        return self._call("sms/send", data)

    def lookup(self, receptor: str, template: str, *tokens: str) -> SendResult:
        """A template SMS (verify/lookup): the usual choice for transactional messages in Iran."""
        data = {"receptor": receptor, "template": template, "type": "sms"}
        for name, value in zip(("token", "token2", "token3"), tokens, strict=False):
            data[name] = value
        return self._call("verify/lookup", data)


def get_sms_client() -> Kavenegar:
    """The configured SMS client: one per settings object, so reloaded settings take effect."""
    return _client_for(get_settings())


@lru_cache(maxsize=4)
def _client_for(s: Settings) -> Kavenegar:
    return Kavenegar(s.kavenegar_api_key, s.sms_api_url, s.sms_sender, timeout=s.message_timeout_seconds)
