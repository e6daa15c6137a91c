"""HTML snippets for the pages: each repeated piece of markup has one builder."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .figures import Figures
from .planning_views import Gantt
from .price_views import ContractView, PriceGroup
from .programme_views import ModuleGroup, PhaseView, SequenceView
from .status_views import StatusView


def esc(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def table(*, caption: str, head: tuple[str, ...], rows: Sequence[tuple[str, ...]], row_header: bool = True, css: str = "") -> str:
    """An accessible table: caption, column headers, row headers (scope)."""
    klass = f' class="{css}"' if css else ""
    out = [f"<table{klass}>", f"<caption>{esc(caption)}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{esc(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and row_header:
                cells.append(f'<th scope="row">{esc(cell)}</th>')
            else:
                cells.append(f"<td>{esc(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def price_cards(groups: tuple[PriceGroup, ...]) -> str:
    """« Combien vais-je payer ? » : membership × OPCO funding, each total large with its year split."""
    parts = []
    for group in groups:
        cards = []
        for row, lines in group.cards:
            reference = f'<p class="pc-reference">au lieu de {esc(row.reference)}</p>' if row.reference else ""
            items = "".join(f"<li>{esc(line)}</li>" for line in lines)
            cards.append(
                f'<li><p class="pc-profile">{esc(row.funding)}</p>'
                f'<p class="pc-total">{esc(row.total)}</p>{reference}'
                f'<ul class="pc-years">{items}</ul></li>'
            )
        parts.append(f'<h3 class="pc-group">{esc(group.membership)}</h3><ul class="price-cards">{"".join(cards)}</ul>')
    return "".join(parts)


def price_block(fig: Figures) -> str:
    """The home page's prices: the two headline totals, their reference and their conditions."""
    return (
        '<div class="price-block">'
        f'<p><strong class="pb-total">{esc(fig.member_from)}</strong> '
        f"par entreprise adhérente ENTER sur {esc(fig.reference_years)} ans, au lieu de {esc(fig.member_reference)}</p>"
        f'<p><strong class="pb-total pb-total--second">{esc(fig.non_member_from)}</strong> '
        f"par entreprise non adhérente, au lieu de {esc(fig.non_member_reference)}</p>"
        f'<p class="pb-conditions">Conditions : {esc(fig.floor_conditions)}.</p>'
        "</div>"
    )


def status_badge(view: StatusView) -> str:
    """The offer's state as a badge (« Inscriptions ouvertes », « Session terminée »)."""
    klass = "badge badge--open" if view.open else "badge"
    return f'<p class="{klass}">{esc(view.title)}</p>'


def next_step(view: StatusView) -> str:
    """The one action the state calls for, as a button."""
    links = _action_links(view)
    return f'<p class="next-step">{" ".join(links)}</p>' if links else ""


def _action_links(view: StatusView) -> list[str]:
    """The state's actions as buttons (the primary one filled)."""
    return [
        f'<a class="{"md-button md-button--primary" if action.primary else "md-button"}" href="{esc(action.href)}">{esc(action.label)}</a>'
        for action in view.actions
    ]


def text(sentence: str) -> str:
    """A sentence of the core, escaped, for a page to place."""
    return esc(sentence)


def paragraph(sentence: str) -> str:
    """A sentence of the core as a paragraph; nothing when the sentence is empty."""
    return f"<p>{esc(sentence)}</p>" if sentence else ""


def contract_breakdown(contracts: tuple[ContractView, ...]) -> str:
    """One table per contract: who invoices what."""
    parts = []
    for c in contracts:
        parts.append(f'<h3 id="contrat-{_slug(c.label)}">{esc(c.label)} : {esc(c.scope)}</h3>')
        parts.append(f"<p>{esc(c.note)}</p>")
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
    items = "".join(f'<li><strong class="kf-value">{esc(v)}</strong> <span>{esc(t)}</span></li>' for v, t in cards)
    return f'<ul class="key-figures">{items}</ul>'


def benefit_list(items: tuple[str, ...]) -> str:
    """A bulleted list of already formatted sentences."""
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def sequences(rows: tuple[SequenceView, ...]) -> str:
    """Public programme: the four sequences, objective and rhythm."""
    body = [(f"Séquence {r.number} – {r.title}", r.objective, r.rhythm, r.phase) for r in rows]
    return table(caption="Les séquences du parcours", head=("Séquence", "Objectif", "Rythme", "Étape"), rows=body)


def phases(rows: tuple[PhaseView, ...]) -> str:
    """The two steps of the journey as cards."""
    out = ['<div class="phases">']
    for index, p in enumerate(rows, start=1):
        out.append(
            f'<section class="phase" aria-labelledby="etape-{index}"><h3 id="etape-{index}">{esc(p.title)}</h3>'
            f"<p><strong>{esc(p.summary)}</strong></p><p>{esc(p.format)}</p>"
            f"<p><em>{esc(p.outcome)}</em></p></section>"
        )
    out.append("</div>")
    return "".join(out)


