"""Tests over the live data/: only what holds for ANY valid data.

ENTER edits prices, dates and places every year and the publishing workflow
runs these tests: they never pin a figure. The same checks run on the live
data and on a copy of the brochure case after a set of real edits (prices,
fees, places, the next cohort, a contact, a module, a page), which proves
that a correct edit never blocks publication.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import build_site, canaries, copy_project, load, normalise, page_text, restricted_ready, scan, shown


def check_project(project: Path, out: Path) -> dict[str, str]:
    """Validate, build and check a project copy; the figures seen on its home page."""
    from macros import clock, figures, price_views
    from macros import pricing as pr

    readable = restricted_ready(project)
    data = load(project, audience="restricted" if readable else "public")
    site = build_site("mkdocs.yml", out / "site", project=project)
    figures = figures.key_figures(data, day=clock.today())
    home = page_text(site / "index.html")
    for name in ("member_from", "non_member_from", "member_reference", "non_member_reference", "training_days",
                 "accompaniment_days", "total_months", "places"):
        assert normalise(getattr(figures, name)) in home, (name, getattr(figures, name))
    costs = page_text(site / "tarifs/index.html")
    for row in price_views.price_table(data).rows:
        assert normalise(row.total) in costs and normalise(row.reference) in costs, row.profile
    source = (site / "index.html").read_text(encoding="utf-8")
    document = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', source, re.S).group(1))
    prices = sorted(float(o["price"]) for o in document["offers"])
    p = data.pricing
    expected = sorted(float(pr.quote(p, membership=m.id, revenue_tier=t.id, funding=f).total)
                      for t in p.revenue_tiers for m in p.memberships for f in pr.FUNDING_CASES
                      if pr.quote(p, membership=m.id, revenue_tier=t.id, funding=f).known)
    assert prices == expected
    for person in data.contacts.people:
        assert person.email in home
    if readable:
        assert scan(site, canaries(data)) == []
        restricted = build_site("mkdocs.restricted.yml", out / "restricted", project=project)
        text = " ".join(page_text(path) for path in (restricted / "restricted").rglob("*.html"))
        for module in data.restricted.programme.modules:
            assert shown(module.title) in text, module.code
    return {"member_from": normalise(figures.member_from), "non_member_from": normalise(figures.non_member_from), "places": figures.places, "home": home}


def test_live_data_validates_and_every_figure_is_the_computed_one(tmp_path):
    check_project(copy_project(tmp_path / "project", case=None), tmp_path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_edits_keep_the_live_checks_green(tmp_path, monkeypatch):
    """Accompaniment 3 600 €, file fees 800 €, 12 places, the next cohort, a contact, a module, a page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793577600")  # 2026-11-02: the next cohort's registration is open
    project = copy_project(tmp_path / "project")
    data_dir = project / "data"
    _edit(data_dir / "pricing.yml", "amount: 3450", "amount: 3600")
    _edit(data_dir / "pricing.yml", "amount: 750", "amount: 800")
    planning = data_dir / "planning.yml"
    for old, new in (("places: 10", "places: 12"), ("id: cohorte-2025-2026", "id: cohorte-2026-2027"),
                     ("2025-11-11", "2026-11-11"), ("2025-11-30", "2026-11-30"), ("2025-12-01", "2026-12-01"),
                     ("first_month: 2026-01", "first_month: 2027-01")):
        _edit(planning, old, new)
    _edit(data_dir / "contacts.yml", "email: vincent.ribes@pole-enter.org", "email: nouveau.contact@pole-enter.org")
    module = '  - code: "4.9"\n    sequence: s4\n    title: Module ajouté\n    kind: evenement\n    format: groupe\n    month: 10\n'
    _edit(data_dir / "restricted" / "programme.yml", "modules:\n", "modules:\n" + module)
    page = '---\ntitle: Nouvelle page\ndescription: "Une page ajoutée."\n---\n\n# Nouvelle page\n\nPrix : {{ fig.member_from }}.\n'
    (project / "docs" / "nouvelle.md").write_text(page, encoding="utf-8")
    _edit(project / "mkdocs.yml", "  - Contacts: contacts.md\n", "  - Contacts: contacts.md\n  - Nouvelle page: nouvelle.md\n")
    seen = check_project(project, tmp_path)
    assert seen["member_from"] == "à partir de 4 600 €" and seen["non_member_from"] == "à partir de 5 400 €" and seen["places"] == "12"
    assert "12 PME" in seen["home"] and "Les inscriptions sont ouvertes" in seen["home"]
