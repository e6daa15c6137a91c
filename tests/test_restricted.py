"""Restricted stays restricted: by construction, at rest, and in every output.

The brochure case has synthetic restricted data in clear: its canaries are
derived from that data. The live restricted sources are checked at rest: at
HEAD they are git-crypt ciphertext, and no committed file holds their text.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from helpers import ROOT, build_site, canaries, copy_project, fold, load, page_text, restricted_ready, scan, shown

RESTRICTED_PAGES = ("restricted/operation/index.html", "restricted/planning/index.html")
RESTRICTED_SOURCES = ("data/restricted/", "docs/restricted/")


def test_canaries_come_from_the_data(data):
    found = canaries(data)
    assert len(found) >= 20
    assert data.restricted.programme.modules[6].title in found


def test_public_build_does_not_load_restricted_data(brochure_project):
    public = load(brochure_project, audience="public")
    assert public.restricted is None


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
    missing = [c for c in canaries(data) if fold(c) not in fold(text)]
    assert missing == []


def test_restricted_rhythm_reads_as_the_brochure_states_it(built, data):
    text = page_text(built["restricted"] / "restricted/operation/index.html")
    for sequence in data.restricted.programme.sequences:
        if sequence.rhythm:
            assert shown(sequence.rhythm) in text


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


def test_restricted_planning_page(built, data):
    source = (built["restricted"] / "restricted/planning/index.html").read_text(encoding="utf-8")
    text = page_text(built["restricted"] / "restricted/planning/index.html")
    # the brochure case: M1 is January 2026, the last row is in M10
    assert "janvier 2026 à octobre 2026" in text and shown(data.restricted.planning.note) in text
    assert 'style="--months:10"' in source and "janv." in text and "oct." in text
    for label in data.restricted.planning.legend.model_dump().values():
        assert label in text
    assert "4 jours" in text and "3 jours par entreprise" in text


def test_planning_is_one_bar_per_row_under_its_sequence_band(built, data):
    """One positioned cell per activity (no cell per month), one table per sequence under its band, the legend first."""
    source = (built["restricted"] / "restricted/planning/index.html").read_text(encoding="utf-8")
    text = page_text(built["restricted"] / "restricted/planning/index.html")
    plan = data.restricted.planning
    sequences = {row.sequence for row in plan.rows}
    assert source.count('style="--start:') == len(plan.rows) + len(sequences)
    assert source.count('<th scope="row">') == len(plan.rows)
    assert source.count("<table") == len(sequences)
    assert source.count('<caption><span class="band"><span class="band-title">Séquence') == len(sequences)
    assert "<td></td>" not in source
    chart = source[source.index('<div class="gantt"'):]
    assert chart.index('class="legend"') < chart.index("<table")  # the legend comes before the chart
    # each row says its period and its format in words (a phone shows these instead of the bars)
    assert "mars 2026 à septembre 2026 (7 mois), " in text and "Séquence 3 mars 2026 à septembre 2026 (7 mois)" in text


def test_modules_are_one_table_per_sequence(built, data):
    """One table per sequence, captioned by it; three columns; nothing repeated on every row."""
    source = (built["restricted"] / "restricted/operation/index.html").read_text(encoding="utf-8")
    text = page_text(built["restricted"] / "restricted/operation/index.html")
    programme = data.restricted.programme
    assert source.count('<table class="modules"><caption>') == len(programme.sequences)
    assert source.count('<th scope="row">') == len(programme.modules)
    assert "Précisions" not in text and "—" not in text
    for sequence in programme.sequences:
        assert len(re.findall(re.escape(shown(sequence.title)) + r"(?!\d)", text)) == 1, sequence.title
    for module in programme.modules:
        if module.detail:
            assert f"{shown(module.title)} {shown(module.detail)}" in text


@pytest.mark.parametrize("page", ["restricted/operation/index.html", "restricted/planning/index.html"])
def test_restricted_tables_are_simple(built, page):
    """Headers on the first row and the first column only (RGAA 5.1 and 5.7: no group or multi-level headers)."""
    source = (built["restricted"] / page).read_text(encoding="utf-8")
    assert "<table" in source
    for marker in ("rowgroup", "colgroup", "colspan", "rowspan", " headers="):
        assert marker not in source, marker


@pytest.mark.parametrize("link", ["restricted/operation.md", "restricted/planning.md"])
def test_public_page_linking_restricted_fails(tmp_path, link):
    from tools.mkdocs_build import BuildFailed

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contacts.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n[Détail]({link})\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site("mkdocs.yml", tmp_path / "site", project=project)


@pytest.mark.parametrize("call", ["{{ planning_table() }}", "{{ modules_table() }}", "{{ sequences() }}", "{{ operation_aim() }}"])
def test_public_page_calling_restricted_macro_fails(tmp_path, call):
    from tools.mkdocs_build import BuildFailed

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contacts.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{call}\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="diffusion restreinte"):
        build_site("mkdocs.yml", tmp_path / "site", project=project)


def test_macros_info_on_a_public_page_publishes_nothing_restricted(tmp_path, data):
    """mkdocs-macros' own listing of every variable: the public build holds no restricted data."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contacts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ macros_info() }}\n", encoding="utf-8")
    site = build_site("mkdocs.yml", tmp_path / "site", project=project)
    assert "fig" in page_text(site / "contacts/index.html")  # the listing is there
    assert scan(site, canaries(data)) == []


