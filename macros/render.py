"""HTML snippets for the pages: each repeated piece of markup has one builder."""
from __future__ import annotations

from html import escape

from .views import ContractView, Figures, Gantt, ModuleView, PhaseView, PriceTable, SequenceView, StatusView


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


def price_table(model: PriceTable) -> str:
    """The comparison of every profile and funding case, year by year."""
    head = ("Profil", "Total", "Au lieu de", "Économie", "Année 1", "Année 2", "Année 3", *model.one_off_labels)
    body = [(r.profile, r.total, r.reference or "—", r.saving or "—", *r.years, *(cost or "—" for cost in r.one_off)) for r in model.rows]
    return (
        '<div class="table-scroll" role="region" aria-label="Tableau des tarifs" tabindex="0">'
        + table(caption=model.caption, head=head, rows=body, css="price-table")
        + "</div>"
    )


def price_cards(model: PriceTable) -> str:
    """« Combien vais-je payer ? » : one card per profile, readable on a phone."""
    cards = []
    for r in model.rows:
        pieces = [f"année {i} : {amount}" for i, amount in enumerate(r.years, start=1)]
        pieces += [f"{label.lower()} : {cost}" for label, cost in zip(model.one_off_labels, r.one_off) if cost]
        reference = f'<span>au lieu de {_e(r.reference)}</span> ' if r.reference else ""
        cards.append(
            f'<li><span class="pc-profile">{_e(r.profile)}</span> '
            f'<strong class="pc-total">{_e(r.total)}</strong> '
            f"{reference}"
            f'<span class="pc-years">{_e(" ; ".join(pieces))}</span></li>'
        )
    return '<ul class="price-cards">' + "".join(cards) + "</ul>"


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
        (fig.member_from, f"par entreprise adhérente ENTER sur {fig.reference_years} ans ({fig.floor_conditions}), au lieu de {fig.member_reference}"),
        (fig.non_member_from, f"par entreprise non adhérente, aux mêmes conditions, au lieu de {fig.non_member_reference}"),
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


def status(view: StatusView, *, calendar: str | None, participate: str | None) -> str:
    """The state of the session: title, what is open or past, the one action it calls for."""
    klass = "status status--open" if view.open else "status status--closed"
    # The countdown is true on the day of the build only: not printed (the handout is kept).
    items = "".join(
        f"<li>{_e(fact)}" + (f'<span class="countdown">, {_e(left)}</span>' if left else "") + "</li>"
        for fact, left in view.lines
    )
    listing = f"<ul>{items}</ul>" if items else ""
    links = []
    for action in view.actions:
        css = "md-button md-button--primary" if action.primary else "md-button"
        links.append(f'<a class="{css}" href="{_e(action.href)}">{_e(action.label)}</a>')
    if participate:
        links.append(f'<a class="md-button" href="{_e(participate)}">Comment participer</a>')
    if calendar:
        links.append(download_button(calendar, "Ajouter ces dates à mon agenda", kind="text/calendar"))
    actions = f'<p class="status-actions">{" ".join(links)}</p>' if links else ""
    return f'<div class="{klass}"><p><strong>{_e(view.headline)}</strong></p>{listing}{actions}</div>'


def modules(rows: tuple[ModuleView, ...]) -> str:
    """Section 5: the detail of every module."""
    body = [
        (f"{r.code} – {r.title}", r.detail or "—", r.sequence, r.kind, r.duration, r.mode, r.format, r.when)
        for r in rows
    ]
    return '<div class="table-scroll" role="region" aria-label="Détail des modules" tabindex="0">' + table(
        caption="Détail des modules de l'opération collective",
        head=("Module", "Précisions", "Séquence", "Type", "Durée", "Modalité", "Format", "Calendrier"),
        rows=body,
    ) + "</div>"


def _idle_cell(months: int) -> str:
    """An empty planning cell spanning `months` inactive months."""
    return "<td></td>" if months == 1 else f'<td colspan="{months}"></td>'


def gantt(model: Gantt) -> str:
    """Section 6: the planning as an accessible table (a Gantt chart)."""
    marks = {"groupe": "G", "individuel": "I", "preparation": "P"}
    head = "".join(f'<th scope="col"><abbr title="{_e(long)}">{_e(short)}</abbr></th>' for short, long in zip(model.months, model.months_long))
    out = [
        f'<p class="planning-note" aria-hidden="true"><strong>{_e(model.caption)}</strong></p>',
        '<div class="table-scroll" role="region" aria-label="Planning prévisionnel" tabindex="0">',
        '<table class="gantt">',
        f'<caption class="sr-only">{_e(model.caption)}</caption>',
        f'<thead><tr><th scope="col">Activité</th><th scope="col">Période</th>{head}</tr></thead><tbody>',
    ]
    for row in model.rows:
        cells = []
        idle = 0  # consecutive inactive months, merged into one cell (fewer DOM elements)
        for active, month in zip(row.cells, model.months_long):
            if not active:
                idle += 1
                continue
            if idle:
                cells.append(_idle_cell(idle))
                idle = 0
            cells.append(f'<td class="on on--{row.format}"><span class="mark" aria-hidden="true">{marks[row.format]}</span><span class="sr-only">{_e(row.format_label)}, {_e(month)}</span></td>')
        if idle:
            cells.append(_idle_cell(idle))
        detail = f'<br><span class="detail">{_e(row.detail)}</span>' if row.detail else ""
        out.append(f'<tr><th scope="row">{_e(row.title)}{detail}</th><td>{_e(row.period)}</td>{"".join(cells)}</tr>')
    out.append("</tbody></table></div>")
    legend = "".join(f'<li><span class="swatch on--{key}" aria-hidden="true">{marks[key]}</span> {_e(label)}</li>' for key, label in model.legend)
    out.append(f'<ul class="legend" aria-label="Légende">{legend}</ul>')
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
