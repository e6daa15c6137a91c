"""Editor support: JSON Schemas generated from the model, and used by each data file.

The committed schemas must be what `make schemas` writes today, one per
document of `tools/schemas.py` (public files and restricted ones). The
shipped data must validate against them as an editor reads YAML (dates and
months as text): the live public files, the frozen case's synthetic
restricted files, and the live restricted files only when this clone can
read them. What the model refuses in one file, the schema flags too, with
the model's French descriptions; the refused edits are made on the frozen
case, so they hold whatever ENTER writes in data/.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import BROCHURE, FIXTURES, ROOT, copy_project, edit_tree, read_tree, restricted_ready, schema_errors, validator
from tools import schemas

DOCUMENTS = schemas.documents()
NAMES = list(DOCUMENTS)
PUBLIC = [name for name, (_model, path) in DOCUMENTS.items() if not path.startswith("data/restricted/")]
RESTRICTED = [name for name in NAMES if name not in PUBLIC]
CASE = FIXTURES / BROCHURE


def _data_path(name: str) -> str:
    """`data/…yml`, the file the schema `name` describes."""
    return DOCUMENTS[name][1]


def _require_readable(name: str) -> None:
    """Skip a test of a live restricted file when this clone cannot read it."""
    if name in RESTRICTED and not restricted_ready():
        pytest.skip("sources restreintes chiffrées dans ce clone (git-crypt) : non lues")


def test_documents_cover_every_model_and_file():
    from macros.model import FILES, RESTRICTED_FILES

    assert list(FILES) == PUBLIC and [f"restricted-{name}" for name in RESTRICTED_FILES] == RESTRICTED
    assert {_data_path(name) for name in PUBLIC} == {f"data/{name}.yml" for name in FILES}
    assert {_data_path(name) for name in RESTRICTED} == {f"data/restricted/{name}.yml" for name in RESTRICTED_FILES}
    assert all((CASE / _data_path(name)).is_file() for name in NAMES)


def test_committed_schemas_are_up_to_date():
    assert schemas.outdated() == [], "lancez `make schemas` et committez schemas/"
    assert sorted(path.name for path in (ROOT / "schemas").glob("*.schema.json")) == sorted(f"{name}.schema.json" for name in NAMES)


def _stale(folder: Path) -> None:
    """Make three schemas of `folder` out of date: one changed, one missing, one restricted."""
    (folder / "pricing.schema.json").write_text("{}\n", encoding="utf-8")
    (folder / "offer.schema.json").unlink()
    (folder / "restricted-planning.schema.json").write_text("{}\n", encoding="utf-8")


def test_schema_check_command_fails_when_out_of_date(tmp_path):
    for name in NAMES:
        (tmp_path / f"{name}.schema.json").write_text(schemas.render(name), encoding="utf-8")
    assert schemas.outdated(tmp_path) == []
    _stale(tmp_path)
    assert schemas.outdated(tmp_path) == ["offer", "pricing", "restricted-planning"]
    result = subprocess.run([sys.executable, "-m", "tools.schemas", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "Schémas à jour : schemas/*.schema.json\n"
    # The failing path of the command itself, on a copy of the project whose schemas are stale.
    project = copy_project(tmp_path / "project")
    _stale(project / "schemas")
    result = subprocess.run([sys.executable, "-m", "tools.schemas", "--check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "Schémas périmés : schemas/offer.schema.json, schemas/pricing.schema.json, "
        "schemas/restricted-planning.schema.json ; lancez `make schemas`.\n"
    )


@pytest.mark.parametrize("name", NAMES)
def test_each_data_file_names_its_schema_on_its_first_line(name):
    _require_readable(name)
    path = ROOT / _data_path(name)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert path.parent.joinpath(first.removeprefix(prefix)).resolve() == ROOT / "schemas" / f"{name}.schema.json"
    if name in PUBLIC:
        assert first == schemas.schema_line(name) == f"{prefix}../schemas/{name}.schema.json"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("where", ["live", "fixture"])
def test_shipped_data_validates_against_its_schema(name, where):
    if where == "live":
        _require_readable(name)
    project = ROOT if where == "live" else CASE
    tree = read_tree(project, _data_path(name))
    assert schema_errors(name, tree) == []


@pytest.mark.parametrize(
    ("name", "path", "value", "keyword"),
    [
        ("pricing", ("items", 1, "amount"), "trois mille", "type"),
        ("pricing", ("items", 1, "amount"), -750, "minimum"),
        ("pricing", ("items", 1, "amount"), 750.5, "type"),
        ("pricing", ("items", 1, "amount"), 10**28, "maximum"),
        ("pricing", ("items", 1, "opco_fundable"), "oui", "type"),
        ("planning", ("cohort", "commitment_deadline"), "30/11", "format pattern"),
        ("planning", ("cohort", "commitment_deadline"), "2025-11-31", "format"),
        ("planning", ("cohort", "first_month"), "2026-13", "pattern"),
        ("planning", ("cohort", "places"), 0, "minimum"),
        ("programme", ("phases", 0, "months"), 61, "maximum"),
        ("programme", ("modes", 0), "hybride", "enum"),
        ("restricted-programme", ("modules", 0, "code"), 1.0, "type"),
        ("restricted-programme", ("modules", 0, "kind"), "formations", "enum"),
        ("restricted-programme", ("modules", 0, "month"), 61, "maximum"),
        ("restricted-programme", ("counting", "training_kinds", 0), "formations", "enum"),
        ("restricted-planning", ("rows", 0, "month"), 0, "minimum"),
        ("restricted-planning", ("rows", 0, "format"), "collectif", "enum"),
        ("contacts", ("general", "email"), "contact(at)pole-enter.org", "pattern"),
    ],
)
def test_schema_flags_what_the_model_refuses(name, path, value, keyword):
    tree = edit_tree(read_tree(CASE, _data_path(name)), path, "set", value)
    assert schema_errors(name, tree) == [(list(path), word) for word in keyword.split()]


@pytest.mark.parametrize(
    ("path", "value"),
    [(("modules", 0, "duration"), 1e25), (("modules", 0, "duration"), -2), (("modules", 0, "duration"), "2 h")],
)
def test_schema_flags_a_refused_optional_number(path, value):
    """An optional number is `anyOf` (a number, or null): the schema flags the field itself."""
    tree = edit_tree(read_tree(CASE, "data/restricted/programme.yml"), path, "set", value)
    assert schema_errors("restricted-programme", tree) == [(list(path), "anyOf")]


def test_schema_flags_unknown_and_missing_keys():
    tree = read_tree(CASE, "data/pricing.yml")
    tree = edit_tree(tree, ("items", 3, "amount"), "rename", "_typo")
    assert [keyword for _path, keyword in schema_errors("pricing", tree)] == ["additionalProperties", "required"]
    tree = edit_tree(read_tree(CASE, "data/restricted/planning.yml"), ("rows", 0, "month"), "rename", "s")
    assert [keyword for _path, keyword in schema_errors("restricted-planning", tree)] == ["additionalProperties", "required"]


def test_descriptions_are_french_and_help():
    schema = json.loads((ROOT / "schemas" / "pricing.schema.json").read_text(encoding="utf-8"))
    item = schema["$defs"]["Item"]["properties"]
    assert item["amount"]["description"] == "Montant en euros entiers, par année concernée, sans espace ni symbole (ex. 1650)"
    assert item["amount"]["type"] == "integer" and item["amount"]["minimum"] == 0 and item["amount"]["maximum"] == 1_000_000
    assert schema["title"] == "data/pricing.yml"
    assert schema["description"] == "data/pricing.yml : les postes de prix ; aucun total n'est saisi."
    assert "Title" not in json.dumps(schema) and '"title": "Item"' not in json.dumps(schema)


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_titled_with_its_file(name):
    schema = validator(name).schema
    assert schema["title"] == _data_path(name)
    assert schema["description"].startswith(f"{_data_path(name)} : ")
