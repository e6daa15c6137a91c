"""Rows and figures for the pages, computed from the data for one audience.

Everything a page shows is prepared here as text (through formatting.py),
so that templates and pages only place it.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal

from . import formatting as fmt
from . import sources
from . import pricing as pr
from . import timeline as tl
from .model import Data

AUDIENCES = sources.AUDIENCES


class RestrictedContent(Exception):
    """Restricted content was asked for in the public variant."""


def require_restricted(audience: str, what: str) -> None:
    """Stop the build when a public page asks for restricted content."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience inconnue « {audience} » (attendu : public ou restricted)")
    if audience != "restricted":
        raise RestrictedContent(
            f"« {what} » est en diffusion restreinte : cette page ne peut pas l'afficher dans le site public"
        )


def today(*, environ: dict[str, str] | None = None) -> dt.date:
    """The build day: SOURCE_DATE_EPOCH when set, else the clock (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()


def _label(items, key: str) -> str:
    """The label of the record with this id."""
    return next(item.label for item in items if item.id == key)


@dataclass(frozen=True)
class Figures:
    """Key figures, already formatted in French."""

    values: dict[str, str]

    def __getattr__(self, name: str) -> str:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(f"chiffre clé inconnu « {name} »") from None

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)


def base_tier(data: Data) -> str:
    """The revenue tier the brochure's figures are given for."""
    return data.pricing.reference.revenue_tier


def key_figures(data: Data, *, day: dt.date) -> Figures:
    """Every headline number of the site, formatted."""
    p, prog, cohort = data.pricing, data.programme, data.planning.cohort
    tier = base_tier(data)
    member, non_member = p.reference.membership, _other_membership(data)
    best_m = pr.quote(p, membership=member, revenue_tier=tier, funding="finance")
    best_n = pr.quote(p, membership=non_member, revenue_tier=tier, funding="finance")
    worst_m = pr.quote(p, membership=member, revenue_tier=tier, funding="non_finance")
    y1 = pr.year_range(p, membership=member, revenue_tier=tier, year=1)
    y2 = pr.year_range(p, membership=member, revenue_tier=tier, year=2)
    y3 = pr.year_range(p, membership=member, revenue_tier=tier, year=3)
    training = pr.contract_range(p, contract="organisme_formation", membership=member, revenue_tier=tier, year=1)
    enter_y1 = pr.contract_range(p, contract="enter", membership=member, revenue_tier=tier, year=1)
    fees = best_n.total - best_m.total
    t_first, t_last = tl.phase_months(prog, "comprendre")
    a_first, a_last = tl.phase_months(prog, "agir")
    status = tl.registration_status(cohort, prog, today=day)
    values = {
        "member_from": _floor(best_m.total, minimum=best_m.minimum),
        "member_reference": fmt.money(best_m.reference),
        "member_saving": _up_to(best_m.saving, minimum=best_m.minimum),
        "member_saving_percent": fmt.percent(pr.percent(best_m.saving_ratio)),
        "member_max": _floor(worst_m.total, minimum=worst_m.minimum),
        "non_member_from": _floor(best_n.total, minimum=best_n.minimum),
        "non_member_reference": fmt.money(best_n.reference),
        "non_member_saving": _up_to(best_n.saving, minimum=best_n.minimum),
        "non_member_saving_percent": fmt.percent(pr.percent(best_n.saving_ratio)),
        "year1_range": fmt.money_range(*y1),
        "year1_from": fmt.money(y1[0]),
        "year2_from": _floor(y2[0], minimum=_year_is_floor(p, year=2)),
        "year3_from": _floor(y3[0], minimum=_year_is_floor(p, year=3)),
        "training_range": fmt.money_range(*training),
        "training_price": fmt.money(training[1]),
        "enter_year1": _floor(enter_y1[0], minimum=_year_is_floor(p, year=1, contract="enter")),
        "file_fees": fmt.money(fees),
        "yearly_fee": _floor(pr.find_item(p, "redevance_lucie").amount, minimum=pr.find_item(p, "redevance_lucie").minimum),
        "reference_years": fmt.number(p.reference.years),
        "training_days": fmt.days(tl.training_days(prog)),
        "accompaniment_days": fmt.days(tl.accompaniment_days(prog)),
        "total_months": fmt.months(tl.total_months(prog)),
        "training_months": fmt.months(t_last - t_first + 1),
        "action_months": fmt.months(a_last - a_first + 1),
        "places": fmt.number(cohort.places),
        "people_per_company": fmt.number(data.offer.audience.people_per_company),
        "intentions_deadline": fmt.long_date(cohort.intentions_deadline),
        "commitment_deadline": fmt.long_date(cohort.commitment_deadline),
        "kickoff_from": fmt.long_date(cohort.kickoff_from),
        "first_month": fmt.month_label(cohort.first_month, abbreviated=False),
        "updated_on": fmt.long_date(data.offer.updated_on),
        "known_tier": _label(p.revenue_tiers, tier),
        "floor_conditions": f"{_label(p.revenue_tiers, tier)}, {pr.funding_label(p, 'finance')}",
        "fee_years": _years_label(pr.find_item(p, "redevance_lucie").years),
        "phases": fmt.number(len(prog.phases)),
        "status": state_title(status),
        "ends_on": fmt.month_label(status.ends_on, abbreviated=False),
        "title": (
            f"Accompagner {fmt.number(cohort.places)} PME à la labellisation "
            f"{data.offer.label_short} ({data.offer.label_body_short} & {data.offer.label_issuer})"
        ),
    }
    return Figures(values)


