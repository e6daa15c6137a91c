"""Calendar files (RFC 5545): public deadlines, and the whole planning."""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from . import formatting as fmt
from . import timeline as tl
from .audience import require_restricted
from .model import Data

_DOMAIN = "labellisation-nr.pole-enter.org"


def _calendar(name: str, *, stamp: dt.datetime) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Pôle ENTER//Labellisation NR niveau 1//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    return cal


def _event(uid: str, summary: str, start: dt.date, end: dt.date, *, stamp: dt.datetime, description: str = "") -> Event:
    """An all-day event from `start` to `end` included."""
    event = Event()
    event.add("uid", f"{uid}@{_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end + dt.timedelta(days=1))
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


_SUMMARIES = {
    "ouverture": "Ouverture des inscriptions (labellisation NR niveau 1)",
    "intentions": "Date limite des intentions de participation (labellisation NR niveau 1)",
    "engagement": "Date limite d'engagement de participation (labellisation NR niveau 1)",
    "kickoff": "Kick-off du parcours de labellisation NR niveau 1 (à partir de ce jour)",
}


def public_calendar(data: Data, *, stamp: dt.datetime) -> bytes | None:
    """The registration dates still to come, or None when all are past (no file to offer)."""
    cohort = data.planning.cohort
    events = tl.upcoming_dates(cohort, today=stamp.date())
    if not events:
        return None
    cal = _calendar("Labellisation NR niveau 1 – inscriptions", stamp=stamp)
    for key, day in events:
        cal.add_component(_event(f"{cohort.id}-{key}", _SUMMARIES[key], day, day, stamp=stamp, description="Pôle ENTER"))
    return cal.to_ical()


def restricted_calendar(data: Data, *, audience: str, stamp: dt.datetime) -> bytes:
    """The provisional planning: one event on the first day of each row's first month.

    The planning is given by month only (« à titre d'exemple »): a row is not a
    month-long event. Each becomes one all-day event on the first day of its
    month, marked « prévisionnel », with its period in the description.
    """
    require_restricted(audience, "Le planning prévisionnel (agenda)")
    assert data.restricted is not None
    cohort, plan = data.planning.cohort, data.restricted.planning
    cal = _calendar("Labellisation NR niveau 1 – planning prévisionnel", stamp=stamp)
    for row in plan.rows:
        start = tl.add_months(cohort.first_month, row.month - 1)
        end = tl.add_months(cohort.first_month, tl.row_end(row) - 1)
        period = fmt.month_label(start, abbreviated=False)
        if end != start:
            period += f" à {fmt.month_label(end, abbreviated=False)}"
        cal.add_component(
            _event(
                f"{cohort.id}-planning-{row.id}",
                f"{row.title} (prévisionnel)",
                start,
                start,
                stamp=stamp,
                description=f"{plan.note} ; {period} ; {plan.legend.model_dump()[row.format]}",
            )
        )
    return cal.to_ical()
