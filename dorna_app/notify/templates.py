"""What the messages say: Persian, with Persian digits, Toman amounts and Jalali dates.

One place for the wording of every e-mail and SMS, so the domain only names a kind of message.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from dorna_app import fa


@dataclass(frozen=True)
class RenewedLine:
    service_name: str
    new_due_date: date
    unsuspended: bool


@dataclass(frozen=True)
class PaymentConfirmation:
    customer_name: str
    amount_rial: int
    ref_id: str
    card_pan: str | None
    invoices: list[tuple[int, int]]  # (number, amount_rial)
    renewed: list[RenewedLine]
    credited_rial: int = 0


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _html_page(title: str, inner: str) -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        '<body style="direction:rtl;text-align:right;font-family:Vazirmatn,Tahoma,sans-serif;'
        'background:#f3f5f9;margin:0;padding:16px;color:#1c2434">'
        '<div style="max-width:560px;margin:auto;background:#fff;border-radius:12px;padding:20px">'
        f'<h2 style="color:#0b3d91;margin-top:0">{html.escape(title)}</h2>{inner}'
        '<p style="color:#778;font-size:12px;margin-top:24px">درنا سرور — ناحیه کاربری</p>'
        "</div></body></html>"
    )


def payment_email(data: PaymentConfirmation) -> Rendered:
    """The payment-confirmation e-mail: invoices, amount, ref id, each renewed server's new due date."""
    numbers = "، ".join(fa.digits(n) for n, _ in data.invoices)
    subject = f"تأیید پرداخت صورتحساب {numbers}"
    greeting = f"{data.customer_name} عزیز،" if data.customer_name else "مشتری گرامی،"
    lines = [greeting, "", f"پرداخت شما به مبلغ {fa.toman(data.amount_rial)} با موفقیت انجام شد.",
             f"شماره پیگیری: {fa.digits(data.ref_id)}"]
    if data.card_pan:
        lines.append(f"کارت: {data.card_pan}")
    lines += ["", "صورتحساب‌های پرداخت‌شده:"]
    lines += [f"  #{fa.digits(n)} — {fa.toman(amount)}" for n, amount in data.invoices]
    if data.renewed:
        lines += ["", "سرورهای تمدیدشده:"]
        for r in data.renewed:
            line = f"  {r.service_name}: سررسید بعدی {fa.jalali_long(r.new_due_date)} ({fa.jalali(r.new_due_date)})"
            if r.unsuspended:
                line += " — از تعلیق خارج شد؛ لطفاً سرور را یک بار ری‌استارت کنید."
            lines.append(line)
    if data.credited_rial:
        lines += ["", f"مبلغ {fa.toman(data.credited_rial)} به اعتبار حساب شما افزوده شد."]
    lines += ["", "نیازی به ارسال رسید یا تماس با پشتیبانی نیست."]
    rows = "".join(
        f'<tr><td style="padding:6px;border-bottom:1px solid #eee">#{fa.digits(n)}</td>'
        f'<td style="padding:6px;border-bottom:1px solid #eee">{fa.toman(amount)}</td></tr>'
        for n, amount in data.invoices)
    renewed = "".join(
        f"<li>{html.escape(r.service_name)}: سررسید بعدی <b>{fa.jalali_long(r.new_due_date)}</b>"
        + (" — <b>از تعلیق خارج شد؛ لطفاً سرور را ری‌استارت کنید.</b>" if r.unsuspended else "") + "</li>"
        for r in data.renewed)
    inner = (
        f"<p>{html.escape(greeting)}</p>"
        f"<p>پرداخت شما به مبلغ <b>{fa.toman(data.amount_rial)}</b> با موفقیت انجام شد.</p>"
        f"<p>شماره پیگیری: <b>{fa.digits(data.ref_id)}</b></p>"
        f'<table style="width:100%;border-collapse:collapse">{rows}</table>'
        + (f"<h3>سرورهای تمدیدشده</h3><ul>{renewed}</ul>" if renewed else "")
        + (f"<p>مبلغ {fa.toman(data.credited_rial)} به اعتبار حساب شما افزوده شد.</p>" if data.credited_rial else "")
        + "<p>نیازی به ارسال رسید یا تماس با پشتیبانی نیست.</p>"
    )
    return Rendered(subject, "\n".join(lines), _html_page(subject, inner))


def payment_sms(data: PaymentConfirmation) -> str:
    """Short and complete: amount, ref id, the next due date (one SMS page where possible)."""
    text = f"درنا سرور: پرداخت {fa.toman(data.amount_rial)} انجام شد. کد پیگیری {fa.digits(data.ref_id)}."
    if data.renewed:
        soonest = min(r.new_due_date for r in data.renewed)
        text += f" سررسید بعدی {fa.jalali(soonest)}."
    if any(r.unsuspended for r in data.renewed):
        text += " سرور را ری‌استارت کنید."
    return text
