"""Staff tables: accounts, sessions, recovery codes and the audit log. Kept apart from customers: a
customer's session can never be taken for a staff one, nor the other way round."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Column, Index
from sqlmodel import Field, SQLModel

from dorna_app.clock import utcnow


class Role(StrEnum):
    ADMIN = "admin"  # everything, and manages staff
    BILLING = "billing"  # customers, services, invoices, payments, quotes
    SUPPORT = "support"  # tickets; customers read-only


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(default="", max_length=100)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)
    # The TOTP secret (base32). Until `totp_confirmed_at`, the next sign-in enrols it by QR code.
    totp_secret: str = Field(max_length=64)
    totp_confirmed_at: datetime | None = None
    # The last 30-second step whose code was accepted: a code works once.
    totp_last_step: int = Field(default=0)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (CheckConstraint("role IN ('admin', 'billing', 'support')", name="ck_staff_role"),)


class StaffSession(SQLModel, table=True):
    """A staff member's signed-in browser; usable only once the second factor passed."""

    __tablename__ = "staff_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    staff_id: int = Field(foreign_key="staff_user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    second_factor_at: datetime | None = None
    revoked_at: datetime | None = None
    ip_address: str = Field(default="", max_length=45)
    user_agent: str = Field(default="", max_length=255)


class RecoveryCode(SQLModel, table=True):
    """One of ten single-use codes for when the phone with the authenticator is lost (hash only)."""

    __tablename__ = "staff_recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff_user.id", index=True)
    code_hash: str = Field(max_length=64)
    used_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """One staff action: who, what, on which object, the object before and after, when. Written in the
    transaction of the change itself, so there is no change without its row and no row without it."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    action: str = Field(max_length=64)
    object_type: str = Field(default="", max_length=32)
    object_id: int | None = None
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))
    at: datetime = Field(default_factory=utcnow, index=True)

    __table_args__ = (Index("ix_audit_object", "object_type", "object_id"),)
