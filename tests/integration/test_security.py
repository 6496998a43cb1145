"""The attacks that got through before, one test (or more) each; see design/security.md.

Points 3 (cross-origin socket) and the CSP in a real browser are in tests/e2e/test_security_browser.py;
point 6 (unguarded, unbounded events) in tests/ui/test_guard.py; point 11 (pushes after sign-out) in
tests/ui/test_live.py.
"""

from __future__ import annotations

import gzip
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import brotli
import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from dorna_app import launcher, web_guard
from dorna_app.accounts import auth, profile
from dorna_app.accounts.models import Client, LoginAttempt
from dorna_app.billing import payments
from dorna_app.billing.gateway import get_gateway
from dorna_app.billing.models import Payment
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify import outbox
from dorna_app.notify.models import OutboxMessage
from dorna_app.settings import reload_settings
from dorna_app.web import build_api
from dorna_app.web_guard import WebGuard, inline_script_hashes
from tests.factories import make_client, make_invoice

PASSWORD = "correct horse battery"
ORIGIN = "http://localhost:3000"  # the default public URL's origin


@pytest.fixture
def api(database):
    return TestClient(build_api(), base_url="http://testserver", follow_redirects=False)


class CountingHasher:
    """argon2 as it is, counting how many passwords it was asked to check."""

    def __init__(self, real) -> None:
        self.real, self.checked, self.lock = real, 0, threading.Lock()

    def verify(self, hashed, password):
        with self.lock:
            self.checked += 1
        return self.real.verify(hashed, password)

    def __getattr__(self, name):
        return getattr(self.real, name)


# 1. Throttling races -------------------------------------------------------------------------------
def test_forty_parallel_guesses_check_no_more_passwords_than_the_limit(database, monkeypatch):
    make_client()
    hasher = CountingHasher(auth._hasher)
    monkeypatch.setattr(auth, "_hasher", hasher)
    guesses = [f"guess-{i}" for i in range(39)] + [PASSWORD]
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(lambda pw: auth.sign_in("customer@example.com", pw, ip_address="6.6.6.6"), guesses))
    assert hasher.checked <= 5
    assert sum(r.outcome == auth.LoginOutcome.THROTTLED for r in results) >= 35
    assert all(r.retry_after > 0 for r in results if r.outcome == auth.LoginOutcome.THROTTLED)


# 2. Lockout by strangers ---------------------------------------------------------------------------
def test_a_strangers_guesses_do_not_lock_the_owner_out(database):
    make_client()
    for i in range(8):
        auth.sign_in("customer@example.com", f"wrong-{i}", ip_address="6.6.6.6")
    assert auth.sign_in("customer@example.com", PASSWORD, ip_address="6.6.6.6").outcome == "throttled"
    assert auth.sign_in("customer@example.com", PASSWORD, ip_address="5.5.5.5").outcome == "ok"


def test_many_addresses_only_slow_the_account_down_for_a_minute_at_most(database):
    make_client()
    with write_session() as s:
        for i in range(30):
            s.add(LoginAttempt(email="customer@example.com", ip_address=f"10.0.0.{i}", succeeded=False,
                               at=utcnow() - timedelta(seconds=5)))
    slowed = auth.sign_in("customer@example.com", PASSWORD, ip_address="5.5.5.5")
    assert slowed.outcome == "throttled" and 0 < slowed.retry_after <= 60
    with write_session() as s:
        for row in s.exec(select(LoginAttempt)).all():
            row.at = utcnow() - timedelta(seconds=61)
            s.add(row)
    assert auth.sign_in("customer@example.com", PASSWORD, ip_address="5.5.5.5").outcome == "ok"


