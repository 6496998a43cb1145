"""Status changes go through one table and one function; a same-state move is a no-op."""

import pytest
from sqlmodel import select

from dorna_app.billing.models import Invoice, InvoiceStatus, Payment, Service, ServiceStatus, StatusChange
from dorna_app.billing.transitions import TransitionError, can_transition, transition
from dorna_app.db import read_session, write_session
from tests.factories import make_client, make_invoice, make_service


def test_table_allows_and_forbids():
    assert can_transition(Invoice, "unpaid", "paid")
    assert not can_transition(Invoice, "paid", "unpaid")
    assert not can_transition(Invoice, "refunded", "paid")
    assert can_transition(Service, "suspended", "active")
    assert not can_transition(Service, "terminated", "active")
    assert can_transition(Payment, "pending", "succeeded")
    assert not can_transition(Payment, "succeeded", "failed")


def test_transition_records_a_change_and_same_state_is_noop(database):
    client = make_client()
    invoice = make_invoice(client.id)
    with write_session() as s:
        assert transition(s, invoice, InvoiceStatus.PAID, reason="test") is True
    with write_session() as s:
        assert transition(s, invoice, InvoiceStatus.PAID) is False
    with read_session() as s:
        changes = s.exec(select(StatusChange).where(StatusChange.entity == "invoice")).all()
        stored = s.get(Invoice, invoice.id)
    assert [(c.from_status, c.to_status, c.reason) for c in changes] == [("unpaid", "paid", "test")]
    assert stored.status == "paid"


def test_forbidden_transition_raises_and_changes_nothing(database):
    client = make_client()
    invoice = make_invoice(client.id, status=InvoiceStatus.REFUNDED)
    with pytest.raises(TransitionError), write_session() as s:
        transition(s, invoice, InvoiceStatus.PAID)
    with read_session() as s:
        assert s.get(Invoice, invoice.id).status == "refunded"
        assert s.exec(select(StatusChange)).all() == []


def test_transition_reads_the_locked_row_not_a_stale_copy(database):
    client = make_client()
    service = make_service(client.id, status=ServiceStatus.SUSPENDED, reason="non_payment")
    stale = service  # still says suspended after someone else activated it
    with write_session() as s:
        transition(s, service, ServiceStatus.ACTIVE)
    with write_session() as s:
        assert transition(s, stale, ServiceStatus.ACTIVE) is False
