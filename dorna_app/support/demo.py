"""The demo customer's ticket for `make run`: a question about a renewal and support's answer, so the
support pages and the dashboard card show a real thread on a fresh machine. Written directly (no
e-mail or SMS goes out for it), once."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from dorna_app.accounts.models import Client
from dorna_app.billing.models import Service
from dorna_app.clock import utcnow
from dorna_app.db import write_session
from dorna_app.settings import get_settings
from dorna_app.support.models import Author, SupportDepartment, Ticket, TicketMessage, TicketStatus


def seed_demo_ticket(staff_id: int | None = None) -> bool:
    """Add the demo thread unless the demo customer has a ticket already; True when it was added."""
    with write_session() as session:
        client = session.exec(select(Client).where(Client.email == get_settings().demo_email)).first()
        if client is None or session.exec(select(Ticket.id).where(Ticket.client_id == client.id)).first():
            return False
        department = session.exec(select(SupportDepartment).where(SupportDepartment.key == "technical")).first()
        service = session.exec(select(Service).where(Service.client_id == client.id).order_by(Service.id)).first()
        asked, answered = utcnow() - timedelta(days=2), utcnow() - timedelta(days=1, hours=20)
        ticket = Ticket(client_id=client.id, subject="راه‌اندازی مجدد سرور پس از تمدید", status=TicketStatus.ANSWERED,
                        department_id=department.id if department else None, service_id=service.id if service else None,
                        created_at=asked, customer_wrote_at=asked, answered_at=answered, last_activity_at=answered,
                        assigned_staff_id=staff_id, version=2)
        session.add(ticket)
        session.flush()
        session.add(TicketMessage(ticket_id=ticket.id, author=Author.CUSTOMER.value, created_at=asked,
                                  body="سلام، صورت‌حساب را پرداخت کردم ولی سرور هنوز خاموش است. لطفاً بررسی کنید."))
        session.add(TicketMessage(ticket_id=ticket.id, author=Author.STAFF.value, staff_id=staff_id,
                                  created_at=answered,
                                  body="سلام، سرور پس از تأیید پرداخت دوباره روشن شد. اگر مشکلی ماند همین‌جا بنویسید."))
    return True
