"""Loader and schema: each kind of bad data gives one exact, located message.

The kinds of bad data are one table, `DATA_ERRORS` (tests/helpers.py): each
edit of the brochure case is loaded here, in process, by every audience that
reads the file; test_errors.py runs a sample through `tools/build.py check`
and test_editing.py checks that EDITING.md explains every message. The
cases below are those a one-line edit cannot make (bytes, a whole file,
a computed block) or that load without error.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import BROCHURE, DATA_ERRORS, FIXTURES, ROOT, replace_once, restricted_ready
from macros.errors import DataErrors
from macros.loader import load_text
from macros.validation import load_data

CASE_DATA = FIXTURES / BROCHURE / "data"


def broken(tmp_path: Path, file: str, old: str, new: str, *, audience: str = "public") -> tuple[list[str], int]:
    """Copy the brochure case's data, replace `old` by `new` in `file`; the errors and the line edited.

    `file` is relative to data/ (`restricted/programme.yml` for a restricted
    file, whose rules only the restricted audience checks).
    """
    data = tmp_path / "data"
    shutil.copytree(CASE_DATA, data)
    line = replace_once(data / file, old, new)
    with pytest.raises(DataErrors) as info:
        load_data(data, root=tmp_path, audience=audience)
    return [str(e) for e in info.value.errors], line


def test_shipped_data_is_valid():
    public = load_data(ROOT / "data", root=ROOT, audience="public")
    assert public.pricing.items and public.programme.phases and public.restricted is None
    if restricted_ready():
        restricted = load_data(ROOT / "data", root=ROOT, audience="restricted")
        assert restricted.restricted is not None
        assert restricted.restricted.programme.modules and restricted.restricted.planning.rows


@pytest.mark.parametrize("audience", ["public", "restricted"])
def test_fixture_case_is_valid(audience):
    data = load_data(CASE_DATA, root=FIXTURES / BROCHURE, audience=audience)
    assert data.pricing.items and data.programme.phases
    assert (data.restricted is not None) == (audience == "restricted")
    if data.restricted is not None:
        assert data.restricted.programme.modules and data.restricted.planning.rows


@pytest.mark.parametrize(
    ("case", "audience"),
    [(case, audience) for case in DATA_ERRORS for audience in case.audiences],
    ids=[f"{case.id}-{audience}" for case in DATA_ERRORS for audience in case.audiences],
)
def test_each_kind_of_bad_data_gives_its_located_messages(tmp_path, case, audience):
    data = tmp_path / "data"
    shutil.copytree(CASE_DATA, data)
    expected = case.apply(data)
    with pytest.raises(DataErrors) as info:
        load_data(data, root=tmp_path, audience=audience)
    errors = [str(e) for e in info.value.errors]
    if case.partial:
        assert [m for m in expected if m not in errors] == [], errors
    else:
        assert errors == expected


def test_the_cases_are_distinct_and_the_cli_sample_exact():
    assert len({case.id for case in DATA_ERRORS}) == len(DATA_ERRORS)
    assert len({(case.file, case.old, case.new) for case in DATA_ERRORS}) == len(DATA_ERRORS)
    assert [case.id for case in DATA_ERRORS if case.cli and case.partial] == []  # the CLI pins the whole report


def test_all_errors_reported_at_once(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(CASE_DATA, data)
    for name, old, new in (("pricing.yml", "amount: 3450", "amount: x"), ("planning.yml", "places: 10", "places: dix")):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_data(data, root=tmp_path)
    files = sorted(e.file for e in info.value.errors)
    assert files == ["data/planning.yml", "data/pricing.yml"]


# ------------------------------------------------ YAML read as the editor sees it
def test_leading_zero_is_decimal_not_octal(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
    path = data_dir / "pricing.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 750", "amount: 0750"), encoding="utf-8")
    data = load_data(data_dir, root=tmp_path)
    assert data.pricing.items[3].amount == 750


def test_no_is_text_where_text_is_expected(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
    path = data_dir / "offer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("region: Nouvelle-Aquitaine", "region: no"), encoding="utf-8")
    assert load_data(data_dir, root=tmp_path).offer.region == "no"


def test_not_utf8(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
    path = data_dir / "contacts.yml"
    path.write_bytes(path.read_bytes().replace(b"Autres", "Autr\xe9s".encode("latin-1")))
    with pytest.raises(DataErrors) as info:
        load_data(data_dir, root=tmp_path)
    assert [str(e) for e in info.value.errors] == ["data/contacts.yml, ligne 16, colonne 13 : caractère illisible : enregistrez le fichier en UTF-8"]


# ------------------------------------------------------------ YAML syntax, in French
def text_errors(text: str) -> list[str]:
    """The errors for YAML `text` read as data/programme.yml."""
    with pytest.raises(DataErrors) as info:
        load_text(text, name="data/programme.yml")
    return [str(e) for e in info.value.errors]


UNCLOSED = "syntaxe YAML invalide : guillemet ouvert ici et jamais refermé"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('kickoff:\n  title: "Kick-off\n  place: "Bordeaux"\n  days: 2\n', 2, 10),
        ("kickoff:\n  title: 'Kick-off\n  place: 'Bordeaux'\n  days: 2\n", 2, 10),
        ("kickoff:\n  title: 'Kick-off\n  partner: l'ADEME\n", 2, 10),
        ('kickoff:\n  place: "Bordeaux"\n  title: "Kick-off\n', 3, 10),
        ("kickoff:\n  place: 'Bordeaux'\n  title: 'Kick-off\n", 3, 10),
        ('modules:\n  - code: "1.1\n    title: Kick-off\n  - code: "1.2"\n', 2, 11),
        ('tags:\n  - "kick-off\n  - "atelier"\n', 2, 5),
        ('# l\'équipe dit "bonjour\nkickoff:\n  note: |\n    "citation\n  title: "Kick-off\n  place: "Bordeaux"\n', 5, 10),
        ('kickoff:\n  title: "dit \\"non\\" puis\n  place: "Bordeaux"\n', 2, 10),
    ],
    ids=[
        "double", "single", "single-closed-by-apostrophe", "double-last", "single-last",
        "list-of-maps", "list", "after-comment-and-block", "escaped-double",
    ],
)
def test_unclosed_quote_points_at_the_opening_quote(text, line, column):
    assert text_errors(text) == [f"data/programme.yml, ligne {line}, colonne {column} : {UNCLOSED}"]


def test_apostrophe_and_two_line_quote_are_not_unclosed_quotes():
    loaded = load_text(
        "kickoff:\n  partner: l'ADEME\n  title: \"Kick-off\n    à Bordeaux\"\n  place: 'Bordeaux'\n",
        name="data/programme.yml",
    )
    assert loaded.data == {"kickoff": {"partner": "l'ADEME", "title": "Kick-off à Bordeaux", "place": "Bordeaux"}}


def test_indentation_error_after_quotes_is_still_an_indentation_error():
    text = "kickoff:\n  partner: l'ADEME\n  title: \"Kick-off\n    à Bordeaux\"\n  place: \"Bordeaux\"\n days: 2\n"
    assert text_errors(text) == [
        "data/programme.yml, ligne 6, colonne 2 : syntaxe YAML invalide : indentation incohérente ; alignez cette ligne sur les clés de même niveau"
    ]


# ------------------------------------------------------------- dates and numbers
def test_quoted_date_is_a_date(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
    path = data_dir / "planning.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kickoff_from: 2025-12-01", 'kickoff_from: "2025-12-01"'), encoding="utf-8")
    assert load_data(data_dir, root=tmp_path).planning.cohort.kickoff_from.isoformat() == "2025-12-01"


# ------------------------------------------------------- what the site relies on
def test_empty_planning(tmp_path):
    text = (CASE_DATA / "restricted" / "planning.yml").read_text(encoding="utf-8")
    rows = text[text.index("rows:\n"):]
    errors, line = broken(tmp_path, "restricted/planning.yml", rows, "rows: []\n", audience="restricted")
    assert errors == [f"data/restricted/planning.yml, ligne {line}, colonne 7 : rows : attendu une liste non vide, trouvé une liste vide"]


def test_empty_file(tmp_path):
    errors, _ = broken(tmp_path, "contacts.yml", (CASE_DATA / "contacts.yml").read_text(encoding="utf-8"), "")
    assert errors[0] == "data/contacts.yml, ligne 1, colonne 1 : general : champ obligatoire « general » manquant"
    assert len(errors) == 4


def test_file_missing(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
    (data_dir / "contacts.yml").unlink()
    with pytest.raises(DataErrors) as info:
        load_data(data_dir, root=tmp_path)
    assert [str(e) for e in info.value.errors] == ["data/contacts.yml, ligne 1, colonne 1 : fichier introuvable"]
