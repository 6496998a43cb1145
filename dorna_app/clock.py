"""The one clock the domain reads: aware UTC now (SQLModel's columns store and return aware UTC)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Aware UTC now; one function so tests and every package agree on what "now" means."""
    return datetime.now(UTC)
