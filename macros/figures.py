"""The key figures of the offer, formatted in French, and the short texts built from them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formatting as fmt
from . import pricing as pr
from . import timeline as tl
from .model import CONTRACT_TRAINING, ITEM_YEARLY_FEE, Data
from .price_views import base_tier, floor_price, label_of, other_membership, up_to, year_is_floor, years_label
from .programme_model import PHASE_ACT, PHASE_UNDERSTAND
from .status_views import state_title


@dataclass(frozen=True)
class Figures:
    """Key figures, already formatted in French: what pages print as `fig.<name>`.

    Each one is shown by a page, a template or a builder
    (tests/test_layers.py fails on a figure computed and never used).
    """

    member_from: str
    member_reference: str
    member_saving: str
    member_saving_percent: str
    non_member_from: str
    non_member_reference: str
    year1_range: str
    year2_from: str
    training_range: str
    training_price: str
    file_fees: str
    yearly_fee: str
    reference_years: str
    training_days: str
    accompaniment_days: str
    total_months: str
    training_months: str
    action_months: str
    places: str
    people_per_company: str
    intentions_deadline: str
    commitment_deadline: str
    kickoff_from: str
    first_month: str
    updated_on: str
    known_tier: str
    floor_conditions: str
    fee_years: str
    status: str
    title: str


def key_figures(data: Data, *, day: dt.date) -> Figures:
    """Every headline number of the site, formatted."""
    p, prog, cohort = data.pricing, data.programme, data.planning.cohort
    tier = base_tier(data)
    member, non_member = p.reference.membership, other_membership(data)
    best_m = pr.quote(p, membership=member, revenue_tier=tier, funding="finance")
    best_n = pr.quote(p, membership=non_member, revenue_tier=tier, funding="finance")
    y1 = pr.year_range(p, membership=member, revenue_tier=tier, year=1)
    y2 = pr.year_range(p, membership=member, revenue_tier=tier, year=2)
    training = pr.contract_range(p, contract=CONTRACT_TRAINING, membership=member, revenue_tier=tier, year=1)
    fees = best_n.total - best_m.total
    # At the reference tier, which items name (cross_checks), both quotes have a reference price and a saving.
    assert best_m.reference is not None and best_m.saving_ratio is not None and best_n.reference is not None
    fee = pr.find_item(p, ITEM_YEARLY_FEE)
    fee_years = fee.years
    assert fee_years is not None  # a yearly fee
    t_first, t_last = tl.phase_months(prog, PHASE_UNDERSTAND)
    a_first, a_last = tl.phase_months(prog, PHASE_ACT)
    status = tl.registration_status(cohort, prog, today=day)
    values = {
        "member_from": floor_price(best_m.total, minimum=best_m.minimum),
        "member_reference": fmt.money(best_m.reference),
        "member_saving": up_to(best_m.saving, minimum=best_m.minimum),
        "member_saving_percent": fmt.percent(pr.percent(best_m.saving_ratio)),
        "non_member_from": floor_price(best_n.total, minimum=best_n.minimum),
        "non_member_reference": fmt.money(best_n.reference),
        "year1_range": fmt.money_range(*y1),
        "year2_from": floor_price(y2[0], minimum=year_is_floor(p, year=2)),
        "training_range": fmt.money_range(*training),
        "training_price": fmt.money(training[1]),
        "file_fees": fmt.money(fees),
        "yearly_fee": floor_price(fee.amount, minimum=fee.minimum),
        "reference_years": fmt.number(p.reference.years),
        "training_days": fmt.days(tl.training_days(prog)),
        "accompaniment_days": fmt.days(tl.accompaniment_days(prog)),
        "total_months": fmt.months(tl.total_months(prog)),
        "training_months": fmt.months(t_last - t_first + 1),
        "action_months": fmt.months(a_last - a_first + 1),
        "places": fmt.number(cohort.places),
        "people_per_company": fmt.number(data.offer.audience.people_per_company),
        "intentions_deadline": fmt.long_date(cohort.intentions_deadline),
        "commitment_deadline": fmt.long_date(cohort.commitment_deadline),
        "kickoff_from": fmt.long_date(cohort.kickoff_from),
        "first_month": fmt.month_label(cohort.first_month, abbreviated=False),
        "updated_on": fmt.long_date(data.offer.updated_on),
        "known_tier": label_of(p.revenue_tiers, tier),
        "floor_conditions": f"{label_of(p.revenue_tiers, tier)}, {pr.funding_label(p, 'finance')}",
        "fee_years": years_label(fee_years),
        "status": state_title(status),
        "title": (
            f"Accompagner {fmt.number(cohort.places)} PME à la labellisation "
            f"{data.offer.label_short} ({data.offer.label_body_short} & {data.offer.label_issuer})"
        ),
    }
    return Figures(**values)


def completeness_report(data: Data) -> tuple[str, ...]:
    """Fields of the training offer that the data does not say yet."""
    labels = {
        "disability_access": "accessibilité aux personnes en situation de handicap",
        "venue": "lieu des sessions en présentiel",
        "hours": "horaires",
        "training_body": "nom de l'organisme de formation",
        "teaching_methods": "méthodes pédagogiques",
        "assessment_methods": "modalités d'évaluation",
        "access_modalities": "modalités et délais d'accès",
    }
    missing = [
        f"data/offer.yml : training_offer.{key} ({label}) non renseigné" for key, label in labels.items() if getattr(data.offer.training_offer, key) is None
    ]
    if data.pricing.tax_basis == "non_precise":
        missing.append("data/pricing.yml : tax_basis ne dit pas si les prix sont HT ou TTC")
    return tuple(missing)


def benefit_items(data: Data, figures: Figures) -> tuple[str, ...]:
    """What each company receives, counts read or computed."""
    items = []
    for b in data.offer.benefits:
        if b.computed:
            items.append(f"{getattr(figures, b.computed)} {b.text}")
        elif b.count is not None:
            items.append(f"{fmt.number(b.count)} {b.text}")
        else:
            items.append(b.text)
    return tuple(items)


def training_offer_rows(data: Data, figures: Figures) -> list[tuple[str, str]]:
    """The training offer sheet (Qualiopi, indicator 1): only what the data says.

    A field the brochure leaves unsaid (null) is left out: the completeness
    report of `make site` tells the staff, the readers are told nothing.
    """
    t = data.offer.training_offer
    rows: list[tuple[str, str | None]] = [
        ("Objectifs", data.offer.summary),
        ("Public", f"{data.offer.audience.profiles} {figures.people_per_company} personne par entreprise."),
        ("Prérequis", data.offer.prerequisites),
        (
            "Durée",
            f"{figures.training_days} de formation sur {figures.training_months}, "
            f"puis {figures.accompaniment_days} d'accompagnement sur {figures.action_months} ; {figures.total_months} au maximum.",
        ),
        ("Modalités et délais d'accès", t.access_modalities),
        (
            "Tarifs",
            f"Adhérent ENTER : {figures.member_from} sur {figures.reference_years} ans ; non adhérent : {figures.non_member_from}. Détail sur la page Tarifs.",
        ),
        ("Méthodes pédagogiques", t.teaching_methods),
        ("Modalités d'évaluation", t.assessment_methods),
        ("Accessibilité aux personnes en situation de handicap", t.disability_access),
        ("Lieu", t.venue),
        ("Horaires", t.hours),
        ("Organisme de formation", t.training_body),
        ("Contacts", ", ".join(f"{p.name} ({p.email})" for p in data.contacts.people)),
    ]
    return [(label, value) for label, value in rows if value]


_TAX_BASIS = {
    "ht": "Les prix sont indiqués hors taxes (HT).",
    "ttc": "Les prix sont indiqués toutes taxes comprises (TTC).",
    "non_precise": "",  # the brochure does not say: readers are told nothing (completeness report)
}


def tax_basis_sentence(tax_basis: str) -> str:
    """Whether prices are HT or TTC; empty when the data does not say."""
    return _TAX_BASIS[tax_basis]