# 4. Cross-site forms --------------------------------------------------------------------------------
@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}])
def test_a_cross_site_sign_in_sets_no_cookie(api, headers):
    make_client()
    response = api.post("/auth/login", data={"email": "customer@example.com", "password": PASSWORD},
                        headers=headers)
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_a_cross_site_sign_out_ends_nothing(api):
    make_client()
    token = api.post("/auth/login", data={"email": "customer@example.com", "password": PASSWORD},
                     headers={"Origin": ORIGIN}).cookies[auth.SESSION_COOKIE]
    api.cookies.set(auth.SESSION_COOKIE, token)
    refused = api.post("/auth/logout", headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and "set-cookie" not in refused.headers
    assert auth.client_for_token(token) is not None
    ours = api.post("/auth/logout", headers={"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"})
    assert ours.status_code == 303 and auth.client_for_token(token) is None


# 5. Unlimited payments ------------------------------------------------------------------------------
class CountingGateway:
    def __init__(self, real) -> None:
        self.real, self.requests, self.inquiries, self.lock = real, 0, 0, threading.Lock()

    def request(self, payment):
        with self.lock:
            self.requests += 1
        return self.real.request(payment)

    def inquiry(self, authority):
        with self.lock:
            self.inquiries += 1
        return self.real.inquiry(authority)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_twenty_rapid_pay_all_presses_make_one_gateway_request(sandbox):
    client = make_client()
    for number in (9001, 9002):
        make_invoice(client.id, number=number, total_rial=1_000_000)
    gateway = CountingGateway(get_gateway())
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: payments.start_payment(client.id, gateway=gateway), range(20)))
    assert gateway.requests == 1
    assert {r.payment_id for r in results} == {results[0].payment_id}
    assert all(r.ok or r.error == payments.StartError.IN_PROGRESS for r in results)
    again = payments.start_payment(client.id, gateway=gateway)  # a press later, from another tab
    assert again.ok and again.redirect_url == next(r.redirect_url for r in results if r.ok)
    assert gateway.requests == 1


def test_payment_starts_per_customer_are_capped_with_a_persian_reason(sandbox, monkeypatch):
    from dorna_app import labels

    monkeypatch.setenv("DORNA_PAYMENT_STARTS_PER_HOUR", "3")
    reload_settings()
    client = make_client()
    numbers = [make_invoice(client.id, total_rial=1_000_000).number for _ in range(5)]
    results = [payments.start_payment(client.id, [n]) for n in numbers]
    assert [r.ok for r in results] == [True, True, True, False, False]
    assert results[-1].error == payments.StartError.TOO_MANY and labels.PAY_ERRORS[results[-1].error]


def test_reconciliation_asks_less_and_less_often(sandbox):
    client = make_client()
    make_invoice(client.id, number=9100, total_rial=1_000_000)
    gateway = CountingGateway(get_gateway())
    start = payments.start_payment(client.id, gateway=gateway)
    now = utcnow() + timedelta(minutes=10)
    payments.reconcile_pending(gateway=gateway, now=now)
    assert gateway.inquiries == 1
    payments.reconcile_pending(gateway=gateway, now=now + timedelta(minutes=1))
    assert gateway.inquiries == 1  # not yet: the next check is 2 minutes later
    payments.reconcile_pending(gateway=gateway, now=now + timedelta(minutes=3))
    assert gateway.inquiries == 2
    with read_session() as s:
        payment = s.get(Payment, start.payment_id)
    assert payment.checks == 2 and payment.next_check_at >= now + timedelta(minutes=3 + 4)


# 7. Recipient injection -----------------------------------------------------------------------------
@pytest.mark.parametrize("address", ["postmaster,demo@dornaserver.ir", "Postmaster <demo@dornaserver.ir>",
                                     "<demo@dornaserver.ir>", "demo@dornaserver.ir\nBcc: x@evil.example",
                                     "a@b", "demo@dornaserver.ir; x@evil.example"])
def test_a_profile_email_is_one_plain_address(database, address):
    client = make_client()
    result = profile.update_contact(client.id, email=address, mobile="", password=PASSWORD)
    assert result.errors.get("email") == "invalid"
    with read_session() as s:
        assert s.get(Client, client.id).email == "customer@example.com"


def test_a_message_goes_to_exactly_its_one_recipient(sandbox):
    client = make_client()
    with write_session() as s:
        outbox.enqueue(s, client_id=client.id, channel="email", kind="t", dedupe_key="one",
                       recipient="customer@example.com", subject="یک", text="متن")
        outbox.enqueue(s, client_id=client.id, channel="email", kind="t", dedupe_key="two",
                       recipient="postmaster,customer@example.com", subject="دو", text="متن")
    outbox.deliver_due(now=utcnow())
    assert [(m.subject, m.rcpt_to) for m in sandbox.inbox.messages] == [("یک", ["customer@example.com"])]
    with read_session() as s:
        bad = s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == "two")).one()
    assert bad.status == "failed" and "one plain" in bad.last_error


