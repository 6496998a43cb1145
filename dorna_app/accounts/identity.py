"""The buyer's details for an official invoice (صورت‌حساب رسمی): an individual's national ID (کد ملی) or a
company's national ID (شناسه ملی), economic code, postal code and address. Each number is checked
by its own rule (checksums included); Persian or Arabic digits are accepted; a wrong one is said in
Persian beside its field and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from dorna_app import fa
from dorna_app.accounts.models import Client
from dorna_app.db import read_session, write_session

BUYER_TYPES = ("individual", "legal")
MAX_ADDRESS_CHARS = 300


def _digits(raw: str) -> str:
    return fa.normalize_digits(raw or "").strip().replace(" ", "").replace("-", "")


def valid_national_id(raw: str) -> str | None:
    """An individual's 10-digit کد ملی when its check digit is right (and it is not one digit repeated)."""
    code = _digits(raw)
    if len(code) != 10 or not code.isdigit() or len(set(code)) == 1:
        return None
    total = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = int(code[9])
    return code if (total < 2 and check == total) or (total >= 2 and check == 11 - total) else None


def valid_company_id(raw: str) -> str | None:
    """A legal entity's 11-digit شناسه ملی when its check digit is right."""
    code = _digits(raw)
    if len(code) != 11 or not code.isdigit():
        return None
    decimal = int(code[9]) + 2
    weights = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)
    remainder = sum((int(code[i]) + decimal) * weights[i] for i in range(10)) % 11
    return code if (0 if remainder == 10 else remainder) == int(code[10]) else None


@dataclass(frozen=True)
class BuyerDetails:
    buyer_type: str = "individual"
    national_id: str = ""
    company_name: str = ""
    company_id: str = ""
    economic_code: str = ""
    postal_code: str = ""
    address: str = ""


@dataclass
class BuyerUpdate:
    ok: bool
    errors: dict[str, str] = field(default_factory=dict)


def get_buyer(client_id: int) -> BuyerDetails:
    with read_session() as session:
        c = session.get(Client, client_id)
    return BuyerDetails(c.buyer_type, c.national_id or "", c.company_name or "", c.company_id or "",
                        c.economic_code or "", c.postal_code or "", c.address or "")


def update_buyer(client_id: int, *, buyer_type: str, national_id: str = "", company_name: str = "",
                 company_id: str = "", economic_code: str = "", postal_code: str = "",
                 address: str = "", on_saved: Callable[[Session, Client], None] | None = None) -> BuyerUpdate:
    """Save the invoice details; all optional for an individual, the company's name and ID required for a
    legal entity. Every number that is given must be right. `on_saved` runs in the same transaction
    (billing copies the new details onto the customer's unpaid invoices there)."""
    errors: dict[str, str] = {}
    if buyer_type not in BUYER_TYPES:
        errors["buyer_type"] = "نوع خریدار را انتخاب کنید."
    national = valid_national_id(national_id) if national_id.strip() else ""
    if national is None:
        errors["national_id"] = "کد ملی ده رقمی درست نیست (رقم کنترل آن نمی‌خواند)."
    company = valid_company_id(company_id) if company_id.strip() else ""
    if company is None:
        errors["company_id"] = "شناسه ملی یازده رقمی شرکت درست نیست (رقم کنترل آن نمی‌خواند)."
    economic = _digits(economic_code)
    if economic and (not economic.isdigit() or len(economic) not in (11, 12)):
        errors["economic_code"] = "کد اقتصادی باید ۱۱ یا ۱۲ رقم باشد."
    postal = _digits(postal_code)
    if postal and (not postal.isdigit() or len(postal) != 10):
        errors["postal_code"] = "کد پستی باید ده رقم باشد."
    name = fa.persian_letters(company_name).strip()
    if buyer_type == "legal":
        if not name:
            errors["company_name"] = "نام شرکت را بنویسید."
        if not company_id.strip() and "company_id" not in errors:
            errors["company_id"] = "شناسه ملی شرکت را بنویسید."
    if len(name) > 120:
        errors["company_name"] = "نام شرکت بیش از اندازه بلند است."
    address = " ".join(fa.persian_letters(address).split())
    if len(address) > MAX_ADDRESS_CHARS:
        errors["address"] = f"نشانی حداکثر {fa.digits(MAX_ADDRESS_CHARS)} نویسه است."
    if errors:
        return BuyerUpdate(False, errors)
    with write_session() as session:
        client = session.exec(select(Client).where(Client.id == client_id).with_for_update()).one()
        client.buyer_type = buyer_type
        client.national_id, client.company_id = national or None, company or None
        client.company_name = name if buyer_type == "legal" else None
        client.economic_code, client.postal_code = economic or None, postal or None
        client.address = address or None
        session.add(client)
        if on_saved is not None:
            session.flush()
            on_saved(session, client)
    return BuyerUpdate(True)
