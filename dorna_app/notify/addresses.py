"""What a recipient looks like: one plain e-mail address, one Iranian mobile number.

The messaging layer owns these rules because it is what must never send to two people at once;
accounts and billing check and normalise contact details with them.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from dorna_app.fa import normalize_digits

MOBILE_RE = re.compile(r"^09\d{9}$")


def normalize_email(email: str) -> str:
    """E-mails compare case-insensitively and without surrounding space."""
    return normalize_digits(email).strip().lower()


def valid_email(raw: str) -> str | None:
    """One plain address (no name, no list, no angle brackets), normalised; None when it is not one.

    Checked by email-validator's syntax rules, not a hand-written pattern: `a,b@x.ir`, `Name <a@x.ir>`
    and `a@x.ir\nBcc: …` are refused, so a message always goes to exactly this one recipient.
    """
    text = normalize_email(raw)
    if not text or len(text) > 254:
        return None
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=False,
                                 allow_display_name=False, allow_quoted_local=False, allow_domain_literal=False)
    except EmailNotValidError:
        return None
    return checked.normalized.lower()


def normalize_mobile(raw: str) -> str | None:
    """09121234567 from ۰۹۱۲..., +98912..., 0098912..., 98912...; None when it is not an Iranian mobile."""
    digits = re.sub(r"[\s\-()]", "", normalize_digits(raw or ""))
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    elif digits.startswith("9") and len(digits) == 10:
        digits = "0" + digits
    return digits if MOBILE_RE.match(digits) else None
