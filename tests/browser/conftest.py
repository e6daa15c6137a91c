"""Browser fixtures: both built variants served on 127.0.0.1, one Chromium.

The builds come from the session fixture `built` (tests/conftest.py). The
list of pages is derived from docs/ at collection time, so that each page
of each variant is a test of its own; `test_every_built_page_is_tested`
checks that it matches what the build really produced.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import BROCHURE, FIXTURES, ROOT
from tools.measure import PageMeasure, launch, measure, serve, site_prefix

DOCS = ROOT / "docs"
FIXTURE_DOCS = FIXTURES / BROCHURE / "docs"
VARIANTS = ("public", "restricted")
RESTRICTED_DIR = "restricted/"
# The W3C/axe rule sets the site must pass: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class SitePage:
    """One page of one variant, as a test parameter."""

    variant: str
    path: str  # URL path relative to the site's root ("" for the home page)
    handout: bool  # the print handout (template handout.html): the whole brochure on one page

    @property
    def standalone(self) -> bool:
        """A page without navigation nor links into the site (the restricted 404 page)."""
        from macros.site import standalone

        return standalone(self.variant, self.path)

    @property
    def id(self) -> str:
        """Readable test id."""
        return f"{self.variant}:/{self.path}"


def _front_matter(path: Path) -> dict[str, Any]:
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def _url(doc: str) -> str:
    """`tarifs.md` -> `tarifs/`, `index.md` -> `` (directory URLs)."""
    stem = doc[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def expected_pages() -> list[SitePage]:
    """Every page each variant should have: docs/ pages and the 404 page."""
    pages = []
    # The builds are the brochure case: its restricted pages are the fixture's
    # (in clear), the project's own may be git-crypt ciphertext in this clone.
    docs = [d for d in sorted(DOCS.rglob("*.md")) if not d.relative_to(DOCS).as_posix().startswith(RESTRICTED_DIR)]
    docs += sorted((FIXTURE_DOCS / RESTRICTED_DIR).rglob("*.md"))
    for variant in VARIANTS:
        for doc in docs:
            base = FIXTURE_DOCS if doc.is_relative_to(FIXTURE_DOCS) else DOCS
            rel = doc.relative_to(base).as_posix()
            if variant == "public" and rel.startswith(RESTRICTED_DIR):
                continue
            handout = _front_matter(doc).get("template") == "handout.html"
            pages.append(SitePage(variant, _url(rel), handout))
        pages.append(SitePage(variant, "404.html", False))
    return pages


PAGES = expected_pages()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `site_page` over every page of both variants."""
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", PAGES, ids=[p.id for p in PAGES])


@pytest.fixture(scope="session")
def served(built) -> Iterator[dict[str, str]]:
    """Base URL of each variant, served with gzip under the path of site_url."""
    prefix = site_prefix(ROOT / "mkdocs.yml")
    with serve(built["public"], prefix=prefix) as public, serve(built["restricted"], prefix=prefix) as restricted:
        yield {"public": public, "restricted": restricted}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; fails (never skips) when missing."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def measures(browser, served) -> dict[SitePage, PageMeasure]:
    """One cold load of each page, measured once for every budget test."""
    return {}


@pytest.fixture
def measured(site_page: SitePage, measures, browser, served) -> PageMeasure:
    """The measure of the current page (loaded on first use)."""
    if site_page not in measures:
        measures[site_page] = measure(browser, served[site_page.variant] + site_page.path)
    return measures[site_page]


@pytest.fixture
def url(site_page: SitePage, served) -> str:
    """Address of the current page on the local server."""
    return served[site_page.variant] + site_page.path


@pytest.fixture
def new_page(browser) -> Iterator[Any]:
    """Factory of pages in fresh contexts (closed after the test)."""
    contexts = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
