"""The programme as the pages show it: phases, sequences and (restricted) modules."""
from __future__ import annotations

from dataclasses import dataclass

from . import formatting as fmt
from . import timeline as tl
from .audience import require_restricted
from .field_types import FORMAT_LABELS, KIND_LABELS, MODE_LABELS
from .model import Data


@dataclass(frozen=True)
class SequenceView:
    """A sequence as the public programme shows it."""

    number: str
    title: str
    objective: str
    rhythm: str
    phase: str


def sequence_views(data: Data, *, audience: str) -> tuple[SequenceView, ...]:
    """The sequences with their rhythm as the brochure states it.

    Section 5 of the brochure: restricted unless ENTER moved them into the
    public data/programme.yml (then every variant shows them).
    """
    if not data.programme.sequences:
        require_restricted(audience, "Les séquences du parcours")
    result = []
    for seq in tl.all_sequences(data):
        phase = next(p.title for p in data.programme.phases if p.id == seq.phase)
        result.append(SequenceView(fmt.number(seq.number), seq.title, seq.objective, seq.rhythm or "", phase))
    return tuple(result)


@dataclass(frozen=True)
class PhaseView:
    """A phase: title, computed days and months, format, outcome."""

    title: str
    summary: str
    format: str
    outcome: str


def phase_views(data: Data) -> tuple[PhaseView, ...]:
    """The two phases of section 3 with their days and months."""
    result = []
    for phase in data.programme.phases:
        parts = []
        if phase.training_days:
            parts.append(f"{fmt.days(phase.training_days)} de formation")
        if phase.accompaniment_days:
            parts.append(f"{fmt.days(phase.accompaniment_days)} d'accompagnement")
        summary = f"{' et '.join(parts)} sur {fmt.months(phase.months)}" if parts else f"Sur {fmt.months(phase.months)}"
        result.append(PhaseView(phase.title, summary, phase.format, phase.outcome))
    return tuple(result)


@dataclass(frozen=True)
class ModuleView:
    """A module of section 5 (restricted): what it is, how and when."""

    code: str
    title: str
    detail: str  # shown under the title; "" when the data gives none
    conduct: str  # « Formation · 2 jours · présentiel, en groupe »
    when: str  # « M2 (févr. 2026), semaine 1 »


@dataclass(frozen=True)
class ModuleGroup:
    """The modules of one sequence, under one heading (nothing repeated on every row)."""

    title: str  # « Séquence 1 – <its title> »
    facts: tuple[str, ...]  # its objective, step and rhythm, as sentences
    modules: tuple[ModuleView, ...]


def module_views(data: Data, *, audience: str) -> tuple[ModuleGroup, ...]:
    """Section 5: the modules grouped by sequence, for the restricted variant only."""
    require_restricted(audience, "Le détail de l'opération collective")
    first = data.planning.cohort.first_month
    phases = {p.id: p.title for p in data.programme.phases}
    groups = []
    for seq in tl.all_sequences(data):
        rows = []
        for m in (m for m in tl.modules(data) if m.sequence == seq.id):
            end = tl.module_end(m)
            when = f"M{m.month}" if end == m.month else f"M{m.month} à M{end}"
            span = fmt.month_label(tl.add_months(first, m.month - 1))
            if end != m.month:
                span += f" – {fmt.month_label(tl.add_months(first, end - 1))}"
            when = f"{when} ({span})" + (f", semaine {m.week}" if m.week else "")
            how = ", ".join(part for part in (MODE_LABELS.get(m.mode or "", ""), FORMAT_LABELS[m.format]) if part)
            duration = fmt.quantity(m.duration, m.unit) if m.duration is not None and m.unit else ""
            conduct = " · ".join(part for part in (KIND_LABELS[m.kind], duration, how) if part)
            rows.append(ModuleView(code=m.code, title=m.title, detail=m.detail or "", conduct=conduct, when=when))
        if not rows:
            continue
        facts = [seq.objective, f"Étape : {phases[seq.phase]}"]
        if seq.rhythm:
            facts.append(f"Rythme : {seq.rhythm}")
        groups.append(ModuleGroup(f"Séquence {fmt.number(seq.number)} – {seq.title}", tuple(facts), tuple(rows)))
    return tuple(groups)


def operation_aim(data: Data, *, audience: str) -> str:
    """The aim of the collective operation, at the head of section 5 (restricted)."""
    require_restricted(audience, "Le détail de l'opération collective")
    assert data.restricted is not None
    return data.restricted.programme.aim

