"""The conformity computed from the RGAA self-audit: rate, status, per theme, failures.

RGAA's rate (« méthode technique », RGAA 4.1): a criterion is conforming
(C) when it is met on every page where it applies, non-conforming (NC) when
it fails on at least one page, not applicable (NA) when it applies nowhere;
the rate is C / (C + NC). The status is « totalement conforme » at 100 %,
« partiellement conforme » from 50 %, « non conforme » below (or without an
audit). The average of the per-page rates is given too, for information.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .rgaa import AUDIT_FILE, CONFORMING, NON_CONFORMING, NOT_APPLICABLE, THEMES, Audit, Criterion, SamplePage, criterion_results, load_audit

STATUS_FULL = "totalement conforme"
STATUS_PARTIAL = "partiellement conforme"
STATUS_NONE = "non conforme"


def overall(results: Iterable[str]) -> str:
    """RGAA: NC if NC on one page, C if C on one page and NC on none, NA otherwise."""
    found = set(results)
    if NON_CONFORMING in found:
        return NON_CONFORMING
    if CONFORMING in found:
        return CONFORMING
    return NOT_APPLICABLE


def status_for(rate: Decimal | None) -> str:
    """« totalement conforme » at 100 %, « partiellement conforme » from 50 %, else « non conforme »."""
    if rate is None:
        return STATUS_NONE
    if rate == 100:
        return STATUS_FULL
    if rate >= 50:
        return STATUS_PARTIAL
    return STATUS_NONE


def rate_of(conforming: int, non_conforming: int) -> Decimal | None:
    """C / (C + NC) in percent, exact; None when nothing applies."""
    if conforming + non_conforming == 0:
        return None
    return Decimal(100) * conforming / (conforming + non_conforming)


@dataclass(frozen=True)
class PageRate:
    """One page's counts and rate."""

    page: str
    conforming: int
    non_conforming: int
    not_applicable: int
    rate: Decimal | None


@dataclass(frozen=True)
class Conformity:
    """The audit's outcome: per criterion, per page, the global rate and the status."""

    results: Mapping[str, str]  # criterion id -> C / NC / NA over the whole sample
    conforming: int
    non_conforming: int
    not_applicable: int
    rate: Decimal | None  # global rate (RGAA), percent
    average: Decimal | None  # mean of the per-page rates, percent (information)
    pages: tuple[PageRate, ...]
    status: str

    @property
    def failing(self) -> tuple[str, ...]:
        """Ids of the non-conforming criteria, in RGAA order."""
        return tuple(number for number, result in self.results.items() if result == NON_CONFORMING)


def conformity(audit: Audit) -> Conformity:
    """The global rate (C / (C + NC) over the criteria of the whole sample), per-page rates, the status."""
    pages = [page.id for page in audit.sample]
    per_criterion = {c.id: criterion_results(c, pages) for c in audit.criteria}
    results = {number: overall(by_page.values()) for number, by_page in per_criterion.items()}
    counts = {kind: sum(1 for r in results.values() if r == kind) for kind in (CONFORMING, NON_CONFORMING, NOT_APPLICABLE)}
    page_rates = []
    for page in pages:
        column = [by_page[page] for by_page in per_criterion.values()]
        c, nc, na = (column.count(kind) for kind in (CONFORMING, NON_CONFORMING, NOT_APPLICABLE))
        page_rates.append(PageRate(page, c, nc, na, rate_of(c, nc)))
    rated = [p.rate for p in page_rates if p.rate is not None]
    average = sum(rated, Decimal(0)) / len(rated) if rated else None
    rate = rate_of(counts[CONFORMING], counts[NON_CONFORMING])
    return Conformity(
        results=results,
        conforming=counts[CONFORMING],
        non_conforming=counts[NON_CONFORMING],
        not_applicable=counts[NOT_APPLICABLE],
        rate=rate,
        average=average,
        pages=tuple(page_rates),
        status=status_for(rate),
    )


def rounded(rate: Decimal, *, places: int = 1) -> Decimal:
    """A rate rounded for display (half up), e.g. 93.3 for 93.33…"""
    return rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def status(path: Path = AUDIT_FILE) -> str:
    """The footer's status, computed from the audit file."""
    return conformity(load_audit(path)).status


def claims(audit: Audit) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each page id, each check that must pass there (criteria C or NA citing it), with the criteria."""
    found: dict[str, dict[str, list[str]]] = {page.id: {} for page in audit.sample}
    for criterion in audit.criteria:
        for page, result in criterion_results(criterion, found).items():
            if result == NON_CONFORMING:
                continue
            own = criterion.pages[page].checks if page in criterion.pages else None
            for check in criterion.checks if own is None else own:
                found[page].setdefault(check, []).append(criterion.id)
    return {page: {check: tuple(ids) for check, ids in checks.items()} for page, checks in found.items()}


def explained(audit: Audit) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each page id, the checks whose failure a recorded non-conformity explains (NC entries' checks)."""
    found: dict[str, dict[str, list[str]]] = {page.id: {} for page in audit.sample}
    for criterion in audit.criteria:
        for page, result in criterion_results(criterion, found).items():
            if result != NON_CONFORMING:
                continue
            own = criterion.pages[page].checks if page in criterion.pages else None
            for check in criterion.checks if own is None else own:
                found[page].setdefault(check, []).append(criterion.id)
    return {page: {check: tuple(ids) for check, ids in checks.items()} for page, checks in found.items()}


def page_key(page: SamplePage) -> str:
    """`public:/tarifs/`, as the browser tests name a page."""
    return f"{page.variant}:/{page.path}"


def theme_of(number: str) -> tuple[int, str]:
    """The theme number and name of a criterion id."""
    theme = int(number.split(".")[0])
    return theme, THEMES[theme][0]



@dataclass(frozen=True)
class ThemeCount:
    """One theme's criteria by overall result."""

    number: int
    name: str
    conforming: int
    non_conforming: int
    not_applicable: int


def theme_counts(result: Conformity) -> tuple[ThemeCount, ...]:
    """The overall results counted theme by theme, in RGAA order."""
    counts = []
    for number, (name, _count) in THEMES.items():
        mine = [r for criterion, r in result.results.items() if theme_of(criterion)[0] == number]
        counts.append(ThemeCount(number, name, mine.count(CONFORMING), mine.count(NON_CONFORMING), mine.count(NOT_APPLICABLE)))
    return tuple(counts)


@dataclass(frozen=True)
class Failure:
    """A non-conforming criterion, the pages where it fails, and its plan."""

    criterion: Criterion
    pages: tuple[SamplePage, ...]


def failures(audit: Audit) -> tuple[Failure, ...]:
    """Each criterion that fails somewhere, with the sampled pages where it does."""
    out = []
    for criterion in audit.criteria:
        failing = criterion_results(criterion, [page.id for page in audit.sample])
        pages = tuple(page for page in audit.sample if failing[page.id] == NON_CONFORMING)
        if pages:
            out.append(Failure(criterion, pages))
    return tuple(out)
