"""The official invoice in a browser at phone size: a quote accepted becomes an invoice with 10% VAT
(subtotal, VAT and total on the page), paid at the gateway; its official PDF downloads from the
invoice page and says «paid» with the ref id; the confirmation e-mail in the SMTP stand-in carries
the same PDF."""

from __future__ import annotations

import re
import subprocess

import httpx
import pytest

from dorna_app import fa
from tests.e2e.conftest import PHONE, new_page, screenshot, sign_in, wait_for, wait_hydrated

pytestmark = pytest.mark.e2e

OFFSET = 500_000
SETUP = f"""
from dorna_app.billing.demo import seed_demo
seed_demo(email='official@example.com', password='official-password-1', number_offset={OFFSET})
"""
MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(MARKS.sub("", out.stdout).split())


def test_a_vat_invoice_paid_downloads_its_official_pdf_and_the_email_carries_it(app_server, browser, tmp_path):
    app_server.run_python(SETUP)
    page = new_page(browser, PHONE)
    sign_in(page, app_server, "official@example.com", "official-password-1")
    page.wait_for_url(f"{app_server.url}/")
    page.goto(f"{app_server.url}/quotes")
    wait_hydrated(page)
    page.wait_for_selector(".quote-card[data-status=delivered]")
    assert "۴۵٬۰۰۰ تومان مالیات بر ارزش افزوده" in page.inner_text(".quote-vat")
    page.click(".accept-quote")
    page.wait_for_url("**/invoices/**")
    page.wait_for_selector("#invoice-vat")
    number = int(page.url.rstrip("/").rsplit("/", 1)[-1])
    assert page.inner_text("#invoice-subtotal") == "۴۵۰٬۰۰۰ تومان"
    assert page.inner_text("#invoice-vat") == "۴۵٬۰۰۰ تومان"
    assert page.inner_text("#invoice-total") == "۴۹۵٬۰۰۰ تومان"
    screenshot(page, "invoice-vat-phone")

    page.click("#pay-invoice")
    page.wait_for_url("**/pg/StartPay/**")
    page.click("#sandbox-pay")
    page.wait_for_url("**/payment/result/**")
    page.wait_for_selector("#result-title:has-text('پرداخت با موفقیت انجام شد')")
    ref_fa = page.inner_text("#result-ref").strip()

    page.goto(f"{app_server.url}/invoices/{number}")
    wait_hydrated(page)
    page.wait_for_selector("#paid-at")
    with page.expect_download() as caught:
        page.click("#invoice-pdf")
    download = caught.value
    assert download.suggested_filename == f"invoice-{number}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = pdf_text(saved)
    assert fa.digits(number) in text and "سارا کریمی" in text
    assert "۴٬۹۵۰٬۰۰۰" in text and "چهار میلیون و نهصد و پنجاه هزار ریال" in text
    assert "پرداخت شد" in text and ref_fa in text

    mails = wait_for(lambda: [m for m in httpx.get(f"{app_server.sandbox_url}/_sandbox/mail").json()
                              if m["rcpt_to"] == ["official@example.com"] and "تأیید پرداخت" in m["subject"]])
    [mail] = mails
    [file] = mail["files"]
    assert (file["filename"], file["content_type"]) == (f"invoice-{number}.pdf", "application/pdf")
    attached = tmp_path / "attached.pdf"
    attached.write_bytes(httpx.get(f"{app_server.sandbox_url}{file['url']}").content)
    assert pdf_text(attached) == text  # the same document the page gives
    page.context.close()
