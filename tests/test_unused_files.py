"""Publish only what is used (issue 15): every file of a built site is reached.

The walk starts where a host or a robot starts (index.html, 404.html,
robots.txt, the sitemap) and follows every reference of pages, stylesheets,
robots.txt and the sitemap (macros/prune.py). The published form is the
build plus its PDF (tools/handout.py prints the handout page, then removes
it). Each local reference must also point at a file that exists, checked
here with a plain pattern independent of the walker's parser.
"""
from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import EPOCH_OPEN, ROOT
from macros import prune
from macros.variants import AUDIENCES
from tools import handout

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
# Any href/src written in a page or url() in a stylesheet (independent of prune's parser).
_ANY_LINK = re.compile(r"""(?:href|src)="([^"#?]+)[^"]*"|url\(\s*['"]?([^'")#?]+)""")


@pytest.fixture(scope="session")
def published(built, tmp_path_factory):
    """Both variants as `make site` publishes them: built, printed to PDF, handout page removed."""
    out = tmp_path_factory.mktemp("published")
    copies = {variant: out / site.name for variant, site in built.items()}
    for variant, site in built.items():
        shutil.copytree(site, copies[variant])
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    try:
        handout.make_pdfs(list(copies.values()))
    finally:
        mp.undo()
    return copies


def _local_targets(site: Path) -> list[str]:
    """`file -> link` for each local href/src/url() of pages and stylesheets that names no file."""
    missing = []
    files = set(prune.site_files(site))
    for rel in sorted(files):
        if not rel.endswith((".html", ".css")):
            continue
        for match in _ANY_LINK.finditer((site / rel).read_text(encoding="utf-8")):
            link = match.group(1) or match.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:", link, re.I):
                if not link.startswith(SITE_URL):
                    continue
                link = "/" + link[len(SITE_URL):]
                target = link.lstrip("/")
            elif link.startswith("/"):
                prefix = "/" + SITE_URL.split("/", 3)[3]
                target = link[len(prefix):] if link.startswith(prefix) else link.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), link))
            target = "" if target == "." else target
            if target.endswith("/") or target == "" or target + "/index.html" in files:
                target = posixpath.join(target, "index.html")
            if target not in files:
                missing.append(f"{rel} -> {link}")
    return missing


@pytest.mark.browser
@pytest.mark.parametrize("variant", AUDIENCES)
def test_published_site_has_no_unused_file(published, variant):
    site = published[variant]
    assert prune.unreferenced(site, site_url=SITE_URL) == []
    assert prune.dangling(site, site_url=SITE_URL) == []
    assert _local_targets(site) == []


@pytest.mark.parametrize("variant", AUDIENCES)
def test_build_without_pdf_keeps_only_the_handout_page_unlinked(built, variant):
    """Before printing (`make serve`, `--no-pdf`), the handout page is the one file nothing links."""
    site = built[variant]
    assert prune.unreferenced(site, site_url=SITE_URL) == [handout.HANDOUT_PAGE]
    assert 'class="handout"' in (site / handout.HANDOUT_PAGE).read_text(encoding="utf-8")
    # The links to the PDF (hidden on the home page) wait for the PDF.
    dangling = prune.dangling(site, site_url=SITE_URL)
    assert dangling and all(d.endswith(".pdf") for d in dangling), dangling


@pytest.mark.parametrize("variant", AUDIENCES)
def test_no_theme_javascript_or_material_stylesheet(built, variant):
    files = prune.site_files(built[variant])
    assert [f for f in files if f.endswith((".js", ".map", ".gz")) or f.startswith("assets/javascripts/")] == []
    assert [f for f in files if f.endswith(".css")] == ["stylesheets/extra.css"]
    assert "assets/images/favicon.png" not in files


@pytest.mark.parametrize("variant", AUDIENCES)
def test_calendars_and_sharing_image_are_kept(built, variant):
    files = set(prune.site_files(built[variant]))
    # og:image, an absolute address under site_url: public pages only (the restricted variant is not shared)
    assert ("assets/partage.png" in files) is (variant == "public")
    assert "robots.txt" in files
    for page in files:
        if page.endswith(".html"):
            for ics in re.findall(r'href="([^"]+\.ics)"', (built[variant] / page).read_text(encoding="utf-8")):
                assert posixpath.normpath(posixpath.join(posixpath.dirname(page), ics)) in files, (page, ics)


def _write(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_prune_keeps_what_is_referenced_and_drops_the_rest(tmp_path):
    site_url = "https://example.org/offre/"
    _write(tmp_path, "index.html", '<link rel="stylesheet" href="css/site.css"><a href="a/">A</a>'
           '<img srcset="img/x.png 1x, img/x2.png 2x" alt=""><a href="mailto:x@example.org">m</a>'
           '<a href="https://other.example/y.js">ext</a><a href="agenda.ics">ics</a>')
    _write(tmp_path, "a/index.html", '<meta property="og:image" content="https://example.org/offre/img/share.png">'
           '<a href="../doc.pdf#page=2">pdf</a><p style="background:url(\'../img/bg.png\')">x</p>')
    _write(tmp_path, "404.html", '<a href="/offre/">accueil</a>')
    _write(tmp_path, "css/site.css", '@import "more.css"; a { background: url(../img/icon.svg) }')
    _write(tmp_path, "css/more.css", "")
    _write(tmp_path, "robots.txt", "User-agent: *\nSitemap: https://example.org/offre/sitemap.xml\n")
    _write(tmp_path, "sitemap.xml", "<urlset><url><loc>https://example.org/offre/a/</loc></url></urlset>")
    used = ["img/x.png", "img/x2.png", "agenda.ics", "img/share.png", "doc.pdf", "img/bg.png", "img/icon.svg"]
    unused = ["assets/javascripts/bundle.js", "assets/javascripts/lunr/min/lunr.fr.min.js", "css/site.css.map",
              "assets/images/favicon.png", "sitemap.xml.gz", "y.js"]
    for rel in used + unused:
        _write(tmp_path, rel)
    _write(tmp_path, "orphan/index.html", "<p>page</p>")

    removed = prune.prune(tmp_path, site_url=site_url)

    assert sorted(removed) == sorted(unused)
    left = prune.site_files(tmp_path)
    assert all(rel in left for rel in [*used, "css/more.css", "orphan/index.html"])
    assert not (tmp_path / "assets").exists(), "empty folders are removed"
    assert prune.unreferenced(tmp_path, site_url=site_url) == ["orphan/index.html"]
    assert prune.dangling(tmp_path, site_url=site_url) == []


@pytest.mark.parametrize(
    ("url", "source", "expected"),
    [
        (".", "index.html", "index.html"),
        ("../", "tarifs/index.html", "index.html"),
        ("tarifs/", "index.html", "tarifs/index.html"),
        ("/offre/programme/", "404.html", "programme/index.html"),
        ("/autre/x.css", "404.html", None),
        ("https://example.org/offre/img/a%20b.png", "x/index.html", "img/a b.png"),
        ("https://example.org/img/a.png", "index.html", None),
        ("#haut", "index.html", None),
        ("data:image/svg+xml,%3Csvg%3E", "index.html", None),
        ("../../x", "a/index.html", None),
    ],
)
def test_resolve(url, source, expected):
    assert prune.resolve(url, source=source, site_url="https://example.org/offre/") == expected
