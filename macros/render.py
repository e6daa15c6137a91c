"""HTML snippets for the pages: each repeated piece of markup has one builder."""
from __future__ import annotations

from html import escape

from .figures import Figures
from .planning_views import Gantt
from .price_views import ContractView, PriceGroup
from .programme_views import ModuleGroup, PhaseView, SequenceView
from .status_views import StatusView


def _e(text: str) -> str:
    return escape(text, quote=True)


def table(*, caption: str, head: tuple[str, ...], rows: list[tuple[str, ...]], row_header: bool = True, css: str = "") -> str:
    """An accessible table: caption, column headers, row headers (scope)."""
    klass = f' class="{css}"' if css else ""
    out = [f"<table{klass}>", f"<caption>{_e(caption)}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{_e(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and row_header:
                cells.append(f'<th scope="row">{_e(cell)}</th>')
            else:
                cells.append(f"<td>{_e(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def price_cards(groups: tuple[PriceGroup, ...]) -> str:
    """« Combien vais-je payer ? » : membership × OPCO funding, each total large with its year split."""
    parts = []
    for group in groups:
        cards = []
        for row, lines in group.cards:
            reference = f'<p class="pc-reference">au lieu de {_e(row.reference)}</p>' if row.reference else ""
            items = "".join(f"<li>{_e(line)}</li>" for line in lines)
            cards.append(
                f'<li><p class="pc-profile">{_e(row.funding)}</p>'
                f'<p class="pc-total">{_e(row.total)}</p>{reference}'
                f'<ul class="pc-years">{items}</ul></li>'
            )
        parts.append(f'<h3 class="pc-group">{_e(group.membership)}</h3><ul class="price-cards">{"".join(cards)}</ul>')
    return "".join(parts)


def price_block(fig: Figures) -> str:
    """The home page's prices: the two headline totals, their reference and their conditions."""
    return (
        '<div class="price-block">'
        f'<p><strong class="pb-total">{_e(fig.member_from)}</strong> '
        f"par entreprise adhérente ENTER sur {_e(fig.reference_years)} ans, au lieu de {_e(fig.member_reference)}</p>"
        f'<p><strong class="pb-total pb-total--second">{_e(fig.non_member_from)}</strong> '
        f"par entreprise non adhérente, au lieu de {_e(fig.non_member_reference)}</p>"
        f'<p class="pb-conditions">Conditions : {_e(fig.floor_conditions)}.</p>'
        "</div>"
    )


def status_badge(view: StatusView) -> str:
    """The offer's state as a badge (« Inscriptions ouvertes », « Session terminée »)."""
    klass = "badge badge--open" if view.open else "badge"
    return f'<p class="{klass}">{_e(view.title)}</p>'


def next_step(view: StatusView) -> str:
    """The one action the state calls for, as a button."""
    links = _action_links(view)
    return f'<p class="next-step">{" ".join(links)}</p>' if links else ""


def _action_links(view: StatusView) -> list[str]:
    """The state's actions as buttons (the primary one filled)."""
    return [
        f'<a class="{"md-button md-button--primary" if action.primary else "md-button"}" href="{_e(action.href)}">{_e(action.label)}</a>'
        for action in view.actions
    ]


def text(sentence: str) -> str:
    """A sentence of the core, escaped, for a page to place."""
    return _e(sentence)


def paragraph(sentence: str) -> str:
    """A sentence of the core as a paragraph; nothing when the sentence is empty."""
    return f"<p>{_e(sentence)}</p>" if sentence else ""


def contract_breakdown(contracts: tuple[ContractView, ...]) -> str:
    """One table per contract: who invoices what."""
    parts = []
    for c in contracts:
        parts.append(f'<h3 id="contrat-{_slug(c.label)}">{_e(c.label)} : {_e(c.scope)}</h3>')
        parts.append(f"<p>{_e(c.note)}</p>")
        parts.append(table(caption=f"Postes facturés dans le contrat « {c.label} »", head=("Poste", "Année", "Montant"), rows=list(c.lines)))
    return "\n".join(parts)


def _slug(text: str) -> str:
    keep = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in keep.split("-") if part)


def key_figures(fig: Figures) -> str:
    """The home page's cards of key figures."""
    cards = [
        (fig.training_days, f"de formation sur {fig.training_months}"),
        (fig.accompaniment_days, f"d'accompagnement par un expert sur {fig.action_months}"),
        (fig.total_months, "au maximum, de la formation à la labellisation"),
        (f"{fig.places} PME", "accompagnées dans la cohorte"),
    ]
    items = "".join(f'<li><strong class="kf-value">{_e(v)}</strong> <span>{_e(t)}</span></li>' for v, t in cards)
    return f'<ul class="key-figures">{items}</ul>'


def benefit_list(items: tuple[str, ...]) -> str:
    """A bulleted list of already formatted sentences."""
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def sequences(rows: tuple[SequenceView, ...]) -> str:
    """Public programme: the four sequences, objective and rhythm."""
    body = [(f"Séquence {r.number} – {r.title}", r.objective, r.rhythm, r.phase) for r in rows]
    return table(caption="Les séquences du parcours", head=("Séquence", "Objectif", "Rythme", "Étape"), rows=body)


def phases(rows: tuple[PhaseView, ...]) -> str:
    """The two steps of the journey as cards."""
    out = ['<div class="phases">']
    for index, p in enumerate(rows, start=1):
        out.append(
            f'<section class="phase" aria-labelledby="etape-{index}"><h3 id="etape-{index}">{_e(p.title)}</h3>'
            f"<p><strong>{_e(p.summary)}</strong></p><p>{_e(p.format)}</p>"
            f"<p><em>{_e(p.outcome)}</em></p></section>"
        )
    out.append("</div>")
    return "".join(out)


def status(view: StatusView, *, calendar: str | None, participate: str | None, actions: bool = True) -> str:
    """The state of the session: title, what is open or past, the one action it calls for (unless `actions` is off)."""
    klass = "status status--open" if view.open else "status status--closed"
    # The countdown is true on the day of the build only: not printed (the handout is kept).
    items = "".join(
        f"<li>{_e(fact)}" + (f'<span class="countdown">, {_e(left)}</span>' if left else "") + "</li>"
        for fact, left in view.lines
    )
    listing = f"<ul>{items}</ul>" if items else ""
    links = _action_links(view) if actions else []
    if participate:
        links.append(f'<a class="md-button" href="{_e(participate)}">Comment participer</a>')
    if calendar:
        links.append(download_button(calendar, "Ajouter ces dates à mon agenda", kind="text/calendar"))
    actions = f'<p class="status-actions">{" ".join(links)}</p>' if links else ""
    return f'<div class="{klass}"><p><strong>{_e(view.headline)}</strong></p>{listing}{actions}</div>'


def modules(groups: tuple[ModuleGroup, ...]) -> str:
    """Section 5: the modules, one simple table per sequence.

    The sequence is said once, by its table's caption (its title, then its
    objective, step and rhythm), not on every row. Two columns: the module
    (row header, its detail under its title) and how and when it runs, on
    two lines; they fit 1280 px and stack on a phone (no scroll). One table
    per sequence, headers in the first column only, keeps every table simple
    (RGAA 5.1 and 5.7) and the page light (no header row repeated per table).
    """
    out = []
    for group in groups:
        out.append(f'<table class="modules"><caption>{_e(group.title)}<small>{_e(" · ".join(group.facts))}</small></caption><tbody>')
        for m in group.modules:
            detail = f"<small>{_e(m.detail)}</small>" if m.detail else ""
            out.append(f'<tr><th scope="row">{_e(m.code)} – {_e(m.title)}{detail}</th><td>{_e(m.conduct)}<br>{_e(m.when)}</td></tr>')
        out.append("</tbody></table>")
    return "\n".join(out)


def _bar(start: int, span: int) -> str:
    """The style attribute placing a bar: computed integers only (first column, months)."""
    return f' style="--start:{int(start)};--span:{int(span)}"'


def gantt(model: Gantt) -> str:
    """Section 6: the planning as a Gantt chart, one simple table per sequence.

    The title and the legend come first, then the month scale (drawn once,
    hidden from assistive technologies and on a phone, where the words of
    each period replace it). Each sequence is a table whose caption is its
    band (title, period, a bar); each row is an activity (row header) and one
    cell that says its period and format in words and draws its bar (CSS,
    from --start and --span). Headers in the first column only: simple
    tables (RGAA 5.1 and 5.7), and no header row repeated per table.
    """
    legend = "".join(f'<li class="f-{_e(key)}">{_e(label)}</li>' for key, label in model.legend)
    scale = "".join(f"<span>{_e(month)}<br>{_e(year)}</span>" if year else f"<span>{_e(month)}</span>" for month, year in model.scale)
    out = [
        f'<div class="gantt" style="--months:{len(model.scale)}">',
        f'<p class="gantt-title">{_e(model.caption)}</p>',
        f'<ul class="legend" aria-label="Légende">{legend}</ul>',
        f'<div class="scale" aria-hidden="true">{scale}</div>',
    ]
    for band in model.bands:
        out.append(
            f'<table><caption><span class="band"><span class="band-title">{_e(band.title)}</span> '
            f'<span class="band-period"{_bar(band.start, band.span)}>{_e(band.period)}</span></span></caption><tbody>'
        )
        for row in band.rows:
            detail = f"<small>{_e(row.detail)}</small>" if row.detail else ""
            out.append(f'<tr><th scope="row">{_e(row.title)}{detail}</th><td class="f-{_e(row.format)}"{_bar(row.start, row.span)}>{_e(row.period)}</td></tr>')
        out.append("</tbody></table>")
    out.append("</div>")
    return "\n".join(out)


def contacts(people: list[tuple[str, str, str]], general: tuple[str, str]) -> str:
    """The contacts block with mailto links."""
    items = "".join(f'<li><strong>{_e(name)}</strong> : <a href="mailto:{_e(mail)}">{_e(mail)}</a></li>' for name, mail, _role in people)
    role = people[0][2] if people else ""
    return (
        f'<div class="contacts"><p>{_e(role)} :</p><ul>{items}</ul>'
        f'<p>{_e(general[1])} : <a href="mailto:{_e(general[0])}">{_e(general[0])}</a></p></div>'
    )


def definition_list(rows: list[tuple[str, str]]) -> str:
    """Terms and definitions (the training offer sheet)."""
    return "<dl>" + "".join(f"<dt>{_e(term)}</dt><dd>{_e(text)}</dd>" for term, text in rows) + "</dl>"


def download_button(href: str, label: str, *, kind: str) -> str:
    """A download link styled as a button, with its file type spelt out."""
    ext = href.rsplit(".", 1)[-1].upper()
    return f'<a class="md-button" href="{_e(href)}" type="{_e(kind)}" download>{_e(label)} <span class="file-type">(fichier {ext})</span></a>'


def handout_download(href: str, *, size: str | None) -> str:
    """The home page's link to the handout PDF.

    Built before the PDF exists (`size=None`: hidden, so that a site built
    without PDF shows no dead link), then built again with the size by
    `tools/handout.py`, which swaps one for the other.
    """
    if size is None:
        return f'<p class="handout-download" hidden><a class="md-button" href="{_e(href)}" type="application/pdf" download>Télécharger la plaquette (PDF)</a></p>'
    return f'<p class="handout-download"><a class="md-button" href="{_e(href)}" type="application/pdf" download>Télécharger la plaquette (PDF, {_e(size)})</a></p>'


# ------------------------------------------------ accessibility statement (RGAA)
from . import formatting as _fmt  # noqa: E402
from . import rgaa as _rgaa  # noqa: E402

_VARIANTS = {"public": "site public", "restricted": "variante en diffusion restreinte"}


def _rate(rate: object) -> str:
    """`97,7 %`, or « sans objet » when no criterion applies."""
    if rate is None:
        return "sans objet"
    return f"{_fmt.number(_rgaa.rounded(rate))}\u00a0%"  # type: ignore[arg-type]


def rgaa_summary(audit: _rgaa.Audit, result: _rgaa.Conformity) -> str:
    """The status and the rates, computed from the audit."""
    applicable = result.conforming + result.non_conforming
    return (
        f"<p>Ce site est <strong>{_e(result.status)}</strong> avec le référentiel général d'amélioration "
        f"de l'accessibilité ({_e(audit.audit.reference)}) : <strong>{_rate(result.rate)}</strong> des critères "
        f"applicables sont respectés ({_fmt.number(result.conforming)} critères conformes sur {_fmt.number(applicable)} applicables ; "
        f"{_fmt.number(result.not_applicable)} critères sur {_fmt.number(len(_rgaa.CRITERIA))} ne s'appliquent à aucune page de l'échantillon).</p>"
        f"<p>Taux moyen de conformité par page : {_rate(result.average)}. Audit du {_e(_fmt.long_date(audit.audit.date))}, "
        f"{_e(audit.audit.auditor)}.</p>"
    )


def _criteria(count: int, adjective: str) -> str:
    """`1 conforme`, `9 non applicables`, `0 non conforme` (French: plural from 2)."""
    return f"{_fmt.number(count)} {adjective}{'s' if count > 1 else ''}"


def rgaa_themes(result: _rgaa.Conformity) -> str:
    """The overall results theme by theme, as a short list (a table would be wider than a phone)."""
    items = "".join(
        f"<li>{_e(f'{t.number}. {t.name}')} : {_criteria(t.conforming, 'conforme')}, "
        f"{_criteria(t.non_conforming, 'non conforme')}, {_criteria(t.not_applicable, 'non applicable')}</li>"
        for t in _rgaa.theme_counts(result)
    )
    return f'<ul class="rgaa-themes">{items}</ul>'


def rgaa_failures(audit: _rgaa.Audit) -> str:
    """Each non-conformity: criterion, pages, what is wrong, the fix and its plan."""
    found = _rgaa.failures(audit)
    if not found:
        return "<p>L'audit n'a relevé aucune non-conformité.</p>"
    items = []
    for failure in found:
        c, nc = failure.criterion, failure.criterion.non_conformity
        pages = ", ".join(f"{p.title}" for p in failure.pages)
        items.append(
            f"<li><p><strong>Critère {_e(c.id)}</strong> ({_e(c.title)}) : {_e(nc.summary if nc else '')}</p>"
            f"<p>Pages concernées : {_e(pages)}.</p>"
            f"<p>Correction : {_e(nc.fix if nc else '')}</p><p>Plan : {_e(nc.plan if nc else '')}</p></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def rgaa_fixed(audit: _rgaa.Audit) -> str:
    """The non-conformities found by the audit and already fixed."""
    if not audit.fixed:
        return ""
    return "<ul>" + "".join(f"<li><strong>Critère {_e(f.criterion)}</strong> : {_e(f.summary)} Corrigé : {_e(f.fix)}</li>" for f in audit.fixed) + "</ul>"


def rgaa_sample(audit: _rgaa.Audit, *, audience: str) -> str:
    """The audited pages and documents; the public variant only counts the restricted ones."""
    out = []
    for variant, label in _VARIANTS.items():
        pages = [p for p in audit.sample if p.variant == variant]
        docs = [d for d in audit.documents if d.variant == variant]
        if not pages:
            continue
        intro = f"Pages du {label}" if variant == "public" else f"Pages de la {label}"
        if variant == "restricted" and audience == "public":
            out.append(f"<p>{_e(intro)} : {_fmt.number(len(pages))} pages et {_fmt.number(len(docs))} plaquette PDF, "
                       "auditées de la même manière (leur liste est dans la déclaration de cette variante).</p>")
            continue
        listed = [f"{p.title} (/{p.path})" for p in pages] + [f"plaquette PDF : {d.file}" for d in docs]
        out.append(_sentence(intro, listed))
    return "\n".join(out)


def rgaa_documents(audit: _rgaa.Audit, *, audience: str) -> str:
    """What the inspection of each PDF of the audience's variant found; PDF/UA claimed only when checked."""
    items = []
    for d in audit.documents:
        if audience == "public" and d.variant != "public":
            continue
        facts = [
            "structure balisée" if d.tagged else "sans structure balisée",
            f"langue « {d.language} »" if d.language else "sans langue déclarée",
            "titre déclaré et affiché" if d.title and d.display_title else ("titre déclaré" if d.title else "sans titre"),
            f"{_fmt.number(d.bookmarks)} signets",
            "déclaré PDF/UA" if d.pdf_ua else "non déclaré PDF/UA",
        ]
        issues = "".join(f"<li>{_e(issue)}</li>" for issue in d.issues)
        items.append(f"<li><p><strong>{_e(d.file)}</strong> : {_e(', '.join(facts))}.</p><p>{_e(d.evidence)}</p>" + (f"<ul>{issues}</ul>" if issues else "") + "</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _sentence(intro: str, texts: tuple[str, ...] | list[str]) -> str:
    """`<p>Intro : a ; b ; c.</p>`: a list of short facts as one paragraph (a light page, EcoIndex)."""
    return f"<p>{_e(intro)} : {_e(' ; '.join(texts))}.</p>"


def rgaa_environment(audit: _rgaa.Audit) -> str:
    """Technologies, tools, test environments, and the combinations not tested."""
    info = audit.audit
    return "".join((
        _sentence("Technologies utilisées", info.technologies),
        _sentence("Outils d'évaluation", info.tools),
        _sentence("Environnement des tests", info.environments),
        _sentence("Non testés (aucun lecteur d'écran n'est disponible sur la machine de l'audit)", info.not_tested),
    ))


def rgaa_methods(audit: _rgaa.Audit) -> str:
    """The methods the audit used, with their French labels."""
    used = sorted({m for c in audit.criteria for m in c.method} | {m for c in audit.criteria for p in c.pages.values() for m in p.method},
                  key=list(_rgaa.METHODS).index)
    return _sentence("L'audit a combiné ces méthodes", [_rgaa.METHODS[m] for m in used])
