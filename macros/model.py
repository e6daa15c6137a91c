"""The typed data model: one frozen pydantic model per data file.

Descriptions are French: they feed the JSON Schemas (`schemas/`, generated
by `tools/schemas.py`) that editors see in their editor. Money is `Decimal`,
dates are `datetime.date`. The constrained types (euros, dates, months, ids),
with their messages and JSON Schemas, are in `field_types.py`.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .field_types import Count, Day, Email, Euros, Format, Ident, Kind, Mode, ModuleCode, Month, MonthIndex, Quantity, RowFormat, StrictModel, Text

# The records the pages compute with, by id: an editor may change them, not
# remove them (cross_checks.REQUIRED_IDS checks that they are there).
PHASE_UNDERSTAND = "comprendre"  # its months are the training's
PHASE_ACT = "agir"  # its months are the accompaniment's
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


# ------------------------------------------------------------- programme.yml
class Phase(StrictModel):
    """Une étape du parcours (plaquette, section 3 « Les grandes lignes », publique)."""

    id: Ident
    title: Text = Field(description="Titre de l'étape")
    format: Text = Field(description="Déroulement, en une phrase")
    outcome: Text = Field(description="Ce qui la sanctionne")
    training_days: Quantity | None = Field(
        default=None, description="Jours de formation de l'étape, comme la plaquette les annonce (vérifiés par la variante restreinte contre les modules)"
    )
    accompaniment_days: Quantity | None = Field(
        default=None, description="Jours d'accompagnement de l'étape, comme la plaquette les annonce (vérifiés contre les modules)"
    )
    months: MonthIndex = Field(description="Durée de l'étape en mois (la durée totale du parcours en est la somme)")


class Sequence(StrictModel):
    """Une séquence du parcours (plaquette, section 5 : diffusion restreinte par défaut)."""

    id: Ident
    number: Annotated[int, Field(ge=1, le=99)] = Field(description="Numéro de la séquence (1, 2…) : ordre du parcours")
    phase: Ident = Field(description="Identifiant de l'étape (phases de data/programme.yml)")
    title: Text = Field(description="Titre de la séquence")
    objective: Text = Field(description="Objectif de la séquence")
    rhythm: Text | None = Field(default=None, description="Rythme tel que la plaquette l'écrit, affiché tel quel (ex. « M3 à M5 (3 mois) »)")


class Programme(StrictModel):
    """data/programme.yml : les étapes du parcours (publiques) ; la durée totale est calculée."""

    modes: tuple[Mode, ...] = Field(default=(), description="Modalités du parcours (presentiel, virtuel, distanciel), telles que la section 3 les annonce")
    phases: tuple[Phase, ...] = Field(min_length=1, description=f"Étapes du parcours ({PHASE_UNDERSTAND} et {PHASE_ACT} sont obligatoires)")
    sequences: tuple[Sequence, ...] | None = Field(
        default=None, description="Séquences, seulement si ENTER décide de les publier (sinon dans data/restricted/programme.yml)"
    )


class Counting(StrictModel):
    """Règle de décompte des jours."""

    training_kinds: tuple[Kind, ...] = Field(description="Types de modules comptés en jours de formation")
    accompaniment_kinds: tuple[Kind, ...] = Field(description="Types de modules comptés en jours d'accompagnement")


class Module(StrictModel):
    """Un module (section 5, diffusion restreinte)."""

    code: ModuleCode = Field(description="Code du module, ex. \"2.3\" (entre guillemets), le premier chiffre étant le numéro de sa séquence")
    sequence: Ident = Field(description="Identifiant de la séquence (sequences)")
    title: Text = Field(description="Titre du module")
    detail: Text | None = Field(default=None, description="Précision affichée sous le titre")
    kind: Kind = Field(description="Type de module (compte ou non dans les jours, selon counting)")
    duration: Quantity | None = Field(default=None, description="Durée, avec son unité (unit)")
    unit: Literal["minutes", "heures", "jours"] | None = Field(default=None, description="Unité de la durée")
    mode: Mode | None = Field(default=None, description="Modalité")
    format: Format = Field(description="En groupe ou en individuel")
    month: MonthIndex = Field(description="Mois de début dans le parcours (1 = M1, au plus 60)")
    end_month: MonthIndex | None = Field(default=None, description="Mois de fin dans le parcours, si le module dure plusieurs mois (au plus 60)")
    week: Annotated[int, Field(ge=1, le=5)] | None = Field(default=None, description="Semaine dans le mois (1 à 5)")


class RestrictedProgramme(StrictModel):
    """data/restricted/programme.yml : le détail de l'opération (section 5, diffusion restreinte)."""

    aim: Text = Field(description="Objectif de l'opération collective (en tête de la section 5)")
    counting: Counting
    sequences: tuple[Sequence, ...] | None = Field(default=None, description="Séquences du parcours (à déplacer dans data/programme.yml pour les publier)")
    modules: tuple[Module, ...] = Field(min_length=1, description="Modules du parcours")


