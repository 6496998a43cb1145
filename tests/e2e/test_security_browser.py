"""Against the running app: the event socket and CORS accept only the public origin, and every page
carries the headers (the CSP itself is exercised by every browser test, which fails on a violation)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import websockets.asyncio.client
from websockets.exceptions import InvalidStatus

from dorna_app.settings import get_settings

pytestmark = pytest.mark.e2e


def _session_cookie(app_server) -> str:
    settings = get_settings()
    response = httpx.post(f"{app_server.url}/auth/login", headers={"Origin": app_server.url},
                          data={"email": settings.demo_email, "password": settings.demo_password})
    assert response.status_code == 303
    return f"dorna_session={response.cookies['dorna_session']}"


async def _open_socket(app_server, origin: str, cookie: str) -> str:
    url = app_server.url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"
    async with websockets.asyncio.client.connect(url, origin=origin, additional_headers={"Cookie": cookie},
                                  open_timeout=10) as socket:
        return str(await asyncio.wait_for(socket.recv(), 10))


def _run(coro):
    """asyncio.run on a thread of its own (the browser tests' thread already runs Playwright's loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_the_event_socket_refuses_a_foreign_origin_even_with_a_valid_cookie(app_server):
    cookie = _session_cookie(app_server)
    for foreign in ("http://evil.example", app_server.url.replace("localhost", "127.0.0.1"), "null"):
        with pytest.raises(InvalidStatus) as refused:
            _run(_open_socket(app_server, foreign, cookie))
        assert refused.value.response.status_code == 403
    assert _run(_open_socket(app_server, app_server.url, cookie)).startswith("0{")  # engine.io open


def test_cors_allows_only_the_public_origin(app_server):
    foreign = httpx.get(f"{app_server.url}/healthz", headers={"Origin": "http://evil.example"})
    assert foreign.headers.get("access-control-allow-origin") in (None, app_server.url)
    ours = httpx.get(f"{app_server.url}/healthz", headers={"Origin": app_server.url})
    assert ours.headers.get("access-control-allow-origin") == app_server.url


def test_pages_and_files_carry_the_security_headers(app_server):
    for path in ("/login/", "/", "/styles.css", "/fonts/vazirmatn-fa.woff2", "/healthz", "/favicon.svg",
                 "/favicon.ico", "/apple-touch-icon.png"):
        response = httpx.get(f"{app_server.url}{path}", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, path  # the icons too: no 404 on every page load
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["referrer-policy"] == "same-origin", path
    page = httpx.get(f"{app_server.url}/login/").headers["content-security-policy"]
    assert "'sha256-" in page and "'unsafe-inline'" not in page.split("script-src")[1].split(";")[0]


def test_a_foreign_host_header_never_reaches_a_redirect(app_server):
    # A page's address without its slash is answered with the page itself (no redirect to build from
    # the claimed Host, and no extra round trip); its inline scripts are allowed by their hashes.
    response = httpx.get(f"{app_server.url}/login", headers={"Host": "evil.com"})
    assert response.status_code == 200 and "location" not in response.headers
    assert "'sha256-" in response.headers["content-security-policy"]
    direct = httpx.get(f"{app_server.url}/invoices")
    assert direct.status_code == 200 and "<html" in direct.text
    assert "'sha256-" in direct.headers["content-security-policy"]
    # An invoice's address is answered with the invoice page's prerendered frame (its module preloaded),
    # not the empty SPA fallback; its scripts are allowed by their hashes too.
    invoice = httpx.get(f"{app_server.url}/invoices/1523")
    assert invoice.status_code == 200 and '<main class="container" id="main"' in invoice.text
    assert "__invoice_no_" in invoice.text and "'sha256-" in invoice.headers["content-security-policy"]
