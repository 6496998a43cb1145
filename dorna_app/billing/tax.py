"""Value-added tax (مالیات بر ارزش افزوده) on invoices, in whole Rial.

The one rounding rule: each line's VAT is its amount times the rate, rounded half up to a whole Rial
(`line_vat`); an invoice's VAT is the sum of its lines' VAT, and its total is subtotal plus VAT. Per
line, because the official invoice form (and the tax office's system) carries VAT on every line, so
the printed lines always add up to the printed totals. The rate is in basis points (10% is 1000):
integers only, no floating point anywhere near money.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dorna_app import fa
from dorna_app.settings import get_settings

BASIS = 10_000  # basis points in one whole
VAT_WORDS = "مالیات بر ارزش افزوده"


def current_rate_bp() -> int:
    """The rate new invoices get (DORNA_VAT_PERCENT); invoices keep the rate they were issued with."""
    return get_settings().vat_rate_bp


def line_vat(amount_rial: int, rate_bp: int) -> int:
    """VAT of one line: amount × rate, half a Rial and more rounds up (amounts are never negative)."""
    if amount_rial < 0 or rate_bp < 0:
        raise ValueError("amount and rate must not be negative")
    return (amount_rial * rate_bp + BASIS // 2) // BASIS


@dataclass(frozen=True)
class Totals:
    """An invoice's sums; `line_vats` are in the order of the lines given."""

    subtotal_rial: int
    vat_rial: int
    total_rial: int
    line_vats: tuple[int, ...]


def totals(amounts: Iterable[int], rate_bp: int) -> Totals:
    """Subtotal, VAT and total of lines with these amounts at this rate."""
    amounts = list(amounts)
    vats = tuple(line_vat(a, rate_bp) for a in amounts)
    subtotal, vat = sum(amounts), sum(vats)
    return Totals(subtotal, vat, subtotal + vat, vats)


def percent_text(rate_bp: int) -> str:
    """`10` or `9.5`: the rate as people write it (digits are made Persian where it is shown)."""
    whole, part = divmod(rate_bp, 100)
    return str(whole) if not part else f"{whole}.{part:02d}".rstrip("0")


def percent_shown(rate_bp: int) -> str:
    """`۱۰٪`: the rate as pages, forms and the PDF show it."""
    return f"{fa.digits(percent_text(rate_bp))}٪"


def vat_label(rate_bp: int) -> str:
    """The VAT line's name with its rate (without one when the invoice carries none)."""
    return f"{VAT_WORDS} ({percent_shown(rate_bp)})" if rate_bp else VAT_WORDS
