"""What each role may do. Every staff event and route names one of these permissions; the guard
checks it before the handler runs (deny unless granted)."""

from __future__ import annotations

from enum import StrEnum

from dorna_app.backoffice.models import Role


class Permission(StrEnum):
    VIEW = "view"  # the staff dashboard, customers, services, invoices (read)
    CUSTOMERS_WRITE = "customers.write"  # create customers, edit contact details
    BILLING_WRITE = "billing.write"  # services, invoices, payments, quotes
    TICKETS = "tickets"  # the queue, replies, notes, saved replies
    AUDIT_READ = "audit.read"
    STAFF_MANAGE = "staff.manage"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    # Billing answers the مالی department's tickets too.
    Role.BILLING: frozenset({Permission.VIEW, Permission.CUSTOMERS_WRITE, Permission.BILLING_WRITE,
                             Permission.TICKETS}),
    Role.SUPPORT: frozenset({Permission.VIEW, Permission.TICKETS}),
}

ROLE_LABELS = {Role.ADMIN: "مدیر", Role.BILLING: "مالی", Role.SUPPORT: "پشتیبانی"}


def allows(role: str, permission: Permission) -> bool:
    """Whether `role` may do `permission`; an unknown role may do nothing."""
    try:
        return permission in GRANTS[Role(role)]
    except ValueError:
        return False
