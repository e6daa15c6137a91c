"""The print handout: every page of the site gathered in reading order.

Pure functions (no MkDocs). The adapter (`macros/mkdocs_adapter.py`) hands over the
built pages of the navigation after the build; `fill` puts them, one
`<section>` per page, into the page that uses the `handout.html` template.
Ids are prefixed per section (they must stay unique in one document) and
links are rewritten: a link to a gathered page becomes a link inside the
handout, any other relative link is rebased on the handout's own address.

A brochure, not a print of web pages: within each page, every `<h2>` and
what follows it become one `<section class="handout-part">` (the print
stylesheet keeps a short part on one page and lays out the cover's parts on
a grid); a part whose every block was already printed by an earlier page
(the contacts box of « Participer ») is left out, so that each block is
printed once. The first page is the cover; it ends with a QR code to the
public site (`segno`, inline SVG made here at build time, nothing written to
disk), whose address the template gives in its `QR_SLOT` comment.

`tools/handout.py` prints that page to PDF; the names of the PDF files and
the size label of the home page's download link are defined here so that
both sides agree.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from . import formatting as fmt

TEMPLATE = "handout.html"
SLOT = "<!-- handout:sections -->"
# `<!-- handout:qr https://… -->` in the template: the public site's address for the cover's QR code.
QR_SLOT = re.compile(r"<!-- handout:qr (\S*) -->")
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


def section_id(url: str) -> str:
    """`plaquette-tarifs` for `tarifs/`, `plaquette-accueil` for the home page."""
    path = url.split("#", 1)[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if path.endswith(".html"):
        path = path[: -len(".html")]
    slug = "-".join(part for part in re.split(r"[^0-9A-Za-z]+", path.lower()) if part)
    return f"plaquette-{slug or 'accueil'}"


def assemble(sections: tuple[Section, ...], *, here: str, cover_extra: str = "") -> str:
    """Every section in order, ids prefixed and links rewritten for `here`.

    Each page's `<h2>` parts are wrapped (`handout-part`); a part already
    printed block for block is left out. `cover_extra` (the QR code) closes
    the first section, the cover.
    """
    targets = {_page_key(s.url): section_id(s.url) for s in sections}
    printed: set[str] = set()
    out = []
    for index, section in enumerate(sections):
        sid = section_id(section.url)
        body = _prefix_ids(_parts(section.content, printed=printed), sid)
        body = _rewrite_links(body, source=section.url, here=here, targets=targets, own=sid)
        if index == 0 and cover_extra:  # after the cover's last part: read where it is seen
            body = _after_last_part(body, cover_extra)
        klass = "handout-section handout-section--cover" if index == 0 else "handout-section"
        out.append(f'<section class="{klass}" id="{sid}" data-page="{_attr(section.url)}">\n{body}\n</section>')
    return "\n".join(out)


def fill(page_html: str, sections: tuple[Section, ...], *, here: str) -> str:
    """The built handout page with its slot replaced by every section (and the cover's QR code)."""
    count = page_html.count(SLOT)
    if count != 1:
        raise ValueError(f"gabarit {TEMPLATE} : l'emplacement « {SLOT} » doit figurer une fois, trouvé {count} fois")
    found = QR_SLOT.search(page_html)
    cover_extra = qr_figure(found.group(1)) if found and found.group(1) else ""
    page_html = QR_SLOT.sub("", page_html)
    return page_html.replace(SLOT, assemble(sections, here=here, cover_extra=cover_extra))


def _after_last_part(body: str, extra: str) -> str:
    """`extra` inserted after the last `handout-part` of a section's body (at its end if none)."""
    end = body.rfind(_PART_END)
    if end < 0:
        return f"{body}\n{extra}"
    end += len(_PART_END)
    return f"{body[:end]}\n{extra}{body[end:]}"


def qr_figure(url: str) -> str:
    """The cover's way back to the site: a QR code (inline SVG) and the address in words.

    Print only (the stylesheet hides it on screen). The SVG is an image with
    its text alternative (role="img", aria-label), which Chromium's tagged
    PDF carries as the /Alt of its Figure (RGAA 1.1 on the PDF); the
    paragraph beside it gives the same address as a link. No <figure>
    element: Chromium would tag it as a second Figure, without /Alt.
    """
    import segno

    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=0, svgclass="qr-code", lineclass=None)
    shown = escape(url.removeprefix("https://").removeprefix("http://").rstrip("/"), quote=True)
    alt = f"Code QR menant au programme en ligne ({shown})"
    svg = buffer.getvalue().decode("ascii").replace("<svg ", f'<svg role="img" aria-label="{alt}" focusable="false" ', 1)
    return (
        f'<div class="handout-qr">{svg}'
        f'<p>Le programme en ligne, inscriptions et mises à jour : <a href="{escape(url, quote=True)}">{shown.replace("/", "/<wbr>")}</a></p></div>'
    )


_PART_END = "</section><!-- /handout-part -->"
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TopLevel(HTMLParser):
    """Offsets where each top-level element of a fragment starts."""

    def __init__(self, lines: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self._lines, self.depth = lines, 0
        self.starts: list[tuple[int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            self.starts.append((self._offset(), tag))
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            self.starts.append((self._offset(), tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def _blocks(html: str) -> list[tuple[str, str]]:
    """The top-level blocks of a page's content: (tag, HTML), text between them kept with the previous one."""
    lines, total = [], 0
    for line in html.splitlines(keepends=True):
        lines.append(total)
        total += len(line)
    lines.append(total)
    parser = _TopLevel(lines)
    parser.feed(html)
    parser.close()
    starts = parser.starts
    if not starts:
        return [("", html)] if html.strip() else []
    out = [("", html[: starts[0][0]])] if html[: starts[0][0]].strip() else []
    for (start, tag), following in zip(starts, [*starts[1:], (len(html), "")], strict=True):
        out.append((tag, html[start: following[0]]))
    return out


def _parts(content: str, *, printed: set[str]) -> str:
    """A page's content with each `<h2>` and what follows it in a `handout-part` section.

    A part whose every block prints a text already in `printed` (an earlier
    page printed the same block) is left out; the blocks of every page are
    added to `printed`.
    """
    head: list[str] = []
    parts: list[list[str]] = []
    for tag, block in _blocks(content):
        if tag == "h2":
            parts.append([block])
        elif parts:
            parts[-1].append(block)
        else:
            head.append(block)
    out = list(head)
    for part in parts:
        body = [text for text in map(_printed_text, part[1:]) if text]
        if body and all(text in printed for text in body):
            continue
        out.append('<section class="handout-part">' + "".join(part).strip() + _PART_END + "\n")
    printed.update(text for text in map(_printed_text, [*head, *(b for part in parts for b in part[1:])]) if text)
    return "".join(out)


# What paper never shows (the print stylesheet hides buttons and countdowns).
_SCREEN_ONLY = re.compile(r'<a\b[^>]*class="md-button[^"]*"[^>]*>.*?</a>|<span class="countdown">.*?</span>', re.S)


def _printed_text(block: str) -> str:
    """The text a block prints: without screen-only pieces, tags and spacing differences."""
    text = re.sub(r"<[^>]+>", " ", _SCREEN_ONLY.sub(" ", block))
    return " ".join(text.split())


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside a `<style>` element."""
    escaped = []
    for char in text:
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
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
