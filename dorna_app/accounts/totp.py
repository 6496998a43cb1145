"""Time-based one-time codes (RFC 6238, what authenticator apps show), shared by customers and staff:
a secret, its enrolment QR code, checking a code so that each works once, and recovery codes."""

from __future__ import annotations

import hashlib
import secrets

import pyotp
import segno

from dorna_app import fa
from dorna_app.clock import utcnow

RECOVERY_CODES = 10


def new_secret() -> str:
    """A fresh secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def clean_code(raw: str) -> str:
    """What was typed, comparable: ASCII digits (Persian or Arabic ones too), no spaces or dashes."""
    return fa.normalize_digits(raw or "").strip().replace(" ", "").replace("-", "").lower()[:32]


def accepted_step(secret: str, last_step: int, code: str) -> int | None:
    """The 30-second step this six-digit code belongs to (now, or one step either side for a slow
    clock), if no code of that step or a later one was accepted before; None otherwise."""
    totp = pyotp.TOTP(secret)
    now_step = int(utcnow().timestamp()) // 30
    for step in (now_step, now_step - 1, now_step + 1):
        if step > last_step and secrets.compare_digest(totp.at(step * 30), code):
            return step
    return None


def enrolment_qr(secret: str, account: str, issuer: str) -> str:
    """The QR code an authenticator app scans, as an SVG data URI."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def new_recovery_codes() -> list[str]:
    """Ten single-use codes (xxxx-xxxx, hex), shown once; store only `recovery_hash` of each."""
    return [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]


def recovery_hash(code: str) -> str:
    return hashlib.sha256(clean_code(code).encode()).hexdigest()
