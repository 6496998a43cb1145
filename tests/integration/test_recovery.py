"""Forgotten passwords: the same answer for any address, a link that works once and for 30 minutes,
every session ended by the new password, a flood of requests throttled. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest.mock import patch

from sqlmodel import select

from dorna_app.accounts import auth, recovery
from dorna_app.clock import utcnow
from dorna_app.db import read_session
from dorna_app.notify.models import OutboxMessage
from tests.factories import make_client


def _link_token() -> str:
    with read_session() as s:
        mail = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "password_reset")
                      .order_by(OutboxMessage.id.desc())).first()
    return re.search(r"reset-password\?t=(\S+)", mail.body_text).group(1)


def test_the_answer_never_tells_whether_an_account_exists(database):
    make_client()
    assert recovery.request_reset("customer@example.com") == recovery.request_reset("nobody@example.com")
    with read_session() as s:
        assert len(s.exec(select(OutboxMessage)).all()) == 1
    assert "ایمیل" in recovery.request_reset("")


def test_a_link_sets_a_new_password_once_and_ends_every_session(database):
    client = make_client()
    signed_in = auth.sign_in(client.email, "correct horse battery").token
    recovery.request_reset("Customer@Example.com")
    token = _link_token()
    assert recovery.link_is_valid(token)
    assert recovery.reset_password(token, "short", "short").outcome == recovery.ResetOutcome.WEAK
    assert recovery.reset_password(token, "a-new-password-1", "a-new-password-2").outcome == \
        recovery.ResetOutcome.MISMATCH
    assert recovery.reset_password(token, "a-new-password-1", "a-new-password-1").outcome == recovery.ResetOutcome.OK
    assert auth.client_for_token(signed_in) is None
    assert auth.sign_in(client.email, "a-new-password-1").outcome == auth.LoginOutcome.OK
    # Opened twice: the second time it is spent.
    assert not recovery.link_is_valid(token)
    assert recovery.reset_password(token, "another-password-9", "another-password-9").outcome == \
        recovery.ResetOutcome.INVALID
    assert auth.sign_in(client.email, "another-password-9").outcome != auth.LoginOutcome.OK
    assert recovery.reset_password("forged", "another-password-9", "another-password-9").outcome == \
        recovery.ResetOutcome.INVALID


def test_an_old_link_does_not_work(database):
    make_client()
    recovery.request_reset("customer@example.com")
    token = _link_token()
    later = utcnow() + timedelta(minutes=recovery.LINK_MINUTES + 1)
    with patch("dorna_app.accounts.recovery.utcnow", return_value=later):
        assert not recovery.link_is_valid(token)
        assert recovery.reset_password(token, "a-new-password-1", "a-new-password-1").outcome == \
            recovery.ResetOutcome.INVALID


def test_a_flood_of_requests_is_throttled(database):
    make_client()
    answers = [recovery.request_reset("customer@example.com", ip_address="9.9.9.9") for _ in range(12)]
    assert answers[0] == recovery.SENT and answers[-1] == recovery.THROTTLED
    with read_session() as s:
        assert len(s.exec(select(OutboxMessage)).all()) < 12
