"""Serve a built site like a static host, and measure its pages in Chromium.

Shared by the browser tests (tests/browser/) and `make bench`
(tools/bench.py): one server, one way of launching Debian's Chromium, one
way of counting requests, bytes and DOM elements.

The server answers on 127.0.0.1 only, under the path of `site_url` (as
GitHub Pages would), compresses text with gzip when the browser asks for
it, serves `404.html` with a 404 status for unknown paths, and, like any
static host, gives each file an `ETag` and answers a revalidation with
`304 Not Modified` (it asks browsers to revalidate every time: `no-cache`). Chromium is
started so that any host other than 127.0.0.1 fails to resolve: a request
that would leave the machine is recorded, never sent.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from macros import budgets
from macros.variants import PUBLIC
from tools import chromium

ROOT = Path(__file__).resolve().parent.parent
GZIP_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics", ".map", ".webmanifest"})
GZIP_LEVEL = 6  # what common static hosts and CDNs use
DESKTOP = {"width": 1280, "height": 800}
# EcoIndex's own measurements use a large desktop window.
ECOINDEX_VIEWPORT = {"width": 1920, "height": 1080}
DOM_WITHOUT_SVG_JS = "document.getElementsByTagName('*').length - document.querySelectorAll('svg *').length"


def site_prefix(config_file: Path = ROOT / PUBLIC.config) -> str:
    """The URL path the site is published under (from `site_url`), e.g. `/labellisation-nr/`."""
    text = config_file.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_LenientLoader) or {}
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


class _LenientLoader(yaml.SafeLoader):
    """YAML loader that ignores MkDocs tags such as `!ENV` or `!relative`."""


_LenientLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths relative to its root."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def _handler(directory: Path, prefix: str) -> type[BaseHTTPRequestHandler]:
    """A request handler class serving `directory` under `prefix`."""

    class StaticHost(BaseHTTPRequestHandler):
        """GET and HEAD of static files, gzip, directory indexes, 404 page."""

        protocol_version = "HTTP/1.1"
        server_version = "static"
        sys_version = ""

        def do_GET(self) -> None:  # names and signatures: http.server's API
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def log_message(self, format: str, *args: Any) -> None:
            """Silent: the tests record requests on the browser side."""

        def _answer(self, *, body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            status = HTTPStatus.OK
            target = self._resolve(path)
            if target is None and path.startswith(prefix) and not path.endswith("/") and (directory / path[len(prefix):]).is_dir():
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if target is None:
                status, target = HTTPStatus.NOT_FOUND, directory / "404.html"
                if not target.is_file():
                    self.send_error(HTTPStatus.NOT_FOUND)
                    return
            data = target.read_bytes()
            etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            if status == HTTPStatus.OK and self.headers.get("If-None-Match") == etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                return
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
                ctype += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if target.suffix in GZIP_SUFFIXES:
                self.send_header("Vary", "Accept-Encoding")
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    data = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
                    self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            if status == HTTPStatus.OK:
                self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def _resolve(self, path: str) -> Path | None:
            if not path.startswith(prefix):
                return None
            rel = path[len(prefix):]
            candidate = (directory / rel).resolve()
            if directory.resolve() not in (candidate, *candidate.parents):
                return None
            if candidate.is_dir():
                if not path.endswith("/"):
                    return None
                candidate = candidate / "index.html"
            return candidate if candidate.is_file() else None

    return StaticHost


@contextmanager
def serve(directory: Path, *, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (free port); yield the site's base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Path(directory), prefix))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, offline but for 127.0.0.1 (tools/chromium.py)."""
    return chromium.launch(playwright, offline=True)


@dataclass(frozen=True)
class PageMeasure:
    """What one page load costs, as EcoIndex counts it."""

    url: str
    requests: int
    transferred: int
    dom: int
    urls: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    console_errors: tuple[str, ...] = field(default=())

    @property
    def kilobytes(self) -> float:
        """Transferred kibibytes (compressed bodies and headers)."""
        return self.transferred / budgets.KIB

    @property
    def ecoindex(self) -> int:
        """EcoIndex score from the three measures."""
        return budgets.ecoindex(dom=self.dom, requests=self.requests, kilobytes=self.kilobytes)

    @property
    def grade(self) -> str:
        """EcoIndex grade."""
        return budgets.grade(self.ecoindex)


def _on_request(sent: dict[str, str], event: dict[str, Any]) -> None:
    """Record a request's URL under its id (`Network.requestWillBeSent`); `data:` URLs are not requests."""
    if not event["request"]["url"].startswith("data:"):
        sent.setdefault(event["requestId"], event["request"]["url"])


def _on_loaded(sizes: dict[str, int], event: dict[str, Any]) -> None:
    """Record a response's encoded length, headers included (`Network.loadingFinished`)."""
    sizes[event["requestId"]] = int(event["encodedDataLength"])


def measure(browser: Any, url: str, *, viewport: dict[str, int] | None = None) -> PageMeasure:
    """Load `url` in a fresh context (empty cache) and count what it costs.

    Requests and bytes come from Chromium's network events (DevTools
    protocol): every request the page issues, `data:` URLs excepted, and the
    encoded length of each response (headers included), as EcoIndex does.
    """
    context = browser.new_context(viewport=viewport or ECOINDEX_VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        sent: dict[str, str] = {}
        sizes: dict[str, int] = {}
        failed: list[str] = []
        errors: list[str] = []
        cdp.on("Network.requestWillBeSent", functools.partial(_on_request, sent))
        cdp.on("Network.loadingFinished", functools.partial(_on_loaded, sizes))
        cdp.on("Network.loadingFailed", lambda e: failed.append(e["requestId"]))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        dom = int(page.evaluate(DOM_WITHOUT_SVG_JS))
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
        urls = tuple(sent.values())
        return PageMeasure(
            url=url,
            requests=len(sent),
            transferred=sum(sizes.get(rid, 0) for rid in sent),
            dom=dom,
            urls=urls,
            outside=tuple(u for u in urls if not u.startswith(origin)),
            failed=tuple(sent[rid] for rid in failed if rid in sent),
            console_errors=tuple(errors),
        )
    finally:
        context.close()


def visit(browser: Any, urls: list[str], *, viewport: dict[str, int] | None = None) -> list[PageMeasure]:
    """Load `urls` one after the other in one context, cache on, as one reader's visit.

    What each page costs once the previous ones are cached (a stylesheet
    shared by the pages travels once, then is revalidated: the local server
    sends `Cache-Control: no-cache`, the worst case for a shared file).
    """
    context = browser.new_context(viewport=viewport or ECOINDEX_VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        out = []
        for url in urls:
            sent: dict[str, str] = {}
            sizes: dict[str, int] = {}
            # Bound to this page's dicts (functools.partial), and kept to be removed below.
            on_sent = functools.partial(_on_request, sent)
            on_done = functools.partial(_on_loaded, sizes)
            cdp.on("Network.requestWillBeSent", on_sent)
            cdp.on("Network.loadingFinished", on_done)
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            cdp.remove_listener("Network.requestWillBeSent", on_sent)
            cdp.remove_listener("Network.loadingFinished", on_done)
            dom = int(page.evaluate(DOM_WITHOUT_SVG_JS))
            out.append(PageMeasure(url=url, requests=len(sent), transferred=sum(sizes.get(r, 0) for r in sent), dom=dom,
                                   urls=tuple(sent.values())))
        return out
    finally:
        context.close()

