"""The print handout: every page of the site gathered in reading order.

Pure functions (no MkDocs). The adapter (`macros/__init__.py`) hands over the
built pages of the navigation after the build; `fill` puts them, one
`<section>` per page, into the page that uses the `handout.html` template.
Ids are prefixed per section (they must stay unique in one document) and
links are rewritten: a link to a gathered page becomes a link inside the
handout, any other relative link is rebased on the handout's own address.

`tools/handout.py` prints that page to PDF; the names of the PDF files and
the size label of the home page's download link are defined here so that
both sides agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urljoin, urlsplit

from . import formatting as fmt

TEMPLATE = "handout.html"
SLOT = "<!-- handout:sections -->"
PDF_NAMES = {
    "public": "plaquette-labellisation-nr-niveau-1.pdf",
    "restricted": "plaquette-labellisation-nr-niveau-1-diffusion-restreinte.pdf",
}
_ORIGIN = "http://handout.invalid/"
_ID_ATTRS = re.compile(
    r"""(\s(?:id|for|headers|aria-(?:labelledby|describedby|controls|owns|details|flowto|activedescendant|errormessage))=)(["'])(.*?)\2""",
    re.S,
)
_LINK_ATTRS = re.compile(r"""(\s(?:href|src)=)(["'])(.*?)\2""", re.S)


@dataclass(frozen=True)
class Section:
    """One built page of the navigation: its URL (`programme/`) and HTML."""

    url: str
    content: str


def pdf_name(audience: str) -> str:
    """The PDF file name of a variant, at the root of its site."""
    try:
        return PDF_NAMES[audience]
    except KeyError:
        raise ValueError(f"audience inconnue « {audience} » (connues : {', '.join(PDF_NAMES)})") from None


def section_id(url: str) -> str:
    """`plaquette-tarifs` for `tarifs/`, `plaquette-accueil` for the home page."""
    path = url.split("#", 1)[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if path.endswith(".html"):
        path = path[: -len(".html")]
    slug = "-".join(part for part in re.split(r"[^0-9A-Za-z]+", path.lower()) if part)
    return f"plaquette-{slug or 'accueil'}"


def assemble(sections: tuple[Section, ...], *, here: str) -> str:
    """Every section in order, ids prefixed and links rewritten for `here`."""
    targets = {_page_key(s.url): section_id(s.url) for s in sections}
    out = []
    for index, section in enumerate(sections):
        sid = section_id(section.url)
        body = _prefix_ids(section.content, sid)
        body = _rewrite_links(body, source=section.url, here=here, targets=targets, own=sid)
        klass = "handout-section handout-section--cover" if index == 0 else "handout-section"
        out.append(f'<section class="{klass}" id="{sid}" data-page="{_attr(section.url)}">\n{body}\n</section>')
    return "\n".join(out)


def fill(page_html: str, sections: tuple[Section, ...], *, here: str) -> str:
    """The built handout page with its slot replaced by every section."""
    count = page_html.count(SLOT)
    if count != 1:
        raise ValueError(f"gabarit {TEMPLATE} : l'emplacement « {SLOT} » doit figurer une fois, trouvé {count} fois")
    return page_html.replace(SLOT, assemble(sections, here=here))


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside a `<style>` element."""
    escaped = []
    for char in text:
        if char in '"\\<>&':
            escaped.append(f"\\{ord(char):x} ")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def file_size(size: int) -> str:
    """`240 Ko`, `1,2 Mo` (1 Ko = 1 000 octets, rounded half up, 1 Ko at least)."""
    if size < 0:
        raise ValueError(f"taille négative : {size}")
    if size < 999_500:
        kilo = max(Decimal(1), (Decimal(size) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return f"{fmt.number(kilo)}\u00a0Ko"
    mega = (Decimal(size) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{fmt.number(mega.normalize() if mega == mega.to_integral_value() else mega)}\u00a0Mo"


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _prefix_ids(html: str, sid: str) -> str:
    """Every id, and every attribute that refers to ids, prefixed with `sid--`."""

    def one(match: re.Match[str]) -> str:
        values = " ".join(f"{sid}--{value}" for value in match.group(3).split())
        return f"{match.group(1)}{match.group(2)}{values}{match.group(2)}"

    return _ID_ATTRS.sub(one, html)


def _page_key(url: str) -> str:
    """A page path without `index.html`: `tarifs/`, `` for the home page."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    return path[: -len("index.html")] if path.endswith("index.html") else path


def _rewrite_links(html: str, *, source: str, here: str, targets: dict[str, str], own: str) -> str:
    """Links of a page written at `source`, moved into the handout at `here`."""

    def one(match: re.Match[str]) -> str:
        return f"{match.group(1)}{match.group(2)}{_rewrite(match.group(3), source=source, here=here, targets=targets, own=own)}{match.group(2)}"

    return _LINK_ATTRS.sub(one, html)


def _rewrite(link: str, *, source: str, here: str, targets: dict[str, str], own: str) -> str:
    """One link: to a section, to an anchor of a section, or rebased."""
    if link.startswith("#"):
        return f"#{own}--{link[1:]}" if link[1:] else f"#{own}"
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("/"):
        return link
    absolute = urljoin(_ORIGIN + source, link)
    if not absolute.startswith(_ORIGIN):  # climbs above the site: leave as written
        return link
    target = urlsplit(absolute[len(_ORIGIN):])
    key = _page_key(target.path)
    if key in targets and not target.query:
        sid = targets[key]
        return f"#{sid}--{target.fragment}" if target.fragment else f"#{sid}"
    up = "../" * _page_key(here).count("/")
    rebased = (up + target.path) or "./"
    if target.query:
        rebased += f"?{target.query}"
    if target.fragment:
        rebased += f"#{target.fragment}"
    return rebased
