"""MkDocs' configuration read as data, without MkDocs: the one lenient loader.

`make check` (tools/pagecheck.py), `make bench` and the tests read
mkdocs.yml and mkdocs.restricted.yml this way: `INHERIT` resolved as MkDocs
does (mappings merged key by key), MkDocs' own tags (`!ENV`, `!relative`,
`!!python/name:`) read as empty values.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Lenient(yaml.SafeLoader):
    """A YAML loader that reads MkDocs' `!!python/…` and `!ENV` tags as plain values."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def site_config(config_file: Path) -> dict[str, Any]:
    """The configuration as MkDocs merges it: `INHERIT` first, then this file (mappings merged)."""
    own = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}  # safe: a SafeLoader subclass
    parent = own.pop("INHERIT", None)
    if not parent:
        return own
    return _merge(site_config(config_file.parent / parent), own)


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Mappings merged key by key, any other value replaced (MkDocs' INHERIT rule)."""
    merged = dict(base)
    for key, value in child.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged
