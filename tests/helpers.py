"""Helpers shared by the test modules (test modules never import each other).

Tests of the code build a copy of the project whose data is a frozen case
under tests/fixtures/<case>/ (today's brochure, with synthetic restricted
data in clear). Tests over the live data/ use `case=None` and assert only
what holds for any valid data.
"""
from __future__ import annotations

import gzip
import html
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"
BROCHURE = "brochure"
# Fixed days for reproducible builds of the brochure case.
EPOCH_OPEN = "1762128000"  # 2025-11-03 00:00 UTC: intentions open
SOURCES = ("docs", "macros", "overrides", "tools", "schemas")
CONFIGS = ("mkdocs.yml", "mkdocs.restricted.yml")


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for `AAAA-MM-JJ` at 0 h UTC."""
    import datetime as dt

    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()))


def copy_project(dest: Path, *, case: str | None = BROCHURE) -> Path:
    """A copy of the project (sources only) that a test may edit and build.

    `case` names a frozen data set of tests/fixtures/ that replaces data/ and
    docs/restricted/; None keeps the live data (and the restricted sources as
    they are in this clone: plain when unlocked, encrypted otherwise).
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in CONFIGS:
        shutil.copy2(ROOT / name, dest / name)
    if case is None:
        shutil.copytree(ROOT / "data", dest / "data")
        return dest
    fixture = FIXTURES / case
    shutil.copytree(fixture / "data", dest / "data")
    if (fixture / "docs" / "restricted").exists():
        shutil.rmtree(dest / "docs" / "restricted", ignore_errors=True)
        shutil.copytree(fixture / "docs" / "restricted", dest / "docs" / "restricted")
    return dest


def build_site(config_file: str, site_dir: Path, *, project: Path) -> Path:
    """Build one configuration of `project` into `site_dir` (no PDF)."""
    from tools.build import build_variant

    build_variant(project / config_file, site_dir)
    return site_dir


def load(project: Path, *, audience: str = "restricted"):
    """The validated data of a project copy."""
    from macros.validation import load_data

    return load_data(project / "data", root=project, audience=audience)


def restricted_ready(root: Path = ROOT) -> bool:
    """Whether this clone's restricted sources are readable (the key unlocked them)."""
    from tools.build import restricted_ready as ready

    return ready(root)


def page_text(path: Path) -> str:
    """Visible text of a built page's main content, whitespace normalised."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r"<article.*?</article>", source, re.S)
    body = match.group(0) if match else source
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return normalise(text)


def shown(text: str) -> str:
    """A data text as a reader sees it on a built page (typeset, then normalised)."""
    from macros.typography import french

    return normalise(french(text))


def normalise(text: str) -> str:
    """Collapse every kind of space (CLDR's no-break spaces included); one apostrophe.

    The built pages are typeset (macros/typography.py: no-break spaces,
    curly apostrophes): comparisons with the data's plain text go through
    this function on both sides.
    """
    return re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("\u2019", "'")).strip()


# ------------------------------------------------------------ restricted text
def canaries(data: Any) -> list[str]:
    """Every restricted text of the data, less what the public data says itself."""
    restricted = data.restricted
    assert restricted is not None, "canaries need the restricted data"
    texts: list[str] = [restricted.programme.aim]
    for module in restricted.programme.modules:
        texts += [module.title, module.detail or ""]
    for sequence in restricted.programme.sequences or ():
        texts += [sequence.title, sequence.objective, sequence.rhythm or ""]
    plan = restricted.planning
    texts += [plan.note, *plan.legend.model_dump().values()]
    for row in plan.rows:
        texts += [row.title, row.note or ""]
    public = [fold(s) for s in public_strings(data)]
    return sorted({t for t in texts if t and t not in NOT_SECRET and not any(fold(t) in p for p in public)})


# Restricted labels that the public pages legitimately say: the kick-off is
# announced with its date, and « en groupe » / « en individuel » describe the
# programme's format (section 3 of the brochure).
NOT_SECRET = {"Kick-off", "En groupe", "En individuel"}


def public_strings(data: Any) -> list[str]:
    """Every text of the public data: what it says is not a secret."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for part in (data.offer, data.contacts, data.pricing, data.programme, data.planning):
        walk(part.model_dump())
    return out


def fold(text: str) -> str:
    """Text compared without case, spacing, typography or Unicode form differences."""
    from macros.typography import french

    return normalise(french(unicodedata.normalize("NFC", text))).casefold()


def scan(site: Path, needles: list[str]) -> list[str]:
    """`file: needle` for each needle found in any file under `site` (PDF text included)."""
    found = []
    folded = [(n, fold(n)) for n in needles]
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
        else:
            text = raw.decode("utf-8", errors="ignore")
        hay = fold(html.unescape(text)) + " " + fold(page_text(path)) if path.suffix == ".html" else fold(text)
        found += [f"{path.relative_to(site)}: {n}" for n, f in folded if f in hay]
    return found