# -------------------------------------------------------------- planning.yml
class Cohort(StrictModel):
    """La cohorte : identifiant, places et dates. Ouvrir une cohorte, c'est changer ce bloc seulement."""

    id: Ident = Field(
        description="Identifiant de la cohorte, avec l'année de son premier mois (ex. cohorte-2025-2026) : il distingue les agendas de chaque cohorte"
    )
    places: Annotated[int, Field(ge=1, le=1000)] = Field(description="Nombre d'entreprises accompagnées")
    places_taken: Annotated[int, Field(ge=0, le=1000)] | None = Field(default=None, description="Places déjà prises (null : non publié)")
    registration_opens: Day | None = Field(default=None, description="Ouverture des inscriptions (AAAA-MM-JJ) ; null : déjà ouvertes")
    intentions_deadline: Day = Field(description="Fin de la collecte des intentions de participation (AAAA-MM-JJ)")
    commitment_deadline: Day = Field(description="Date limite d'engagement (AAAA-MM-JJ), au plus tard le jour du kick-off")
    kickoff_from: Day = Field(description="Kick-off « à partir du » (AAAA-MM-JJ)")
    first_month: Month = Field(description="Mois M1 du parcours (AAAA-MM), à partir du mois du kick-off")


class NextCohort(StrictModel):
    """Ce que le site dit de la session suivante, une fois celle-ci close (rien si absent)."""

    registration_opens: Day | None = Field(default=None, description="Ouverture des inscriptions de la session suivante (AAAA-MM-JJ)")
    contact_to_be_told: bool = Field(default=False, description="true : inviter à contacter ENTER pour être informé de la session suivante")


class Planning(StrictModel):
    """data/planning.yml : la cohorte (publique)."""

    cohort: Cohort
    next_cohort: NextCohort | None = Field(default=None, description="Session suivante : à renseigner seulement quand ENTER l'annonce")


class Legend(StrictModel):
    """Légende du planning."""

    groupe: Text = Field(description="Libellé des activités en groupe")
    individuel: Text = Field(description="Libellé des activités en individuel")
    preparation: Text = Field(description="Libellé de la préparation individuelle")


class Row(StrictModel):
    """Une ligne du planning prévisionnel, placée en mois du parcours (M1 = premier mois de la cohorte)."""

    id: Ident
    sequence: Ident = Field(description="Identifiant de la séquence")
    title: Text = Field(description="Titre de la ligne")
    note: Text | None = Field(default=None, description="Précision affichée")
    modules: tuple[ModuleCode, ...] = Field(default=(), description="Codes des modules, entre guillemets (ex. [\"2.1\", \"2.2\"])")
    format: RowFormat = Field(description="groupe, individuel ou preparation")
    month: MonthIndex = Field(description="Mois de début dans le parcours (1 = M1)")
    end_month: MonthIndex | None = Field(default=None, description="Mois de fin dans le parcours ; le mois de début si absent")


class Plan(StrictModel):
    """data/restricted/planning.yml : le planning prévisionnel (section 6, diffusion restreinte)."""

    note: Text = Field(description="Mention affichée avec le planning")
    legend: Legend
    rows: tuple[Row, ...] = Field(min_length=1, description="Lignes du planning")


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
