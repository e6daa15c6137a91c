"""The printed handouts: both PDFs, the handout pages, and printing any page.

The PDFs are made by tools/handout.py on copies of the session's builds
(`built`), as `make site` does. Page 1 of each is rendered to PNG in a
temporary folder, and copied for reviewers to PDF_PREVIEW_DIR when that
variable names a folder (none by default: the tests write only under tmp_path).
"""
from __future__ import annotations

import html
import io
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import EPOCH_OPEN, ROOT, build_site, canaries, copy_project, epoch, normalise
from macros import handout as core
from macros import variants
from tools import handout
from tools.config import site_config

A4 = (595.28, 841.89)  # points
_BEFORE = ["plaquette-accueil", "plaquette-programme", "plaquette-tarifs", "plaquette-participer"]
BROCHURE = {  # the pages of each variant's handout, in the brochure's order (sections 5 and 6 before the contacts)
    "public": [*_BEFORE, "plaquette-contacts"],
    "restricted": [*_BEFORE, "plaquette-restricted-operation", "plaquette-restricted-planning", "plaquette-contacts"],
}
FACTS = ("4 450 €", "5 200 €", "9 500 €", "10 250 €", "6 jours de formation", "3 jours d'accompagnement", "10 mois",
         "11 novembre 2025", "30 novembre 2025", "1er décembre 2025", "Mis à jour le 30 novembre 2026",
         "emilie.faffe@pole-enter.org", "vincent.ribes@pole-enter.org", "contact@pole-enter.org",
         "moins de 250 salariés", "Label Numérique Responsable niveau 1", "https://pole-enter.org/")


def read(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def page_texts(path: Path) -> list[str]:
    """The text of each page, spaces normalised, words cut after a hyphen joined again."""
    return [re.sub(r"(\w)- (\w)", r"\1-\2", normalise(page.extract_text())) for page in read(path).pages]


def fold(text: str) -> str:
    return normalise(text).casefold()


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_pdf_is_a4_tagged_titled_french(pdfs, variant):
    site, pdf = pdfs[variant]
    assert pdf.parent == site and pdf.name == variants.variant(variant).pdf
    reader = read(pdf)
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value and "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value
    title = reader.metadata.title
    assert title.startswith("Plaquette – ") and ("diffusion restreinte" in title) == (variant == "restricted")
    assert reader.metadata.author == "Pôle ENTER"


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_pdf_embeds_every_font(pdfs, variant):
    fonts = {}
    for page in read(pdfs[variant][1]).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font.get("/BaseFont", font.get("/Name")))] = font
    assert fonts
    for name, font in fonts.items():
        if font["/Subtype"] == "/Type3":
            continue  # glyphs drawn by the PDF itself
        descendant = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_page_counts(pdfs):
    public, restricted = (len(read(pdfs[v][1]).pages) for v in ("public", "restricted"))
    assert 3 <= public <= 5 and public < restricted <= 16


# ------------------------------------------------------------ fill of the pages
FINISHED = "2026-11-30"  # the brochure case after its last month: « Session terminée »
_MM = 72 / 25.4
# The text area of an A4 page (the @page margins of extra.css, in points from the bottom).
_TEXT_TOP, _TEXT_BOTTOM = A4[1] - 18 * _MM, 17 * _MM


@pytest.fixture(scope="module")
def finished_pdfs(tmp_path_factory):
    """Both handouts of the brochure case built the day after the session ended: {variant: pdf}."""
    project = copy_project(tmp_path_factory.mktemp("finished") / "project")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", epoch(FINISHED))
    try:
        return {
            variant: handout.make_pdf(build_site(config, project / site, project=project))
            for variant, config, site in ((v.audience, v.config, v.site_dir) for v in variants.VARIANTS)
        }
    finally:
        mp.undo()


def page_fill(page) -> float:
    """How far down the text area a page's text reaches (0 to 1), the margins' title and number left out."""
    lowest = [_TEXT_TOP]

    def visit(text, _cm, tm, _font, _size):
        y = tm[5]
        if text.strip() and _TEXT_BOTTOM < y < _TEXT_TOP:
            lowest.append(y)

    page.extract_text(visitor_text=visit)
    return (_TEXT_TOP - min(lowest)) / (_TEXT_TOP - _TEXT_BOTTOM)


