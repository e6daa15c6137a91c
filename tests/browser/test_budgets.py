"""Per-page budgets, measured on a cold load of every page of both variants.

The limits come from macros/budgets.py, the same source as the
eco-design statement (docs/ecoconception.md): at most 2 requests and
15 KiB on the wire, at most 150 elements and EcoIndex 90, on every page:
none is exempt. The print handout
(template handout.html) gathers the whole brochure on one page to be
printed, then `make site` removes it (tools/handout.py): it is never
published. In these builds without PDF it is still there, exempt from the
size budgets (DOM, bytes, EcoIndex), never from the requests and
third-party rules.
"""
from __future__ import annotations

import pytest

from helpers import AUDIENCES, SitePage, expected_pages
from macros.budgets import BUDGETS, ecoindex, grade
from tools.measure import site_pages

pytestmark = pytest.mark.browser


def test_every_built_page_is_tested(built):
    for variant in AUDIENCES:
        tested = sorted(p.path for p in expected_pages() if p.variant == variant)
        assert sorted(site_pages(built[variant])) == tested, variant


def test_no_request_leaves_the_local_server(site_page: SitePage, measured):
    assert measured.outside == (), f"requêtes vers l'extérieur : {measured.outside}"
    assert measured.failed == (), f"requêtes en échec : {measured.failed}"


def test_no_console_error(site_page: SitePage, measured):
    assert measured.console_errors == ()


def test_request_budget(site_page: SitePage, measured):
    assert 1 <= measured.requests <= BUDGETS.max_requests, measured.urls


def test_size_budgets(site_page: SitePage, measured):
    if site_page.handout:
        assert measured.dom > BUDGETS.max_dom_elements, "la plaquette n'a plus besoin d'exemption : retirez-la"
        return
    assert measured.kilobytes <= BUDGETS.max_kilobytes, f"{measured.kilobytes:.1f} Ko transférés"
    score = ecoindex(dom=measured.dom, requests=measured.requests, kilobytes=measured.kilobytes)
    assert measured.dom <= BUDGETS.max_dom_elements, f"{measured.dom} éléments"
    assert score >= BUDGETS.min_ecoindex, f"EcoIndex {score} ({grade(score)})"


def test_one_stylesheet_no_script(site_page: SitePage, measured):
    """The page and its one stylesheet: nothing else is requested, no JavaScript."""
    others = [u for u in measured.urls if u.rstrip("/") != measured.url.rstrip("/")]
    assert len(others) <= 1 and all(u.endswith(".css") for u in others), others


def test_pages_are_served_compressed(served, browser):
    """The server compresses like a static host: the HTML travels gzipped."""
    context = browser.new_context()
    try:
        response = context.request.get(served["public"], headers={"Accept-Encoding": "gzip"})
        assert response.ok
        assert response.headers.get("content-encoding") == "gzip"
    finally:
        context.close()
