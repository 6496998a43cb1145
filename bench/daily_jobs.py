"""The daily billing jobs over 100,000 services: how long renewal invoices, reminders and
suspension take in set-based batches.

Usage: .venv/bin/python bench/daily_jobs.py [--services 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date, timedelta

from common import ROOT  # noqa: F401  (puts the project on sys.path)


def populate(n: int, today: date) -> None:
    from sqlalchemy import insert

    from dorna_app.accounts.auth import hash_password
    from dorna_app.accounts.models import Client
    from dorna_app.billing.models import Invoice, InvoiceItem, Service
    from dorna_app.db import write_session
    from dorna_app.migrations import migrate

    migrate()
    customers = max(1, n // 4)  # four servers each, like a small host's typical customer
    password = hash_password("bench-password")
    with write_session() as s:
        s.execute(insert(Client), [{"email": f"c{i}@example.com", "password_hash": password, "first_name": "مشتری",
                                    "last_name": str(i), "mobile": f"0912{i:07d}", "credit_rial": 0}
                                   for i in range(customers)])
        first = s.exec(__import__("sqlmodel").select(Client.id).order_by(Client.id)).first()
        # Due dates spread over the 30 days around today: about a quarter fall in the renewal window.
        s.execute(insert(Service), [
            {"client_id": first + i % customers, "name": f"server-{i}", "hostname": f"s{i}.example.ir",
             "ip_address": "10.0.0.1", "plan": "VPS", "price_rial": 1_620_000, "billing_cycle_months": 1,
             "next_due_date": today + timedelta(days=(i % 30) - 15), "status": "active"}
            for i in range(n)])
        # Services already past due have an unpaid invoice for their current period (as last month's run made).
        from sqlmodel import select

        overdue = s.exec(select(Service.id, Service.client_id, Service.next_due_date)
                         .where(Service.next_due_date < today)).all()
        s.execute(insert(Invoice), [
            {"number": 10_000_000 + k, "client_id": c, "issued_on": d - timedelta(days=7), "due_on": d,
             "subtotal_rial": 1_620_000, "total_rial": 1_620_000, "status": "unpaid"}
            for k, (_sid, c, d) in enumerate(overdue)])
        ids = dict(s.exec(select(Invoice.number, Invoice.id)).all())
        s.execute(insert(InvoiceItem), [
            {"invoice_id": ids[10_000_000 + k], "service_id": sid, "description": "تمدید", "period_start": d,
             "amount_rial": 1_620_000} for k, (sid, _c, d) in enumerate(overdue)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DORNA_DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.db"
    from dorna_app.billing import automation
    from dorna_app.db import read_session
    from dorna_app.notify.models import OutboxMessage

    today = date(2026, 12, 1)
    t = time.perf_counter()
    populate(args.services, today)
    print(f"populated {args.services} services in {time.perf_counter() - t:.1f}s "
          f"({os.environ['DORNA_DATABASE_URL'].split(':')[0]})")
    total = 0.0
    for name, job in (("renewal_invoices", automation.generate_renewal_invoices),
                      ("suspend_overdue", automation.suspend_overdue),
                      ("reminders", automation.send_reminders),
                      ("cancel_ended_invoices", automation.cancel_invoices_of_cancelled_services)):
        t = time.perf_counter()
        rows = job(today).rows
        took = time.perf_counter() - t
        total += took
        print(f"{name:22s} {took:7.2f}s {rows:>8} rows  {rows / took if took else 0:>9.0f} rows/s")
    t = time.perf_counter()
    again = automation.generate_renewal_invoices(today).rows + automation.send_reminders(today).rows
    print(f"second run (nothing left to do) {time.perf_counter() - t:.2f}s, {again} rows")
    with read_session() as s:
        messages = s.exec(__import__("sqlmodel").select(__import__("sqlalchemy").func.count())
                          .select_from(OutboxMessage)).one()
    print(f"daily jobs total {total:.1f}s for {args.services} services; {messages} messages queued")


if __name__ == "__main__":
    main()
