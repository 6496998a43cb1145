"""Persian words for the domain's codes: one place, so the pages and messages say the same thing."""

from __future__ import annotations

INVOICE_STATUS = {
    "unpaid": "پرداخت نشده",
    "paid": "پرداخت شده",
    "cancelled": "لغو شده",
    "refunded": "پس داده شده",
    "all": "همه",
}

SERVICE_STATUS = {
    "pending": "در انتظار راه‌اندازی",
    "active": "فعال",
    "suspended": "معلق",
    "terminated": "خاتمه یافته",
    "cancelled": "لغو شده",
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
    "number": "#",
    "issued": "تاریخ صورتحساب",
    "due": "تاریخ سررسید",
    "total": "کل",
    "status": "وضعیت",
}
