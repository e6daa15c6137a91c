"""The constrained types of the data model: euros, quantities, dates, months, ids.

Each type carries its validation, its French message and its JSON Schema
together (`WithJsonSchema`), written as the editor sees the YAML: a date is
the text `AAAA-MM-JJ`, a month `AAAA-MM`, an amount a whole number.
`StrictModel` is the base of every model: frozen, strict, unknown keys refused.
The closed lists (kinds, modes, formats) have their French labels beside them.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_LOOSE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FORMAT = "une date au format AAAA-MM-JJ (ex. 2025-11-30)"
# Plausible upper bounds: a typo (an extra zero, 1e25) is refused with its
# file and line instead of overflowing a computation later.
MAX_EUROS = 1_000_000
MAX_QUANTITY = 10_000
MAX_COUNT = 10_000
MAX_MONTHS = 60


def _euros(value: Any) -> Decimal:
    """Whole euros, written as a plain non-negative integer (1650)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("euros", "un montant en euros entiers, sans espace ni symbole (ex. 1650)")
    if value < 0:
        raise PydanticCustomError("euros_negative", "un montant positif ou nul")
    if value > MAX_EUROS:
        raise PydanticCustomError("euros_large", "un montant d'au plus {limit} euros", {"limit": MAX_EUROS})
    return Decimal(value)


def _quantity(value: Any) -> Decimal:
    """A non-negative duration or count, decimals allowed (2.5)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PydanticCustomError("quantity", "un nombre (ex. 2 ou 0.5)")
    if value < 0:
        raise PydanticCustomError("quantity_negative", "un nombre positif ou nul")
    if value > MAX_QUANTITY:
        raise PydanticCustomError("quantity_large", "un nombre d'au plus {limit}", {"limit": MAX_QUANTITY})
    return Decimal(str(value))


def _day(value: Any) -> dt.date:
    """A real calendar date written AAAA-MM-JJ (quoted or not)."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("day", "une date sans heure au format AAAA-MM-JJ (ex. 2025-11-30)")
    if isinstance(value, dt.date):
        return value
    loose = _DAY_LOOSE.match(value) if isinstance(value, str) else None
    if loose is None:
        raise PydanticCustomError("day", _DAY_FORMAT)
    try:
        day = dt.date(*(int(part) for part in loose.groups()))
    except ValueError:
        raise PydanticCustomError("day_impossible", "une date qui existe dans le calendrier") from None
    if not _DAY.match(value):
        raise PydanticCustomError("day", "une date au format AAAA-MM-JJ, mois et jour sur deux chiffres (ex. 2025-02-03)")
    return day


def _month(value: Any) -> dt.date:
    """A month written AAAA-MM, kept as its first day."""
    if isinstance(value, str):
        match = _MONTH.match(value)
        if match and 1 <= int(match.group(2)) <= 12:
            return dt.date(int(match.group(1)), int(match.group(2)), 1)
    raise PydanticCustomError("month", "un mois au format AAAA-MM (ex. 2026-01)")


Euros = Annotated[
    Decimal,
    BeforeValidator(_euros),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_EUROS, "description": "Montant en euros entiers, sans espace ni symbole (ex. 1650)"}),
]
Quantity = Annotated[
    Decimal,
    BeforeValidator(_quantity),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_QUANTITY, "description": "Nombre positif, décimales possibles (ex. 2 ou 0.5)"}),
]
Day = Annotated[
    dt.date,
    BeforeValidator(_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "Date au format AAAA-MM-JJ (ex. 2025-11-30)"}),
]
Month = Annotated[
    dt.date,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$", "description": "Mois au format AAAA-MM (ex. 2026-01)"}),
]
Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Identifiant stable (minuscules, chiffres, - ou _)")]
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
MonthIndex = Annotated[int, Field(ge=1, le=MAX_MONTHS)]
Email = Annotated[str, Field(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}$")]
ModuleCode = Annotated[str, Field(pattern=r"^\d{1,2}\.\d{1,2}$")]


class StrictModel(BaseModel):
    """Base of the models: frozen, strict, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# Closed lists of values (modules and planning rows) and the French label of each.
Kind = Literal[
    "lancement", "e_learning", "formation", "examen", "presentation",
    "accompagnement", "audit", "comite", "evenement", "cloture",
]
Mode = Literal["presentiel", "virtuel", "distanciel"]
Format = Literal["groupe", "individuel"]

# Each value's French label, beside its Literal (tests/test_layers.py checks the keys match).
KIND_LABELS: dict[str, str] = {
    "lancement": "Lancement", "e_learning": "E-learning", "formation": "Formation",
    "examen": "Examen", "presentation": "Présentation", "accompagnement": "Accompagnement",
    "audit": "Audit", "comite": "Comité", "evenement": "Évènement", "cloture": "Clôture",
}
MODE_LABELS: dict[str, str] = {"presentiel": "présentiel", "virtuel": "virtuel", "distanciel": "distanciel"}
FORMAT_LABELS: dict[str, str] = {"groupe": "en groupe", "individuel": "individuel"}
RowFormat = Literal["groupe", "individuel", "preparation"]
