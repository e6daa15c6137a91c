"""The real public and restricted builds: pages show the computed facts."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from icalendar import Calendar

from conftest import ROOT, normalise, page_text

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
    for fact in ("4 450 €", "5 200 €", "9 500 €", "10 250 €", "3 450 € à 5 100 €", "0 € à 1 650 €", "500 €", "750 €",
                 "sur demande", "HT", "TTC"):
        assert fact in text, fact
    source = (built["public"] / "tarifs/index.html").read_text(encoding="utf-8")
    assert "<caption>" in source and 'scope="col"' in source and 'scope="row"' in source


def test_registration_open_on_fixed_day(built):
    # the session's builds use SOURCE_DATE_EPOCH = 3 November 2025
    text = page_text(built["public"] / "index.html")
    assert "Les inscriptions sont ouvertes." in text
    assert "jusqu'au 11 novembre 2025, encore 8 jours" in text


def test_programme_page(built):
    text = page_text(built["public"] / "programme/index.html")
    for fact in ("Comprendre et être outillé", "6 jours de formation sur 2 mois", "3 jours d'accompagnement sur 8 mois",
                 "Séquence 1", "Séquence 4", "Acculturer les stagiaires", "Mis à jour le 30 novembre 2026",
                 "Méthodes pédagogiques", "Accessibilité aux personnes en situation de handicap"):
        assert fact in text, fact


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
    assert all(uid.endswith("@labellisation-nr.pole-enter.org") for uid in events)
    home = (built["public"] / "index.html").read_text(encoding="utf-8")
    assert 'href="inscriptions.ics"' in home


def test_no_figure_typed_in_docs():
    """Prices, day counts and dates come from data/: none is typed in docs/."""
    pattern = re.compile(r"\d[\d\s\u202f\u00a0]*(€|euros?|jours?|mois|%)|\b20\d\d\b|\d+\s*(j|h|min)\b|\bann[ée]es?\s+\d", re.I)
    offenders = []
    for path in (ROOT / "docs").rglob("*.md"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line}")
    assert offenders == []


def test_check_command_reports_and_succeeds():
    result = subprocess.run([sys.executable, "tools/build.py", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Données valides" in result.stdout
    assert "training_offer.disability_access" in result.stdout


def test_figures_follow_the_data(tmp_path):
    """Yearly fee 600 and file fees 800: every total moves, no other edit."""
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    pricing = project / "data" / "pricing.yml"
    text = pricing.read_text(encoding="utf-8")
    text = text.replace("    amount: 500\n", "    amount: 600\n").replace("    amount: 750\n", "    amount: 800\n")
    pricing.write_text(text, encoding="utf-8")
    site = build_site("mkdocs.yml", tmp_path / "site", project=project)
    all_text = " ".join(page_text(p) for p in site.rglob("*.html"))
    assert "4 650 €" in all_text and "5 450 €" in all_text
    assert "4 450 €" not in all_text and "5 200 €" not in all_text


def test_dates_follow_the_data(tmp_path):
    """Every date one year later: the planning runs janvier to octobre 2027."""
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    planning = project / "data" / "planning.yml"
    text = re.sub(r"\b2026-", "2027-", planning.read_text(encoding="utf-8"))
    text = re.sub(r"\b2025-", "2026-", text)
    planning.write_text(text, encoding="utf-8")
    site = build_site("mkdocs.restricted.yml", tmp_path / "site", project=project)
    text = page_text(site / "restricted/planning/index.html")
    assert "janvier 2027 à octobre 2027" in text
    assert "2026" not in text
    home = page_text(site / "index.html")
    assert "30 novembre 2026" in home and "1er décembre 2026" in home


def test_restricted_calendar_holds_the_whole_planning(built, data):
    cal = Calendar.from_ical((built["restricted"] / "planning.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    rows = data.planning.planning.rows
    assert len(events) == len(rows) + 3
    by_summary = {str(e["summary"]): e for e in events}
    for row in rows:
        event = by_summary[row.title]
        assert event.decoded("dtstart") == row.start
        assert event.decoded("dtend") > (row.end or row.start)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    planning = (built["restricted"] / "restricted/planning/index.html").read_text(encoding="utf-8")
    assert 'href="../../planning.ics"' in planning


def test_calendar_uids_are_stable(built, tmp_path):
    """Same data, another build: same UIDs (agendas update, never duplicate)."""
    from conftest import build_site

    other = build_site("mkdocs.yml", tmp_path / "site")
    first = Calendar.from_ical((built["public"] / "inscriptions.ics").read_bytes())
    second = Calendar.from_ical((other / "inscriptions.ics").read_bytes())
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [str(e["uid"]) for e in second.walk("VEVENT")]


def test_places_left_and_full_session(tmp_path, monkeypatch):
    from conftest import EPOCH_OPEN, build_site, copy_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    project = copy_project(tmp_path / "project")
    planning = project / "data" / "planning.yml"
    source = planning.read_text(encoding="utf-8")
    planning.write_text(source.replace("places_taken: null", "places_taken: 7"), encoding="utf-8")
    home = page_text(build_site("mkdocs.yml", tmp_path / "a", project=project) / "index.html")
    assert "Places restantes : 3 sur 10" in home and "Les inscriptions sont ouvertes." in home
    planning.write_text(source.replace("places_taken: null", "places_taken: 10"), encoding="utf-8")
    home = page_text(build_site("mkdocs.yml", tmp_path / "b", project=project) / "index.html")
    assert "Cette session est complète" in home and "Places restantes" not in home


def test_registration_closed_after_deadline(tmp_path, monkeypatch):
    from conftest import build_site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    home = page_text(build_site("mkdocs.yml", tmp_path / "site") / "index.html")
    assert "Inscriptions closes" in home and "prochaine cohorte" in home
