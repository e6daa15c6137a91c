"""Property-based tests: random edits of the shipped data never crash.

Each example copies `data/`, damages one file at random, and loads it. The
load either succeeds or raises DataErrors whose every message is located
(`data/x.yml, ligne L, colonne C : …`): never another exception. When the
load succeeds, every page builder and calendar of the core runs without an
exception, and the figures that matter (amounts, totals, training days)
equal the ones recomputed here, independently, from what was written.
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

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import formatting as fmt
from macros import pricing as pr
from macros import render, views
from macros import timeline as tl
from macros.calendar import public_calendar, restricted_calendar
from macros.errors import DataErrors
from macros.loader import _Loader, load_file
from macros.model import Data
from macros.schema import load_data
from test_schemas import as_editor_sees, validator

ROOT = Path(__file__).resolve().parent.parent
FILES = ("offer.yml", "contacts.yml", "pricing.yml", "programme.yml", "planning.yml")
LOCATED = re.compile(r"^data/(offer|contacts|pricing|programme|planning)\.yml, ligne \d+, colonne \d+ : \S")
DAY = dt.date(2025, 11, 3)
STAMP = dt.datetime(2025, 11, 3, tzinfo=dt.timezone.utc)
# DATA_FUZZ_EXAMPLES=5000 for a longer search than the default run.
SETTINGS = settings(max_examples=int(os.environ.get("DATA_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Dumper(yaml.SafeDumper):
    """Writes YAML the way our loader reads it (quotes what it would not read as text)."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _represent_tuple(dumper: yaml.SafeDumper, value: tuple) -> yaml.Node:
    """Tuples (our loader's lists) are written as YAML lists."""
    return dumper.represent_list(list(value))


_Dumper.add_representer(tuple, _represent_tuple)


def _tree(name: str) -> Any:
    """The shipped file `name` as plain Python values."""
    return load_file(ROOT / "data" / name, name=f"data/{name}").data


TREES = {name: _tree(name) for name in FILES}

# Values an editor might type, or a slip of the finger might produce.
EDITOR_TEXT = st.sampled_from([
    "", " ", "trois mille", "3 450", "1 650 €", "1650€", "0750", "1:30", "0x10", "1_650", "1e3",
    "yes", "no", "oui", "non", "on", "off", "True", "null", "~", "30/11", "2025-11-31", "2025-2-3",
    "2025-11-30", "2026-13", "2026-01", "2026-1", "M3", "s9", "3.9", "2.3", "adherent", "non_adherant",
    "enter", "ca_moins_12m", "formation", "jours", "groupe", "@x", "a: b", "- x", "#", "[1, 2",
    "é", "\t", "Ça coûte 3 450 € HT",
])
SCALARS = st.one_of(
    st.integers(min_value=-10**6, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1)),
    EDITOR_TEXT,
    st.text(max_size=12),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3).map(tuple), st.dictionaries(st.sampled_from(["id", "amount", "x"]), SCALARS, max_size=2))


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path of the tree (the root excluded)."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    elif isinstance(node, tuple):
        for index, child in enumerate(node):
            found += _paths(child, (*path, index))
    return found


def _replace(node: Any, path: tuple, op: str, value: Any) -> Any:
    """A copy of `node` with the element at `path` replaced, removed, doubled…"""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        items = dict(node)
        if rest:
            items[head] = _replace(items[head], rest, op, value)
        elif op == "delete":
            del items[head]
        elif op == "rename":
            items = {(f"{key}{value}" if key == head else key): child for key, child in items.items()}
        elif op == "unknown":
            items[f"{head}_x"] = value
        else:
            items[head] = value
        return items
    items_list = list(node)
    if rest:
        items_list[head] = _replace(items_list[head], rest, op, value)
    elif op == "delete":
        del items_list[head]
    elif op in ("double", "unknown"):
        items_list.insert(head, items_list[head])
    elif op == "empty":
        items_list = []
    else:
        items_list[head] = value
    return tuple(items_list)


@st.composite
def tree_edits(draw: st.DrawFn) -> tuple[str, Any]:
    """One data file with one random edit of its tree."""
    name = draw(st.sampled_from(FILES))
    tree = TREES[name]
    path = draw(st.sampled_from(_paths(tree)))
    op = draw(st.sampled_from(["set", "set", "set", "delete", "rename", "unknown", "double", "empty"]))
    value = draw(VALUES) if op in ("set", "unknown") else draw(st.sampled_from(["s", "_", "x"]))
    return name, _replace(tree, path, op, value)


CHARS = st.sampled_from(list(":-#'\"[]{}*&!%@`|>,? \t\n\r0123456789.aeé€\x00\x07\ufeff"))


