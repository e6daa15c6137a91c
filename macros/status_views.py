"""The state of the session as the pages show it: title, dated lines, the one action it calls for."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formatting as fmt
from . import timeline as tl
from .model import Data

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

