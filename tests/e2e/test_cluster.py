"""Production topology: PostgreSQL, Redis, the app on two workers plus one more backend process.

A payment callback settled by one backend process updates a tab whose websocket is held by another
(Reflex forwards the change through Redis). Built in its own web folder, so it never disturbs the
SQLite app the other browser tests use.
"""

import os
import subprocess
import sys
from urllib.parse import urlparse

import httpx
import pytest

from dorna_app import launcher
from dorna_app.devservers import free_port, start_postgres, start_redis
from dorna_app.settings import PROJECT_ROOT
from tests.e2e.conftest import ARTIFACTS, PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def cluster():
    ARTIFACTS.mkdir(exist_ok=True)
    pg, redis = start_postgres(), start_redis()
    front, back, sandbox_port, smtp_port = free_port(), free_port(), free_port(), free_port()
    base = {"DORNA_DATABASE_URL": pg.create_database("cluster"), "REFLEX_REDIS_URL": redis.url,
            "DORNA_SANDBOX_PORT": str(sandbox_port), "DORNA_SMTP_PORT": str(smtp_port),
            "DORNA_PUBLIC_URL": f"http://localhost:{front}",
            "REFLEX_WEB_WORKDIR": str(PROJECT_ROOT / ".web-cluster")}
    env = {**os.environ, **base}
    subprocess.run([sys.executable, "-m", "dorna_app", "seed-demo"], cwd=PROJECT_ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    procs = [launcher.start_sandbox(sandbox_port, log_path=ARTIFACTS / "cluster-sandbox.log", smtp_port=smtp_port)]
    try:
        procs.append(launcher.start_reflex(front, env_extra={**base, "GRANIAN_WORKERS": "2"},
                                           log_path=ARTIFACTS / "cluster-front.log"))
        if not launcher.wait_until_up(f"http://localhost:{front}", procs[-1], timeout=900):
            raise RuntimeError((ARTIFACTS / "cluster-front.log").read_text()[-3000:])
        procs.append(launcher.start_reflex(back, env_extra={**base, "GRANIAN_WORKERS": "1"},
                                           log_path=ARTIFACTS / "cluster-back.log", backend_only=True))
        if not launcher.wait_for_health(f"http://127.0.0.1:{back}", procs[-1], timeout=300):
            raise RuntimeError((ARTIFACTS / "cluster-back.log").read_text()[-3000:])
        yield {"front": f"http://localhost:{front}", "back": f"http://127.0.0.1:{back}",
               "sandbox": f"http://127.0.0.1:{sandbox_port}"}
    finally:
        for proc in reversed(procs):
            launcher.stop(proc)
        redis.stop()
        pg.stop()


def test_a_callback_on_one_process_updates_a_tab_on_another(cluster, browser):
    app = type("App", (), {"url": cluster["front"]})
    context = browser.new_context(viewport=PHONE, locale="fa-IR")
    watcher = new_page(browser, PHONE, context)
    sign_in(watcher, app)
    watcher.wait_for_url(f"{cluster['front']}/")
    wait_hydrated(watcher)
    watcher.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۴'")
    watcher.evaluate("() => { window.__notReloaded = true; }")

    payer = new_page(browser, PHONE, context)
    payer.goto(f"{cluster['front']}/invoices")
    wait_hydrated(payer)
    payer.locator(".pay-all").first.click()
    payer.wait_for_url("**/pg/StartPay/**")
    authority = urlparse(payer.url).path.rstrip("/").rsplit("/", 1)[-1]
    # Paid at the gateway; the payer's browser comes back through the *other* backend process.
    callback = httpx.post(f"{cluster['sandbox']}/_sandbox/pay/{authority}", json={"outcome": "paid"}).json()
    query = urlparse(callback["callback_url"]).query
    response = httpx.get(f"{cluster['back']}/payment/callback?{query}")
    assert response.status_code == 303 and "/payment/result/" in response.headers["location"]

    watcher.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۰'", timeout=15_000)
    assert watcher.evaluate("() => window.__notReloaded === true")
    screenshot(watcher, "cluster-dashboard-after-payment-phone")
    context.close()
