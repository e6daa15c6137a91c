"""Reproducible output: same commit and SOURCE_DATE_EPOCH, same bytes.

Each build runs in its own Python process, with a different hash seed, time
zone and output folder, so that set ordering, the local clock or an absolute
path leaking into a file would show as a difference. Both variants are
built with their PDFs (tools/handout.py), as `make site` does.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EPOCH_OPEN, copy_project

OTHER_EPOCH = "1767225600"  # 2026-01-01 00:00 UTC
_BUILD = "import sys; from pathlib import Path; from tools.build import build_all; build_all(Path(sys.argv[1]))"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The brochure case (both variants buildable with or without the key)."""
    return copy_project(tmp_path_factory.mktemp("repro-project") / "project")


def build_in_subprocess(project: Path, out: Path, *, epoch: str, seed: str, tz: str) -> Path:
    """Both variants and their PDFs into `out`, in a fresh interpreter."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": seed, "TZ": tz, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", _BUILD, str(out)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path -> bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def twice(project, tmp_path_factory) -> tuple[Path, Path]:
    """Two builds of the same sources with the same SOURCE_DATE_EPOCH."""
    base = tmp_path_factory.mktemp("repro")
    first = build_in_subprocess(project, base / "first", epoch=EPOCH_OPEN, seed="1", tz="UTC")
    second = build_in_subprocess(project, base / "elsewhere" / "second", epoch=EPOCH_OPEN, seed="2", tz="Pacific/Auckland")
    return first, second


def test_two_builds_are_byte_identical(twice):
    first, second = (tree(root) for root in twice)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_the_comparison_covers_everything(twice):
    files = tree(twice[0])
    for name in ("site/index.html", "site/sitemap.xml", "site/robots.txt", "site/404.html",
                 "site/assets/partage.png", "site/inscriptions.ics", "site-restricted/planning.ics",
                 "site-restricted/restricted/planning/index.html"):
        assert name in files, name
    pdfs = sorted(n for n in files if n.endswith(".pdf"))
    built_pdfs = sorted(p.relative_to(twice[1]).as_posix() for p in twice[1].rglob("*.pdf"))
    assert pdfs == built_pdfs  # whatever tools/handout.py produces is compared too


def test_dates_come_from_source_date_epoch(project, twice, tmp_path):
    """Another SOURCE_DATE_EPOCH moves the sitemap dates."""
    other = build_in_subprocess(project, tmp_path / "other", epoch=OTHER_EPOCH, seed="1", tz="UTC")
    day = dt.datetime.fromtimestamp(int(OTHER_EPOCH), tz=dt.UTC).date().isoformat()
    first_day = dt.datetime.fromtimestamp(int(EPOCH_OPEN), tz=dt.UTC).date().isoformat()
    sitemap = (other / "site/sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{day}</lastmod>" in sitemap and first_day not in sitemap
    before = (twice[0] / "site/sitemap.xml").read_text(encoding="utf-8")
    assert before.replace(first_day, day) == sitemap
