"""Reading numbers and the session cookie from what a browser sends."""

import pytest

from dorna_app.state.base import int_param as _int_param
from dorna_app.state.base import session_token as _session_token


@pytest.mark.parametrize(("raw", "expected"), [
    ("12", 12), ("۱۲", 12), ("١٢", 12), (" 7 ", 7), ("", 1), (None, 1), ("-3", 1), ("1e3", 1), ("abc", 1),
    ("9" * 40, 1),
])
def test_int_param(raw, expected):
    assert _int_param(raw, 1) == expected


def test_session_token_from_cookie_header():
    assert _session_token("a=1; dorna_session=tok123; b=2") == "tok123"
    assert _session_token("") is None
    _session_token("bad\"cookie; =;;")  # malformed headers never raise


def test_staff_see_the_buyer_of_official_invoices_in_one_line():
    from dorna_app.state.staff import buyer_summary

    empty = {"type": "individual", "name": "سارا کریمی", "national_id": "", "company_id": "", "economic_code": "",
             "postal_code": "", "address": ""}
    assert buyer_summary(empty) == "صورت‌حساب رسمی: اطلاعات خریدار ثبت نشده است."
    legal = {**empty, "type": "legal", "name": "شرکت نمونه", "company_id": "10320456783", "postal_code": "1234567890"}
    assert buyer_summary(legal) == ("صورت‌حساب رسمی (شخص حقوقی): شرکت نمونه — شناسه ملی ۱۰۳۲۰۴۵۶۷۸۳، "
                                    "کد پستی ۱۲۳۴۵۶۷۸۹۰")
