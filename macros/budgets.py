"""Per-page budgets of the site and the EcoIndex formula (pure: no MkDocs).

The budgets are enforced by the browser tests (tests/browser/), printed by
`make bench` and shown on the eco-design statement (docs/ecoconception.md)
through the `budgets_table()` macro: the numbers live here only.

The EcoIndex is computed from its published definition (GreenIT / collectif
Conception numérique responsable): each of the three measures is placed
among the quantiles of a reference sample of pages, and
`100 - 5 × (3 × q_dom + 2 × q_requests + q_size) / 6`, rounded, gives the
score; the grade follows from thresholds (A above 80, …, G).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import formatting as fmt

KIB = 1024  # EcoIndex sizes are in kibibytes of transferred bytes


@dataclass(frozen=True)
class Budgets:
    """The limits every page of both variants must respect (issue 15).

    `max_dom_elements` is what EcoIndex `min_ecoindex` needs with 2 requests
    and 15 KiB. No page is exempt: the large tables were split (one per
    sequence) and the accessibility statement says its short lists as
    sentences.
    """

    max_requests: int = 2
    max_kilobytes: int = 15
    max_dom_elements: int = 150
    min_ecoindex: int = 90
    max_outside_requests: int = 0


BUDGETS = Budgets()

QUANTILES_DOM: tuple[float, ...] = (
    0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601,
)
QUANTILES_REQUESTS: tuple[float, ...] = (
    0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920,
)
QUANTILES_SIZE_KB: tuple[float, ...] = (
    0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27, 1876.08,
    2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26,
)
GRADE_THRESHOLDS: tuple[tuple[str, int], ...] = (("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10))


def quantile(quantiles: tuple[float, ...], value: float) -> float:
    """Position of `value` among `quantiles`, interpolated linearly (0 to 20)."""
    for index in range(1, len(quantiles)):
        if value < quantiles[index]:
            low, high = quantiles[index - 1], quantiles[index]
            return index - 1 + (value - low) / (high - low)
    return float(len(quantiles) - 1)


def ecoindex(*, dom: int, requests: int, kilobytes: float) -> int:
    """The EcoIndex score (0 to 100) of a page from its three measures."""
    q_dom = quantile(QUANTILES_DOM, dom)
    q_requests = quantile(QUANTILES_REQUESTS, requests)
    q_size = quantile(QUANTILES_SIZE_KB, kilobytes)
    return round(100 - 5 * (3 * q_dom + 2 * q_requests + q_size) / 6)


def grade(score: float) -> str:
    """The EcoIndex grade (A to G) of a score."""
    for letter, threshold in GRADE_THRESHOLDS:
        if score > threshold:
            return letter
    return "G"


def budget_rows(budgets: Budgets = BUDGETS) -> list[tuple[str, str]]:
    """The budgets as French rows (measure, limit) for the eco-design page."""
    return [
        ("Requêtes HTTP par page (page comprise)", f"{fmt.number(budgets.max_requests)} au plus"),
        ("Requêtes vers un autre serveur que le site (polices, CDN, mesure d'audience, réseaux sociaux)",
         "aucune" if budgets.max_outside_requests == 0 else f"{fmt.number(budgets.max_outside_requests)} au plus"),
        ("Poids transféré par page (compression gzip)", f"{fmt.number(budgets.max_kilobytes)} Ko au plus"),
        ("Éléments du DOM par page (intérieur des images SVG non compté)",
         f"{fmt.number(budgets.max_dom_elements)} au plus"),
        ("EcoIndex de chaque page",
         f"{fmt.number(budgets.min_ecoindex)} au moins sur 100 (note {grade(budgets.min_ecoindex)})"),
    ]
