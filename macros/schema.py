"""Validation: each file against its model, then references across files.

Every problem is collected and reported at once, in French, with its file,
line, column and field, as `data/pricing.yml, ligne 12, colonne 13 :
items[0].amount : attendu …, trouvé …`.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, DataErrors
from .loader import LoadedFile, load_file
from .model import FILES, Data, Programme
from .timeline import sequence_months, sequence_span

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
    """French DataErrors from pydantic's errors.

    A misspelt key gives two pydantic errors (unknown key, missing field):
    when the suggestion names the missing field, only the first is kept.
    """
    result = []
    suggested: set[tuple[Any, ...]] = set()
    errors = [
        (tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith(("function-", "lax-", "strict-")))), error)
        for error in exc.errors()
    ]
    for loc, error in errors:
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            known = _fields_at(model, loc[:-1])
            guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else ""
            if guess:
                suggested.add((*loc[:-1], guess[0]))
            message = f"clé inconnue « {key} » (clés connues : {', '.join(known)}){hint}"
        elif kind == "missing":
            message = f"champ obligatoire « {loc[-1]} » manquant"
        elif kind == "literal_error":
            expected = error["ctx"]["expected"].replace("'", "").replace(" or ", " ou ")
            choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
            guess = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6) if isinstance(value, str) else []
            hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else ""
            message = f"attendu une de ces valeurs : {expected}, trouvé {_found(value)}{hint}"
        elif kind == "greater_than_equal":
            message = f"attendu un nombre supérieur ou égal à {error['ctx']['ge']}, trouvé {_found(value)}"
        elif kind == "greater_than":
            message = f"attendu un nombre supérieur à {error['ctx']['gt']}, trouvé {_found(value)}"
        elif kind == "less_than_equal":
            message = f"attendu un nombre inférieur ou égal à {error['ctx']['le']}, trouvé {_found(value)}"
        elif kind == "less_than":
            message = f"attendu un nombre inférieur à {error['ctx']['lt']}, trouvé {_found(value)}"
        elif kind == "too_short" and isinstance(value, (list, tuple)):
            least = error["ctx"]["min_length"]
            wanted = "une liste non vide" if least == 1 else f"une liste d'au moins {least} éléments"
            found = "une liste vide" if not value else f"{len(value)} élément{'s' if len(value) > 1 else ''}"
            message = f"attendu {wanted}, trouvé {found}"
        elif kind == "string_pattern_mismatch":
            message = f"attendu {_pattern_hint(loc)}, trouvé {_found(value)}"
        elif kind in _EXPECTED:
            message = f"attendu {_EXPECTED[kind]}, trouvé {_found(value)}"
        else:
            message = f"attendu {error['msg']}, trouvé {_found(value)}"
        result.append((loc, kind, loaded.error(loc, message, at_key=kind == "extra_forbidden")))
    return [error for loc, kind, error in result if not (kind == "missing" and loc in suggested)]


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
    errors += _check_required(data, files)
    errors += _check_dates(data, files)
    errors += _check_pricing(data, files["pricing"])
    errors += _check_programme(data, files["programme"])
    errors += _check_planning(data, files["planning"])
    errors += _check_offer(data, files["offer"])
    return errors


# Records the pages compute with: an editor may change them, not remove them.
REQUIRED_IDS: tuple[tuple[str, str, str, str], ...] = (
    ("programme", "phases", "comprendre", "étape"),
    ("programme", "phases", "agir", "étape"),
    ("pricing", "contracts", "enter", "contrat"),
    ("pricing", "contracts", "organisme_formation", "contrat"),
    ("pricing", "items", "redevance_lucie", "poste"),
)
YEARS = (2000, 2099)


def _check_required(data: Data, files: dict[str, LoadedFile]) -> list[DataError]:
    """The records the site computes with are present."""
    errors = []
    for file, field, ident, what in REQUIRED_IDS:
        records = getattr(getattr(data, file), field)
        known = [record.id for record in records]
        if ident not in known:
            errors.append(files[file].error((field,), f"attendu un {what} d'identifiant « {ident} » (le site calcule avec lui), trouvé : {', '.join(known)}"))
    return errors


def _check_dates(data: Data, files: dict[str, LoadedFile]) -> list[DataError]:
    """Every date and month falls in a plausible century (typos like 2205)."""
    cohort = data.planning.cohort
    dated: list[tuple[str, tuple[Any, ...], Any]] = [
        ("offer", ("updated_on",), data.offer.updated_on),
        *(("planning", ("cohort", key), getattr(cohort, key)) for key in ("intentions_deadline", "commitment_deadline", "kickoff_from", "first_month")),
    ]
    for index, row in enumerate(data.planning.planning.rows):
        dated.append(("planning", ("planning", "rows", index, "start"), row.start))
        if row.end is not None:
            dated.append(("planning", ("planning", "rows", index, "end"), row.end))
    errors = []
    for file, path, value in dated:
        if not YEARS[0] <= value.year <= YEARS[1]:
            errors.append(files[file].error(path, f"attendu une année entre {YEARS[0]} et {YEARS[1]}, trouvé {value.year}"))
    return errors


_FEMININE = ("tranche", "phase", "séquence", "étape")


def _unknown(loaded: LoadedFile, path: tuple[Any, ...], what: str, value: str, known: list[str]) -> DataError:
    """« profil inconnu « x » (connus : …) ; vouliez-vous dire … ? »."""
    feminine = what.startswith(_FEMININE)
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f" ; vouliez-vous dire « {guess[0]} » ?" if guess else ""
    unknown, listed = ("inconnue", "connues") if feminine else ("inconnu", "connus")
    return loaded.error(path, f"{what} {unknown} « {value} » ({listed} : {', '.join(known)}){hint}")


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
    elif not any(pricing.reference.revenue_tier in (item.revenue_tiers or ()) for item in pricing.items):
        errors.append(loaded.error(("reference", "revenue_tier"), f"attendu une tranche dont des postes (items) donnent le prix, trouvé « {pricing.reference.revenue_tier} », citée par aucun poste dans revenue_tiers"))
    if pricing.reference.amount == 0:
        errors.append(loaded.error(("reference", "amount"), "attendu un prix de référence supérieur à 0, trouvé 0"))
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
    numbers: dict[int, str] = {}
    for index, sequence in enumerate(programme.sequences):
        if sequence.phase not in phases:
            errors.append(_unknown(loaded, ("sequences", index, "phase"), "étape", sequence.phase, phases))
        if sequence.number in numbers:
            errors.append(loaded.error(("sequences", index, "number"), f"numéro en double {sequence.number} (déjà celui de la séquence {numbers[sequence.number]}) : chaque séquence a le sien"))
        numbers.setdefault(sequence.number, sequence.id)
    for index, module in enumerate(programme.modules):
        path = ("modules", index)
        if module.sequence not in sequences:
            errors.append(_unknown(loaded, (*path, "sequence"), "séquence", module.sequence, sequences))
        if (module.duration is None) != (module.unit is None):
            errors.append(loaded.error(path, "attendu une durée (duration) et son unité (unit) ensemble, ou aucune des deux"))
        if module.end_month is not None and module.end_month < module.month:
            errors.append(loaded.error((*path, "end_month"), f"attendu un mois de fin après le mois de début ({module.month}), trouvé {module.end_month}"))
    if errors:
        return errors
    errors += _check_module_codes(programme, loaded)
    errors += _check_module_months(programme, loaded)
    for index, phase in enumerate(programme.phases):
        if not any(sequence_months(programme, s.id) for s in programme.sequences if s.phase == phase.id):
            errors.append(loaded.error(("phases", index), f"attendu au moins un module dans l'étape « {phase.id} » (par ses séquences), trouvé aucun"))
    return errors


def _check_module_codes(programme: Programme, loaded: LoadedFile) -> list[DataError]:
    """A module's code starts with its sequence's number (module 2.3 is in sequence 2)."""
    number = {s.id: s.number for s in programme.sequences}
    errors = []
    for index, module in enumerate(programme.modules):
        prefix = module.code.split(".", 1)[0]
        if int(prefix) != number[module.sequence]:
            errors.append(loaded.error(("modules", index, "code"), f"attendu un code commençant par {number[module.sequence]} (séquence {module.sequence}), trouvé « {module.code} »"))
    return errors


def _check_module_months(programme: Programme, loaded: LoadedFile) -> list[DataError]:
    """Sequences follow each other: a module starts between the neighbouring sequences' starts."""
    ordered = sorted(programme.sequences, key=lambda s: s.number)
    starts = {s.id: (sequence_months(programme, s.id) or (None, None))[0] for s in ordered}
    errors = []
    for index, module in enumerate(programme.modules):
        position = next(i for i, s in enumerate(ordered) if s.id == module.sequence)
        before = next((s for s in reversed(ordered[:position]) if starts[s.id] is not None), None)
        after = next((s for s in ordered[position + 1:] if starts[s.id] is not None), None)
        low = starts[before.id] if before is not None else None
        high = starts[after.id] if after is not None else None
        if (low is not None and module.month < low) or (high is not None and module.month > high):
            bounds = []
            if low is not None:
                bounds.append(f"à partir de M{low} (début de la séquence {before.id})")
            if high is not None:
                bounds.append(f"au plus tard M{high} (début de la séquence {after.id})")
            errors.append(loaded.error(("modules", index, "month"), f"attendu un mois dans la séquence {module.sequence}, {' et '.join(bounds)}, trouvé M{module.month}"))
    return errors


def _check_planning(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Deadlines in order; rows name known modules, inside their sequence."""
    errors = []
    cohort = data.planning.cohort
    if cohort.intentions_deadline > cohort.commitment_deadline:
        errors.append(loaded.error(("cohort", "intentions_deadline"), f"attendu une date au plus tard le jour de l'engagement ({cohort.commitment_deadline.isoformat()}), trouvé {cohort.intentions_deadline.isoformat()}"))
    if cohort.commitment_deadline > cohort.kickoff_from:
        errors.append(loaded.error(("cohort", "commitment_deadline"), f"attendu une date au plus tard le jour du kick-off ({cohort.kickoff_from.isoformat()}), trouvé {cohort.commitment_deadline.isoformat()}"))
    first_month_wrong = cohort.first_month < cohort.kickoff_from.replace(day=1)
    if first_month_wrong:
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
        if first_month_wrong:  # the rows follow M1: fix it first
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