def _years_label(years: tuple[int, ...]) -> str:
    """`année 1`, `années 2 et 3`."""
    if len(years) == 1:
        return f"année {years[0]}"
    return "années " + ", ".join(str(y) for y in years[:-1]) + f" et {years[-1]}"


def _other_membership(data: Data) -> str:
    """The membership that is not the reference one (non-adhérent)."""
    return next(m.id for m in data.pricing.memberships if m.id != data.pricing.reference.membership)


@dataclass(frozen=True)
class PriceRow:
    """One line of the comparison table: a membership and a funding case."""

    profile: str
    membership: str
    funding: str
    years: tuple[str, ...]
    one_off: tuple[str, ...]  # aligned with PriceTable.one_off_labels; "" when it does not apply
    total: str
    reference: str
    saving: str


@dataclass(frozen=True)
class PriceTable:
    """The comparison table for the revenue tier the data gives prices for."""

    caption: str
    rows: tuple[PriceRow, ...]
    one_off_labels: tuple[str, ...]  # costs tied to no year (file fees), by label


def price_table(data: Data) -> PriceTable:
    """Every membership × funding case, for the tier with known prices."""
    p = data.pricing
    rows = []
    tier = base_tier(data)
    one_off_items = tuple(item for item in p.items if item.years is None and pr.applies_to_tier(item, revenue_tier=tier))
    for member in p.memberships:
        for funding in pr.FUNDING_CASES:
            q = pr.quote(p, membership=member.id, revenue_tier=tier, funding=funding)
            minimum_years = {line.year for line in q.lines if line.item.minimum}
            one_off = tuple(
                next((_floor(line.net, minimum=line.item.minimum) for line in q.lines if line.item.id == item.id), "")
                for item in one_off_items
            )
            rows.append(
                PriceRow(
                    profile=f"{member.label}, {pr.funding_label(p, funding)}",
                    membership=member.label,
                    funding=pr.funding_label(p, funding),
                    years=tuple(_floor(y, minimum=year in minimum_years) for year, y in zip(pr.YEARS, q.years)),
                    one_off=one_off,
                    total=_floor(q.total, minimum=q.minimum),
                    reference=fmt.money(q.reference) if q.reference is not None else "",
                    saving=(
                        f"{_up_to(q.saving, minimum=q.minimum)} ({fmt.percent(pr.percent(q.saving_ratio))})"
                        if q.saving is not None and q.saving_ratio is not None
                        else ""
                    ),
                )
            )
    caption = f"Coût par entreprise sur {fmt.number(p.reference.years)} ans ({_label(p.revenue_tiers, tier)})"
    return PriceTable(caption, tuple(rows), tuple(item.label for item in one_off_items))


