"""The one place where statuses change: an explicit table of allowed moves and a locked apply.

A move to the status a row already has is a no-op (returns False and records nothing), so a replayed
callback or a re-run job cannot fire anything twice. A move the table does not allow raises.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import insert, update
from sqlmodel import Session, select

from dorna_app.billing.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentStatus,
    Service,
    ServiceStatus,
    StatusChange,
)
from dorna_app.clock import utcnow

Inv, P, S = InvoiceStatus, PaymentStatus, ServiceStatus

ALLOWED: dict[type, dict[str, frozenset[str]]] = {
    Invoice: {
        Inv.UNPAID: frozenset({Inv.PAID, Inv.CANCELLED}),
        Inv.PAID: frozenset({Inv.REFUNDED}),
        Inv.CANCELLED: frozenset({Inv.UNPAID}),
        Inv.REFUNDED: frozenset(),
    },
    Payment: {
        P.PENDING: frozenset({P.SUCCEEDED, P.FAILED, P.CANCELLED}),
        # A payment given up as failed can still be found paid by reconciliation.
        P.FAILED: frozenset({P.SUCCEEDED}),
        P.CANCELLED: frozenset({P.SUCCEEDED}),
        P.SUCCEEDED: frozenset(),
    },
    Service: {
        S.PENDING: frozenset({S.ACTIVE, S.CANCELLED}),
        S.ACTIVE: frozenset({S.SUSPENDED, S.TERMINATED, S.CANCELLED}),
        S.SUSPENDED: frozenset({S.ACTIVE, S.TERMINATED, S.CANCELLED}),
        S.TERMINATED: frozenset(),
        S.CANCELLED: frozenset(),
    },
}

ENTITY_NAMES: dict[type, str] = {Invoice: "invoice", Payment: "payment", Service: "service"}

Row = TypeVar("Row", Invoice, Payment, Service)


class TransitionError(ValueError):
    """A status move the transition table forbids."""

    def __init__(self, entity: str, entity_id: int | None, current: str, target: str) -> None:
        super().__init__(f"{entity} {entity_id}: {current} -> {target} is not allowed")
        self.entity, self.entity_id, self.current, self.target = entity, entity_id, current, target


def can_transition(model: type, current: str, target: str) -> bool:
    """Whether the table allows `current -> target` (a same-status move counts as allowed)."""
    return current == target or target in ALLOWED[model].get(current, frozenset())


def lock(session: Session, model: type[Row], row_id: int) -> Row:
    """Load a row with a row lock (FOR UPDATE on PostgreSQL; SQLite holds the database lock).

    The values are read again under the lock even if this session loaded the row before
    (`populate_existing`): a decision taken on the copy read before the lock would be a stale one.
    """
    statement = select(model).where(model.id == row_id).with_for_update().execution_options(populate_existing=True)
    return session.exec(statement).one()


def transition_many(session: Session, model: type[Row], ids: list[int], current: str, target: str, *,
                    reason: str = "") -> list[int]:
    """Move many rows from `current` to `target` in one statement (the set-based jobs use this).

    Only rows still in `current` move (re-read under lock), each move is checked against the same
    table and recorded as a `StatusChange`. Returns the ids that moved.
    """
    if not ids or current == target:
        return []
    if not can_transition(model, current, target):
        raise TransitionError(ENTITY_NAMES[model], None, current, target)
    moving = list(session.exec(
        select(model.id).where(model.id.in_(ids), model.status == current).with_for_update(skip_locked=True)
    ).all())
    if not moving:
        return []
    session.exec(update(model).where(model.id.in_(moving)).values(status=str(target)))
    session.execute(insert(StatusChange), [
        {"entity": ENTITY_NAMES[model], "entity_id": row_id, "from_status": str(current),
         "to_status": str(target), "reason": reason, "at": utcnow()} for row_id in moving])
    return moving


def transition(session: Session, row: Row, target: str, *, reason: str = "") -> bool:
    """Move `row` to `target` under a lock and record it; False when it already was there.

    The row is re-read with a lock first, so two transactions racing on the same row see each
    other's result instead of both moving it.
    """
    model = type(row)
    locked = lock(session, model, row.id)
    current = locked.status
    if current == target:
        return False
    if not can_transition(model, current, target):
        raise TransitionError(ENTITY_NAMES[model], locked.id, current, target)
    locked.status = str(target)
    session.add(locked)
    session.add(
        StatusChange(
            entity=ENTITY_NAMES[model],
            entity_id=locked.id,
            from_status=current,
            to_status=str(target),
            reason=reason,
        )
    )
    session.flush()
    return True
