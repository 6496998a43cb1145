"""The demo data set: the seed's seven invoices, all four statuses, one suspended server."""

from datetime import date

from sqlmodel import select

from dorna_app.accounts import auth
from dorna_app.accounts.models import Client
from dorna_app.billing import queries
from dorna_app.billing.demo import seed_demo
from dorna_app.billing.models import Invoice, Service
from dorna_app.db import read_session
from dorna_app.settings import get_settings


def test_demo_matches_the_seed_and_is_idempotent(database):
    today = date(2026, 11, 25)
    assert seed_demo(today) is True
    assert seed_demo(today) is False
    with read_session() as s:
        assert len(s.exec(select(Client)).all()) == 1
        invoices = {i.number: i for i in s.exec(select(Invoice)).all()}
        services = s.exec(select(Service)).all()
    assert {n: (i.total_rial // 10, i.status) for n, i in invoices.items()} == {
        1141: (70_500, "unpaid"), 1136: (50_000, "unpaid"), 1523: (162_000, "unpaid"),
        1540: (162_000, "unpaid"), 1013: (68_000, "cancelled"), 217: (70_500, "refunded"),
        251: (164_500, "paid"),
    }
    # The seed's intervals are kept: 1523 was due the day before "today", 1540 three days after.
    assert (invoices[1523].due_on - today).days == -1
    assert (invoices[1540].due_on - today).days == 2
    assert (invoices[1540].due_on - invoices[1540].issued_on).days == 7
    assert sorted(s.status for s in services) == ["active", "active", "suspended"]
    suspended = next(s for s in services if s.status == "suspended")
    assert suspended.suspension_reason == "non_payment"
    client_id = next(iter(invoices.values())).client_id
    summary = queries.unpaid_summary(client_id)
    assert (summary.count, summary.total_rial) == (4, 4_445_000)  # computed, never copied from the seed
    settings = get_settings()
    assert auth.sign_in(settings.demo_email, settings.demo_password).outcome == auth.LoginOutcome.OK
