"""`make bench`: what this site costs, next to a plain Material build and the floor.

Prints one table. For every page of both variants: requests, kilobytes
transferred (gzip), DOM elements and EcoIndex of this site, then of the same
page built with Material's defaults (same Markdown, same macros: only the
theme settings and overrides differ, and the search plugin that MkDocs
enables by default), then of the floor (the same text, the page's
`<article>` alone in a bare document, no stylesheet), and the ratios. Then
the total bytes of each published folder, and the cost of the stylesheet
over a five-page visit, shared file against inlined in every page (the
choice made in overrides/main.html must be the cheaper one). Then the times of `make check`, of
building both variants (no PDF), of each PDF and of the whole `make site`,
each next to a plain `mkdocs build` of the same pages timed in the same run.

Timings are reported only here, never asserted by a test.
"""
from __future__ import annotations

import gzip
import os
import re
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

from macros import assets
from macros.budgets import BUDGETS
from macros.variants import PUBLIC, VARIANTS
from tools.config import site_config
from tools.measure import PageMeasure, launch, measure, serve, site_pages, site_prefix, visit

ROOT = Path(__file__).resolve().parent.parent

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
PLAIN_PREFIX = ".bench-plain-"  # plain configurations, written beside mkdocs.yml (git-ignored)
# The plain builds use this site's macros without the pruning of unused
# files (macros/prune.py): Material's defaults publish everything, and its
# search worker loads files no page links.
PLAIN_MACROS = ROOT / f"{PLAIN_PREFIX}macros.py"
PLAIN_MACROS_SOURCE = f"""\"\"\"`make bench` only (tools/bench.py): this site's macros, no pruning.\"\"\"
import sys
sys.path.insert(0, {str(ROOT)!r})
import macros.prune
macros.prune.prune = lambda site_dir, **options: []
from macros.mkdocs_adapter import define_env, on_post_build, on_post_page_macros, on_pre_page_macros  # noqa: E402,F401
"""
TARGET_BOTH_VS_PLAIN = 1.5
TARGET_PDF_SECONDS = 2.0
TARGET_CHECK_SECONDS = 1.0  # data and every page of both variants; issue 12: « well under 2 s »
VISIT = ("", "programme/", "tarifs/", "participer/", "contacts/")  # five pages in reading order
STYLESHEET = "stylesheets/extra.css"
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*stylesheets/extra\.css)">')


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    item: str
    ours: str
    plain: str
    floor: str
    ratio: str
    target: str


def _number(value: float, digits: int = 1) -> str:
    """French decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def _ratio(ours: float, plain: float) -> str:
    return "–" if not plain else "×" + _number(ours / plain, 2)


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
    config = site_config(ROOT / config_file)
    config["theme"] = {"name": "material", "language": (config.get("theme") or {}).get("language", "fr")}
    config.pop("extra_css", None)
    config.pop("hooks", None)
    config["plugins"] = {"search": {}, **(config.get("plugins") or {})}
    config["plugins"]["macros"] = {**(config["plugins"].get("macros") or {}), "module_name": PLAIN_MACROS.stem}
    PLAIN_MACROS.write_text(PLAIN_MACROS_SOURCE, encoding="utf-8")
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


def write_floor(site: Path, out: Path) -> Path:
    """The floor: each page's `<article>` alone in a bare document (same text, no stylesheet, no chrome)."""
    for page in sorted(site.rglob("*.html")):
        source = page.read_text(encoding="utf-8")
        title = _TITLE.search(source)
        article = _ARTICLE.search(source)
        body = article.group(1) if article else ""
        target = out / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('<!doctype html><html lang="fr"><head><meta charset="utf-8">'
                          '<meta name="viewport" content="width=device-width,initial-scale=1">'
                          f'{title.group(0) if title else "<title></title>"}</head><body><main>{body}</main></body></html>',
                          encoding="utf-8")
    return out


def write_inlined(site: Path, out: Path) -> Path:
    """The same site with the stylesheet written into every page (`<style>`, compacted) instead of linked."""
    shutil.copytree(site, out)
    css = assets.inline_stylesheet(site / STYLESHEET)
    for page in sorted(out.rglob("*.html")):
        source = page.read_text(encoding="utf-8")
        page.write_text(_LINK.sub(lambda _m: f"<style>{css}</style>", source), encoding="utf-8")
    return out


