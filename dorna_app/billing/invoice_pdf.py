"""The official invoice as a PDF (صورت‌حساب فروش کالا و خدمات): right to left, Vazirmatn embedded,
Persian digits, Jalali dates, a line per item with its VAT, the total in figures and in words, and a
mark that says whether and how it was paid.

WeasyPrint lays the page out with Pango and HarfBuzz, so Persian letters join and bidi runs (an
e-mail address or a host name inside Persian text) come out as a reader expects; the fonts are the
project's own static Vazirmatn files, so nothing depends on the fonts a server happens to have. Amounts
are in Rial, as an official invoice states them, with the Toman figure beside the total. A field the
buyer left empty is left out, never printed as an empty row.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from num2fawords import words
from weasyprint import HTML

from dorna_app import fa, labels
from dorna_app.billing import queries, tax

FONTS = Path(__file__).resolve().parent / "fonts"
CONTENT_TYPE = "application/pdf"

_SELLER_ROWS = (("name", "نام"), ("company_id", "شناسهٔ ملی"), ("economic_code", "کد اقتصادی"),
                ("registration_number", "شمارهٔ ثبت"), ("postal_code", "کد پستی"), ("phone", "تلفن"),
                ("address", "نشانی"))
_BUYER_ROWS = (("name", "نام"), ("national_id", "کد ملی"), ("company_id", "شناسهٔ ملی"),
               ("economic_code", "کد اقتصادی"), ("postal_code", "کد پستی"), ("mobile", "تلفن همراه"),
               ("email", "ایمیل"), ("address", "نشانی"))
# Values written in Latin letters: kept left to right inside the Persian page.
_LATIN = {"email", "phone"}


@dataclass(frozen=True)
class Document:
    """A rendered invoice: its file name and bytes."""

    filename: str
    content: bytes
    content_type: str = CONTENT_TYPE


def filename(number: int) -> str:
    """`invoice-1523.pdf`: Latin digits, so every mail client and file system keeps the name."""
    return f"invoice-{number}.pdf"


def amount_words(rial: int) -> str:
    """The amount in Persian words, as the official form writes the payable sum: «… ریال»."""
    return f"{words(rial)} ریال"


def _text(value: str) -> str:
    """Escaped text whose Latin runs (a host name, a plan) stay left to right and are never broken."""
    isolated = html.escape(fa.isolate_latin(value))
    return isolated.replace("\u2066", '<bdi dir="ltr" class="latin">').replace("\u2069", "</bdi>")


def _rial(value: int) -> str:
    return fa.number(value)


def _party(title: str, party: dict[str, str], rows: tuple[tuple[str, str], ...], css: str) -> str:
    cells = []
    for key, label in rows:
        value = party.get(key, "")
        if not value:
            continue
        shown = f'<bdi dir="ltr">{html.escape(value)}</bdi>' if key in _LATIN else html.escape(fa.digits(value))
        cells.append(f'<div class="field{" wide" if key == "address" else ""}"><span class="label">{label}:</span> '
                     f"{shown}</div>")
    body = "".join(cells) or '<div class="field muted">مشخصاتی ثبت نشده است.</div>'
    return f'<section class="party {css}"><h2>{title}</h2><div class="fields">{body}</div></section>'


def _period(line: queries.InvoiceLine) -> str:
    if line.period_start and line.period_end:
        return f"<div class=period>{fa.jalali(line.period_start)} تا {fa.jalali(line.period_end)}</div>"
    return ""


def _mark(detail: queries.InvoiceDetail) -> str:
    status = detail.invoice.status
    if status == "paid" or (status == "refunded" and detail.paid_at):
        parts = [f"پرداخت شد در {fa.jalali_datetime(detail.paid_at)}" if detail.paid_at else "پرداخت شد"]
        if detail.payment:
            parts.append(f"روش: {labels.PAYMENT_GATEWAYS.get(detail.payment.gateway, detail.payment.gateway)}")
            if detail.payment.ref_id:
                parts.append(f"شمارهٔ پیگیری: {fa.digits(html.escape(detail.payment.ref_id))}")
        note = "" if status == "paid" else '<div class="stamp-note">مبلغ این صورت‌حساب مسترد شده است.</div>'
        css = "paid" if status == "paid" else "void"
        return f'<div class="stamp {css}"><b>{parts[0]}</b><div>{"، ".join(parts[1:])}</div>{note}</div>'
    label = labels.INVOICE_STATUS.get(status, status)
    return f'<div class="stamp {"void" if status == "cancelled" else "open"}"><b>{label}</b></div>'


def render_html(detail: queries.InvoiceDetail) -> str:
    """The page as HTML for WeasyPrint (also what a test reads when it wants the markup)."""
    inv = detail.invoice
    rows = []
    for index, line in enumerate(detail.lines, start=1):
        rows.append(
            f"<tr><td class='n'>{fa.digits(index)}</td>"
            f"<td class='desc'>{_text(line.description)}"
            f"{_period(line)}</td>"
            f"<td class='m'>{_rial(line.amount_rial)}</td><td class='m'>{_rial(line.vat_rial)}</td>"
            f"<td class='m'>{_rial(line.amount_rial + line.vat_rial)}</td></tr>")
    vat_head = tax.vat_label(detail.vat_rate_bp)
    seller, buyer = detail.seller, detail.buyer
    buyer_title = "مشخصات خریدار" + (" (شخص حقوقی)" if buyer.get("type") == "legal" else "")
    return f"""<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>صورت‌حساب شمارهٔ {fa.digits(inv.number)}</title>
