"""The provisional planning (restricted section 6) as a Gantt chart model, in French."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formatting as fmt
from . import timeline as tl
from .audience import require_restricted
from .field_types import MODE_LABELS
from .model import Data


@dataclass(frozen=True)
class GanttRow:
    """A planning row: one bar from `start` (0 = first month column) over `span` months.

    `period` says in words what the bar shows, with the row's format (« mars à
    juillet 2026 (5 mois), en individuel »): on a phone it replaces the bar.
    """

    title: str
    detail: str
    format: str  # groupe | individuel | preparation (the bar's style)
    format_label: str  # the legend's label, as the data writes it
    period: str
    start: int
    span: int


@dataclass(frozen=True)
class GanttBand:
    """A sequence's band (« Séquence 1 »), over the months of its rows, and those rows."""

    title: str
    period: str
    start: int
    span: int
    rows: tuple[GanttRow, ...]


@dataclass(frozen=True)
class Gantt:
    """The provisional planning (section 6): sequence bands, each with its rows."""

    caption: str
    months: tuple[str, ...]  # « janv. 2026 », one per column
    scale: tuple[tuple[str, str], ...]  # (« janv. », « 2026 » on the first column and each January, else "")
    bands: tuple[GanttBand, ...]
    legend: tuple[tuple[str, str], ...]
    first: str
    last: str

    @property
    def rows(self) -> tuple[GanttRow, ...]:
        """Every row, band after band."""
        return tuple(row for band in self.bands for row in band.rows)


def _period(months: tuple[dt.date, ...], start: int, end: int) -> str:
    """« février 2026 », or « mars 2026 à juillet 2026 (5 mois) » (0-based columns)."""
    text = fmt.month_label(months[start], abbreviated=False)
    if end > start:
        text = f"{text} à {fmt.month_label(months[end], abbreviated=False)} ({fmt.months(end - start + 1)})"
    return text


def _scale(months: tuple[dt.date, ...]) -> tuple[tuple[str, str], ...]:
    """Each column's short month and, on the first column and each January, its year."""
    out = []
    for index, month in enumerate(months):
        short, year = fmt.month_label(month).rsplit(" ", 1)  # « janv. 2026 »
        out.append((short, year if index == 0 or month.month == 1 else ""))
    return tuple(out)


def gantt(data: Data, *, audience: str) -> Gantt:
    """Section 6 as a table model, for the restricted variant only."""
    require_restricted(audience, "Le planning prévisionnel")
    assert data.restricted is not None
    plan, cohort = data.restricted.planning, data.planning.cohort
    months = tl.planning_months(plan, cohort)
    legend = plan.legend.model_dump()
    placed_rows = tl.place_rows(plan, cohort, tl.modules(data))
    bands = []
    for seq in tl.all_sequences(data):
        placed = [p for p in placed_rows if p.row.sequence == seq.id]
        if not placed:
            continue
        rows = []
        for p in placed:
            row = p.row
            bits = []
            summed = tl.duration_sum(p.modules)
            if summed is not None:
                value, unit = summed
                per = " par entreprise" if all(m.format == "individuel" for m in p.modules) and unit == "jours" else ""
                bits.append(fmt.quantity(value, unit) + per)
            bits.extend(sorted({MODE_LABELS[m.mode] for m in p.modules if m.mode}))
            if row.note:
                bits.append(row.note)
            label = legend[row.format]
            rows.append(
                GanttRow(
                    title=row.title,
                    detail=" · ".join(bits),
                    format=row.format,
                    format_label=label,
                    period=f"{_period(months, p.start_index, p.end_index)}, {label[:1].lower()}{label[1:]}",
                    start=p.start_index,
                    span=p.end_index - p.start_index + 1,
                )
            )
        start, end = min(p.start_index for p in placed), max(p.end_index for p in placed)
        bands.append(GanttBand(f"Séquence {fmt.number(seq.number)}", _period(months, start, end), start, end - start + 1, tuple(rows)))
    return Gantt(
        caption=f"Planning de l'opération, {fmt.month_label(months[0], abbreviated=False)} à {fmt.month_label(months[-1], abbreviated=False)} ({plan.note})",
        months=tuple(fmt.month_label(m) for m in months),
        scale=_scale(months),
        bands=tuple(bands),
        legend=tuple(legend.items()),
        first=fmt.month_label(months[0], abbreviated=False),
        last=fmt.month_label(months[-1], abbreviated=False),
    )

