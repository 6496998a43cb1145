"""Accounts' tables: the customers who sign in, their sessions and sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from dorna_app.clock import utcnow


class Client(SQLModel, table=True):
    """A customer of the host: the person who signs in to the client area."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    mobile: str | None = Field(default=None, max_length=11)
    # The wallet's balance (always equal to the sum of the customer's credit entries), and the part of
    # it held by payments still at the gateway (spent if they succeed, released if they do not).
    credit_rial: int = Field(default=0)
    credit_held_rial: int = Field(default=0)
    # New renewal invoices are paid from credit when the balance covers them.
    auto_pay_credit: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    # Optional two-factor sign-in: the TOTP secret (set at enrolment, in use once confirmed) and the
    # last 30-second step accepted, so a code works once.
    totp_secret: str | None = Field(default=None, max_length=64)
    totp_confirmed_at: datetime | None = None
    totp_last_step: int = Field(default=0)
    # The buyer's details for official invoices (see accounts/identity.py), all optional.
    buyer_type: str = Field(default="individual", max_length=12)
    national_id: str | None = Field(default=None, max_length=10)
    company_name: str | None = Field(default=None, max_length=120)
    company_id: str | None = Field(default=None, max_length=11)
    economic_code: str | None = Field(default=None, max_length=12)
    postal_code: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=300)

    __table_args__ = (
        CheckConstraint("credit_rial >= 0", name="ck_client_credit_nonneg"),
        CheckConstraint("credit_held_rial >= 0 AND credit_held_rial <= credit_rial", name="ck_client_credit_held"),
    )


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the cookie's token is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    last_seen_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
    ip_address: str = Field(default="", max_length=45)
    user_agent: str = Field(default="", max_length=255)
    # A password or SMS code passed, but the account asks for its authenticator code too: until it
    # is given, this session is nobody's.
    second_factor_pending: bool = False


class LoginAttempt(SQLModel, table=True):
    """One sign-in try, kept to slow down password guessing per e-mail and per address."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    ip_address: str = Field(max_length=45)
    succeeded: bool = False
    at: datetime = Field(default_factory=utcnow)

    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "at"),
        Index("ix_login_attempt_ip_at", "ip_address", "at"),
    )


class EmailChange(SQLModel, table=True):
    """A request to move a customer's e-mail to a new address, waiting for the link sent there.

    Only the SHA-256 of the link's token is stored; a link works once and for a limited time.
    """

    __tablename__ = "email_change"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    new_email: str = Field(max_length=254)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class ClientRecoveryCode(SQLModel, table=True):
    """One of a customer's ten single-use codes for when the authenticator is lost (hash only)."""

    __tablename__ = "client_recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    code_hash: str = Field(max_length=64)
    used_at: datetime | None = None
