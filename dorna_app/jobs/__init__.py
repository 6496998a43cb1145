"""Billing automation, reconciliation and message delivery on leases; see `runner.py`."""

from dorna_app.jobs.runner import BY_NAME, JOBS, Job, acquire, last_successes, release, run_due, run_job, status

__all__ = ["BY_NAME", "JOBS", "Job", "acquire", "last_successes", "release", "run_due", "run_job", "status"]
