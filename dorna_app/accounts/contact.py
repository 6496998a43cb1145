"""How contact details are written down: one form for e-mails and Iranian mobile numbers.

Accounts own these rules; messages (notify) and billing normalise recipients with them.
"""

from __future__ import annotations

import re

from dorna_app.fa import normalize_digits

MOBILE_RE = re.compile(r"^09\d{9}$")


def normalize_email(email: str) -> str:
    """E-mails compare case-insensitively and without surrounding space."""
    return normalize_digits(email).strip().lower()


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