def measure_visit(site: Path) -> list[PageMeasure]:
    """The five pages of `VISIT`, one reader, cache on."""
    from playwright.sync_api import sync_playwright

    pages = [p for p in VISIT if (site / p / "index.html").is_file()]
    with serve(site, prefix=site_prefix()) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return visit(browser, [base + p for p in pages])
        finally:
            browser.close()


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Total bytes and number of files of a published folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def stylesheet_rows(site: Path, work: Path) -> list[Row]:
    """Shared cached file against inlined: bytes over a five-page visit, measured in Chromium."""
    linked = measure_visit(site)
    inlined = measure_visit(write_inlined(site, work / "inline"))
    css = (site / STYLESHEET).read_bytes()
    gz = len(gzip.compress(css, compresslevel=6, mtime=0))
    total_file, total_inline = sum(m.transferred for m in linked), sum(m.transferred for m in inlined)
    used = "un fichier en cache" if _LINK.search((site / "index.html").read_text(encoding="utf-8")) else "intégrée"
    best = "un fichier en cache" if total_file <= total_inline else "intégrée"
    detail = " + ".join(_number(m.transferred / 1024) for m in linked)
    detail_inline = " + ".join(_number(m.transferred / 1024) for m in inlined)
    return [
        Row("feuille de style : un fichier en cache, visite de 5 pages", f"{_number(total_file / 1024)} Ko ({detail})",
            "–", "–", f"feuille {_number(gz / 1024)} Ko gzip, transférée une fois", "–"),
        Row("feuille de style : intégrée à chaque page, même visite", f"{_number(total_inline / 1024)} Ko ({detail_inline})", "–", "–",
            _ratio(total_inline, total_file) + " du fichier", f"choix : {used} " + ("✓" if used == best else f"✗ ({best} coûte moins)")),
    ]


def _cell(m: PageMeasure | None) -> str:
    if m is None:
        return "–"
    third = f" · {len(m.outside)} tiers" if m.outside else ""
    return f"{m.requests} req. · {_number(m.kilobytes)} Ko · {m.dom} él. · {m.ecoindex} {m.grade}{third}"


def _within(m: PageMeasure) -> bool:
    return (m.requests <= BUDGETS.max_requests and m.kilobytes <= BUDGETS.max_kilobytes and m.dom <= BUDGETS.max_dom_elements
            and m.ecoindex >= BUDGETS.min_ecoindex and len(m.outside) <= BUDGETS.max_outside_requests)


def page_rows(variant: str, ours: dict[str, PageMeasure], plain: dict[str, PageMeasure], floor: dict[str, PageMeasure]) -> list[Row]:
    """One row per page of a variant."""
    rows = []
    handouts = {doc[: -len(".md")] + "/" for doc in _handout_docs()}
    for page, m in ours.items():
        p, f = plain.get(page), floor.get(page)
        if page in handouts:  # the print handout gathers every page: no per-page budget
            rows.append(Row(f"{variant} /{page}", _cell(m), "–", _cell(f), "–", "page imprimable, non publiée"))
            continue
        ratios = []
        if p is not None:
            ratios.append(f"/Material : Ko {_ratio(m.kilobytes, p.kilobytes)} · él. {_ratio(m.dom, p.dom)}")
        if f is not None:
            ratios.append(f"/plancher : Ko {_ratio(m.kilobytes, f.kilobytes)} · él. {_ratio(m.dom, f.dom)}")
        better = p is not None and m.requests < p.requests and m.kilobytes < p.kilobytes and m.ecoindex > p.ecoindex
        target = ("budget ✓" if _within(m) else "budget ✗") + ("" if p is None else (" · mieux ✓" if better else " · mieux ✗"))
        rows.append(Row(f"{variant} /{page}", _cell(m), _cell(p), _cell(f), " ; ".join(ratios) or "–", target))
    return rows


