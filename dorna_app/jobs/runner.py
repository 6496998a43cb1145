"""The job runner (what `dorna_app.jobs` exports): renewal invoices, reminders, suspension,
reconciliation, message delivery, panel commands, and closing tickets left unanswered by their customer.

`python -m dorna_app jobs run` runs every due job once (for cron); the app runs the same on a timer
in-process. Each job holds a lease while it runs, so two runners never do the same work, and every
run is recorded (when, how long, how many rows) for `python -m dorna_app jobs status`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from dorna_app.accounts import auth
from dorna_app.billing import automation, invoice_pdf, payments
from dorna_app.billing.dates import business_today
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.jobs.models import JobLease, JobRun
from dorna_app.notify import outbox
from dorna_app.provisioning import commands as panel_commands
from dorna_app.support import attachments, tickets

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[date, datetime], int]  # (business today, now) -> rows touched
    lease: timedelta = timedelta(minutes=15)


def _reconcile(today: date, now: datetime) -> int:
    # Settlements push to the customers' open pages through effects after commit, like the callback.
    return payments.reconcile_pending(now=now).examined


# The files messages refer to, made when they are sent: a paid invoice's official PDF.
ATTACHERS: outbox.Attachers = {"invoice": invoice_pdf.attachment}


def _deliver(today: date, now: datetime) -> int:
    # Messages written by the jobs just before this one are due at once.
    return outbox.deliver_due(now=max(now, utcnow()), attachers=ATTACHERS).touched


def _panel(today: date, now: datetime) -> int:
    # Commands written just before (a payment's unsuspend and start) are due at once.
    report = panel_commands.deliver_due(now=max(now, utcnow()))
    return report.done + report.retrying + report.failed


JOBS: tuple[Job, ...] = (
    # New renewal invoices, then those the wallet covers paid at once (auto-pay).
    Job("renewal_invoices", timedelta(hours=1),
        lambda t, n: automation.generate_renewal_invoices(t).rows + payments.autopay_from_credit(t)),
    Job("cancel_ended_invoices", timedelta(hours=1),
        lambda t, n: automation.cancel_invoices_of_cancelled_services(t).rows),
    Job("suspend_overdue", timedelta(hours=1), lambda t, n: automation.suspend_overdue(t).rows),
    Job("reminders", timedelta(hours=1), lambda t, n: automation.send_reminders(t).rows),
    Job("reconcile_payments", timedelta(minutes=2), _reconcile, lease=timedelta(minutes=10)),
    Job("deliver_messages", timedelta(seconds=20), _deliver, lease=timedelta(minutes=10)),
    Job("housekeeping", timedelta(hours=6), lambda t, n: auth.prune(n) + attachments.sweep_staged(n)),
    Job("close_stale_tickets", timedelta(hours=1), lambda t, n: tickets.close_stale(n)),
    Job("panel_commands", timedelta(seconds=20), _panel, lease=timedelta(minutes=10)),
)
BY_NAME = {job.name: job for job in JOBS}


def acquire(name: str, holder: str, ttl: timedelta, now: datetime) -> bool:
    """Take the job's lease unless someone else holds an unexpired one."""
    try:
        with write_session() as session:
            lease = session.exec(select(JobLease).where(JobLease.name == name).with_for_update()).first()
            if lease is None:
                lease = JobLease(name=name)
            elif lease.holder not in (None, holder) and lease.held_until and lease.held_until > now:
                return False
            lease.holder, lease.held_until = holder, now + ttl
            session.add(lease)
    except IntegrityError:  # two first-ever runs inserted the row at once; the other one won
        return False
    return True


def release(name: str, holder: str) -> None:
    with write_session() as session:
        lease = session.exec(select(JobLease).where(JobLease.name == name).with_for_update()).first()
        if lease is not None and lease.holder == holder:
            lease.holder, lease.held_until = None, None
            session.add(lease)


def last_successes() -> dict[str, datetime]:
    """When each job last ran well: one query per tick for all jobs (the timer asks every 10 s)."""
    with read_session() as session:
        rows = session.exec(select(JobRun.name, func.max(JobRun.started_at))
                            .where(JobRun.ok == True).group_by(JobRun.name)).all()  # noqa: E712
    return dict(rows)


def run_job(job: Job, *, today: date | None = None, now: datetime | None = None,
            holder: str | None = None) -> JobRun | None:
    """Run one job under its lease and record the run; None when another runner holds it."""
    holder = holder or outbox.worker_name()
    now = now or utcnow()
    today = today or business_today()
    if not acquire(job.name, holder, job.lease, now):
        return None
    started = time.perf_counter()
    run = JobRun(name=job.name, holder=holder, started_at=now)
    try:
        run.rows = int(job.run(today, now))
        run.ok = True
    except Exception as exc:
        log.exception("job %s failed", job.name)
        run.error = f"{type(exc).__name__}: {exc}"[:1000]
    finally:
        run.duration_ms = int((time.perf_counter() - started) * 1000)
        run.finished_at = utcnow()
        with write_session() as session:
            session.add(run)
        release(job.name, holder)
    return run


def run_due(*, today: date | None = None, now: datetime | None = None, force: bool = False,
            holder: str | None = None) -> list[JobRun]:
    """Run every job whose interval has passed since its last good run (all of them with `force`)."""
    now = now or utcnow()
    runs = []
    last_good = last_successes()
    for job in JOBS:
        last = last_good.get(job.name)
        if not force and last is not None and now - last < job.every and last <= now:
            continue
        run = run_job(job, today=today, now=now, holder=holder)
        if run is not None:
            runs.append(run)
    return runs


def status() -> list[tuple[str, JobRun | None]]:
    """The newest run of every job."""
    with read_session() as session:
        return [(job.name, session.exec(select(JobRun).where(JobRun.name == job.name)
                                        .order_by(JobRun.id.desc())).first()) for job in JOBS]