def test_published_sequences_switch(tmp_path):
    """Moving the sequences block into data/programme.yml publishes them (documented switch)."""
    project = copy_project(tmp_path / "project")
    restricted = project / "data" / "restricted" / "programme.yml"
    text = restricted.read_text(encoding="utf-8")
    start, end = text.index("sequences:"), text.index("modules:")
    block = text[start:end]
    restricted.write_text(text[:start] + text[end:], encoding="utf-8")
    public = project / "data" / "programme.yml"
    public.write_text(public.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")
    programme = project / "docs" / "programme.md"
    programme.write_text(programme.read_text(encoding="utf-8") + "\n## Les séquences\n\n{{ sequences() }}\n", encoding="utf-8")
    site = build_site("mkdocs.yml", tmp_path / "site", project=project)
    assert "Objectif d'essai de cette séquence." in page_text(site / "programme/index.html")


def test_locked_restricted_sources_build_public_only(tmp_path):
    """A clone without the key: the public variant builds, the restricted one says why not."""
    from macros.sources import GIT_CRYPT_HEADER
    from tools.mkdocs_build import BuildFailed

    project = copy_project(tmp_path / "project")
    for path in (project / "data" / "restricted").glob("*.yml"):
        path.write_bytes(GIT_CRYPT_HEADER + b"\x8f\x01 ciphertext")
    site = build_site("mkdocs.yml", tmp_path / "site", project=project)
    assert (site / "index.html").is_file()
    with pytest.raises(BuildFailed, match="git-crypt unlock"):
        build_site("mkdocs.restricted.yml", tmp_path / "restricted", project=project)


def _head_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [p for p in out.decode().split("\0") if p]


def test_restricted_sources_are_ciphertext_at_head():
    """Every committed file of data/restricted/ and docs/restricted/ is git-crypt ciphertext."""
    from macros.sources import GIT_CRYPT_HEADER

    files = [p for p in _head_files() if p.startswith(RESTRICTED_SOURCES)]
    assert len(files) >= 4, files
    plain = []
    for path in files:
        blob = subprocess.run(["git", "cat-file", "blob", f"HEAD:{path}"], cwd=ROOT, capture_output=True).stdout
        if blob and not blob.startswith(GIT_CRYPT_HEADER):
            plain.append(path)
    assert plain == []


def test_no_committed_file_holds_restricted_text(live_data):
    """`git grep` over every file at HEAD finds none of the live restricted texts.

    Needs the decrypted sources to derive the canaries: run with the key
    (.ci/run unlocks and runs the suite again when the key is present). In
    a clone without the key, the ciphertext check above covers the sources
    and this test checks the public data alone holds no module vocabulary.
    """
    if live_data.restricted is None:
        assert not restricted_ready()
        needles = ["restricted: true", "modules:"]
        paths = ["data/*.yml"]
    else:
        needles = canaries(live_data)
        assert len(needles) >= 20
        paths = []
    args = ["git", "grep", "-I", "-F", "-i", "-l"]
    for needle in needles:
        args += ["-e", needle]
    result = subprocess.run([*args, "HEAD", "--", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout  # 1: nothing found
