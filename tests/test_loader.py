"""Loader and schema: each kind of bad data gives one exact, located message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import BROCHURE, FIXTURES, ROOT, restricted_ready
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
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
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
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 5 : items[3].amout : clé inconnue « amout » (clés connues : id, label, contract, years, amount, minimum, opco_fundable, memberships, revenue_tiers) ; vouliez-vous dire « amount » ?"]


def test_unknown_key_without_suggestion_keeps_the_missing_field(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    amount: 750\n", "    prix: 750\n")
    assert errors == [
        f"data/pricing.yml, ligne {line - 2}, colonne 5 : items[3].amount : champ obligatoire « amount » manquant",
        f"data/pricing.yml, ligne {line}, colonne 5 : items[3].prix : clé inconnue « prix » (clés connues : id, label, contract, years, amount, minimum, opco_fundable, memberships, revenue_tiers)",
    ]


def test_choice_misspelt(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "    mode: distanciel", "    mode: distance", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 11 : modules[10].mode : attendu une de ces valeurs : presentiel, virtuel ou distanciel, trouvé « distance » ; vouliez-vous dire « distanciel » ?"]


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
    errors, line = broken(tmp_path, "restricted/planning.yml", "    month: 2\n", "    month: 5\n", audience="restricted")
    assert errors == [f"data/restricted/planning.yml, ligne {line}, colonne 12 : rows[4].month : attendu des mois dans la séquence s2 (M2 à M2), trouvé M5 à M5"]


def test_unknown_module_reference(tmp_path):
    errors, line = broken(tmp_path, "restricted/planning.yml", 'modules: ["3.3"]', 'modules: ["3.9"]', audience="restricted")
    assert len(errors) == 1
    assert errors[0].startswith(f"data/restricted/planning.yml, ligne {line}, colonne 15 : rows[8].modules[0] : module inconnu « 3.9 » (connus : 1.0, 1.1,")


def test_unknown_profile_reference(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "memberships: [non_adherent]", "memberships: [non_adherant]")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 19 : items[3].memberships[0] : profil inconnu « non_adherant » (connus : adherent, non_adherent) ; vouliez-vous dire « non_adherent » ?"]


def test_boolean_misspelt(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    minimum: true               #", "    minimum: oui               #")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 14 : items[1].minimum : attendu true ou false, trouvé « oui »"]


def test_restricted_key_misspelt(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "sequences:\n", "sequence:\n", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 1 : sequence : clé inconnue « sequence » (clés connues : aim, counting, sequences, modules) ; vouliez-vous dire « sequences » ?"]


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


@pytest.mark.parametrize("written", ["0x10", "1_650", "7:50"])
def test_yaml_1_1_numbers_are_refused_not_converted(tmp_path, written):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 750", f"amount: {written}")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé « {written} »"]


def test_yes_is_not_a_boolean(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    opco_fundable: true\n", "    opco_fundable: yes\n")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 20 : items[0].opco_fundable : attendu true ou false, trouvé « yes »"]


def test_no_is_text_where_text_is_expected(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
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
    shutil.copytree(CASE_DATA, data_dir)
    path = data_dir / "contacts.yml"
    path.write_bytes(path.read_bytes().replace("Autres".encode(), "Autr\xe9s".encode("latin-1")))
    with pytest.raises(DataErrors) as info:
        load_data(data_dir, root=tmp_path)
    assert [str(e) for e in info.value.errors] == ["data/contacts.yml, ligne 16, colonne 13 : caractère illisible : enregistrez le fichier en UTF-8"]


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
    assert text_errors(text) == ["data/programme.yml, ligne 6, colonne 2 : syntaxe YAML invalide : indentation incohérente ; alignez cette ligne sur les clés de même niveau"]


# ------------------------------------------------------------- dates and numbers
def test_date_with_one_digit_month(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "kickoff_from: 2025-12-01", "kickoff_from: 2025-12-1")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 17 : cohort.kickoff_from : attendu une date au format AAAA-MM-JJ, mois et jour sur deux chiffres (ex. 2025-02-03), trouvé « 2025-12-1 »"]


def test_quoted_date_is_a_date(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(CASE_DATA, data_dir)
    path = data_dir / "planning.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kickoff_from: 2025-12-01", 'kickoff_from: "2025-12-01"'), encoding="utf-8")
    assert load_data(data_dir, root=tmp_path).planning.cohort.kickoff_from.isoformat() == "2025-12-01"


def test_date_with_time(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "kickoff_from: 2025-12-01", "kickoff_from: 2025-12-01 10:00")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 17 : cohort.kickoff_from : attendu une date au format AAAA-MM-JJ (ex. 2025-11-30), trouvé « 2025-12-01 10:00 »"]


def test_year_typo(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "kickoff_from: 2025-12-01", "kickoff_from: 2205-12-01")
    assert f"data/planning.yml, ligne {line}, colonne 17 : cohort.kickoff_from : attendu une année entre 2000 et 2099, trouvé 2205" in errors


def test_impossible_month(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "first_month: 2026-01", "first_month: 2026-13")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 16 : cohort.first_month : attendu un mois au format AAAA-MM (ex. 2026-01), trouvé « 2026-13 »"]


def test_infinite_duration(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "duration: 2.5", "duration: .inf", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 15 : modules[9].duration : attendu un nombre (ex. 2 ou 0.5), trouvé inf"]


def test_negative_duration(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "duration: 2.5", "duration: -2.5", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 15 : modules[9].duration : attendu un nombre positif ou nul, trouvé -2.5"]


def test_places_in_words(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "places: 10", "places: dix")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 11 : cohort.places : attendu un nombre entier, trouvé « dix »"]


# ------------------------------------------------------- what the site relies on
def test_empty_planning(tmp_path):
    text = (CASE_DATA / "restricted" / "planning.yml").read_text(encoding="utf-8")
    rows = text[text.index("rows:\n"):]
    errors, line = broken(tmp_path, "restricted/planning.yml", rows, "rows: []\n", audience="restricted")
    assert errors == [f"data/restricted/planning.yml, ligne {line}, colonne 7 : rows : attendu une liste non vide, trouvé une liste vide"]


def test_single_membership(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "  - id: non_adherent\n    label: Non adhérent ENTER\n", "")
    assert f"data/pricing.yml, ligne {line - 2}, colonne 3 : memberships : attendu une liste d'au moins 2 éléments, trouvé 1 élément" in errors


def test_required_contract_renamed(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "  - id: enter\n", "  - id: pole_enter\n")
    assert f"data/pricing.yml, ligne {line}, colonne 3 : contracts : attendu un contrat d'identifiant « enter » (le site calcule avec lui), trouvé : pole_enter, organisme_formation" in errors


def test_reference_tier_without_prices(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "  revenue_tier: ca_moins_12m", "  revenue_tier: ca_12m_et_plus")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 17 : reference.revenue_tier : attendu une tranche dont des postes (items) donnent le prix, trouvé « ca_12m_et_plus », citée par aucun poste dans revenue_tiers"]


def test_zero_reference_price(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "amount: 9500", "amount: 0")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 11 : reference.amount : attendu un prix de référence supérieur à 0, trouvé 0"]


def test_duplicate_sequence_number(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "    number: 2\n", "    number: 1\n", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 13 : sequences[1].number : numéro en double 1 (déjà celui de la séquence s1) : chaque séquence a le sien"]


def test_module_code_of_another_sequence(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", '  - code: "2.3"\n', '  - code: "3.7"\n', audience="restricted")
    assert f'data/restricted/programme.yml, ligne {line}, colonne 11 : modules[6].code : attendu un code commençant par 2 (séquence s2), trouvé « 3.7 »' in errors


def test_module_outside_its_sequence(tmp_path):
    old = "    mode: presentiel\n    format: groupe\n    month: 1\n  - code: \"1.3\""
    errors, line = broken(tmp_path, "restricted/programme.yml", old, old.replace("month: 1", "month: 9"), audience="restricted")
    # Past M2, the module also contradicts the étape's public « 2 mois ».
    phase_line = (CASE_DATA / "programme.yml").read_text(encoding="utf-8").split("\n").index("    months: 2") + 1
    assert errors == [
        f"data/programme.yml, ligne {phase_line}, colonne 13 : phases[0].months : mois annoncés : 2 (M1 à M2), mais les modules de l'étape (data/restricted/programme.yml) vont de M1 à M9 : corrigez l'un ou l'autre",
        f"data/restricted/programme.yml, ligne {line + 2}, colonne 12 : modules[2].month : attendu un mois dans la séquence s1, au plus tard M2 (début de la séquence s2), trouvé M9",
    ]


def test_module_end_before_start(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "end_month: 7", "end_month: 2", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 16 : modules[9].end_month : attendu un mois de fin après le mois de début (3), trouvé 2"]


def test_intentions_after_commitment(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "intentions_deadline: 2025-11-11", "intentions_deadline: 2025-12-11")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 24 : cohort.intentions_deadline : attendu une date au plus tard le jour de l'engagement (2025-11-30), trouvé 2025-12-11"]


def test_first_month_before_kickoff(tmp_path):
    errors, line = broken(tmp_path, "planning.yml", "first_month: 2026-01", "first_month: 2025-10")
    assert errors == [f"data/planning.yml, ligne {line}, colonne 16 : cohort.first_month : attendu un mois à partir de celui du kick-off (2025-12), trouvé 2025-10"]


def test_row_with_unknown_sequence(tmp_path):
    errors, line = broken(tmp_path, "restricted/planning.yml", "  - id: comite\n    sequence: s4\n", "  - id: comite\n    sequence: s5\n", audience="restricted")
    assert errors == [f"data/restricted/planning.yml, ligne {line + 1}, colonne 15 : rows[10].sequence : séquence inconnue « s5 » (connues : s1, s2, s3, s4)"]


def test_duplicate_id(tmp_path):
    errors, line = broken(tmp_path, "restricted/planning.yml", "  - id: mooc\n", "  - id: kickoff\n", audience="restricted")
    assert errors == [f"data/restricted/planning.yml, ligne {line}, colonne 9 : rows[1].id : identifiant en double « kickoff » : chaque élément doit avoir le sien"]


def test_unknown_contract(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "    contract: organisme_formation\n", "    contract: organisme\n")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 15 : items[0].contract : contrat inconnu « organisme » (connus : enter, organisme_formation) ; vouliez-vous dire « organisme_formation » ?"]


def test_wrong_choice(tmp_path):
    errors, line = broken(tmp_path, "pricing.yml", "tax_basis: non_precise", "tax_basis: HT")
    assert errors == [f"data/pricing.yml, ligne {line}, colonne 12 : tax_basis : attendu une de ces valeurs : ht, ttc ou non_precise, trouvé « HT »"]


def test_bad_email(tmp_path):
    errors, line = broken(tmp_path, "contacts.yml", "email: contact@pole-enter.org", "email: contact(at)pole-enter.org")
    assert errors == [f"data/contacts.yml, ligne {line}, colonne 10 : general.email : attendu une adresse e-mail, trouvé « contact(at)pole-enter.org »"]


def test_list_where_text_expected(tmp_path):
    errors, line = broken(tmp_path, "offer.yml", "region: Nouvelle-Aquitaine", "region: [Nouvelle-Aquitaine]")
    assert errors == [f"data/offer.yml, ligne {line}, colonne 9 : region : attendu du texte, trouvé une liste"]


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


def test_missing_colon_points_at_the_key(tmp_path):
    errors, line = broken(tmp_path, "contacts.yml", "general:\n", "general\n")
    assert errors == [f"data/contacts.yml, ligne {line}, colonne 1 : syntaxe YAML invalide : attendu « clé: valeur », deux-points manquant"]


def test_module_month_beyond_five_years(tmp_path):
    errors, line = broken(tmp_path, "restricted/programme.yml", "end_month: 7", "end_month: 1000000000000", audience="restricted")
    assert errors == [f"data/restricted/programme.yml, ligne {line}, colonne 16 : modules[9].end_month : attendu un nombre inférieur ou égal à 60, trouvé 1000000000000"]
