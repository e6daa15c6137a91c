"""Editor support: JSON Schemas generated from the model, and used by each data file.

The committed schemas must be what `make schemas` writes today; the shipped
data must validate against them as an editor reads YAML (dates and months
as text); what the model refuses in one file, the schema flags too, with
the model's French descriptions.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from conftest import ROOT
from macros.loader import load_file
from macros.model import FILES
from tools import schemas

NAMES = list(FILES)


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
    """A validator of data/<name>.yml by its committed schema, formats included."""
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def shipped(name: str) -> Any:
    """data/<name>.yml as the editor sees it."""
    return as_editor_sees(load_file(ROOT / "data" / f"{name}.yml", name=f"data/{name}.yml").data)


def test_committed_schemas_are_up_to_date():
    assert schemas.outdated() == [], "lancez `make schemas` et committez schemas/"


def test_schema_check_command_fails_when_out_of_date(tmp_path):
    for name in NAMES:
        (tmp_path / f"{name}.schema.json").write_text(schemas.render(name), encoding="utf-8")
    assert schemas.outdated(tmp_path) == []
    (tmp_path / "pricing.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "offer.schema.json").unlink()
    assert schemas.outdated(tmp_path) == ["offer", "pricing"]
    result = subprocess.run([sys.executable, "tools/schemas.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "Schémas à jour : schemas/*.schema.json\n"


@pytest.mark.parametrize("name", NAMES)
def test_each_data_file_names_its_schema_on_its_first_line(name):
    first = (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == schemas.schema_line(name) == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"
    assert (ROOT / "data" / f"{name}.yml").parent.joinpath(first.split("=", 1)[1]).resolve() == ROOT / "schemas" / f"{name}.schema.json"


@pytest.mark.parametrize("name", NAMES)
def test_shipped_data_validates_against_its_schema(name):
    errors = [f"{'.'.join(map(str, e.absolute_path))} : {e.message}" for e in validator(name).iter_errors(shipped(name))]
    assert errors == []


@pytest.mark.parametrize(
    ("name", "path", "value", "keyword"),
    [
        ("pricing", ("items", 1, "amount"), "trois mille", "type"),
        ("pricing", ("items", 1, "amount"), -750, "minimum"),
        ("pricing", ("items", 1, "amount"), 750.5, "type"),
        ("planning", ("cohort", "commitment_deadline"), "30/11", "format pattern"),
        ("planning", ("cohort", "commitment_deadline"), "2025-11-31", "format"),
        ("planning", ("cohort", "first_month"), "2026-13", "pattern"),
        ("planning", ("planning", "restricted"), "oui", "type"),
        ("programme", ("modules", 0, "code"), 1.0, "type"),
        ("programme", ("modules", 0, "kind"), "formations", "enum"),
        ("contacts", ("general", "email"), "contact(at)pole-enter.org", "pattern"),
    ],
)
def test_schema_flags_what_the_model_refuses(name, path, value, keyword):
    data = shipped(name)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    errors = list(validator(name).iter_errors(data))
    assert sorted((list(e.absolute_path), e.validator) for e in errors) == [(list(path), word) for word in keyword.split()]


def test_schema_flags_unknown_and_missing_keys():
    data = shipped("pricing")
    data["items"][3]["amout"] = data["items"][3].pop("amount")
    messages = sorted(e.validator for e in validator("pricing").iter_errors(data))
    assert messages == ["additionalProperties", "required"]


def test_descriptions_are_french_and_help():
    schema = json.loads((ROOT / "schemas" / "pricing.schema.json").read_text(encoding="utf-8"))
    item = schema["$defs"]["Item"]["properties"]
    assert item["amount"]["description"] == "Montant en euros entiers, par année concernée, sans espace ni symbole (ex. 1650)"
    assert item["amount"]["type"] == "integer" and item["amount"]["minimum"] == 0
    assert schema["title"] == "data/pricing.yml"
    assert schema["description"] == "data/pricing.yml : les postes de prix ; aucun total n'est saisi."
    assert "Title" not in json.dumps(schema) and '"title": "Item"' not in json.dumps(schema)
