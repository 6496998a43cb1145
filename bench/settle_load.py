"""Many payments settled at once: callbacks fired concurrently at the app on several workers on
PostgreSQL and Redis. Prints throughput and latency, and checks nothing was lost or settled twice.

Usage: .venv/bin/python bench/settle_load.py [--payments 200] [--concurrency 50] [--workers 4] [--replays 1]
Every callback is also replayed `--replays` times, interleaved, as impatient payers and gateways do.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from urllib.parse import urlparse

from common import ROOT, percentiles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--replays", type=int, default=1)
    args = parser.parse_args()

    from dorna_app import launcher
    from dorna_app.devservers import free_port, start_postgres, start_redis

    pg, redis = start_postgres(), start_redis()
    port, sandbox_port = free_port(), free_port()
    env = {"DORNA_DATABASE_URL": pg.create_database("load"), "REFLEX_REDIS_URL": redis.url,
           "DORNA_SANDBOX_PORT": str(sandbox_port), "DORNA_PUBLIC_URL": f"http://localhost:{port}",
           "DORNA_PORT": str(port), "REFLEX_WEB_WORKDIR": str(ROOT / ".web-bench"),
           "GRANIAN_WORKERS": str(args.workers), "DORNA_JOBS_IN_PROCESS": "false"}
    os.environ.update(env)
    procs = []
    try:
        subprocess.run([sys.executable, "-m", "dorna_app", "migrate"], cwd=ROOT, check=True, capture_output=True)
        procs.append(launcher.start_sandbox(sandbox_port))
        launcher.wait_for_sandbox(sandbox_port, procs[-1])
        procs.append(launcher.start_reflex(port, env_extra=env, log_path=ROOT / "test-artifacts" / "load-app.log"))
        if not launcher.wait_until_up(f"http://localhost:{port}", procs[-1]):
            raise SystemExit("app did not start; see test-artifacts/load-app.log")
        callbacks = prepare(args.payments, sandbox_port)
        latencies, wall = asyncio.run(fire(port, callbacks, args.concurrency, args.replays))
        total = len(callbacks) * (1 + args.replays)
        print(f"{args.payments} payments, {total} callbacks ({args.replays} replay each), "
              f"{args.concurrency} concurrent, {args.workers} workers, PostgreSQL + Redis")
        print(f"throughput {total / wall:.1f} callbacks/s ({args.payments / wall:.1f} settlements/s), wall {wall:.1f}s")
        print(f"latency {percentiles(latencies)}")
        check(args.payments)
    finally:
        for proc in reversed(procs):
            launcher.stop(proc)
        redis.stop()
        pg.stop()


def prepare(count: int, sandbox_port: int) -> list[str]:
    """`count` customers, each with a server and its unpaid renewal invoice, paid at the gateway."""
    import httpx

    from dorna_app.accounts.auth import create_client
    from dorna_app.billing import payments
    from dorna_app.billing.models import Invoice, InvoiceItem, Service
    from dorna_app.db import write_session

    due = date(2026, 12, 1)
    urls = []
    for i in range(count):
        with write_session() as s:
            client = create_client(f"load{i}@example.com", "x" * 12, mobile="09120000000", session=s)
            service = Service(client_id=client.id, name=f"s{i}", price_rial=1_620_000, billing_cycle_months=1,
                              next_due_date=due)
            s.add(service)
            s.flush()
            invoice = Invoice(number=500_000 + i, client_id=client.id, issued_on=due - timedelta(days=7), due_on=due,
                              subtotal_rial=1_620_000, total_rial=1_620_000)
            s.add(invoice)
            s.flush()
            s.add(InvoiceItem(invoice_id=invoice.id, service_id=service.id, description="تمدید", period_start=due,
                              amount_rial=1_620_000))
        start = payments.start_payment(client.id)
        authority = urlparse(start.redirect_url).path.rsplit("/", 1)[-1]
        paid = httpx.post(f"http://127.0.0.1:{sandbox_port}/_sandbox/pay/{authority}", json={"outcome": "paid"})
        urls.append(urlparse(paid.json()["callback_url"])._replace(scheme="", netloc="").geturl())
    return urls


async def fire(port: int, callbacks: list[str], concurrency: int, replays: int) -> tuple[list[float], float]:
    import httpx

    requests = [url for url in callbacks for _ in range(1 + replays)]
    random.Random(1).shuffle(requests)
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60, limits=limits) as client:
        async def one(path: str) -> None:
            async with gate:
                t = time.perf_counter()
                response = await client.get(path)
                latencies.append((time.perf_counter() - t) * 1000)
                if response.status_code != 303 or "p=" not in response.headers.get("location", ""):
                    raise SystemExit(f"unexpected answer {response.status_code} {response.headers}")

        started = time.perf_counter()
        await asyncio.gather(*(one(path) for path in requests))
        return latencies, time.perf_counter() - started


def check(count: int) -> None:
    from sqlmodel import func, select

    from dorna_app.accounts.models import Client
    from dorna_app.billing.models import Invoice, Payment, ServiceRenewal, StatusChange
    from dorna_app.db import read_session
    from dorna_app.notify.models import OutboxMessage

    with read_session() as s:
        def n(model, *where) -> int:
            return s.exec(select(func.count()).select_from(model).where(*where)).one()

        found = {
            "payments succeeded": n(Payment, Payment.status == "succeeded"),
            "invoices paid": n(Invoice, Invoice.status == "paid"),
            "renewals": n(ServiceRenewal),
            "invoice paid transitions": n(StatusChange, StatusChange.entity == "invoice",
                                          StatusChange.to_status == "paid"),
            "confirmation messages": n(OutboxMessage, OutboxMessage.kind == "payment_confirmation"),
            "customers with credit": n(Client, Client.credit_rial > 0),
        }
    expected = {"payments succeeded": count, "invoices paid": count, "renewals": count,
                "invoice paid transitions": count, "confirmation messages": 2 * count, "customers with credit": 0}
    for key, value in found.items():
        print(f"  {key:26s} {value:>6} (expected {expected[key]})")
    lost_or_double = {k: (found[k], expected[k]) for k in found if found[k] != expected[k]}
    print("nothing lost, nothing settled twice" if not lost_or_double else f"MISMATCH: {lost_or_double}")
    if lost_or_double:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