def print_table(rows: list[Row]) -> None:
    """The one table, aligned for a terminal."""
    head = Row("Page ou étape", "Ce site", "Material par défaut", "Plancher (texte seul)", "Rapports", "Cible")
    fields = [(r.item, r.ours, r.plain, r.floor, r.ratio, r.target) for r in [head, *rows]]
    widths = [max(len(v) for v in col) for col in zip(*fields, strict=True)]
    line = "-+-".join("-" * w for w in widths)
    for index, values in enumerate(fields):
        print(" | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)))
        if index == 0:
            print(line)


def run() -> int:
    """Build, measure, time; print the table."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    plain_configs = {v.audience: write_plain_config(v.audience, v.config) for v in VARIANTS}
    try:
        ours_dir, plain_dir = work / "ours", work / "plain"
        subprocess.run(["make", "--no-print-directory", "-s", "setup"], cwd=ROOT, check=True)  # installs are not timed
        check_s = timed(["make", "--no-print-directory", "-s", "check"])
        both_s = build_ours(ours_dir)
        plain_s = {v.audience: build_plain(plain_configs[v.audience], plain_dir / v.site_dir) for v in VARIANTS}
        pdf_s: dict[str, float | None] = {}
        from tools import handout

        pdf_timings: dict[str, float] = {}
        handout.make_pdfs([ours_dir / v.site_dir for v in VARIANTS], timings=pdf_timings)
        chromium_s = pdf_timings["chromium"]
        for v in VARIANTS:
            pdf_s[v.audience] = pdf_timings[v.site_dir]
        rows: list[Row] = []
        for v in VARIANTS:
            name = v.site_dir
            if not (ours_dir / name).is_dir():
                continue
            floor = measure_site(write_floor(ours_dir / name, work / "floor" / name))
            rows += page_rows(v.audience, measure_site(ours_dir / name), measure_site(plain_dir / name), floor)
        for v in VARIANTS:
            name = v.site_dir
            if (ours_dir / name).is_dir():
                size, count = folder_bytes(ours_dir / name)
                plain_size, plain_count = folder_bytes(plain_dir / name)
                rows.append(Row(f"dossier publié {name}/", f"{_number(size / 1024)} Ko, {count} fichiers",
                                f"{_number(plain_size / 1024)} Ko, {plain_count} fichiers", "–", _ratio(size, plain_size), "tout fichier sert"))
        rows += stylesheet_rows(ours_dir / PUBLIC.site_dir, work)
        site_s = timed(["make", "--no-print-directory", "-s", "site"])
    finally:
        PLAIN_MACROS.unlink(missing_ok=True)
        for path in plain_configs.values():
            path.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)

    plain = plain_s["public"]
    plain_cell = f"{_number(plain, 2)} s (mkdocs build public)"
    rows.append(Row("make check", f"{_number(check_s, 2)} s", plain_cell, "–", _ratio(check_s, plain),
                    f"≤ {_number(TARGET_CHECK_SECONDS)} s " + ("✓" if check_s <= TARGET_CHECK_SECONDS else "✗")))
    rows.append(Row("construction des deux variantes (sans PDF)", f"{_number(both_s, 2)} s", plain_cell, "–", _ratio(both_s, plain),
                    f"≤ ×{_number(TARGET_BOTH_VS_PLAIN)} " + ("✓" if both_s <= TARGET_BOTH_VS_PLAIN * plain else "✗")))
    rows.append(Row("mkdocs build restreint (défaut)", "–", f"{_number(plain_s['restricted'], 2)} s", "–", "–", "–"))
    rows.append(Row("démarrage de Chromium (une fois pour les deux PDF)", f"{_number(chromium_s, 2)} s", plain_cell, "–", _ratio(chromium_s, plain), "–"))
    for variant, seconds in pdf_s.items():
        ours = "n/a" if seconds is None else f"{_number(seconds, 2)} s"
        target = "–" if seconds is None else f"≤ {_number(TARGET_PDF_SECONDS)} s " + ("✓" if seconds <= TARGET_PDF_SECONDS else "✗")
        rows.append(Row(f"PDF {variant}", ours, plain_cell, "–", "–" if seconds is None else _ratio(seconds, plain), target))
    rows.append(Row("make site (tout, PDF compris)", f"{_number(site_s, 2)} s", plain_cell, "–", _ratio(site_s, plain), "–"))
    print_table(rows)
    print(f"\nBudgets par page : ≤ {BUDGETS.max_requests} requêtes, ≤ {BUDGETS.max_kilobytes} Ko, ≤ {BUDGETS.max_dom_elements} éléments, "
          f"EcoIndex ≥ {BUDGETS.min_ecoindex}, {BUDGETS.max_outside_requests} requête vers un tiers. « tiers » : requêtes hors du site "
          "(bloquées ici, comptées). Material par défaut : même Markdown, thème sans réglage ni surcharge, recherche activée. "
          "Plancher : l'<article> de la page seul, sans feuille de style ni en-tête. Visite de 5 pages : un lecteur, cache actif, "
          "le serveur local demandant de revalider chaque fichier (no-cache), le cas le moins favorable au fichier partagé.")
    return 0


if __name__ == "__main__":
    sys.exit(run())
