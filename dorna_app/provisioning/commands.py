"""The panel command queue: billing writes commands in its own transactions (`follow`), a worker
sends them (`deliver_due`), customers and staff ask for power actions (`request_power`).

Sending a command first asks the panel for the server's state: a command whose effect is already
there (a suspend for a suspended server, a start for a running one) is marked done without being
sent, so a replay, a retry after a lost answer or two workers never repeat it. After sending, the
state is read again to confirm. A panel that is down or slow only delays commands (retries with
backoff for about a day, then `failed`, for staff to see and send again); one server's commands run
in the order they were written (unsuspend before start)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from dorna_app import effects
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.provisioning.models import CommandStatus, Panel, PanelAction, PanelAttempt, PanelCommand
from dorna_app.provisioning.protocol import PanelRefused, PanelUnreachable, PowerState, ServerPanel
from dorna_app.provisioning.virtualizor import VirtualizorPanel
from dorna_app.settings import get_settings

log = logging.getLogger(__name__)

# The states in which each command has taken effect (a restart is confirmed by the server running).
EFFECT = {
    PanelAction.SUSPEND: {PowerState.SUSPENDED},
    PanelAction.UNSUSPEND: {PowerState.RUNNING, PowerState.STOPPED},
    PanelAction.START: {PowerState.RUNNING},
    PanelAction.STOP: {PowerState.STOPPED},
    PanelAction.POWEROFF: {PowerState.STOPPED},
    PanelAction.RESTART: {PowerState.RUNNING},
}
BACKOFF = (15, 30, 60, 120, 300, 600, 1800, 3600)
MAX_ATTEMPTS = 30
LEASE = timedelta(minutes=2)
CUSTOMER_POWER_EVERY = timedelta(seconds=60)  # one power action per server and minute from the customer


@dataclass(frozen=True)
class Target:
    """A server on a panel (what billing knows of it): a service without a panel sends nothing."""

    service_id: int
    client_id: int
    panel_id: int | None
    vpsid: int | None


def follow(session: Session, target: Target, actions: list[PanelAction], *, key: str, reason: str = "") -> int:
    """Write these commands for a billing change, in its transaction (`key` names the change, so the
    same change never writes them twice). Returns how many were written."""
    if not target.panel_id or not target.vpsid:
        return 0
    written = 0
    for action in actions:
        dedupe = f"{key}:{action.value}"[:160]
        if session.exec(select(PanelCommand.id).where(PanelCommand.dedupe_key == dedupe)).first():
            continue
        try:
            with session.begin_nested():
                session.add(PanelCommand(service_id=target.service_id, client_id=target.client_id,
                                         panel_id=target.panel_id, vpsid=target.vpsid, action=action.value,
                                         reason=reason[:120], dedupe_key=dedupe))
        except IntegrityError:  # the same change, committed a moment ago by someone else
            continue
        written += 1
    if written:
        effects.record_outbox(session)  # wakes the in-process sender, which also sends panel commands
    return written


def panel_client(panel: Panel, *, timeout: float | None = None) -> VirtualizorPanel:
    return VirtualizorPanel(panel.url, panel.api_key, panel.api_pass, verify_tls=panel.verify_tls,
                            timeout=timeout or get_settings().panel_timeout_seconds)


def _claim(now: datetime, limit: int, only: int | None = None) -> list[int]:
    earlier = aliased(PanelCommand)
    waiting_behind = exists().where(earlier.service_id == PanelCommand.service_id,
                                    earlier.status == CommandStatus.PENDING.value, earlier.id < PanelCommand.id)
    query = (select(PanelCommand).where(PanelCommand.status == CommandStatus.PENDING.value,
                                        PanelCommand.next_attempt_at <= now, ~waiting_behind,
                                        (PanelCommand.lease_until == None) | (PanelCommand.lease_until < now))  # noqa: E711
             .order_by(PanelCommand.id).limit(limit))
    if only is not None:
        query = query.where(PanelCommand.id == only)
    with write_session() as session:
        rows = session.exec(query.with_for_update(skip_locked=True)).all()
        for row in rows:
            row.lease_until = now + LEASE
            session.add(row)
        return [row.id for row in rows]


def _attempt(command: PanelCommand, panel: Panel) -> tuple[bool, str, str]:
    with panel_client(panel) as client:
        return attempt(command, client)


def attempt(command: PanelCommand, client: ServerPanel) -> tuple[bool, str, str]:
    """(done, outcome, detail) of one try: check the state, send if needed, confirm."""
    action = PanelAction(command.action)
    wanted = EFFECT[action]
    if action != PanelAction.RESTART:
        before = client.status([command.vpsid]).get(command.vpsid, PowerState.UNKNOWN)
        if before in wanted:
            return True, "already", f"already {before.value}"
    if action == PanelAction.SUSPEND:
        client.suspend(command.vpsid, command.reason)
    elif action == PanelAction.UNSUSPEND:
        client.unsuspend(command.vpsid)
    else:
        client.power(command.vpsid, action.value)
    after = client.status([command.vpsid]).get(command.vpsid, PowerState.UNKNOWN)
    if after in wanted:
        return True, "sent", f"{action.value}: now {after.value}"
    return False, "", f"{action.value} sent; the panel still reports {after.value}"


def _run(command_id: int, now: datetime) -> str:
    with read_session() as session:
        command = session.get(PanelCommand, command_id)
        panel = session.get(Panel, command.panel_id) if command else None
    if command is None or panel is None:
        return "missing"
    try:
        done, outcome, detail = _attempt(command, panel)
        ok = done
    except (PanelUnreachable, PanelRefused) as exc:
        done, outcome, detail, ok = False, "", f"{type(exc).__name__}: {exc}", False
    except Exception as exc:  # one bad answer must not stop the others; it is recorded
        log.exception("panel command %s failed", command_id)
        done, outcome, detail, ok = False, "", f"{type(exc).__name__}: {exc}", False
    with write_session() as session:
        row = session.exec(select(PanelCommand).where(PanelCommand.id == command_id).with_for_update()
                           .execution_options(populate_existing=True)).one()
        session.add(PanelAttempt(command_id=command_id, ok=ok, detail=detail[:500]))
        row.attempts += 1
        row.lease_until = None
        if done:
            row.status, row.outcome, row.done_at, row.last_error = CommandStatus.DONE.value, outcome, utcnow(), ""
        else:
            row.last_error = detail[:500]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = CommandStatus.FAILED.value
            else:
                row.next_attempt_at = now + timedelta(seconds=BACKOFF[min(row.attempts - 1, len(BACKOFF) - 1)])
        session.add(row)
        effects.record_push(session, row.client_id)  # the service page shows the state as it is now
        return row.status


@dataclass
class DeliveryReport:
    done: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(*, now: datetime | None = None, limit: int = 20) -> DeliveryReport:
    """Send the commands that are due (the job runner and the in-process sender call this)."""
    now = now or utcnow()
    report = DeliveryReport()
    for command_id in _claim(now, limit):
        status = _run(command_id, now)
        if status == CommandStatus.DONE:
            report.done += 1
        elif status == CommandStatus.FAILED:
            report.failed += 1
        else:
            report.retrying += 1
    return report


def run_now(command_id: int) -> str:
    """Send one command at once (a customer pressed a button), unless an earlier one of its server is
    still waiting or another worker holds it; returns its status then."""
    now = utcnow()
    if not _claim(now, 1, only=command_id):
        with read_session() as session:
            return session.get(PanelCommand, command_id).status
    return _run(command_id, now)


def retry(command_id: int) -> bool:
    """Staff send a failed command again (its attempts start over)."""
    with write_session() as session:
        row = session.get(PanelCommand, command_id)
        if row is None or row.status != CommandStatus.FAILED.value:
            return False
        row.status, row.attempts, row.next_attempt_at, row.last_error = CommandStatus.PENDING.value, 0, utcnow(), ""
        session.add(row)
        effects.record_outbox(session)
        return True


class PowerRefused(Exception):
    """Why a power action was not queued, in Persian."""


def request_power(target: Target, action: PanelAction, *, by: str, limit_per_minute: bool = True) -> int:
    """Queue a start, stop, restart or power-off asked for by a customer or staff member; returns the
    command's id. A customer gets one per server and minute (pressing restart ten times restarts once)."""
    if action not in (PanelAction.START, PanelAction.STOP, PanelAction.RESTART, PanelAction.POWEROFF):
        raise PowerRefused("این کار شناخته نیست.")
    if not target.panel_id or not target.vpsid:
        raise PowerRefused("این سرویس به پنل سرور وصل نیست.")
    with write_session() as session:
        if limit_per_minute:
            recent = session.exec(select(func.count()).select_from(PanelCommand).where(
                PanelCommand.service_id == target.service_id, col(PanelCommand.reason).startswith("customer"),
                PanelCommand.created_at >= utcnow() - CUSTOMER_POWER_EVERY)).one()
            if recent:
                raise PowerRefused("برای این سرور همین حالا درخواستی فرستاده شد؛ یک دقیقه دیگر دوباره امتحان کنید.")
        row = PanelCommand(service_id=target.service_id, client_id=target.client_id, panel_id=target.panel_id,
                           vpsid=target.vpsid, action=action.value, reason=by[:120],
                           dedupe_key=f"power:{target.service_id}:{secrets.token_hex(8)}")
        session.add(row)
        session.flush()
        return row.id


