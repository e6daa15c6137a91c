"""Property-based tests: random edits of the frozen brochure case never crash.

Each example copies the case's data (tests/fixtures/brochure/data, public
files and synthetic restricted ones) into a temporary folder, damages one
file, and loads it for each audience that reads that file. The load either
succeeds or raises DataErrors whose every message is located
(`data/x.yml, ligne L, colonne C : …`): never another exception. When the
load succeeds, every page builder and calendar of the core that the
audience may call runs without an exception, and the figures that matter
(amounts, totals, announced days, and in the restricted variant the days
and months the modules give each phase) equal the ones recomputed here,
independently, from what was written.

Hypothesis is derandomized (same cases on CI and on a laptop) and keeps no
example database; the overflows found before are pinned as explicit examples.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import BROCHURE, FIXTURES, dump, edit_tree, paths, read_tree, schema_errors, schema_names
from macros import formatting as fmt
from macros import pricing as pr
from macros import timeline as tl
from macros.audience import RestrictedContent
from macros.calendar import public_calendar, restricted_calendar
from macros.errors import DataErrors
from macros.figures import completeness_report, key_figures
from macros.model import Data
from macros.pages import page_names
from macros.validation import load_data

CASE = FIXTURES / BROCHURE
SCHEMA_OF = schema_names()  # data/…yml → schema name (tools/schemas.py)
FILES = tuple(SCHEMA_OF)
RESTRICTED_PREFIX = "data/restricted/"
LOCATED = re.compile(r"^data/(restricted/)?[a-z]+\.yml, ligne \d+, colonne \d+ : \S")
DAY = dt.date(2025, 11, 3)
STAMP = dt.datetime(2025, 11, 3, tzinfo=dt.UTC)
# DATA_FUZZ_EXAMPLES=5000 for a longer search than the default run.
SETTINGS = settings(
    max_examples=int(os.environ.get("DATA_FUZZ_EXAMPLES", "150")),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TREES = {path: read_tree(CASE, path) for path in FILES}
TEXTS = {path: (CASE / path).read_text(encoding="utf-8") for path in FILES}

# Values an editor might type, or a slip of the finger might produce.
EDITOR_TEXT = st.sampled_from([
    "", " ", "trois mille", "3 450", "1 650 €", "1650€", "0750", "1:30", "0x10", "1_650", "1e3",
    "yes", "no", "oui", "non", "on", "off", "True", "null", "~", "30/11", "2025-11-31", "2025-2-3",
    "2025-11-30", "2026-13", "2026-01", "2026-1", "9999-12", "M3", "s9", "3.9", "2.3", "1.0", "adherent",
    "non_adherant", "enter", "ca_moins_12m", "formation", "accompagnement", "jours", "heures", "groupe",
    "preparation", "comprendre", "agir", "s1", "s4", "@x", "a: b", "- x", "#", "[1, 2", "é", "\t",
    "Ça coûte 3 450 € HT",
])
# No default alphabet: Hypothesis would cache Unicode tables in .hypothesis/.
TEXT = st.text(alphabet="aé0 :-#'\"_.\t\n€\u00a0\u202f", max_size=12)
SCALARS = st.one_of(
    st.integers(min_value=-10**6, max_value=10**12),
    st.integers(min_value=-3, max_value=70),
    st.sampled_from([10**28, -10**28, 1_000_000, 1_000_001, 10_000, 10_001, 60, 61]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e25, 0.5, 2.5, 1e-7]),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1)),
    EDITOR_TEXT,
    TEXT,
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3).map(tuple), st.dictionaries(st.sampled_from(["id", "amount", "x"]), SCALARS, max_size=2))
# `tweak` sets a plausible value (same type, another word of the file):
# such edits often load, so the figures are checked against the oracle.
OPS = ["set", "set", "set", "tweak", "tweak", "tweak", "delete", "rename", "unknown", "double", "empty"]


def _leaf(tree: Any, path: tuple[Any, ...]) -> Any:
    """The value at `path`."""
    for part in path:
        tree = tree[part]
    return tree


def _key(path: tuple[Any, ...]) -> str:
    """The last key of a path (`kind` for modules[3].kind, `modes` for modes[0])."""
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def _words(tree: Any) -> dict[str, list[str]]:
    """The texts of a tree by key (every kind under `kind`…), and all of them under the empty key."""
    found: dict[str, set[str]] = {"": set()}
    for path in paths(tree):
        value = _leaf(tree, path)
        if isinstance(value, str):
            found.setdefault(_key(path), set()).add(value)
            found[""].add(value)
    return {key: sorted(values) for key, values in found.items()}


WORDS = {path: _words(tree) for path, tree in TREES.items()}


def _plausible(current: Any, words: list[str]) -> st.SearchStrategy[Any]:
    """A value of the same kind as `current` (a text among `words`), often valid."""
    if isinstance(current, bool):
        return st.booleans()
    if isinstance(current, int):
        return st.one_of(st.integers(min_value=0, max_value=12), st.sampled_from([current - 1, current + 1]))
    if isinstance(current, float):
        return st.sampled_from([0, 0.5, 1, 1.5, 2, 2.5, 3])
    if isinstance(current, str):
        return st.sampled_from(words)
    if isinstance(current, dt.date):
        return st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))
    return VALUES


@st.composite
def tree_edits(draw: st.DrawFn) -> tuple[str, Any]:
    """One data file of the case with one random edit of its tree."""
    name = draw(st.sampled_from(FILES))
    tree = TREES[name]
    path = draw(st.sampled_from(paths(tree)))
    op = draw(st.sampled_from(OPS))
    if op == "tweak":
        words = WORDS[name]
        same = words.get(_key(path), [])
        pool = same if len(same) > 1 and draw(st.integers(0, 3)) else words[""]
        return name, edit_tree(tree, path, "set", draw(_plausible(_leaf(tree, path), pool)))
    value = draw(VALUES) if op in ("set", "unknown") else draw(st.sampled_from(["s", "_", "x"]))
    return name, edit_tree(tree, path, op, value)


CHARS = st.sampled_from(list(":-#'\"[]{}*&!%@`|>,? \t\n\r0123456789.aeé€\x00\x07\ufeff"))


@st.composite
def text_edits(draw: st.DrawFn) -> tuple[str, str]:
    """One data file of the case with a few characters inserted, deleted or replaced."""
    name = draw(st.sampled_from(FILES))
    text = TEXTS[name]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(CHARS)
        if op == "insert":
            text = text[:at] + char + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + char + text[at + 1:]
    return name, text


def _set(name: str, path: tuple[Any, ...], value: Any) -> tuple[str, Any]:
    """An explicit example: the case's file `name` with one value set."""
    return name, edit_tree(TREES[name], path, "set", value)


