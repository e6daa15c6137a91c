"""Data files as an editor sees and edits them (shared by test_schemas and test_properties).

A data file is read with our loader, turned into the JSON an editor's YAML
extension validates (dates as text), edited at a path, written back as
YAML our loader reads unchanged, and checked against its committed schema.
Test modules import these helpers from here, never from each other.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator

from helpers import ROOT
from macros.loader import _Loader, load_file
from tools import schemas

SCHEMAS = ROOT / "schemas"


def schema_names() -> dict[str, str]:
    """`data/…yml` (relative to the project) → the name of its schema, from tools/schemas.py."""
    return {path: name for name, (_model, path) in schemas.documents().items()}


def read_tree(project: Path, path: str) -> Any:
    """The file `path` of `project` (e.g. `data/restricted/programme.yml`) as our loader reads it."""
    return load_file(project / path, name=path).data


def as_editor_sees(value: Any) -> Any:
    """Our loader's values as JSON: dates become the text the editor shows."""
    if isinstance(value, dict):
        return {key: as_editor_sees(child) for key, child in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_editor_sees(child) for child in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@functools.lru_cache(maxsize=None)
def validator(name: str) -> Draft7Validator:
    """A validator by the committed schemas/<name>.schema.json, formats included."""
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(name: str, tree: Any) -> list[tuple[list[Any], str]]:
    """(path, JSON Schema keyword) of every error the schema `name` flags in `tree`, sorted."""
    return sorted((list(e.absolute_path), e.validator) for e in validator(name).iter_errors(as_editor_sees(tree)))


def edit(node: Any, path: tuple[Any, ...], op: str = "set", value: Any = None) -> Any:
    """A copy of `node` with the element at `path` set, removed, renamed, doubled…

    `op` is one of: set, delete, rename (key + `value`), unknown (a sibling
    key `<key>_x` set to `value`), double (a list element repeated), empty
    (the list emptied). Dicts stay dicts, lists become tuples (as loaded).
    """
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        items = dict(node)
        if rest:
            items[head] = edit(items[head], rest, op, value)
        elif op == "delete":
            del items[head]
        elif op == "rename":
            items = {(f"{key}{value}" if key == head else key): child for key, child in items.items()}
        elif op == "unknown":
            items[f"{head}_x"] = value
        else:
            items[head] = value
        return items
    elements = list(node)
    if rest:
        elements[head] = edit(elements[head], rest, op, value)
    elif op == "delete":
        del elements[head]
    elif op in ("double", "unknown"):
        elements.insert(head, elements[head])
    elif op == "empty":
        elements = []
    else:
        elements[head] = value
    return tuple(elements)


def paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path of the tree (the root excluded)."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*path, key))
    elif isinstance(node, (list, tuple)):
        for index, child in enumerate(node):
            found += paths(child, (*path, index))
    return found


class _Dumper(yaml.SafeDumper):
    """Writes YAML the way our loader reads it (quotes what it would not read as text)."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _represent_tuple(dumper: yaml.SafeDumper, value: tuple) -> yaml.Node:
    """Tuples (our loader's lists) are written as YAML lists."""
    return dumper.represent_list(list(value))


_Dumper.add_representer(tuple, _represent_tuple)


def dump(tree: Any) -> str:
    """YAML text that our loader reads back as `tree`."""
    return yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
