"""Effects after commit: recorded in the transaction, handed on only once it commits, dropped when it
rolls back; the callback and reconciliation reach the same dispatcher with nothing wired by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from dorna_app import effects
from dorna_app.billing import payments
from dorna_app.db import write_session
from dorna_app.notify.models import MessageChannel
from dorna_app.notify.outbox import enqueue
from tests.factories import make_client, make_invoice
from tests.integration.test_payments import sandbox_pay, visit_callback


@pytest.fixture
def received(monkeypatch):
    """Receivers that record what they were handed, installed for one test."""
    got = {"wake": 0, "push": []}
    monkeypatch.setattr(effects, "_receivers", effects._Receivers())
    effects.install(wake_sender=lambda: got.__setitem__("wake", got["wake"] + 1),
                    push=lambda ids: got["push"].append(sorted(ids)))
    return got


def _message(session, client_id: int, key: str) -> bool:
    return enqueue(session, client_id=client_id, channel=MessageChannel.SMS, kind="test", dedupe_key=key,
                   recipient="09120000000", text="سلام")


def test_effects_wait_for_the_commit_and_are_handed_on_once(database, received):
    client = make_client()
    with write_session() as session:
        effects.record_push(session, client.id)
        effects.record_push(session, client.id)
        assert _message(session, client.id, "k1")
        assert received == {"wake": 0, "push": []}  # nothing before the commit
    assert received == {"wake": 1, "push": [[client.id]]}
    with write_session():
        pass
    assert received == {"wake": 1, "push": [[client.id]]}  # the next transaction starts empty


def test_a_rolled_back_transaction_sets_nothing_off(database, received):
    client = make_client()
    with pytest.raises(RuntimeError), write_session() as session:
        effects.record_push(session, client.id)
        _message(session, client.id, "k2")
        raise RuntimeError("the change failed")
    with write_session():
        pass
    assert received == {"wake": 0, "push": []}


def test_a_savepoint_rolled_back_inside_keeps_the_outer_transactions_effects(database, received):
    client = make_client()
    with write_session() as session:
        effects.record_push(session, client.id)
        with pytest.raises(IntegrityError), session.begin_nested():
            session.execute(text("INSERT INTO client (id) VALUES (NULL)"))
    assert received["push"] == [[client.id]]


def test_a_failing_receiver_never_turns_a_commit_into_an_error(database, monkeypatch):
    monkeypatch.setattr(effects, "_receivers", effects._Receivers())
    effects.install(push=lambda ids: 1 / 0)
    client = make_client()
    with write_session() as session:
        effects.record_push(session, client.id)  # committed; the receiver's error is only logged


def test_a_settled_payment_wakes_the_sender_and_pushes_to_its_customer_once(sandbox, received):
    client = make_client()
    make_invoice(client.id, number=7001, total_rial=1_000_000)
    start = payments.start_payment(client.id)
    callback = sandbox_pay(sandbox, start.redirect_url)
    assert visit_callback(callback).status_code == 303
    assert received == {"wake": 1, "push": [[client.id]]}
    assert visit_callback(callback).status_code == 303  # a replay books nothing, so sets nothing off
    assert received == {"wake": 1, "push": [[client.id]]}
