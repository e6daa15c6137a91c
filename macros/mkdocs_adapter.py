"""The one adapter between MkDocs (mkdocs-macros) and the computation core.

mkdocs.yml names this file (`plugins: macros: module_name:
macros/mkdocs_adapter`); mkdocs-macros loads it by its path and calls
`define_env` and the hooks below. Everything MkDocs-specific lives here:
reading the configuration, exposing variables, macros and filters to the
pages, the public-page link guard, the preview of errors, and handing the
built site to the core's post-build steps (macros/postbuild.py). No other
module of the package imports MkDocs, and importing `macros` runs nothing.
"""
from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # loaded by path (mkdocs build from the project folder)
    sys.path.insert(0, str(PROJECT))

from markupsafe import Markup  # noqa: E402

from macros import assets, conformity, escape, handout, jsonld, pages, postbuild, sources  # noqa: E402
from macros.clock import today  # noqa: E402
from macros.errors import DataErrors, line_of  # noqa: E402
from macros.preview import previewing  # noqa: E402
from macros.restricted_pages import filter_nav, restricted_link_message, restricted_links  # noqa: E402
from macros.validation import RestrictedLocked, load_data  # noqa: E402
from macros.variants import AUDIENCES  # noqa: E402


def _audience(env: Any) -> str:
    audience = (env.conf.get("extra") or {}).get("audience", "public")
    if audience not in AUDIENCES:
        raise ValueError(f"extra.audience : attendu public ou restricted, trouvé « {audience} »")
    return audience


def _html(function: Any) -> Any:
    """Mark a macro's result as markup: it was escaped piece by piece in render.py."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Markup:
        return Markup(function(*args, **kwargs))

    return wrapper


def define_env(env: Any) -> None:
    """Load the data the audience may see and register variables, macros and filters.

    The public variant never opens the restricted files: nothing restricted
    is in memory, so no page, variable or `macros_info()` can print it. Every
    value a page prints is escaped as text (HTML and Markdown) unless it is
    markup built by render.py.
    """
    _STATE.clear()
    _report_page_errors(env)
    audience = _audience(env)
    data = _load(env, audience)
    if data is None:  # preview of invalid data: the pages show the report
        return
    day = today()
    if audience == "public" and env.conf.get("nav"):
        env.conf["nav"] = filter_nav(env.conf["nav"])
    _STATE["data"], _STATE["day"] = data, day

    def here() -> str:
        """`../` as many times as the current page is deep."""
        url = env.page.url if env.page is not None else ""
        return "../" * url.count("/")

    names = pages.page_names(data, audience=audience, day=day, here=here)
    env.variables.update(names.variables)
    for name, builder in names.macros.items():
        env.macro(_html(builder), name)
    for name, function in names.filters.items():
        env.filter(function, name)
    _theme_extras(env, data, title=names.variables["fig"].title, audience=audience, day=day)


def _load(env: Any, audience: str) -> Any:
    """The audience's data; None in the preview of invalid data (the pages then show the errors)."""
    from mkdocs.exceptions import PluginError

    data_dir = Path(env.conf["config_file_path"]).resolve().parent / "data"
    try:
        return load_data(data_dir, audience=audience)
    except RestrictedLocked as exc:
        raise PluginError(f"{exc} : fichiers chiffrés ; la variante restreinte a besoin de la clé : {sources.UNLOCK_HINT}") from None
    except DataErrors as exc:
        if previewing():  # `make serve`: show the errors in the pages, keep serving
            _show_data_errors(env, exc)
            return None
        raise PluginError(exc.report()) from None


def _theme_extras(env: Any, data: Any, *, title: str, audience: str, day: dt.date) -> None:
    """What the templates (overrides/) read from `config.extra`, computed from the data."""
    from mkdocs.exceptions import PluginError

    extra = env.conf["extra"]
    try:  # the footer's status, computed from the RGAA self-audit (data/rgaa.yml, macros/rgaa.py)
        extra["accessibility_status"] = conformity.status()
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    # The offer's title for the margins of printed pages (the @media print part of extra.css reads it
    # from a CSS variable set by overrides/partials/print-head.html).
    extra["print_title"] = handout.css_string(title)
    if audience == "restricted":  # its 404 page stands alone (overrides/404.html, restricted_pages.standalone)
        extra["inline_css"] = assets.inline_stylesheet(Path(env.conf["docs_dir"]) / "stylesheets" / "extra.css")
        extra["contact_email"] = data.contacts.general.email
    # The header's two lines (overrides/main.html), from the offer's data.
    extra["brand"] = {"organiser": data.offer.organiser, "offer": f"Labellisation {data.offer.label_short}"}
    # Structured data for the theme's <head> (partials/head-extra.html).
    extra["jsonld"] = jsonld.script(jsonld.course(data, site_url=env.conf.get("site_url") or "", day=day))


