"""Effects after commit: what a committed change sets off outside its transaction, in one place.

A service records effects on the session it writes with (`record_push`: this customer's open pages
should change; `record_outbox`: messages wait to be sent). When that transaction commits, one
dispatcher hands them on; a rollback drops them. Rows that must not be lost (messages, later panel
commands) are written in the transaction itself; what is dispatched here is only ever a nudge, and a
lost nudge is harmless (the sender's next tick, the page's next load).

Who receives the nudges depends on the process: the app installs an in-process sender wake-up and
live push (`install`), a cron job a push over HTTP to the app (`live.push_over_http`); a test or a
script installs nothing and the nudges are dropped. The callback, the jobs and the CLI all go through here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger(__name__)
_KEY = "dorna_effects"


@dataclass
class Effects:
    """What one transaction changed that someone outside it should hear about."""

    push_clients: set[int] = field(default_factory=set)
    outbox: bool = False
    staff: bool = False  # the staff's open pages (the ticket queue) should show the change


@dataclass
class _Receivers:
    wake_sender: Callable[[], None] | None = None
    push: Callable[[set[int]], None] | None = None
    push_staff: Callable[[], None] | None = None


_receivers = _Receivers()


def record_push(session: Session, client_id: int | None) -> None:
    """After this transaction commits, this customer's open pages should show the change."""
    if client_id:
        session.info.setdefault(_KEY, Effects()).push_clients.add(int(client_id))


def record_staff_push(session: Session) -> None:
    """After this transaction commits, the staff's open live pages should show the change."""
    session.info.setdefault(_KEY, Effects()).staff = True


def record_outbox(session: Session) -> None:
    """After this transaction commits, messages wait in the outbox: wake the sender."""
    session.info.setdefault(_KEY, Effects()).outbox = True


def install(*, wake_sender: Callable[[], None] | None = None,
            push: Callable[[set[int]], None] | None = None, push_staff: Callable[[], None] | None = None) -> None:
    """Say who receives the nudges in this process (the app at start, the CLI's job runner)."""
    _receivers.wake_sender = wake_sender
    _receivers.push = push
    _receivers.push_staff = push_staff


def dispatch(effects: Effects) -> None:
    """Hand a committed transaction's effects to this process's receivers. Never raises: the change
    is committed, and the caller must not think otherwise."""
    try:
        if effects.outbox and _receivers.wake_sender is not None:
            _receivers.wake_sender()
        if effects.push_clients and _receivers.push is not None:
            _receivers.push(set(effects.push_clients))
        if effects.staff and _receivers.push_staff is not None:
            _receivers.push_staff()
    except Exception:
        log.exception("dispatching effects after commit failed")


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the outer transaction is still open
        return
    effects = session.info.pop(_KEY, None)
    if effects is not None:
        dispatch(effects)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    # A rolled-back outer transaction drops what it recorded (after a commit this finds nothing left).
    if transaction.parent is None and not transaction.nested:
        session.info.pop(_KEY, None)
