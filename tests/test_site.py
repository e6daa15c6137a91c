"""The brochure case, built: pages show the computed facts, in every state of the offer."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from icalendar import Calendar

from helpers import ROOT, build_site, copy_project, epoch, page_text

PAGES = ("index.html", "programme/index.html", "tarifs/index.html", "participer/index.html", "contacts/index.html")


def test_home_shows_key_figures(built):
    text = page_text(built["public"] / "index.html")
    for fact in ("4 450 €", "5 200 €", "9 500 €", "10 250 €", "6 jours de formation", "3 jours d'accompagnement",
                 "10 mois", "11 novembre 2025", "30 novembre 2025", "1er décembre 2025",
                 "emilie.faffe@pole-enter.org", "vincent.ribes@pole-enter.org", "contact@pole-enter.org",
                 "Label Numérique Responsable niveau 1", "Certificat de connaissances Numérique Responsable",
                 "moins de 250 salariés", "50 millions d'euros", "43 millions d'euros", "Alt Impact", "ADEME",
                 "CNRS", "INRIA", "OPCO", "Agence LUCIE"):
        assert fact in text, fact


def test_home_shows_every_brochure_price(built):
    text = page_text(built["public"] / "index.html")
    for fact in ("4 450 €", "5 200 €", "9 500 €", "10 250 €", "3 450 € à 5 100 €", "0 € à 1 650 €", "500 €", "750 €"):
        assert fact in text, fact


def test_costs_page_shows_every_brochure_figure(built):
    text = page_text(built["public"] / "tarifs/index.html")
    for fact in ("4 450 €", "5 200 €", "9 500 €", "10 250 €", "3 450 € à 5 100 €", "0 € à 1 650 €", "500 €", "750 €"):
        assert fact in text, fact
    source = (built["public"] / "tarifs/index.html").read_text(encoding="utf-8")
    assert "<caption>" in source and 'scope="col"' in source and 'scope="row"' in source


def test_registration_open_on_fixed_day(built):
    # the brochure case is built on 3 November 2025
    text = page_text(built["public"] / "index.html")
    assert "Les inscriptions sont ouvertes" in text
    assert "jusqu'au 11 novembre 2025 , encore 8 jours" in text  # the countdown is a span (not printed)


def test_programme_page(built):
    text = page_text(built["public"] / "programme/index.html")
    for fact in ("Comprendre et être outillé", "6 jours de formation sur 2 mois", "3 jours d'accompagnement sur 8 mois",
                 "Mis à jour le 30 novembre 2026", "Méthodes pédagogiques"):
        assert fact in text, fact
    # Section 5 stays out of the public programme; unsaid fields are not shown as gaps.
    for absent in ("Séquence 1", "Rythme", "précis", "Accessibilité aux personnes en situation de handicap"):
        assert absent not in text, absent


def test_pages_are_french_and_complete(built):
    for variant in ("public", "restricted"):
        for page in PAGES:
            source = (built[variant] / page).read_text(encoding="utf-8")
            assert '<html lang="fr"' in source, page
            assert "description:" not in page_text(built[variant] / page), f"front matter leaked into {page}"
            assert "{{" not in source and "{%" not in source, page


def test_public_calendar(built):
    cal = Calendar.from_ical((built["public"] / "inscriptions.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    starts = sorted(e.decoded("dtstart").isoformat() for e in events.values())
    assert starts == ["2025-11-11", "2025-11-30", "2025-12-01"]
    assert all(uid.startswith("cohorte-2025-2026-") and uid.endswith("@labellisation-nr.pole-enter.org") for uid in events)
    home = (built["public"] / "index.html").read_text(encoding="utf-8")
    assert 'href="inscriptions.ics"' in home


def test_no_figure_typed_in_docs():
    """Prices, day counts and dates come from data/: none is typed in docs/."""
    pattern = re.compile(r"\d[\d\s\u202f\u00a0]*(€|euros?|jours?|mois|%)|\b20\d\d\b|\d+\s*(j|h|min)\b|\bann[ée]es?\s+\d", re.I)
    offenders = []
    for path in (ROOT / "docs").rglob("*.md"):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:  # docs/restricted/ without the key: ciphertext
            continue
        for number, line in enumerate(lines, start=1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line}")
    assert offenders == []


def test_check_command_reports_and_succeeds():
    result = subprocess.run([sys.executable, "-m", "tools.build", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Données valides : data/*.yml")


def test_figures_follow_the_data(tmp_path):
    """Yearly fee 600 and file fees 800: every total moves, no other edit."""
    project = copy_project(tmp_path / "project")
    pricing = project / "data" / "pricing.yml"
    text = pricing.read_text(encoding="utf-8")
    text = text.replace("    amount: 500\n", "    amount: 600\n").replace("    amount: 750\n", "    amount: 800\n")
    pricing.write_text(text, encoding="utf-8")
    site = build_site("mkdocs.yml", tmp_path / "site", project=project)
    all_text = " ".join(page_text(p) for p in site.rglob("*.html"))
    assert "4 650 €" in all_text and "5 450 €" in all_text
    assert "4 450 €" not in all_text and "5 200 €" not in all_text


def next_cohort(text: str) -> str:
    """The brochure case's cohort block, one year later (id and dates only)."""
    return (
        text.replace("id: cohorte-2025-2026", "id: cohorte-2026-2027")
        .replace("2025-11-11", "2026-11-11")
        .replace("2025-11-30", "2026-11-30")
        .replace("2025-12-01", "2026-12-01")
        .replace("first_month: 2026-01", "first_month: 2027-01")
    )