@st.composite
def text_edits(draw: st.DrawFn) -> tuple[str, str]:
    """One data file with a few characters inserted, deleted or replaced."""
    name = draw(st.sampled_from(FILES))
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
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


def _load_with(name: str, text: str) -> Data | DataErrors:
    """Load the shipped data with `name` replaced by `text`."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data_dir)
        (data_dir / name).write_text(text, encoding="utf-8")
        try:
            return load_data(data_dir, root=Path(tmp))
        except DataErrors as exc:
            return exc


def _check_clean(result: Data | DataErrors, text: str) -> None:
    """A clean outcome: valid data that renders, or located French errors."""
    if isinstance(result, DataErrors):
        assert result.errors
        lines = text.count("\n") + 2
        for error in result.errors:
            assert LOCATED.match(str(error)), str(error)
            assert 1 <= error.line <= lines and error.column >= 1, str(error)
        return
    _render_everything(result)


def _render_everything(data: Data) -> None:
    """Every page builder, renderer and calendar of the core."""
    figures = views.key_figures(data, day=DAY)
    render.key_figures(figures)
    table = views.price_table(data)
    render.price_table(table)
    render.price_cards(table)
    render.contract_breakdown(views.contract_views(data))
    render.sequences(views.sequence_views(data))
    render.phases(views.phase_views(data))
    render.status(views.status_view(data, day=DAY))
    render.modules(views.module_views(data, audience="restricted"))
    render.gantt(views.gantt(data, audience="restricted"))
    public_calendar(data, stamp=STAMP)
    restricted_calendar(data, audience="restricted", stamp=STAMP)
    views.completeness_report(data)


def _applies(item: dict, membership: str, tier: str) -> bool:
    """Whether a written price item is billed to this profile (no core code)."""
    return (item.get("memberships") is None or membership in item["memberships"]) and (
        item.get("revenue_tiers") is None or tier in item["revenue_tiers"]
    )


def _expected_figures(trees: dict[str, Any]) -> dict[str, Decimal]:
    """Totals recomputed from the written values, without the core."""
    pricing, programme = trees["pricing.yml"], trees["programme.yml"]
    reference = pricing["reference"]
    top = Fraction(pricing["opco_funding"]["max_percent"], 100)
    totals = {}
    for member in pricing["memberships"]:
        total = Fraction(0)
        for item in pricing["items"]:
            if _applies(item, member["id"], reference["revenue_tier"]):
                share = (1 - top) if item.get("opco_fundable") else 1
                total += Fraction(item["amount"]) * share * len(item["years"])
        totals[member["id"]] = Decimal(total.numerator) / Decimal(total.denominator)
    training = sum(
        (Decimal(str(m["duration"])) for m in programme["modules"]
         if m["kind"] in programme["counting"]["training_kinds"] and m.get("unit") == "jours" and m.get("duration") is not None),
        Decimal(0),
    )
    return {**{f"total_{key}": value for key, value in totals.items()}, "training_days": training}


def _check_figures(data: Data, trees: dict[str, Any]) -> None:
    """What the site shows equals what was written, recomputed independently."""
    for written, item in zip(trees["pricing.yml"]["items"], data.pricing.items):
        assert item.amount == Decimal(written["amount"]) and not isinstance(written["amount"], bool)
    expected = _expected_figures(trees)
    tier = data.pricing.reference.revenue_tier
    for member in data.pricing.memberships:
        quote = pr.quote(data.pricing, membership=member.id, revenue_tier=tier, funding="finance")
        assert quote.total == expected[f"total_{member.id}"]
    assert tl.training_days(data.programme) == expected["training_days"]
    figures = views.key_figures(data, day=DAY)
    assert figures.member_from == fmt.money(expected[f"total_{data.pricing.reference.membership}"])
    assert figures.training_days == fmt.days(expected["training_days"])


@SETTINGS
@given(tree_edits())
def test_random_value_edits_load_cleanly_and_figures_follow(edit):
    name, tree = edit
    text = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    result = _load_with(name, text)
    _check_clean(result, text)
    if isinstance(result, Data):
        _check_figures(result, {**TREES, name: tree})
        # What `make check` accepts, the editor's schema does not flag.
        stem = name.removesuffix(".yml")
        assert [e.message for e in validator(stem).iter_errors(as_editor_sees(tree))] == []


@SETTINGS
@given(text_edits())
def test_random_keystrokes_load_cleanly(edit):
    name, text = edit
    _check_clean(_load_with(name, text), text)


def test_dumper_round_trips_the_shipped_data(data):
    """The harness writes YAML that the loader reads back unchanged."""
    for name in FILES:
        text = yaml.dump(TREES[name], Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        assert _load_with(name, text) == data
