"""Reflow (WCAG 1.4.10): no page of either variant scrolls sideways at 320 px.

Every page of both variants (parametrised by tests/browser/conftest.py) is
opened in a 320 × 640 viewport, the width of WCAG's reflow criterion; the
document must be no wider than the viewport. Wide content (the planning, the
module table, the price tables) reflows instead of scrolling.
"""
from __future__ import annotations

import pytest

from helpers import SitePage

pytestmark = pytest.mark.browser

WIDTH = 320


def test_no_page_scrolls_sideways_at_320_px(site_page: SitePage, url, new_page):
    page = new_page(viewport={"width": WIDTH, "height": 640}, java_script_enabled=True)
    page.goto(url, wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    wider = page.evaluate(
        """w => [...document.querySelectorAll('main *')]
              .filter(e => e.getBoundingClientRect().right > w + 0.5)
              .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""",
        WIDTH,
    )
    assert width <= WIDTH, f"{width} px de large à {WIDTH} px : {wider}"