def _audiences(name: str) -> tuple[str, ...]:
    """The audiences whose load reads `name` (the public one never opens data/restricted/)."""
    return ("restricted",) if name.startswith(RESTRICTED_PREFIX) else ("public", "restricted")


def _load_with(name: str, text: str, *, audience: str) -> Data | DataErrors:
    """Load the case for `audience`, with the file `name` replaced by `text`."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CASE / "data", root / "data")
        (root / name).write_text(text, encoding="utf-8")
        try:
            return load_data(root / "data", root=root, audience=audience)
        except DataErrors as exc:
            return exc


def _check_clean(result: Data | DataErrors, name: str, text: str, *, audience: str) -> None:
    """A clean outcome: valid data that renders, or located French errors.

    An error may sit in another file than the edited one (a reference across
    files): its line is then one of that file as the case writes it.
    """
    if isinstance(result, DataErrors):
        assert result.errors
        for error in result.errors:
            assert LOCATED.match(str(error)), str(error)
            written = text if error.file == name else TEXTS[error.file]
            assert 1 <= error.line <= written.count("\n") + 2 and error.column >= 1, str(error)
        return
    assert (result.restricted is not None) == (audience == "restricted")
    _render_everything(result, audience=audience)


def _render_everything(data: Data, *, audience: str) -> None:
    """Every page macro (macros/pages.py) and calendar that `audience` may call."""
    names = page_names(data, audience=audience, day=DAY, here=lambda: "")
    for name, builder in names.macros.items():
        if name == "calendar_link":
            builder("planning.ics", "Agenda")
            continue
        try:
            builder()
        except RestrictedContent:  # sections 5 and 6: refused to the public variant
            assert audience == "public", name
    public_calendar(data, stamp=STAMP)
    completeness_report(data)
    if audience == "restricted":
        restricted_calendar(data, audience=audience, stamp=STAMP)


# ------------------------------------------------------------------ the oracle
def _applies(item: dict, membership: str, tier: str) -> bool:
    """Whether a written price item is billed to this profile (no core code)."""
    return (item.get("memberships") is None or membership in item["memberships"]) and (
        item.get("revenue_tiers") is None or tier in item["revenue_tiers"]
    )


def _exact(value: Any) -> Decimal:
    """A written number as the editor reads it (2.5 is two and a half)."""
    return Decimal(str(value)) if value is not None else Decimal(0)


def _totals(pricing: dict) -> dict[str, Decimal]:
    """Each membership's best total over the years, recomputed from the written items."""
    reference = pricing["reference"]
    top = Fraction(pricing["opco_funding"]["max_percent"], 100)
    totals = {}
    for member in pricing["memberships"]:
        total = Fraction(0)
        for item in pricing["items"]:
            if _applies(item, member["id"], reference["revenue_tier"]):
                share = (1 - top) if item.get("opco_fundable") else 1
                total += Fraction(item["amount"]) * share * len(item.get("years") or [None])
        totals[member["id"]] = Decimal(total.numerator) / Decimal(total.denominator)
    return totals


