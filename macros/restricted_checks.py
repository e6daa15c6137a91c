"""Checks of the restricted sections 5 and 6 against each other and the public facts.

Run only by the restricted variant, after the public cross-file checks pass.
"""
from __future__ import annotations

from . import timeline as tl
from .cross_checks import check_sequences
from .errors import DataError
from .loader import LoadedFile
from .messages import number, unknown
from .model import Data


def check_restricted(data: Data, files: dict[str, LoadedFile]) -> list[DataError]:
    """Sections 5 and 6 against each other and against the public facts."""
    assert data.restricted is not None
    prog, loaded = data.restricted.programme, files["restricted/programme"]
    public_sequences = data.programme.sequences
    if public_sequences and prog.sequences:
        return [loaded.error(
            ("sequences",), "séquences écrites deux fois : gardez le bloc sequences soit ici (restreint), soit dans data/programme.yml (publié), pas les deux"
        )]
    if not public_sequences and not prog.sequences:
        return [loaded.error(("sequences",), "attendu le bloc sequences (ou dans data/programme.yml s'il est publié), trouvé aucun")]
    errors = [] if public_sequences else check_sequences(prog.sequences or (), [p.id for p in data.programme.phases], loaded, ("sequences",))
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
            errors.append(unknown(loaded, (*path, "sequence"), "séquence", module.sequence, sequences))
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
            errors.append(loaded.error(
                ("modules", index, "code"), f"attendu un code commençant par {number[module.sequence]} (séquence {module.sequence}), trouvé « {module.code} »"
            ))
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
            errors.append(loaded.error(
                ("modules", index, "month"), f"attendu un mois dans la séquence {module.sequence}, {' et '.join(bounds)}, trouvé M{module.month}"
            ))
        elif tl.module_end(module) > total:
            field = "end_month" if module.end_month is not None else "month"
            errors.append(loaded.error(
                ("modules", index, field),
                f"attendu un mois au plus M{total} (durée du parcours, somme des mois des étapes de data/programme.yml), trouvé M{tl.module_end(module)}",
            ))
    return errors


def _check_phase_facts(data: Data, loaded: LoadedFile) -> list[DataError]:
    """The days and months the public pages announce are those the modules give."""
    errors = []
    first = 1
    for index, phase in enumerate(data.programme.phases):
        modules = tl.phase_modules(data, phase.id)
        if not modules:
            errors.append(loaded.error(
                ("phases", index), f"attendu au moins un module dans l'étape « {phase.id} » (par ses séquences, data/restricted/programme.yml), trouvé aucun"
            ))
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
                errors.append(loaded.error(
                    ("phases", index, field) if getattr(phase, field) is not None else ("phases", index),
                    f"jours {what} annoncés : {number(announced)}, "
                    f"mais les modules de l'étape (data/restricted/programme.yml) en donnent {number(computed)} : corrigez l'un ou l'autre",
                ))
        low, high = min(m.month for m in modules), max(tl.module_end(m) for m in modules)
        expected = (first, first + phase.months - 1)
        if (low, high) != expected:
            errors.append(loaded.error(
                ("phases", index, "months"),
                f"mois annoncés : {phase.months} (M{expected[0]} à M{expected[1]}), "
                f"mais les modules de l'étape (data/restricted/programme.yml) vont de M{low} à M{high} : corrigez l'un ou l'autre",
            ))
        first += phase.months
    return errors


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
                errors.append(unknown(loaded, (*path, "modules", j), "module", code, codes))
        if row.sequence not in sequences:
            errors.append(unknown(loaded, (*path, "sequence"), "séquence", row.sequence, sequences))
            continue
        end = row.end_month or row.month
        if end < row.month:
            errors.append(loaded.error((*path, "end_month"), f"attendu un mois de fin après le début (M{row.month}), trouvé M{end}"))
            continue
        span = tl.sequence_months(data, row.sequence)
        if span is not None and (row.month < span[0] or end > span[1]):
            errors.append(loaded.error(
                (*path, "month"), f"attendu des mois dans la séquence {row.sequence} (M{span[0]} à M{span[1]}), trouvé M{row.month} à M{end}"
            ))
    return errors
