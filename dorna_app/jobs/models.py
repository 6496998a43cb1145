"""The job runner's tables: leases (who runs a job now) and run records."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from dorna_app.clock import utcnow


class JobLease(SQLModel, table=True):
    """Who may run a job right now: one row per job, taken with a compare-and-set on `held_until`."""

    __tablename__ = "job_lease"

    name: str = Field(primary_key=True, max_length=64)
    holder: str | None = Field(default=None, max_length=64)
    held_until: datetime | None = None


class JobRun(SQLModel, table=True):
    """One run of a job: when, how long, how many rows it touched, and how it ended."""

    __tablename__ = "job_run"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, index=True)
    holder: str = Field(max_length=64)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    duration_ms: int | None = None
    rows: int = 0
    ok: bool = False
    error: str | None = Field(default=None, max_length=1000)
