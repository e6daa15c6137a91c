"""The accessibility and eco-design statements, reachable from every footer."""
from __future__ import annotations

import html
import posixpath
import re

import pytest

from helpers import AUDIENCES, normalise, page_text
from macros import conformity
from macros.budgets import budget_rows
from macros.restricted_pages import standalone
from tools.measure import site_prefix

FOOTER = re.compile(r"<footer.*?</footer>", re.S)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)</a>')


def _target(site, page, href):
    """The built file a link of `page` points to (relative, or absolute under site_url)."""
    if href.startswith("/"):
        prefix = site_prefix()
        assert href.startswith(prefix), href
        path = href[len(prefix):] or "."
    else:
        folder = posixpath.dirname(page.relative_to(site).as_posix())
        path = posixpath.normpath(posixpath.join(folder, href))
    candidate = site / path
    return candidate / "index.html" if candidate.is_dir() else candidate


@pytest.mark.parametrize("variant", AUDIENCES)
def test_every_footer_links_both_statements(built, variant):
    site = built[variant]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        footer = FOOTER.search(page.read_text(encoding="utf-8"))
        assert footer, page
        if standalone(variant, page.relative_to(site).as_posix()):  # served anywhere: no link into the site
            assert LINK.findall(footer.group(0)) == [], page
            continue
        links = {normalise(html.unescape(text)): href for href, text in LINK.findall(footer.group(0))}
        accessibility = f"Accessibilité : {conformity.status()}"  # computed from the audit (data/rgaa.yml)
        assert set(links) >= {accessibility, "Écoconception"}, page
        for label in (accessibility, "Écoconception"):
            href = links[label]
            assert _target(site, page, href).is_file(), f"{page}: {label} -> {href}"


def test_accessibility_statement(built):
    text = page_text(built["public"] / "accessibilite/index.html")
    for fact in ("Déclaration d'accessibilité", f"Ce site est {conformity.status()}", "RGAA", "audit", "axe-core", "Nu Html Checker",
                 "HTML_CodeSniffer", "contact@pole-enter.org", "Voies de recours", "Défenseur des droits",
                 "Libre réponse 71120"):
        assert fact in text, fact


def test_eco_design_statement_shows_the_tested_budgets(built):
    text = page_text(built["public"] / "ecoconception/index.html")
    assert "Déclaration d'écoconception" in text and "RGESN" in text and "EcoIndex" in text
    for measure, limit in budget_rows():
        assert f"{measure} {limit}" in text, (measure, limit)
