"""Billing automation over a simulated 90 days, and the job runner's leases."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from dorna_app import jobs
from dorna_app.billing import automation, payments
from dorna_app.billing.models import Invoice, InvoiceItem, Service, StatusChange
from dorna_app.db import read_session, write_session
from dorna_app.jobs.models import JobRun
from dorna_app.notify.models import OutboxMessage
from tests.factories import make_client, make_invoice, make_service
from tests.integration.test_payments import sandbox_pay, visit_callback

D0 = date(2026, 12, 1)


def at(day: date) -> datetime:
    return datetime.combine(day, time(6, 0), tzinfo=UTC)


def invoices_of(service_id: int) -> list[Invoice]:
    with read_session() as s:
        return list(s.exec(select(Invoice).join(InvoiceItem, InvoiceItem.invoice_id == Invoice.id)
                           .where(InvoiceItem.service_id == service_id).order_by(Invoice.due_on)).all())


def keys() -> list[str]:
    with read_session() as s:
        return list(s.exec(select(OutboxMessage.dedupe_key)).all())


def service(service_id: int) -> Service:
    with read_session() as s:
        return s.get(Service, service_id)


def test_ninety_days_of_one_customer(sandbox):
    client = make_client()
    srv = make_service(client.id, due=D0 + timedelta(days=20), name="alpha")
    first_due = D0 + timedelta(days=20)
    seen: dict[str, int] = {}
    for day in range(90):
        today = D0 + timedelta(days=day)
        jobs.run_due(today=today, now=at(today), force=True)
        for key in keys():
            seen.setdefault(key, day)
        if day == 12:
            assert invoices_of(srv.id) == []  # not yet: 8 days before due
        if day == 13:
            [inv] = invoices_of(srv.id)  # exactly 7 days before due
            # The service's price plus 10% VAT (the default rate), each kept on the invoice.
            assert (inv.due_on, inv.issued_on, inv.subtotal_rial, inv.vat_rate_bp, inv.vat_rial, inv.total_rial) == (
                first_due, today, 1_620_000, 1000, 162_000, 1_782_000)
        if day == 23:
            assert service(srv.id).status == "active"  # due + 3 grace days
        if day == 24:
            s = service(srv.id)
            assert (s.status, s.suspension_reason) == ("suspended", "non_payment")
        if day == 30:  # the customer pays: unsuspended, due date one cycle on from the old one
            start = payments.start_payment(client.id)
            visit_callback(sandbox_pay(sandbox, start.redirect_url))
            s = service(srv.id)
            assert (s.status, s.next_due_date) == ("active", date(2027, 1, 21))
    first_id = invoices_of(srv.id)[0].id
    for tag, day in (("issued", 13), ("before3", 17), ("before1", 19), ("after1", 21), ("after3", 23)):
        for channel in ("email", "sms"):
            assert seen[f"invoice:{first_id}:{tag}:{channel}"] == day, (tag, channel)
    suspended = sorted(seen[k] for k in seen if k.startswith(f"service:{srv.id}:suspended") and k.endswith(":sms"))
    # Once for the first period (paid on day 30), once more when the unpaid second period ran out of grace.
    assert suspended == [24, (date(2027, 1, 25) - D0).days]
    dues = [inv.due_on for inv in invoices_of(srv.id)]
    # The paid period's successor follows on time; an unpaid period is not billed past (its due date stays).
    assert dues == [first_due, date(2027, 1, 21)]
    second = invoices_of(srv.id)[1]
    assert seen[f"invoice:{second.id}:issued:email"] == (date(2027, 1, 14) - D0).days
    assert len(keys()) == len(set(keys()))
    # Each message only once, even though the jobs ran every day.
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(OutboxMessage)).one() == len(seen)


def test_two_runners_at_once_create_each_invoice_and_message_once(database):
    client = make_client()
    for i in range(60):
        make_service(client.id, due=D0 + timedelta(days=3), name=f"s{i}")
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda h: jobs.run_due(today=D0, now=at(D0), force=True, holder=f"runner-{h}"), range(2)))
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(Invoice)).one() == 60
        numbers = s.exec(select(Invoice.number)).all()
        assert len(set(numbers)) == 60
        assert s.exec(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "invoice_issued")).one() == 120


def test_racing_renewal_runs_without_leases_still_write_once(database):
    client = make_client()
    for i in range(40):
        make_service(client.id, due=D0 + timedelta(days=3), name=f"s{i}")
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: automation.generate_renewal_invoices(D0, batch=7), range(4)))
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(InvoiceItem)).one() == 40


def test_a_runner_killed_mid_run_is_finished_by_the_next(database, monkeypatch):
    client = make_client()
    for i in range(25):
        make_service(client.id, due=D0 + timedelta(days=3), name=f"s{i}")
    real = automation.enqueue_many
    calls = {"n": 0}

    def dies_on_second_batch(session, rows):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed")
        return real(session, rows)

    monkeypatch.setattr(automation, "enqueue_many", dies_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        automation.generate_renewal_invoices(D0, batch=10)
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(Invoice)).one() == 10  # the first batch stands
    monkeypatch.setattr(automation, "enqueue_many", real)
    assert automation.generate_renewal_invoices(D0, batch=10).rows == 15
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(Invoice)).one() == 25
        assert s.exec(select(func.count()).select_from(OutboxMessage)).one() == 50


def test_a_clock_moved_back_does_nothing_twice(database):
    client = make_client()
    srv = make_service(client.id, due=D0 + timedelta(days=5), name="alpha")
    late = D0 + timedelta(days=15)
    jobs.run_due(today=late, now=at(late), force=True)
    before = (len(invoices_of(srv.id)), sorted(keys()), service(srv.id).status)
    jobs.run_due(today=D0, now=at(D0), force=True)  # the clock went back ten days
    assert (len(invoices_of(srv.id)), sorted(keys()), service(srv.id).status) == before


def test_services_that_would_never_bill_are_refused(database):
    client = make_client()
    with write_session() as s:
        with pytest.raises(automation.ServiceError, match="ماه"):
            automation.create_service(s, client_id=client.id, name="x", price_rial=1000, billing_cycle_months=0,
                                      next_due_date=D0)
        with pytest.raises(automation.ServiceError, match="قیمت"):
            automation.create_service(s, client_id=client.id, name="x", price_rial=0, billing_cycle_months=1,
                                      next_due_date=D0)
    with pytest.raises(IntegrityError), write_session() as s:  # and the database refuses it too
        s.add(Service(client_id=client.id, name="x", price_rial=100, billing_cycle_months=0, next_due_date=D0))


def test_unpaid_invoices_of_cancelled_services_are_cancelled(database):
    client = make_client()
    gone = make_service(client.id, status="cancelled", name="gone")
    kept = make_service(client.id, name="kept")
    dead = make_invoice(client.id, service_id=gone.id)
    alive = make_invoice(client.id, service_id=kept.id)
    assert automation.cancel_invoices_of_cancelled_services(D0).rows == 1
    with read_session() as s:
        assert s.get(Invoice, dead.id).status == "cancelled" and s.get(Invoice, alive.id).status == "unpaid"
        assert s.exec(select(StatusChange).where(StatusChange.entity_id == dead.id)).one().to_status == "cancelled"


def test_runs_are_recorded_and_leases_keep_runners_apart(database):
    job = jobs.BY_NAME["renewal_invoices"]
    assert jobs.acquire(job.name, "a", timedelta(minutes=5), at(D0))
    assert jobs.run_job(job, today=D0, now=at(D0), holder="b") is None  # held by a
    assert jobs.run_job(job, today=D0, now=at(D0) + timedelta(minutes=6), holder="b").ok  # a's lease ran out
    with read_session() as s:
        run = s.exec(select(JobRun)).one()
    assert run.name == "renewal_invoices" and run.duration_ms is not None and run.finished_at
    assert [name for name, _ in jobs.status()] == [j.name for j in jobs.JOBS]