@dataclass(frozen=True)
class PriceGroup:
    """« Combien vais-je payer ? » : one membership, its cards by funding case."""

    membership: str
    cards: tuple[tuple[PriceRow, tuple[str, ...]], ...]  # (row, its cost lines: « Année 1 : … »)


def price_groups(table: PriceTable) -> tuple[PriceGroup, ...]:
    """The 2 × 2 answer: the rows grouped by membership, each with its readable year split."""
    groups: dict[str, list[tuple[PriceRow, tuple[str, ...]]]] = {}
    for row in table.rows:
        groups.setdefault(row.membership, []).append((row, _cost_lines(row, table.one_off_labels)))
    return tuple(PriceGroup(membership, tuple(cards)) for membership, cards in groups.items())


def _cost_lines(row: PriceRow, one_off_labels: tuple[str, ...]) -> tuple[str, ...]:
    """`Année 1 : …`, then equal following years together (`Années 2 et 3 : … par an`), then one-off costs."""
    lines: list[str] = []
    runs: list[tuple[list[int], str]] = []
    for year, amount in enumerate(row.years, start=1):
        if amount == fmt.money(Decimal(0)):
            continue
        if runs and runs[-1][1] == amount and runs[-1][0][-1] == year - 1:
            runs[-1][0].append(year)
        else:
            runs.append(([year], amount))
    for years, amount in runs:
        if len(years) == 1:
            lines.append(f"Année {years[0]} : {amount}")
        else:
            lines.append(f"{_years_label(tuple(years)).capitalize()} : {amount} par an")
    lines += [f"{label} : {cost}" for label, cost in zip(one_off_labels, row.one_off) if cost]
    return tuple(lines)


def _floor(amount: Decimal, *, minimum: bool) -> str:
    """`à partir de 4 450 €` for a price the data gives as a floor, `4 450 €` otherwise."""
    return f"à partir de {fmt.money(amount)}" if minimum and amount else fmt.money(amount)


def _up_to(amount: Decimal | None, *, minimum: bool) -> str:
    """A saving computed from a floor price is a ceiling: `jusqu'à 5 050 €`."""
    if amount is None:
        return ""
    return f"jusqu'à {fmt.money(amount)}" if minimum else fmt.money(amount)


def _year_is_floor(pricing, *, year: int, contract: str | None = None) -> bool:
    """Whether a floor price is billed that year (in that contract, if given)."""
    return any(
        item.minimum and item.years is not None and year in item.years and (contract is None or item.contract == contract)
        for item in pricing.items
    )


@dataclass(frozen=True)
class ContractView:
    """What one contract covers, per year."""

    label: str
    scope: str
    note: str
    lines: tuple[tuple[str, str, str], ...]  # (poste, années, montant)


def contract_views(data: Data) -> tuple[ContractView, ...]:
    """The breakdown by contract (who invoices what)."""
    p = data.pricing
    result = []
    for contract in p.contracts:
        lines = []
        for item in p.items:
            if item.contract != contract.id:
                continue
            years = ", ".join(f"année {y}" for y in item.years or ())
            amount = _floor(item.amount, minimum=item.minimum)
            if item.years and len(item.years) > 1:
                amount += " par an"
            if item.opco_fundable and item.years:
                low = pr.contract_range(p, contract=contract.id, membership=p.reference.membership, revenue_tier=base_tier(data), year=item.years[0])
                amount += f" avant prise en charge OPCO, soit {fmt.money_range(*low)} après"
            who = []
            if item.memberships:
                who.append(" ou ".join(_label(p.memberships, m) for m in item.memberships))
            if item.revenue_tiers:
                who.append(", ".join(_label(p.revenue_tiers, t) for t in item.revenue_tiers))
            label = item.label + (f" ({' ; '.join(who)})" if who else "")
            lines.append((label, years.capitalize(), amount))
        result.append(ContractView(contract.label, contract.scope, contract.note, tuple(lines)))
    return tuple(result)


@dataclass(frozen=True)
class SequenceView:
    """A sequence as the public programme shows it."""

    number: str
    title: str
    objective: str
    rhythm: str
    phase: str


