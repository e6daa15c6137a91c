"""Validation: each file against its model, then references across files.

Every problem is collected and reported at once, in French, with its file,
line, column and field, as `data/pricing.yml, ligne 12, colonne 13 :
items[0].amount : attendu …, trouvé …`.
"""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, DataErrors
from .loader import LoadedFile, load_file
from .model import FILES, Data

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_EXPECTED = {
    "missing": "ce champ, obligatoire",
    "string_type": "du texte",
    "int_type": "un nombre entier",
    "bool_type": "true ou false",
    "tuple_type": "une liste (lignes commençant par « - »)",
    "model_type": "une section de clés « clé: valeur »",
    "dict_type": "une section de clés « clé: valeur »",
    "model_attributes_type": "une section de clés « clé: valeur »",
    "decimal_type": "un nombre",
    "string_too_short": "un texte non vide",
    "too_short": "une liste non vide",
}


def load_data(data_dir: Path = DATA_DIR, *, root: Path | None = None) -> Data:
    """Load, validate and cross-check every data file; raise DataErrors."""
    root = root or data_dir.parent
    files: dict[str, LoadedFile] = {}
    errors: list[DataError] = []
    parsed: dict[str, Any] = {}
    for key, model in FILES.items():
        path = data_dir / f"{key}.yml"
        name = _display_name(path, root)
        try:
            loaded = load_file(path, name=name)
        except DataErrors as exc:
            errors.extend(exc.errors)
            continue
        files[key] = loaded
        if not isinstance(loaded.data, dict):
            errors.append(loaded.error((), f"attendu une section de clés « clé: valeur », trouvé {_found(loaded.data)}"))
            continue
        try:
            parsed[key] = model.model_validate(loaded.data)
        except ValidationError as exc:
            errors.extend(_translate(exc, loaded, model))
    if errors:
        raise DataErrors(errors)
    data = Data(**parsed)
    errors.extend(cross_check(data, files))
    if errors:
        raise DataErrors(errors)
    return data


def _display_name(path: Path, root: Path) -> str:
    """`data/pricing.yml`, relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _found(value: Any) -> str:
    """How a found value is quoted in a message."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "une section de clés"
    if isinstance(value, (list, tuple)):
        return "une liste"
    if isinstance(value, str):
        return f"« {value} »"
    return str(value)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Known keys of the model reached by `loc` (for « vouliez-vous dire »)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside tuple[...] or X | None, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _translate(exc: ValidationError, loaded: LoadedFile, model: type[BaseModel]) -> list[DataError]:
    """French DataErrors from pydantic's errors."""
    result = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith(("function-", "lax-", "strict-"))))
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            known = _fields_at(model, loc[:-1])
            guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else ""
            message = f"clé inconnue « {key} » (clés connues : {', '.join(known)}){hint}"
        elif kind == "missing":
            message = f"champ obligatoire « {loc[-1]} » manquant"
        elif kind == "literal_error":
            expected = error["ctx"]["expected"].replace("'", "")
            message = f"attendu une de ces valeurs : {expected}, trouvé {_found(value)}"
        elif kind in ("greater_than_equal", "greater_than"):
            message = f"attendu un nombre supérieur ou égal à {error['ctx'].get('ge', error['ctx'].get('gt'))}, trouvé {_found(value)}"
        elif kind in ("less_than_equal", "less_than"):
            message = f"attendu un nombre inférieur ou égal à {error['ctx'].get('le', error['ctx'].get('lt'))}, trouvé {_found(value)}"
        elif kind == "string_pattern_mismatch":
            message = f"attendu {_pattern_hint(loc)}, trouvé {_found(value)}"
        elif kind in _EXPECTED:
            message = f"attendu {_EXPECTED[kind]}, trouvé {_found(value)}"
        else:
            message = f"attendu {error['msg']}, trouvé {_found(value)}"
        result.append(loaded.error(loc, message, at_key=kind == "extra_forbidden"))
    return result


def _pattern_hint(loc: tuple[Any, ...]) -> str:
    """What a pattern-checked field expects, in words."""
    last = str(loc[-1]) if loc else ""
    if last == "email":
        return "une adresse e-mail"
    if last == "code":
        return "un code de module comme \"2.3\", entre guillemets"
    if last == "website":
        return "une adresse commençant par https://"
    return "un identifiant en minuscules, chiffres, - ou _ (sans espace ni accent)"


def cross_check(data: Data, files: dict[str, LoadedFile]) -> list[DataError]:
    """References and dates that span several records or files."""
    errors: list[DataError] = []
    errors += _check_unique(files)
    errors += _check_pricing(data, files["pricing"])
    errors += _check_programme(data, files["programme"])
    errors += _check_planning(data, files["planning"])
    errors += _check_offer(data, files["offer"])
    return errors


def _unknown(loaded: LoadedFile, path: tuple[Any, ...], what: str, value: str, known: list[str]) -> DataError:
    """« attendu un … connu, trouvé « x » (connus : …) »."""
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else ""
    return loaded.error(path, f"{what} inconnu « {value} » (connus : {', '.join(known)}){hint}")


def _check_unique(files: dict[str, LoadedFile]) -> list[DataError]:
    """Every `id` (or module `code`) is unique within its list."""
    errors = []
    for loaded in files.values():
        for path, value in _lists(loaded.data, ()):
            keys = [item.get("id", item.get("code")) for item in value if isinstance(item, dict)]
            counts = Counter(key for key in keys if key is not None)
            for index, key in enumerate(keys):
                if key is not None and counts[key] > 1 and keys.index(key) != index:
                    field = "code" if "code" in value[index] else "id"
                    errors.append(loaded.error((*path, index, field), f"identifiant en double « {key} » : chaque élément doit avoir le sien"))
    return errors


