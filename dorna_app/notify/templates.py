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
    started: bool = False  # on a panel: started for the customer after the unsuspension


@dataclass(frozen=True)
class PaymentConfirmation:
    customer_name: str
    amount_rial: int
    ref_id: str
    card_pan: str | None
    invoices: list[tuple[int, int]]  # (number, amount_rial)
    renewed: list[RenewedLine]
    credited_rial: int = 0
    from_credit_rial: int = 0  # the wallet's part of the payment
    balance_rial: int | None = None  # the wallet's balance after it (said when the wallet was used)
    topup_rial: int = 0  # funds added to the wallet (no invoices)
    official_attached: bool = False  # the paid invoices' official PDFs go with the e-mail


OFFICIAL_LINE = "صورت‌حساب رسمی (PDF) پیوست همین ایمیل است."


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


STARTED_LINE = ("از تعلیق خارج شد و خودکار روشن می‌شود؛ اگر تا چند دقیقه در دسترس نبود، از صفحه سرویس "
                "آن را روشن کنید یا تیکت بفرستید.")


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


def _wallet_lines(data: PaymentConfirmation) -> list[str]:
    if data.topup_rial:
        return [f"مبلغ {fa.toman(data.topup_rial)} به اعتبار حساب شما افزوده شد.",
                f"شماره پیگیری: {fa.digits(data.ref_id)}"]
    if not data.amount_rial:
        return [f"صورت‌حساب‌ها به مبلغ {fa.toman(data.from_credit_rial)} از اعتبار حساب شما پرداخت شد."]
    lines = [f"پرداخت شما به مبلغ {fa.toman(data.amount_rial)} با موفقیت انجام شد.",
             f"شماره پیگیری: {fa.digits(data.ref_id)}"]
    if data.from_credit_rial:
        lines.insert(1, f"مبلغ {fa.toman(data.from_credit_rial)} هم از اعتبار حساب شما برداشته شد.")
    return lines


def payment_email(data: PaymentConfirmation) -> Rendered:
    """The payment-confirmation e-mail: invoices, amount, ref id, each renewed server's new due date;
    or the funds added to the wallet."""
    numbers = "، ".join(fa.digits(n) for n, _ in data.invoices)
    subject = "افزایش اعتبار حساب" if data.topup_rial else f"تأیید پرداخت صورت‌حساب شماره {numbers}"
    greeting = f"{data.customer_name} عزیز،" if data.customer_name else "مشتری گرامی،"
    lines = [greeting, "", *_wallet_lines(data)]
    if data.balance_rial is not None and (data.topup_rial or data.from_credit_rial):
        lines.append(f"موجودی اعتبار شما: {fa.toman(data.balance_rial)}")
    wallet_lines = lines[2:]
    if data.card_pan:
        lines.append(f"کارت: \u2066{fa.digits(data.card_pan)}\u2069")  # kept left-to-right inside Persian text
    if data.invoices:
        lines += ["", "صورت‌حساب‌های پرداخت‌شده:"]
        lines += [f"  شماره {fa.digits(n)} — {fa.toman(amount)}" for n, amount in data.invoices]
    if data.renewed:
        lines += ["", "سرورهای تمدیدشده:"]
        for r in data.renewed:
            line = f"  {r.service_name}: سررسید بعدی {fa.jalali_long(r.new_due_date)} ({fa.jalali(r.new_due_date)})"
            if r.unsuspended and r.started:
                line += f" — {STARTED_LINE}"
            elif r.unsuspended:
                line += " — از تعلیق خارج شد؛ لطفاً سرور را یک بار راه‌اندازی مجدد کنید."
            lines.append(line)
    if data.credited_rial:
        lines += ["", f"مبلغ {fa.toman(data.credited_rial)} به اعتبار حساب شما افزوده شد."]
    if data.official_attached:
        lines += ["", OFFICIAL_LINE]
    lines += ["", "نیازی به ارسال رسید یا تماس با پشتیبانی نیست."]
    rows = "".join(
        f'<tr><td style="padding:6px;border-bottom:1px solid #eee">شماره {fa.digits(n)}</td>'
        f'<td style="padding:6px;border-bottom:1px solid #eee">{fa.toman(amount)}</td></tr>'
        for n, amount in data.invoices)
    renewed = "".join(
        f"<li>{html.escape(r.service_name)}: سررسید بعدی <b>{fa.jalali_long(r.new_due_date)}</b>"
        + (f" — <b>{STARTED_LINE}</b>" if r.unsuspended and r.started else
           " — <b>از تعلیق خارج شد؛ لطفاً سرور را راه‌اندازی مجدد کنید.</b>" if r.unsuspended else "") + "</li>"
        for r in data.renewed)
    inner = (
        f"<p>{html.escape(greeting)}</p>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in wallet_lines)
        + (f'<table style="width:100%;border-collapse:collapse">{rows}</table>' if rows else "")
        + (f"<h3>سرورهای تمدیدشده</h3><ul>{renewed}</ul>" if renewed else "")
        + (f"<p>مبلغ {fa.toman(data.credited_rial)} به اعتبار حساب شما افزوده شد.</p>" if data.credited_rial else "")
        + (f"<p>{OFFICIAL_LINE}</p>" if data.official_attached else "")
        + "<p>نیازی به ارسال رسید یا تماس با پشتیبانی نیست.</p>"
    )
    return Rendered(subject, "\n".join(lines), _html_page(subject, inner))


