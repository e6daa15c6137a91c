"""Pricing: the brochure's figures, and properties over random line items."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from macros import pricing as pr
from macros.formatting import money, money_range
from macros.model import Pricing

TIER = "ca_moins_12m"


def q(pricing, membership, funding, tier=TIER):
    return pr.quote(pricing, membership=membership, revenue_tier=tier, funding=funding)


def test_brochure_totals(data):
    p = data.pricing
    member, non_member = q(p, "adherent", "finance"), q(p, "non_adherent", "finance")
    assert member.total == Decimal(4450) and member.reference == Decimal(9500)
    assert non_member.total == Decimal(5200) and non_member.reference == Decimal(10250)
    assert member.years == (Decimal(3450), Decimal(500), Decimal(500))
    assert q(p, "adherent", "non_finance").years[0] == Decimal(5100)
    assert member.saving == Decimal(5050) and pr.percent(member.saving_ratio) == 53
    assert member.minimum


def test_brochure_ranges(data):
    p = data.pricing
    assert money_range(*pr.year_range(p, membership="adherent", revenue_tier=TIER, year=1)) == "3\u202f450\u00a0€ à 5\u202f100\u00a0€"
    training = pr.contract_range(p, contract="organisme_formation", membership="adherent", revenue_tier=TIER, year=1)
    assert training == (Decimal(0), Decimal(1650))
    assert money(pr.item_amount(p, "frais_dossier")) == "750\u00a0€"


def test_file_fees_the_brochure_ties_to_no_year_count_once_in_the_total(data):
    """The brochure gives the 750 € file fees no year: in the non-member's total, in none of the years."""
    member = q(data.pricing, "adherent", "finance")
    other = q(data.pricing, "non_adherent", "finance")
    assert other.years == member.years
    assert other.one_off == Decimal(750) and member.one_off == Decimal(0)
    assert other.total == member.total + Decimal(750) == Decimal(5200)
    assert pr.reference_price(data.pricing, membership="non_adherent", revenue_tier=TIER) == Decimal(10250)


def test_unknown_tier_is_on_request(data):
    quote = q(data.pricing, "adherent", "finance", tier="ca_12m_et_plus")
    assert not quote.known and quote.reference is None and quote.saving is None


# ------------------------------------------------------------------ properties
amounts = st.integers(min_value=0, max_value=50_000)


@st.composite
def pricings(draw):
    """Random but valid pricing data in the shape of pricing.yml."""
    items = [
        {"id": "formation", "label": "F", "contract": "of", "years": (1,), "amount": draw(amounts), "opco_fundable": True, "revenue_tiers": (TIER,)},
        {"id": "acc", "label": "A", "contract": "enter", "years": (1,), "amount": draw(amounts), "minimum": draw(st.booleans()), "revenue_tiers": (TIER,)},
        {"id": "fee", "label": "R", "contract": "enter", "years": (2, 3), "amount": draw(amounts), "revenue_tiers": (TIER,)},
        {"id": "dossier", "label": "D", "contract": "enter", "years": (1,), "amount": draw(amounts), "memberships": ("non_adherent",)},
    ]
    low = draw(st.integers(0, 100))
    high = draw(st.integers(low, 100))
    return Pricing.model_validate({
        "currency": "EUR", "tax_basis": "ht",
        "memberships": ({"id": "adherent", "label": "A"}, {"id": "non_adherent", "label": "N"}),
        "revenue_tiers": ({"id": TIER, "label": "T"},),
        "contracts": ({"id": "enter", "label": "E", "scope": "s", "note": "n"}, {"id": "of", "label": "O", "scope": "s", "note": "n"}),
        "items": tuple(items),
        "opco_funding": {"min_percent": low, "max_percent": high},
        "reference": {"amount": draw(amounts), "years": 3, "membership": "adherent", "revenue_tier": TIER},
    })


@settings(max_examples=150, deadline=None)
@given(pricings(), st.sampled_from(pr.FUNDING_CASES))
def test_non_member_pays_member_plus_file_fees(p, funding):
    fees = pr.item_amount(p, "dossier")
    assert q(p, "non_adherent", funding).total == q(p, "adherent", funding).total + fees


@settings(max_examples=150, deadline=None)
@given(pricings(), st.sampled_from(("adherent", "non_adherent")), st.sampled_from(pr.FUNDING_CASES))
def test_total_is_sum_of_items_and_saving_is_reference_minus_total(p, membership, funding):
    quote = q(p, membership, funding)
    assert quote.total == sum((line.net for line in quote.lines), Decimal(0)) == sum(quote.years, Decimal(0))
    assert quote.saving == quote.reference - quote.total


@settings(max_examples=150, deadline=None)
@given(pricings(), st.sampled_from(("adherent", "non_adherent")))
def test_more_opco_funding_never_costs_more(p, membership):
    assert q(p, membership, "finance").total <= q(p, membership, "non_finance").total
