"""Virtualizor's admin API over httpx, sending what its official SDK and the WHMCS and Paymenter
modules send: `GET {panel}/index.php?act=vs&...&api=json` with `adminapikey` and `adminapipass`, and
the SDK's `apikey` (8 random characters + md5(pass + those characters)) beside them. Every answer is
HTTP 200 with JSON: success carries a truthy `done`, failure an `error` list or map and no `done`;
an answer with neither is a failure too. `vs_status` reports 1 running, 0 stopped, 2 suspended."""

from __future__ import annotations

import hashlib
import secrets
import string
from typing import Any

import httpx

from dorna_app.provisioning.protocol import PanelRefused, PanelUnreachable, PowerState

STATUS_CODES = {1: PowerState.RUNNING, 0: PowerState.STOPPED, 2: PowerState.SUSPENDED}
_SALT_CHARS = string.ascii_lowercase + string.digits


def sdk_apikey(api_pass: str) -> str:
    """The SDK's per-call key: 8 random lowercase letters or digits, then md5(pass + them)."""
    salt = "".join(secrets.choice(_SALT_CHARS) for _ in range(8))
    return salt + hashlib.md5((api_pass + salt).encode()).hexdigest()  # the panel's own scheme, not ours


def _errors(answer: dict[str, Any]) -> str:
    error = answer.get("error")
    if isinstance(error, dict):
        return "; ".join(str(v) for v in error.values())
    if isinstance(error, list):
        return "; ".join(str(v) for v in error)
    return str(error or "the panel answered without `done`")


class VirtualizorPanel:
    def __init__(self, url: str, api_key: str, api_pass: str, *, verify_tls: bool = True, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        self.api_key, self.api_pass = api_key, api_pass
        self.client = httpx.Client(verify=verify_tls, timeout=timeout, transport=transport,
                                   headers={"User-Agent": "Softaculous"})

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> VirtualizorPanel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def call(self, query: dict[str, Any], post: dict[str, Any] | None = None) -> dict[str, Any]:
        """One API call; the parsed answer, or PanelUnreachable / PanelRefused."""
        params = {**query, "api": "json", "adminapikey": self.api_key, "adminapipass": self.api_pass,
                  "apikey": sdk_apikey(self.api_pass)}
        try:
            if post:
                response = self.client.post(f"{self.url}/index.php", params=params, data=post)
            else:
                response = self.client.get(f"{self.url}/index.php", params=params)
        except httpx.HTTPError as exc:
            raise PanelUnreachable(f"{type(exc).__name__}: {exc}"[:300]) from exc
        if response.status_code != 200:
            raise PanelUnreachable(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise PanelUnreachable("the answer was not JSON") from exc
        if not isinstance(answer, dict):
            raise PanelUnreachable("the answer was not a JSON object")
        return answer

    def _do(self, query: dict[str, Any], post: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = self.call(query, post)
        if answer.get("error") or not answer.get("done"):
            raise PanelRefused(_errors(answer)[:300])
        return answer

    def suspend(self, vpsid: int, reason: str = "") -> None:
        self._do({"act": "vs", "suspend": int(vpsid)}, {"suspend_reason": reason} if reason else None)

    def unsuspend(self, vpsid: int) -> None:
        self._do({"act": "vs", "unsuspend": int(vpsid)})

    def power(self, vpsid: int, action: str) -> None:
        if action not in ("start", "stop", "restart", "poweroff"):
            raise ValueError(action)
        self._do({"act": "vs", "action": action, "serid": 0, "vpsid": int(vpsid)})

    def status(self, vpsids: list[int]) -> dict[int, PowerState]:
        answer = self.call({"act": "vs", "vs_status": ",".join(str(int(v)) for v in vpsids)})
        if answer.get("error"):
            raise PanelRefused(_errors(answer)[:300])
        found = answer.get("status") or {}
        out: dict[int, PowerState] = {}
        for vpsid in vpsids:
            entry = found.get(str(vpsid)) if isinstance(found, dict) else None
            code = entry.get("status") if isinstance(entry, dict) else None
            try:
                out[vpsid] = STATUS_CODES.get(int(code), PowerState.UNKNOWN) if code is not None else PowerState.UNKNOWN
            except (TypeError, ValueError):
                out[vpsid] = PowerState.UNKNOWN
        return out