def status(view: StatusView, *, calendar: str | None, participate: str | None, actions: bool = True) -> str:
    """The state of the session: title, what is open or past, the one action it calls for (unless `actions` is off)."""
    klass = "status status--open" if view.open else "status status--closed"
    # The countdown is true on the day of the build only: not printed (the handout is kept).
    items = "".join(
        f"<li>{esc(fact)}" + (f'<span class="countdown">, {esc(left)}</span>' if left else "") + "</li>"
        for fact, left in view.lines
    )
    listing = f"<ul>{items}</ul>" if items else ""
    links = _action_links(view) if actions else []
    if participate:
        links.append(f'<a class="md-button" href="{esc(participate)}">Comment participer</a>')
    if calendar:
        links.append(download_button(calendar, "Ajouter ces dates à mon agenda", kind="text/calendar"))
    buttons = f'<p class="status-actions">{" ".join(links)}</p>' if links else ""
    return f'<div class="{klass}"><p><strong>{esc(view.headline)}</strong></p>{listing}{buttons}</div>'


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
        out.append(f'<table class="modules"><caption>{esc(group.title)}<small>{esc(" · ".join(group.facts))}</small></caption><tbody>')
        for m in group.modules:
            detail = f"<small>{esc(m.detail)}</small>" if m.detail else ""
            out.append(f'<tr><th scope="row">{esc(m.code)} – {esc(m.title)}{detail}</th><td>{esc(m.conduct)}<br>{esc(m.when)}</td></tr>')
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
    legend = "".join(f'<li class="f-{esc(key)}">{esc(label)}</li>' for key, label in model.legend)
    scale = "".join(f"<span>{esc(month)}<br>{esc(year)}</span>" if year else f"<span>{esc(month)}</span>" for month, year in model.scale)
    out = [
        f'<div class="gantt" style="--months:{len(model.scale)}">',
        f'<p class="gantt-title">{esc(model.caption)}</p>',
        f'<ul class="legend" aria-label="Légende">{legend}</ul>',
        f'<div class="scale" aria-hidden="true">{scale}</div>',
    ]
    for band in model.bands:
        out.append(
            f'<table><caption><span class="band"><span class="band-title">{esc(band.title)}</span> '
            f'<span class="band-period"{_bar(band.start, band.span)}>{esc(band.period)}</span></span></caption><tbody>'
        )
        for row in band.rows:
            detail = f"<small>{esc(row.detail)}</small>" if row.detail else ""
            out.append(
                f'<tr><th scope="row">{esc(row.title)}{detail}</th>'
                f'<td class="f-{esc(row.format)}"{_bar(row.start, row.span)}>{esc(row.period)}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</div>")
    return "\n".join(out)


def contacts(people: list[tuple[str, str, str]], general: tuple[str, str]) -> str:
    """The contacts block with mailto links."""
    items = "".join(f'<li><strong>{esc(name)}</strong> : <a href="mailto:{esc(mail)}">{esc(mail)}</a></li>' for name, mail, _role in people)
    role = people[0][2] if people else ""
    return (
        f'<div class="contacts"><p>{esc(role)} :</p><ul>{items}</ul>'
        f'<p>{esc(general[1])} : <a href="mailto:{esc(general[0])}">{esc(general[0])}</a></p></div>'
    )


def definition_list(rows: list[tuple[str, str]]) -> str:
    """Terms and definitions (the training offer sheet)."""
    return "<dl>" + "".join(f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>" for term, text in rows) + "</dl>"


def download_button(href: str, label: str, *, kind: str) -> str:
    """A download link styled as a button, with its file type spelt out."""
    ext = href.rsplit(".", 1)[-1].upper()
    return f'<a class="md-button" href="{esc(href)}" type="{esc(kind)}" download>{esc(label)} <span class="file-type">(fichier {ext})</span></a>'


def handout_download(href: str, *, size: str | None) -> str:
    """The home page's link to the handout PDF.

    Built before the PDF exists (`size=None`: hidden, so that a site built
    without PDF shows no dead link), then built again with the size by
    `tools/handout.py`, which swaps one for the other.
    """
    if size is None:
        return (
            f'<p class="handout-download" hidden><a class="md-button" href="{esc(href)}" type="application/pdf" download>'
            "Télécharger la plaquette (PDF)</a></p>"
        )
    return (
        f'<p class="handout-download"><a class="md-button" href="{esc(href)}" type="application/pdf" download>'
        f"Télécharger la plaquette (PDF, {esc(size)})</a></p>"
    )