<style>{_css()}</style></head>
<body>
<header>
  <div class="brand"><div class="seller-name">{html.escape(seller.get("name", ""))}</div>
    <h1>صورت‌حساب فروش کالا و خدمات</h1></div>
  <table class="meta">
    <tr><th>شمارهٔ صورت‌حساب</th><td>{fa.digits(inv.number)}</td></tr>
    <tr><th>تاریخ صدور</th><td>{fa.jalali(inv.issued_on)}</td></tr>
    <tr><th>سررسید</th><td>{fa.jalali(inv.due_on)}</td></tr>
  </table>
</header>
{_party("مشخصات فروشنده", seller, _SELLER_ROWS, "seller")}
{_party(buyer_title, buyer, _BUYER_ROWS, "buyer")}
<section class="items"><h2>مشخصات خدمات</h2>
<table>
  <thead><tr><th class="n">ردیف</th><th>شرح خدمات</th><th class="m">مبلغ (ریال)</th>
    <th class="m">{vat_head} (ریال)</th><th class="m">مبلغ کل (ریال)</th></tr></thead>
  <tbody>{"".join(rows)}</tbody>
  <tfoot><tr><td></td><td>جمع</td><td class="m">{_rial(detail.subtotal_rial)}</td>
    <td class="m">{_rial(detail.vat_rial)}</td><td class="m total">{_rial(inv.total_rial)}</td></tr></tfoot>
</table></section>
<section class="sum">
  <div class="payable"><span class="label">مبلغ قابل پرداخت:</span> <b>{_rial(inv.total_rial)} ریال</b>
    <span class="muted">(معادل {fa.toman(inv.total_rial)})</span></div>
  <div class="in-words"><span class="label">به حروف:</span> {amount_words(inv.total_rial)}</div>
  {_mark(detail)}
</section>
<section class="signatures"><div>مهر و امضای فروشنده</div><div>مهر و امضای خریدار</div></section>
<footer>این صورت‌حساب به‌صورت الکترونیکی در ناحیهٔ کاربری صادر شده است.</footer>
</body></html>"""


def _css() -> str:
    regular, bold = (FONTS / "Vazirmatn-Regular.ttf").as_uri(), (FONTS / "Vazirmatn-Bold.ttf").as_uri()
    return f"""
@font-face {{ font-family: "Vazirmatn"; src: url("{regular}"); font-weight: 400; }}
@font-face {{ font-family: "Vazirmatn"; src: url("{bold}"); font-weight: 700; }}
@page {{ size: A4; margin: 14mm 12mm 16mm;
  @bottom-center {{ content: "صفحهٔ " counter(page, persian) " از " counter(pages, persian);
    font: 8pt "Vazirmatn"; color: #555; }} }}
html {{ font-family: "Vazirmatn"; font-size: 9.5pt; color: #111; line-height: 1.6; }}
body {{ margin: 0; }}
header {{ display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #0b3d91;
  padding-bottom: 6pt; margin-bottom: 8pt; }}
.seller-name {{ font-weight: 700; color: #0b3d91; font-size: 11pt; }}
h1 {{ font-size: 15pt; margin: 2pt 0 0; }}
h2 {{ font-size: 10pt; margin: 0 0 4pt; color: #0b3d91; }}
table.meta {{ width: auto; }}
table.meta th, table.meta td {{ border: none; background: none; padding: 0 0 0 8pt; }}
table.meta th {{ font-weight: 400; color: #444; }}
table.meta td {{ font-weight: 700; }}
.party {{ border: 1px solid #999; border-radius: 3pt; padding: 5pt 7pt; margin-bottom: 7pt; }}
.field {{ display: inline-block; margin-left: 16pt; }}
.field.wide {{ display: block; margin-left: 0; }}
.label {{ color: #444; }}
.muted {{ color: #555; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ border: 1px solid #999; padding: 3pt 4pt; text-align: right; vertical-align: top; }}
th {{ background: #e8eef8; font-weight: 700; }}
td.n, th.n {{ width: 7%; text-align: center; }}
td.m, th.m {{ width: 16%; text-align: left; white-space: nowrap; }}
th.m {{ text-align: center; white-space: normal; }}
.latin {{ white-space: nowrap; }}
.period {{ color: #444; font-size: 8.5pt; }}
tfoot td {{ font-weight: 700; background: #f4f6fa; }}
.sum {{ margin-top: 8pt; }}
.payable b {{ font-size: 11pt; }}
.stamp {{ display: inline-block; margin-top: 8pt; border: 2px solid; border-radius: 4pt; padding: 4pt 10pt; }}
.stamp.paid {{ color: #1a6b32; }}
.stamp.open {{ color: #8a5a00; }}
.stamp.void {{ color: #8b1a1a; }}
.signatures {{ display: flex; justify-content: space-around; margin-top: 28pt; color: #444; }}
.signatures div {{ border-top: 1px solid #999; padding-top: 3pt; width: 35%; text-align: center; }}
footer {{ margin-top: 16pt; font-size: 8pt; color: #555; text-align: center; }}
"""


def render(detail: queries.InvoiceDetail) -> Document:
    """The invoice's PDF."""
    content = HTML(string=render_html(detail), base_url=str(FONTS)).write_pdf()
    return Document(filename(detail.invoice.number), content)


def for_customer(client_id: int, number: int) -> Document | None:
    """A customer's own invoice by number; None for a number that is not theirs (or not there)."""
    detail = queries.get_invoice(client_id, number)
    return render(detail) if detail else None


def for_staff(number: int) -> Document | None:
    """Any customer's invoice by number, for staff who may read billing."""
    detail = queries.get_invoice(None, number)
    return render(detail) if detail else None


def attachment(invoice_id: int) -> Document:
    """The PDF of an invoice by its id, for the outbox to attach (see notify.outbox)."""
    detail = queries.get_invoice(None, invoice_id=invoice_id)
    if detail is None:
        raise LookupError(f"no invoice {invoice_id}")
    return render(detail)