def test_a_new_cohort_is_one_edit_of_the_cohort_block(tmp_path, monkeypatch):
    """Only data/planning.yml's cohort block changes: pages, planning and calendars follow."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-02"))
    project = copy_project(tmp_path / "project")
    planning = project / "data" / "planning.yml"
    planning.write_text(next_cohort(planning.read_text(encoding="utf-8")), encoding="utf-8")
    site = build_site("mkdocs.restricted.yml", tmp_path / "site", project=project)
    text = page_text(site / "restricted/planning/index.html")
    assert "janvier 2027 à octobre 2027" in text and "2026" not in text
    home = page_text(site / "index.html")
    assert "11 novembre 2026" in home and "1er décembre 2026" in home and "Les inscriptions sont ouvertes" in home
    cal = Calendar.from_ical((site / "planning.ics").read_bytes())
    assert all(str(e["uid"]).startswith("cohorte-2026-2027-") for e in cal.walk("VEVENT"))


def test_a_new_cohort_needs_a_new_id(tmp_path):
    """Dates moved but the id kept: refused, so that calendars never mix two cohorts."""
    from tools.mkdocs_build import BuildFailed

    project = copy_project(tmp_path / "project")
    planning = project / "data" / "planning.yml"
    text = next_cohort(planning.read_text(encoding="utf-8")).replace("id: cohorte-2026-2027", "id: cohorte-2025-2026")
    planning.write_text(text, encoding="utf-8")
    expected = r"data/planning.yml, ligne \d+, colonne \d+ : cohort.id : attendu un identifiant qui contient l'année du premier mois, 2027"
    with pytest.raises(BuildFailed, match=expected):
        build_site("mkdocs.yml", tmp_path / "site", project=project)


def test_restricted_calendar_holds_the_planning_as_provisional_days(built, data):
    cal = Calendar.from_ical((built["restricted"] / "planning.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    rows = data.restricted.planning.rows
    assert len(events) == len(rows)
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start.day == 1 and (end - start).days == 1, event["summary"]  # one day, not a month-long event
        assert str(event["summary"]).endswith("(prévisionnel)")
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    planning = (built["restricted"] / "restricted/planning/index.html").read_text(encoding="utf-8")
    assert 'href="../../planning.ics"' in planning


def test_calendar_uids_are_stable(built, brochure_project, tmp_path, monkeypatch):
    """Same data, another build: same UIDs (agendas update, never duplicate)."""
    from helpers import EPOCH_OPEN

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    other = build_site("mkdocs.yml", tmp_path / "site", project=brochure_project)
    first = Calendar.from_ical((built["public"] / "inscriptions.ics").read_bytes())
    second = Calendar.from_ical((other / "inscriptions.ics").read_bytes())
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [str(e["uid"]) for e in second.walk("VEVENT")]


def test_places_left_and_full_session(tmp_path, monkeypatch):
    from helpers import EPOCH_OPEN

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    project = copy_project(tmp_path / "project")
    planning = project / "data" / "planning.yml"
    source = planning.read_text(encoding="utf-8")
    planning.write_text(source.replace("places_taken: null", "places_taken: 7"), encoding="utf-8")
    home = page_text(build_site("mkdocs.yml", tmp_path / "a", project=project) / "index.html")
    assert "Places restantes : 3 sur 10" in home and "Les inscriptions sont ouvertes" in home
    planning.write_text(source.replace("places_taken: null", "places_taken: 10"), encoding="utf-8")
    site = build_site("mkdocs.yml", tmp_path / "b", project=project)
    home = page_text(site / "index.html")
    assert "Cette session est complète" in home and "Places restantes" not in home
    assert "md-button--primary" not in (site / "index.html").read_text(encoding="utf-8")


# Every state of the offer, for the brochure case (kick-off moved to 10 December
# so that a day falls between the commitment deadline and the kick-off).
STATES = {
    "a_venir": ("2025-10-01", "Inscriptions à venir", "ne sont pas encore ouvertes", "Contacter le Pôle ENTER", False),
    "intentions": ("2025-11-03", "Inscriptions ouvertes", "Les inscriptions sont ouvertes", "Manifester mon intention de participer", True),
    "engagement": ("2025-11-20", "Engagements ouverts", "peuvent encore s'engager", "Engager mon entreprise", True),
    "close": ("2025-12-05", "Inscriptions closes", "Le parcours commence en janvier 2026", "Contacter le Pôle ENTER", False),
    "en_cours": ("2026-03-01", "Session en cours", "a démarré ; son parcours va de janvier 2026 à octobre 2026", "Contacter le Pôle ENTER", False),
    "terminee": ("2026-11-30", "Session terminée", "s'est achevée en octobre 2026", "Contacter le Pôle ENTER", False),
}


@pytest.fixture(scope="module")
def states_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("states") / "project")
    planning = project / "data" / "planning.yml"
    text = planning.read_text(encoding="utf-8")
    text = text.replace("registration_opens: null", "registration_opens: 2025-10-15").replace("kickoff_from: 2025-12-01", "kickoff_from: 2025-12-10")
    planning.write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize("state", list(STATES))
def test_each_state_of_the_offer_is_told_truthfully(state, states_project, tmp_path, monkeypatch):
    day, title, headline, action, primary = STATES[state]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
    site = build_site("mkdocs.yml", tmp_path / "site", project=states_project)
    for page in ("index.html", "participer/index.html"):
        source = (site / page).read_text(encoding="utf-8")
        text = page_text(site / page)
        assert headline in text, page
        assert action in text, page
        assert ("md-button--primary" in source) is primary, page
        assert "prochaine" not in text.lower(), page  # the data declares no next session
        upcoming = state in ("a_venir", "intentions", "engagement", "close")
        assert ("inscriptions.ics" in source) is upcoming, page
    assert "<h2 id=" in (site / "index.html").read_text(encoding="utf-8") and title in page_text(site / "index.html")
    assert (site / "inscriptions.ics").exists() is (state != "en_cours" and state != "terminee")
    if state == "a_venir":  # the opening is the first date to note
        assert "Ouverture des inscriptions" in (site / "inscriptions.ics").read_text(encoding="utf-8")


def test_next_session_only_when_the_data_declares_it(states_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-30"))
    project = copy_project(tmp_path / "project")
    planning = project / "data" / "planning.yml"
    planning.write_text(planning.read_text(encoding="utf-8") + "next_cohort:\n  registration_opens: 2026-12-15\n", encoding="utf-8")
    text = page_text(build_site("mkdocs.yml", tmp_path / "a", project=project) / "index.html")
    assert "Prochaine session : inscriptions à partir du 15 décembre 2026" in text


def test_partial_opco_funding_is_said_as_a_cap(tmp_path):
    project = copy_project(tmp_path / "project")
    pricing = project / "data" / "pricing.yml"
    pricing.write_text(pricing.read_text(encoding="utf-8").replace("max_percent: 100", "max_percent: 50"), encoding="utf-8")
    site = build_site("mkdocs.yml", tmp_path / "site", project=project)
    text = page_text(site / "tarifs/index.html")
    assert "prise en charge jusqu'à 50 % par l'OPCO" in text
    assert "financée" not in text
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "jusqu'à 50\u202f% par l'OPCO" in home  # the JSON-LD offers say it too


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_no_link_leads_back_to_its_own_page(built, variant):
    """A button or link in the content never points at the page it sits on (the menu marks it aria-current; the brand always leads home)."""
    from urllib.parse import urljoin

    root = built[variant]
    for page in root.rglob("*.html"):
        here = "/" + page.relative_to(root).as_posix()
        source = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<a\s[^>]*>", source):
            href = re.search(r'href="([^"]*)"', tag)
            if not href or "aria-current" in tag or 'class="brand"' in tag or href.group(1).startswith(("#", "mailto:", "http")):
                continue
            target = urljoin(here, href.group(1)).split("#")[0]
            target = target + "index.html" if target.endswith("/") else target
            assert target != here, f"{here} : lien vers elle-même ({tag})"
