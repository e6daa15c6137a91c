"""Timeline: computed durations, months, planning and registration status."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from macros import timeline as tl
from macros import views


def test_counting_rule_gives_brochure_days(data):
    prog = data.programme
    assert tl.training_days(prog) == Decimal(6)
    assert tl.accompaniment_days(prog) == Decimal(3)
    assert tl.total_months(prog) == 10
    assert tl.phase_months(prog, "comprendre") == (1, 2)
    assert tl.phase_months(prog, "agir") == (3, 10)


def test_group_and_individual_counts(data):
    prog = data.programme
    assert tl.count_format(prog, "groupe") + tl.count_format(prog, "individuel") == len(prog.modules)


def test_planning_months_follow_first_month(data):
    gantt = views.gantt(data, audience="restricted")
    assert gantt.months[0] == "janv. 2026" and gantt.months[-1] == "oct. 2026"
    assert len(gantt.months) == 10
    assert gantt.first == "janvier 2026" and gantt.last == "octobre 2026"


def test_restricted_views_refuse_public(data):
    with pytest.raises(views.RestrictedContent):
        views.gantt(data, audience="public")
    with pytest.raises(views.RestrictedContent):
        views.module_views(data, audience="public")


@pytest.mark.parametrize(
    ("day", "is_open", "intentions_left", "commitment_left"),
    [
        (dt.date(2025, 11, 10), True, 1, 20),
        (dt.date(2025, 11, 11), True, 0, 19),
        (dt.date(2025, 11, 12), True, None, 18),
        (dt.date(2025, 11, 30), True, None, 0),
        (dt.date(2025, 12, 1), False, None, None),
    ],
)
def test_registration_status_around_deadlines(data, day, is_open, intentions_left, commitment_left):
    status = tl.registration_status(data.planning.cohort, today=day)
    assert status.open is is_open
    assert [d.days_left for d in status.deadlines] == [intentions_left, commitment_left]


def test_status_sentences(data):
    open_view = views.status_view(data, day=dt.date(2025, 11, 1))
    assert open_view.headline == "Les inscriptions sont ouvertes."
    assert "encore 10\u00a0jours" in open_view.lines[0]
    closed = views.status_view(data, day=dt.date(2026, 1, 1))
    assert "prochaine cohorte" in closed.headline


def test_full_session(data):
    cohort = data.planning.cohort.model_copy(update={"places_taken": 10})
    status = tl.registration_status(cohort, today=dt.date(2025, 11, 1))
    assert status.full and not status.open and status.places_left == 0
    cohort = data.planning.cohort.model_copy(update={"places_taken": 7})
    assert tl.registration_status(cohort, today=dt.date(2025, 11, 1)).places_left == 3


def test_today_reads_source_date_epoch():
    assert views.today(environ={"SOURCE_DATE_EPOCH": "1762128000"}) == dt.date(2025, 11, 3)
