"""The typed data model: one frozen pydantic model per data file, and the data set.

Descriptions are French: they feed the JSON Schemas (`schemas/`, generated
by `tools/schemas.py`) that editors see in their editor. Money is `Decimal`,
dates are `datetime.date`. The constrained types (euros, dates, months, ids),
with their messages and JSON Schemas, are in `field_types.py`; the programme's
and the planning's models (public and restricted) in `programme_model.py`.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .field_types import Count, Day, Email, Euros, Ident, StrictModel, Text
from .programme_model import Plan, Planning, Programme, RestrictedProgramme

# The records the pages compute with, by id: an editor may change them, not
# remove them (cross_checks.REQUIRED_IDS checks that they are there); the
# phases' are in programme_model.py.
CONTRACT_ENTER = "enter"
CONTRACT_TRAINING = "organisme_formation"  # the training's price range
ITEM_YEARLY_FEE = "redevance_lucie"  # the yearly fee and its years


# ---------------------------------------------------------------- offer.yml
class Context(StrictModel):
    """Cadre de l'action : programme, financement, porteurs."""

    programme: Text = Field(description="Programme national qui finance l'action (ex. Alt Impact)")
    funding: Text = Field(description="Financement du programme, en une phrase")
    carried_by: Text = Field(description="Qui porte le programme (ex. l'ADEME)")
    co_carried_by: Text = Field(description="Qui le co-porte")
    support: Text = Field(description="Soutiens de l'action collective, en une phrase")


class Audience(StrictModel):
    """Public visé."""

    profiles: Text = Field(description="Profils concernés")
    people_per_company: Count = Field(description="Personnes formées par entreprise")
    sme_definition: Text = Field(description="Définition d'une PME")


class Benefit(StrictModel):
    """Un bénéfice pour l'entreprise : une quantité saisie, calculée, ou aucune."""

    id: Ident
    text: Text = Field(description="Texte affiché après la quantité")
    count: Count | None = Field(default=None, description="Quantité saisie (ne pas combiner avec computed)")
    computed: Literal["training_days", "accompaniment_days"] | None = Field(
        default=None, description="Quantité calculée à partir des modules : training_days (jours de formation) ou accompaniment_days (jours d'accompagnement)"
    )


class Outcomes(StrictModel):
    """Ce que le parcours permet d'obtenir."""

    knowledge: Text = Field(description="Certificat obtenu par la personne formée")
    label: Text = Field(description="Label obtenu par l'entreprise")


class TrainingOffer(StrictModel):
    """Fiche « offre de formation » (Qualiopi, indicateur 1) ; null si la plaquette ne le dit pas."""

    teaching_methods: Text | None = Field(description="Méthodes pédagogiques")
    assessment_methods: Text | None = Field(description="Modalités d'évaluation")
    access_modalities: Text | None = Field(description="Modalités et délais d'accès")
    disability_access: Text | None = Field(description="Accessibilité aux personnes en situation de handicap")
    venue: Text | None = Field(description="Lieu des sessions en présentiel")
    hours: Text | None = Field(description="Horaires")
    training_body: Text | None = Field(description="Nom de l'organisme de formation")


class Offer(StrictModel):
    """data/offer.yml : l'offre, ce que l'on vend, à qui, pourquoi."""

    id: Ident
    updated_on: Day = Field(description="Date « mis à jour le » affichée sur le site (AAAA-MM-JJ)")
    label: Text = Field(description="Nom du label (ex. Numérique Responsable niveau 1)")
    label_short: Text = Field(description="Nom court du label")
    label_body: Text = Field(description="Organisme qui porte le label")
    label_body_short: Text = Field(description="Sigle de cet organisme")
    label_issuer: Text = Field(description="Organisme qui délivre le label")
    organiser: Text = Field(description="Organisateur de l'action")
    region: Text = Field(description="Région des entreprises")
    context: Context
    summary: Text = Field(description="Résumé de l'offre")
    audience: Audience
    prerequisites: Text = Field(description="Prérequis")
    pillars: tuple[Text, ...] = Field(description="Piliers du parcours, un par ligne « - »")
    label_value: Text = Field(description="Ce que vaut le label, en une phrase")
    orchestration: Text = Field(description="Qui orchestre le dispositif")
    benefits: tuple[Benefit, ...] = Field(description="Bénéfices par entreprise")
    outcomes: Outcomes
    training_offer: TrainingOffer


# -------------------------------------------------------------- contacts.yml
class Person(StrictModel):
    """Une personne à contacter."""

    id: Ident
    name: Text = Field(description="Prénom et NOM")
    email: Email = Field(description="Adresse e-mail")
    role: Text = Field(description="Pour quelles questions la contacter")


