"""The benchmarks' own data still fits the schema (a benchmark that stops at its first insert measures
nothing: the VAT columns once broke three of them unseen). Small sizes, on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from dorna_app.billing.models import Invoice, Service
from dorna_app.db import read_session

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import daily_jobs
import invoices_browser


@pytest.mark.usefixtures("database")
def test_the_invoice_list_benchmark_makes_its_customer():
    invoices_browser.make_customer(30)
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(Invoice)).one() == 30
        assert s.exec(select(func.count()).select_from(Invoice)
                      .where(Invoice.subtotal_rial + Invoice.vat_rial != Invoice.total_rial)).one() == 0


@pytest.mark.usefixtures("database")
def test_the_daily_jobs_benchmark_makes_its_host():
    daily_jobs.populate(40, date(2026, 11, 25))
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(Service)).one() == 40
        assert s.exec(select(func.count()).select_from(Invoice)).one() > 0
