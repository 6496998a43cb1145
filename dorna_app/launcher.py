"""Start the whole app on one machine: database, demo data, then Reflex in production mode.

Used by `make run` and by the browser tests, so what the tests drive is what a newcomer starts.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from dorna_app.settings import PROJECT_ROOT, get_settings

# Reflex rewrites this committed file on every start with the same content in another key order.
PACKAGE_JSON = PROJECT_ROOT / "reflex.lock" / "package.json"
_package_json_as_committed: bytes | None = None


def _remember_package_json() -> None:
    global _package_json_as_committed  # noqa: PLW0603 (one checkout per process)
    if _package_json_as_committed is None and PACKAGE_JSON.exists():
        _package_json_as_committed = PACKAGE_JSON.read_bytes()


def keep_package_json() -> None:
    """Put back the committed bytes when Reflex rewrote the file with equal content, so running the
    app leaves the checkout clean; a real change (a new frontend package) is kept."""
    before = _package_json_as_committed
    if before is None or not PACKAGE_JSON.exists():
        return
    after = PACKAGE_JSON.read_bytes()
    try:
        same = after != before and json.loads(after) == json.loads(before)
    except ValueError:
        return
    if same:
        PACKAGE_JSON.write_bytes(before)


def port_is_free(port: int) -> bool:
    """Whether nothing listens on this port yet (checked before starting, to fail with a clear word)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def reflex_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment Reflex needs here: the venv's Node first, npm instead of bun, nothing phoning home."""
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    env.setdefault("REFLEX_USE_NPM", "1")
    env.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
    env.setdefault("REFLEX_CHECK_LATEST_VERSION", "0")
    env.setdefault("NEXT_TELEMETRY_DISABLED", "1")
    # The event socket refuses messages over 64 KiB before they reach the app (the guard caps less).
    env.setdefault("REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE", str(64 * 1024))
    if "NPM_CONFIG_REGISTRY" not in env:
        # Use the registry npm itself is configured with, instead of Reflex timing several mirrors.
        npm = shutil.which("npm", path=env["PATH"])
        if npm:
            try:
                registry = subprocess.run(
                    [npm, "config", "get", "registry"],
                    capture_output=True, text=True, timeout=30, env=env, check=False,
                ).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                registry = ""
            if registry.startswith("http"):
                env["NPM_CONFIG_REGISTRY"] = registry
    env.update(extra or {})
    return env


def reflex_command(port: int, *, backend_only: bool = False, bind: str = "127.0.0.1") -> list[str]:
    """The `reflex run` command line: production build, one port, listening on `bind` only."""
    if backend_only:
        return [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only",
                "--backend-port", str(port), "--backend-host", bind, "--loglevel", "warning"]
    return [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
            "--frontend-port", str(port), "--backend-port", str(port), "--backend-host", bind,
            "--loglevel", "warning"]


def start_reflex(port: int, env_extra: dict[str, str] | None = None, log_path: Path | None = None,
                 *, backend_only: bool = False) -> subprocess.Popen:
    """`reflex run --env prod --single-port` on `port`, in its own process group.

    `backend_only` starts one more backend (API, websockets, callbacks) on its own port, sharing the
    database and Redis with the others; it serves no pages and needs an existing build.
    """
    env = reflex_env({"DORNA_PORT": str(port), **(env_extra or {})})
    if backend_only:
        env["DORNA_BACKEND_ONLY"] = "1"
    cmd = reflex_command(port, backend_only=backend_only,
                         bind=env.get("DORNA_BIND_ADDRESS") or get_settings().bind_address)
    _remember_package_json()
    out = open(log_path, "ab") if log_path else None
    return subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=out,
                            stderr=subprocess.STDOUT if out else None, start_new_session=True)


def start_sandbox(port: int, log_path: Path | None = None, *, smtp_port: int | None = None,
                  panel_state: Path | None = None) -> subprocess.Popen:
    """The local stand-ins (`python -m dorna_app.sandbox`) in their own process group; SMTP listens on
    `smtp_port`, or on the next port when none is given; the panel stand-in keeps its servers in
    `panel_state` (so they stay as billing left them across restarts of `make run`)."""
    out = open(log_path, "ab") if log_path else None
    cmd = [sys.executable, "-m", "dorna_app.sandbox", "--port", str(port)]
    if smtp_port:
        cmd += ["--smtp-port", str(smtp_port)]
    if panel_state:
        cmd += ["--panel-state", str(panel_state)]
    return subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT if out else None,
                            start_new_session=True)


def _poll(urls: list[str], proc: subprocess.Popen, timeout: float, interval: float = 0.5) -> bool:
    """True once every URL answers 200 (following redirects); False if `proc` died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if all(httpx.get(url, timeout=5, follow_redirects=True).status_code == 200 for url in urls):
                return True
        except httpx.HTTPError:
            pass
        time.sleep(interval)
    return False


def wait_for_sandbox(port: int, proc: subprocess.Popen, timeout: float = 60) -> bool:
    return _poll([f"http://127.0.0.1:{port}/_sandbox/health"], proc, timeout, interval=0.2)


def wait_for_health(url: str, proc: subprocess.Popen, timeout: float = 300) -> bool:
    """Poll a backend-only process's health route."""
    up = _poll([f"{url}/healthz"], proc, timeout)
    keep_package_json()
    return up


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 900) -> bool:
    """Until the backend's health route and the built sign-in page both answer."""
    up = _poll([f"{url}/healthz", f"{url}/login"], proc, timeout, interval=1)
    keep_package_json()
    return up


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """End a child started by `start_reflex` together with its own children."""
    keep_package_json()
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
