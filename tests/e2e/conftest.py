"""Browser tests: the real app (`reflex run --env prod`, as `make run` starts it) on a free port with
its own database, driven by Playwright in Debian's headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dorna_app import launcher
from dorna_app.settings import PROJECT_ROOT, get_settings

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
SCREENS = ARTIFACTS / "screens"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningApp:
    url: str
    database_url: str
    env: dict[str, str]
    sandbox_url: str

    def run_python(self, code: str) -> str:
        """Run code against the app's database in a separate process (as a job or admin would)."""
        result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise AssertionError(result.stderr)
        return result.stdout


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    ARTIFACTS.mkdir(exist_ok=True)
    port, sandbox_port, smtp_port = free_port(), free_port(), free_port()
    db_path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    extra = {"DORNA_DATABASE_URL": f"sqlite:///{db_path}", "DORNA_PORT": str(port),
             "DORNA_PUBLIC_URL": f"http://localhost:{port}", "DORNA_SANDBOX_PORT": str(sandbox_port),
             "DORNA_SMTP_PORT": str(smtp_port)}
    env = {**os.environ, **extra}
    subprocess.run([sys.executable, "-m", "dorna_app", "seed-demo"], cwd=PROJECT_ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    log_path = ARTIFACTS / "app.log"
    log_path.write_bytes(b"")
    sandbox = launcher.start_sandbox(sandbox_port, log_path=ARTIFACTS / "sandbox.log", smtp_port=smtp_port)
    proc = launcher.start_reflex(port, env_extra=extra, log_path=log_path)
    url = f"http://localhost:{port}"
    try:
        if not launcher.wait_for_sandbox(sandbox_port, sandbox):
            raise RuntimeError("the sandbox did not start")
        if not launcher.wait_until_up(url, proc, timeout=900):
            raise RuntimeError(f"the app did not start:\n{log_path.read_text()[-4000:]}")
        yield RunningApp(url=url, database_url=extra["DORNA_DATABASE_URL"], env=env,
                         sandbox_url=f"http://127.0.0.1:{sandbox_port}")
    finally:
        launcher.stop(proc)
        launcher.stop(sandbox)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


CSP_VIOLATIONS: list[str] = []


def _watch_csp(message) -> None:
    text = message.text
    if "Content Security Policy" in text or "Content-Security-Policy" in text:
        CSP_VIOLATIONS.append(text)


@pytest.fixture(autouse=True)
def no_csp_violations():
    """Every browser test runs under the app's real CSP and must not trip it."""
    CSP_VIOLATIONS.clear()
    yield
    assert CSP_VIOLATIONS == []


def new_page(browser, size: dict, context=None):
    context = context or browser.new_context(viewport=size, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("console", _watch_csp)
    return page


def sign_in(page, app: RunningApp, email: str | None = None, password: str | None = None) -> None:
    settings = get_settings()
    page.goto(f"{app.url}/login")
    page.fill("#email", email or settings.demo_email)
    page.fill("#password", password or settings.demo_password)
    page.click("#login-submit")


def signed_in_page(browser, app: RunningApp, size: dict):
    """A new tab signed in as the demo customer, on the dashboard with its state delivered."""
    page = new_page(browser, size)
    sign_in(page, app)
    page.wait_for_url(f"{app.url}/")
    wait_hydrated(page)
    return page


def wait_hydrated(page) -> None:
    """State-driven text is only real after the websocket delivered the state."""
    page.wait_for_function("() => { const e = document.querySelector('#user-email'); "
                           "return e && e.textContent.includes('@'); }")


def screenshot(page, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for(probe, timeout: float = 40.0):
    """Poll until `probe` returns something truthy (the in-process sender runs on its own clock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if probe():
            time.sleep(1.5)  # and make sure nothing more arrives
            return probe()
        time.sleep(0.5)
    raise AssertionError("nothing arrived")
