"""Calendar files (RFC 5545): public deadlines, and the whole planning."""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from . import timeline as tl
from .model import Data
from .views import require_restricted

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


def public_calendar(data: Data, *, stamp: dt.datetime) -> bytes:
    """The registration deadlines and the kick-off."""
    cohort = data.planning.cohort
    cal = _calendar("Labellisation NR niveau 1 – inscriptions", stamp=stamp)
    for key, summary, day in (
        ("intentions", "Date limite des intentions de participation (labellisation NR niveau 1)", cohort.intentions_deadline),
        ("engagement", "Date limite d'engagement de participation (labellisation NR niveau 1)", cohort.commitment_deadline),
        ("kickoff", "Kick-off du parcours de labellisation NR niveau 1 (à partir de ce jour)", cohort.kickoff_from),
    ):
        cal.add_component(_event(f"{cohort.id}-{key}", summary, day, day, stamp=stamp, description="Pôle ENTER"))
    return cal.to_ical()


def restricted_calendar(data: Data, *, audience: str, stamp: dt.datetime) -> bytes:
    """The whole provisional planning, month by month (restricted)."""
    require_restricted(audience, "Le planning prévisionnel (agenda)")
    cohort, plan = data.planning.cohort, data.planning.planning
    cal = _calendar("Labellisation NR niveau 1 – planning prévisionnel", stamp=stamp)
    for component in _public_events(data, stamp=stamp):
        cal.add_component(component)
    for row in plan.rows:
        end_month = row.end or row.start
        last_day = tl.add_months(end_month, 1) - dt.timedelta(days=1)
        cal.add_component(
            _event(f"{cohort.id}-planning-{row.id}", row.title, row.start, last_day, stamp=stamp, description=f"{plan.note} ; {plan.legend.model_dump()[row.format]}")
        )
    return cal.to_ical()


def _public_events(data: Data, *, stamp: dt.datetime) -> list[Event]:
    return [c for c in Calendar.from_ical(public_calendar(data, stamp=stamp)).walk("VEVENT")]
