"""Costs per profile, computed from the line items of pricing.yml."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Item, Pricing

YEARS = (1, 2, 3)
FUNDING_CASES = ("finance", "non_finance")


@dataclass(frozen=True)
class Line:
    """One item as it applies to a profile: its cost after OPCO funding."""

    item: Item
    year: int | None  # None: one-off costs whose year the data does not say
    gross: Decimal
    net: Decimal


@dataclass(frozen=True)
class Quote:
    """Everything a profile pays, year by year, and how it compares."""

    membership: str
    revenue_tier: str
    funding: str
    lines: tuple[Line, ...]
    years: tuple[Decimal, ...]
    one_off: Decimal  # costs tied to no year (file fees): in the total, in no year
    total: Decimal
    reference: Decimal | None
    saving: Decimal | None
    saving_ratio: Decimal | None
    minimum: bool
    known: bool


def applies(item: Item, *, membership: str, revenue_tier: str) -> bool:
    """Whether an item is billed to this membership and revenue tier."""
    if item.memberships is not None and membership not in item.memberships:
        return False
    return item.revenue_tiers is None or revenue_tier in item.revenue_tiers


def applies_to_tier(item: Item, *, revenue_tier: str) -> bool:
    """Whether an item is billed to some membership of this revenue tier."""
    return item.revenue_tiers is None or revenue_tier in item.revenue_tiers


def funded_percent(pricing: Pricing, funding: str) -> int:
    """Share of fundable items paid by the OPCO in a funding case."""
    return pricing.opco_funding.max_percent if funding == "finance" else pricing.opco_funding.min_percent


def quote(pricing: Pricing, *, membership: str, revenue_tier: str, funding: str) -> Quote:
    """The quote for one profile (membership, revenue tier, funding case)."""
    percent = Decimal(funded_percent(pricing, funding))
    lines = []
    for item in pricing.items:
        if not applies(item, membership=membership, revenue_tier=revenue_tier):
            continue
        for year in item.years or (None,):
            net = item.amount
            if item.opco_fundable:
                net = item.amount - item.amount * percent / Decimal(100)
            lines.append(Line(item=item, year=year, gross=item.amount, net=net))
    years = tuple(sum((line.net for line in lines if line.year == year), Decimal(0)) for year in YEARS)
    one_off = sum((line.net for line in lines if line.year is None), Decimal(0))
    total = sum(years, Decimal(0)) + one_off
    known = _known(pricing, revenue_tier)
    reference = reference_price(pricing, membership=membership, revenue_tier=revenue_tier)
    saving = reference - total if reference is not None and known else None
    ratio = (saving / reference) if saving is not None and reference else None
    return Quote(
        membership=membership,
        revenue_tier=revenue_tier,
        funding=funding,
        lines=tuple(lines),
        years=years,
        one_off=one_off,
        total=total,
        reference=reference,
        saving=saving,
        saving_ratio=ratio,
        minimum=any(line.item.minimum for line in lines) or pricing.opco_funding.min_percent != pricing.opco_funding.max_percent,
        known=known,
    )


def _known(pricing: Pricing, revenue_tier: str) -> bool:
    """A tier has known prices when at least one item names it."""
    return any(item.revenue_tiers is not None and revenue_tier in item.revenue_tiers for item in pricing.items)


def reference_price(pricing: Pricing, *, membership: str, revenue_tier: str) -> Decimal | None:
    """The unsubsidised price: the reference plus this profile's own extras."""
    ref = pricing.reference
    if revenue_tier != ref.revenue_tier:
        return None
    extras = Decimal(0)
    for item in pricing.items:
        own = applies(item, membership=membership, revenue_tier=revenue_tier)
        base = applies(item, membership=ref.membership, revenue_tier=revenue_tier)
        if own and not base:
            extras += item.amount * occurrences(item)
        elif base and not own:
            extras -= item.amount * occurrences(item)
    return ref.amount + extras


def occurrences(item: Item) -> int:
    """How many times an item is billed: once a year it names, once when it names none."""
    return len(item.years or (None,))


def year_range(pricing: Pricing, *, membership: str, revenue_tier: str, year: int) -> tuple[Decimal, Decimal]:
    """Lowest and highest cost of a year over the funding cases."""
    values = [quote(pricing, membership=membership, revenue_tier=revenue_tier, funding=f).years[year - 1] for f in FUNDING_CASES]
    return min(values), max(values)


def contract_range(pricing: Pricing, *, contract: str, membership: str, revenue_tier: str, year: int) -> tuple[Decimal, Decimal]:
    """Lowest and highest cost of one contract in one year."""
    values = []
    for funding in FUNDING_CASES:
        q = quote(pricing, membership=membership, revenue_tier=revenue_tier, funding=funding)
        values.append(sum((line.net for line in q.lines if line.item.contract == contract and line.year == year), Decimal(0)))
    return min(values), max(values)


def funding_label(pricing: Pricing, funding: str) -> str:
    """The funding case in words: a capped share is said as a cap, never as « financée »."""
    share = funded_percent(pricing, funding)
    if share == 0:
        return "formation sans prise en charge OPCO"
    if share == 100:
        return "formation prise en charge par l'OPCO"
    if funding == "finance":
        return f"formation prise en charge jusqu'à {share}\u202f% par l'OPCO"
    return f"formation prise en charge à {share}\u202f% par l'OPCO"


def find_item(pricing: Pricing, item_id: str) -> Item:
    """One line item by its id."""
    for candidate in pricing.items:
        if candidate.id == item_id:
            return candidate
    raise KeyError(item_id)


def item_amount(pricing: Pricing, item_id: str) -> Decimal:
    """The amount of one line item (per year)."""
    return find_item(pricing, item_id).amount


def percent(ratio: Decimal) -> Decimal:
    """A ratio rounded to a whole percent, half up (0.5316 -> 53)."""
    return (ratio * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
