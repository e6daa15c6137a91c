"""Validation: each file against its model, then references across files.

Every problem is collected and reported at once, in French, with its file,
line, column and field, as `data/pricing.yml, ligne 12, colonne 13 :
items[0].amount : attendu …, trouvé …`.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import sources
from . import timeline as tl
from .audience import check_audience
from .errors import DataError, DataErrors, closest, did_you_mean
from .loader import LoadedFile, load_file
from .model import FILES, RESTRICTED_FILES, Data, Restricted, Sequence


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


class RestrictedLocked(Exception):
    """The restricted sources are encrypted (git-crypt) in this working tree."""


def load_data(data_dir: Path = DATA_DIR, *, root: Path | None = None, audience: str = "public") -> Data:
    """Load, validate and cross-check the data an audience may see; raise DataErrors.

    The public variant opens only the public files: the restricted ones
    (`data/restricted/`) are never read, so no page can print them. The
    restricted variant adds them and checks the public facts against them.
    Raises RestrictedLocked when the restricted files are still encrypted.
    """
    check_audience(audience)
    root = root or data_dir.parent
    files: dict[str, LoadedFile] = {}
    errors: list[DataError] = []
    parsed = _load_models(data_dir, FILES, root=root, files=files, errors=errors, prefix="")
    restricted: dict[str, Any] = {}
    if audience == "restricted":
        folder = data_dir / sources.RESTRICTED_DATA.name
        locked = [path for path in (folder / f"{key}.yml" for key in RESTRICTED_FILES) if sources.is_locked(path)]
        if locked:
            raise RestrictedLocked(", ".join(_display_name(path, root) for path in locked))
        restricted = _load_models(folder, RESTRICTED_FILES, root=root, files=files, errors=errors, prefix="restricted/")
    if errors:
        raise DataErrors(errors)
    data = Data(**parsed, restricted=Restricted(**restricted) if restricted else None)
    errors.extend(cross_check(data, files))
    if errors:
        raise DataErrors(errors)
    return data


def _load_models(folder: Path, models: dict[str, type[BaseModel]], *, root: Path, files: dict[str, LoadedFile], errors: list[DataError], prefix: str) -> dict[str, Any]:
    """Each file of `folder` against its model; problems appended to `errors`."""
    parsed: dict[str, Any] = {}
    for key, model in models.items():
        path = folder / f"{key}.yml"
        name = _display_name(path, root)
        try:
            loaded = load_file(path, name=name)
        except DataErrors as exc:
            errors.extend(exc.errors)
            continue
        files[prefix + key] = loaded
        if not isinstance(loaded.data, dict):
            errors.append(loaded.error((), f"attendu une section de clés « clé: valeur », trouvé {_found(loaded.data)}"))
            continue
        try:
            parsed[key] = model.model_validate(loaded.data)
        except ValidationError as exc:
            errors.extend(_translate(exc, loaded, model))
    return parsed


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
            guess = closest(key, known)
            if guess:
                suggested.add((*loc[:-1], guess))
            message = f"clé inconnue « {key} » (clés connues : {', '.join(known)}){did_you_mean(key, known)}"
        elif kind == "missing":
            message = f"champ obligatoire « {loc[-1]} » manquant"
        elif kind == "literal_error":
            expected = error["ctx"]["expected"].replace("'", "").replace(" or ", " ou ")
            choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
            hint = did_you_mean(value, choices) if isinstance(value, str) else ""
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
        elif kind in ("euros_large", "quantity_large"):
            message = f"attendu {error['msg']}, trouvé {_found(value)}"
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
    errors += _check_phases(data, files["programme"])
    errors += _check_cohort(data, files["planning"])
    errors += _check_offer(data, files["offer"])
    if data.restricted is not None and not errors:
        errors += _check_restricted(data, files)
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
        *(("planning", ("cohort", key), getattr(cohort, key)) for key in ("registration_opens", "intentions_deadline", "commitment_deadline", "kickoff_from", "first_month")),
    ]
    if data.planning.next_cohort is not None:
        dated.append(("planning", ("next_cohort", "registration_opens"), data.planning.next_cohort.registration_opens))
    errors = []
    for file, path, value in dated:
        if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
            errors.append(files[file].error(path, f"attendu une année entre {YEARS[0]} et {YEARS[1]}, trouvé {value.year}"))
    return errors


_FEMININE = ("tranche", "phase", "séquence", "étape")


def _unknown(loaded: LoadedFile, path: tuple[Any, ...], what: str, value: str, known: list[str]) -> DataError:
    """« profil inconnu « x » (connus : …) ; vouliez-vous dire … ? »."""
    feminine = what.startswith(_FEMININE)
    hint = did_you_mean(value, known)
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
        if item.contract is not None and item.contract not in contracts:
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


def _check_phases(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Published sequences (if ENTER publishes them) name known phases."""
    sequences = data.programme.sequences or ()
    return _check_sequences(sequences, [p.id for p in data.programme.phases], loaded, ("sequences",))


