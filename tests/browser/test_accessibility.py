"""Accessibility of every page of both variants, in Chromium.

- axe-core (shipped by the pip package axe-playwright-python, pinned in
  requirements.txt) finds no violation of the WCAG 2.0/2.1 A and AA rules;
- the keyboard: a skip link comes first and works, every focused element
  shows a visible focus indicator, the tab order follows the reading order
  and reaches every link;
- without JavaScript the page reads and navigates the same, menu included;
- at a 200 % zoom (a 1280 px window seen at twice the size: 640 CSS px)
  nothing overflows the window or is clipped, and the top navigation stays
  visible and reachable with the keyboard (it wraps: no drawer, no checkbox).
"""
from __future__ import annotations

import pytest

from helpers import SitePage
from tools.page_checks import CLIPPED_JS, DESKTOP, FOCUS_JS, ORDER_JS, TABBABLE_JS, UNREACHED_JS, axe_violations, tab_walk

pytestmark = pytest.mark.browser

ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
PHONE = {"viewport": {"width": 360, "height": 640}}
MAX_TABS = 120  # stricter than the audit tool's walk (page_checks.MAX_TABS)


def test_axe_finds_no_wcag_a_aa_violation(site_page: SitePage, url, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(url)
    assert axe_violations(page) == []


def test_axe_on_a_phone(site_page: SitePage, url, new_page):
    page = new_page(**PHONE)
    page.goto(url)
    assert page.locator("header nav a").first.is_visible() is not site_page.standalone
    assert axe_violations(page) == []


def test_keyboard_skip_link_visible_focus_logical_order(site_page: SitePage, url, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(url)
    assert page.evaluate("document.querySelectorAll('[tabindex]:not([tabindex=\"0\"]):not([tabindex=\"-1\"])').length") == 0
    expected = page.evaluate(TABBABLE_JS)
    assert expected, "aucun lien ni champ"
    stops, problems = tab_walk(page, limit=MAX_TABS)
    assert problems == [], problems
    assert stops, "aucun élément atteignable au clavier"
    assert 'class="skip"' in stops[0]["html"] and stops[0]["text"] == "Aller au contenu", stops[0]
    assert stops[0]["opacity"] == 1 and stops[0]["onscreen"], "le lien d'évitement doit apparaître au focus"
    hidden = [s["html"] for s in stops if not (s["indicator"] and s["onscreen"])]
    assert hidden == [], "focus invisible"
    assert page.evaluate(ORDER_JS), "l'ordre de tabulation ne suit pas l'ordre du document"
    assert page.evaluate(UNREACHED_JS) == [], "éléments jamais atteints par la tabulation"


def test_skip_link_leads_to_the_content(site_page: SitePage, url, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(url)
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target and target.startswith("#")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    page.keyboard.press("Tab")
    after = page.evaluate(
        """(id) => { const t = document.getElementById(id); const a = document.activeElement;
             return !!t && (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
                    && !a.closest('header'); }""",
        target[1:],
    )
    assert after, "après le lien d'évitement, la tabulation doit reprendre dans le contenu"


def test_readable_and_navigable_without_javascript(site_page: SitePage, url, new_page):
    with_js = new_page(viewport=DESKTOP)
    with_js.goto(url)
    text = with_js.inner_text("article")
    page = new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto(url)
    assert page.inner_text("article") == text
    assert len(text.split()) > 10
    links = page.locator("header nav a")
    if site_page.standalone:  # no link into the site: it is served at an address the build cannot know
        assert links.count() == 0 and page.locator("footer a").count() == 0
        assert page.locator("article a[href^='mailto:']").is_visible()
        return
    assert links.count() >= 5 and all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("footer a", has_text="Accessibilité").is_visible()
    phone = new_page(java_script_enabled=False, **PHONE)
    phone.goto(url)
    links = phone.locator("header nav a")
    assert all(links.nth(i).is_visible() for i in range(links.count())), "le menu doit être visible sur un téléphone"


def test_zoom_200_hides_nothing(site_page: SitePage, url, new_page):
    page = new_page(**ZOOM_200)
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "défilement horizontal"
    assert page.evaluate(CLIPPED_JS, True) == []  # strict: no exception for tables
    assert page.locator("article h1").first.is_visible()
    # The menu: visible, and the second Tab (after the skip link and the
    # site's name) reaches its first link, with a visible focus.
    links = page.locator("header nav a")
    if site_page.standalone:  # no menu: the contact link is the one to reach
        assert links.count() == 0
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.href.startsWith('mailto:')")
        return
    assert links.count() >= 5 and all(links.nth(i).is_visible() for i in range(links.count()))
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('header nav') !== null")
    assert page.evaluate(FOCUS_JS, 0)["indicator"], "le lien du menu doit montrer le focus"