def _fill_report(pdf: Path) -> list[float]:
    return [round(page_fill(page), 2) for page in read(pdf).pages]


@pytest.mark.parametrize("variant", ["public", "restricted"])
@pytest.mark.parametrize("state", ["open", "finished"])
def test_no_page_but_the_last_under_a_third_full(pdfs, finished_pdfs, variant, state):
    """Sections decide the page breaks, not web pages: no sheet left mostly empty."""
    pdf = pdfs[variant][1] if state == "open" else finished_pdfs[variant]
    fills = _fill_report(pdf)
    assert [n for n, fill in enumerate(fills[:-1], start=1) if fill < 1 / 3] == [], fills
    assert fills[0] > 0.85, fills  # the cover fills its page...
    if variant == "public":
        assert len(fills) <= 5, fills


@pytest.mark.parametrize("variant", ["public", "restricted"])
@pytest.mark.parametrize("state", ["open", "finished"])
def test_cover_is_one_page_with_price_audience_contacts_and_qr(pdfs, finished_pdfs, data, variant, state):
    """...and holds, in every state, the promise, price, key figures, audience, one contact box and the way back to the site."""
    pdf = pdfs[variant][1] if state == "open" else finished_pdfs[variant]
    texts = page_texts(pdf)
    cover, rest = texts[0], " ".join(texts[1:])
    for fact in ("Accompagner 10 PME à la labellisation NR niveau 1 (INR & Agence LUCIE)", "à partir de 4 450 €",
                 "à partir de 5 200 €", "6 jours", "10 mois", "Pour qui ?", "emilie.faffe@pole-enter.org",
                 "contact@pole-enter.org", "pole-enter.github.io"):
        assert fact in cover, fact
    assert "Le programme" in texts[1]  # nothing of the cover spills over
    assert "contact@pole-enter.org" not in rest and "Autres questions" not in rest  # the contact box is printed once


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_pdf_carries_the_key_facts(pdfs, variant):
    text = " ".join(page_texts(pdfs[variant][1]))
    for fact in FACTS:
        assert fact in text, fact


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_cover_holds_title_audience_figures_deadlines_contacts_and_date(pdfs, variant):
    cover, second = page_texts(pdfs[variant][1])[:2]
    for fact in ("Accompagner 10 PME à la labellisation NR niveau 1 (INR & Agence LUCIE)", "Pour qui ?",
                 "Décideurs et professionnels", "4 450 €", "5 200 €", "6 jours", "3 jours",
                 "jusqu'au 11 novembre 2025", "jusqu'au 30 novembre 2025", "emilie.faffe@pole-enter.org",
                 "vincent.ribes@pole-enter.org", "contact@pole-enter.org", "Mis à jour le 30 novembre 2026"):
        assert fact in cover, fact
    assert "Le programme" in second  # the cover fits on its page: nothing of it spills over
    assert "Pour en savoir plus sur le pôle" not in second and "Pourquoi se faire accompagner" not in second
    rest = " ".join(page_texts(pdfs[variant][1])[1:])
    assert "jusqu'au 11 novembre 2025 Engagement" not in rest  # the state of the session: printed once, on the cover


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_every_page_numbered_and_titled(pdfs, variant):
    texts = page_texts(pdfs[variant][1])
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {len(texts)}" in text
        if number > 1:  # the cover shows the title in full instead
            assert "Accompagner 10 PME à la labellisation NR niveau 1 (INR & Agence LUCIE)" in text


def test_every_restricted_page_says_diffusion_restreinte(pdfs):
    texts = page_texts(pdfs["restricted"][1])
    assert [n for n, t in enumerate(texts, start=1) if "diffusion restreinte" not in fold(t)] == []


