"""How quickly the invoice list answers a filter or page change for a customer with 10,000 invoices.

Measured in a real browser (headless Chromium), two ways: inside the page, from the click event to the
first frame painted with the new rows (what the customer waits for; the figure the target is for), and
from Playwright's side (which adds its own click checks and polling, ~50-90 ms). Each change runs one
event (the list only; no page load) and then puts its URL in the address bar. Also times the SQL
alone. Prints p50/p95.

Usage: .venv/bin/python bench/invoices_browser.py [--invoices 10000] [--rounds 30]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import tempfile
import time
from datetime import date, timedelta

from common import percentiles, running_app

STATUSES = ["unpaid", "paid", "cancelled", "refunded"]


def make_customer(n: int) -> None:
    from sqlalchemy import insert

    from dorna_app.accounts.auth import create_client
    from dorna_app.billing.models import Invoice
    from dorna_app.db import write_session
    from dorna_app.migrations import migrate

    migrate()
    client = create_client("big@example.com", "big-customer-pass")
    rng = random.Random(7)
    start = date(2015, 1, 1)
    rows = []
    for i in range(n):
        due = start + timedelta(days=i // 3)
        total = rng.randrange(500_000, 50_000_000, 10)
        rows.append({"number": 100_000 + i, "client_id": client.id, "issued_on": due - timedelta(days=7),
                     "due_on": due, "subtotal_rial": total, "total_rial": total,
                     "status": rng.choices(STATUSES, weights=[10, 80, 5, 5])[0]})
    with write_session() as s:
        s.execute(insert(Invoice), rows)


def time_sql(rounds: int) -> None:
    from dorna_app.billing import queries

    samples = {"filter": [], "page": []}
    for i in range(rounds):
        t = time.perf_counter()
        queries.list_invoices(1, status=STATUSES[i % 4])
        queries.status_counts(1)
        queries.unpaid_summary(1)
        samples["filter"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        queries.list_invoices(1, page=1 + (i * 37) % 900, page_size=10)
        samples["page"].append((time.perf_counter() - t) * 1000)
    for kind, values in samples.items():
        print(f"sql   {kind:7s} {percentiles(values)}")


# Inside the page: the click event's time, then a frame painted once `done(arg)` holds for the DOM.
WATCH = """([kind, arg]) => {
  const checks = {
    filter: st => [...document.querySelectorAll('.invoice-row')].every(x => x.dataset.status === st)
                  && document.querySelectorAll('.invoice-row').length > 0 && location.search.includes(st),
    text: ([sel, before]) => (document.querySelector(sel) || {}).textContent !== before && location.search !== arg[2],
  };
  window.__bench = {start: null, done: null};
  const ok = () => checks[kind](arg);
  document.addEventListener('click', e => { window.__bench.start = e.timeStamp; }, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (window.__bench.start !== null && ok()) {
      observer.disconnect();
      requestAnimationFrame(() => { window.__bench.done = performance.now(); });
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def _in_page(page, kind: str, arg, click: str) -> tuple[float, float]:
    """(in-page ms from click event to painted frame, Playwright ms from click call to seen)."""
    page.evaluate(WATCH, [kind, arg])
    t = time.perf_counter()
    page.click(click)
    page.wait_for_function("() => window.__bench.done !== null")
    outside = (time.perf_counter() - t) * 1000
    inside = page.evaluate("() => window.__bench.done - window.__bench.start")
    return inside, outside


def time_browser(url: str, rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{url}/login")
        page.fill("#email", "big@example.com")
        page.fill("#password", "big-customer-pass")
        page.click("#login-submit")
        page.wait_for_url(f"{url}/")
        page.goto(f"{url}/invoices")
        page.wait_for_selector(".invoice-row")
        results: dict[str, list[tuple[float, float]]] = {"filter": [], "sort": [], "page": []}
        for i in range(rounds):
            status = STATUSES[i % 4]
            results["filter"].append(_in_page(page, "filter", status, f".status-filter[data-status={status}]"))
            if page.locator("#next-page").count():
                before = page.inner_text("#paging-text")
                search = page.evaluate("location.search")
                results["page"].append(_in_page(page, "text", ["#paging-text", before, search], "#next-page"))
            column = ("total", "due", "number")[i % 3]
            before = page.inner_text(".invoice-row")
            search = page.evaluate("location.search")
            results["sort"].append(_in_page(page, "text", [".invoice-row", before, search],
                                            f".sort-link[data-sort={column}]"))
        for kind, pairs in results.items():
            if pairs:
                print(f"in page, click to painted rows, {kind:6s} {percentiles([p[0] for p in pairs])}")
        for kind, pairs in results.items():
            if pairs:
                print(f"playwright click to seen,       {kind:6s} {percentiles([p[1] for p in pairs])}")
        page.go_back()
        page.wait_for_function("() => document.querySelectorAll('.invoice-row').length > 0")
        print(f"back button still works: {page.url}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        os.environ["DORNA_DATABASE_URL"] = url
        t = time.perf_counter()
        make_customer(args.invoices)
        print(f"made {args.invoices} invoices in {time.perf_counter() - t:.1f}s")
        time_sql(args.rounds)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with running_app(url, port) as app_url:
            time_browser(app_url, args.rounds)


if __name__ == "__main__":
    main()
