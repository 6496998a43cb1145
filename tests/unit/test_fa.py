"""Persian presentation: digits, Toman, Jalali dates, phrases, and normalising what people type."""

from datetime import UTC, date, datetime

import pytest

from dorna_app import fa


def test_digits_are_persian():
    assert fa.digits("1523") == "۱۵۲۳"
    assert fa.digits(0) == "۰"


@pytest.mark.parametrize(
    ("rial", "expected"),
    [
        (0, "۰ تومان"),
        (10, "۱ تومان"),
        (3_565_000, "۳۵۶٬۵۰۰ تومان"),
        (4_445_000, "۴۴۴٬۵۰۰ تومان"),
        (1_000_000_000_000, "۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان"),
        (125, "۱۲٫۵ تومان"),
        (-5_000, "-۵۰۰ تومان"),
    ],
)
def test_toman_from_rial(rial, expected):
    assert fa.toman(rial) == expected


def test_number_grouping_has_no_latin_digits_or_marks():
    text = fa.number(1234567)
    assert text == "۱٬۲۳۴٬۵۶۷"
    assert not any(ch.isascii() and ch.isdigit() for ch in text)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 25), "۱۴۰۵/۰۹/۰۴"),
        (date(2026, 3, 20), "۱۴۰۴/۱۲/۲۹"),  # last day of 1404 (not a leap year)
        (date(2026, 3, 21), "۱۴۰۵/۰۱/۰۱"),  # Nowruz
        (date(2025, 3, 20), "۱۴۰۳/۱۲/۳۰"),  # 1403 is a leap year: Esfand has 30 days
        (date(2025, 9, 22), "۱۴۰۴/۰۶/۳۱"),  # Shahrivar has 31 days
        (date(2025, 10, 22), "۱۴۰۴/۰۷/۳۰"),  # Mehr has 30
    ],
)
def test_jalali_edges(day, expected):
    assert fa.jalali(day) == expected


def test_jalali_long_and_none():
    assert fa.jalali_long(date(2026, 11, 25)) == "۴ آذر ۱۴۰۵"
    assert fa.jalali(None) == ""


def test_jalali_datetime_is_tehran_time():
    # 20:45 UTC on 2026-03-20 is 00:15 on 1 Farvardin 1405 in Tehran (UTC+3:30).
    moment = datetime(2026, 3, 20, 20, 45, tzinfo=UTC)
    assert fa.jalali_datetime(moment) == "۱۴۰۵/۰۱/۰۱ ساعت ۰۰:۱۵"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [(0, "امروز"), (1, "فردا"), (3, "۳ روز مانده"), (-1, "دیروز"), (-15, "۱۵ روز گذشته")],
)
def test_days_phrase(delta, expected):
    today = date(2026, 11, 25)
    assert fa.days_phrase(date.fromordinal(today.toordinal() + delta), today) == expected


def test_normalize_text_folds_arabic_letters_and_digits():
    assert fa.normalize_text("  كيان ۱۵٢۳ ") == "کیان 1523"
    assert fa.normalize_digits("۰۹۱۲") == "0912"


def test_latin_runs_are_isolated_inside_persian_text():
    assert fa.isolate_latin("VPS-Start ۱ هسته / ۱ گیگ") == "\u2066VPS-Start\u2069 ۱ هسته / ۱ گیگ"
    assert fa.isolate_latin("ثبت دامنه dornaserver-demo.ir") == "ثبت دامنه \u2066dornaserver-demo.ir\u2069"
    assert fa.isolate_latin("سرور مجازی") == "سرور مجازی"


def test_small_counts_are_words_so_two_numbers_never_touch():
    assert fa.count_words(2) == "دو" and fa.count_words(0) == "صفر" and fa.count_words(15) == "۱۵"
