"""A stand-in for a Virtualizor panel's admin API (port 4085 on a real panel), at the same path.

It answers what the official SDK, Softaculous' WHMCS module and Paymenter's extension send:
`GET/POST /index.php?act=vs&...` with `api=json` or `api=serialize` (a PHP-serialized answer, what
the WHMCS module and the SDK read), and either credential form: `adminapikey` + `adminapipass`, or
`apikey` = 8 random characters + md5(pass + those characters). A wrong credential gets an `error`
with HTTP 200, like the real panel. Each VPS keeps its state (running, stopped, suspended; a
suspended VPS refuses start), and the state survives a restart of the sandbox when a state file is
given. Fault knobs: `POST /_sandbox/virtualizor` with `{"down": true}` (a 502 page, no API answer),
`{"delay_seconds": 5}`, `{"error": "..."}` (every call answers that error).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

DEMO_KEY = "dornasandboxapikey00000000000001"
DEMO_PASS = "dornasandboxapipass0000000000001"
# Status codes of `vs_status`, as the panel reports them: 1 running, 0 stopped, 2 suspended.
RUNNING, STOPPED, SUSPENDED = 1, 0, 2


@dataclass
class Vps:
    vpsid: int
    hostname: str
    running: bool = True
    suspended: bool = False
    suspend_reason: str = ""
    history: list[str] = field(default_factory=list)

    def code(self) -> int:
        return SUSPENDED if self.suspended else (RUNNING if self.running else STOPPED)


@dataclass
class PanelFaults:
    down: bool = False  # the connection is dropped without an answer
    delay_seconds: float = 0.0
    error: str = ""  # every call answers this error


def php_serialize(value: Any) -> str:
    """PHP's serialize() for what an answer holds (dicts, lists, strings, numbers, booleans, None)."""
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{value};"
    if isinstance(value, str):
        return f's:{len(value.encode())}:"{value}";'
    items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
    body = "".join(php_serialize(int(k) if isinstance(k, str) and k.isdigit() else k) + php_serialize(v)
                   for k, v in items)
    return f"a:{len(items)}:{{{body}}}"


def demo_machines() -> dict[int, Vps]:
    """The demo servers of `make run`: the third one (VPS-Start) suspended for non-payment."""
    return {101: Vps(101, "tehran-pro.dornaserver.ir"), 102: Vps(102, "storage.dornaserver.ir"),
            103: Vps(103, "start.dornaserver.ir", running=False, suspended=True, suspend_reason="non-payment")}


