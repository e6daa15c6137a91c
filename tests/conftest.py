"""Shared fixtures: the brochure case built once per session, and the live data.

Helpers live in tests/helpers.py; test modules import them from there.
"""
from __future__ import annotations

import pytest

from helpers import EPOCH_OPEN, ROOT, build_site, copy_project, load, restricted_ready


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
