"""The ZarinPal adapter reads every answer from its body, whatever the HTTP status."""

import httpx
import pytest

from dorna_app.gateways.base import InquiryStatus, PaymentRequest, RequestOutcome, VerifyOutcome
from dorna_app.gateways.zarinpal import ZarinPal

AUTH = "A" + "b" * 35


def gateway(handler) -> ZarinPal:
    return ZarinPal("6cded376-3063-11e6-8e3c-000c295eb8fc", "http://zp.test/pg/v4/payment/",
                    "http://zp.test/pg/StartPay/", transport=httpx.MockTransport(handler))


def answer(status: int, body) -> callable:
    return lambda request: httpx.Response(status, json=body)


REQ = PaymentRequest(amount_rial=1_000_000, description="x", callback_url="http://a/cb", order_id="1",
                     mobile="09121234567", email="a@b.c")


def test_request_sends_rial_with_explicit_currency_and_metadata():
    seen = {}

    def handler(request):
        seen.update(__import__("json").loads(request.content))
        return httpx.Response(200, json={"data": {"code": 100, "authority": AUTH}, "errors": []})

    result = gateway(handler).request(REQ)
    assert result.outcome == RequestOutcome.OK and result.redirect_url == f"http://zp.test/pg/StartPay/{AUTH}"
    assert seen["amount"] == 1_000_000 and seen["currency"] == "IRR"
    assert seen["metadata"] == {"order_id": "1", "mobile": "09121234567", "email": "a@b.c"}


def test_error_body_with_http_200_is_a_rejection():
    body = {"data": [], "errors": {"code": -9, "message": "invalid", "validations": []}}
    result = gateway(answer(200, body)).request(REQ)
    assert (result.outcome, result.code) == (RequestOutcome.REJECTED, -9)


def test_unreadable_answer_and_network_errors_are_unavailable():
    assert gateway(lambda r: httpx.Response(502, text="<html>")).request(REQ).outcome == RequestOutcome.UNAVAILABLE

    def boom(request):
        raise httpx.ConnectTimeout("slow")

    assert gateway(boom).request(REQ).outcome == RequestOutcome.UNAVAILABLE
    assert gateway(boom).verify(AUTH, 1).outcome == VerifyOutcome.UNAVAILABLE


def test_authority_of_the_wrong_form_is_not_trusted():
    body = {"data": {"code": 100, "authority": "../../evil"}, "errors": []}
    assert gateway(answer(200, body)).request(REQ).outcome != RequestOutcome.OK


@pytest.mark.parametrize(("code", "outcome"), [
    (100, VerifyOutcome.PAID), (101, VerifyOutcome.ALREADY_VERIFIED),
])
def test_verify_100_and_101_are_both_paid(code, outcome):
    body = {"data": {"code": code, "ref_id": 201, "card_pan": "502229******5995"}, "errors": []}
    result = gateway(answer(200, body)).verify(AUTH, 1_000_000)
    assert (result.outcome, result.ref_id, result.is_paid) == (outcome, "201", True)


@pytest.mark.parametrize(("code", "outcome"), [
    (-50, VerifyOutcome.AMOUNT_MISMATCH), (-51, VerifyOutcome.NOT_PAID), (-54, VerifyOutcome.INVALID),
    (-53, VerifyOutcome.INVALID), (-12, VerifyOutcome.ERROR),
])
def test_verify_errors_map_to_our_outcomes(code, outcome):
    body = {"data": [], "errors": {"code": code, "message": "no"}}
    result = gateway(answer(400, body)).verify(AUTH, 1_000_000)
    assert result.outcome == outcome and not result.is_paid


def test_verify_success_without_ref_id_is_not_paid():
    body = {"data": {"code": 100}, "errors": []}
    assert not gateway(answer(200, body)).verify(AUTH, 1).is_paid


def test_unverified_accepts_a_string_code_and_inquiry_maps_status():
    body = {"data": {"code": "100", "authorities": [
        {"authority": AUTH, "amount": 50000, "callback_url": "", "referer": "", "date": "2026-11-25 10:00:00"}]}}
    found = gateway(answer(200, body)).unverified()
    assert [(u.authority, u.amount_rial) for u in found] == [(AUTH, 50000)]
    inquiry = {"data": {"code": 100, "status": "PAID"}, "errors": []}
    assert gateway(answer(200, inquiry)).inquiry(AUTH).status == InquiryStatus.PAID


def test_parse_callback_rejects_malformed_authorities():
    zp = gateway(answer(200, {}))
    assert zp.parse_callback({"Authority": AUTH, "Status": "OK"}).ok_hint is True
    assert zp.parse_callback({"Authority": AUTH, "Status": "NOK"}).ok_hint is False
    assert zp.parse_callback({"Authority": "A123"}) is None