def test_public_pdf_holds_no_restricted_text(pdfs, data):
    needles = [fold(c) for c in canaries(data)]
    public = fold(" ".join(page_texts(pdfs["public"][1])))
    restricted = fold(" ".join(page_texts(pdfs["restricted"][1])))
    assert [n for n in needles if n in public] == []
    assert "diffusion restreinte" not in public
    assert [n for n in needles if n not in restricted] == []  # the same search finds them where they belong


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_outline_follows_the_reading_order(pdfs, built, variant):
    _site, pdf = pdfs[variant]
    top = [normalise(item.title) for item in read(pdf).outline if not isinstance(item, list)]
    page = (built[variant] / handout.HANDOUT_PAGE).read_text(encoding="utf-8")
    chunks = re.split(r'<section class="handout-section[^"]*" id="[^"]+"[^>]*>', page)[1:]
    sections = [re.search(r"<h1[^>]*>(.*?)</h1>", chunk, re.S).group(1) for chunk in chunks]  # each page's title
    assert top == [normalise(html.unescape(re.sub(r"<[^>]+>", "", s))) for s in sections]
    assert top[0] == "Accompagner 10 PME à la labellisation NR niveau 1 (INR & Agence LUCIE)"


def test_no_local_path_nor_file_link_in_the_pdfs(pdfs):
    for site, pdf in pdfs.values():
        raw = pdf.read_bytes()
        assert b"file:" not in raw and str(site).encode() not in raw


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_home_page_links_the_pdf_with_its_size(pdfs, built, variant):
    site, pdf = pdfs[variant]
    size = core.file_size(pdf.stat().st_size)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert render_link(pdf.name, size) in home
    assert f"Télécharger la plaquette (PDF, {size})" in home and " hidden>" not in home.split("handout-download", 1)[1][:20]
    before = (built[variant] / "index.html").read_text(encoding="utf-8")  # the build without PDF: no dead link
    assert render_link(pdf.name, None) in before and "Télécharger la plaquette (PDF," not in before


def render_link(name: str, size: str | None) -> str:
    from macros.render import handout_download

    return handout_download(name, size=size)


def test_same_sources_same_bytes(pdfs, built, tmp_path, monkeypatch):
    _site, pdf = pdfs["public"]
    again = tmp_path / "elsewhere" / "site"
    shutil.copytree(built["public"], again)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_OPEN)
    assert handout.make_pdf(again).read_bytes() == pdf.read_bytes()
    assert read(pdf).metadata["/CreationDate"] == "D:20251103000000+00'00'"


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_cover_rendered_to_png_for_review(pdfs, variant, tmp_path):
    stem = tmp_path / f"plaquette-{variant}-page-1"
    subprocess.run(["pdftoppm", "-png", "-r", "96", "-f", "1", "-l", "1", "-singlefile", str(pdfs[variant][1]), str(stem)], check=True)
    png = stem.with_suffix(".png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert abs(height / width - A4[1] / A4[0]) < 0.01 and width > 700
    if os.environ.get("PDF_PREVIEW_DIR"):  # opt-in: e.g. PDF_PREVIEW_DIR=/tmp/plaquettes make test
        preview = Path(os.environ["PDF_PREVIEW_DIR"])
        preview.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), preview / stem.with_suffix(".png").name)


# The handout page of the site, without PDF.

@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_handout_page_gathers_the_brochure_in_reading_order(built, variant):
    page = (built[variant] / handout.HANDOUT_PAGE).read_text(encoding="utf-8")
    assert 'class="handout"' in page and "stylesheets/extra.css" in page
    assert core.SLOT not in page
    sections = re.findall(r'<section class="handout-section[^"]*" id="([^"]+)"', page)
    assert sections == BROCHURE[variant]
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids, target


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_handout_cover_ends_with_a_qr_code_to_the_site(built, variant):
    """segno's SVG of site_url, inline on the cover (after its last part), print only."""
    page = (built[variant] / handout.HANDOUT_PAGE).read_text(encoding="utf-8")
    svg = core.qr_figure(site_config(ROOT / "mkdocs.yml")["site_url"]).split("<p>")[0]
    assert page.count('<div class="handout-qr">') == 1 and svg in page
    assert 'role="img" aria-label="Code QR menant au programme en ligne (' in svg  # its /Alt in the tagged PDF
    cover = page[page.index('id="plaquette-accueil"'):page.index('id="plaquette-programme"')]
    assert svg in cover and "handout:qr" not in page
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert ".handout-qr { display: none; }" in css.split("\n@media print {")[0]


