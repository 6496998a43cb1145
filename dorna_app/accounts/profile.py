"""The customer's contact details: where receipts go (e-mail) and the SMS they trust (mobile)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import select

from dorna_app.accounts.contact import normalize_email, normalize_mobile
from dorna_app.accounts.models import Client
from dorna_app.db import read_session, write_session

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


@dataclass(frozen=True)
class Contact:
    email: str
    mobile: str
    first_name: str
    last_name: str


@dataclass
class ContactUpdate:
    ok: bool
    errors: dict[str, str] = field(default_factory=dict)  # field -> error code
    contact: Contact | None = None


def get_contact(client_id: int) -> Contact | None:
    with read_session() as session:
        client = session.get(Client, client_id)
    if client is None:
        return None
    return Contact(client.email, client.mobile or "", client.first_name, client.last_name)


def update_contact(client_id: int, *, email: str, mobile: str) -> ContactUpdate:
    """Validate and save; nothing changes when any field is wrong. Persian digits are accepted."""
    errors: dict[str, str] = {}
    clean_email = normalize_email(email)
    if not EMAIL_RE.match(clean_email) or len(clean_email) > 254:
        errors["email"] = "invalid"
    clean_mobile = normalize_mobile(mobile) if mobile.strip() else None
    if mobile.strip() and clean_mobile is None:
        errors["mobile"] = "invalid"
    if errors:
        return ContactUpdate(ok=False, errors=errors)
    with write_session() as session:
        taken = session.exec(
            select(Client.id).where(Client.email == clean_email, Client.id != client_id)).first()
        if taken is not None:
            return ContactUpdate(ok=False, errors={"email": "taken"})
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()).one()
        client.email, client.mobile = clean_email, clean_mobile
        session.add(client)
    return ContactUpdate(ok=True, contact=get_contact(client_id))
