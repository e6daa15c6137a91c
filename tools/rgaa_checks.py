"""The automated part of the RGAA self-audit (data/rgaa.yml), re-runnable.

    python tools/rgaa_checks.py                       # site/ and site-restricted/ as built
    python tools/rgaa_checks.py --site DIR --restricted DIR --json out.json

Each page of the audit's sample is opened in Debian's Chromium (Playwright)
and put through the checks that data/rgaa.yml cites (`checks:`): axe-core,
HTML_CodeSniffer (vendored, tests/browser/vendor/), DOM inspection, the
accessibility tree, a keyboard walk, 320 px reflow and 400 % zoom, text
enlarged to 200 %, WCAG's text-spacing override, forced colours, portrait and
landscape, style sheets off. The PDF handouts are inspected with pypdf.

A check that fails on a page where the audit says C (or NA) for a criterion
citing it is a contradiction: the audit no longer tells the truth, and the
exit status is 1. tests/browser/test_rgaa_checks.py runs the same thing
on every build, so that a page redesigned after the audit cannot keep a
conformity it lost.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from macros import conformity, rgaa
from macros.variants import PUBLIC, RESTRICTED
from tools.measure import launch, serve, site_prefix
from tools.page_checks import check_page

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the audit
def sample_urls(audit: rgaa.Audit, bases: dict[str, str]) -> dict[str, str]:
    """The URL of each sampled page on the local servers."""
    return {page.id: bases[page.variant] + page.path for page in audit.sample if page.variant in bases}


def run(audit: rgaa.Audit, sites: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Serve the built `sites` (variant -> folder) and check every sampled page; nav_consistent across pages."""
    from playwright.sync_api import sync_playwright

    from macros.restricted_pages import standalone

    prefix = site_prefix(ROOT / PUBLIC.config)
    with ExitStack() as stack:
        bases = {variant: stack.enter_context(serve(folder, prefix=prefix)) for variant, folder in sites.items()}
        playwright = stack.enter_context(sync_playwright())
        browser = launch(playwright)
        stack.callback(browser.close)
        results = {}
        for page in audit.sample:
            if page.variant not in bases:
                continue
            results[page.id] = check_page(browser, bases[page.variant] + page.path, standalone=standalone(page.variant, page.path))
    add_consistency(audit, results)
    return results


def add_consistency(audit: rgaa.Audit, results: dict[str, dict[str, Any]]) -> None:
    """nav_consistent: every page of a variant (but a standalone one) has the same menu and footer links, in the same order."""
    from macros.restricted_pages import standalone

    for variant in ("public", "restricted"):
        pages = [p for p in audit.sample if p.variant == variant and p.id in results and not standalone(p.variant, p.path)]
        signatures = {p.id: _without_current(results[p.id]["chrome"]) for p in pages}
        common = max(set(signatures.values()), key=list(signatures.values()).count, default="")
        for page in pages:
            results[page.id]["nav_consistent"] = [] if signatures[page.id] == common else [f"menu ou pied de page différent : {signatures[page.id]}"]
    for page in audit.sample:
        if page.id in results:
            results[page.id].setdefault("nav_consistent", [])


def _without_current(chrome: str) -> str:
    """The links' labels (relative hrefs differ from page to page)."""
    return " | ".join(part.split(" ", 1)[-1] for part in chrome.split(" | "))


def contradictions(audit: rgaa.Audit, results: dict[str, dict[str, Any]]) -> list[str]:
    """Each check that fails where the audit claims C or NA for a criterion citing it.

    A failure on a page where the audit records a non-conformity citing the
    same check is explained by it (the statement already says so), not a
    contradiction.
    """
    out = []
    known = conformity.explained(audit)
    for page, checks in conformity.claims(audit).items():
        if page not in results:
            continue
        for check, criteria in checks.items():
            if check in known.get(page, {}):
                continue
            problems = results[page].get(check)
            if problems:
                out.append(f"{page} : {check} ({', '.join(criteria)}) : {'; '.join(map(str, problems[:3]))}")
    return out


