"""Loader and schema: each kind of bad data gives one exact, located message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.errors import DataErrors
from macros.schema import load_data

ROOT = Path(__file__).resolve().parent.parent


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[list[str], int]:
    """Copy data/, replace `old` by `new` in `file`; the errors and the line edited."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_data(data, root=tmp_path)
    return [str(e) for e in info.value.errors], line


def test_shipped_data_is_valid(data):
    assert data.pricing.items and data.programme.modules and data.planning.planning.rows


def test_price_written_as_words(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 3450", "amount: trois mille")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[1].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé « trois mille »"]


def test_negative_amount(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 750", "amount: -750")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant positif ou nul, trouvé -750"]


def test_non_integer_amount(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 750", "amount: 750.5")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé 750.5"]


def test_duplicate_key(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    amount: 750\n", "    amount: 750\n    amount: 800\n")
    assert errors == [f"data/pricing.yml, ligne {line + 1}, colonne 5 : items[3].amount : clé en double (déjà définie ligne {line}) : gardez une seule « amount »"]


def test_unknown_key_with_suggestion(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    amount: 750\n", "    amout: 750\n")
    assert len(errors) == 2
    assert errors[1].startswith(f"data/pricing.yml, ligne {line}, colonne 5 : items[3].amout : clé inconnue « amout » (clés connues : id, label, contract, years, amount,")
    assert errors[1].endswith("vouliez-vous dire « amount » ?")
    assert "champ obligatoire « amount » manquant" in errors[0]


def test_missing_key(tmp_path):
    errors, line = broken(tmp_path, "contacts.yml", "    email: vincent.ribes@pole-enter.org\n", "")
    assert errors == [f"data/contacts.yml, ligne {line - 2}, colonne 5 : people[1].email : champ obligatoire « email » manquant"]


def test_wrong_date_format(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "commitment_deadline: 2025-11-30", 'commitment_deadline: "30/11"')
    assert errors == [f"data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date au format AAAA-MM-JJ (ex. 2025-11-30), trouvé « 30/11 »"]


def test_impossible_date(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "commitment_deadline: 2025-11-30", "commitment_deadline: 2025-11-31")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date qui existe dans le calendrier, trouvé « 2025-11-31 »"]


def test_deadline_after_kickoff(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "commitment_deadline: 2025-11-30", "commitment_deadline: 2025-12-15")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date au plus tard le jour du kick-off (2025-12-01), trouvé 2025-12-15"]


def test_row_outside_its_sequence(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "      start: 2026-02\n", "      start: 2026-05\n")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 14 : planning.rows[4].start : attendu des mois dans la séquence s2 (2026-02 à 2026-02), trouvé 2026-05 à 2026-05"]


def test_unknown_module_reference(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", 'modules: ["3.3"]', 'modules: ["3.9"]')
    assert len(errors) == 1
    assert errors[0].startswith(f"data/planning.yml, ligne {line}, colonne 17 : planning.rows[8].modules[0] : module inconnu « 3.9 » (connus : 1.0, 1.1,")


def test_unknown_profile_reference(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "memberships: [non_adherent]", "memberships: [non_adherant]")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 19 : items[3].memberships[0] : profil inconnu « non_adherant » (connus : adherent, non_adherent) ; vouliez-vous dire « non_adherent » ?"]


def test_restricted_flag_misspelt(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "  restricted: true\n", "  restricted: oui\n")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 15 : planning.restricted : attendu true ou false, trouvé « oui »"]


def test_restricted_key_misspelt(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "  restricted: true\n", "  restricte: true\n")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 3 : planning.restricte : clé inconnue « restricte » (clés connues : restricted, note, legend, rows) ; vouliez-vous dire « restricted » ?"]


def test_tab_indentation(tmp_path):
    errors, line = broken(tmp_path, "contacts.yml", "  - id: vincent-ribes\n", "\t- id: vincent-ribes\n")
    assert len(errors) == 1 and errors[0].startswith(f"data/contacts.yml, ligne {line}, colonne ")
    assert errors[0].endswith("tabulation trouvée : indentez avec des espaces, jamais avec la touche Tab")


def test_broken_yaml_line(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "  - id: frais_dossier\n", "  - id: frais_dossier\n    label: Frais : dossier: x\n")
    assert len(errors) == 1 and errors[0].startswith(f"data/pricing.yml, ligne {line + 1}, colonne ")
    assert "syntaxe YAML invalide" in errors[0]


def test_all_errors_reported_at_once(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name, old, new in (("pricing.yml", "amount: 3450", "amount: x"), ("planning.yml", "places: 10", "places: dix")):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_data(data, root=tmp_path)
    files = sorted(e.file for e in info.value.errors)
    assert files == ["data/planning.yml", "data/pricing.yml"]
