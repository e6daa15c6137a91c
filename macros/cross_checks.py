"""Checks across records and files of the public data: references, dates, ids.

They run once every file has passed its model (`validation.load_data`); when
they pass, the restricted variant runs `restricted_checks.check_restricted`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from .errors import DataError
from .loader import LoadedFile
from .messages import unknown
from .model import CONTRACT_ENTER, CONTRACT_TRAINING, ITEM_YEARLY_FEE, Data
from .programme_model import PHASE_ACT, PHASE_UNDERSTAND, Sequence


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
    return errors


# Records the pages compute with: an editor may change them, not remove them.
REQUIRED_IDS: tuple[tuple[str, str, str, str], ...] = (
    ("programme", "phases", PHASE_UNDERSTAND, "étape"),
    ("programme", "phases", PHASE_ACT, "étape"),
    ("pricing", "contracts", CONTRACT_ENTER, "contrat"),
    ("pricing", "contracts", CONTRACT_TRAINING, "contrat"),
    ("pricing", "items", ITEM_YEARLY_FEE, "poste"),
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
        *(
            ("planning", ("cohort", key), getattr(cohort, key))
            for key in ("registration_opens", "intentions_deadline", "commitment_deadline", "kickoff_from", "first_month")
        ),
    ]
    if data.planning.next_cohort is not None:
        dated.append(("planning", ("next_cohort", "registration_opens"), data.planning.next_cohort.registration_opens))
    errors = []
    for file, path, value in dated:
        if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
            errors.append(files[file].error(path, f"attendu une année entre {YEARS[0]} et {YEARS[1]}, trouvé {value.year}"))
    return errors


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


def _lists(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
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
            errors.append(unknown(loaded, ("items", index, "contract"), "contrat", item.contract, contracts))
        for j, member in enumerate(item.memberships or ()):
            if member not in memberships:
                errors.append(unknown(loaded, ("items", index, "memberships", j), "profil", member, memberships))
        for j, tier in enumerate(item.revenue_tiers or ()):
            if tier not in tiers:
                errors.append(unknown(loaded, ("items", index, "revenue_tiers", j), "tranche de chiffre d'affaires", tier, tiers))
    if pricing.reference.membership not in memberships:
        errors.append(unknown(loaded, ("reference", "membership"), "profil", pricing.reference.membership, memberships))
    if pricing.reference.revenue_tier not in tiers:
        errors.append(unknown(loaded, ("reference", "revenue_tier"), "tranche de chiffre d'affaires", pricing.reference.revenue_tier, tiers))
    elif not any(pricing.reference.revenue_tier in (item.revenue_tiers or ()) for item in pricing.items):
        errors.append(loaded.error(
            ("reference", "revenue_tier"),
            f"attendu une tranche dont des postes (items) donnent le prix, trouvé « {pricing.reference.revenue_tier} », "
            "citée par aucun poste dans revenue_tiers",
        ))
    if pricing.reference.amount == 0:
        errors.append(loaded.error(("reference", "amount"), "attendu un prix de référence supérieur à 0, trouvé 0"))
    funding = pricing.opco_funding
    if funding.min_percent > funding.max_percent:
        errors.append(loaded.error(
            ("opco_funding", "min_percent"), f"attendu un minimum inférieur ou égal au maximum ({funding.max_percent}), trouvé {funding.min_percent}"
        ))
    return errors


def _check_phases(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Published sequences (if ENTER publishes them) name known phases."""
    sequences = data.programme.sequences or ()
    return check_sequences(sequences, [p.id for p in data.programme.phases], loaded, ("sequences",))


def check_sequences(sequences: tuple[Sequence, ...], phases: list[str], loaded: LoadedFile, path: tuple[Any, ...]) -> list[DataError]:
    """Sequences name known phases and have distinct numbers."""
    errors = []
    numbers: dict[int, str] = {}
    for index, sequence in enumerate(sequences):
        if sequence.phase not in phases:
            errors.append(unknown(loaded, (*path, index, "phase"), "étape", sequence.phase, phases))
        if sequence.number in numbers:
            errors.append(loaded.error(
                (*path, index, "number"),
                f"numéro en double {sequence.number} (déjà celui de la séquence {numbers[sequence.number]}) : chaque séquence a le sien",
            ))
        numbers.setdefault(sequence.number, sequence.id)
    return errors


def _check_cohort(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Dates in order, places possible, an id that names the cohort's year."""
    errors = []
    cohort = data.planning.cohort
    if cohort.registration_opens is not None and cohort.registration_opens > cohort.intentions_deadline:
        errors.append(loaded.error(
            ("cohort", "registration_opens"),
            f"attendu une date au plus tard le jour des intentions ({cohort.intentions_deadline.isoformat()}), trouvé {cohort.registration_opens.isoformat()}",
        ))
    if cohort.intentions_deadline > cohort.commitment_deadline:
        errors.append(loaded.error(
            ("cohort", "intentions_deadline"),
            f"attendu une date au plus tard le jour de l'engagement ({cohort.commitment_deadline.isoformat()}), "
            f"trouvé {cohort.intentions_deadline.isoformat()}",
        ))
    if cohort.commitment_deadline > cohort.kickoff_from:
        errors.append(loaded.error(
            ("cohort", "commitment_deadline"),
            f"attendu une date au plus tard le jour du kick-off ({cohort.kickoff_from.isoformat()}), trouvé {cohort.commitment_deadline.isoformat()}",
        ))
    if cohort.first_month < cohort.kickoff_from.replace(day=1):
        errors.append(loaded.error(
            ("cohort", "first_month"),
            f"attendu un mois à partir de celui du kick-off ({cohort.kickoff_from.strftime('%Y-%m')}), trouvé {cohort.first_month.strftime('%Y-%m')}",
        ))
    if cohort.places_taken is not None and cohort.places_taken > cohort.places:
        errors.append(loaded.error(("cohort", "places_taken"), f"attendu au plus {cohort.places} places prises, trouvé {cohort.places_taken}"))
    year = str(cohort.first_month.year)
    if year not in cohort.id:
        errors.append(loaded.error(
            ("cohort", "id"),
            f"attendu un identifiant qui contient l'année du premier mois, {year} (ex. cohorte-{cohort.first_month.year - 1}-{year}) : "
            f"chaque cohorte a le sien, il distingue ses agendas ; trouvé « {cohort.id} »",
        ))
    following = data.planning.next_cohort
    if following is not None and following.registration_opens is not None and following.registration_opens <= cohort.commitment_deadline:
        errors.append(loaded.error(
            ("next_cohort", "registration_opens"),
            f"attendu une date après l'engagement de la cohorte actuelle ({cohort.commitment_deadline.isoformat()}), "
            f"trouvé {following.registration_opens.isoformat()}",
        ))
    return errors


def _check_offer(data: Data, loaded: LoadedFile) -> list[DataError]:
    """Each benefit has a count, a computed count, or neither, not both."""
    errors = []
    for index, benefit in enumerate(data.offer.benefits):
        if benefit.count is not None and benefit.computed is not None:
            errors.append(loaded.error(("benefits", index), "attendu soit count, soit computed, pas les deux"))
    return errors
