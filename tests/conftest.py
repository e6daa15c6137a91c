"""Shared fixtures: the brochure case built once per session, and the live data.

Helpers live in tests/helpers.py; test modules import them from there.
Every test runs under a guard: nothing is written into the working tree
(tests write under tmp_path), which fails the test that tried.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import EPOCH_OPEN, ROOT, WorkingTreeGuard, build_site, copy_project, load, restricted_ready


@pytest.fixture(scope="session", autouse=True)
def working_tree_guard(tmp_path_factory):
    """Refuse writes into the working tree while the tests run (an audit hook of this process).

    Hypothesis keeps its caches (.hypothesis/) in a temporary folder; the
    opt-in PDF_PREVIEW_DIR (tests/test_pdf.py) may be anywhere.
    """
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    allowed = [tmp_path_factory.getbasetemp(), Path(tempfile.gettempdir())]
    if os.environ.get("PDF_PREVIEW_DIR"):
        allowed.append(Path(os.environ["PDF_PREVIEW_DIR"]))
    guard = WorkingTreeGuard(ROOT, tuple(allowed))
    sys.addaudithook(guard)  # hooks cannot be removed: the guard is switched off instead
    guard.active = True
    yield guard
    guard.active = False


@pytest.fixture(autouse=True)
def _nothing_written_into_the_working_tree(working_tree_guard):
    """Fail the test (at teardown) that wrote into the working tree, even if the refusal was swallowed."""
    yield
    found = working_tree_guard.take()
    if found:
        pytest.fail("écrit dans la copie de travail (les tests écrivent sous tmp_path) : " + ", ".join(found), pytrace=False)


@pytest.fixture(scope="session")
def brochure_project(tmp_path_factory):
    """A copy of the project on the frozen brochure case (tests/fixtures/brochure)."""
    return copy_project(tmp_path_factory.mktemp("brochure") / "project")


@pytest.fixture(scope="session")
def data(brochure_project):
    """The brochure case's data, restricted part included (synthetic)."""
    return load(brochure_project)


@pytest.fixture(scope="session")
def built(brochure_project, tmp_path_factory):
    """Both variants of the brochure case, built once on 3 November 2025 (no PDF)."""
    out = tmp_path_factory.mktemp("built")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    try:
        public = build_site("mkdocs.yml", out / "site", project=brochure_project)
        restricted = build_site("mkdocs.restricted.yml", out / "site-restricted", project=brochure_project)
    finally:
        mp.undo()
    return {"public": public, "restricted": restricted}


@pytest.fixture(scope="session")
def live_data():
    """The live data/ as this clone can read it (restricted part only when unlocked)."""
    return load(ROOT, audience="restricted" if restricted_ready() else "public")


@pytest.fixture(scope="session")
def pdfs(built, tmp_path_factory):
    """Each variant copied and given its PDF by tools/handout.py, as `make site` does: {variant: (site, pdf)}."""
    import shutil

    from tools import handout

    out = tmp_path_factory.mktemp("pdf")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    try:
        made = {}
        for variant, site in built.items():
            copy = out / site.name
            shutil.copytree(site, copy)
            made[variant] = (copy, handout.make_pdf(copy))
    finally:
        mp.undo()
    return made
