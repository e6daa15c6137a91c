"""`make bench`: what this site costs, next to a plain Material build.

Prints one table. For every page of both variants: requests, kilobytes
transferred (gzip), DOM elements and EcoIndex of this site, then of the same
page built with Material's defaults (same Markdown, same macros: only the
theme settings and overrides differ, and the search plugin that MkDocs
enables by default), and the ratios. Then the times of `make check`, of
building both variants (no PDF), of each PDF and of the whole `make site`,
each next to a plain `mkdocs build` of the same pages timed in the same run.

Timings are reported only here, never asserted by a test.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.budgets import BUDGETS  # noqa: E402
from tools.measure import PageMeasure, launch, measure, serve, site_pages, site_prefix  # noqa: E402

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
VARIANTS = (("public", "mkdocs.yml", "site"), ("restricted", "mkdocs.restricted.yml", "site-restricted"))
PLAIN_PREFIX = ".bench-plain-"  # plain configurations, written beside mkdocs.yml (git-ignored)
TARGET_BOTH_VS_PLAIN = 1.5
TARGET_PDF_SECONDS = 2.0
TARGET_CHECK_SECONDS = 0.5


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    item: str
    ours: str
    plain: str
    ratio: str
    target: str


def _number(value: float, digits: int = 1) -> str:
    """French decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def _ratio(ours: float, plain: float) -> str:
    return "–" if not plain else "×" + _number(ours / plain, 2)


def _load_yaml(path: Path) -> dict[str, Any]:
    class Lenient(yaml.SafeLoader):
        """Ignores MkDocs tags (!ENV, !relative)."""

    Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Lenient) or {}


def _handout_docs() -> list[str]:
    """Pages using the handout template: a plain theme has no such template."""
    found = []
    for doc in sorted((ROOT / "docs").rglob("*.md")):
        head = doc.read_text(encoding="utf-8").split("---", 2)
        if len(head) == 3 and "template: handout.html" in head[1]:
            found.append(doc.relative_to(ROOT / "docs").as_posix())
    return found