def sequence_views(data: Data, *, audience: str) -> tuple[SequenceView, ...]:
    """The sequences with their rhythm as the brochure states it.

    Section 5 of the brochure: restricted unless ENTER moved them into the
    public data/programme.yml (then every variant shows them).
    """
    if not data.programme.sequences:
        require_restricted(audience, "Les séquences du parcours")
    result = []
    for seq in tl.all_sequences(data):
        phase = next(p.title for p in data.programme.phases if p.id == seq.phase)
        result.append(SequenceView(fmt.number(seq.number), seq.title, seq.objective, seq.rhythm or "", phase))
    return tuple(result)


@dataclass(frozen=True)
class PhaseView:
    """A phase: title, computed days and months, format, outcome."""

    title: str
    summary: str
    format: str
    outcome: str


def phase_views(data: Data) -> tuple[PhaseView, ...]:
    """The two phases of section 3 with their days and months."""
    result = []
    for phase in data.programme.phases:
        parts = []
        if phase.training_days:
            parts.append(f"{fmt.days(phase.training_days)} de formation")
        if phase.accompaniment_days:
            parts.append(f"{fmt.days(phase.accompaniment_days)} d'accompagnement")
        summary = f"{' et '.join(parts)} sur {fmt.months(phase.months)}" if parts else f"Sur {fmt.months(phase.months)}"
        result.append(PhaseView(phase.title, summary, phase.format, phase.outcome))
    return tuple(result)


@dataclass(frozen=True)
class ModuleView:
    """A module of section 5 (restricted): what it is, how and when."""

    code: str
    title: str
    detail: str  # shown under the title; "" when the data gives none
    conduct: str  # « Formation · 2 jours · présentiel, en groupe »
    when: str  # « M2 (févr. 2026), semaine 1 »


@dataclass(frozen=True)
class ModuleGroup:
    """The modules of one sequence, under one heading (nothing repeated on every row)."""

    title: str  # « Séquence 1 – <its title> »
    facts: tuple[str, ...]  # its objective, step and rhythm, as sentences
    modules: tuple[ModuleView, ...]


_KINDS = {
    "lancement": "Lancement", "e_learning": "E-learning", "formation": "Formation",
    "examen": "Examen", "presentation": "Présentation", "accompagnement": "Accompagnement",
    "audit": "Audit", "comite": "Comité", "evenement": "Évènement", "cloture": "Clôture",
}
_MODES = {"presentiel": "présentiel", "virtuel": "virtuel", "distanciel": "distanciel"}
_FORMATS = {"groupe": "en groupe", "individuel": "individuel"}


def module_views(data: Data, *, audience: str) -> tuple[ModuleGroup, ...]:
    """Section 5: the modules grouped by sequence, for the restricted variant only."""
    require_restricted(audience, "Le détail de l'opération collective")
    first = data.planning.cohort.first_month
    phases = {p.id: p.title for p in data.programme.phases}
    groups = []
    for seq in tl.all_sequences(data):
        rows = []
        for m in (m for m in tl.modules(data) if m.sequence == seq.id):
            end = tl.module_end(m)
            when = f"M{m.month}" if end == m.month else f"M{m.month} à M{end}"
            span = fmt.month_label(tl.add_months(first, m.month - 1))
            if end != m.month:
                span += f" – {fmt.month_label(tl.add_months(first, end - 1))}"
            when = f"{when} ({span})" + (f", semaine {m.week}" if m.week else "")
            how = ", ".join(part for part in (_MODES.get(m.mode or "", ""), _FORMATS[m.format]) if part)
            duration = fmt.quantity(m.duration, m.unit) if m.duration is not None and m.unit else ""
            conduct = " · ".join(part for part in (_KINDS[m.kind], duration, how) if part)
            rows.append(ModuleView(code=m.code, title=m.title, detail=m.detail or "", conduct=conduct, when=when))
        if not rows:
            continue
        facts = [seq.objective, f"Étape : {phases[seq.phase]}"]
        if seq.rhythm:
            facts.append(f"Rythme : {seq.rhythm}")
        groups.append(ModuleGroup(f"Séquence {fmt.number(seq.number)} – {seq.title}", tuple(facts), tuple(rows)))
    return tuple(groups)


