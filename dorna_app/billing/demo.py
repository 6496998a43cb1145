"""The demo customer: the seed document's seven invoices and three servers, moved to look current.

The seed's dates are from August 2019; they are shifted so that its "today" (2019-08-30, between the
due dates of invoices 1523 and 1540) becomes the real today. Statuses follow the spec's second table,
so all four occur while four invoices (1141, 1136, 1523, 1540) are still unpaid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import select

from dorna_app.accounts.auth import create_client
from dorna_app.accounts.models import Client
from dorna_app.billing import official
from dorna_app.billing.dates import add_months, business_today
from dorna_app.billing.models import (
    Invoice,
    InvoiceItem,
    InvoiceStatus,
    Quote,
    QuoteStatus,
    Service,
    ServiceStatus,
    SuspensionReason,
)
from dorna_app.db import write_session
from dorna_app.settings import get_settings

SEED_TODAY = date(2019, 8, 30)
TOMAN = 10  # Rial per Toman


@dataclass(frozen=True)
class _SeedInvoice:
    number: int
    issued: date
    due: date
    toman: int
    status: InvoiceStatus
    service: str | None  # key into the servers below; None for a one-off charge
    description: str


_SERVERS = {
    "vps-pro": {
        "name": "سرور مجازی حرفه‌ای تهران",
        "hostname": "vps-pro.dornaserver.ir",
        "ip_address": "185.204.170.21",
        "plan": "VPS-Pro لینوکس ۴ هسته / ۸ گیگ",
        "toman": 162_000,
    },
    "vps-storage": {
        "name": "سرور مجازی ذخیره‌سازی",
        "hostname": "storage.dornaserver.ir",
        "ip_address": "185.204.170.58",
        "plan": "VPS-Storage ۵۰۰ گیگ",
        "toman": 162_000,
    },
    "vps-start": {
        "name": "سرور مجازی اقتصادی",
        "hostname": "start.dornaserver.ir",
        "ip_address": "185.204.171.9",
        "plan": "VPS-Start ۱ هسته / ۱ گیگ",
        "toman": 70_500,
    },
}

_INVOICES = [
    _SeedInvoice(1141, date(2019, 8, 8), date(2019, 8, 15), 70_500, InvoiceStatus.UNPAID, "vps-start",
                 "تمدید سرویس"),
    _SeedInvoice(1136, date(2019, 8, 24), date(2019, 8, 24), 50_000, InvoiceStatus.UNPAID, None,
                 "افزایش فضای دیسک سرور حرفه‌ای (۵۰ گیگ)"),
    _SeedInvoice(1523, date(2019, 8, 22), date(2019, 8, 29), 162_000, InvoiceStatus.UNPAID, "vps-pro",
                 "تمدید سرویس"),
    _SeedInvoice(1540, date(2019, 8, 25), date(2019, 9, 1), 162_000, InvoiceStatus.UNPAID, "vps-storage",
                 "تمدید سرویس"),
    _SeedInvoice(1013, date(2019, 5, 7), date(2019, 5, 7), 68_000, InvoiceStatus.CANCELLED, None,
                 "ثبت دامنه dornaserver-demo.ir (لغوشده)"),
    _SeedInvoice(217, date(2019, 7, 8), date(2019, 7, 15), 70_500, InvoiceStatus.REFUNDED, "vps-start",
                 "تمدید سرویس"),
    _SeedInvoice(251, date(2019, 7, 29), date(2019, 8, 1), 164_500, InvoiceStatus.PAID, "vps-pro",
                 "تمدید سرویس و یک IP اضافه"),
]


def seed_demo(today: date | None = None, *, email: str | None = None, password: str | None = None,
              number_offset: int = 0) -> bool:
    """Create the demo customer and data unless it exists; True when something was created.

    Idempotent: running it again (or from two processes at once) creates nothing more. Tests make
    further copies under another e-mail, with invoice numbers moved by `number_offset`.
    """
    today = today or business_today()
    shift = today - SEED_TODAY
    settings = get_settings()
    email = email or settings.demo_email
    with write_session() as session:
        if session.exec(select(Client).where(Client.email == email)).first():
            return False
        client = create_client(
            email,
            password or settings.demo_password,
            first_name="سارا",
            last_name="کریمی",
            mobile="09121234567",
            session=session,
        )
        services: dict[str, Service] = {}
        for key, spec in _SERVERS.items():
            unpaid = next(i for i in _INVOICES if i.service == key and i.status == InvoiceStatus.UNPAID)
            overdue = unpaid.due + shift < today - timedelta(days=7)
            service = Service(
                client_id=client.id,
                name=spec["name"],
                hostname=spec["hostname"],
                ip_address=spec["ip_address"],
                plan=spec["plan"],
                price_rial=spec["toman"] * TOMAN,
                billing_cycle_months=1,
                next_due_date=unpaid.due + shift,
                status=ServiceStatus.SUSPENDED if overdue else ServiceStatus.ACTIVE,
                suspension_reason=SuspensionReason.NON_PAYMENT if overdue else None,
            )
            session.add(service)
            services[key] = service
        session.flush()
        for seed in _INVOICES:
            issued, due = seed.issued + shift, seed.due + shift
            invoice = Invoice(
                number=seed.number + number_offset,
                client_id=client.id,
                issued_on=issued,
                due_on=due,
                subtotal_rial=seed.toman * TOMAN,  # issued before VAT: the seed's totals stand as they are
                total_rial=seed.toman * TOMAN,
                **official.parties(client),
                status=seed.status,
                paid_at=datetime.combine(due - timedelta(days=2), time(7, 0), tzinfo=UTC)
                if seed.status in (InvoiceStatus.PAID, InvoiceStatus.REFUNDED)
                else None,
            )
            session.add(invoice)
            session.flush()
            service = services.get(seed.service) if seed.service else None
            session.add(
                InvoiceItem(
                    invoice_id=invoice.id,
                    service_id=service.id if service else None,
                    description=f"{seed.description} {service.name}" if service else seed.description,
                    period_start=due if service else None,
                    period_end=add_months(due, 1) - timedelta(days=1) if service else None,
                    amount_rial=seed.toman * TOMAN,
                )
            )
        session.add(Quote(client_id=client.id, subject="ارتقای سرور حرفه‌ای به ۱۶ گیگ رم",
                          total_rial=450_000 * TOMAN, status=QuoteStatus.DELIVERED,
                          valid_until=today + timedelta(days=14)))
    return True