# What on_post_build needs of this build, kept out of the pages' variables.
_STATE: dict[str, Any] = {}


def on_pre_page_macros(env: Any) -> None:
    """Print every value as text; in the preview of bad data, drop the page's content.

    The Jinja environment exists only once define_env has run: `finalize` is
    set here, before the page's template is compiled.
    """
    env.env.finalize = escape.as_text
    if _STATE.get("errors"):
        env.markdown = ""


def on_post_page_macros(env: Any) -> None:
    """Stop the public build when a page links to a restricted page.

    In the preview of invalid data, the page becomes the error report: set
    after the templates ran, so that nothing in the data is ever evaluated.
    """
    if _STATE.get("errors"):
        from macros.errors import preview_page

        env.markdown = preview_page(_STATE["errors"])
        return
    if _audience(env) != "public":
        return
    links = restricted_links(env.markdown, page_path=env.page.file.src_uri)
    if links:
        from mkdocs.exceptions import PluginError

        line = line_of(env.page.file.content_string, links[0])
        where = f"docs/{env.page.file.src_uri}" + (f", ligne {line}" if line else "")
        message = f"{where} : {restricted_link_message(links)}"
        if previewing():  # the page shows the error, the server keeps running
            from macros.errors import preview_page

            env.markdown = preview_page(message, title="Aperçu impossible : corrigez cette page")
            return
        raise PluginError(message)


def on_post_build(env: Any) -> None:
    """Hand the built site to the core's post-build steps (macros/postbuild.py)."""
    if "data" not in _STATE:  # preview of invalid data: nothing to write
        return
    nav, files = env.variables["navigation"], env.variables["files"]
    sections = tuple(
        handout.Section(url=p.url, content=p.content or "")
        for p in nav.pages
        if (p.meta or {}).get("handout", True)  # `handout: false`: a page about the site, not the offer
    )
    handouts = tuple(
        (Path(file.abs_dest_path), file.page.url)
        for file in files.documentation_pages()
        if file.page is not None and (file.page.meta or {}).get("template") == handout.TEMPLATE
    )
    postbuild.finish_site(
        Path(env.conf["site_dir"]),
        _STATE["data"],
        audience=_audience(env),
        day=_STATE["day"],
        site_url=env.conf.get("site_url") or "",
        sections=sections,
        handouts=handouts,
    )


# ------------------------------------------------------------- editors' errors
def _report_page_errors(env: Any) -> None:
    """Turn any error while rendering a page into a French, located PluginError.

    mkdocs-macros formats a rendering error with `format_error`, logs it with
    a traceback and exits (on_error_fail). Registering our formatter for every
    exception raises a clean PluginError instead, naming the page, line and
    column: MkDocs stops the build with it, and `mkdocs serve` keeps running.
    """
    from jinja2 import TemplateSyntaxError
    from mkdocs.exceptions import PluginError
    from mkdocs_macros.errors import format_error

    from macros.errors import page_error, preview_page

    def fail(error: Exception, markdown: str, page: Any) -> str:
        names = {**env.variables, **env.macros, **env.env.globals}
        report = page_error(
            error,
            file=f"docs/{page.file.src_uri}",
            source=page.file.content_string,
            markdown=markdown,
            names=names,
            filters=env.filters,
        )
        if previewing():  # the page shows the error (on_error_fail is off in the preview)
            return preview_page(str(report), title="Aperçu impossible : corrigez cette page")
        raise PluginError(str(report)) from error

    format_error.register(Exception, fail)
    format_error.register(TemplateSyntaxError, fail)
    if previewing():
        env.config["on_error_fail"] = False


def _show_data_errors(env: Any, errors: DataErrors) -> None:
    """Preview of invalid data: every page shows the report, the server keeps running."""
    import logging

    _STATE.clear()
    _STATE["errors"] = errors.report()
    # The header reads the offer's names from the data, unreadable here.
    env.conf["extra"]["brand"] = {"organiser": env.conf.get("site_author") or "", "offer": "Aperçu : données à corriger"}
    logging.getLogger("mkdocs.plugins.enter").info("%s", errors.report())