def _phase_facts(trees: dict[str, Any]) -> dict[str, tuple[Decimal, Decimal, int, int]]:
    """Per phase: training days, accompaniment days, first and last month, from the written modules."""
    programme, restricted = trees["data/programme.yml"], trees["data/restricted/programme.yml"]
    sequences = programme.get("sequences") or restricted.get("sequences") or ()
    phase_of = {s["id"]: s["phase"] for s in sequences}
    counting = restricted["counting"]
    facts = {}
    for phase in programme["phases"]:
        mods = [m for m in restricted["modules"] if phase_of.get(m["sequence"]) == phase["id"]]
        days = {
            field: sum((_exact(m.get("duration")) for m in mods if m["kind"] in counting[kinds] and m.get("unit") == "jours"), Decimal(0))
            for field, kinds in (("training", "training_kinds"), ("accompaniment", "accompaniment_kinds"))
        }
        first = min(m["month"] for m in mods)
        last = max(m.get("end_month") or m["month"] for m in mods)
        facts[phase["id"]] = (days["training"], days["accompaniment"], first, last)
    return facts


def _check_figures(data: Data, trees: dict[str, Any]) -> None:
    """What the site shows equals what was written, recomputed independently."""
    pricing, programme = trees["data/pricing.yml"], trees["data/programme.yml"]
    for written, item in zip(pricing["items"], data.pricing.items, strict=True):
        assert not isinstance(written["amount"], bool) and item.amount == Decimal(written["amount"])
    totals = _totals(pricing)
    tier = data.pricing.reference.revenue_tier
    for member in data.pricing.memberships:
        quote = pr.quote(data.pricing, membership=member.id, revenue_tier=tier, funding="finance")
        assert quote.total == totals[member.id]
    training = sum((_exact(p.get("training_days")) for p in programme["phases"]), Decimal(0))
    accompaniment = sum((_exact(p.get("accompaniment_days")) for p in programme["phases"]), Decimal(0))
    months = sum(p["months"] for p in programme["phases"])
    assert tl.training_days(data.programme) == training
    assert tl.accompaniment_days(data.programme) == accompaniment
    assert tl.total_months(data.programme) == months
    figures = key_figures(data, day=DAY)
    member, tier = pricing["reference"]["membership"], pricing["reference"]["revenue_tier"]
    floor = pricing["opco_funding"]["min_percent"] != pricing["opco_funding"]["max_percent"] or any(
        item.get("minimum") for item in pricing["items"] if _applies(item, member, tier)
    )
    assert figures.member_from == ("à partir de " if floor else "") + fmt.money(totals[member])
    assert figures.training_days == fmt.days(training)
    assert figures.accompaniment_days == fmt.days(accompaniment)
    assert figures.total_months == fmt.months(months)
    if data.restricted is None:
        return
    # The restricted variant loaded: what section 3 announces is what the modules give.
    first = 1
    facts = _phase_facts(trees)
    for phase in programme["phases"]:
        expected = (_exact(phase.get("training_days")), _exact(phase.get("accompaniment_days")), first, first + phase["months"] - 1)
        assert facts[phase["id"]] == expected, phase["id"]
        first += phase["months"]


