"""Small builders for test data, going through the same services the app uses."""

from __future__ import annotations

from datetime import date, timedelta

from dorna_app.accounts.auth import create_client
from dorna_app.accounts.models import Client
from dorna_app.billing.models import Invoice, InvoiceItem, InvoiceStatus, Service, ServiceStatus
from dorna_app.db import write_session

_numbers = iter(range(50_000, 10**9))


def make_client(email: str = "customer@example.com", password: str = "correct horse battery") -> Client:
    return create_client(email, password, first_name="مشتری", last_name="آزمایشی", mobile="09120000000")


def make_service(client_id: int, *, price_rial: int = 1_620_000, due: date | None = None,
                 status: str = ServiceStatus.ACTIVE, reason: str | None = None, name: str = "سرور") -> Service:
    with write_session() as s:
        service = Service(client_id=client_id, name=name, hostname=f"{name}.example.ir", ip_address="10.0.0.1",
                          plan="VPS", price_rial=price_rial, billing_cycle_months=1,
                          next_due_date=due or date(2026, 12, 1), status=status, suspension_reason=reason)
        s.add(service)
        s.flush()
    return service


def make_invoice(client_id: int, *, total_rial: int = 500_000, status: str = InvoiceStatus.UNPAID,
                 number: int | None = None, due: date | None = None, service_id: int | None = None) -> Invoice:
    due = due or date(2026, 12, 1)
    with write_session() as s:
        invoice = Invoice(number=number or next(_numbers), client_id=client_id, issued_on=due - timedelta(days=7),
                          due_on=due, subtotal_rial=total_rial, total_rial=total_rial, status=status)
        s.add(invoice)
        s.flush()
        s.add(InvoiceItem(invoice_id=invoice.id, service_id=service_id, description="تمدید",
                          period_start=due if service_id else None, amount_rial=total_rial))
    return invoice


def make_staff(email: str = "staff@example.com", role: str = "admin", *, second_factor: bool = True,
               password: str = "staff-password-1") -> tuple[int, str]:
    """A staff member and a signed-in staff cookie (`dorna_staff=...`), past the second factor unless told."""
    import pyotp

    from dorna_app.backoffice import auth as staff_auth

    staff, _ = staff_auth.create_staff(email, role, password=password)
    token = staff_auth.sign_in(email, password).token
    if second_factor:
        assert staff_auth.pass_second_factor(token, pyotp.TOTP(staff.totp_secret).now()).ok
    return staff.id, f"{staff_auth.STAFF_COOKIE}={token}"