def test_every_page_links_the_stylesheet_with_its_print_rules(built):
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "@media print" in css
    for site in built.values():
        for page in site.rglob("*.html"):
            source = page.read_text(encoding="utf-8")
            if "<article" in source:
                assert "stylesheets/extra.css" in source or "@media print" in source, page  # linked, or written in (restricted 404)
                assert "--print-title:" in source, page


# Printing any page from Chromium.

def nav_titles() -> list[str]:
    """The titles of the site's menu (mkdocs.yml)."""
    found: list[str] = []

    def walk(items):
        for item in items:
            for title, value in item.items():
                found.append(title)
                if isinstance(value, list):
                    walk(value)

    walk(site_config(ROOT / "mkdocs.yml")["nav"])
    return found


@pytest.mark.browser
def test_printing_a_page_leaves_out_the_interface(built, tmp_path):
    from helpers import page_text

    page = built["public"] / "participer/index.html"
    own = page_text(page)
    printed = tmp_path / "participer.pdf"
    printed.write_bytes(handout.print_page(page))
    screen = tmp_path / "participer-ecran.pdf"
    screen.write_bytes(handout.print_page(page, media="screen"))
    text, on_screen = (" ".join(page_texts(p)) for p in (printed, screen))
    config = site_config(ROOT / "mkdocs.yml")
    chrome = ["Labellisation NR niveau 1", config["copyright"], "Ajouter ces dates à mon agenda"]  # header, footer, a button
    assert [t for t in chrome if t not in on_screen] == []  # the screen rendering shows them...
    assert [t for t in chrome if t in text] == []  # ...the printed one does not
    menu = [t for t in nav_titles() if t not in own]
    assert len(menu) >= 3 and [t for t in menu if t in text] == []
    assert "Les étapes" in text and "1 / " in text
    for p in read(printed).pages:
        assert abs(float(p.mediabox.width) - A4[0]) < 1


@pytest.mark.browser
def test_printing_a_restricted_page_marks_every_page(built, tmp_path):
    page = built["restricted"] / "restricted/operation/index.html"
    printed = tmp_path / "operation.pdf"
    printed.write_bytes(handout.print_page(page))
    texts = page_texts(printed)
    assert len(texts) >= 1
    for number, text in enumerate(texts, start=1):
        assert "diffusion restreinte" in fold(text) and f"{number} / {len(texts)}" in text


@pytest.mark.browser
def test_printing_prints_external_addresses(built, tmp_path):
    printed = tmp_path / "contacts.pdf"
    printed.write_bytes(handout.print_page(built["public"] / "contacts/index.html"))
    text = " ".join(page_texts(printed))
    assert "pole-enter.org (https://pole-enter.org/)" in text


def test_print_only_page_is_not_published(pdfs):
    """The gathered handout page is printed, then removed: readers get the PDF."""
    for site, pdf in pdfs.values():
        assert pdf.is_file()
        assert not (site / handout.HANDOUT_PAGE).exists()
        assert not any("plaquette/" in str(p.relative_to(site)) for p in site.rglob("*"))
        for page in site.rglob("*.html"):
            assert 'href="plaquette/' not in page.read_text(encoding="utf-8"), page


def test_sitemap_never_lists_the_print_only_page(built):
    assert (built["public"] / handout.HANDOUT_PAGE).is_file()  # built, not yet printed
    sitemap = (built["public"] / "sitemap.xml").read_text(encoding="utf-8")
    assert "/plaquette/" not in sitemap and "/tarifs/" in sitemap


def test_countdowns_are_on_screen_only(pdfs):
    """« encore 8 jours » is true on the day of the build: the page shows it, the kept handout does not."""
    site, pdf = pdfs["public"]
    assert "encore 8 jours" in normalise((site / "index.html").read_text(encoding="utf-8"))
    text = " ".join(page_texts(pdf))
    assert "jusqu'au 11 novembre 2025" in text
    assert "encore" not in text.split("jusqu'au 11 novembre 2025", 1)[1][:30]
