"""VAT in whole Rial: one rounding rule (per line, half a Rial and more up), lines that add up to the
totals, and the rate as people write it."""

from __future__ import annotations

import pytest

from dorna_app.billing import tax


@pytest.mark.parametrize(("amount", "rate_bp", "vat"), [
    (0, 1000, 0),
    (1, 1000, 0),  # 0.1 Rial
    (4, 1000, 0),  # 0.4
    (5, 1000, 1),  # 0.5: half rounds up
    (6, 1000, 1),
    (14, 1000, 1),  # 1.4
    (15, 1000, 2),  # 1.5
    (1_620_000, 1000, 162_000),  # exact
    (1_234_567, 1000, 123_457),  # 123,456.7
    (1_234_565, 1000, 123_457),  # 123,456.5: up
    (1_234_564, 1000, 123_456),  # 123,456.4: down
    (50, 900, 5),  # 9% of 50 is 4.5: up
    (49, 900, 4),  # 4.41
    (3, 5000, 2),  # 50% of 3 is 1.5
    (10**15, 1000, 10**14),  # no floating point: exact at any size
    (10**15 + 5, 1000, 10**14 + 1),
    (999, 0, 0),  # no VAT
    (999, 10_000, 999),  # 100%
])
def test_line_vat_rounds_half_up_to_a_whole_rial(amount, rate_bp, vat):
    assert tax.line_vat(amount, rate_bp) == vat


def test_negative_amounts_and_rates_are_refused():
    with pytest.raises(ValueError):
        tax.line_vat(-5, 1000)
    with pytest.raises(ValueError):
        tax.line_vat(5, -1)


def test_an_invoices_vat_is_the_sum_of_its_lines():
    # Two lines of 5 Rial: each 0.5 rounds to 1, so the invoice's VAT is 2, not round(1.0) = 1, and the
    # printed lines always add up to the printed total.
    sums = tax.totals([5, 5], 1000)
    assert (sums.subtotal_rial, sums.vat_rial, sums.total_rial, sums.line_vats) == (10, 2, 12, (1, 1))
    sums = tax.totals([500_000, 1_000_000], 1000)
    assert (sums.subtotal_rial, sums.vat_rial, sums.total_rial) == (1_500_000, 150_000, 1_650_000)
    assert tax.totals([], 1000) == tax.Totals(0, 0, 0, ())


def test_every_total_is_subtotal_plus_vat():
    for amounts in ([1], [7, 8, 9], [1_234_565, 15, 4], [10**12, 3]):
        for rate in (0, 1, 900, 1000, 950, 10_000):
            sums = tax.totals(amounts, rate)
            assert sums.total_rial == sums.subtotal_rial + sums.vat_rial == sum(amounts) + sum(sums.line_vats)


@pytest.mark.parametrize(("rate_bp", "text"), [(1000, "10"), (900, "9"), (950, "9.5"), (925, "9.25"), (0, "0"),
                                               (10_000, "100"), (5, "0.05")])
def test_the_rate_as_people_write_it(rate_bp, text):
    assert tax.percent_text(rate_bp) == text


def test_the_setting_in_percent_becomes_basis_points(monkeypatch):
    from dorna_app.settings import reload_settings

    monkeypatch.setenv("DORNA_VAT_PERCENT", "9.5")
    try:
        assert reload_settings().vat_rate_bp == 950 and tax.current_rate_bp() == 950
    finally:
        monkeypatch.undo()
        reload_settings()
