"""Browser fixtures: both built variants served on 127.0.0.1, one Chromium.

The builds come from the session fixture `built` (tests/conftest.py). The
list of pages (`expected_pages`, tests/helpers.py) is derived from docs/ at
collection time, so that each page of each variant is a test of its own;
`test_every_built_page_is_tested` checks that it matches what the build
really produced.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from helpers import ROOT, SitePage, expected_pages
from tools.measure import PageMeasure, launch, measure, serve, site_prefix


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `site_page` over every page of both variants."""
    if "site_page" in metafunc.fixturenames:
        pages = expected_pages()
        metafunc.parametrize("site_page", pages, ids=[p.id for p in pages])


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