def write_plain_config(variant: str, config_file: str) -> Path:
    """A configuration with this site's pages and Material's default theme settings."""
    config = _load_yaml(ROOT / "mkdocs.yml")
    if config_file != "mkdocs.yml":
        child = _load_yaml(ROOT / config_file)
        child.pop("INHERIT", None)
        for key, value in child.items():
            if isinstance(value, dict) and isinstance(config.get(key), dict):
                config[key] = {**config[key], **value}
            else:
                config[key] = value
    config["theme"] = {"name": "material", "language": (config.get("theme") or {}).get("language", "fr")}
    config.pop("extra_css", None)
    config.pop("hooks", None)
    config["plugins"] = {"search": {}, **(config.get("plugins") or {})}
    excluded = [line for line in str(config.get("exclude_docs") or "").splitlines() if line.strip()]
    config["exclude_docs"] = "\n".join(excluded + _handout_docs()) + "\n"
    path = ROOT / f"{PLAIN_PREFIX}{variant}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(command: list[str], **options: Any) -> float:
    """Seconds taken by a command (which must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, **options)
    return time.perf_counter() - started


def timed_call(function: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by a call, and its result."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def build_ours(out: Path) -> float:
    """Both variants, no PDF, in a fresh process (as `make site` runs them)."""
    code = "import sys; from pathlib import Path; sys.path.insert(0, '.'); from tools.build import build_all; build_all(Path(sys.argv[1]), pdf=False)"
    return timed([PYTHON, "-c", code, str(out)])


def build_plain(config: Path, out: Path) -> float:
    """A plain `mkdocs build` of one configuration."""
    return timed([MKDOCS, "build", "--quiet", "--config-file", str(config), "--site-dir", str(out)])


def measure_site(site: Path) -> dict[str, PageMeasure]:
    """Every page of a built site, measured in Chromium."""
    from playwright.sync_api import sync_playwright

    with serve(site, prefix=site_prefix()) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return {page: measure(browser, base + page) for page in site_pages(site)}
        finally:
            browser.close()


def _cell(m: PageMeasure | None) -> str:
    if m is None:
        return "–"
    third = f" · {len(m.outside)} tiers" if m.outside else ""
    return f"{m.requests} req. · {_number(m.kilobytes)} Ko · {m.dom} él. · {m.ecoindex} {m.grade}{third}"


def _within(m: PageMeasure) -> bool:
    return (m.requests <= BUDGETS.max_requests and m.kilobytes <= BUDGETS.max_kilobytes and m.dom <= BUDGETS.max_dom_elements
            and m.ecoindex >= BUDGETS.min_ecoindex and len(m.outside) <= BUDGETS.max_outside_requests)


def page_rows(variant: str, ours: dict[str, PageMeasure], plain: dict[str, PageMeasure]) -> list[Row]:
    """One row per page of a variant."""
    rows = []
    handouts = {doc[: -len(".md")] + "/" for doc in _handout_docs()}
    for page, m in ours.items():
        p = plain.get(page)
        if page in handouts:  # the print handout gathers every page: no per-page budget
            rows.append(Row(f"{variant} /{page}", _cell(m), "–", "–", "page imprimable, non publiée"))
            continue
        ratio = "–" if p is None else f"req. {_ratio(m.requests, p.requests)} · Ko {_ratio(m.kilobytes, p.kilobytes)} · él. {_ratio(m.dom, p.dom)}"
        better = p is not None and m.requests < p.requests and m.kilobytes < p.kilobytes and m.ecoindex > p.ecoindex
        target = ("budget ✓" if _within(m) else "budget ✗") + ("" if p is None else (" · mieux ✓" if better else " · mieux ✗"))
        rows.append(Row(f"{variant} /{page}", _cell(m), _cell(p), ratio, target))
    return rows


def print_table(rows: list[Row]) -> None:
    """The one table, aligned for a terminal."""
    head = Row("Page ou étape", "Ce site", "Material par défaut", "Rapport", "Cible")
    cols = list(zip(*[(r.item, r.ours, r.plain, r.ratio, r.target) for r in [head, *rows]]))
    widths = [max(len(v) for v in col) for col in cols]
    line = "-+-".join("-" * w for w in widths)
    for index, row in enumerate([head, *rows]):
        print(" | ".join(v.ljust(w) for v, w in zip((row.item, row.ours, row.plain, row.ratio, row.target), widths)))
        if index == 0:
            print(line)


def run() -> int:
    """Build, measure, time; print the table."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    plain_configs = {variant: write_plain_config(variant, config) for variant, config, _ in VARIANTS}
    try:
        ours_dir, plain_dir = work / "ours", work / "plain"
        subprocess.run(["make", "--no-print-directory", "-s", "setup"], cwd=ROOT, check=True)  # installs are not timed
        check_s = timed(["make", "--no-print-directory", "-s", "check"])
        both_s = build_ours(ours_dir)
        plain_s = {variant: build_plain(plain_configs[variant], plain_dir / name) for variant, _c, name in VARIANTS}
        pdf_s: dict[str, float | None] = {}
        from tools import handout

        pdf_timings: dict[str, float] = {}
        handout.make_pdfs([ours_dir / name for _variant, _config, name in VARIANTS], timings=pdf_timings)
        chromium_s = pdf_timings["chromium"]
        for variant, _config, name in VARIANTS:
            pdf_s[variant] = pdf_timings[name]
        rows: list[Row] = []
        for variant, _config, name in VARIANTS:
            rows += page_rows(variant, measure_site(ours_dir / name), measure_site(plain_dir / name))
        site_s = timed(["make", "--no-print-directory", "-s", "site"])
    finally:
        for path in plain_configs.values():
            path.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)

    plain = plain_s["public"]
    plain_cell = f"{_number(plain, 2)} s (mkdocs build public)"
    rows.append(Row("make check", f"{_number(check_s, 2)} s", plain_cell, _ratio(check_s, plain),
                    f"≤ {_number(TARGET_CHECK_SECONDS)} s " + ("✓" if check_s <= TARGET_CHECK_SECONDS else "✗")))
    rows.append(Row("construction des deux variantes (sans PDF)", f"{_number(both_s, 2)} s", plain_cell, _ratio(both_s, plain),
                    f"≤ ×{_number(TARGET_BOTH_VS_PLAIN)} " + ("✓" if both_s <= TARGET_BOTH_VS_PLAIN * plain else "✗")))
    rows.append(Row("mkdocs build restreint (défaut)", "–", f"{_number(plain_s['restricted'], 2)} s", "–", "–"))
    rows.append(Row("démarrage de Chromium (une fois pour les deux PDF)", f"{_number(chromium_s, 2)} s", plain_cell, _ratio(chromium_s, plain), "–"))
    for variant, seconds in pdf_s.items():
        ours = "n/a" if seconds is None else f"{_number(seconds, 2)} s"
        target = "–" if seconds is None else f"≤ {_number(TARGET_PDF_SECONDS)} s " + ("✓" if seconds <= TARGET_PDF_SECONDS else "✗")
        rows.append(Row(f"PDF {variant}", ours, plain_cell, "–" if seconds is None else _ratio(seconds, plain), target))
    rows.append(Row("make site (tout, PDF compris)", f"{_number(site_s, 2)} s", plain_cell, _ratio(site_s, plain), "–"))
    print_table(rows)
    print(f"\nBudgets par page : ≤ {BUDGETS.max_requests} requêtes, ≤ {BUDGETS.max_kilobytes} Ko, ≤ {BUDGETS.max_dom_elements} éléments, "
          f"EcoIndex ≥ {BUDGETS.min_ecoindex}, {BUDGETS.max_outside_requests} requête vers un tiers. « tiers » : requêtes hors du site "
          "(bloquées ici, comptées). Material par défaut : même Markdown, thème sans réglage ni surcharge, recherche activée.")
    return 0


if __name__ == "__main__":
    sys.exit(run())
