"""The audit log: every staff action, written in the same transaction as the change it records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from dorna_app.backoffice.models import AuditEntry, StaffUser
from dorna_app.db import read_session


def snapshot(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a row as plain JSON values (dates as ISO text)."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(row, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def record(session: Session, staff_id: int | None, action: str, object_type: str = "", object_id: int | None = None,
           *, before: dict | None = None, after: dict | None = None) -> AuditEntry:
    """Add one audit row to `session` (the caller's transaction): it commits or rolls back with the change."""
    entry = AuditEntry(staff_id=staff_id, action=action, object_type=object_type, object_id=object_id,
                       before=before, after=after)
    session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    staff_email: str
    action: str
    object_type: str
    object_id: int | None
    before: dict | None
    after: dict | None


def entries(*, staff_email: str = "", action: str = "", object_type: str = "", object_id: int | None = None,
            limit: int = 100, before_id: int | None = None) -> list[AuditRow]:
    """The newest entries first, filtered by who, what and which object."""
    query = (select(AuditEntry, StaffUser.email).join(StaffUser, StaffUser.id == AuditEntry.staff_id, isouter=True)
             .order_by(col(AuditEntry.id).desc()).limit(max(1, min(limit, 500))))
    if staff_email:
        query = query.where(func.lower(StaffUser.email).contains(staff_email.lower()))
    if action:
        query = query.where(col(AuditEntry.action).startswith(action))
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    if object_id is not None:
        query = query.where(AuditEntry.object_id == object_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    with read_session() as session:
        rows = session.exec(query).all()
    return [AuditRow(id=e.id, at=e.at, staff_email=email or "سیستم", action=e.action, object_type=e.object_type,
                     object_id=e.object_id, before=e.before, after=e.after) for e, email in rows]
