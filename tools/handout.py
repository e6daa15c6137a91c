"""A4 PDF handouts: the built handout page printed by Chromium.

`make_pdf(site_dir)` runs after MkDocs has built a variant:

1. it finds, on the home page, the still hidden link to the handout PDF
   (`macros.render.handout_download`, size unknown) and so the PDF's name;
2. it prints `plaquette/index.html` (every page of the variant, gathered by
   the `handout.html` template) with Debian's Chromium through Playwright:
   A4 from `@page` (preferCSSPageSize), tagged PDF, outline from headings;
3. it fixes the metadata with pypdf: author and subject from the page,
   creation and modification dates from SOURCE_DATE_EPOCH (else the build
   day at midnight UTC, like the calendars), so that the same sources give
   the same bytes;
4. only then, the size being known, it shows the home page's link with it:
   « Télécharger la plaquette (PDF, 240 Ko) ». The PDF never contains the
   home page's link text, so there is no loop;
5. it removes the handout page from the site: that page gathers the whole
   brochure (hundreds of elements, beyond the per-page budgets) only to be
   printed; readers get the PDF, and every page prints cleanly on its own.
   The sitemap never lists it (overrides/sitemap.xml).

`make_pdfs(site_dirs)` prints several variants with one Chromium session:
starting Chromium costs about as much as printing one handout.
"""
from __future__ import annotations

import html
import io
import logging
import re
import shutil
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from macros import handout as core
from macros import render
from macros.clock import build_instant
from macros.variants import VARIANTS
from tools import chromium

if TYPE_CHECKING:  # Playwright and pypdf are imported when a PDF is made, not with this module
    from playwright.sync_api import Browser
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, PdfObject

Media = Literal["print", "screen"]

ROOT = Path(__file__).resolve().parent.parent

HOME_PAGE = "index.html"
HANDOUT_PAGE = "plaquette/index.html"
MAX_PAGES = 16
CREATOR = "Pôle ENTER, tools/handout.py (Chromium)"
_META = re.compile(r"""<meta\s+name="(author|description)"\s+content="([^"]*)"\s*/?>""")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S | re.I)
_log = logging.getLogger(__name__)


class HandoutError(Exception):
    """The PDF could not be made; the message is for editors."""


def make_pdf(site_dir: Path) -> Path:
    """Print the handout of one built site to `<site_dir>/<name>.pdf`; link it from the home page."""
    return make_pdfs([site_dir])[0]


def make_pdfs(site_dirs: list[Path], *, timings: dict[str, float] | None = None) -> list[Path]:
    """The handout PDF of each built site, printed in one Chromium session.

    `timings`, when given, receives the seconds spent starting Chromium
    (`"chromium"`) and making each PDF (keyed by the site folder's name).
    """
    site_dirs = [Path(site_dir) for site_dir in site_dirs]
    for site_dir in site_dirs:
        for path in (site_dir / HOME_PAGE, site_dir / HANDOUT_PAGE):
            if not path.is_file():
                raise HandoutError(f"{path} absent : construisez le site avant le PDF")
    with ThreadPoolExecutor(max_workers=1) as pool:  # see print_page
        return pool.submit(_make_all, site_dirs, timings).result()


def _make_all(site_dirs: list[Path], timings: dict[str, float] | None) -> list[Path]:
    timings = {} if timings is None else timings
    started = time.perf_counter()
    with _browser() as browser:
        timings["chromium"] = time.perf_counter() - started
        made = []
        for site_dir in site_dirs:
            started = time.perf_counter()
            made.append(_make_one(browser, site_dir))
            timings[site_dir.name] = time.perf_counter() - started
    return made


def _make_one(browser: Browser, site_dir: Path) -> Path:
    """Print, finish and publish one site's handout; drop its print-only page."""
    home, page = site_dir / HOME_PAGE, site_dir / HANDOUT_PAGE
    home_html = home.read_text(encoding="utf-8")
    name = _pdf_name(home_html, home)
    page_html = page.read_text(encoding="utf-8")
    pdf = finish(_print_with(browser, page, media="print"), meta=_page_meta(page_html), date=pdf_date(), headings=headings(page_html))
    _check(pdf, site_dir=site_dir)
    target = site_dir / name
    target.write_bytes(pdf)
    link = render.handout_download(name, size=None)
    home.write_text(home_html.replace(link, render.handout_download(name, size=core.file_size(len(pdf)))), encoding="utf-8")
    shutil.rmtree(page.parent)
    return target


def print_page(page: Path, *, media: Media = "print") -> bytes:
    """The PDF of one local page as Chromium prints it (in a thread of its own).

    `media="screen"` prints the screen rendering instead (a control for tests).

    Playwright's synchronous API refuses to start inside a running event
    loop, for instance when a browser test already holds one: a fresh thread
    has none.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print_now, page, media=media).result()


def _print_now(page: Path, *, media: Media) -> bytes:
    with _browser() as browser:
        return _print_with(browser, page, media=media)


class _browser:
    """Debian's Chromium driven by Playwright, for one `with` block."""

    def __enter__(self) -> Browser:
        from playwright.sync_api import Error, sync_playwright

        if not chromium.available():
            raise HandoutError(chromium.MISSING)
        self._pw = sync_playwright().start()
        try:
            self._browser = chromium.launch(self._pw)
        except Error as exc:
            self._pw.stop()
            raise HandoutError(f"démarrage de Chromium impossible : {exc}") from exc
        return self._browser

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._browser.close()
        finally:
            self._pw.stop()


