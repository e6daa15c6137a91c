"""The one adapter between MkDocs (mkdocs-macros) and the computation core.

Everything MkDocs-specific lives here: reading the configuration, exposing
variables, macros and filters to the pages, and writing the calendar files
after the build. The other modules of this package never import MkDocs.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import functools

from markupsafe import Markup

from . import calendar as ics
from . import escape, sources
from . import formatting as fmt
from . import handout, jsonld, render, views
from . import assets, budgets
from .errors import DataErrors
from .schema import RestrictedLocked, load_data
from .site import filter_nav, restricted_links

PROJECT = Path(__file__).resolve().parent.parent


def _audience(env: Any) -> str:
    audience = (env.conf.get("extra") or {}).get("audience", "public")
    if audience not in views.AUDIENCES:
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
    from mkdocs.exceptions import PluginError

    _STATE.clear()
    _report_page_errors(env)
    audience = _audience(env)
    data_dir = Path(env.conf["config_file_path"]).resolve().parent / "data"
    try:
        data = load_data(data_dir, audience=audience)
    except RestrictedLocked as exc:
        raise PluginError(f"{exc} : fichiers chiffrés ; la variante restreinte a besoin de la clé : {sources.UNLOCK_HINT}") from None
    except DataErrors as exc:
        if _previewing():  # `make serve`: show the errors in the pages, keep serving
            _show_data_errors(env, exc)
            return
        raise PluginError(exc.report()) from None
    day = views.today()
    figures = views.key_figures(data, day=day)
    status = views.status_view(data, day=day)
    if audience == "public" and env.conf.get("nav"):
        env.conf["nav"] = filter_nav(env.conf["nav"])
    _STATE["data"], _STATE["day"] = data, day

    for name, value in {
        "audience": audience,
        "restricted": audience == "restricted",
        "offer": data.offer,
        "contacts": data.contacts,
        "fig": figures,
        "build_day": fmt.long_date(day),
    }.items():
        env.variables[name] = value
    # The offer's title for the margins of printed pages (print.css reads it
    # from a CSS variable set by overrides/partials/print-head.html).
    env.conf["extra"]["print_title"] = handout.css_string(figures.title)
    # The screen stylesheet, written into every page by overrides/main.html.
    env.conf["extra"]["inline_css"] = assets.inline_stylesheet(Path(env.conf["docs_dir"]) / "stylesheets" / "extra.css")

    def here() -> str:
        """`../` as many times as the current page is deep."""
        url = env.page.url if env.page is not None else ""
        return "../" * url.count("/")

    builders: dict[str, Any] = {
        "budgets_table": lambda: render.table(caption="Budget de chaque page, vérifié par les tests", head=("Mesure", "Limite"), rows=budgets.budget_rows()),
        "handout_link": lambda: render.handout_download(handout.pdf_name(audience), size=None),
        "key_figures": lambda: render.key_figures(figures),
        "benefits": lambda: render.benefit_list(views.benefit_items(data, figures)),
        "pillars": lambda: render.benefit_list(data.offer.pillars),
        "price_table": lambda: render.price_table(views.price_table(data)),
        "price_cards": lambda: render.price_cards(views.price_table(data)),
        "contract_breakdown": lambda: render.contract_breakdown(views.contract_views(data)),
        "phases": lambda: render.phases(views.phase_views(data)),
        "registration": lambda: render.status(status, calendar=here() + "inscriptions.ics" if status.upcoming else None, participate=here() + "participer/" if status.open else None),
        "contact_block": lambda: render.contacts([(p.name, p.email, p.role) for p in data.contacts.people], (data.contacts.general.email, data.contacts.general.role)),
        "training_offer": lambda: render.definition_list(views.training_offer_rows(data, figures)),
        "tax_basis": lambda: render.text(views.tax_basis_sentence(data.pricing.tax_basis)),
        # Sections 5 and 6: restricted (the public variant has no such data).
        "operation_aim": lambda: render.text(views.operation_aim(data, audience=audience)),
        "sequences": lambda: render.sequences(views.sequence_views(data, audience=audience)),
        "modules_table": lambda: render.modules(views.module_views(data, audience=audience)),
        "planning_table": lambda: render.gantt(views.gantt(data, audience=audience)),
        "calendar_link": lambda name, label: render.download_button(here() + name, label, kind="text/calendar"),
    }
    for name, builder in builders.items():
        builder.__name__ = builder.__qualname__ = name  # error messages name the macro
        env.macro(_html(builder), name)
    env.filter(fmt.money, "money")
    env.filter(fmt.long_date, "long_date")
    # Structured data for the theme's <head> (partials/head-extra.html).
    site_url = env.conf.get("site_url") or ""
    env.conf["extra"]["jsonld"] = jsonld.script(jsonld.course(data, site_url=site_url, day=day))


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
        from .errors import preview_page

        env.markdown = preview_page(_STATE["errors"])
        return
    if _audience(env) != "public":
        return
    links = restricted_links(env.markdown, page_path=env.page.file.src_uri)
    if links:
        from mkdocs.exceptions import PluginError

        source = env.page.file.content_string
        line = next((n for n, text in enumerate(source.splitlines(), start=1) if links[0] in text), None)
        where = f"docs/{env.page.file.src_uri}" + (f", ligne {line}" if line else "")
        message = (
            f"{where} : lien vers une page en diffusion restreinte ({', '.join(links)}) : "
            "interdit dans le site public ; retirez le lien, ou déplacez la page hors de docs/restricted/"
        )
        if _previewing():  # the page shows the error, the server keeps running
            from .errors import preview_page

            env.markdown = preview_page(message, title="Aperçu impossible : corrigez cette page")
            return
        raise PluginError(message)


def on_post_build(env: Any) -> None:
    """Write the calendar files; drop the sitemap of the restricted variant."""
    if "data" not in _STATE:  # preview of invalid data: nothing to write
        return
    data, day = _STATE["data"], _STATE["day"]
    audience = _audience(env)
    site_dir = Path(env.conf["site_dir"])
    stamp = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)
    public = ics.public_calendar(data, stamp=stamp)
    if public is not None:
        (site_dir / "inscriptions.ics").write_bytes(public)
    _fill_handouts(env)
    _valid_toggles(site_dir)
    if audience == "restricted":
        (site_dir / "planning.ics").write_bytes(ics.restricted_calendar(data, audience=audience, stamp=stamp))
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)


def _fill_handouts(env: Any) -> None:
    """Gather every page of the navigation into each page using the handout template."""
    nav, files = env.variables["navigation"], env.variables["files"]
    sections = tuple(
        handout.Section(url=p.url, content=p.content or "")
        for p in nav.pages
        if (p.meta or {}).get("handout", True)  # `handout: false`: a page about the site, not the offer
    )
    for file in files.documentation_pages():
        page = file.page
        if page is None or (page.meta or {}).get("template") != handout.TEMPLATE:
            continue
        out = Path(file.abs_dest_path)
        out.write_text(handout.fill(out.read_text(encoding="utf-8"), sections, here=page.url), encoding="utf-8")


def _valid_toggles(site_dir: Path) -> None:
    """Drop the attribute that makes Material's checkboxes invalid HTML."""
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        fixed = assets.valid_toggles(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


# ------------------------------------------------------------- editors' errors
PREVIEW_ENV = "ENTER_PREVIEW"  # set by tools/preview.py under `mkdocs serve`


def _previewing() -> bool:
    """Whether this build is the live preview (`make serve`)."""
    import os

    return os.environ.get(PREVIEW_ENV) == "1"


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

    from .errors import page_error, preview_page

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
        if _previewing():  # the page shows the error (on_error_fail is off in the preview)
            return preview_page(str(report), title="Aperçu impossible : corrigez cette page")
        raise PluginError(str(report)) from error

    format_error.register(Exception, fail)
    format_error.register(TemplateSyntaxError, fail)
    if _previewing():
        env.config["on_error_fail"] = False


def _show_data_errors(env: Any, errors: DataErrors) -> None:
    """Preview of invalid data: every page shows the report, the server keeps running."""
    import logging

    _STATE.clear()
    _STATE["errors"] = errors.report()
    logging.getLogger("mkdocs.plugins.enter").info("%s", errors.report())
