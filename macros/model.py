"""The typed data model: one frozen pydantic model per data file.

Descriptions are French: they feed the JSON Schemas that editors see in
their editor. Money is `Decimal`, dates are `datetime.date`.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _euros(value: Any) -> Decimal:
    """Whole euros, written as a plain non-negative integer (1650)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("euros", "un montant en euros entiers, sans espace ni symbole (ex. 1650)")
    if value < 0:
        raise PydanticCustomError("euros_negative", "un montant positif ou nul")
    return Decimal(value)


def _quantity(value: Any) -> Decimal:
    """A non-negative duration or count, decimals allowed (2.5)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("quantity", "un nombre (ex. 2 ou 0.5)")
    if value < 0:
        raise PydanticCustomError("quantity_negative", "un nombre positif ou nul")
    return Decimal(str(value))


def _day(value: Any) -> dt.date:
    """A real calendar date written AAAA-MM-JJ."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("day", "une date sans heure au format AAAA-MM-JJ (ex. 2025-11-30)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DAY.match(value):
        raise PydanticCustomError("day_impossible", "une date qui existe dans le calendrier")
    raise PydanticCustomError("day", "une date au format AAAA-MM-JJ (ex. 2025-11-30)")


def _month(value: Any) -> dt.date:
    """A month written AAAA-MM, kept as its first day."""
    if isinstance(value, str):
        match = _MONTH.match(value)
        if match and 1 <= int(match.group(2)) <= 12:
            return dt.date(int(match.group(1)), int(match.group(2)), 1)
    raise PydanticCustomError("month", "un mois au format AAAA-MM (ex. 2026-01)")


Euros = Annotated[Decimal, BeforeValidator(_euros)]
Quantity = Annotated[Decimal, BeforeValidator(_quantity)]
Day = Annotated[dt.date, BeforeValidator(_day)]
Month = Annotated[dt.date, BeforeValidator(_month)]
Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Identifiant stable (minuscules, chiffres, - ou _)")]
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# ---------------------------------------------------------------- offer.yml
class Context(_Model):
    programme: Text = Field(description="Programme national qui finance l'action")
    funding: Text
    carried_by: Text
    co_carried_by: Text
    support: Text


class Audience(_Model):
    profiles: Text = Field(description="Profils concernés")
    people_per_company: Count = Field(description="Personnes formées par entreprise")
    sme_definition: Text = Field(description="Définition d'une PME")


class Benefit(_Model):
    id: Ident
    text: Text
    count: Count | None = Field(default=None, description="Quantité saisie")
    computed: Literal["training_days", "accompaniment_days"] | None = Field(
        default=None, description="Quantité calculée à partir des modules"
    )


class Outcomes(_Model):
    knowledge: Text
    label: Text


class TrainingOffer(_Model):
    teaching_methods: Text | None = Field(description="Méthodes pédagogiques")
    assessment_methods: Text | None = Field(description="Modalités d'évaluation")
    access_modalities: Text | None = Field(description="Modalités et délais d'accès")
    disability_access: Text | None = Field(description="Accessibilité aux personnes en situation de handicap")
    venue: Text | None = Field(description="Lieu des sessions en présentiel")
    hours: Text | None = Field(description="Horaires")
    training_body: Text | None = Field(description="Nom de l'organisme de formation")


class Offer(_Model):
    id: Ident
    updated_on: Day = Field(description="Date « mis à jour le » (AAAA-MM-JJ)")
    label: Text
    label_short: Text
    label_body: Text
    label_body_short: Text
    label_issuer: Text
    organiser: Text
    region: Text
    context: Context
    summary: Text
    aim: Text
    audience: Audience
    prerequisites: Text
    pillars: tuple[Text, ...]
    label_value: Text
    orchestration: Text
    benefits: tuple[Benefit, ...]
    outcomes: Outcomes
    training_offer: TrainingOffer


# -------------------------------------------------------------- contacts.yml
class Person(_Model):
    id: Ident
    name: Text
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    role: Text


class GeneralContact(_Model):
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    role: Text


class Contacts(_Model):
    website: Annotated[str, Field(pattern=r"^https://")]
    social_handle: Text
    people: tuple[Person, ...]
    general: GeneralContact


# --------------------------------------------------------------- pricing.yml
class Named(_Model):
    id: Ident
    label: Text


