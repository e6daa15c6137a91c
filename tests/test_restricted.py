"""Restricted stays restricted: canaries derived from the restricted data."""
from __future__ import annotations

import gzip
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import normalise, page_text

RESTRICTED_PAGES = ("restricted/operation/index.html", "restricted/planning/index.html")


def canaries(data) -> list[str]:
    """Every restricted title, detail and note, less what the public data says itself."""
    texts = []
    for module in data.programme.modules:
        if module.restricted:
            texts += [module.title, module.detail or ""]
    plan = data.planning.planning
    if plan.restricted:
        texts += [plan.note, *plan.legend.model_dump().values()]
        for row in plan.rows:
            texts += [row.title, row.note or ""]
    public = [_fold(s) for s in public_strings(data)]
    return sorted({t for t in texts if t and t not in NOT_SECRET and not any(_fold(t) in p for p in public)})


# Restricted labels that the public pages legitimately say: the kick-off is
# announced with its date, and « en groupe » / « en individuel » describe the
# programme's format (section 3 of the brochure).
NOT_SECRET = {"Kick-off", "En groupe", "En individuel"}


def public_strings(data) -> list[str]:
    """Every text of the public data: what it says is not a secret."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(data.offer.model_dump())
    walk(data.contacts.model_dump())
    walk(data.pricing.model_dump())
    walk([p.model_dump() for p in data.programme.phases])
    walk([s.model_dump() for s in data.programme.sequences])
    return out


def _fold(text: str) -> str:
    return normalise(unicodedata.normalize("NFC", text)).casefold()


def scan(site: Path, needles: list[str]) -> list[str]:
    """`file: needle` for each needle found in any file under `site`."""
    found = []
    folded = [(n, _fold(n)) for n in needles]
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="ignore")
        import html

        hay = _fold(html.unescape(text)) + " " + _fold(page_text(path)) if path.suffix == ".html" else _fold(text)
        found += [f"{path.relative_to(site)}: {n}" for n, f in folded if f in hay]
    return found


def test_canaries_come_from_the_data(data):
    found = canaries(data)
    assert len(found) >= 15
    assert "Écoconception d'un service numérique" in found


def test_public_site_has_no_restricted_text(built, data):
    assert scan(built["public"], canaries(data)) == []
    assert not (built["public"] / "restricted").exists()
    assert not (built["public"] / "planning.ics").exists()


def test_scanner_catches_a_planted_canary(built, data, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built["public"], copy)
    needle = canaries(data)[0]
    page = copy / "contacts/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"<!-- {needle} --></article>"), encoding="utf-8")
    assert scan(copy, canaries(data)) == [f"contacts/index.html: {needle}"]


def test_restricted_site_carries_every_canary(built, data):
    text = " ".join(page_text(built["restricted"] / p) for p in RESTRICTED_PAGES)
    folded = _fold(text)
    missing = [c for c in canaries(data) if _fold(c) not in folded]
    assert missing == []


def test_every_restricted_page_is_noindex_and_bannered(built):
    pages = sorted(built["restricted"].rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in source, page
        assert "Diffusion restreinte" in source, page
    assert not (built["restricted"] / "sitemap.xml").exists()


def test_public_pages_are_indexable(built):
    for page in built["public"].rglob("*.html"):
        assert "noindex" not in page.read_text(encoding="utf-8"), page
    sitemap = (built["public"] / "sitemap.xml").read_text(encoding="utf-8")
    assert "restricted" not in sitemap and "tarifs/" in sitemap


def test_restricted_planning_page(built):
    source = (built["restricted"] / "restricted/planning/index.html").read_text(encoding="utf-8")
    text = page_text(built["restricted"] / "restricted/planning/index.html")
    assert "janvier 2026 à octobre 2026" in text and "planning prévisionnel, à titre d'exemple" in text
    assert source.count('<th scope="col"><abbr title=') == 10
    assert "janv. 2026" in text and "oct. 2026" in text
    for label in ("En groupe", "En individuel", "Préparation individuelle à la labellisation"):
        assert label in text
    assert "4 jours" in text and "3 jours par entreprise" in text


@pytest.mark.parametrize("link", ["restricted/operation.md", "restricted/planning.md"])
def test_public_page_linking_restricted_fails(tmp_path, link):
    from conftest import build_site, copy_project
    from tools.build import BuildFailed

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contacts.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n[Détail]({link})\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site("mkdocs.yml", tmp_path / "site", project=project)


def test_public_page_calling_restricted_macro_fails(tmp_path):
    from conftest import build_site, copy_project
    from tools.build import BuildFailed

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contacts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ planning_table() }}\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site("mkdocs.yml", tmp_path / "site", project=project)