def payment_sms(data: PaymentConfirmation) -> str:
    """Short and complete: amount, ref id, the next due date (one SMS page where possible)."""
    if data.topup_rial:
        return (f"درنا سرور: {fa.toman(data.topup_rial)} به اعتبار شما افزوده شد؛ موجودی "
                f"{fa.toman(data.balance_rial or 0)}. کد پیگیری {fa.digits(data.ref_id)}.")
    if data.amount_rial:
        text = f"درنا سرور: پرداخت {fa.toman(data.amount_rial)} انجام شد. کد پیگیری {fa.digits(data.ref_id)}."
    else:
        text = f"درنا سرور: {fa.toman(data.from_credit_rial)} از اعتبار شما برای صورت‌حساب پرداخت شد."
    # Each renewed server with its own next due date; a server that came out of suspension is named.
    for line in data.renewed:
        text += f" «{line.service_name}» تا {fa.jalali(line.new_due_date)} تمدید شد."
    started = [line.service_name for line in data.renewed if line.unsuspended and line.started]
    if started:
        text += " سرور " + "، ".join(f"«{name}»" for name in started) + " از تعلیق خارج و روشن می‌شود."
    restart = [line.service_name for line in data.renewed if line.unsuspended and not line.started]
    if restart:
        text += " سرور " + "، ".join(f"«{name}»" for name in restart) + " را یک بار راه‌اندازی مجدد کنید."
    return text


@dataclass(frozen=True)
class InvoiceNotice:
    customer_name: str
    number: int
    total_rial: int
    due_on: date
    service_name: str | None = None
    days: int = 0  # days before (reminder) or after (overdue) the due date
    vat_rial: int = 0  # the value-added tax inside total_rial


def _amount(total_rial: int, vat_rial: int) -> str:
    """An invoice's amount as messages say it: the total, and the VAT in it when there is any."""
    if not vat_rial:
        return fa.toman(total_rial)
    return f"{fa.toman(total_rial)} (شامل {fa.toman(vat_rial)} مالیات بر ارزش افزوده)"


def _greeting(name: str) -> str:
    return f"{name} عزیز،" if name else "مشتری گرامی،"


def _simple_email(subject: str, name: str, paragraphs: list[str]) -> Rendered:
    text = "\n\n".join([_greeting(name), *paragraphs])
    inner = "".join(f"<p>{html.escape(p)}</p>" for p in [_greeting(name), *paragraphs])
    return Rendered(subject, text, _html_page(subject, inner))


def invoice_issued_email(n: InvoiceNotice, pay_url: str) -> Rendered:
    what = f" برای تمدید «{n.service_name}»" if n.service_name else ""
    return _simple_email(
        f"صورت‌حساب جدید شماره {fa.digits(n.number)}", n.customer_name,
        [f"صورت‌حساب شماره {fa.digits(n.number)}{what} به مبلغ {_amount(n.total_rial, n.vat_rial)} صادر شد.",
         f"سررسید: {fa.jalali_long(n.due_on)} ({fa.jalali(n.due_on)}).",
         f"پرداخت آنلاین در ناحیه کاربری: {pay_url}",
         "پس از پرداخت، سرویس خودکار تمدید می‌شود و نیازی به ارسال رسید نیست."])


