"""Persian presentation: digits, Toman amounts, Jalali dates and phrases. Used only at the screen's edge.

The domain speaks integer Rial and Gregorian dates; everything a person reads passes through here.
Grouping follows babel's `fa` locale (Arabic thousands separator ٬); digits become Persian.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import jdatetime
from babel.numbers import format_decimal

_TO_FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII, and Arabic letters to their Persian forms.
_TO_ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_ARABIC_TO_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})
RIAL_PER_TOMAN = 10
TEHRAN = ZoneInfo("Asia/Tehran")


def digits(value: object) -> str:
    """Any text with its Latin digits turned into Persian ones."""
    return str(value).translate(_TO_FA)


def normalize_digits(text: str) -> str:
    """Persian or Arabic-Indic digits to ASCII, so typed numbers compare with stored ones."""
    return text.translate(_TO_ASCII_DIGITS)


def persian_letters(text: str) -> str:
    """Arabic ي and ك (from an Arabic keyboard layout) as Persian ی and ک; everything else as typed."""
    return text.translate(_ARABIC_TO_PERSIAN_LETTERS)


def normalize_text(text: str) -> str:
    """What a person typed, made comparable: ASCII digits, Persian ی and ک, trimmed, folded case."""
    cleaned = normalize_digits(text).translate(_ARABIC_TO_PERSIAN_LETTERS)
    return " ".join(cleaned.replace("\u200c", " ").split()).casefold()


def number(value: int) -> str:
    """A whole number grouped the Persian way: 356500 -> ۳۵۶٬۵۰۰."""
    return digits(format_decimal(value, locale="fa", numbering_system="default")).replace("\u200e", "")


def toman_amount(rial: int) -> str:
    """A Rial amount shown in Toman, without the unit: 3565000 -> ۳۵۶٬۵۰۰.

    A Rial amount that is not a whole number of Toman keeps its one decimal (۱۲٫۵) rather than
    being rounded, so the screen never disagrees with what the gateway charges.
    """
    whole, rest = divmod(abs(rial), RIAL_PER_TOMAN)
    sign = "-" if rial < 0 else ""
    if rest == 0:
        return sign + number(whole)
    return sign + number(whole) + "٫" + digits(rest)


def toman(rial: int) -> str:
    """A Rial amount as Toman with its unit: 3565000 -> ۳۵۶٬۵۰۰ تومان."""
    return f"{toman_amount(rial)} تومان"


def _jalali(day: date | datetime) -> jdatetime.date:
    if isinstance(day, datetime):
        day = day.date()
    return jdatetime.date.fromgregorian(date=day)


def jalali(day: date | datetime | None) -> str:
    """A date as Jalali numbers: 2026-11-25 -> ۱۴۰۵/۰۹/۰۴ (an empty string for no date)."""
    if day is None:
        return ""
    j = _jalali(day)
    return digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def jalali_long(day: date | datetime | None) -> str:
    """A date in words: 2026-11-25 -> ۴ آذر ۱۴۰۵."""
    if day is None:
        return ""
    j = _jalali(day)
    return f"{digits(j.day)} {jdatetime.date.j_months_fa[j.month - 1]} {digits(j.year)}"


def jalali_datetime(moment: datetime | None) -> str:
    """An aware moment as Tehran's Jalali date and 24-hour time: ۱۴۰۵/۰۹/۰۴ ساعت ۱۴:۰۵."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(TEHRAN)
    return f"{jalali(moment)} ساعت {digits(moment.strftime('%H:%M'))}"


def days_phrase(due: date, today: date) -> str:
    """How far a due date is: «۳ روز مانده», «امروز», «فردا», «۵ روز گذشته»."""
    delta = (due - today).days
    if delta == 0:
        return "امروز"
    if delta == 1:
        return "فردا"
    if delta > 1:
        return f"{digits(delta)} روز مانده"
    if delta == -1:
        return "دیروز"
    return f"{digits(-delta)} روز گذشته"


_SMALL_COUNTS = ("صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده")


def count_words(n: int) -> str:
    """A small count in words (دو روز), so it never stands beside another number; larger ones in digits."""
    return _SMALL_COUNTS[n] if 0 <= n < len(_SMALL_COUNTS) else digits(n)


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9._\-+/@:]*(?:\s+[A-Za-z0-9][A-Za-z0-9._\-+/@:]*)*")


def isolate_latin(text: str) -> str:
    """Wrap each Latin run (VPS-Start, a domain, an e-mail) in Unicode isolates so it keeps its own
    order inside a right-to-left sentence: «VPS-Start ۱ هسته» no longer reads «۱ VPS-Start هسته»."""
    return _LATIN_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", text)


def elapsed(seconds: float) -> str:
    """How long, roughly, in Persian: «۵ دقیقه», «۳ ساعت», «۲ روز» (a queue's waiting time)."""
    minutes = max(0, int(seconds // 60))
    if minutes < 1:
        return "کمتر از یک دقیقه"
    if minutes < 60:
        return f"{digits(minutes)} دقیقه"
    if minutes < 48 * 60:
        return f"{digits(minutes // 60)} ساعت"
    return f"{digits(minutes // (24 * 60))} روز"


def file_size(size: int) -> str:
    """A file's size as people read it: «۳۴۰ کیلوبایت», «۱٫۲ مگابایت»."""
    if size < 1024:
        return f"{digits(size)} بایت"
    if size < 1024 * 1024:
        return f"{digits(max(1, round(size / 1024)))} کیلوبایت"
    return f"{digits(f'{size / (1024 * 1024):.1f}').replace('.', '٫')} مگابایت"