class VirtualizorSandbox:
    def __init__(self, api_key: str = DEMO_KEY, api_pass: str = DEMO_PASS, state_file: Path | None = None) -> None:
        self.api_key, self.api_pass, self.state_file = api_key, api_pass, state_file
        self.faults = PanelFaults()
        self.calls: list[dict[str, str]] = []
        self.machines = self._load() or demo_machines()

    # State ------------------------------------------------------------------------------------

    def _load(self) -> dict[int, Vps] | None:
        if self.state_file is None or not self.state_file.exists():
            return None
        try:
            raw = json.loads(self.state_file.read_text())
            return {int(k): Vps(**v) for k, v in raw.items()}
        except (ValueError, TypeError):
            return None

    def _save(self) -> None:
        if self.state_file is not None:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.state_file.with_suffix(".part")
            partial.write_text(json.dumps({k: asdict(v) for k, v in self.machines.items()}))
            partial.replace(self.state_file)

    # Protocol ---------------------------------------------------------------------------------

    def _authorised(self, params: dict[str, str]) -> bool:
        if params.get("adminapikey") or params.get("adminapipass"):
            return (secrets.compare_digest(params.get("adminapikey", ""), self.api_key)
                    and secrets.compare_digest(params.get("adminapipass", ""), self.api_pass))
        apikey = params.get("apikey", "")
        if len(apikey) != 40:
            return False
        salt = apikey[:8]
        return secrets.compare_digest(apikey[8:], hashlib.md5((self.api_pass + salt).encode()).hexdigest())

    @staticmethod
    def _answer(params: dict[str, str], data: dict[str, Any]) -> Response:
        data = {**data, "timenow": int(time.time()), "time_taken": "0.012"}
        if params.get("api") == "serialize":
            return Response(php_serialize(data), media_type="text/plain")
        return JSONResponse(data)

    def _vs_record(self, vps: Vps) -> dict[str, Any]:
        return {"vpsid": str(vps.vpsid), "vps_name": f"v{vps.vpsid}", "hostname": vps.hostname,
                "suspended": "1" if vps.suspended else "0", "suspend_reason": vps.suspend_reason or None,
                "status": "1" if vps.running and not vps.suspended else "0", "virt": "kvm", "serid": "0"}

    async def index(self, request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            post = {k: str(v) for k, v in form.items()}
        else:
            post = {}
        if self.faults.delay_seconds:
            await asyncio.sleep(self.faults.delay_seconds)
        if self.faults.down:  # what a client sees of a panel behind a proxy that cannot reach it
            return Response("<html><body><h1>502 Bad Gateway</h1></body></html>", status_code=502,
                            media_type="text/html")
        self.calls.append({**params, **{f"post:{k}": v for k, v in post.items()}})
        if not self._authorised(params):
            return self._answer(params, {"error": ["Incorrect API credentials"]})
        if self.faults.error:
            return self._answer(params, {"error": [self.faults.error]})
        if params.get("act") != "vs":
            return self._answer(params, {"error": [f"Unsupported act: {params.get('act', '')}"]})
        return self._answer(params, self._vs(params, post))

    def _vs(self, params: dict[str, str], post: dict[str, str]) -> dict[str, Any]:
        """`act=vs`: suspend, unsuspend, power actions, status, one VPS or the list."""
        def find(raw: str) -> Vps | None:
            return self.machines.get(int(raw)) if raw.isdigit() else None

        if "vs_status" in params:
            ids = [part for part in params["vs_status"].split(",") if part]
            found = {part: find(part) for part in ids}
            return {"status": {k: {"status": v.code(), "used_cpu": "0.4", "used_ram": 312, "ram": 2048,
                                   "used_disk": 7.1, "disk": 40, "net_in": 0, "net_out": 0}
                               for k, v in found.items() if v is not None}}
        for key in ("suspend", "unsuspend", "delete"):
            target = params.get(key) or post.get(key)
            if target:
                vps = find(target)
                if vps is None:
                    return {"error": ["The VPS was not found"]}
                if key == "suspend":
                    vps.suspended, vps.running = True, False
                    vps.suspend_reason = post.get("suspend_reason", "")
                elif key == "unsuspend":  # a real panel does not start it again
                    vps.suspended, vps.suspend_reason = False, ""
                else:
                    del self.machines[vps.vpsid]
                vps.history.append(key)
                self._save()
                return {"done": 1, "done_msg": {"suspend": "The VPS has been suspended",
                                                "unsuspend": "The VPS has been unsuspended",
                                                "delete": "The VPS has been deleted"}[key],
                        "vs": {str(v.vpsid): self._vs_record(v) for v in self.machines.values()}}
        action = params.get("action")
        if action:
            vps = find(params.get("vpsid", ""))
            if vps is None:
                return {"error": ["The VPS was not found"]}
            if action not in ("start", "stop", "restart", "poweroff"):
                return {"error": [f"Invalid action: {action}"]}
            if vps.suspended:
                return {"error": ["The VPS is suspended and cannot be started"]}
            vps.running = action in ("start", "restart")
            vps.history.append(action)
            self._save()
            words = {"start": "Starting VPS", "stop": "Stopping VPS", "restart": "Restarting VPS",
                     "poweroff": "Powering off VPS"}
            return {"done": 1, "done_msg": words[action], "output": None}
        if "vpsid" in params:
            vps = find(params["vpsid"])
            return {"vs": {str(vps.vpsid): self._vs_record(vps)} if vps else {}}
        return {"vs": {str(v.vpsid): self._vs_record(v) for v in self.machines.values()}}

    # The sandbox's own knobs ------------------------------------------------------------------

    async def config(self, request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = {}
        if "down" in body:
            self.faults.down = bool(body["down"])
        if "delay_seconds" in body:
            self.faults.delay_seconds = float(body["delay_seconds"])
        if "error" in body:
            self.faults.error = str(body["error"] or "")
        if body.get("reset"):
            self.machines, self.calls = demo_machines(), []
            self._save()
        for raw in body.get("add", []):
            vps = Vps(int(raw["vpsid"]), str(raw.get("hostname", "")), running=bool(raw.get("running", True)),
                      suspended=bool(raw.get("suspended", False)))
            self.machines[vps.vpsid] = vps
            self._save()
        return JSONResponse({**asdict(self.faults), "machines": {k: asdict(v) for k, v in self.machines.items()}})

    async def state(self, _request: Request) -> Response:
        return JSONResponse({str(k): {"state": ("suspended" if v.suspended else "running" if v.running else "stopped"),
                                      "history": v.history} for k, v in self.machines.items()})

    def routes(self) -> list[Route]:
        return [
            Route("/index.php", self.index, methods=["GET", "POST"]),
            Route("/_sandbox/virtualizor", self.config, methods=["POST"]),
            Route("/_sandbox/virtualizor", self.state, methods=["GET"]),
        ]