def _check_sequences(sequences: tuple[Sequence, ...], phases: list[str], loaded: LoadedFile, path: tuple[Any, ...]) -> list[DataError]:
    """Sequences name known phases and have distinct numbers."""
    errors = []
    numbers: dict[int, str] = {}
    for index, sequence in enumerate(sequences):
        if sequence.phase not in phases:
            errors.append(_unknown(loaded, (*path, index, "phase"), "étape", sequence.phase, phases))
        if sequence.number in numbers:
            errors.append(loaded.error((*path, index, "number"), f"numéro en double {sequence.number} (déjà celui de la séquence {numbers[sequence.number]}) : chaque séquence a le sien"))
        numbers.setdefault(sequence.number, sequence.id)
    return errors


def _check_cohort(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Dates in order, places possible, an id that names the cohort's year."""
    errors = []
    cohort = data.planning.cohort
    if cohort.registration_opens is not None and cohort.registration_opens > cohort.intentions_deadline:
        errors.append(loaded.error(("cohort", "registration_opens"), f"attendu une date au plus tard le jour des intentions ({cohort.intentions_deadline.isoformat()}), trouvé {cohort.registration_opens.isoformat()}"))
    if cohort.intentions_deadline > cohort.commitment_deadline:
        errors.append(loaded.error(("cohort", "intentions_deadline"), f"attendu une date au plus tard le jour de l'engagement ({cohort.commitment_deadline.isoformat()}), trouvé {cohort.intentions_deadline.isoformat()}"))
    if cohort.commitment_deadline > cohort.kickoff_from:
        errors.append(loaded.error(("cohort", "commitment_deadline"), f"attendu une date au plus tard le jour du kick-off ({cohort.kickoff_from.isoformat()}), trouvé {cohort.commitment_deadline.isoformat()}"))
    if cohort.first_month < cohort.kickoff_from.replace(day=1):
        errors.append(loaded.error(("cohort", "first_month"), f"attendu un mois à partir de celui du kick-off ({cohort.kickoff_from.strftime('%Y-%m')}), trouvé {cohort.first_month.strftime('%Y-%m')}"))
    if cohort.places_taken is not None and cohort.places_taken > cohort.places:
        errors.append(loaded.error(("cohort", "places_taken"), f"attendu au plus {cohort.places} places prises, trouvé {cohort.places_taken}"))
    year = str(cohort.first_month.year)
    if year not in cohort.id:
        errors.append(loaded.error(("cohort", "id"), f"attendu un identifiant qui contient l'année du premier mois, {year} (ex. cohorte-{cohort.first_month.year - 1}-{year}) : chaque cohorte a le sien, il distingue ses agendas ; trouvé « {cohort.id} »"))
    following = data.planning.next_cohort
    if following is not None and following.registration_opens is not None and following.registration_opens <= cohort.commitment_deadline:
        errors.append(loaded.error(("next_cohort", "registration_opens"), f"attendu une date après l'engagement de la cohorte actuelle ({cohort.commitment_deadline.isoformat()}), trouvé {following.registration_opens.isoformat()}"))
    return errors


def _check_restricted(data: Data, files: dict[str, LoadedFile]) -> list[DataError]:
    """Sections 5 and 6 against each other and against the public facts."""
    assert data.restricted is not None
    prog, loaded = data.restricted.programme, files["restricted/programme"]
    public_sequences = data.programme.sequences
    if public_sequences and prog.sequences:
        return [loaded.error(("sequences",), "séquences écrites deux fois : gardez le bloc sequences soit ici (restreint), soit dans data/programme.yml (publié), pas les deux")]
    if not public_sequences and not prog.sequences:
        return [loaded.error(("sequences",), "attendu le bloc sequences (ou dans data/programme.yml s'il est publié), trouvé aucun")]
    errors = [] if public_sequences else _check_sequences(prog.sequences or (), [p.id for p in data.programme.phases], loaded, ("sequences",))
    if errors:
        return errors
    errors += _check_modules(data, loaded)
    if errors:
        return errors
    errors += _check_module_codes(data, loaded)
    errors += _check_module_months(data, loaded)
    errors += _check_phase_facts(data, files["programme"])
    errors += _check_planning(data, files["restricted/planning"])
    return errors


def _check_modules(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Modules name known sequences, have consistent durations and months."""
    errors = []
    sequences = [s.id for s in tl.all_sequences(data)]
    for index, module in enumerate(tl.modules(data)):
        path = ("modules", index)
        if module.sequence not in sequences:
            errors.append(_unknown(loaded, (*path, "sequence"), "séquence", module.sequence, sequences))
        if (module.duration is None) != (module.unit is None):
            errors.append(loaded.error(path, "attendu une durée (duration) et son unité (unit) ensemble, ou aucune des deux"))
        if module.end_month is not None and module.end_month < module.month:
            errors.append(loaded.error((*path, "end_month"), f"attendu un mois de fin après le mois de début ({module.month}), trouvé {module.end_month}"))
    return errors


def _check_module_codes(data: Data, loaded: LoadedFile) -> list[DataError]:
    """A module's code starts with its sequence's number (module 2.3 is in sequence 2)."""
    number = {s.id: s.number for s in tl.all_sequences(data)}
    errors = []
    for index, module in enumerate(tl.modules(data)):
        prefix = module.code.split(".", 1)[0]
        if int(prefix) != number[module.sequence]:
            errors.append(loaded.error(("modules", index, "code"), f"attendu un code commençant par {number[module.sequence]} (séquence {module.sequence}), trouvé « {module.code} »"))
    return errors


def _check_module_months(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Sequences follow each other; no module past the programme's duration."""
    ordered = sorted(tl.all_sequences(data), key=lambda s: s.number)
    starts = {s.id: (tl.sequence_months(data, s.id) or (None, None))[0] for s in ordered}
    total = tl.total_months(data.programme)
    errors = []
    for index, module in enumerate(tl.modules(data)):
        position = next(i for i, s in enumerate(ordered) if s.id == module.sequence)
        before = next((s for s in reversed(ordered[:position]) if starts[s.id] is not None), None)
        after = next((s for s in ordered[position + 1:] if starts[s.id] is not None), None)
        low = starts[before.id] if before is not None else None
        high = starts[after.id] if after is not None else None
        if (low is not None and module.month < low) or (high is not None and module.month > high):
            bounds = []
            if before is not None:
                bounds.append(f"à partir de M{low} (début de la séquence {before.id})")
            if after is not None:
                bounds.append(f"au plus tard M{high} (début de la séquence {after.id})")
            errors.append(loaded.error(("modules", index, "month"), f"attendu un mois dans la séquence {module.sequence}, {' et '.join(bounds)}, trouvé M{module.month}"))
        elif tl.module_end(module) > total:
            field = "end_month" if module.end_month is not None else "month"
            errors.append(loaded.error(("modules", index, field), f"attendu un mois au plus M{total} (durée du parcours, somme des mois des étapes de data/programme.yml), trouvé M{tl.module_end(module)}"))
    return errors


def _check_phase_facts(data: Data, loaded: LoadedFile) -> list[DataError]:
    """The days and months the public pages announce are those the modules give."""
    errors = []
    first = 1
    for index, phase in enumerate(data.programme.phases):
        modules = tl.phase_modules(data, phase.id)
        if not modules:
            errors.append(loaded.error(("phases", index), f"attendu au moins un module dans l'étape « {phase.id} » (par ses séquences, data/restricted/programme.yml), trouvé aucun"))
            continue
        counting = data.restricted.programme.counting if data.restricted else None
        assert counting is not None
        for field, kinds, what in (
            ("training_days", counting.training_kinds, "de formation"),
            ("accompaniment_days", counting.accompaniment_kinds, "d'accompagnement"),
        ):
            announced = getattr(phase, field) or 0
            computed = tl.days_of(modules, kinds)
            if announced != computed:
                errors.append(loaded.error(("phases", index, field) if getattr(phase, field) is not None else ("phases", index), f"jours {what} annoncés : {_num(announced)}, mais les modules de l'étape (data/restricted/programme.yml) en donnent {_num(computed)} : corrigez l'un ou l'autre"))
        low, high = min(m.month for m in modules), max(tl.module_end(m) for m in modules)
        expected = (first, first + phase.months - 1)
        if (low, high) != expected:
            errors.append(loaded.error(("phases", index, "months"), f"mois annoncés : {phase.months} (M{expected[0]} à M{expected[1]}), mais les modules de l'étape (data/restricted/programme.yml) vont de M{low} à M{high} : corrigez l'un ou l'autre"))
        first += phase.months
    return errors


def _num(value: Any) -> str:
    """`2.5` or `6`, as an editor writes it."""
    text = format(value, "f") if hasattr(value, "as_tuple") else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_planning(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Rows name known modules, inside their sequence."""
    errors = []
    codes = [m.code for m in tl.modules(data)]
    sequences = [s.id for s in tl.all_sequences(data)]
    assert data.restricted is not None
    for index, row in enumerate(data.restricted.planning.rows):
        path = ("rows", index)
        for j, code in enumerate(row.modules):
            if code not in codes:
                errors.append(_unknown(loaded, (*path, "modules", j), "module", code, codes))
        if row.sequence not in sequences:
            errors.append(_unknown(loaded, (*path, "sequence"), "séquence", row.sequence, sequences))
            continue
        end = row.end_month or row.month
        if end < row.month:
            errors.append(loaded.error((*path, "end_month"), f"attendu un mois de fin après le début (M{row.month}), trouvé M{end}"))
            continue
        span = tl.sequence_months(data, row.sequence)
        if span is not None and (row.month < span[0] or end > span[1]):
            errors.append(loaded.error((*path, "month"), f"attendu des mois dans la séquence {row.sequence} (M{span[0]} à M{span[1]}), trouvé M{row.month} à M{end}"))
    return errors


def _check_offer(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Each benefit has a count, a computed count, or neither, not both."""
    errors = []
    for index, benefit in enumerate(data.offer.benefits):
        if benefit.count is not None and benefit.computed is not None:
            errors.append(loaded.error(("benefits", index), "attendu soit count, soit computed, pas les deux"))
    return errors
