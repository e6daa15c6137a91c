"""The only place where numbers and dates become French text (Babel, fr_FR)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "fr_FR"
_UNITS = {
    "jours": ("jour", "jours"),
    "heures": ("h", "h"),
    "minutes": ("min", "min"),
}


def money(amount: Decimal) -> str:
    """`4 450 €` (CLDR spaces: narrow no-break for thousands, no-break before €)."""
    digits = "#,##0.00" if amount != amount.to_integral_value() else "#,##0"
    return format_currency(amount, "EUR", format=f"{digits}\u00a0¤", locale=LOCALE, currency_digits=False)


def money_range(low: Decimal, high: Decimal) -> str:
    """`3 450 € à 5 100 €`, or one amount when both are equal."""
    if low == high:
        return money(low)
    return f"{money(low)} à {money(high)}"


def number(value: Decimal | int) -> str:
    """`2,5`, `10`."""
    return format_decimal(value, locale=LOCALE)


def percent(value: Decimal) -> str:
    """A whole percent from a whole number: `53 %`."""
    return format_percent(Decimal(value) / 100, locale=LOCALE)


def long_date(day: dt.date) -> str:
    """`30 novembre 2025`, `1er décembre 2025` (French ordinal for the first)."""
    if day.day == 1:
        return "1er " + format_date(day, format="MMMM y", locale=LOCALE)
    return format_date(day, format="long", locale=LOCALE)


def short_date(day: dt.date) -> str:
    """`30/11/2025`."""
    return format_date(day, format="short", locale=LOCALE)


def month_label(month: dt.date, *, abbreviated: bool = True) -> str:
    """`janv. 2026`, or `janvier 2026` in full."""
    return format_date(month, format="MMM y" if abbreviated else "MMMM y", locale=LOCALE)


def month_name(month: dt.date) -> str:
    """`janvier`."""
    return format_date(month, format="MMMM", locale=LOCALE)


def quantity(value: Decimal, unit: str) -> str:
    """`2 jours`, `0,5 jour`, `2 h`, `30 min`."""
    singular, plural = _UNITS[unit]
    word = singular if value < 2 else plural
    return f"{number(value)}\u00a0{word}"


def days(value: Decimal) -> str:
    """`6 jours`."""
    return quantity(value, "jours")


def months(count: int) -> str:
    """`1 mois`, `8 mois`."""
    return f"{number(count)}\u00a0mois"


def count_days(count: int) -> str:
    """`12 jours`, `1 jour` (a countdown)."""
    return f"{number(count)}\u00a0jour{'s' if count > 1 else ''}"
