"""Structured data (schema.org JSON-LD) for search engines, from the data.

The builder returns a plain dict: a `Course` with its provider, the credentials
it leads to, its duration and mode, one `CourseInstance` for the cohort and
one `Offer` per profile whose price is known. Prices come from
`pricing.quote()`, never from a copy. Only public facts are used: no module
title, no planning row (the planning is restricted), no calendar month of
the provisional planning.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from . import formatting as fmt
from . import pricing as pr
from . import timeline as tl
from .model import Data

SCHEMA = "https://schema.org"
_ON_SITE = {"presentiel"}
_ONLINE = {"virtuel", "distanciel"}


def course(data: Data, *, site_url: str, day: dt.date) -> dict[str, Any]:
    """The programme as a schema.org `Course`, for the cohort of the data."""
    offer, contacts = data.offer, data.contacts
    provider = {
        "@type": "Organization",
        "name": offer.organiser,
        "url": contacts.website,
        "email": contacts.general.email,
        "areaServed": {"@type": "AdministrativeArea", "name": offer.region},
    }
    return {
        "@context": SCHEMA,
        "@type": "Course",
        "@id": f"{site_url}#programme",
        "name": f"Labellisation {offer.label}",
        "description": offer.summary,
        "url": site_url,
        "inLanguage": "fr",
        "image": f"{site_url}assets/partage.png",
        "provider": provider,
        "audience": {
            "@type": "BusinessAudience",
            "audienceType": offer.audience.profiles,
            "geographicArea": {"@type": "AdministrativeArea", "name": offer.region},
        },
        "coursePrerequisites": offer.prerequisites,
        "timeRequired": months_duration(tl.total_months(data.programme)),
        "educationalCredentialAwarded": credentials(data),
        "hasCourseInstance": [course_instance(data, site_url=site_url)],
        "offers": offers(data, site_url=site_url, day=day),
    }


def credentials(data: Data) -> list[dict[str, Any]]:
    """The knowledge certificate (the person) and the label (the company)."""
    offer = data.offer
    issuer = {"@type": "Organization", "name": offer.label_issuer}
    body = {"@type": "Organization", "name": f"{offer.label_body} ({offer.label_body_short})"}
    return [
        {"@type": "EducationalOccupationalCredential", "name": offer.outcomes.knowledge, "credentialCategory": "certificat"},
        {
            "@type": "EducationalOccupationalCredential",
            "name": offer.outcomes.label,
            "credentialCategory": "label",
            "recognizedBy": [body, issuer],
        },
    ]


def course_instance(data: Data, *, site_url: str) -> dict[str, Any]:
    """The cohort: mode, workload, start (kick-off) and registration dates."""
    prog, cohort = data.programme, data.planning.cohort
    workload = tl.training_days(prog) + tl.accompaniment_days(prog)
    return {
        "@type": "CourseInstance",
        "@id": f"{site_url}#{cohort.id}",
        "name": f"Cohorte de {cohort.places} entreprises",
        "courseMode": course_mode(data),
        "courseWorkload": days_duration(workload),
        "startDate": cohort.kickoff_from.isoformat(),
        "maximumAttendeeCapacity": cohort.places,
        "location": {"@type": "AdministrativeArea", "name": data.offer.region},
        "organizer": {"@type": "Organization", "name": data.offer.organiser, "url": data.contacts.website},
    }


def course_mode(data: Data) -> str:
    """`blended` when on-site and remote sessions alternate, else one of them."""
    modes = set(data.programme.modes)
    on_site, online = bool(modes & _ON_SITE), bool(modes & _ONLINE)
    if on_site and online:
        return "blended"
    return "onsite" if on_site else "online"


def offers(data: Data, *, site_url: str, day: dt.date) -> list[dict[str, Any]]:
    """One offer per revenue tier, membership and funding case with a known price."""
    p, cohort = data.pricing, data.planning.cohort
    status = tl.registration_status(cohort, data.programme, today=day)
    availability = "InStock" if status.open else ("SoldOut" if status.full else "Discontinued")
    result = []
    for tier in p.revenue_tiers:
        for member in p.memberships:
            for funding in pr.FUNDING_CASES:
                q = pr.quote(p, membership=member.id, revenue_tier=tier.id, funding=funding)
                if not q.known:
                    continue
                item: dict[str, Any] = {
                    "@type": "Offer",
                    "name": f"{member.label}, {tier.label}, {pr.funding_label(p, funding)}",
                    "category": member.label,
                    "description": f"{'À partir de' if q.minimum else 'Total :'} {fmt.money(q.total)} par entreprise sur {fmt.number(p.reference.years)} ans",
                    "price": amount(q.total),
                    "priceCurrency": p.currency,
                    "url": f"{site_url}tarifs/",
                    "availability": f"{SCHEMA}/{availability}",
                    "validThrough": cohort.commitment_deadline.isoformat(),
                }
                spec: dict[str, Any] = {}
                if q.minimum:  # « à partir de »
                    spec["minPrice"] = amount(q.total)
                if p.tax_basis != "non_precise":
                    spec["valueAddedTaxIncluded"] = p.tax_basis == "ttc"
                if spec:
                    item["priceSpecification"] = {"@type": "PriceSpecification", "priceCurrency": p.currency, **spec}
                result.append(item)
    return result


def amount(value: Decimal) -> str:
    """A schema.org price: digits and a dot, no symbol (`4450`, `12.50`)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value.quantize(Decimal("0.01")))


def months_duration(months: int) -> str:
    """ISO 8601 duration in months (`P10M`)."""
    return f"P{months}M"


def days_duration(days: Decimal) -> str:
    """ISO 8601 duration in days (`P9D`, `P2.5D`)."""
    text = format(days.normalize(), "f") if days != days.to_integral_value() else str(int(days))
    return f"P{text}D"


def script(document: dict[str, Any]) -> str:
    """The JSON text to place inside `<script type="application/ld+json">`.

    `<`, `>` and `&` are escaped so that no text can close the script element.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