def invoice_issued_sms(n: InvoiceNotice) -> str:
    vat = " با ارزش افزوده" if n.vat_rial else ""
    return (f"درنا سرور: صورت‌حساب شماره {fa.digits(n.number)} به مبلغ {fa.toman(n.total_rial)}{vat} "
            f"با سررسید {fa.jalali(n.due_on)} صادر شد.")


def quote_email(customer_name: str, quote_id: int, subject: str, total_rial: int, valid_until: date,
                url: str, vat_rial: int = 0) -> Rendered:
    """`total_rial` is the quote's price; `vat_rial` the tax its invoice will add at today's rate."""
    price = fa.toman(total_rial)
    if vat_rial:
        price += (f" به‌علاوهٔ {fa.toman(vat_rial)} مالیات بر ارزش افزوده"
                  f" (قابل پرداخت: {fa.toman(total_rial + vat_rial)})")
    return _simple_email(
        f"پیش‌فاکتور شماره {fa.digits(quote_id)}: {subject}", customer_name,
        [f"پیش‌فاکتور «{subject}» به مبلغ {price} برای شما صادر شد.",
         f"اعتبار تا {fa.jalali_long(valid_until)} ({fa.jalali(valid_until)}).",
         f"برای دیدن، پذیرفتن یا رد آن به ناحیه کاربری بروید: {url}",
         "با پذیرفتن پیش‌فاکتور، صورت‌حساب آن صادر می‌شود و مانند هر صورت‌حساب دیگری پرداخت می‌شود."])


def quote_sms(quote_id: int, total_rial: int, valid_until: date) -> str:
    return (f"درنا سرور: پیش‌فاکتور شماره {fa.digits(quote_id)} به مبلغ {fa.toman(total_rial)} "
            f"تا {fa.jalali(valid_until)} معتبر است؛ در ناحیه کاربری ببینید.")


def reminder_email(n: InvoiceNotice, pay_url: str) -> Rendered:
    if n.days > 0:
        # Never two numbers side by side: a header encoder may drop the space between them.
        subject = f"صورت‌حساب شماره {fa.digits(n.number)}: {fa.count_words(n.days)} روز تا سررسید"
        first = (f"سررسید صورت‌حساب شماره {fa.digits(n.number)} به مبلغ {_amount(n.total_rial, n.vat_rial)} "
                 f"{fa.jalali_long(n.due_on)} است.")
    else:
        subject = f"صورت‌حساب شماره {fa.digits(n.number)} سررسید شده است"
        first = (f"صورت‌حساب شماره {fa.digits(n.number)} به مبلغ {_amount(n.total_rial, n.vat_rial)} از "
                 f"{fa.jalali_long(n.due_on)} "
                 "سررسید شده و هنوز پرداخت‌نشده است. برای جلوگیری از تعلیق سرویس، آن را پرداخت کنید.")
    return _simple_email(subject, n.customer_name, [first, f"پرداخت آنلاین: {pay_url}"])


def reminder_sms(n: InvoiceNotice) -> str:
    if n.days > 0:
        return (f"درنا سرور: صورت‌حساب شماره {fa.digits(n.number)} ({fa.toman(n.total_rial)}) "
                f"{fa.count_words(n.days)} روز دیگر سررسید می‌شود.")
    return (f"درنا سرور: صورت‌حساب شماره {fa.digits(n.number)} ({fa.toman(n.total_rial)}) سررسید شده است؛ "
            "برای جلوگیری از تعلیق پرداخت کنید.")


def suspended_email(name: str, service_name: str, pay_url: str) -> Rendered:
    return _simple_email(
        f"تعلیق سرویس «{service_name}»", name,
        [f"سرویس «{service_name}» به دلیل عدم پرداخت صورت‌حساب معلق شد.",
         f"با پرداخت صورت‌حساب در ناحیه کاربری، سرویس خودکار فعال می‌شود: {pay_url}",
         "پس از فعال شدن، سرور را یک بار راه‌اندازی مجدد کنید."])


def suspended_sms(service_name: str) -> str:
    return f"درنا سرور: سرویس «{service_name}» به دلیل عدم پرداخت معلق شد. با پرداخت آنلاین خودکار فعال می‌شود."