def power_state(panel_id: int | None, vpsid: int | None, *, timeout: float | None = None) -> PowerState:
    """The server's state as the panel reports it now; unknown when it cannot tell (never raises)."""
    if not panel_id or not vpsid:
        return PowerState.UNKNOWN
    with read_session() as session:
        panel = session.get(Panel, panel_id)
    if panel is None or not panel.active:
        return PowerState.UNKNOWN
    try:
        with panel_client(panel, timeout=timeout) as client:
            return client.status([vpsid]).get(vpsid, PowerState.UNKNOWN)
    except (PanelUnreachable, PanelRefused):
        return PowerState.UNKNOWN


def power_states(servers: list[tuple[int, int]], *, timeout: float | None = None) -> dict[tuple[int, int], PowerState]:
    """Many servers' states, one call per panel: {(panel_id, vpsid): state}; unknown where it cannot tell."""
    out = dict.fromkeys(servers, PowerState.UNKNOWN)
    by_panel: dict[int, list[int]] = {}
    for panel_id, vpsid in servers:
        by_panel.setdefault(panel_id, []).append(vpsid)
    with read_session() as session:
        found = {p.id: p for p in session.exec(select(Panel).where(col(Panel.id).in_(list(by_panel)))).all()}
    for panel_id, vpsids in by_panel.items():
        panel = found.get(panel_id)
        if panel is None or not panel.active:
            continue
        try:
            with panel_client(panel, timeout=timeout) as client:
                for vpsid, state in client.status(vpsids).items():
                    out[(panel_id, vpsid)] = state
        except (PanelUnreachable, PanelRefused):
            continue
    return out


@dataclass(frozen=True)
class CommandLine:
    id: int
    action: str
    status: str
    outcome: str
    reason: str
    attempts: int
    last_error: str
    created_at: datetime
    done_at: datetime | None


def history(service_id: int, limit: int = 30) -> list[CommandLine]:
    with read_session() as session:
        rows = session.exec(select(PanelCommand).where(PanelCommand.service_id == service_id)
                            .order_by(col(PanelCommand.id).desc()).limit(limit)).all()
    return [CommandLine(r.id, r.action, r.status, r.outcome, r.reason, r.attempts, r.last_error, r.created_at,
                        r.done_at) for r in rows]


def panels() -> list[Panel]:
    with read_session() as session:
        return list(session.exec(select(Panel).order_by(Panel.id)).all())
