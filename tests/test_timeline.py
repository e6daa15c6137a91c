"""Timeline: computed durations, months, planning and registration status."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from macros import audience, clock, planning_views, programme_views, status_views
from macros import timeline as tl


def test_public_facts_give_brochure_days(data):
    prog = data.programme
    assert tl.training_days(prog) == Decimal(6)
    assert tl.accompaniment_days(prog) == Decimal(3)
    assert tl.total_months(prog) == 10
    assert tl.phase_months(prog, "comprendre") == (1, 2)
    assert tl.phase_months(prog, "agir") == (3, 10)


def test_modules_give_the_announced_days(data):
    counting = data.restricted.programme.counting
    assert tl.days_of(tl.phase_modules(data, "comprendre"), counting.training_kinds) == Decimal(6)
    assert tl.days_of(tl.phase_modules(data, "agir"), counting.accompaniment_kinds) == Decimal(3)
    assert tl.sequence_months(data, "s1") == (1, 1)


def test_end_of_programme(data):
    assert tl.end_of_programme(data.planning.cohort, data.programme) == dt.date(2026, 10, 31)


def test_planning_months_follow_first_month(data):
    gantt = planning_views.gantt(data, audience="restricted")
    assert gantt.months[0] == "janv. 2026" and gantt.months[-1] == "oct. 2026"
    assert len(gantt.months) == 10
    assert gantt.first == "janvier 2026" and gantt.last == "octobre 2026"


def test_restricted_views_refuse_public(data):
    with pytest.raises(audience.RestrictedContent):
        planning_views.gantt(data, audience="public")
    with pytest.raises(audience.RestrictedContent):
        programme_views.module_views(data, audience="public")


@pytest.mark.parametrize(
    ("day", "state", "is_open", "intentions_left", "commitment_left"),
    [
        (dt.date(2025, 11, 10), "intentions", True, 1, 20),
        (dt.date(2025, 11, 11), "intentions", True, 0, 19),
        (dt.date(2025, 11, 12), "engagement", True, None, 18),
        (dt.date(2025, 11, 30), "engagement", True, None, 0),
        (dt.date(2025, 12, 1), "en_cours", False, None, None),
        (dt.date(2026, 10, 31), "en_cours", False, None, None),
        (dt.date(2026, 11, 1), "terminee", False, None, None),
    ],
)
def test_registration_status_around_deadlines(data, day, state, is_open, intentions_left, commitment_left):
    status = tl.registration_status(data.planning.cohort, data.programme, today=day)
    assert status.state == state
    assert status.open is is_open
    assert [d.days_left for d in status.deadlines] == [intentions_left, commitment_left]


def test_states_before_opening_and_before_kickoff(data):
    cohort = data.planning.cohort.model_copy(update={"registration_opens": dt.date(2025, 10, 15), "kickoff_from": dt.date(2025, 12, 10)})
    assert tl.registration_status(cohort, data.programme, today=dt.date(2025, 10, 14)).state == "a_venir"
    assert tl.registration_status(cohort, data.programme, today=dt.date(2025, 10, 15)).state == "intentions"
    assert tl.registration_status(cohort, data.programme, today=dt.date(2025, 12, 9)).state == "close"


def test_status_sentences(data):
    open_view = status_views.status_view(data, day=dt.date(2025, 11, 1))
    assert open_view.headline.startswith("Les inscriptions sont ouvertes")
    assert open_view.lines[0] == ("Intention de participation : jusqu'au 11 novembre 2025", "encore 10\u00a0jours")
    assert open_view.actions[0].primary and open_view.actions[0].href.startswith("mailto:emilie.faffe@pole-enter.org?subject=")
    finished = status_views.status_view(data, day=dt.date(2026, 11, 30))
    assert finished.headline == "Cette session s'est achevée en octobre 2026."
    assert not any(a.primary for a in finished.actions) and not finished.upcoming
    assert all("prochaine" not in line.casefold() for line in (finished.headline, *(fact for fact, _ in finished.lines)))
    started = status_views.status_view(data, day=dt.date(2025, 12, 10))  # after the kick-off, before the first month
    assert started.headline == "Cette session a démarré ; son parcours va de janvier 2026 à octobre 2026."


def test_next_cohort_is_said_only_when_declared(data):
    from macros.programme_model import NextCohort

    planning = data.planning.model_copy(update={"next_cohort": NextCohort(contact_to_be_told=True)})
    view = status_views.status_view(data.model_copy(update={"planning": planning}), day=dt.date(2026, 11, 30))
    assert ("Prochaine session : contactez le Pôle ENTER pour en être informé.", "") in view.lines


def test_upcoming_dates_include_the_opening_when_the_data_gives_it(data):
    cohort = data.planning.cohort.model_copy(update={"registration_opens": dt.date(2025, 10, 15)})
    assert [key for key, _ in tl.upcoming_dates(cohort, today=dt.date(2025, 10, 1))] == ["ouverture", "intentions", "engagement", "kickoff"]
    assert [key for key, _ in tl.upcoming_dates(cohort, today=dt.date(2025, 11, 12))] == ["engagement", "kickoff"]
    assert [key for key, _ in tl.upcoming_dates(data.planning.cohort, today=dt.date(2025, 10, 1))] == ["intentions", "engagement", "kickoff"]


def test_full_session(data):
    cohort = data.planning.cohort.model_copy(update={"places_taken": 10})
    status = tl.registration_status(cohort, data.programme, today=dt.date(2025, 11, 1))
    assert status.full and not status.open and status.places_left == 0
    cohort = data.planning.cohort.model_copy(update={"places_taken": 7})
    assert tl.registration_status(cohort, data.programme, today=dt.date(2025, 11, 1)).places_left == 3


def test_today_reads_source_date_epoch():
    assert clock.today(environ={"SOURCE_DATE_EPOCH": "1762128000"}) == dt.date(2025, 11, 3)
