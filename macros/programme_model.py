"""The models of the programme and its planning: programme.yml and planning.yml, public and restricted.

Phases and the cohort are public; sequences (unless ENTER publishes them),
modules and the planning's rows are read only by the restricted variant
(data/restricted/). Descriptions are French: they feed the JSON Schemas.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .field_types import Day, Format, Ident, Kind, Mode, ModuleCode, Month, MonthIndex, Quantity, RowFormat, StrictModel, Text

# The phases the pages compute with, by id: an editor may change them, not
# remove them (cross_checks.REQUIRED_IDS checks that they are there).
PHASE_UNDERSTAND = "comprendre"  # its months are the training's
PHASE_ACT = "agir"  # its months are the accompaniment's


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