def _load_and_check(name: str, text: str, trees: dict[str, Any] | None) -> None:
    """Each audience reading `name`: a clean outcome, and figures that follow when it loads."""
    for audience in _audiences(name):
        result = _load_with(name, text, audience=audience)
        _check_clean(result, name, text, audience=audience)
        if trees is not None and isinstance(result, Data):
            _check_figures(result, trees)
            # What `make check` accepts, the editor's schema does not flag.
            assert schema_errors(SCHEMA_OF[name], trees[name]) == []


@SETTINGS
@given(tree_edits())
@example(_set("data/restricted/programme.yml", ("modules", 0, "duration"), 1e25))
@example(_set("data/pricing.yml", ("items", 0, "amount"), 10**28))
@example(_set("data/pricing.yml", ("reference", "amount"), 10**28))
@example(_set("data/programme.yml", ("phases", 0, "training_days"), 1e25))
@example(_set("data/restricted/planning.yml", ("rows", 0, "end_month"), 10**28))
@example(_set("data/planning.yml", ("cohort", "first_month"), "9999-12"))
def test_random_value_edits_load_cleanly_and_figures_follow(edited):
    name, tree = edited
    _load_and_check(name, dump(tree), {**TREES, name: tree})


@SETTINGS
@given(text_edits())
def test_random_keystrokes_load_cleanly(edited):
    name, text = edited
    _load_and_check(name, text, None)


def test_overflows_found_before_are_located_french_errors():
    """A module `duration: 1e25` and an amount of 10**28: the file and the line, not a crash."""
    for (name, tree), field, written in (
        (_set("data/restricted/programme.yml", ("modules", 0, "duration"), 1e25), "modules[0].duration", "duration: 1.0e+25"),
        (_set("data/pricing.yml", ("items", 0, "amount"), 10**28), "items[0].amount", f"amount: {10**28}"),
    ):
        text = dump(tree)
        result = _load_with(name, text, audience="restricted")
        assert isinstance(result, DataErrors), name
        rows = [i for i, row in enumerate(text.splitlines(), start=1) if row.strip() == written]
        assert len(rows) == 1, written
        assert [(e.file, e.line, e.field) for e in result.errors] == [(name, rows[0], field)]
        assert result.errors[0].message.startswith("attendu ") and "au plus" in result.errors[0].message


def test_dumper_round_trips_the_case(data):
    """The harness writes YAML that the loader reads back unchanged."""
    for name in FILES:
        assert _load_with(name, dump(TREES[name]), audience="restricted") == data
