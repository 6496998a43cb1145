"""The customer's contact details: where receipts go (e-mail) and the SMS they trust (mobile).

A new e-mail address takes effect only after its owner opens the link sent to it, the request needs
the current password, and the old address is told. Nothing here says whether another account uses
an address: that shows only to whoever holds the new mailbox, when they confirm.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from dorna_app.accounts import auth, otp
from dorna_app.accounts.models import Client, EmailChange
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify import templates
from dorna_app.notify.addresses import normalize_mobile, valid_email
from dorna_app.notify.models import MessageChannel
from dorna_app.notify.outbox import enqueue
from dorna_app.settings import get_settings

EMAIL_CHANGE_VALID_FOR = timedelta(hours=24)
CONFIRM_PATH = "/auth/confirm-email"


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
    email_pending: str = ""  # a new address waiting for its confirmation link
    mobile_pending: str = ""  # a new number waiting for the code sent to it


class EmailConfirmation(StrEnum):
    CHANGED = "changed"
    INVALID = "invalid"  # unknown, used or expired link
    UNAVAILABLE = "unavailable"  # the address belongs to another account by now


def get_contact(client_id: int) -> Contact | None:
    with read_session() as session:
        client = session.get(Client, client_id)
    if client is None:
        return None
    return Contact(client.email, client.mobile or "", client.first_name, client.last_name)


def update_contact(client_id: int, *, email: str, mobile: str, password: str = "") -> ContactUpdate:
    """Validate and save; nothing changes when any field is wrong. Persian digits are accepted.

    A new mobile number is only requested here: a code goes to it, and it changes when the code comes
    back (`otp.confirm_mobile_change`). A different e-mail address needs the current password and is
    only requested here too (see `confirm_email_change`).
    """
    current = get_contact(client_id)
    if current is None:
        return ContactUpdate(ok=False, errors={"email": "invalid"})
    errors: dict[str, str] = {}
    clean_email = valid_email(email)
    if clean_email is None:
        errors["email"] = "invalid"
    clean_mobile = normalize_mobile(mobile) if mobile.strip() else None
    if mobile.strip() and clean_mobile is None:
        errors["mobile"] = "invalid"
    changing = clean_email is not None and clean_email != current.email
    if changing and not password:
        errors["password"] = "required"
    elif changing and not errors and not auth.check_password(client_id, password):
        errors["password"] = "wrong"
    if errors:
        return ContactUpdate(ok=False, errors=errors)
    # A new number is proved by a code sent to it (`otp.confirm_mobile_change`); removing it needs no proof.
    mobile_pending = clean_mobile if clean_mobile and clean_mobile != (current.mobile or "") else ""
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()).one()
        if not clean_mobile:
            client.mobile = None
        session.add(client)
        if changing:
            _request_email_change(session, client, clean_email)
    if mobile_pending and otp.request_mobile_change(client_id, mobile_pending) != otp.CodeOutcome.SENT:
        return ContactUpdate(ok=False, errors={"mobile": "not_sent"})
    return ContactUpdate(ok=True, contact=get_contact(client_id), email_pending=clean_email if changing else "",
                         mobile_pending=mobile_pending)


def _request_email_change(session, client: Client, new_email: str) -> None:
    token = secrets.token_urlsafe(32)
    change = EmailChange(client_id=client.id, new_email=new_email, token_hash=auth.token_hash(token),
                         expires_at=utcnow() + EMAIL_CHANGE_VALID_FOR)
    session.add(change)
    session.flush()
    name = f"{client.first_name} {client.last_name}".strip()
    link = f"{get_settings().public_url}{CONFIRM_PATH}?t={token}"
    confirm = templates.email_change_confirm_email(name, new_email, link)
    enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL, kind="email_change_confirm",
            dedupe_key=f"email_change:{change.id}:confirm", recipient=new_email, subject=confirm.subject,
            text=confirm.text, html=confirm.html)
    notice = templates.email_change_notice_email(name, new_email)
    enqueue(session, client_id=client.id, channel=MessageChannel.EMAIL, kind="email_change_notice",
            dedupe_key=f"email_change:{change.id}:notice", recipient=client.email, subject=notice.subject,
            text=notice.text, html=notice.html)


def confirm_email_change(token: str) -> EmailConfirmation:
    """The new mailbox's owner opened the link: move the account to that address, once."""
    if not token or len(token) > 128:
        return EmailConfirmation.INVALID
    try:
        with write_session() as session:
            change = session.exec(select(EmailChange).where(EmailChange.token_hash == auth.token_hash(token))
                                  .with_for_update()).first()
            if change is None or change.used_at is not None or change.expires_at <= utcnow():
                return EmailConfirmation.INVALID
            change.used_at = utcnow()
            session.add(change)
            taken = session.exec(select(Client.id).where(Client.email == change.new_email,
                                                         Client.id != change.client_id)).first()
            if taken is not None:
                return EmailConfirmation.UNAVAILABLE
            client = session.exec(select(Client).where(Client.id == change.client_id).with_for_update()).one()
            client.email = change.new_email
            session.add(client)
    except IntegrityError:  # another account took the address at this very moment
        return EmailConfirmation.UNAVAILABLE
    return EmailConfirmation.CHANGED
