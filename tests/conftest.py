"""Shared fixtures: the real data, and both variants built once per session."""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.schema import load_data  # noqa: E402
from tools.build import build_variant  # noqa: E402

DATA = ROOT / "data"
# A fixed day for reproducible builds: before the registration deadlines.
EPOCH_OPEN = "1762128000"  # 2025-11-03 00:00 UTC


@pytest.fixture(scope="session")
def data():
    """The shipped data, validated."""
    return load_data(DATA, root=ROOT)


def build_site(config_file: str, site_dir: Path, *, project: Path = ROOT) -> Path:
    """Build one configuration of `project` into `site_dir`."""
    build_variant(project / config_file, site_dir)
    return site_dir


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Both variants of the real project, built once (no PDF)."""
    out = tmp_path_factory.mktemp("built")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    try:
        public = build_site("mkdocs.yml", out / "site")
        restricted = build_site("mkdocs.restricted.yml", out / "site-restricted")
    finally:
        mp.undo()
    return {"public": public, "restricted": restricted}


def copy_project(dest: Path) -> Path:
    """A copy of the project (sources only) that a test may edit."""
    for name in ("data", "docs", "macros", "overrides", "tools"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs.restricted.yml"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def page_text(path: Path) -> str:
    """Visible text of a built page's main content, whitespace normalised."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r"<article.*?</article>", source, re.S)
    body = match.group(0) if match else source
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return normalise(text)


def normalise(text: str) -> str:
    """Collapse every kind of space (CLDR's no-break spaces included)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()
