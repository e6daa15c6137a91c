"""Render every page of docs/ for each variant, without MkDocs, and report every error at once.

`make check` runs it after the data validation: a mistyped macro, an unknown
figure or a public page linking to a restricted one is reported in French,
located (file, line, column), all pages and both variants in one run, in a
fraction of the time of a build. The pages are rendered as mkdocs-macros
renders them (Jinja on the Markdown after the front matter, undefined names
refused, every value escaped as text) with the table of macros/pages.py.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from macros import escape
from macros.errors import PageError, line_of, page_error
from macros.pages import page_names
from macros.restricted_pages import restricted_link_message, restricted_links, restricted_paths
from macros.variants import variant
from tools.config import site_config

ROOT = Path(__file__).resolve().parent.parent

def _pages(docs: Path, *, audience: str) -> list[Path]:
    """The Markdown pages of a variant: the public one leaves docs/restricted/ out."""
    found = sorted(docs.rglob("*.md"))
    if audience == "public":
        found = [path for path in found if not restricted_paths(path.relative_to(docs).as_posix())]
    return found


def _split(source: str) -> tuple[dict[str, Any], str]:
    """The front matter (as data) and the Markdown after it."""
    if source.startswith("---\n"):
        head, sep, body = source[4:].partition("\n---\n")
        if sep:
            meta = yaml.safe_load(head)
            return (meta if isinstance(meta, dict) else {}), body
    return {}, source


def _url(relative: str) -> str:
    """The page's URL with directory URLs (`tarifs.md` -> `tarifs/`, `index.md` -> ``)."""
    stem = relative[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def check_pages(root: Path = ROOT, *, audiences: tuple[str, ...], data_dir: Path | None = None) -> list[PageError]:
    """Every page error of every variant in `audiences` (pages and configs of `root`).

    The data (`data_dir`, by default `root`/data) must be valid for them.
    """
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    from macros import clock
    from macros.validation import load_data

    errors: list[PageError] = []
    day = clock.today()
    current = {"url": ""}  # the page being rendered, read by `here()` and the `relative_url` filter
    for audience in audiences:
        config = site_config(root / variant(audience).config)
        data_dir = data_dir or root / "data"
        data = load_data(data_dir, root=data_dir.parent, audience=audience)
        docs = root / str(config.get("docs_dir") or "docs")
        names = page_names(data, audience=audience, day=day, here=lambda: "../" * current["url"].count("/"))
        env = Environment(undefined=StrictUndefined, finalize=escape.as_text, autoescape=False)
        env.globals.update(names.variables)
        env.globals.update({name: (lambda f: lambda *a, **k: Markup(f(*a, **k)))(builder) for name, builder in names.macros.items()})
        env.filters.update(names.filters)
        env.filters["relative_url"] = lambda path: "../" * current["url"].count("/") + str(path)  # as mkdocs-macros
        for path in _pages(docs, audience=audience):
            relative = path.relative_to(docs).as_posix()
            file = f"{docs.name}/{relative}"
            source = path.read_text(encoding="utf-8")
            meta, markdown = _split(source)
            current["url"] = _url(relative)
            context = {"config": config, "page": {"meta": meta, "url": current["url"], "title": meta.get("title")}, **meta}
            try:
                rendered = env.from_string(markdown).render(context)
            except Exception as exc:  # every page error, reported in French
                errors.append(
                    page_error(exc, file=file, source=source, markdown=markdown, names={**env.globals, **context}, filters=[*names.filters, "relative_url"])
                )
                rendered = markdown  # the links written by hand are still checked
            if audience == "public":
                links = restricted_links(rendered, page_path=relative)
                if links:
                    errors.append(PageError(file, line_of(source, links[0]), None, restricted_link_message(links)))
    return list(dict.fromkeys(errors))