@dataclass(frozen=True)
class GanttRow:
    """A planning row: one bar from `start` (0 = first month column) over `span` months.

    `period` says in words what the bar shows, with the row's format (« mars à
    juillet 2026 (5 mois), en individuel »): on a phone it replaces the bar.
    """

    title: str
    detail: str
    format: str  # groupe | individuel | preparation (the bar's style)
    format_label: str  # the legend's label, as the data writes it
    period: str
    start: int
    span: int


@dataclass(frozen=True)
class GanttBand:
    """A sequence's band (« Séquence 1 »), over the months of its rows, and those rows."""

    title: str
    period: str
    start: int
    span: int
    rows: tuple[GanttRow, ...]


@dataclass(frozen=True)
class Gantt:
    """The provisional planning (section 6): sequence bands, each with its rows."""

    caption: str
    months: tuple[str, ...]  # « janv. 2026 », one per column
    scale: tuple[tuple[str, str], ...]  # (« janv. », « 2026 » on the first column and each January, else "")
    bands: tuple[GanttBand, ...]
    legend: tuple[tuple[str, str], ...]
    first: str
    last: str

    @property
    def rows(self) -> tuple[GanttRow, ...]:
        """Every row, band after band."""
        return tuple(row for band in self.bands for row in band.rows)


def _period(months: tuple[dt.date, ...], start: int, end: int) -> str:
    """« février 2026 », or « mars 2026 à juillet 2026 (5 mois) » (0-based columns)."""
    text = fmt.month_label(months[start], abbreviated=False)
    if end > start:
        text = f"{text} à {fmt.month_label(months[end], abbreviated=False)} ({fmt.months(end - start + 1)})"
    return text


def _scale(months: tuple[dt.date, ...]) -> tuple[tuple[str, str], ...]:
    """Each column's short month and, on the first column and each January, its year."""
    out = []
    for index, month in enumerate(months):
        short, year = fmt.month_label(month).rsplit(" ", 1)  # « janv. 2026 »
        out.append((short, year if index == 0 or month.month == 1 else ""))
    return tuple(out)


def gantt(data: Data, *, audience: str) -> Gantt:
    """Section 6 as a table model, for the restricted variant only."""
    require_restricted(audience, "Le planning prévisionnel")
    assert data.restricted is not None
    plan, cohort = data.restricted.planning, data.planning.cohort
    months = tl.planning_months(plan, cohort)
    legend = plan.legend.model_dump()
    placed_rows = tl.place_rows(plan, cohort, tl.modules(data))
    bands = []
    for seq in tl.all_sequences(data):
        placed = [p for p in placed_rows if p.row.sequence == seq.id]
        if not placed:
            continue
        rows = []
        for p in placed:
            row = p.row
            bits = []
            summed = tl.duration_sum(p.modules)
            if summed is not None:
                value, unit = summed
                per = " par entreprise" if all(m.format == "individuel" for m in p.modules) and unit == "jours" else ""
                bits.append(fmt.quantity(value, unit) + per)
            bits.extend(sorted({_MODES[m.mode] for m in p.modules if m.mode}))
            if row.note:
                bits.append(row.note)
            label = legend[row.format]
            rows.append(
                GanttRow(
                    title=row.title,
                    detail=" · ".join(bits),
                    format=row.format,
                    format_label=label,
                    period=f"{_period(months, p.start_index, p.end_index)}, {label[:1].lower()}{label[1:]}",
                    start=p.start_index,
                    span=p.end_index - p.start_index + 1,
                )
            )
        start, end = min(p.start_index for p in placed), max(p.end_index for p in placed)
        bands.append(GanttBand(f"Séquence {fmt.number(seq.number)}", _period(months, start, end), start, end - start + 1, tuple(rows)))
    return Gantt(
        caption=f"Planning de l'opération, {fmt.month_label(months[0], abbreviated=False)} à {fmt.month_label(months[-1], abbreviated=False)} ({plan.note})",
        months=tuple(fmt.month_label(m) for m in months),
        scale=_scale(months),
        bands=tuple(bands),
        legend=tuple(legend.items()),
        first=fmt.month_label(months[0], abbreviated=False),
        last=fmt.month_label(months[-1], abbreviated=False),
    )


