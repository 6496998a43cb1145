"""Signing in with an SMS code, against the Kavenegar stand-in on a real socket: the template lookup,
the same answer for any number, resend after 60 s, 3 tries and 2 minutes, Persian digits, a bad
number, a flood, and the provider down or refusing (411, 424). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest.mock import patch

import httpx
import pytest
from sqlmodel import select

from dorna_app import fa
from dorna_app.accounts import auth, otp
from dorna_app.clock import utcnow
from dorna_app.db import write_session
from dorna_app.settings import get_settings
from tests.factories import make_client


def _sent(sandbox) -> list:
    return [s for s in sandbox.sms.sent if s.receptor == "09120000000"]


def _code(sandbox) -> str:
    return re.search(r"(\d{5})", _sent(sandbox)[-1].message).group(1)


def _age_codes(minutes: float) -> None:
    with write_session() as s:
        for row in s.exec(select(otp.SmsCode)).all():
            row.created_at -= timedelta(minutes=minutes)
            row.expires_at -= timedelta(minutes=minutes)
            s.add(row)


def test_a_code_signs_in_once_and_persian_digits_work(sandbox):
    make_client()  # mobile 09120000000
    assert otp.request_code("۰۹۱۲ ۰۰۰ ۰۰۰۰").outcome == otp.CodeOutcome.SENT
    (sms,) = _sent(sandbox)
    assert sms.message.startswith(f"[{get_settings().sms_login_template}]")
    result = otp.sign_in_with_code("09120000000", fa.digits(_code(sandbox)), user_agent="test")
    assert result.outcome == otp.VerifyOutcome.OK and auth.client_for_token(result.token) is not None
    assert otp.sign_in_with_code("09120000000", _code(sandbox)).outcome == otp.VerifyOutcome.EXPIRED  # reused


def test_an_unknown_number_gets_the_same_answer_and_no_sms(sandbox):
    assert otp.request_code("09351112233").outcome == otp.CodeOutcome.SENT
    assert sandbox.sms.sent == []
    assert otp.sign_in_with_code("09351112233", "12345").outcome == otp.VerifyOutcome.WRONG


@pytest.mark.parametrize("number", ["0912123456", "091212345678", "12345", "", "۰۸۱۲۱۲۳۴۵۶۷"])
def test_a_number_that_is_not_an_iranian_mobile_is_refused(sandbox, number):
    assert otp.request_code(number).outcome == otp.CodeOutcome.BAD_NUMBER


def test_three_wrong_tries_or_two_minutes_end_a_code_and_resend_waits_a_minute(sandbox):
    make_client()
    otp.request_code("09120000000")
    assert otp.request_code("09120000000").outcome == otp.CodeOutcome.WAIT and len(_sent(sandbox)) == 1
    good = _code(sandbox)
    wrong = str((int(good) + 1) % 100000).zfill(5)
    assert [otp.sign_in_with_code("09120000000", wrong).tries_left for _ in range(3)] == [2, 1, 0]
    assert otp.sign_in_with_code("09120000000", good).outcome == otp.VerifyOutcome.EXPIRED
    _age_codes(1.1)
    assert otp.request_code("09120000000").outcome == otp.CodeOutcome.SENT
    later = utcnow() + otp.VALID_FOR + timedelta(seconds=1)
    with patch("dorna_app.accounts.otp.utcnow", return_value=later):
        assert otp.sign_in_with_code("09120000000", _code(sandbox)).outcome == otp.VerifyOutcome.EXPIRED


@pytest.mark.parametrize("status", [411, 424])
def test_the_provider_refusing_is_said_plainly_and_passwords_still_work(sandbox, status):
    client = make_client()
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/sms", json={"fail_next": [status]})
    assert otp.request_code("09120000000").outcome == otp.CodeOutcome.PROVIDER_DOWN
    assert auth.sign_in(client.email, "correct horse battery").outcome == auth.LoginOutcome.OK


def test_a_flood_of_code_requests_is_throttled(sandbox):
    make_client()
    outcomes = []
    for _ in range(12):
        outcomes.append(otp.request_code("09120000000", ip_address="7.7.7.7").outcome)
        _age_codes(1.1)  # past the resend wait, so only the flood limit can stop it
    assert outcomes[0] == otp.CodeOutcome.SENT and outcomes[-1] == otp.CodeOutcome.THROTTLED
    assert len(_sent(sandbox)) < 12


def test_a_new_mobile_is_proved_by_a_code_and_the_old_number_is_told(sandbox):
    from dorna_app.accounts import profile
    from dorna_app.db import read_session
    from dorna_app.notify.models import OutboxMessage

    client = make_client()  # 09120000000
    asked = profile.update_contact(client.id, email=client.email, mobile="۰۹۳۵۱۱۱۲۲۳۳")
    assert asked.ok and asked.mobile_pending == "09351112233" and asked.contact.mobile == "09120000000"
    assert otp.pending_mobile(client.id) == "09351112233"
    code = re.search(r"(\d{5})", [s for s in sandbox.sms.sent if s.receptor == "09351112233"][-1].message).group(1)
    assert otp.confirm_mobile_change(client.id, "00000" if code != "00000" else "11111") == otp.VerifyOutcome.WRONG
    assert otp.confirm_mobile_change(client.id, fa.digits(code)) == otp.VerifyOutcome.OK
    assert profile.get_contact(client.id).mobile == "09351112233"
    assert otp.confirm_mobile_change(client.id, code) == otp.VerifyOutcome.EXPIRED  # once
    with read_session() as s:
        told = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "account_notice")).one()
    assert told.recipient == "09120000000" and "تغییر کرد" in told.body_text
    # Removing the number needs no code.
    assert profile.update_contact(client.id, email=client.email, mobile="").contact.mobile == ""


def test_a_forgotten_password_is_reset_by_an_sms_code_once(sandbox):
    client = make_client()
    signed_in = auth.sign_in(client.email, "correct horse battery").token
    assert otp.request_code("09120000000", purpose="reset").outcome == otp.CodeOutcome.SENT
    code = _code(sandbox)
    # A sign-in code is not a reset code, nor the other way round.
    assert otp.sign_in_with_code("09120000000", code).outcome == otp.VerifyOutcome.EXPIRED
    assert "new_password" in otp.reset_with_code("09120000000", code, "short", "short")
    assert "code" in otp.reset_with_code("09120000000", "00000" if code != "00000" else "11111",
                                         "brand-new-pass-1", "brand-new-pass-1")
    assert otp.reset_with_code("09120000000", fa.digits(code), "brand-new-pass-1", "brand-new-pass-1") == {}
    assert auth.client_for_token(signed_in) is None
    assert auth.sign_in(client.email, "brand-new-pass-1").outcome == auth.LoginOutcome.OK
    assert "code" in otp.reset_with_code("09120000000", code, "again-new-pass-2", "again-new-pass-2")  # once
    # An unknown number: the same first answer, and no code ever works.
    assert otp.request_code("09359998877", purpose="reset").outcome == otp.CodeOutcome.SENT
    assert "code" in otp.reset_with_code("09359998877", "12345", "brand-new-pass-1", "brand-new-pass-1")