def _print_with(browser: Browser, page: Path, *, media: Media) -> bytes:
    """The PDF of one local page, JavaScript off and no request leaving the disk."""
    from playwright.sync_api import Error

    try:
        context = browser.new_context(java_script_enabled=False)
        try:
            context.route(re.compile(r"^(https?|wss?):"), lambda route: route.abort())
            tab = context.new_page()
            tab.emulate_media(media=media)
            tab.goto(page.resolve().as_uri(), wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            return tab.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=True)
        finally:
            context.close()
    except Error as exc:
        raise HandoutError(f"impression de {page} par Chromium impossible : {exc}") from exc


def finish(raw: bytes, *, meta: dict[str, str], date: str, headings: tuple[str, ...] = ()) -> bytes:
    """Chromium's PDF with fixed dates, author, subject, creator and viewer options.

    Chromium names each bookmark after its heading as laid out, and drops the
    space where a heading wraps (« NRniveau 1 »): a bookmark that matches a
    heading of the page but for spaces takes the heading's text.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    _renumber_structure_ids(writer)
    by_letters = {_letters(text): text for text in headings}
    for item in _outline_items(writer._root_object.get("/Outlines")):
        title = str(item.get("/Title", ""))
        if _letters(title) in by_letters and title != by_letters[_letters(title)]:
            item[NameObject("/Title")] = TextStringObject(by_letters[_letters(title)])
    writer.add_metadata({
        "/Author": meta.get("author", ""),
        "/Subject": meta.get("description", ""),
        "/Creator": CREATOR,
        "/CreationDate": date,
        "/ModDate": date,
    })
    writer.create_viewer_preferences().display_doctitle = True  # type: ignore[assignment]  # pypdf types its generated properties as `property`
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_date(*, environ: Mapping[str, str] | None = None) -> str:
    """`D:20251103000000+00'00'`: SOURCE_DATE_EPOCH, else the build day at midnight UTC."""
    return build_instant(environ=environ).strftime("D:%Y%m%d%H%M%S+00'00'")


def headings(page_html: str) -> tuple[str, ...]:
    """The text of every heading of a page, in order, spaces normalised."""
    found = []
    for match in _HEADING.finditer(page_html):
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))
        found.append(" ".join(text.split()))
    return tuple(found)


def _letters(text: str) -> str:
    return "".join(text.split())


def _outline_items(root: PdfObject | None) -> list[DictionaryObject]:
    """Every bookmark dictionary under an /Outlines node, depth first."""
    items: list[DictionaryObject] = []
    stack: list[PdfObject] = []
    node = _dictionary(root).get("/First") if root is not None else None
    while node is not None or stack:
        if node is None:
            node = stack.pop()
            continue
        item = _dictionary(node)
        items.append(item)
        if item.get("/Next") is not None:
            stack.append(item["/Next"])
        node = item.get("/First")
    return items


def _dictionary(obj: PdfObject) -> DictionaryObject:
    """A PDF dictionary (the outline's nodes are), its indirect reference followed."""
    from pypdf.generic import DictionaryObject

    resolved = obj.get_object()
    assert isinstance(resolved, DictionaryObject)
    return resolved


def _renumber_structure_ids(writer: PdfWriter) -> None:
    """Structure element ids (`node00000170`) numbered in document order.

    Chromium names them after its internal node numbers, which may differ
    from one run to the next; table cells refer to their headers by id.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    elements = [obj for obj in writer._objects if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/StructElem"]
    names: dict[str, str] = {}
    for element in elements:
        if "/ID" in element:
            names.setdefault(str(element["/ID"]), f"id{len(names) + 1:05d}")
            element[NameObject("/ID")] = TextStringObject(names[str(element["/ID"])])
    for element in elements:
        attributes = element.get("/A")
        attributes = attributes.get_object() if attributes is not None else None
        for attribute in attributes if isinstance(attributes, ArrayObject) else [attributes] if attributes is not None else []:
            attribute = attribute.get_object()
            if isinstance(attribute, DictionaryObject) and "/Headers" in attribute:
                headers = attribute["/Headers"]
                assert isinstance(headers, ArrayObject)  # an array of structure element ids (PDF 32000-1, table attributes)
                attribute[NameObject("/Headers")] = ArrayObject(TextStringObject(names.get(str(h), str(h))) for h in headers)


def _pdf_name(home_html: str, home: Path) -> str:
    """The PDF name announced by the home page's (still hidden) link."""
    found = [name for name in (v.pdf for v in VARIANTS) if render.handout_download(name, size=None) in home_html]
    if len(found) != 1:
        raise HandoutError(f"{home} : lien vers la plaquette introuvable ({{{{ handout_link() }}}} manque dans docs/index.md ?)")
    return found[0]


def _page_meta(page_html: str) -> dict[str, str]:
    """`author` and `description` of the page's <meta> tags."""
    return {key: html.unescape(value) for key, value in _META.findall(page_html)}


def _check(pdf: bytes, *, site_dir: Path) -> None:
    """No local path nor `file:` link in the PDF; warn above MAX_PAGES pages."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    local = []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            if uri.startswith("file:"):
                local.append(f"page {number} : {uri}")
    if local or str(site_dir.resolve()).encode() in pdf:
        raise HandoutError("la plaquette contient des liens vers des fichiers locaux : " + ", ".join(local or ["chemin du dossier de construction"]))
    if len(reader.pages) > MAX_PAGES:
        _log.warning("La plaquette fait %d pages (%d au plus) : raccourcissez le contenu ou la mise en page.", len(reader.pages), MAX_PAGES)
