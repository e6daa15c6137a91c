"""The chrome of an offer, not of a manual (issue 15).

The organiser and the offer's short name on two lines that never clip on a
phone, the offer's pages as a top navigation that wraps (no drawer, no
checkbox), the statements in the footer only, « Suivant : … » in reading
order, the page's contents on long pages only, the restricted notice as a
thin strip.
"""
from __future__ import annotations

import re

import pytest
import yaml

from helpers import AUDIENCES, ROOT, normalise, page_text
from macros.restricted_pages import standalone

pytestmark = pytest.mark.browser

PHONES = (320, 360, 390)
STATEMENTS = ("Accessibilité", "Écoconception")
THEME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["theme"]
HEADER_NAV = re.compile(r"<header>.*?<nav[^>]*>(.*?)</nav>.*?</header>", re.S)
NEXT = re.compile(r"<p class=\"next\"><a href=\"([^\"]+)\" rel=\"next\">Suivant\s*:\s*([^<]+)</a></p>")
LINK_TEXT = re.compile(r"<a [^>]*>([^<]+)</a>")

# Header facts at a phone width: the brand's lines and any clipped or overflowing box.
HEADER_JS = """() => {
  const header = document.querySelector('header'), brand = header.querySelector('.brand');
  const W = document.documentElement.clientWidth;
  const lines = Math.round(brand.getBoundingClientRect().height / parseFloat(getComputedStyle(brand).lineHeight));
  const out = [...header.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > W + 1 || r.left < -1 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible';
  }).map(e => e.outerHTML.slice(0, 80));
  const links = [...header.querySelectorAll('nav a')].map(a => a.checkVisibility({visibilityProperty: true}));
  return {lines, out, links, scroll: document.documentElement.scrollWidth <= W, organiser: brand.querySelector('span').innerText,
          text: brand.innerText};
}"""


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if "plaquette/" not in p.relative_to(site).as_posix())


@pytest.mark.parametrize("variant", AUDIENCES)
@pytest.mark.parametrize("width", PHONES)
def test_header_on_a_phone_never_clips(served, new_page, data, variant, width):
    page = new_page(viewport={"width": width, "height": 700})
    page.goto(served[variant] + ("restricted/planning/" if variant == "restricted" else "tarifs/"))
    facts = page.evaluate(HEADER_JS)
    assert facts["organiser"].casefold() == data.offer.organiser.casefold()
    assert normalise(data.offer.label_short) in normalise(facts["text"])
    assert facts["lines"] >= 2, "l'organisateur et l'offre sur deux lignes"
    assert facts["out"] == [] and facts["scroll"], facts["out"]
    assert facts["links"] and all(facts["links"]), "chaque lien du menu est visible, sans tiroir"


@pytest.mark.parametrize("variant", AUDIENCES)
def test_no_checkbox_no_script_no_drawer(built, variant):
    for page in _pages(built[variant]):
        source = page.read_text(encoding="utf-8")
        assert "<input" not in source and "__drawer" not in source and "__search" not in source, page
        assert re.findall(r"<script(?![^>]*application/ld\+json)", source) == [], page


@pytest.mark.parametrize("variant", AUDIENCES)
def test_top_navigation_has_the_offer_and_the_footer_the_statements(built, variant):
    for page in _pages(built[variant]):
        source = page.read_text(encoding="utf-8")
        nav = HEADER_NAV.search(source)
        if standalone(variant, page.relative_to(built[variant]).as_posix()):
            assert nav is None and "<footer>" in source and "<a " not in source.split("<footer>")[1], page
            continue
        assert nav, page
        titles = LINK_TEXT.findall(nav.group(1))
        assert len(titles) >= 5 and not any(t.startswith(STATEMENTS) for t in titles), (page, titles)
        footer = re.search(r"<footer>.*?</footer>", source, re.S).group(0)
        assert all(s in footer for s in STATEMENTS), page
        assert source.count('aria-current="page"') <= 1, page


@pytest.mark.parametrize("variant", AUDIENCES)
def test_next_links_follow_the_reading_order(built, variant):
    """From the home page, « Suivant » leads through the top navigation in its order, then stops."""
    site = built[variant]
    home = (site / "index.html").read_text(encoding="utf-8")
    order = LINK_TEXT.findall(HEADER_NAV.search(home).group(1))
    seen, current = [order[0]], site / "index.html"
    while True:
        found = NEXT.search(current.read_text(encoding="utf-8"))
        if not found:
            break
        href, title = found.groups()
        current = (current.parent / href / "index.html").resolve()
        seen.append(title)
        assert len(seen) <= len(order), seen
    assert [t.casefold() for t in seen] == [t.casefold() for t in order]


@pytest.mark.parametrize("variant", AUDIENCES)
def test_contents_only_on_long_pages(built, variant):
    toc = THEME["toc"]
    with_toc = 0
    for page in _pages(built[variant]):
        source = page.read_text(encoding="utf-8")
        words = len(page_text(page).split())
        has = 'class="toc"' in source
        with_toc += has
        if has:
            assert words >= toc["min_words"] * 0.9, (page, words)
        sections = len(re.findall(r"<h2\b", re.search(r"<article.*?</article>", source, re.S).group(0)))
        if not has:
            assert words < toc["min_words"] * 1.1 or sections < toc["min_sections"], (page, words, sections)
    assert with_toc >= 1


def test_restricted_notice_is_a_thin_strip(served, new_page, built):
    for page in _pages(built["restricted"]):
        assert 'class="restricted-banner"' in page.read_text(encoding="utf-8"), page
    phone = new_page(viewport={"width": 360, "height": 640})
    phone.goto(served["restricted"] + "restricted/planning/")
    height = phone.evaluate("document.querySelector('.restricted-banner').getBoundingClientRect().height")
    assert 0 < height <= 40, f"bandeau de {height} px sur un écran de 640 px"