# 8. E-mail change -----------------------------------------------------------------------------------
def _link_token(to: str) -> str:
    with read_session() as s:
        mail = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "email_change_confirm",
                                                  OutboxMessage.recipient == to)).one()
    link = next(word for word in mail.body_text.split() if "/auth/confirm-email?" in word)
    return parse_qs(urlparse(link).query)["t"][0]


def test_changing_the_email_needs_the_password_and_the_new_mailbox(api):
    client = make_client()
    assert profile.update_contact(client.id, email="new@example.com", mobile="").errors == {"password": "required"}
    assert profile.update_contact(client.id, email="new@example.com", mobile="",
                                  password="wrong").errors == {"password": "wrong"}
    asked = profile.update_contact(client.id, email="new@example.com", mobile="", password=PASSWORD)
    assert asked.ok and asked.email_pending == "new@example.com"
    assert asked.contact.email == "customer@example.com"  # nothing changes before the link is opened
    with read_session() as s:
        kinds = {(m.kind, m.recipient) for m in s.exec(select(OutboxMessage)).all()}
    assert kinds == {("email_change_confirm", "new@example.com"), ("email_change_notice", "customer@example.com")}
    token = _link_token("new@example.com")
    response = api.get("/auth/confirm-email", params={"t": token})
    assert response.status_code == 303 and response.headers["location"] == "/profile/?email_change=changed"
    with read_session() as s:
        assert s.get(Client, client.id).email == "new@example.com"
    assert profile.confirm_email_change(token) == profile.EmailConfirmation.INVALID  # once only


def test_an_email_change_never_reveals_another_account(database):
    client = make_client()
    make_client(email="taken@example.com")
    taken = profile.update_contact(client.id, email="taken@example.com", mobile="", password=PASSWORD)
    free = profile.update_contact(client.id, email="free@example.com", mobile="", password=PASSWORD)
    assert (taken.ok, taken.errors) == (free.ok, free.errors) == (True, {})
    assert profile.confirm_email_change(_link_token("taken@example.com")) == profile.EmailConfirmation.UNAVAILABLE
    with read_session() as s:
        assert s.get(Client, client.id).email == "customer@example.com"


def test_an_expired_link_changes_nothing(database):
    from dorna_app.accounts.models import EmailChange

    client = make_client()
    profile.update_contact(client.id, email="late@example.com", mobile="", password=PASSWORD)
    with write_session() as s:
        change = s.exec(select(EmailChange)).one()
        change.expires_at = utcnow() - timedelta(seconds=1)
        s.add(change)
    assert profile.confirm_email_change(_link_token("late@example.com")) == profile.EmailConfirmation.INVALID


# 9 and 10. Headers on every response; redirects and hosts ------------------------------------------
def _guarded(*routes: Route) -> TestClient:
    return TestClient(WebGuard(Starlette(routes=list(routes))), base_url="http://localhost:3000",
                      follow_redirects=False)


PAGE = b"<html><head><script>window.x = 1</script><script src='/a.js'></script></head></html>"


def test_every_response_carries_the_security_headers():
    client = _guarded(Route("/healthz", lambda r: Response("ok")))
    headers = client.get("/healthz").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "strict-transport-security" not in headers


def test_hsts_behind_https(monkeypatch):
    monkeypatch.setenv("DORNA_COOKIE_SECURE", "true")
    monkeypatch.setenv("DORNA_PUBLIC_URL", "https://my.dornaserver.ir")
    reload_settings()
    client = TestClient(WebGuard(Starlette(routes=[Route("/", lambda r: Response("ok"))])),
                        base_url="https://my.dornaserver.ir")
    assert client.get("/").headers["strict-transport-security"].startswith("max-age=")
    monkeypatch.undo()
    reload_settings()


@pytest.mark.parametrize("encoding", ["identity", "gzip", "br"])
def test_a_page_allows_exactly_its_own_inline_scripts(encoding):
    """Pages are served precompressed (brotli, else gzip): their scripts are hashed as the browser runs them."""
    body = {"identity": PAGE, "gzip": gzip.compress(PAGE), "br": brotli.compress(PAGE)}[encoding]
    headers = {} if encoding == "identity" else {"content-encoding": encoding}
    client = _guarded(Route("/", lambda r: HTMLResponse(body, headers=headers)))
    policy = client.get("/", headers={"accept-encoding": "br, gzip"}).headers["content-security-policy"]
    [digest] = inline_script_hashes(PAGE)
    assert f"'sha256-{digest}'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_a_redirect_never_points_at_the_host_a_request_claimed():
    client = _guarded(Route("/auth/elsewhere", lambda r: RedirectResponse(f"http://{r.headers['host']}/login/")))
    response = client.get("/auth/elsewhere", headers={"host": "evil.com"})
    assert response.headers["location"] == "/login/"


