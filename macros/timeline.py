"""Durations, months and dates derived from the modules and the cohort."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .model import Cohort, Module, Plan, Programme, Row


def add_months(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after `month`."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> int:
    """Number of calendar months from `first` to `last`, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def module_end(module: Module) -> int:
    """The last month (M-index) a module occupies."""
    return module.end_month or module.month


def days(programme: Programme, kinds: tuple[str, ...]) -> Decimal:
    """Total days of the modules of these kinds (counting rule)."""
    return days_of(programme.modules, kinds)


def days_of(modules: tuple[Module, ...] | list[Module], kinds: tuple[str, ...]) -> Decimal:
    """Total days of those of `modules` whose kind is in `kinds`."""
    return sum((m.duration for m in modules if m.kind in kinds and m.unit == "jours" and m.duration is not None), Decimal(0))


def training_days(programme: Programme) -> Decimal:
    """Days of training, by the counting rule of programme.yml."""
    return days(programme, programme.counting.training_kinds)


def accompaniment_days(programme: Programme) -> Decimal:
    """Days of expert accompaniment, by the counting rule."""
    return days(programme, programme.counting.accompaniment_kinds)


def sequence_months(programme: Programme, sequence: str) -> tuple[int, int] | None:
    """First and last month (M-index) of a sequence, from its modules."""
    modules = [m for m in programme.modules if m.sequence == sequence]
    if not modules:
        return None
    return min(m.month for m in modules), max(module_end(m) for m in modules)


def sequence_span(programme: Programme, sequence: str, *, first_month: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """A sequence's first and last calendar months for a cohort."""
    months = sequence_months(programme, sequence)
    if months is None:
        return None, None
    return add_months(first_month, months[0] - 1), add_months(first_month, months[1] - 1)


def phase_months(programme: Programme, phase: str) -> tuple[int, int]:
    """First and last month (M-index) of a phase, from its sequences."""
    spans = [sequence_months(programme, s.id) for s in programme.sequences if s.phase == phase]
    spans = [span for span in spans if span is not None]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def total_months(programme: Programme) -> int:
    """The programme's length in months, from its first to its last module."""
    return max(module_end(m) for m in programme.modules) - min(m.month for m in programme.modules) + 1


def count_format(programme: Programme, fmt: str) -> int:
    """How many modules are run in this format (groupe or individuel)."""
    return sum(1 for m in programme.modules if m.format == fmt)


@dataclass(frozen=True)
class PlanRow:
    """A planning row placed on the month columns."""

    row: Row
    start_index: int
    end_index: int
    modules: tuple[Module, ...]


def planning_months(plan: Plan, cohort: Cohort) -> tuple[dt.date, ...]:
    """The month columns: from M1 to the last month any row reaches."""
    last = max((row.end or row.start) for row in plan.rows)
    first = min([cohort.first_month, *(row.start for row in plan.rows)])
    return tuple(add_months(first, i) for i in range(months_between(first, last)))


def place_rows(plan: Plan, cohort: Cohort, programme: Programme) -> tuple[PlanRow, ...]:
    """Each planning row with the columns it spans and its modules."""
    months = planning_months(plan, cohort)
    by_code = {m.code: m for m in programme.modules}
    return tuple(
        PlanRow(
            row=row,
            start_index=months.index(row.start),
            end_index=months.index(row.end or row.start),
            modules=tuple(by_code[c] for c in row.modules),
        )
        for row in plan.rows
    )


@dataclass(frozen=True)
class Deadline:
    """A registration step and the days left before it (None when past)."""

    key: str
    date: dt.date
    days_left: int | None


@dataclass(frozen=True)
class Status:
    """Registration status of a cohort on a given day."""

    open: bool
    deadlines: tuple[Deadline, ...]
    places: int
    places_left: int | None
    full: bool


def registration_status(cohort: Cohort, *, today: dt.date) -> Status:
    """Open until the commitment deadline (included) and while places remain."""
    deadlines = tuple(
        Deadline(key=key, date=date, days_left=(date - today).days if date >= today else None)
        for key, date in (
            ("intentions", cohort.intentions_deadline),
            ("engagement", cohort.commitment_deadline),
        )
    )
    left = None if cohort.places_taken is None else cohort.places - cohort.places_taken
    full = left == 0
    return Status(
        open=today <= cohort.commitment_deadline and not full,
        deadlines=deadlines,
        places=cohort.places,
        places_left=left,
        full=full,
    )


def duration_sum(modules: tuple[Module, ...]) -> tuple[Decimal, str] | None:
    """Summed duration of modules sharing one unit, else None."""
    units = {m.unit for m in modules if m.unit}
    if len(units) != 1 or any(m.duration is None for m in modules):
        return None
    return sum((m.duration for m in modules if m.duration is not None), Decimal(0)), units.pop()
