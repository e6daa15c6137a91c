"""Publish only what is used: drop every file of a built site that nothing points at (pure: no MkDocs).

MkDocs copies the whole theme into the site: Material's JavaScript bundle,
lunr and its language files, the search worker, source maps, `palette.css`,
`favicon.png`…, and every file of `docs/` (the stylesheets' sources
included). None of them is loaded by a page of this site (README,
« Sobriété et accessibilité »): they are dead weight on the host.

The references are followed from the site's pages, `robots.txt` and the
sitemap: links and sources of the HTML (`href`, `src`, `srcset`, `poster`,
`data`, the `content` of `<meta>` tags such as `og:image`), `url()` and
`@import` in stylesheets and `style` attributes, `Sitemap:` lines,
`<loc>` entries. Absolute addresses count when they are under `site_url`
(the sharing image is linked as `https://…/assets/partage.png`); other hosts
never do. Every HTML page is kept: pages are what the site publishes (the
print handout page, linked from nowhere, is printed after the build, then
removed by tools/handout.py).
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ENTRY_POINTS = ("index.html", "404.html", "robots.txt", "sitemap.xml")
"""What a host or a robot opens without a link: the walk of `unreferenced` starts there."""

_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "data", "action", "formaction"})
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)
_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S)
_SCHEMES = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


class _Links(HTMLParser):
    """Every address an HTML document points at, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in _URL_ATTRIBUTES:
                self.urls.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "style":
                self.urls += css_urls(value)
        if tag == "meta" and "content" in values and _SCHEMES.match(values["content"].strip()):
            self.urls.append(values["content"].strip())  # og:image, twitter:image, og:url…
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    """The addresses of `url()` and `@import` in a stylesheet."""
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(css) if (match.group(2) or match.group(4))]


def outgoing(path: Path) -> list[str]:
    """The addresses written in one file of a built site (none for PDF, images, calendars…)."""
    suffix = path.suffix.lower()
    if suffix not in (".html", ".css", ".txt", ".xml"):
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix == ".html":
        parser = _Links()
        parser.feed(text)
        parser.close()
        return parser.urls
    if suffix == ".css":
        return css_urls(text)
    if suffix == ".txt":
        return _SITEMAP_LINE.findall(text)
    return _LOC.findall(text)


def resolve(url: str, *, source: str, site_url: str = "") -> str | None:
    """The site-relative path of the file `url` points at from `source` (a site-relative path), or None.

    None for another host, a `mailto:`/`data:`/`tel:` address, or a fragment
    of the same page. A folder address gives its `index.html`.
    """
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    base = urlsplit(site_url) if site_url else None
    prefix = (base.path or "/") if base else "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if base is None or parts.scheme not in ("http", "https", "") or parts.netloc != base.netloc:
            return None
        path = parts.path
    elif _SCHEMES.match(url):
        return None
    else:
        path = parts.path
    path = unquote(path)
    if not path:
        return None
    if path.startswith("/"):
        if not (path + ("/" if not path.endswith("/") else "")).startswith(prefix):
            return None
        rel = path[len(prefix):] if len(path) >= len(prefix) else ""
    else:
        rel = posixpath.join(posixpath.dirname(source), path)
    rel = posixpath.normpath(rel) if rel else "."
    if rel == ".." or rel.startswith("../"):
        return None
    if rel == ".":
        return "index.html"
    return posixpath.join(rel, "index.html") if path.endswith("/") else rel


def site_files(site_dir: Path) -> list[str]:
    """Every file of a built site, as sorted site-relative paths."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def reachable(site_dir: Path, roots: list[str], *, site_url: str = "") -> set[str]:
    """The files reached from `roots` by following references, the roots included (when they exist)."""
    existing = set(site_files(site_dir))
    seen: set[str] = set()
    todo = [root for root in roots if root in existing]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for url in outgoing(site_dir / current):
            target = resolve(url, source=current, site_url=site_url)
            if target is None:
                continue
            if target not in existing and target + "/index.html" in existing:
                target += "/index.html"
            if target in existing and target not in seen:
                todo.append(target)
    return seen


def dangling(site_dir: Path, *, site_url: str = "") -> list[str]:
    """`file -> address` for every local reference that points at no file of the site."""
    existing = set(site_files(site_dir))
    out = []
    for current in sorted(existing):
        for url in outgoing(site_dir / current):
            target = resolve(url, source=current, site_url=site_url)
            if target is not None and target not in existing and target + "/index.html" not in existing:
                out.append(f"{current} -> {url}")
    return out


def unreferenced(site_dir: Path, *, site_url: str = "", roots: tuple[str, ...] = ENTRY_POINTS) -> list[str]:
    """The files of the site that nothing reached from `roots` points at (pages included)."""
    used = reachable(site_dir, list(roots), site_url=site_url)
    return [path for path in site_files(site_dir) if path not in used]


def prune(site_dir: Path, *, site_url: str = "") -> list[str]:
    """Delete every file that no page, stylesheet, `robots.txt` or sitemap uses; return their paths.

    Every HTML page is kept (see the module's docstring); folders left empty
    are removed.
    """
    site_dir = Path(site_dir)
    pages = [path for path in site_files(site_dir) if path.endswith(".html")]
    used = reachable(site_dir, [*ENTRY_POINTS, *pages], site_url=site_url)
    removed = [path for path in site_files(site_dir) if path not in used]
    for path in removed:
        (site_dir / path).unlink()
    for folder in sorted((p for p in site_dir.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed
