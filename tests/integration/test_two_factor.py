"""Customers' optional two-factor sign-in: enrolment by the first code, recovery codes once, the
second step after a password or an SMS code (the session is nobody's until then), a code working
once, recovery codes, and turning it off. On SQLite and PostgreSQL."""

from __future__ import annotations

import pyotp

from dorna_app import fa
from dorna_app.accounts import auth, devices, two_factor
from dorna_app.accounts.models import Client
from dorna_app.db import read_session
from tests.factories import make_client


def _now_code(client_id: int) -> str:
    with read_session() as s:
        return pyotp.TOTP(s.get(Client, client_id).totp_secret).now()


def test_enrol_then_sign_in_asks_for_the_code_and_each_code_works_once(database):
    client = make_client()
    secret, qr = two_factor.start_enrolment(client.id)
    assert qr.startswith("data:image/svg+xml") and len(secret) == 32
    assert not two_factor.confirm_enrolment(client.id, "123").ok
    enrolled = two_factor.confirm_enrolment(client.id, fa.digits(_now_code(client.id)))
    assert enrolled.ok and len(set(enrolled.recovery_codes)) == 10
    assert two_factor.status(client.id).enabled

    first = auth.sign_in(client.email, "correct horse battery")
    assert first.needs_second_factor and auth.client_for_token(first.token) is None  # nobody's yet
    assert devices.devices(client.id, first.token) == []
    used = _now_code(client.id)  # the enrolment's code: already used
    assert two_factor.pass_second_factor(first.token, used).code == "wrong"
    assert two_factor.pass_second_factor(first.token, enrolled.recovery_codes[0]).ok
    assert auth.client_for_token(first.token) is not None
    second = auth.sign_in(client.email, "correct horse battery")
    assert two_factor.pass_second_factor(second.token, enrolled.recovery_codes[0]).code == "wrong"  # once
    assert two_factor.pass_second_factor("forged", "123456").code == "expired"


def test_turning_it_off_needs_a_current_code(database):
    client = make_client()
    two_factor.start_enrolment(client.id)
    two_factor.confirm_enrolment(client.id, _now_code(client.id))
    assert not two_factor.disable(client.id, "000000").ok
    recovery = two_factor.confirm_enrolment(client.id, "1")  # already on: refused, codes unchanged
    assert not recovery.ok
    with read_session() as s:
        secret = s.get(Client, client.id).totp_secret
    totp = pyotp.TOTP(secret)
    import time

    next_code = totp.at(int(time.time()) + 30)  # the next step's code: not used yet
    assert two_factor.disable(client.id, next_code).ok
    assert not two_factor.status(client.id).enabled
    assert not auth.sign_in(client.email, "correct horse battery").needs_second_factor
