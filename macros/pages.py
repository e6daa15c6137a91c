"""What a page may use: its variables and its macros, for one audience.

The one table from the names written in docs/*.md (`{{ price_cards() }}`,
`{{ fig.member_from }}`) to the core's builders. The MkDocs adapter
(macros/mkdocs_adapter.py) registers it; `make check` (tools/pagecheck.py) renders
every page with it, without MkDocs. No MkDocs or Jinja import here.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import budgets, conformity, planning_views, price_views, programme_views, render, render_statement, rgaa, status_views
from . import figures as figure_views
from . import formatting as fmt
from .model import Data
from .variants import variant


@dataclass(frozen=True)
class PageNames:
    """The variables and macros (name -> function returning HTML) of every page."""

    variables: dict[str, Any]
    macros: dict[str, Callable[..., str]]
    filters: dict[str, Callable[..., str]]


def page_names(data: Data, *, audience: str, day: dt.date, here: Callable[[], str]) -> PageNames:
    """Everything a page of `audience` may print, computed from `data` on `day`.

    `here()` gives `../` as many times as the page being rendered is deep
    (links to files at the site's root). Restricted builders refuse the
    public audience: a public page calling them stops the build.
    """
    figures = figure_views.key_figures(data, day=day)
    status = status_views.status_view(data, day=day)
    variables = {
        "audience": audience,
        "restricted": audience == "restricted",
        "offer": data.offer,
        "contacts": data.contacts,
        "fig": figures,
        "build_day": fmt.long_date(day),
    }
    macros: dict[str, Callable[..., str]] = {
        "budgets_table": lambda: render.table(caption="Budget de chaque page, vérifié par les tests", head=("Mesure", "Limite"), rows=budgets.budget_rows()),
        "handout_link": lambda: render.handout_download(variant(audience).pdf, size=None),
        "key_figures": lambda: render.key_figures(figures),
        "benefits": lambda: render.benefit_list(figure_views.benefit_items(data, figures)),
        "pillars": lambda: render.benefit_list(data.offer.pillars),
        "price_cards": lambda: render.price_cards(price_views.price_groups(price_views.price_table(data))),
        "price_block": lambda: render.price_block(figures),
        "status_badge": lambda: render.status_badge(status),
        "next_step": lambda: render.next_step(status),
        "contract_breakdown": lambda: render.contract_breakdown(price_views.contract_views(data)),
        "phases": lambda: render.phases(programme_views.phase_views(data)),
        # `participate`: a link to the « Participer » page (not on that page itself).
        "registration": lambda actions=True, participate=False: render.status(
            status,
            calendar=here() + "inscriptions.ics" if status.upcoming else None,
            participate=here() + "participer/" if participate and status.open else None,
            actions=actions,
        ),
        "contact_block": lambda: render.contacts(
            [(p.name, p.email, p.role) for p in data.contacts.people], (data.contacts.general.email, data.contacts.general.role)
        ),
        "training_offer": lambda: render.definition_list(figure_views.training_offer_rows(data, figures)),
        "tax_basis": lambda: render.paragraph(figure_views.tax_basis_sentence(data.pricing.tax_basis)),
        # Sections 5 and 6: restricted (the public variant has no such data).
        "operation_aim": lambda: render.text(programme_views.operation_aim(data, audience=audience)),
        "sequences": lambda: render.sequences(programme_views.sequence_views(data, audience=audience)),
        "modules_table": lambda: render.modules(programme_views.module_views(data, audience=audience)),
        "planning_table": lambda: render.gantt(planning_views.gantt(data, audience=audience)),
        "calendar_link": lambda name, label: render.download_button(here() + name, label, kind="text/calendar"),
        # The accessibility statement, computed from the RGAA audit (data/rgaa.yml).
        "rgaa_summary": lambda: render_statement.rgaa_summary(rgaa.load_audit(), conformity.conformity(rgaa.load_audit())),
        "rgaa_themes": lambda: render_statement.rgaa_themes(conformity.conformity(rgaa.load_audit())),
        "rgaa_failures": lambda: render_statement.rgaa_failures(rgaa.load_audit()),
        "rgaa_fixed": lambda: render_statement.rgaa_fixed(rgaa.load_audit()),
        "rgaa_sample": lambda: render_statement.rgaa_sample(rgaa.load_audit(), audience=audience),
        "rgaa_documents": lambda: render_statement.rgaa_documents(rgaa.load_audit(), audience=audience),
        "rgaa_environment": lambda: render_statement.rgaa_environment(rgaa.load_audit()),
        "rgaa_methods": lambda: render_statement.rgaa_methods(rgaa.load_audit()),
    }
    for name, builder in macros.items():
        builder.__name__ = builder.__qualname__ = name  # error messages name the macro
    return PageNames(variables, macros, {"money": fmt.money, "long_date": fmt.long_date})
