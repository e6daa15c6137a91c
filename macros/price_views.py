"""Prices as the pages show them: the member × funding cases, their cards and the contracts (French text)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from . import formatting as fmt
from . import pricing as pr
from .model import Data, Named, Pricing


def label_of(items: Iterable[Named], key: str) -> str:
    """The label of the record with this id."""
    return next(item.label for item in items if item.id == key)


def base_tier(data: Data) -> str:
    """The revenue tier the brochure's figures are given for."""
    return data.pricing.reference.revenue_tier


def years_label(years: tuple[int, ...]) -> str:
    """`année 1`, `années 2 et 3`."""
    if len(years) == 1:
        return f"année {years[0]}"
    return "années " + ", ".join(str(y) for y in years[:-1]) + f" et {years[-1]}"


def other_membership(data: Data) -> str:
    """The membership that is not the reference one (non-adhérent)."""
    return next(m.id for m in data.pricing.memberships if m.id != data.pricing.reference.membership)


@dataclass(frozen=True)
class PriceRow:
    """One line of the comparison table: a membership and a funding case."""

    profile: str
    membership: str
    funding: str
    years: tuple[str, ...]
    one_off: tuple[str, ...]  # aligned with PriceTable.one_off_labels; "" when it does not apply
    total: str
    reference: str
    saving: str


@dataclass(frozen=True)
class PriceTable:
    """The comparison table for the revenue tier the data gives prices for."""

    caption: str
    rows: tuple[PriceRow, ...]
    one_off_labels: tuple[str, ...]  # costs tied to no year (file fees), by label


def price_table(data: Data) -> PriceTable:
    """Every membership × funding case, for the tier with known prices."""
    p = data.pricing
    rows = []
    tier = base_tier(data)
    one_off_items = tuple(item for item in p.items if item.years is None and pr.applies_to_tier(item, revenue_tier=tier))
    for member in p.memberships:
        for funding in pr.FUNDING_CASES:
            q = pr.quote(p, membership=member.id, revenue_tier=tier, funding=funding)
            minimum_years = {line.year for line in q.lines if line.item.minimum}
            one_off = tuple(
                next((floor_price(line.net, minimum=line.item.minimum) for line in q.lines if line.item.id == item.id), "")
                for item in one_off_items
            )
            rows.append(
                PriceRow(
                    profile=f"{member.label}, {pr.funding_label(p, funding)}",
                    membership=member.label,
                    funding=pr.funding_label(p, funding),
                    years=tuple(floor_price(y, minimum=year in minimum_years) for year, y in zip(pr.YEARS, q.years, strict=True)),
                    one_off=one_off,
                    total=floor_price(q.total, minimum=q.minimum),
                    reference=fmt.money(q.reference) if q.reference is not None else "",
                    saving=(
                        f"{up_to(q.saving, minimum=q.minimum)} ({fmt.percent(pr.percent(q.saving_ratio))})"
                        if q.saving is not None and q.saving_ratio is not None
                        else ""
                    ),
                )
            )
    caption = f"Coût par entreprise sur {fmt.number(p.reference.years)} ans ({label_of(p.revenue_tiers, tier)})"
    return PriceTable(caption, tuple(rows), tuple(item.label for item in one_off_items))


@dataclass(frozen=True)
class PriceGroup:
    """« Combien vais-je payer ? » : one membership, its cards by funding case."""

    membership: str
    cards: tuple[tuple[PriceRow, tuple[str, ...]], ...]  # (row, its cost lines: « Année 1 : … »)


def price_groups(table: PriceTable) -> tuple[PriceGroup, ...]:
    """The 2 × 2 answer: the rows grouped by membership, each with its readable year split."""
    groups: dict[str, list[tuple[PriceRow, tuple[str, ...]]]] = {}
    for row in table.rows:
        groups.setdefault(row.membership, []).append((row, _cost_lines(row, table.one_off_labels)))
    return tuple(PriceGroup(membership, tuple(cards)) for membership, cards in groups.items())


def _cost_lines(row: PriceRow, one_off_labels: tuple[str, ...]) -> tuple[str, ...]:
    """`Année 1 : …`, then equal following years together (`Années 2 et 3 : … par an`), then one-off costs."""
    lines: list[str] = []
    runs: list[tuple[list[int], str]] = []
    for year, amount in enumerate(row.years, start=1):
        if amount == fmt.money(Decimal(0)):
            continue
        if runs and runs[-1][1] == amount and runs[-1][0][-1] == year - 1:
            runs[-1][0].append(year)
        else:
            runs.append(([year], amount))
    for years, amount in runs:
        if len(years) == 1:
            lines.append(f"Année {years[0]} : {amount}")
        else:
            lines.append(f"{years_label(tuple(years)).capitalize()} : {amount} par an")
    lines += [f"{label} : {cost}" for label, cost in zip(one_off_labels, row.one_off, strict=True) if cost]
    return tuple(lines)


def floor_price(amount: Decimal, *, minimum: bool) -> str:
    """`à partir de 4 450 €` for a price the data gives as a floor, `4 450 €` otherwise."""
    return f"à partir de {fmt.money(amount)}" if minimum and amount else fmt.money(amount)


def up_to(amount: Decimal | None, *, minimum: bool) -> str:
    """A saving computed from a floor price is a ceiling: `jusqu'à 5 050 €`."""
    if amount is None:
        return ""
    return f"jusqu'à {fmt.money(amount)}" if minimum else fmt.money(amount)


def year_is_floor(pricing: Pricing, *, year: int, contract: str | None = None) -> bool:
    """Whether a floor price is billed that year (in that contract, if given)."""
    return any(
        item.minimum and item.years is not None and year in item.years and (contract is None or item.contract == contract)
        for item in pricing.items
    )


@dataclass(frozen=True)
class ContractView:
    """What one contract covers, per year."""

    label: str
    scope: str
    note: str
    lines: tuple[tuple[str, str, str], ...]  # (poste, années, montant)


def contract_views(data: Data) -> tuple[ContractView, ...]:
    """The breakdown by contract (who invoices what)."""
    p = data.pricing
    result = []
    for contract in p.contracts:
        lines = []
        for item in p.items:
            if item.contract != contract.id:
                continue
            years = ", ".join(f"année {y}" for y in item.years or ())
            amount = floor_price(item.amount, minimum=item.minimum)
            if item.years and len(item.years) > 1:
                amount += " par an"
            if item.opco_fundable and item.years:
                low = pr.contract_range(p, contract=contract.id, membership=p.reference.membership, revenue_tier=base_tier(data), year=item.years[0])
                amount += f" avant prise en charge OPCO, soit {fmt.money_range(*low)} après"
            who = []
            if item.memberships:
                who.append(" ou ".join(label_of(p.memberships, m) for m in item.memberships))
            if item.revenue_tiers:
                who.append(", ".join(label_of(p.revenue_tiers, t) for t in item.revenue_tiers))
            label = item.label + (f" ({' ; '.join(who)})" if who else "")
            lines.append((label, years.capitalize(), amount))
        result.append(ContractView(contract.label, contract.scope, contract.note, tuple(lines)))
    return tuple(result)

