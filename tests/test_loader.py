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


# ------------------------------------------------ YAML read as the editor sees it
def test_leading_zero_is_decimal_not_octal(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    path = data_dir / "pricing.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 750", "amount: 0750"), encoding="utf-8")
    data = load_data(data_dir, root=tmp_path)
    assert data.pricing.items[3].amount == 750


@pytest.mark.parametrize("written", ["0x10", "1_650", "7:50"])
def test_yaml_1_1_numbers_are_refused_not_converted(tmp_path, written):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 750", f"amount: {written}")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé « {written} »"]


def test_yes_is_not_a_boolean(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "  restricted: true\n", "  restricted: yes\n")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 15 : planning.restricted : attendu true ou false, trouvé « yes »"]


def test_no_is_text_where_text_is_expected(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    path = data_dir / "offer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("region: Nouvelle-Aquitaine", "region: no"), encoding="utf-8")
    assert load_data(data_dir, root=tmp_path).offer.region == "no"


def test_python_tag_is_refused(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 750", "amount: !!python/object:os.system x")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : étiquette YAML « !!python/object:os.system » non prise en charge : retirez-la ou mettez la valeur entre guillemets"]


def test_complex_key_is_refused(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    amount: 750\n", "    amount: 750\n    ? [a, b]\n    : 1\n")
    assert errors == [f"data/pricing.yml, ligne {line + 1}, colonne 7 : items[3] : clé invalide : une clé est un simple mot suivi de « : »"]


def test_recursive_alias_is_refused(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 750", "amount: &a [*a]")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[3].amount[0] : un alias « * » renvoie à la section qui le contient : recopiez la valeur"]


def test_control_character(tmp_path):
    errors, line = broken(tmp_path, "contacts.yml", "role: Autres questions", "role: Autres\x07 questions")
    assert errors == [f"data/contacts.yml, ligne {line}, colonne 15 : caractère invisible interdit (code 0x7) : supprimez-le ou retapez la ligne"]


def test_not_utf8(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    path = data_dir / "contacts.yml"
    path.write_bytes(path.read_bytes().replace("Autres".encode(), "Autr\xe9s".encode("latin-1")))
    with pytest.raises(DataErrors) as info:
        load_data(data_dir, root=tmp_path)
    assert [str(e) for e in info.value.errors] == ["data/contacts.yml, ligne 15, colonne 13 : caractère illisible : enregistrez le fichier en UTF-8"]


# ------------------------------------------------------------ YAML syntax, in French
@pytest.mark.parametrize(
    ("old", "new", "line_shift", "column", "message"),
    [
        ('social_handle: "@pole-enter"', "social_handle: @pole-enter", 0, 16, "« @ » ne peut pas commencer une valeur ; mettez la valeur entre guillemets"),
        ('social_handle: "@pole-enter"', 'social_handle: "@pole-enter', 0, 16, "guillemet ouvert ici et jamais refermé"),
        ("role: Autres questions", "role: *Autres questions", 0, 9, "« * » en début de valeur est réservé en YAML ; mettez la valeur entre guillemets"),
        ("  role: Autres questions", " role: Autres questions", 0, 2, "indentation incohérente ; alignez cette ligne sur les clés de même niveau"),
        ("general:\n", "---\ngeneral:\n", 0, 1, "un seul document par fichier ; retirez la ligne « --- »"),
    ],
)
def test_yaml_syntax_messages(tmp_path, old, new, line_shift, column, message):
    errors, line = broken(tmp_path, "contacts.yml", old, new)
    assert errors == [f"data/contacts.yml, ligne {line + line_shift}, colonne {column} : syntaxe YAML invalide : {message}"]


def test_unclosed_bracket_points_at_the_bracket(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "years: [2, 3]", "years: [2, 3")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 12 : syntaxe YAML invalide : crochet « [ » ouvert ici et mal refermé (attendu « , » ou « ] »)"]