class Contract(_Model):
    id: Ident
    label: Text
    scope: Text
    note: Text


class Item(_Model):
    id: Ident
    label: Text
    contract: Ident = Field(description="Identifiant d'un contrat (contracts)")
    years: tuple[Annotated[int, Field(ge=1, le=3)], ...] = Field(min_length=1, description="Années concernées (1, 2 ou 3)")
    amount: Euros = Field(description="Montant en euros entiers, par année concernée")
    minimum: bool = Field(default=False, description="Prix « à partir de »")
    opco_fundable: bool = Field(default=False, description="Finançable par l'OPCO")
    memberships: tuple[Ident, ...] | None = Field(default=None, description="Réservé à ces profils (tous si absent)")
    revenue_tiers: tuple[Ident, ...] | None = Field(default=None, description="Réservé à ces tranches de CA (toutes si absent)")


class OpcoFunding(_Model):
    min_percent: Annotated[int, Field(ge=0, le=100)]
    max_percent: Annotated[int, Field(ge=0, le=100)]


class Reference(_Model):
    amount: Euros
    years: Annotated[int, Field(ge=1, le=3)]
    membership: Ident
    revenue_tier: Ident


class Pricing(_Model):
    currency: Literal["EUR"]
    tax_basis: Literal["ht", "ttc", "non_precise"] = Field(description="Prix HT, TTC ou non précisé")
    memberships: tuple[Named, ...]
    revenue_tiers: tuple[Named, ...]
    contracts: tuple[Contract, ...]
    items: tuple[Item, ...]
    opco_funding: OpcoFunding
    reference: Reference


# ------------------------------------------------------------- programme.yml
Kind = Literal[
    "lancement", "e_learning", "formation", "examen", "presentation",
    "accompagnement", "audit", "comite", "evenement", "cloture",
]


class Counting(_Model):
    training_kinds: tuple[Kind, ...]
    accompaniment_kinds: tuple[Kind, ...]


class Phase(_Model):
    id: Ident
    title: Text
    format: Text
    outcome: Text


class Sequence(_Model):
    id: Ident
    number: Annotated[int, Field(ge=1)]
    phase: Ident
    title: Text
    objective: Text


class Module(_Model):
    code: Annotated[str, Field(pattern=r"^\d+\.\d+$", description="Code du module, ex. \"2.3\" (entre guillemets)")]
    sequence: Ident
    title: Text
    detail: Text | None = None
    kind: Kind
    duration: Quantity | None = None
    unit: Literal["minutes", "heures", "jours"] | None = None
    mode: Literal["presentiel", "virtuel", "distanciel"] | None = None
    format: Literal["groupe", "individuel"]
    month: Annotated[int, Field(ge=1, description="Mois de début dans le parcours (1 = M1)")]
    end_month: Annotated[int, Field(ge=1)] | None = None
    week: Annotated[int, Field(ge=1)] | None = None
    restricted: bool = Field(default=False, description="Diffusion restreinte (true) ou publique (false)")


class Programme(_Model):
    counting: Counting
    phases: tuple[Phase, ...]
    sequences: tuple[Sequence, ...]
    modules: tuple[Module, ...]


# -------------------------------------------------------------- planning.yml
RowFormat = Literal["groupe", "individuel", "preparation"]


class Cohort(_Model):
    id: Ident
    places: Annotated[int, Field(ge=1)]
    places_taken: Count | None = None
    intentions_deadline: Day
    commitment_deadline: Day
    kickoff_from: Day
    first_month: Month


class Legend(_Model):
    groupe: Text
    individuel: Text
    preparation: Text


class Row(_Model):
    id: Ident
    sequence: Ident
    title: Text
    note: Text | None = None
    modules: tuple[str, ...] = ()
    format: RowFormat
    start: Month
    end: Month | None = None


class Plan(_Model):
    restricted: bool = True
    note: Text
    legend: Legend
    rows: tuple[Row, ...]


class Planning(_Model):
    cohort: Cohort
    planning: Plan


class Data(_Model):
    """Every data file, validated and cross-checked."""

    offer: Offer
    contacts: Contacts
    pricing: Pricing
    programme: Programme
    planning: Planning


FILES: dict[str, type[_Model]] = {
    "offer": Offer,
    "contacts": Contacts,
    "pricing": Pricing,
    "programme": Programme,
    "planning": Planning,
}
