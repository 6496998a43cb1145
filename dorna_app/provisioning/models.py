"""Panels, and the durable queue of commands sent to them (with every attempt kept).

A command is written in the transaction of the billing change that causes it (a suspension, a
payment lifting one), under a key that makes writing it twice impossible; a worker sends it later,
so a panel that is down loses nothing. Rows name `service` and `client` by table name only:
provisioning sits below billing and never imports it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

import dorna_app.accounts.models  # noqa: F401  (the `client` table commands point at)
from dorna_app.clock import utcnow


class PanelAction(StrEnum):
    SUSPEND = "suspend"
    UNSUSPEND = "unsuspend"
    START = "start"
    STOP = "stop"
    RESTART = "restart"
    POWEROFF = "poweroff"


class CommandStatus(StrEnum):
    PENDING = "pending"  # waiting for its turn or its next try
    DONE = "done"  # the panel confirmed the state (or it was already so)
    FAILED = "failed"  # given up after the last try: staff see it and can send it again


class Panel(SQLModel, table=True):
    """A Virtualizor panel's admin API: where it is and its API credentials."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60)
    url: str = Field(max_length=255)  # e.g. https://panel.example.ir:4085
    api_key: str = Field(max_length=128)
    api_pass: str = Field(max_length=128)
    verify_tls: bool = True
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class PanelCommand(SQLModel, table=True):
    __tablename__ = "panel_command"

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    client_id: int = Field(foreign_key="client.id")
    panel_id: int = Field(foreign_key="panel.id")
    vpsid: int
    action: str = Field(max_length=16)
    reason: str = Field(default="", max_length=120)
    dedupe_key: str = Field(max_length=160, unique=True)
    status: str = Field(default=CommandStatus.PENDING.value, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None
    last_error: str = Field(default="", max_length=500)
    # How it ended: "sent" (the panel did it) or "already" (the panel was in that state: nothing sent).
    outcome: str = Field(default="", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = None

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'failed')", name="ck_panel_command_status"),
        Index("ix_panel_command_due", "status", "next_attempt_at"),
    )


class PanelAttempt(SQLModel, table=True):
    """One try at a command: when, whether it worked, what the panel said."""

    __tablename__ = "panel_attempt"

    id: int | None = Field(default=None, primary_key=True)
    command_id: int = Field(foreign_key="panel_command.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    ok: bool = False
    detail: str = Field(default="", max_length=500)