STATE_TITLES = {
    "a_venir": "Inscriptions à venir",
    "intentions": "Inscriptions ouvertes",
    "engagement": "Engagements ouverts",
    "close": "Inscriptions closes",
    "en_cours": "Session en cours",
    "terminee": "Session terminée",
}


def state_title(status: tl.Status) -> str:
    """The heading of the session's state (« Session terminée »…), full sessions included."""
    return "Session complète" if status.full else STATE_TITLES[status.state]


@dataclass(frozen=True)
class Action:
    """A call to action: a label and where it leads (a page or a mailto: link)."""

    label: str
    href: str
    primary: bool


@dataclass(frozen=True)
class StatusView:
    """Where the cohort stands, in sentences, with its honest call to action."""

    state: str
    open: bool
    title: str
    headline: str
    lines: tuple[tuple[str, str], ...]  # (fact, countdown: true on the day of the build only, "" if none)
    actions: tuple[Action, ...]
    upcoming: bool


def status_view(data: Data, *, day: dt.date) -> StatusView:
    """Each state of the offer told as it is: what is open, what is past, what to do."""
    cohort = data.planning.cohort
    status = tl.registration_status(cohort, data.programme, today=day)
    state = status.state
    labels = {"intentions": "Intention de participation", "engagement": "Engagement de participation"}
    lines = []
    if state in ("a_venir", "intentions", "engagement"):
        if state == "a_venir" and cohort.registration_opens is not None:
            lines.append((f"Ouverture des inscriptions : le {fmt.long_date(cohort.registration_opens)}", ""))
        for deadline in status.deadlines:
            if deadline.days_left is None:
                continue
            when = fmt.long_date(deadline.date)
            left = "c'est aujourd'hui" if deadline.days_left == 0 else f"encore {fmt.count_days(deadline.days_left)}"
            lines.append((f"{labels[deadline.key]} : jusqu'au {when}", left))
        if status.places_left is not None and not status.full:
            lines.append((f"Places restantes : {fmt.number(status.places_left)} sur {fmt.number(status.places)}", ""))
    if state in ("a_venir", "intentions", "engagement", "close"):
        lines.append((f"Kick-off : à partir du {fmt.long_date(cohort.kickoff_from)}", ""))
    ends = fmt.month_label(status.ends_on, abbreviated=False)
    first = fmt.month_label(cohort.first_month, abbreviated=False)
    if status.full and state in ("a_venir", "intentions", "engagement"):
        headline = "Cette session est complète."
    else:
        headline = {
            "a_venir": "Les inscriptions à cette session ne sont pas encore ouvertes.",
            "intentions": "Les inscriptions sont ouvertes.",
            "engagement": "La collecte des intentions est close ; les entreprises peuvent encore s'engager.",
            "close": f"Les inscriptions à cette session sont closes. Le parcours commence en {first}.",
            "en_cours": f"Cette session a démarré ; son parcours va de {first} à {ends}.",
            "terminee": f"Cette session s'est achevée en {ends}.",
        }[state]
    following = data.planning.next_cohort
    if state in ("close", "en_cours", "terminee") or status.full:
        if following is not None and following.registration_opens is not None:
            lines.append((f"Prochaine session : inscriptions à partir du {fmt.long_date(following.registration_opens)}", ""))
        elif following is not None and following.contact_to_be_told:
            lines.append(("Prochaine session : contactez le Pôle ENTER pour en être informé.", ""))
    return StatusView(
        state=state,
        open=status.open,
        title=state_title(status),
        headline=headline,
        lines=tuple(lines),
        actions=_actions(data, state=state, full=status.full),
        upcoming=bool(tl.upcoming_dates(cohort, today=day)),
    )


def _actions(data: Data, *, state: str, full: bool) -> tuple[Action, ...]:
    """The one primary action a state calls for (a mailto: to the programme's contact)."""
    person = data.contacts.people[0] if data.contacts.people else None
    to = person.email if person is not None else data.contacts.general.email
    title = data.offer.label
    if state == "intentions" and not full:
        return (Action("Manifester mon intention de participer", mailto(to, subject=f"Intention de participation : {title}", body=_BODY), True),)
    if state == "engagement" and not full:
        return (Action("Engager mon entreprise", mailto(to, subject=f"Engagement de participation : {title}", body=_BODY), True),)
    return (Action("Contacter le Pôle ENTER", mailto(to, subject=f"Programme {title}", body=""), False),)


