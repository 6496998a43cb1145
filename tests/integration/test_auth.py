"""Sign-in: argon2 hashes, server-side sessions in an HttpOnly cookie, throttling, isolation."""

from datetime import UTC, timedelta

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from dorna_app.accounts import auth
from dorna_app.accounts.models import AuthSession, Client
from dorna_app.billing import queries
from dorna_app.db import read_session, write_session
from dorna_app.web import build_api, safe_next
from tests.factories import make_client, make_invoice

PASSWORD = "correct horse battery"


@pytest.fixture
def api(database):
    return TestClient(build_api(), base_url="http://testserver", follow_redirects=False)


def test_password_is_hashed_with_argon2(database):
    make_client()
    with read_session() as s:
        stored = s.exec(select(Client)).one().password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_long_persian_passphrase_works(database):
    passphrase = "رمز عبور بسیار طولانی فارسی که از هفتاد و دو بایت بیشتر است و باید کار کند"
    assert len(passphrase.encode()) > 72
    make_client(email="long@example.com", password=passphrase)
    assert auth.sign_in("long@example.com", passphrase).outcome == auth.LoginOutcome.OK


def test_sign_in_sets_httponly_cookie_and_session_resolves(api):
    make_client()
    response = api.post("/auth/login", data={"email": " Customer@Example.com ", "password": PASSWORD})
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{auth.SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    token = response.cookies[auth.SESSION_COOKIE]
    who = auth.client_for_token(token)
    assert who is not None and who.email == "customer@example.com"
    with read_session() as s:  # only the hash is stored
        assert s.exec(select(AuthSession)).one().token_hash != token


@pytest.mark.parametrize(
    ("email", "password", "error"),
    [
        ("customer@example.com", "wrong", "invalid"),
        ("nobody@example.com", PASSWORD, "invalid"),  # same answer: does not reveal who exists
        ("", "", "missing"),
        ("customer@example.com", "", "missing"),
    ],
)
def test_failed_sign_in_redirects_with_a_code_and_sets_no_cookie(api, email, password, error):
    make_client()
    response = api.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 303
    assert response.headers["location"] == f"/login/?error={error}"
    # No session; only what was typed comes back, briefly, for the sign-in page to show again.
    cookies = response.headers.get_list("set-cookie")
    assert not any(c.startswith(f"{auth.SESSION_COOKIE}=") for c in cookies)
    assert all(c.startswith(f"{auth.TYPED_EMAIL_COOKIE}=") and "HttpOnly" in c and "Max-Age=300" in c
               for c in cookies)


def test_malformed_body_is_a_failed_sign_in_not_an_error(api):
    response = api.post("/auth/login", content=b"\xff\xfe", headers={"content-type": "multipart/form-data"})
    assert response.status_code == 303 and "error=missing" in response.headers["location"]


def test_repeated_failures_are_throttled_per_account(api):
    make_client()
    for _ in range(5):
        api.post("/auth/login", data={"email": "customer@example.com", "password": "nope"})
    response = api.post("/auth/login", data={"email": "customer@example.com", "password": PASSWORD})
    assert "error=throttled" in response.headers["location"]


def test_repeated_failures_are_throttled_per_address(api):
    make_client()
    for i in range(20):
        api.post("/auth/login", data={"email": f"guess{i}@example.com", "password": "nope"})
    response = api.post("/auth/login", data={"email": "customer@example.com", "password": PASSWORD})
    assert "error=throttled" in response.headers["location"]


def test_logout_ends_the_session_on_the_server(api):
    make_client()
    token = api.post("/auth/login", data={"email": "customer@example.com", "password": PASSWORD}).cookies[
        auth.SESSION_COOKIE]
    api.cookies.set(auth.SESSION_COOKIE, token)
    response = api.post("/auth/logout")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert auth.client_for_token(token) is None


def test_forged_and_expired_tokens_are_rejected(database):
    make_client()
    result = auth.sign_in("customer@example.com", PASSWORD)
    assert auth.client_for_token(result.token) is not None
    assert auth.client_for_token("forged-" + result.token) is None
    assert auth.client_for_token("") is None
    assert auth.client_for_token("x" * 5000) is None
    with write_session() as s:
        row = s.exec(select(AuthSession)).one()
        row.expires_at = row.created_at - timedelta(seconds=1)
        s.add(row)
    assert auth.client_for_token(result.token) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [("/invoices?status=paid", "/invoices?status=paid"), ("//evil.example", "/"),
     ("https://evil.example", "/"), ("/login", "/"), ("", "/"), ("/\\evil", "/")],
)
def test_next_is_only_a_local_path(target, expected):
    assert safe_next(target) == expected


def test_a_customer_cannot_read_another_customers_invoice(database):
    alice = make_client(email="alice@example.com")
    bob = make_client(email="bob@example.com")
    invoice = make_invoice(alice.id, number=777)
    assert queries.get_invoice(alice.id, 777) is not None
    assert queries.get_invoice(bob.id, invoice.number) is None
    assert queries.list_invoices(bob.id).total == 0
    assert queries.unpaid_summary(bob.id).count == 0
    assert queries.search(bob.id, "777") == ([], [])


def _request(peer: str, forwarded: str | None = None):
    from starlette.requests import Request

    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "client": (peer, 1234), "headers": headers, "method": "POST", "path": "/"})


def test_client_address_behind_the_trusted_proxy_only():
    from dorna_app.web import client_ip

    assert client_ip(_request("127.0.0.1", "5.6.7.8")) == "5.6.7.8"  # nginx on loopback
    assert client_ip(_request("127.0.0.1", "1.1.1.1, 5.6.7.8")) == "5.6.7.8"  # the proxy's own view
    assert client_ip(_request("9.9.9.9", "5.6.7.8")) == "9.9.9.9"  # a stranger cannot pick its address
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


def test_old_attempts_and_sessions_are_pruned(database):
    make_client()
    auth.sign_in("customer@example.com", "wrong")
    auth.sign_in("customer@example.com", PASSWORD)
    from datetime import datetime

    assert auth.prune(datetime(2999, 1, 1, tzinfo=UTC)) == 3