def test_a_page_is_answered_at_its_address_without_a_slash_redirect(monkeypatch, tmp_path):
    static = tmp_path / ".web" / "build" / "client"
    for folder in ("", "invoices", "login", "login/sms"):
        (static / folder).mkdir(parents=True, exist_ok=True)
        (static / folder / "index.html").write_text("<html></html>")
    (static / "assets").mkdir()
    monkeypatch.setattr(web_guard, "get_web_dir", lambda: tmp_path / ".web")
    assert web_guard.page_folders() == {"/invoices", "/login", "/login/sms"}  # not the root, not assets

    seen = []

    def page(request):
        seen.append((request.method, request.url.path))
        return Response("page")

    client = _guarded(Route("/invoices/", page, methods=["GET", "HEAD", "POST"]),
                      Route("/invoices", page, methods=["POST"]), Route("/healthz", page))
    assert client.get("/invoices?status=paid").status_code == 200
    assert client.head("/invoices").status_code == 200
    assert client.get("/healthz").status_code == 200  # not a page folder: untouched
    assert client.post("/invoices", headers={"origin": "http://localhost:3000"}).status_code == 200
    assert seen == [("GET", "/invoices/"), ("HEAD", "/invoices/"), ("GET", "/healthz"), ("POST", "/invoices")]


def test_a_page_whose_address_holds_a_value_is_answered_with_its_prerendered_shell(monkeypatch, tmp_path):
    static = tmp_path / ".web" / "build" / "client"
    for folder in ("", "invoices", "invoices/_", "support/_", "support/new", "staff/customers/_"):
        (static / folder).mkdir(parents=True, exist_ok=True)
        (static / folder / "index.html").write_text("<html></html>")
    monkeypatch.setattr(web_guard, "get_web_dir", lambda: tmp_path / ".web")
    assert web_guard.page_folder("/invoices/1523") == "/invoices/_"
    assert web_guard.page_folder("/staff/customers/7") == "/staff/customers/_"
    assert web_guard.page_folder("/support/new") == "/support/new"  # a page of its own comes first
    assert web_guard.page_folder("/support/12") == "/support/_"
    assert web_guard.page_folder("/invoices") == "/invoices"
    for other in ("/invoices/1523/pay", "/invoices//", "/staff/customers", "/staff/tickets/3", "/nowhere/1"):
        assert web_guard.page_folder(other) is None, other

    seen = []

    def page(request):
        seen.append((request.method, request.url.path))
        return Response("page")

    client = _guarded(Route("/invoices/_/", page, methods=["GET", "HEAD", "POST"]),
                      Route("/invoices/1523", page, methods=["POST"]))
    assert client.get("/invoices/1523?from=mail").status_code == 200
    assert client.head("/invoices/9").status_code == 200
    assert client.post("/invoices/1523", headers={"origin": "http://localhost:3000"}).status_code == 200
    assert seen == [("GET", "/invoices/_/"), ("HEAD", "/invoices/_/"), ("POST", "/invoices/1523")]


def test_unknown_hosts_are_refused_in_production(monkeypatch):
    monkeypatch.setenv("DORNA_ALLOWED_HOSTS", "my.dornaserver.ir")
    reload_settings()
    client = _guarded(Route("/", lambda r: Response("ok")))
    assert client.get("/", headers={"host": "evil.com"}).status_code == 421
    assert client.get("/", headers={"host": "my.dornaserver.ir"}).status_code == 200
    monkeypatch.undo()
    reload_settings()


# The bind address -----------------------------------------------------------------------------------
def test_the_app_listens_on_loopback_unless_configured():
    assert "--backend-host" in (cmd := launcher.reflex_command(3000))
    assert cmd[cmd.index("--backend-host") + 1] == "127.0.0.1"
    assert reload_settings().bind_address == "127.0.0.1"