class GeneralContact(StrictModel):
    """Contact général du pôle."""

    email: Email = Field(description="Adresse e-mail")
    role: Text = Field(description="Pour quelles questions l'utiliser")


class Contacts(StrictModel):
    """data/contacts.yml : les contacts publiés."""

    website: Annotated[str, Field(pattern=r"^https://")] = Field(description="Site du pôle, commençant par https://")
    social_handle: Text = Field(description="Compte sur les réseaux sociaux (entre guillemets s'il commence par @)")
    people: tuple[Person, ...] = Field(description="Personnes à contacter")
    general: GeneralContact


# --------------------------------------------------------------- pricing.yml
class Named(StrictModel):
    """Un profil ou une tranche, avec son libellé."""

    id: Ident
    label: Text = Field(description="Libellé affiché")


class Contract(StrictModel):
    """Un contrat : avec qui l'entreprise contractualise."""

    id: Ident
    label: Text = Field(description="Avec qui")
    scope: Text = Field(description="Pour quoi")
    note: Text = Field(description="Explication affichée")


class Item(StrictModel):
    """Un poste de prix."""

    id: Ident
    label: Text = Field(description="Libellé du poste")
    contract: Ident | None = Field(default=None, description="Identifiant du contrat qui le facture (contracts) ; absent quand la plaquette ne le dit pas")
    years: Annotated[tuple[Annotated[int, Field(ge=1, le=3)], ...], Field(min_length=1)] | None = Field(
        default=None, description="Années concernées (1, 2 ou 3) ; absent pour des frais uniques dont la plaquette ne dit pas l'année"
    )
    amount: Euros = Field(description="Montant en euros entiers, par année concernée, sans espace ni symbole (ex. 1650)")
    minimum: bool = Field(default=False, description="Prix « à partir de » (true) ou prix fixe (false)")
    opco_fundable: bool = Field(default=False, description="Finançable par l'OPCO (true ou false)")
    memberships: tuple[Ident, ...] | None = Field(default=None, description="Réservé à ces profils (identifiants de memberships ; tous si absent)")
    revenue_tiers: tuple[Ident, ...] | None = Field(default=None, description="Réservé à ces tranches de CA (identifiants de revenue_tiers ; toutes si absent)")


class OpcoFunding(StrictModel):
    """Prise en charge de la formation par l'OPCO, en pourcentage."""

    min_percent: Annotated[int, Field(ge=0, le=100)] = Field(description="Prise en charge minimale (0 à 100)")
    max_percent: Annotated[int, Field(ge=0, le=100)] = Field(description="Prise en charge maximale (0 à 100)")


class Reference(StrictModel):
    """Prix de référence « au lieu de »."""

    amount: Euros = Field(description="Prix de référence en euros entiers (ex. 9500)")
    years: Annotated[int, Field(ge=1, le=3)] = Field(description="Nombre d'années couvertes (1 à 3)")
    membership: Ident = Field(description="Profil de référence (identifiant de memberships)")
    revenue_tier: Ident = Field(description="Tranche de CA de référence (identifiant de revenue_tiers)")


class Pricing(StrictModel):
    """data/pricing.yml : les postes de prix ; aucun total n'est saisi."""

    currency: Literal["EUR"] = Field(description="Devise : EUR")
    tax_basis: Literal["ht", "ttc", "non_precise"] = Field(description="Prix HT, TTC ou non précisé")
    memberships: tuple[Named, ...] = Field(min_length=2, description="Profils : le profil de référence (adhérent) et au moins un autre (non adhérent)")
    revenue_tiers: tuple[Named, ...] = Field(min_length=1, description="Tranches de chiffre d'affaires")
    contracts: tuple[Contract, ...] = Field(min_length=1, description=f"Contrats ({CONTRACT_ENTER} et {CONTRACT_TRAINING} sont obligatoires)")
    items: tuple[Item, ...] = Field(min_length=1, description=f"Postes de prix ({ITEM_YEARLY_FEE} est obligatoire)")
    opco_funding: OpcoFunding
    reference: Reference


# -------------------------------------------------------------------- data set
class Restricted(StrictModel):
    """What only the restricted variant loads: sections 5 and 6."""

    programme: RestrictedProgramme
    planning: Plan


class Data(StrictModel):
    """Every data file an audience may see, validated and cross-checked.

    `restricted` is None in the public variant: the files are never opened.
    """

    offer: Offer
    contacts: Contacts
    pricing: Pricing
    programme: Programme
    planning: Planning
    restricted: Restricted | None = None


FILES: dict[str, type[StrictModel]] = {
    "offer": Offer,
    "contacts": Contacts,
    "pricing": Pricing,
    "programme": Programme,
    "planning": Planning,
}
RESTRICTED_FILES: dict[str, type[StrictModel]] = {
    "programme": RestrictedProgramme,
    "planning": Plan,
}
