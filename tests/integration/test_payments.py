"""Online payment end to end against the ZarinPal sandbox on a real socket.

Nothing is booked from the callback's word, a replay or 20 concurrent callbacks book once, and a
payer who never comes back is settled by reconciliation.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from sqlmodel import func, select
from starlette.testclient import TestClient

from dorna_app.accounts.models import Client
from dorna_app.billing import payments
from dorna_app.billing.models import CreditEntry, Invoice, Payment, Service, ServiceRenewal, StatusChange
from dorna_app.db import read_session
from dorna_app.web import build_api
from tests.factories import make_client, make_invoice, make_service

DUE = date(2026, 12, 1)


@pytest.fixture
def customer(sandbox):
    """A customer with two servers (one suspended for non-payment) and their two renewal invoices."""
    client = make_client()
    active = make_service(client.id, due=DUE, name="alpha")
    suspended = make_service(client.id, due=DUE - timedelta(days=20), status="suspended", reason="non_payment",
                             name="beta")
    abuse = make_service(client.id, due=DUE, status="suspended", reason="abuse", name="gamma")
    invoices = [
        make_invoice(client.id, number=1523, total_rial=1_620_000, due=DUE, service_id=active.id),
        make_invoice(client.id, number=1141, total_rial=705_000, due=DUE - timedelta(days=20),
                     service_id=suspended.id),
        make_invoice(client.id, number=1600, total_rial=500_000, due=DUE, service_id=abuse.id),
    ]
    return {"client": client, "active": active, "suspended": suspended, "abuse": abuse, "invoices": invoices}


def sandbox_pay(sandbox, redirect_url: str, outcome: str = "paid", amount_rial: int | None = None) -> str:
    """Pay (or cancel) at the sandbox like the payer would; returns the callback URL to visit."""
    authority = redirect_url.rstrip("/").rsplit("/", 1)[-1]
    body = {"outcome": outcome}
    if amount_rial is not None:
        body["amount_rial"] = amount_rial
    port = urlparse(redirect_url).port
    return httpx.post(f"http://127.0.0.1:{port}/_sandbox/pay/{authority}", json=body).json()["callback_url"]


def visit_callback(callback_url: str) -> httpx.Response:
    parsed = urlparse(callback_url)
    api = TestClient(build_api(), follow_redirects=False)
    return api.get(parsed.path, params={k: v[0] for k, v in parse_qs(parsed.query).items()})


def load(model, row_id):
    with read_session() as s:
        return s.get(model, row_id)


def test_pay_all_books_each_invoice_renews_by_one_cycle_and_unsuspends(customer, sandbox):
    start = payments.start_payment(customer["client"].id)
    assert start.ok and start.amount_rial == 1_620_000 + 705_000 + 500_000
    payment = load(Payment, start.payment_id)
    assert payment.authority and start.redirect_url.endswith(payment.authority)  # stored before redirect
    response = visit_callback(sandbox_pay(sandbox, start.redirect_url))
    assert response.status_code == 303 and response.headers["location"] == f"/payment/result/?p={payment.id}"
    payment = load(Payment, payment.id)
    assert payment.status == "succeeded" and payment.ref_id and payment.card_pan
    assert all(load(Invoice, inv.id).status == "paid" for inv in customer["invoices"])
    assert load(Service, customer["active"].id).next_due_date == date(2027, 1, 1)
    beta = load(Service, customer["suspended"].id)
    assert (beta.status, beta.suspension_reason, beta.next_due_date) == ("active", None, date(2026, 12, 11))
    gamma = load(Service, customer["abuse"].id)  # suspended for abuse: renewed, still suspended
    assert (gamma.status, gamma.next_due_date) == ("suspended", date(2027, 1, 1))
    summary = payments.payment_summary(customer["client"].id, payment.id)
    assert summary.invoice_numbers == [1141, 1523, 1600]
    assert [r.unsuspended for r in summary.renewed].count(True) == 1


def test_replayed_callback_renews_once(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    callback = sandbox_pay(sandbox, start.redirect_url)
    for _ in range(3):
        assert visit_callback(callback).status_code == 303
    assert load(Service, customer["active"].id).next_due_date == date(2027, 1, 1)
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(ServiceRenewal)).one() == 1
        assert s.exec(select(func.count()).select_from(StatusChange).where(
            StatusChange.entity == "invoice", StatusChange.to_status == "paid")).one() == 1


def test_twenty_concurrent_callbacks_settle_once(customer, sandbox):
    start = payments.start_payment(customer["client"].id)
    authority = load(Payment, start.payment_id).authority
    sandbox_pay(sandbox, start.redirect_url)
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: payments.settle_payment(authority), range(20)))
    assert {r.status for r in results} == {payments.SettleStatus.SUCCEEDED}
    assert sum(r.booked_now for r in results) == 1
    assert load(Service, customer["active"].id).next_due_date == date(2027, 1, 1)
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(ServiceRenewal)).one() == 3
        assert load(Client, customer["client"].id).credit_rial == 0


def test_amount_mismatch_books_nothing(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    callback = sandbox_pay(sandbox, start.redirect_url, amount_rial=1_000_000)
    visit_callback(callback)
    payment = load(Payment, start.payment_id)
    assert (payment.status, payment.failure_code) == ("failed", "verify:-50")
    assert load(Invoice, customer["invoices"][0].id).status == "unpaid"
    assert load(Service, customer["active"].id).next_due_date == DUE


def test_cancelled_at_the_gateway_books_nothing_and_can_be_retried(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    visit_callback(sandbox_pay(sandbox, start.redirect_url, outcome="cancelled"))
    assert load(Payment, start.payment_id).status == "cancelled"
    assert load(Invoice, customer["invoices"][0].id).status == "unpaid"
    again = payments.start_payment(customer["client"].id, [1523])
    assert again.ok and again.payment_id != start.payment_id


def test_status_ok_in_the_query_is_not_proof(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    authority = load(Payment, start.payment_id).authority
    # The payer forges Status=OK without paying: verify answers -51, nothing is booked.
    api = TestClient(build_api(), follow_redirects=False)
    api.get("/payment/callback", params={"Authority": authority, "Status": "OK"})
    assert load(Invoice, customer["invoices"][0].id).status == "unpaid"
    assert load(Payment, start.payment_id).status == "failed"


@pytest.mark.parametrize(("params", "error"), [
    ({"Authority": "S" + "x" * 35, "Status": "OK"}, "unknown"),
    ({"Authority": "not-an-authority", "Status": "OK"}, "invalid"),
    ({}, "invalid"),
])
def test_unknown_or_forged_authority(sandbox, params, error):
    api = TestClient(build_api(), follow_redirects=False)
    response = api.get("/payment/callback", params=params)
    assert response.status_code == 303 and response.headers["location"] == f"/payment/result/?error={error}"


def test_paid_or_cancelled_invoices_cannot_be_paid_again(customer, sandbox):
    client_id = customer["client"].id
    make_invoice(client_id, number=900, status="paid")
    make_invoice(client_id, number=901, status="cancelled")
    assert payments.start_payment(client_id, [900, 901]).error == payments.StartError.NOTHING_TO_PAY
    other = make_client(email="other@example.com")
    assert payments.start_payment(other.id, [1523]).error == payments.StartError.NOTHING_TO_PAY


def test_gateway_down_at_request_leaves_the_invoice_payable(customer, sandbox):
    sandbox.zarinpal.faults.down = {"request"}
    result = payments.start_payment(customer["client"].id, [1523])
    assert result.error == payments.StartError.GATEWAY_UNAVAILABLE
    assert load(Payment, result.payment_id).status == "failed"
    assert load(Invoice, customer["invoices"][0].id).status == "unpaid"


def test_gateway_slow_at_request_times_out_cleanly(customer, sandbox):
    sandbox.zarinpal.faults.delay_seconds = 3  # the client's timeout is 2 s in tests
    result = payments.start_payment(customer["client"].id, [1523])
    assert result.error == payments.StartError.GATEWAY_UNAVAILABLE
    assert load(Invoice, customer["invoices"][0].id).status == "unpaid"


def test_gateway_down_at_verify_stays_pending_then_reconciliation_settles(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    callback = sandbox_pay(sandbox, start.redirect_url)
    sandbox.zarinpal.faults.down = {"verify"}
    visit_callback(callback)
    assert load(Payment, start.payment_id).status == "pending"
    assert load(Invoice, customer["invoices"][0].id).status == "unpaid"
    sandbox.zarinpal.faults.down = set()
    report = payments.reconcile_pending(min_age=timedelta(0))
    assert (report.succeeded, report.clients) == (1, {customer["client"].id})
    assert load(Invoice, customer["invoices"][0].id).status == "paid"
    assert load(Service, customer["active"].id).next_due_date == date(2027, 1, 1)


def test_payer_who_never_returns_is_settled_by_reconciliation(customer, sandbox):
    start = payments.start_payment(customer["client"].id)
    sandbox_pay(sandbox, start.redirect_url)  # paid, but the browser never comes back
    assert payments.reconcile_pending(min_age=timedelta(minutes=5)).examined == 0  # too fresh to ask
    report = payments.reconcile_pending(min_age=timedelta(0))
    assert report.succeeded == 1
    assert load(Payment, start.payment_id).status == "succeeded"
    assert payments.reconcile_pending(min_age=timedelta(0)).succeeded == 0  # nothing left, nothing twice


def test_unpaid_payment_is_given_up_after_a_day(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    report = payments.reconcile_pending(min_age=timedelta(0))
    assert report.still_pending == 1 and load(Payment, start.payment_id).status == "pending"
    later = load(Payment, start.payment_id).created_at + timedelta(hours=25)
    assert payments.reconcile_pending(min_age=timedelta(0), now=later).failed == 1
    assert load(Payment, start.payment_id).status == "failed"


def test_money_for_an_invoice_paid_meanwhile_goes_to_credit(customer, sandbox):
    client_id = customer["client"].id
    first = payments.start_payment(client_id, [1523])
    # Another tab paid it too: the same invoices reuse the first payment, so this one paid it with
    # another invoice (pay-all there, pay-one here).
    second = payments.start_payment(client_id, [1523, 1141])
    assert second.payment_id != first.payment_id
    visit_callback(sandbox_pay(sandbox, first.redirect_url))
    visit_callback(sandbox_pay(sandbox, second.redirect_url))
    assert load(Payment, second.payment_id).status == "succeeded"
    assert load(Client, client_id).credit_rial == 1_620_000
    assert load(Service, customer["active"].id).next_due_date == date(2027, 1, 1)  # renewed once
    with read_session() as s:
        assert len(s.exec(select(CreditEntry)).all()) == 1
    assert payments.payment_summary(client_id, second.payment_id).credited_rial == 1_620_000


def test_another_customer_cannot_see_the_payment(customer, sandbox):
    start = payments.start_payment(customer["client"].id, [1523])
    other = make_client(email="other@example.com")
    assert payments.payment_summary(other.id, start.payment_id) is None


def test_a_failing_settlement_shows_being_checked_and_reconciliation_finishes(customer, sandbox, monkeypatch):
    start = payments.start_payment(customer["client"].id, [1523])
    callback = sandbox_pay(sandbox, start.redirect_url)
    real = payments.settle_payment

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(payments, "settle_payment", broken)
    response = visit_callback(callback)
    assert response.status_code == 303 and response.headers["location"] == "/payment/result/?error=later"
    monkeypatch.setattr(payments, "settle_payment", real)
    assert payments.reconcile_pending(min_age=timedelta(0)).succeeded == 1
    assert load(Invoice, customer["invoices"][0].id).status == "paid"


def test_a_cancelled_payment_offers_again_only_what_is_still_unpaid(customer, sandbox):
    client_id = customer["client"].id
    cancelled = payments.start_payment(client_id, [1523, 1141])
    visit_callback(sandbox_pay(sandbox, cancelled.redirect_url, outcome="cancel"))
    assert payments.payment_summary(client_id, cancelled.payment_id).still_unpaid == [1141, 1523]
    paid_elsewhere = payments.start_payment(client_id, [1523])
    visit_callback(sandbox_pay(sandbox, paid_elsewhere.redirect_url))
    summary = payments.payment_summary(client_id, cancelled.payment_id)
    assert summary.status == "cancelled" and summary.still_unpaid == [1141]
