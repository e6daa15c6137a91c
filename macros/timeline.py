"""Durations, months and dates derived from the modules and the cohort."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .model import Data
from .programme_model import Cohort, Module, Plan, Programme, Row, Sequence


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


def modules(data: Data) -> tuple[Module, ...]:
    """The modules (restricted data); none in the public variant."""
    return data.restricted.programme.modules if data.restricted is not None else ()


def all_sequences(data: Data) -> tuple[Sequence, ...]:
    """The sequences, wherever ENTER keeps them (published or restricted), by number."""
    found = data.programme.sequences or (data.restricted.programme.sequences if data.restricted is not None else None) or ()
    return tuple(sorted(found, key=lambda s: s.number))


def days_of(modules: tuple[Module, ...] | list[Module], kinds: tuple[str, ...]) -> Decimal:
    """Total days of those of `modules` whose kind is in `kinds`."""
    return sum((m.duration for m in modules if m.kind in kinds and m.unit == "jours" and m.duration is not None), Decimal(0))


def training_days(programme: Programme) -> Decimal:
    """Days of training, as section 3 announces them (sum of the phases)."""
    return sum((p.training_days or Decimal(0) for p in programme.phases), Decimal(0))


def accompaniment_days(programme: Programme) -> Decimal:
    """Days of expert accompaniment, as section 3 announces them."""
    return sum((p.accompaniment_days or Decimal(0) for p in programme.phases), Decimal(0))


def total_months(programme: Programme) -> int:
    """The programme's length in months: the phases' months, one after the other."""
    return sum(p.months for p in programme.phases)


def phase_months(programme: Programme, phase: str) -> tuple[int, int]:
    """First and last month (M-index) of a phase: the phases follow each other."""
    first = 1
    for p in programme.phases:
        if p.id == phase:
            return first, first + p.months - 1
        first += p.months
    raise KeyError(phase)


def phase_modules(data: Data, phase: str) -> tuple[Module, ...]:
    """The modules of a phase, through their sequences (restricted data)."""
    sequences = {s.id for s in all_sequences(data) if s.phase == phase}
    return tuple(m for m in modules(data) if m.sequence in sequences)


def sequence_months(data: Data, sequence: str) -> tuple[int, int] | None:
    """First and last month (M-index) of a sequence, from its modules."""
    found = [m for m in modules(data) if m.sequence == sequence]
    if not found:
        return None
    return min(m.month for m in found), max(module_end(m) for m in found)


def end_of_programme(cohort: Cohort, programme: Programme) -> dt.date:
    """The last day of the cohort's last month (M1 + the programme's months)."""
    return add_months(cohort.first_month, total_months(programme)) - dt.timedelta(days=1)


@dataclass(frozen=True)
class PlanRow:
    """A planning row placed on the month columns."""

    row: Row
    start_index: int
    end_index: int
    modules: tuple[Module, ...]


def row_end(row: Row) -> int:
    """The last month (M-index) a planning row occupies."""
    return row.end_month or row.month


def planning_months(plan: Plan, cohort: Cohort) -> tuple[dt.date, ...]:
    """The month columns: from M1 to the last month any row reaches."""
    last = max(row_end(row) for row in plan.rows)
    return tuple(add_months(cohort.first_month, i) for i in range(last))


def place_rows(plan: Plan, cohort: Cohort, modules_: tuple[Module, ...]) -> tuple[PlanRow, ...]:
    """Each planning row with the columns it spans and its modules."""
    by_code = {m.code: m for m in modules_}
    return tuple(
        PlanRow(row=row, start_index=row.month - 1, end_index=row_end(row) - 1, modules=tuple(by_code[c] for c in row.modules))
        for row in plan.rows
    )


def upcoming_dates(cohort: Cohort, *, today: dt.date) -> tuple[tuple[str, dt.date], ...]:
    """The registration dates still to come (`ouverture` when the data gives it, `intentions`, `engagement`, `kickoff`)."""
    dates = (
        ("ouverture", cohort.registration_opens),
        ("intentions", cohort.intentions_deadline),
        ("engagement", cohort.commitment_deadline),
        ("kickoff", cohort.kickoff_from),
    )
    return tuple((key, date) for key, date in dates if date is not None and date >= today)


@dataclass(frozen=True)
class Deadline:
    """A registration step and the days left before it (None when past)."""

    key: str
    date: dt.date
    days_left: int | None


STATES = ("a_venir", "intentions", "engagement", "close", "en_cours", "terminee")


@dataclass(frozen=True)
class Status:
    """Where a cohort stands on a given day.

    `state` is one of STATES: before registration opens, intentions open,
    engagement only, closed before the kick-off, running, finished.
    """

    state: str
    open: bool
    deadlines: tuple[Deadline, ...]
    places: int
    places_left: int | None
    full: bool
    ends_on: dt.date


def registration_status(cohort: Cohort, programme: Programme, *, today: dt.date) -> Status:
    """The state of the cohort; registration is open until the commitment deadline while places remain."""
    deadlines = tuple(
        Deadline(key=key, date=date, days_left=(date - today).days if date >= today else None)
        for key, date in (
            ("intentions", cohort.intentions_deadline),
            ("engagement", cohort.commitment_deadline),
        )
    )
    ends_on = end_of_programme(cohort, programme)
    if cohort.registration_opens is not None and today < cohort.registration_opens:
        state = "a_venir"
    elif today <= cohort.intentions_deadline:
        state = "intentions"
    elif today <= cohort.commitment_deadline:
        state = "engagement"
    elif today < cohort.kickoff_from:
        state = "close"
    elif today <= ends_on:
        state = "en_cours"
    else:
        state = "terminee"
    left = None if cohort.places_taken is None else cohort.places - cohort.places_taken
    full = left == 0
    return Status(
        state=state,
        open=state in ("intentions", "engagement") and not full,
        deadlines=deadlines,
        places=cohort.places,
        places_left=left,
        full=full,
        ends_on=ends_on,
    )


def duration_sum(modules: tuple[Module, ...]) -> tuple[Decimal, str] | None:
    """Summed duration of modules sharing one unit, else None."""
    units = {m.unit for m in modules if m.unit}
    if len(units) != 1 or any(m.duration is None for m in modules):
        return None
    return sum((m.duration for m in modules if m.duration is not None), Decimal(0)), units.pop()