_BODY = "Bonjour,\n\nEntreprise :\nPersonne référente :\nTéléphone :\n\nCordialement,"


def mailto(address: str, *, subject: str, body: str) -> str:
    """A mailto: link with an encoded subject and body (RFC 6068)."""
    from urllib.parse import quote

    query = f"subject={quote(subject, safe='')}" + (f"&body={quote(body, safe='')}" if body else "")
    return f"mailto:{address}?{query}"


def operation_aim(data: Data, *, audience: str) -> str:
    """The aim of the collective operation, at the head of section 5 (restricted)."""
    require_restricted(audience, "Le détail de l'opération collective")
    assert data.restricted is not None
    return data.restricted.programme.aim


def completeness_report(data: Data) -> tuple[str, ...]:
    """Fields of the training offer that the data does not say yet."""
    labels = {
        "disability_access": "accessibilité aux personnes en situation de handicap",
        "venue": "lieu des sessions en présentiel",
        "hours": "horaires",
        "training_body": "nom de l'organisme de formation",
        "teaching_methods": "méthodes pédagogiques",
        "assessment_methods": "modalités d'évaluation",
        "access_modalities": "modalités et délais d'accès",
    }
    missing = [f"data/offer.yml : training_offer.{key} ({label}) non renseigné" for key, label in labels.items() if getattr(data.offer.training_offer, key) is None]
    if data.pricing.tax_basis == "non_precise":
        missing.append("data/pricing.yml : tax_basis ne dit pas si les prix sont HT ou TTC")
    return tuple(missing)


def benefit_items(data: Data, figures: Figures) -> tuple[str, ...]:
    """What each company receives, counts read or computed."""
    items = []
    for b in data.offer.benefits:
        if b.computed:
            items.append(f"{figures[b.computed]} {b.text}")
        elif b.count is not None:
            items.append(f"{fmt.number(b.count)} {b.text}")
        else:
            items.append(b.text)
    return tuple(items)


def training_offer_rows(data: Data, figures: Figures) -> list[tuple[str, str]]:
    """The training offer sheet (Qualiopi, indicator 1): only what the data says.

    A field the brochure leaves unsaid (null) is left out: the completeness
    report of `make site` tells the staff, the readers are told nothing.
    """
    t = data.offer.training_offer
    rows: list[tuple[str, str | None]] = [
        ("Objectifs", data.offer.summary),
        ("Public", f"{data.offer.audience.profiles} {figures.people_per_company} personne par entreprise."),
        ("Prérequis", data.offer.prerequisites),
        ("Durée", f"{figures.training_days} de formation sur {figures.training_months}, puis {figures.accompaniment_days} d'accompagnement sur {figures.action_months} ; {figures.total_months} au maximum."),
        ("Modalités et délais d'accès", t.access_modalities),
        ("Tarifs", f"Adhérent ENTER : {figures.member_from} sur {figures.reference_years} ans ; non adhérent : {figures.non_member_from}. Détail sur la page Tarifs."),
        ("Méthodes pédagogiques", t.teaching_methods),
        ("Modalités d'évaluation", t.assessment_methods),
        ("Accessibilité aux personnes en situation de handicap", t.disability_access),
        ("Lieu", t.venue),
        ("Horaires", t.hours),
        ("Organisme de formation", t.training_body),
        ("Contacts", ", ".join(f"{p.name} ({p.email})" for p in data.contacts.people)),
    ]
    return [(label, value) for label, value in rows if value]


_TAX_BASIS = {
    "ht": "Les prix sont indiqués hors taxes (HT).",
    "ttc": "Les prix sont indiqués toutes taxes comprises (TTC).",
    "non_precise": "",  # the brochure does not say: readers are told nothing (completeness report)
}


def tax_basis_sentence(tax_basis: str) -> str:
    """Whether prices are HT or TTC; empty when the data does not say."""
    return _TAX_BASIS[tax_basis]