# -------------------------------------------------------------------- PDFs
def pdf_facts(path: Path) -> dict[str, Any]:
    """Tagged structure, language, title, bookmarks and tag counts of a PDF (pypdf)."""
    from collections import Counter

    from pypdf import PdfReader

    reader = PdfReader(path)
    root = reader.root_object
    mark = root.get("/MarkInfo") or {}
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else {}
    tags: Counter[str] = Counter()
    figures_without_alt = 0

    def walk(node: Any) -> None:
        nonlocal figures_without_alt
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        kind = node.get("/S")
        if kind:
            tags[str(kind)[1:]] += 1
            if kind == "/Figure" and not node.get("/Alt"):
                figures_without_alt += 1
        if node.get("/K") is not None:
            walk(node.get("/K"))

    tree = root.get("/StructTreeRoot")
    if tree is not None:
        walk(tree.get_object().get("/K"))
    meta: dict[str, Any] = reader.metadata or {}
    return {
        "pages": len(reader.pages),
        "tagged": bool(mark.get("/Marked")) and tree is not None,
        "language": str(root.get("/Lang")) if root.get("/Lang") else None,
        "title": str(meta.get("/Title")) if meta.get("/Title") else None,
        "display_title": bool(prefs.get("/DisplayDocTitle")),
        "bookmarks": _count_outline(reader.outline),
        "tags": dict(tags),
        "figures_without_alt": figures_without_alt,
    }


def _count_outline(outline: Any) -> int:
    """Every bookmark, nested ones included."""
    return sum(_count_outline(item) if isinstance(item, list) else 1 for item in outline)


def _spaces(value: Any) -> Any:
    """A text with its no-break spaces (French typography) read as spaces; other values unchanged."""
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split()) if isinstance(value, str) else value


def pdf_contradictions(audit: rgaa.Audit, sites: dict[str, Path]) -> list[str]:
    """What the audit says of each PDF and what the file says."""
    out = []
    for document in audit.documents:
        if document.variant not in sites:
            continue
        path = sites[document.variant] / document.file
        if not path.is_file():
            out.append(f"{document.id} : {path} absent")
            continue
        facts = pdf_facts(path)
        for key in ("tagged", "language", "title", "display_title"):
            if _spaces(facts[key]) != _spaces(getattr(document, key)):
                out.append(f"{document.id} : {key} vaut {facts[key]!r}, l'audit dit {getattr(document, key)!r}")
        if facts["figures_without_alt"] > document.figures_without_alt:
            out.append(f"{document.id} : {facts['figures_without_alt']} figure(s) sans texte de remplacement, l'audit en compte {document.figures_without_alt}")
        if facts["bookmarks"] < document.bookmarks:
            out.append(f"{document.id} : {facts['bookmarks']} signets, l'audit en compte {document.bookmarks}")
    return out


def unseen(audit: rgaa.Audit, results: dict[str, dict[str, Any]]) -> list[str]:
    """Recorded non-conformities that none of their checks sees any more: fixed? then re-audit."""
    out = []
    for criterion in audit.criteria:
        for page, result in rgaa.criterion_results(criterion, results).items():
            own = criterion.pages[page].checks if page in criterion.pages else None
            checks = criterion.checks if own is None else own
            if result == rgaa.NON_CONFORMING and checks and not any(results[page].get(check) for check in checks):
                out.append(f"{page} : critère {criterion.id} non conforme selon l'audit, mais {', '.join(checks)} ne le voi(en)t plus")
    return out


def _report(results: dict[str, dict[str, Any]]) -> Iterator[str]:
    """One line per page: the checks that failed."""
    for page, checks in results.items():
        failed = {name: problems for name, problems in checks.items() if name != "chrome" and problems}
        yield f"{page} : " + ("tout passe" if not failed else "; ".join(f"{name} ({len(p)}) {p[0]}" for name, p in failed.items()))


def main(argv: list[str] | None = None) -> int:
    """Check the built sites against data/rgaa.yml; 1 if the audit says more than the pages."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / PUBLIC.site_dir)
    parser.add_argument("--restricted", type=Path, default=ROOT / RESTRICTED.site_dir)
    parser.add_argument("--json", type=Path, help="écrire les résultats bruts dans ce fichier")
    args = parser.parse_args(argv)
    audit = rgaa.load_audit()
    sites = {"public": args.site}
    if (args.restricted / "index.html").is_file():
        sites["restricted"] = args.restricted
    results = run(audit, sites)
    for line in _report(results):
        print(line)
    found = contradictions(audit, results) + pdf_contradictions(audit, sites)
    for line in unseen(audit, results):
        print(f"À revoir : {line}")
    for document in audit.documents:
        if document.variant in sites and (sites[document.variant] / document.file).is_file():
            print(f"{document.id} : {json.dumps(pdf_facts(sites[document.variant] / document.file), ensure_ascii=False)}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if found:
        print("\nL'audit affirme ce que les pages ne tiennent plus :")
        for line in found:
            print("  - " + line)
        return 1
    print("\nAucune contradiction entre l'audit et les pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
