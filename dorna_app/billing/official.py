"""The official invoice's parties (صورت‌حساب فروش کالا و خدمات): the seller from settings and the buyer
from the customer's details, copied onto each invoice when it is issued.

An invoice keeps the parties as they were: a later change of the host's address or the customer's
company never rewrites a paid invoice. Until it is paid, the buyer's copy follows the customer's
edits (`save_buyer_details`), because a customer who needs an official invoice typically fills in
the company details after the renewal invoice appeared and before paying it. Missing fields are
empty strings, never absent keys, so every reader can print what is there and skip what is not.
"""

from __future__ import annotations

from sqlmodel import Session, select, update

from dorna_app.accounts import identity
from dorna_app.accounts.models import Client
from dorna_app.billing.models import Invoice, InvoiceStatus
from dorna_app.settings import get_settings

SELLER_KEYS = ("name", "company_id", "economic_code", "registration_number", "postal_code", "address", "phone")
BUYER_KEYS = ("type", "name", "national_id", "company_id", "economic_code", "postal_code", "address", "mobile",
              "email")


def seller_snapshot() -> dict[str, str]:
    """The host as the settings describe it now."""
    s = get_settings()
    return {"name": s.seller_name, "company_id": s.seller_company_id, "economic_code": s.seller_economic_code,
            "registration_number": s.seller_registration_number, "postal_code": s.seller_postal_code,
            "address": s.seller_address, "phone": s.seller_phone}


def buyer_snapshot(client: Client) -> dict[str, str]:
    """The customer as an official invoice names them: the company for a legal entity, else the person."""
    legal = client.buyer_type == "legal"
    person = " ".join(p for p in (client.first_name, client.last_name) if p)
    return {
        "type": "legal" if legal else "individual",
        "name": (client.company_name or person) if legal else person,
        "national_id": "" if legal else (client.national_id or ""),
        "company_id": (client.company_id or "") if legal else "",
        "economic_code": client.economic_code or "",
        "postal_code": client.postal_code or "",
        "address": client.address or "",
        "mobile": client.mobile or "",
        "email": client.email,
    }


def parties(client: Client) -> dict[str, dict[str, str]]:
    """Both parties for a new invoice, as column values (`Invoice(**parties(client), ...)`)."""
    return {"seller": seller_snapshot(), "buyer": buyer_snapshot(client)}


def follow_buyer(session: Session, client: Client) -> int:
    """Copy the customer's current details onto their unpaid invoices; paid ones keep theirs."""
    result = session.exec(update(Invoice).where(Invoice.client_id == client.id,
                                                Invoice.status == InvoiceStatus.UNPAID.value)
                          .values(buyer=buyer_snapshot(client)))
    return result.rowcount or 0


def save_buyer_details(client_id: int, **fields: str) -> identity.BuyerUpdate:
    """The customer's invoice details saved, and their unpaid invoices following, in one transaction."""
    return identity.update_buyer(client_id, on_saved=follow_buyer, **fields)


def filled(party: dict | None, keys: tuple[str, ...]) -> dict[str, str]:
    """A snapshot with every key present (older invoices have none): missing values are empty."""
    party = party or {}
    return {key: str(party.get(key) or "") for key in keys}


def invoice_parties(session: Session, invoice: Invoice) -> tuple[dict[str, str], dict[str, str]]:
    """Seller and buyer to print for an invoice; one issued before snapshots existed uses today's."""
    seller, buyer = invoice.seller, invoice.buyer
    if seller is None:
        seller = seller_snapshot()
    if buyer is None:
        client = session.exec(select(Client).where(Client.id == invoice.client_id)).one()
        buyer = buyer_snapshot(client)
    return filled(seller, SELLER_KEYS), filled(buyer, BUYER_KEYS)
