"""Every Persian string the app shows or sends follows specs/persian-style.md: one spelling per term,
نیم‌فاصله where it belongs, ی and ک only; and every message's subject survives the real e-mail encoder."""

from __future__ import annotations

import ast
import re
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from dorna_app.notify import templates
from dorna_app.notify.email import build_message
from dorna_app.settings import PROJECT_ROOT

APP = PROJECT_ROOT / "dorna_app"
PERSIAN = re.compile(r"[\u0600-\u06FF]")
WRONG = {
    r"صورتحساب|صورت حساب": "صورت‌حساب",
    r"پرداخت نشده": "پرداخت‌نشده",
    r"پرداخت شده(?!‌اند| بود| است)": "پرداخت‌شده (a status)",
    r"لغو شده|پس داده شده": "لغوشده / مسترد‌شده",
    r"مظنه|نقل قول": "پیش‌فاکتور",
    r"(?<=[\u0600-\u06FF]) (?:ها|های|هایی)(?![\u0600-\u06FF])": "a نیم‌فاصله before ها/های",
    r"(?<![\u0600-\u06FF])(?:ن?می) (?=[\u0600-\u06FF])": "a نیم‌فاصله after می/نمی",
    r"[\u064A\u0643]": "ی and ک, not Arabic ي ك",
    r"ری‌استارت": "راه‌اندازی مجدد",
    r"از مجموع .* مقدار": "مورد",
    r"(?<!مبلغ )(?<![\u0600-\u06FF])کل(?![\u0600-\u06FF])": "مبلغ کل",
}


def _checked_modules() -> list[Path]:
    """Every module of the app but the stand-ins (they play other companies' pages) and fa.py (its
    tables map the Arabic letters people type to Persian ones)."""
    return [path for path in sorted(APP.rglob("*.py"))
            if "sandbox" not in path.parts and path.name != "fa.py"]


def _docstrings() -> set[int]:
    ids = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    ids.add(hash((path, first.value.lineno, first.value.value)))
    return ids


NOTICE = templates.InvoiceNotice("مریم رضایی", 1540, 1_620_000, date(2026, 12, 1), "VPS-Start", days=2)
OVERDUE = templates.InvoiceNotice("مریم رضایی", 1141, 705_000, date(2026, 11, 1), None, days=-3)
PAYMENT = templates.PaymentConfirmation(
    "مریم رضایی", 2_445_000, "201427151", "6037-99**-****-5678", [(1136, 500_000), (1523, 1_620_000)],
    [templates.RenewedLine("سرور اقتصادی", date(2027, 1, 1), True),
     templates.RenewedLine("سرور حرفه‌ای", date(2027, 1, 15), False),
     templates.RenewedLine("سرور ذخیره‌سازی", date(2027, 2, 1), True)], credited_rial=100_000)
EMAILS = {
    "payment": templates.payment_email(PAYMENT),
    "invoice_issued": templates.invoice_issued_email(NOTICE, "https://my.dornaserver.ir/invoices/1540"),
    "reminder_before": templates.reminder_email(NOTICE, "https://my.dornaserver.ir/invoices/1540"),
    "reminder_after": templates.reminder_email(OVERDUE, "https://my.dornaserver.ir/invoices/1141"),
    "suspended": templates.suspended_email("مریم", "سرور اقتصادی", "https://my.dornaserver.ir/"),
    "email_change_confirm": templates.email_change_confirm_email("مریم", "new@example.com", "https://x.ir/a?t=1"),
    "email_change_notice": templates.email_change_notice_email("مریم", "new@example.com"),
}
SMS = {
    "payment": templates.payment_sms(PAYMENT),
    "invoice_issued": templates.invoice_issued_sms(NOTICE),
    "reminder_before": templates.reminder_sms(NOTICE),
    "reminder_after": templates.reminder_sms(OVERDUE),
    "suspended": templates.suspended_sms("سرور اقتصادی"),
}


def _violations(where: str, text: str) -> list[str]:
    return [f"{where}: «{text[:80]}» wants {fix}" for pattern, fix in WRONG.items() if re.search(pattern, text)]


def test_every_string_on_the_pages_follows_the_style_guide():
    docstrings = _docstrings()
    problems = []
    for path in _checked_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and PERSIAN.search(node.value):
                if hash((path, node.lineno, node.value)) in docstrings:
                    continue  # a docstring quotes the seed's words to explain them
                problems += _violations(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}", node.value)
    assert problems == []


def test_every_message_follows_the_style_guide():
    problems = []
    for kind, mail in EMAILS.items():
        problems += _violations(f"{kind} subject", mail.subject) + _violations(f"{kind} text", mail.text)
    for kind, text in SMS.items():
        problems += _violations(f"{kind} sms", text)
    assert problems == []


def test_the_check_itself_catches_the_old_wording():
    for old in ("صورتحساب ها", "شما ۴ صورت حساب پرداخت نشده", "پیام ها جدید", "مظنه ها", "كارت", "ری‌استارت کنید"):
        assert _violations("sample", old), old


@pytest.mark.parametrize("kind", sorted(EMAILS))
def test_each_subject_survives_the_real_encoder(kind):
    subject = EMAILS[kind].subject
    wire = build_message(1, "customer@example.com", subject, EMAILS[kind].text, EMAILS[kind].html).as_bytes(
        policy=policy.SMTP)
    assert max(len(line) for line in wire.split(b"\r\n")) <= 998
    assert str(message_from_bytes(wire, policy=policy.default)["Subject"]) == subject


def test_no_two_numbers_stand_side_by_side_in_a_subject():
    for kind, mail in EMAILS.items():
        assert not re.search(r"[۰-۹0-9]\s+[۰-۹0-9]", mail.subject), kind


def test_the_payment_sms_names_each_renewed_server_and_which_to_restart():
    text = SMS["payment"]
    assert all(name in text for name in ("سرور اقتصادی", "سرور حرفه‌ای", "سرور ذخیره‌سازی"))
    assert "«سرور اقتصادی»، «سرور ذخیره‌سازی» را یک بار راه‌اندازی مجدد کنید" in text
    assert "«سرور حرفه‌ای» را" not in text


def test_figures_people_read_are_in_persian_digits():
    mail = EMAILS["payment"]
    for latin in ("201427151", "6037", "1136", "1523"):
        assert latin not in mail.text, latin

