"""What a screen reader gets: the accessibility tree Chromium exposes, page by page.

Read through the DevTools protocol (Accessibility.getFullAXTree), in reading
order: each page has its landmarks, named (banner, navigation, main,
contentinfo) and in that order, one level-1 heading inside the main content
and first in it, headings that do not skip levels, and every link and
control named. No screen reader runs here (NVDA, JAWS, VoiceOver, TalkBack
and Orca were not tested: the accessibility statement says so).
"""
from __future__ import annotations

import itertools

import pytest

from helpers import SitePage
from tools.page_checks import ax_tree, tree_problems

pytestmark = pytest.mark.browser


def _tree(new_page, url):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(url)
    return ax_tree(page)


def test_landmarks_headings_and_names(site_page: SitePage, url, new_page):
    # The print handout page (not published; printed as the PDF) has one h1 per gathered page.
    assert tree_problems(_tree(new_page, url), standalone=site_page.standalone, one_h1=not site_page.handout) == []


def test_reading_order(site_page: SitePage, url, new_page):
    tree = _tree(new_page, url)
    roles = [node["role"] for node in tree]
    landmarks = [role for role in roles if role in ("banner", "main", "contentinfo")]
    assert landmarks == ["banner", "main", "contentinfo"]
    if not site_page.standalone:
        navigation = next(node for node in tree if node["role"] == "navigation")
        assert navigation["name"] == "Pages de l'offre"
        assert roles.index("banner") < roles.index("navigation") < roles.index("main")
    # The skip link is read first, before the header.
    first_link = next(node for node in tree if node["role"] == "link")
    assert first_link["name"] == "Aller au contenu"
    headings = [node for node in tree if node["role"] == "heading"]
    assert headings and headings[0]["level"] == 1, headings[:1]
    levels = [node["level"] for node in headings]
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels)), levels


def test_controls_are_named(site_page: SitePage, url, new_page):
    tree = _tree(new_page, url)
    unnamed = [node for node in tree if node["role"] in ("link", "button", "navigation", "region", "table") and not node["name"]]
    assert unnamed == []
    assert any(node["role"] == "link" and node["name"] for node in tree)
