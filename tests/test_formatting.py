"""French formats through Babel."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from macros import formatting as fmt


def test_money_uses_cldr_spaces():
    assert fmt.money(Decimal(4450)) == "4\u202f450\u00a0€"
    assert fmt.money(Decimal(0)) == "0\u00a0€"
    assert fmt.money(Decimal("12.5")) == "12,50\u00a0€"


def test_dates_and_months():
    assert fmt.long_date(dt.date(2025, 11, 30)) == "30 novembre 2025"
    assert fmt.long_date(dt.date(2025, 12, 1)) == "1er décembre 2025"
    assert fmt.month_label(dt.date(2026, 1, 1)) == "janv. 2026"
    assert fmt.month_label(dt.date(2027, 10, 1), abbreviated=False) == "octobre 2027"


def test_quantities():
    assert fmt.days(Decimal(6)) == "6\u00a0jours"
    assert fmt.quantity(Decimal("0.5"), "jours") == "0,5\u00a0jour"
    assert fmt.quantity(Decimal("2.5"), "jours") == "2,5\u00a0jours"
    assert fmt.quantity(Decimal(30), "minutes") == "30\u00a0min"
    assert fmt.months(10) == "10\u00a0mois"
    assert fmt.percent(Decimal(53)) == "53\u00a0%"