def _lists(value: Any, path: tuple[Any, ...]):
    """Every list of the tree with its path."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _lists(child, (*path, key))
    elif isinstance(value, tuple):
        yield path, value
        for index, child in enumerate(value):
            yield from _lists(child, (*path, index))


def _check_pricing(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Items name known contracts, memberships and revenue tiers."""
    pricing = data.pricing
    errors = []
    contracts = [c.id for c in pricing.contracts]
    memberships = [m.id for m in pricing.memberships]
    tiers = [t.id for t in pricing.revenue_tiers]
    for index, item in enumerate(pricing.items):
        if item.contract not in contracts:
            errors.append(_unknown(loaded, ("items", index, "contract"), "contrat", item.contract, contracts))
        for j, member in enumerate(item.memberships or ()):
            if member not in memberships:
                errors.append(_unknown(loaded, ("items", index, "memberships", j), "profil", member, memberships))
        for j, tier in enumerate(item.revenue_tiers or ()):
            if tier not in tiers:
                errors.append(_unknown(loaded, ("items", index, "revenue_tiers", j), "tranche de chiffre d'affaires", tier, tiers))
    if pricing.reference.membership not in memberships:
        errors.append(_unknown(loaded, ("reference", "membership"), "profil", pricing.reference.membership, memberships))
    if pricing.reference.revenue_tier not in tiers:
        errors.append(_unknown(loaded, ("reference", "revenue_tier"), "tranche de chiffre d'affaires", pricing.reference.revenue_tier, tiers))
    funding = pricing.opco_funding
    if funding.min_percent > funding.max_percent:
        errors.append(loaded.error(("opco_funding", "min_percent"), f"attendu un minimum inférieur ou égal au maximum ({funding.max_percent}), trouvé {funding.min_percent}"))
    return errors


def _check_programme(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Modules name known sequences, have consistent durations and months."""
    programme = data.programme
    errors = []
    phases = [p.id for p in programme.phases]
    sequences = [s.id for s in programme.sequences]
    for index, sequence in enumerate(programme.sequences):
        if sequence.phase not in phases:
            errors.append(_unknown(loaded, ("sequences", index, "phase"), "phase", sequence.phase, phases))
    for index, module in enumerate(programme.modules):
        path = ("modules", index)
        if module.sequence not in sequences:
            errors.append(_unknown(loaded, (*path, "sequence"), "séquence", module.sequence, sequences))
        if (module.duration is None) != (module.unit is None):
            errors.append(loaded.error(path, "attendu une durée (duration) et son unité (unit) ensemble, ou aucune des deux"))
        if module.end_month is not None and module.end_month < module.month:
            errors.append(loaded.error((*path, "end_month"), f"attendu un mois de fin après le mois de début ({module.month}), trouvé {module.end_month}"))
    return errors


def _check_planning(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Deadlines in order; rows name known modules, inside their sequence."""
    from .timeline import sequence_span  # local: timeline depends on the model only

    errors = []
    cohort = data.planning.cohort
    if cohort.intentions_deadline > cohort.commitment_deadline:
        errors.append(loaded.error(("cohort", "intentions_deadline"), f"attendu une date au plus tard le jour de l'engagement ({cohort.commitment_deadline.isoformat()}), trouvé {cohort.intentions_deadline.isoformat()}"))
    if cohort.commitment_deadline > cohort.kickoff_from:
        errors.append(loaded.error(("cohort", "commitment_deadline"), f"attendu une date au plus tard le jour du kick-off ({cohort.kickoff_from.isoformat()}), trouvé {cohort.commitment_deadline.isoformat()}"))
    if cohort.first_month < cohort.kickoff_from.replace(day=1):
        errors.append(loaded.error(("cohort", "first_month"), f"attendu un mois à partir de celui du kick-off ({cohort.kickoff_from.strftime('%Y-%m')}), trouvé {cohort.first_month.strftime('%Y-%m')}"))
    if cohort.places_taken is not None and cohort.places_taken > cohort.places:
        errors.append(loaded.error(("cohort", "places_taken"), f"attendu au plus {cohort.places} places prises, trouvé {cohort.places_taken}"))
    codes = [m.code for m in data.programme.modules]
    sequences = [s.id for s in data.programme.sequences]
    for index, row in enumerate(data.planning.planning.rows):
        path = ("planning", "rows", index)
        for j, code in enumerate(row.modules):
            if code not in codes:
                errors.append(_unknown(loaded, (*path, "modules", j), "module", code, codes))
        if row.sequence not in sequences:
            errors.append(_unknown(loaded, (*path, "sequence"), "séquence", row.sequence, sequences))
            continue
        end = row.end or row.start
        if end < row.start:
            errors.append(loaded.error((*path, "end"), f"attendu un mois de fin après le début ({row.start.strftime('%Y-%m')}), trouvé {end.strftime('%Y-%m')}"))
            continue
        first, last = sequence_span(data.programme, row.sequence, first_month=cohort.first_month)
        if first is not None and (row.start < first or end > last):
            errors.append(loaded.error((*path, "start"), f"attendu des mois dans la séquence {row.sequence} ({first.strftime('%Y-%m')} à {last.strftime('%Y-%m')}), trouvé {row.start.strftime('%Y-%m')} à {end.strftime('%Y-%m')}"))
    return errors


def _check_offer(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Each benefit has a count, a computed count, or neither, not both."""
    errors = []
    for index, benefit in enumerate(data.offer.benefits):
        if benefit.count is not None and benefit.computed is not None:
            errors.append(loaded.error(("benefits", index), "attendu soit count, soit computed, pas les deux"))
    return errors
