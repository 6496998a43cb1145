"""The buyer's details for official invoices: national ID and company ID checksums, Persian digits,
lengths, what a legal entity must give; a wrong value changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from dorna_app.accounts import identity
from tests.factories import make_client


@pytest.mark.parametrize(("raw", "expected"), [
    ("0084575948", "0084575948"), ("۰۰۸۴۵۷۵۹۴۸", "0084575948"), ("٠٠٨٤٥٧٥٩٤٨", "0084575948"),
    ("0084575949", None), ("008457594", None), ("00845759481", None), ("1111111111", None), ("abcdefghij", None),
])
def test_national_id_checksum(raw, expected):
    assert identity.valid_national_id(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("10100302746", "10100302746"), ("۱۰۱۰۰۳۰۲۷۴۶", "10100302746"), ("10100302747", None), ("1010030274", None),
])
def test_company_id_checksum(raw, expected):
    assert identity.valid_company_id(raw) == expected


def test_buyer_details_are_checked_and_saved_only_when_all_are_right(database):
    client = make_client()
    bad = identity.update_buyer(client.id, buyer_type="individual", national_id="0084575949", postal_code="123456789",
                                economic_code="12")
    assert set(bad.errors) == {"national_id", "postal_code", "economic_code"}
    assert identity.get_buyer(client.id) == identity.BuyerDetails()
    legal = identity.update_buyer(client.id, buyer_type="legal", company_name="")
    assert set(legal.errors) == {"company_name", "company_id"}
    assert identity.update_buyer(client.id, buyer_type="owner").errors.keys() == {"buyer_type"}
    ok = identity.update_buyer(client.id, buyer_type="legal", company_name="شركت درنا", company_id="۱۰۱۰۰۳۰۲۷۴۶",
                               economic_code="411111111111", postal_code="۱۴۳۴۸۷۳۴۷۱",
                               address="  تهران،   خیابان آزادی ")
    assert ok.ok
    saved = identity.get_buyer(client.id)
    assert (saved.company_name, saved.company_id, saved.postal_code, saved.address) == (
        "شرکت درنا", "10100302746", "1434873471", "تهران، خیابان آزادی")
    # An individual with nothing at all: fine (the invoice simply has no buyer rows).
    assert identity.update_buyer(client.id, buyer_type="individual").ok
    assert identity.get_buyer(client.id).company_name == ""
