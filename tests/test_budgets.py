"""The EcoIndex formula, the budgets' wording, and the inlined stylesheet."""
from __future__ import annotations

import pytest

from macros import assets
from macros.budgets import BUDGETS, QUANTILES_DOM, QUANTILES_REQUESTS, QUANTILES_SIZE_KB, budget_rows, ecoindex, grade, quantile


def test_quantile_interpolates_between_bounds():
    assert quantile(QUANTILES_DOM, 0) == 0
    assert quantile(QUANTILES_DOM, 47) == 1
    assert quantile(QUANTILES_DOM, 61) == pytest.approx(1.5)
    assert quantile(QUANTILES_REQUESTS, 2) == 1
    assert quantile(QUANTILES_SIZE_KB, 10**7) == 20


def test_ecoindex_of_reference_points():
    assert ecoindex(dom=0, requests=0, kilobytes=0) == 100
    # dom 233 -> 4, requests 2 -> 1, 144.7 KB -> 2: 100 - 5 × (12 + 2 + 2) / 6 = 86.67
    assert ecoindex(dom=233, requests=2, kilobytes=144.7) == 87
    # dom 298 -> 5, requests 15 -> 2, 1.37 KB -> 1: 100 - 5 × (15 + 4 + 1) / 6 = 83.33
    assert ecoindex(dom=298, requests=15, kilobytes=1.37) == 83
    assert ecoindex(dom=10**7, requests=10**5, kilobytes=10**7) == 0


def test_ecoindex_weighs_the_dom_most():
    base = ecoindex(dom=200, requests=10, kilobytes=100)
    assert ecoindex(dom=400, requests=10, kilobytes=100) < ecoindex(dom=200, requests=20, kilobytes=100) < base


@pytest.mark.parametrize(("score", "letter"), [(100, "A"), (81, "A"), (80, "B"), (71, "B"), (56, "C"), (41, "D"), (26, "E"), (11, "F"), (10, "G"), (0, "G")])
def test_grade_thresholds(score, letter):
    assert grade(score) == letter


def test_budgets_fit_together():
    """A page at every limit still reaches the EcoIndex it must have."""
    at_limits = ecoindex(dom=BUDGETS.max_dom_elements, requests=BUDGETS.max_requests, kilobytes=BUDGETS.max_kilobytes)
    assert at_limits >= BUDGETS.min_ecoindex
    assert grade(BUDGETS.min_ecoindex) == "A"


def test_budget_rows_are_french_and_from_the_budgets():
    rows = dict(budget_rows())
    assert len(rows) == 5
    assert f"{BUDGETS.max_requests} au plus" in rows.values()
    assert f"{BUDGETS.max_kilobytes} Ko au plus" in rows.values()
    assert any(v.startswith(f"{BUDGETS.min_ecoindex} au moins") and "note A" in v for v in rows.values())
    assert "aucune" in rows.values()


def test_compact_css_keeps_meaning():
    css = "/* titre */\n.a  > b ,\n.c :hover {\n  color : red ;\n  margin: 0 auto;\n}\n"
    assert assets.compact_css(css) == ".a > b,.c :hover{color : red;margin: 0 auto}"


def test_inline_stylesheet_refuses_a_closing_tag(tmp_path):
    sheet = tmp_path / "x.css"
    sheet.write_text("a::after { content: '</style>' }", encoding="utf-8")
    with pytest.raises(ValueError, match="interdit"):
        assets.inline_stylesheet(sheet)
