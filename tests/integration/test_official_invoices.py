"""Official invoices: VAT kept on each invoice, the parties copied when it is issued (the buyer's copy
following the customer's edits only until it is paid), the PDF read back with poppler (text in the
right order, Persian digits and words; it renders to a picture), and who may download it. On SQLite
and PostgreSQL."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from dorna_app.accounts import auth
from dorna_app.billing import automation, invoice_pdf, official, payments, queries
from dorna_app.billing.models import Invoice
from dorna_app.db import read_session, write_session
from tests.factories import make_client, make_invoice, make_staff

TODAY = date(2026, 11, 25)
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def issue(client_id: int, lines: list[tuple[str, int]]) -> Invoice:
    with write_session() as s:
        invoice = automation.issue_invoice(s, client_id=client_id, lines=lines, due_on=date(2026, 12, 2), today=TODAY)
        s.flush()
        s.expunge(invoice)
    return invoice


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """What pdftotext reads, in reading order, on one line with single spaces and no direction marks."""
    path = tmp_path / "invoice.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(BIDI_MARKS.sub("", out.stdout).split())


def in_order(text: str, *parts: str) -> bool:
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_vat_is_kept_on_the_invoice_and_its_lines(database):
    client = make_client()
    invoice = issue(client.id, [("راه‌اندازی", 1_000_005), ("آی‌پی اضافه", 15)])
    detail = queries.get_invoice(client.id, invoice.number)
    # 100,000.5 rounds up to 100,001 and 1.5 to 2: the lines' VAT adds up to the invoice's.
    assert [line.vat_rial for line in detail.lines] == [100_001, 2]
    assert (detail.subtotal_rial, detail.vat_rial, detail.vat_rate_bp, detail.invoice.total_rial) == (
        1_000_020, 100_003, 1000, 1_100_023)


def test_the_database_refuses_a_total_that_is_not_subtotal_plus_vat(database):
    client = make_client()
    with pytest.raises(IntegrityError), write_session() as s:
        s.add(Invoice(number=99, client_id=client.id, issued_on=TODAY, due_on=TODAY, subtotal_rial=100,
                      vat_rial=10, total_rial=100))


def test_parties_are_copied_at_issue_and_the_buyer_follows_until_paid(database, sandbox):
    client = make_client()
    unpaid = issue(client.id, [("راه‌اندازی", 500_000)])
    paid = issue(client.id, [("آی‌پی اضافه", 300_000)])
    assert unpaid.seller == official.seller_snapshot()
    assert unpaid.buyer["name"] == "مشتری آزمایشی" and unpaid.buyer["national_id"] == ""
    start = payments.start_payment(client.id, [paid.number])
    from tests.integration.test_payments import sandbox_pay, visit_callback

    visit_callback(sandbox_pay(sandbox, start.redirect_url))
    saved = official.save_buyer_details(client.id, buyer_type="legal", company_name="شرکت نمونه",
                                        company_id="10320456783", economic_code="10320456783",
                                        postal_code="۱۲۳۴۵۶۷۸۹۰", address="تهران، خیابان آزادی")
    assert saved.ok
    with read_session() as s:
        after_unpaid = s.get(Invoice, unpaid.id).buyer
        after_paid = s.get(Invoice, paid.id).buyer
    assert after_unpaid["name"] == "شرکت نمونه" and after_unpaid["company_id"] == "10320456783"
    assert after_unpaid["postal_code"] == "1234567890"
    assert after_paid == paid.buyer  # paid: the official record stays as it was issued
    # A wrong value changes nothing, on the customer or their invoices.
    assert not official.save_buyer_details(client.id, buyer_type="individual", national_id="0084575949").ok
    with read_session() as s:
        assert s.get(Invoice, unpaid.id).buyer == after_unpaid


def test_the_pdf_reads_in_the_right_order_with_persian_digits_and_words(database, tmp_path):
    client = make_client()
    official.save_buyer_details(client.id, buyer_type="individual", national_id="0084575948",
                                postal_code="1234567890", address="شیراز، خیابان زند")
    invoice = issue(client.id, [("تمدید سرویس VPS-Pro (vps-pro.example.ir)", 1_620_000)])
    document = invoice_pdf.for_customer(client.id, invoice.number)
    assert document.filename == f"invoice-{invoice.number}.pdf" and document.content.startswith(b"%PDF-")
    text = pdf_text(document.content, tmp_path)
    number = "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in str(invoice.number))
    # The number at the top, then the seller, the buyer, the lines, the total in figures, then in words.
    assert in_order(text, number, "مشخصات فروشنده", "شرکت درنا سرور پارس", "مشخصات خریدار", "مشتری آزمایشی",
                    "۱۶۲٬۰۰۰", "۱٬۷۸۲٬۰۰۰", "یک میلیون و هفتصد و هشتاد و دو هزار ریال"), text
    buyer = text.split("مشخصات خریدار", 1)[1].split("مشخصات خدمات", 1)[0]
    assert "۰۰۸۴۵۷۵۹۴۸" in buyer and "۱۲۳۴۵۶۷۸۹۰" in buyer and "شیراز" in buyer
    assert "vps-pro.example.ir" in text
    assert "پرداخت‌نشده" in text or "پرداختنشده" in text  # poppler may drop the half-space
    assert not re.search(r"[0-9]{3}", text.replace("vps-pro.example.ir", "").replace("021-91001234", ""))


def test_a_pdf_without_buyer_details_leaves_those_rows_out(database, tmp_path):
    client = make_client()
    invoice = make_invoice(client.id, total_rial=500_000)  # issued before parties were kept: today's are used
    text = pdf_text(invoice_pdf.for_customer(client.id, invoice.number).content, tmp_path)
    assert "مشتری آزمایشی" in text and "پانصد هزار ریال" in text
    for label in ("کد ملی", "کد اقتصادی", "نشانی: ", "ارزش افزوده (٪"):
        assert label not in text.split("مشخصات خریدار", 1)[1], label


def test_the_pdf_renders_to_a_page_with_ink_on_it(database, tmp_path):
    client = make_client()
    invoice = issue(client.id, [("راه‌اندازی", 500_000)])
    path = tmp_path / "invoice.pdf"
    path.write_bytes(invoice_pdf.for_customer(client.id, invoice.number).content)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-gray", str(path), str(tmp_path / "page")], check=True)
    [page] = sorted(tmp_path.glob("page*.png"))  # one A4 page
    from PIL import Image

    with Image.open(page) as image:
        width, height = image.size
        dark = image.convert("L").point(lambda v: 255 if v < 128 else 0).histogram()[255]
    assert abs(height / width - 297 / 210) < 0.02  # A4 portrait
    assert 0.005 < dark / (width * height) < 0.25  # text and rules, neither blank nor a black page


def test_who_gets_an_invoices_pdf(database, api_get):
    owner, stranger = make_client(), make_client("stranger@example.com")
    invoice = issue(owner.id, [("راه‌اندازی", 500_000)])
    _, staff_cookie = make_staff("billing@example.com", "support")
    _, half_cookie = make_staff("half@example.com", "billing", second_factor=False)
    url = f"/documents/invoices/{invoice.number}"

    def customer(email: str) -> dict[str, str]:
        return {auth.SESSION_COOKIE: auth.sign_in(email, "correct horse battery").token}

    def staff(cookie: str) -> dict[str, str]:
        name, value = cookie.split("=", 1)
        return {name: value}

    mine = api_get(url, cookies=customer(owner.email))
    assert mine.status_code == 200 and mine.content.startswith(b"%PDF-")
    assert mine.headers["content-type"] == "application/pdf"
    assert mine.headers["content-disposition"] == f'attachment; filename="invoice-{invoice.number}.pdf"'
    assert "no-store" in mine.headers["cache-control"] and mine.headers["x-content-type-options"] == "nosniff"
    # Another customer's number is answered like a number that does not exist.
    assert api_get(url, cookies=customer(stranger.email)).status_code == 404
    assert api_get("/documents/invoices/999999", cookies=customer(owner.email)).status_code == 404
    assert api_get("/documents/invoices/abc", cookies=customer(owner.email)).status_code == 404
    assert api_get("/documents/invoices/۱۲", cookies=customer(owner.email)).status_code == 404
    assert api_get(url).status_code == 401
    assert api_get(url, cookies=staff(half_cookie)).status_code == 401  # before the second factor
    assert api_get(url, cookies=staff(staff_cookie)).status_code == 200
