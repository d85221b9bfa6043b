"""Numbers and dates as people read them."""
from __future__ import annotations

import math
from datetime import date

import pytest

from portfolio import humanize as hz


@pytest.mark.parametrize("amount, short, text", [
    (1_350_000, False, "USD 1,350,000"), (57_978_000, True, "USD 57.98M"), (840_000, True, "USD 840k"),
    (999, True, "USD 999"), (2_500_000_000, True, "USD 2.50B"), (0, False, "USD 0"), (None, False, "–"),
    (math.nan, True, "–"), (-1_200_000, True, "USD -1.20M"),
])
def test_money(amount, short, text):
    assert hz.money(amount, "USD", short=short) == text


def test_counts_percents_days_and_dates():
    assert hz.count(10_000) == "10,000" and hz.count(None) == "–"
    assert hz.percent(0.3737) == "37%" and hz.percent(None) == "–" and hz.percent(0.125, 1) == "12.5%"
    assert hz.days(1) == "1 day" and hz.days(60) == "60 days" and hz.days(60, signed=True) == "+60 days"
    assert hz.days(-1, signed=True) == "-1 day" and hz.days(1_200) == "1,200 days"
    assert hz.day(date(2026, 11, 23)) == "23 Nov 2026" and hz.day(date(2027, 2, 1)) == "1 Feb 2027"
    assert hz.day(None) == "–"
    assert hz.plural(1, "project") == "1 project" and hz.plural(10_000, "project") == "10,000 projects"
