"""The audit stays true: each check data/rgaa.yml cites passes where it claims C or NA.

tools/rgaa_checks.py runs the automated part of the RGAA audit (DOM,
keyboard, reflow, zoom, text spacing, forced colours, styles off, axe,
HTML_CodeSniffer, accessibility tree) on every sampled page of the built
sites. A redesigned page that loses a criterion the audit declares conforming
fails here, with the criterion and what went wrong: fix the page, or re-audit
(data/rgaa.yml) and let the statement say it.
"""
from __future__ import annotations

import pytest

from macros import rgaa
from macros.restricted_pages import standalone
from tools.page_checks import check_page
from tools.rgaa_checks import add_consistency, contradictions, unseen

pytestmark = pytest.mark.browser

AUDIT = rgaa.load_audit()


@pytest.fixture(scope="module")
def results(browser, served) -> dict:
    """Every sampled page checked once (the menu comparison needs them all)."""
    found = {}
    for page in AUDIT.sample:
        found[page.id] = check_page(browser, served[page.variant] + page.path, standalone=standalone(page.variant, page.path))
    add_consistency(AUDIT, found)
    return found


@pytest.mark.parametrize("page", [p.id for p in AUDIT.sample])
def test_audit_claims_hold(results, page):
    assert contradictions(AUDIT, {page: results[page]}) == []


def test_every_check_the_audit_may_cite_is_run(results):
    ran = set(next(iter(results.values())))
    assert set(rgaa.CHECKS) <= ran, set(rgaa.CHECKS) - ran


def test_recorded_non_conformities_are_still_seen(results):
    """Each NC of the audit is still seen by one of its checks; if not, it may be fixed: re-audit data/rgaa.yml."""
    assert unseen(AUDIT, results) == []
