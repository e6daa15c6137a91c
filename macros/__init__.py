"""The one adapter between MkDocs (mkdocs-macros) and the computation core.

Everything MkDocs-specific lives here: reading the configuration, exposing
variables, macros and filters to the pages, and writing the calendar files
after the build. The other modules of this package never import MkDocs.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import calendar as ics
from . import formatting as fmt
from . import handout, jsonld, render, views
from . import assets, budgets
from .errors import DataErrors
from .schema import load_data
from .site import filter_nav, restricted_links

PROJECT = Path(__file__).resolve().parent.parent


def _audience(env: Any) -> str:
    audience = (env.conf.get("extra") or {}).get("audience", "public")
    if audience not in views.AUDIENCES:
        raise ValueError(f"extra.audience : attendu public ou restricted, trouvé « {audience} »")
    return audience


def define_env(env: Any) -> None:
    """Load the data once and register variables, macros and filters."""
    from mkdocs.exceptions import PluginError

    _report_page_errors(env)
    audience = _audience(env)
    data_dir = Path(env.conf["config_file_path"]).resolve().parent / "data"
    try:
        data = load_data(data_dir)
    except DataErrors as exc:
        if _previewing():  # `make serve`: show the errors in the pages, keep serving
            _show_data_errors(env, exc)
            return
        raise PluginError(exc.report()) from None
    day = views.today()
    figures = views.key_figures(data, day=day)
    if audience == "public" and env.conf.get("nav"):
        env.conf["nav"] = filter_nav(env.conf["nav"])

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

    @env.macro
    def budgets_table() -> str:
        """The per-page budgets that the browser tests enforce (eco-design statement)."""
        return render.table(caption="Budget de chaque page, vérifié par les tests", head=("Mesure", "Limite"), rows=budgets.budget_rows())

    @env.macro
    def handout_link() -> str:
        """The home page's link to the handout PDF (its size is added by tools/handout.py)."""
        return render.handout_download(handout.pdf_name(audience), size=None)

    @env.macro
    def key_figures() -> str:
        """Cards of the headline numbers."""
        return render.key_figures(figures)

    @env.macro
    def benefits() -> str:
        """What each company receives, with computed counts."""
        return render.benefit_list(views.benefit_items(data, figures))

    @env.macro
    def pillars() -> str:
        """The pillars of the collective action."""
        return render.benefit_list(data.offer.pillars)

    @env.macro
    def price_table() -> str:
        """Comparison table of every profile and funding case."""
        return render.price_table(views.price_table(data))

    @env.macro
    def price_cards() -> str:
        """One card per profile: the total and its years."""
        return render.price_cards(views.price_table(data))

    @env.macro
    def contract_breakdown() -> str:
        """Who invoices what, per contract."""
        return render.contract_breakdown(views.contract_views(data))

    @env.macro
    def sequences() -> str:
        """The four sequences with their rhythm."""
        return render.sequences(views.sequence_views(data))

    @env.macro
    def phases() -> str:
        """The two steps with computed days and months."""
        return render.phases(views.phase_views(data))

    @env.macro
    def registration() -> str:
        """Registration status against the build day."""
        return render.status(views.status_view(data, day=day))

    @env.macro
    def contact_block() -> str:
        """Contacts with mailto links."""
        people = [(p.name, p.email, p.role) for p in data.contacts.people]
        return render.contacts(people, (data.contacts.general.email, data.contacts.general.role))

    @env.macro
    def training_offer() -> str:
        """The training offer sheet (Qualiopi indicator 1)."""
        return render.definition_list(views.training_offer_rows(data, figures))

    @env.macro
    def modules_table() -> str:
        """Section 5, restricted: every module."""
        return render.modules(views.module_views(data, audience=audience))

    @env.macro
    def planning_table() -> str:
        """Section 6, restricted: the provisional planning."""
        return render.gantt(views.gantt(data, audience=audience))

    @env.macro
    def tax_basis() -> str:
        """Whether prices are HT, TTC, or not said by the brochure."""
        return views.tax_basis_sentence(data.pricing.tax_basis)

    @env.macro
    def calendar_link(name: str, label: str) -> str:
        """A button to a calendar file written at the site's root."""
        url = env.page.url if env.page is not None else ""
        return render.download_button("../" * url.count("/") + name, label, kind="text/calendar")

    env.filter(fmt.money, "money")
    env.filter(fmt.long_date, "long_date")
    env.variables["_data"] = data
    env.variables["_day"] = day
    # Structured data for the theme's <head> (partials/head-extra.html).
    site_url = env.conf.get("site_url") or ""
    env.conf["extra"]["jsonld"] = jsonld.script(jsonld.course(data, site_url=site_url, day=day))


def on_pre_page_macros(env: Any) -> None:
    """In the preview, a page shows the data errors instead of its content."""
    errors = env.variables.get("_data_errors")
    if errors:
        env.markdown = errors


def on_post_page_macros(env: Any) -> None:
    """Stop the public build when a page links to a restricted page."""
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
    if "_data" not in env.variables:  # preview of invalid data: nothing to write
        return
    data = env.variables["_data"]
    audience = _audience(env)
    site_dir = Path(env.conf["site_dir"])
    stamp = dt.datetime.combine(env.variables["_day"], dt.time(0, 0), tzinfo=dt.timezone.utc)
    (site_dir / "inscriptions.ics").write_bytes(ics.public_calendar(data, stamp=stamp))
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

    from .errors import preview_page

    env.variables["_data_errors"] = "{% raw %}\n" + preview_page(errors.report()) + "{% endraw %}\n"
    logging.getLogger("mkdocs.plugins.enter").info("%s", errors.report())

