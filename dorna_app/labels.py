"""Persian words for the domain's codes: one place, so the pages and messages say the same thing."""

from __future__ import annotations

INVOICE_STATUS = {
    "unpaid": "پرداخت‌نشده",
    "paid": "پرداخت‌شده",
    "cancelled": "لغوشده",
    "refunded": "مسترد‌شده",
    "all": "همه",
}

# How a payment was made, by the payment's gateway code.
PAYMENT_GATEWAYS = {"zarinpal": "زرین‌پال", "bank_transfer": "واریز بانکی", "credit": "اعتبار حساب"}

SERVICE_STATUS = {
    "pending": "در انتظار راه‌اندازی",
    "active": "فعال",
    "suspended": "معلق",
    "terminated": "خاتمه یافته",
    "cancelled": "لغوشده",
}

SUSPENSION_REASON = {
    "non_payment": "عدم پرداخت",
    "abuse": "تخلف از قوانین",
    "other": "سایر موارد",
}

LOGIN_ERRORS = {
    "missing": "ایمیل و رمز عبور را وارد کنید.",
    "invalid": "ایمیل یا رمز عبور درست نیست.",
    "throttled": "تلاش‌های ناموفق زیاد بود. چند دقیقه بعد دوباره امتحان کنید.",
    "expired": "نشست شما به پایان رسیده است. دوباره وارد شوید.",
}

SORT_LABELS = {
    "number": "شماره",
    "issued": "تاریخ صورت‌حساب",
    "due": "تاریخ سررسید",
    "total": "مبلغ کل",
    "status": "وضعیت",
}

PAY_ERRORS = {
    "nothing_to_pay": "صورت‌حساب پرداخت‌نشده‌ای برای پرداخت نمانده است.",
    "too_small": "مبلغ کمتر از حداقل مجاز درگاه (۱٬۰۰۰ تومان) است.",
    "too_large": "مبلغ بیشتر از سقف درگاه (۱۰۰ میلیون تومان) است؛ صورت‌حساب‌ها را جداگانه پرداخت کنید.",
    "gateway_unavailable": "درگاه پرداخت در دسترس نیست. چند دقیقه دیگر دوباره تلاش کنید؛ "
                           "صورت‌حساب‌های شما همچنان قابل پرداخت است.",
    "gateway_rejected": "درگاه پرداخت درخواست را نپذیرفت. دوباره تلاش کنید یا با پشتیبانی تماس بگیرید.",
    "none_selected": "دست‌کم یک صورت‌حساب را انتخاب کنید.",
    "in_progress": "پرداخت همین صورت‌حساب‌ها در حال آماده شدن است؛ چند ثانیه دیگر دوباره بزنید.",
    "bad_amount": "مبلغ پذیرفته نیست.",
    "too_many": "در یک ساعت گذشته پرداخت‌های زیادی شروع کرده‌اید. کمی بعد دوباره تلاش کنید "
                "یا با پشتیبانی تماس بگیرید.",
}

PAYMENT_RESULT = {
    "succeeded": "پرداخت با موفقیت انجام شد",
    "pending": "پرداخت در حال بررسی است",
    "failed": "پرداخت ناموفق بود",
    "cancelled": "پرداخت لغو شد",
}

CONTACT_ERRORS = {
    "email:invalid": "ایمیل معتبر نیست؛ فقط یک نشانی مانند name@example.com بنویسید.",
    "password:required": "برای تغییر ایمیل، رمز عبور فعلی را وارد کنید.",
    "password:wrong": "رمز عبور درست نیست.",
    "mobile:invalid": "شماره موبایل باید مانند ۰۹۱۲۱۲۳۴۵۶۷ باشد.",
    "mobile:not_sent": "فرستادن پیامک به این شماره همین حالا ممکن نشد؛ کمی بعد دوباره امتحان کنید.",
}
MOBILE_CODE_SENT = "کدی به شماره {mobile} پیامک شد؛ آن را این‌جا بنویسید تا شماره تازه ثبت شود."

# The messages page: which channel, and how far delivery got.
MESSAGE_CHANNEL = {"email": "ایمیل", "sms": "پیامک"}
MESSAGE_STATUS = {
    "sent": "ارسال شد",
    "pending": "در صف ارسال",
    "sending": "در حال ارسال",
    "failed": "ارسال نشد",
}

MONTHLY = "ماهانه"
EVERY_N_MONTHS = "هر {n} ماه"
PAGING = "نمایش {first} تا {last} از مجموع {total} مورد"
PERIOD = "{start} تا {end}"
SIGNED_OUT = "از حساب خود خارج شدید."
CONTACT_SAVED = "اطلاعات تماس ذخیره شد."
NO_MOBILE = "شماره موبایلی ثبت نشده است؛ تأیید پرداخت و یادآوری‌ها فقط با ایمیل فرستاده می‌شود."
EMAIL_CHANGE_SENT = "پیوند تأیید به {email} فرستاده شد. ایمیل حساب پس از باز کردن آن پیوند عوض می‌شود."
EMAIL_CHANGE_RESULT = {
    "changed": "ایمیل حساب شما تغییر کرد.",
    "invalid": "پیوند تأیید معتبر نیست یا منقضی شده است. دوباره درخواست دهید.",
    "unavailable": "این ایمیل را نمی‌توان برای حساب شما ثبت کرد. ایمیل دیگری وارد کنید.",
}

# What the event guard and the error handler say instead of doing the work.
BACKEND_ERROR = "مشکلی پیش آمد و کار انجام نشد. لطفاً دوباره تلاش کنید؛ اگر تکرار شد با پشتیبانی تماس بگیرید."
REQUEST_TOO_LARGE = "درخواست بیش از حد بزرگ بود و انجام نشد."
TOO_MANY_REQUESTS = "درخواست‌ها بیش از حد سریع بود. چند ثانیه صبر کنید و دوباره تلاش کنید."

# The staff face.
STAFF_FORBIDDEN = "نقش شما اجازه این کار را نمی‌دهد."

# A ticket's status as the customer reads it (whose turn it is, from their side) and as staff do.
TICKET_STATUS_CUSTOMER = {
    "open": "باز",
    "answered": "پاسخ داده شده",
    "customer_reply": "در انتظار پاسخ پشتیبانی",
    "closed": "بسته",
}
TICKET_STATUS_STAFF = {
    "open": "باز",
    "answered": "پاسخ داده شده",
    "customer_reply": "پاسخ مشتری",
    "closed": "بسته",
}
TICKET_PRIORITY = {"low": "کم", "normal": "معمولی", "high": "زیاد", "urgent": "فوری"}