def email_change_confirm_email(name: str, new_email: str, link: str) -> Rendered:
    """Sent to the NEW address: only its owner can finish the change."""
    return _simple_email(
        "تأیید ایمیل جدید حساب درنا سرور", name,
        [f"درخواست شده است که ایمیل حساب شما در ناحیه کاربری به {new_email} تغییر کند.",
         f"برای تأیید، این پیوند را باز کنید (تا ۲۴ ساعت معتبر است): {link}",
         "اگر شما این درخواست را نداده‌اید، این ایمیل را نادیده بگیرید؛ چیزی تغییر نمی‌کند."])


def email_change_notice_email(name: str, new_email: str) -> Rendered:
    """Sent to the OLD address, so a stolen session cannot move the account quietly."""
    return _simple_email(
        "درخواست تغییر ایمیل حساب درنا سرور", name,
        [f"درخواستی برای تغییر ایمیل حساب شما به {new_email} ثبت شد. پس از تأیید در ایمیل جدید، "
         "رسیدها و یادآوری‌ها به آن فرستاده می‌شود.",
         "اگر این درخواست از طرف شما نبوده است، رمز عبور خود را عوض کنید و با پشتیبانی تماس بگیرید."])


def _quoted(body: str) -> str:
    """A ticket message inside an e-mail: escaped, its line breaks kept, set off from the letter."""
    return ('<div style="border-inline-start:3px solid #c9d3e6;padding:4px 12px;margin:12px 0;white-space:pre-wrap">'
            f"{html.escape(body)}</div>")


def ticket_reply_email(name: str, ticket_id: int, subject: str, body: str, url: str) -> Rendered:
    """Staff answered: the reply itself, and where to answer it (never by replying to the e-mail)."""
    title = f"پاسخ به تیکت شماره {fa.digits(ticket_id)}: {subject}"
    intro = f"به تیکت شما با موضوع «{subject}» پاسخ داده شد:"
    after = f"برای پاسخ یا بستن تیکت به ناحیه کاربری بروید: {url}"
    text = "\n\n".join([_greeting(name), intro, body, after])
    inner = (f"<p>{html.escape(_greeting(name))}</p><p>{html.escape(intro)}</p>{_quoted(body)}"
             f'<p><a href="{html.escape(url, quote=True)}">دیدن تیکت و پاسخ در ناحیه کاربری</a></p>')
    return Rendered(title, text, _html_page(title, inner))


def ticket_reply_sms(ticket_id: int) -> str:
    return f"درنا سرور: به تیکت شماره {fa.digits(ticket_id)} شما پاسخ داده شد؛ در ناحیه کاربری ببینید."


def ticket_for_department_email(department: str, ticket_id: int, subject: str, customer: str, body: str, url: str,
                                *, new: bool) -> Rendered:
    """To the department's address: a new ticket, or the customer's reply to one."""
    what = "تیکت تازه" if new else "پاسخ مشتری"
    title = f"{what} در بخش {department} — شماره {fa.digits(ticket_id)}: {subject}"
    text = "\n\n".join([f"{what} از {customer}:", body, f"پاسخ در بخش کارکنان: {url}"])
    inner = (f"<p>{html.escape(what)} از <bdi>{html.escape(customer)}</bdi>:</p>{_quoted(body)}"
             f'<p><a href="{html.escape(url, quote=True)}">پاسخ در بخش کارکنان</a></p>')
    return Rendered(title, text, _html_page(title, inner))


def ticket_closed_email(name: str, ticket_id: int, subject: str, days: int, url: str) -> Rendered:
    return _simple_email(
        f"تیکت شماره {fa.digits(ticket_id)} بسته شد", name,
        [f"تیکت «{subject}» پس از {fa.count_words(days)} روز بی‌پاسخ ماندن از سوی شما بسته شد.",
         f"اگر مشکل هنوز هست، کافی است در همان تیکت پاسخ بنویسید تا دوباره باز شود: {url}"])


def password_reset_email(name: str, link: str, minutes: int) -> Rendered:
    return _simple_email(
        "بازیابی رمز عبور ناحیه کاربری", name,
        ["برای حساب شما درخواست تعیین رمز عبور تازه شد. برای گذاشتن رمز تازه این پیوند را باز کنید:", link,
         f"پیوند تا {fa.count_words(minutes)} دقیقه و فقط یک بار کار می‌کند. اگر شما درخواست نکرده‌اید، این "
         "ایمیل را نادیده بگیرید؛ رمز فعلی‌تان تغییر نمی‌کند."])
