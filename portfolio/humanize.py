"""Numbers and dates as people read them: the one place the app, the report and exports format them."""
from __future__ import annotations

import math
from datetime import date


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def money(amount: float | None, currency: str, *, short: bool = False) -> str:
    """'USD 1,350,000', or with short=True 'USD 1.35M' / 'USD 840k'; '–' when unknown."""
    if _missing(amount):
        return "–"
    if not short:
        return f"{currency} {amount:,.0f}"
    a = abs(amount)
    if a >= 1e9:
        text = f"{amount / 1e9:,.2f}B"
    elif a >= 1e6:
        text = f"{amount / 1e6:,.2f}M"
    elif a >= 1e3:
        text = f"{amount / 1e3:,.0f}k"
    else:
        text = f"{amount:,.0f}"
    return f"{currency} {text}"


def count(n: float | None) -> str:
    """Thousands separated: '10,000'."""
    return "–" if _missing(n) else f"{n:,.0f}"


def percent(ratio: float | None, places: int = 0) -> str:
    return "–" if _missing(ratio) else f"{ratio:.{places}%}"


def day(d: date | None) -> str:
    """'23 Nov 2026': unambiguous in every locale, unlike 11/23/2026."""
    if d is None or (not isinstance(d, date)) or _missing(d):
        return "–"
    return f"{d.day} {d:%b %Y}"


def days(n: int | None, *, signed: bool = False) -> str:
    """'60 days', '1 day'; with signed=True '+60 days'."""
    if _missing(n):
        return "–"
    n = int(n)
    text = f"{n:+,d}" if signed else f"{n:,d}"
    return f"{text} day{'' if abs(n) == 1 else 's'}"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,d} {word if n == 1 else (words or word + 's')}"
