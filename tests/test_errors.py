"""What an editor sees when something is wrong, end to end through the CLI.

Each kind of bad input stops `tools/build.py check` / `site` (and `make
site`) with a non-zero exit and a French message naming the file, line,
column, field, what was expected and what was found, never a Python
traceback; the previous sites stay byte-identical. Pages with an unknown
variable or macro are named with their line and column. Tests run on the
frozen brochure case (synthetic restricted data in clear); a clone without
the git-crypt key builds the public site only, and says so.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, restricted_ready
from macros.errors import PageError, page_error, preview_page

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1762128000"}


def run(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`tools/build.py <args>` in `project`."""
    return subprocess.run([PYTHON, "tools/build.py", *args], cwd=project, env=ENV, capture_output=True, text=True, timeout=timeout)


def edit(project: Path, file: str, old: str, new: str) -> int:
    """Replace `old` (once in `file`) by `new`; the line where `old` started."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of `folder` with the hash of its bytes (and its mode)."""
    return {
        p.relative_to(folder).as_posix(): f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.stat().st_mode:o}"
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project, with both sites built once (no PDF)."""
    path = copy_project(tmp_path_factory.mktemp("errors") / "project")
    result = run(path, "site", "--no-pdf")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """An untouched copy of the same case, to restore `project` from."""
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture
def fresh(project: Path, pristine: Path) -> Path:
    """The project copy with the case's data and pages, restored after the test."""
    yield project
    for name in ("data", "docs"):
        shutil.rmtree(project / name)
        shutil.copytree(pristine / name, project / name)


# ------------------------------------------------------------- bad data, by the CLI
DATA_CASES = [
    # (id, file under data/, old, new, expected message with {line}, or several in report order)
    ("yaml-syntax", "pricing.yml", "  - id: frais_dossier\n", "  - id: frais_dossier\n    label: Frais : dossier: x\n",
     "data/pricing.yml, ligne {line+1}, colonne 18 : syntaxe YAML invalide : deux-points inattendu ; mettez la valeur entre guillemets ou vérifiez l'indentation"),
    ("tab", "contacts.yml", "  - id: vincent-ribes\n", "\t- id: vincent-ribes\n",
     "data/contacts.yml, ligne {line}, colonne 1 : tabulation trouvée : indentez avec des espaces, jamais avec la touche Tab"),
    ("price-in-words", "pricing.yml", "amount: 3450", "amount: trois mille",
     "data/pricing.yml, ligne {line}, colonne 13 : items[1].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé « trois mille »"),
    ("price-with-euro-sign", "pricing.yml", "amount: 3450", "amount: 3 450 €",
     "data/pricing.yml, ligne {line}, colonne 13 : items[1].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé « 3 450 € »"),
    ("date-30/11", "planning.yml", "commitment_deadline: 2025-11-30", 'commitment_deadline: "30/11"',
     "data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date au format AAAA-MM-JJ (ex. 2025-11-30), trouvé « 30/11 »"),
    ("missing-field", "contacts.yml", "    email: vincent.ribes@pole-enter.org\n", "",
     "data/contacts.yml, ligne {line-2}, colonne 5 : people[1].email : champ obligatoire « email » manquant"),
    ("unknown-key", "pricing.yml", "    amount: 750\n", "    amout: 750\n",
     "data/pricing.yml, ligne {line}, colonne 5 : items[3].amout : clé inconnue « amout » (clés connues : id, label, contract, years, amount, minimum, opco_fundable, memberships, revenue_tiers) ; vouliez-vous dire « amount » ?"),
    ("duplicate-key", "pricing.yml", "    amount: 750\n", "    amount: 750\n    amount: 800\n",
     "data/pricing.yml, ligne {line+1}, colonne 5 : items[3].amount : clé en double (déjà définie ligne {line}) : gardez une seule « amount »"),
    ("negative-amount", "pricing.yml", "amount: 750", "amount: -750",
     "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant positif ou nul, trouvé -750"),
    ("non-integer-amount", "pricing.yml", "amount: 750", "amount: 750.50",
     "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé 750.5"),
    ("impossible-date", "planning.yml", "commitment_deadline: 2025-11-30", "commitment_deadline: 2025-11-31",
     "data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date qui existe dans le calendrier, trouvé « 2025-11-31 »"),
    ("deadline-after-kickoff", "planning.yml", "commitment_deadline: 2025-11-30", "commitment_deadline: 2025-12-15",
     "data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date au plus tard le jour du kick-off (2025-12-01), trouvé 2025-12-15"),
    ("amount-too-large", "pricing.yml", "amount: 750", "amount: 10000000",
     "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant d'au plus 1000000 euros, trouvé 10000000"),
    ("unknown-profile", "pricing.yml", "memberships: [non_adherent]", "memberships: [non_adherant]",
     "data/pricing.yml, ligne {line}, colonne 19 : items[3].memberships[0] : profil inconnu « non_adherant » (connus : adherent, non_adherent) ; vouliez-vous dire « non_adherent » ?"),
    ("cohort-id-without-year", "planning.yml", "  id: cohorte-2025-2026\n", "  id: cohorte-2025\n",
     "data/planning.yml, ligne {line}, colonne 7 : cohort.id : attendu un identifiant qui contient l'année du premier mois, 2026 (ex. cohorte-2025-2026) : chaque cohorte a le sien, il distingue ses agendas ; trouvé « cohorte-2025 »"),
    # The restricted files (synthetic, in clear in the fixture), checked by `check` when readable.
    ("row-outside-sequence", "restricted/planning.yml", "    month: 2\n", "    month: 5\n",
     "data/restricted/planning.yml, ligne {line}, colonne 12 : rows[4].month : attendu des mois dans la séquence s2 (M2 à M2), trouvé M5 à M5"),
    # Out of its sequence, the module is also out of its phase's announced months: both are reported.
    ("module-outside-sequence", "restricted/programme.yml", "    month: 8\n", "    month: 11\n",
     ("data/programme.yml, ligne 34, colonne 13 : phases[1].months : mois annoncés : 8 (M3 à M10), mais les modules de l'étape (data/restricted/programme.yml) vont de M3 à M11 : corrigez l'un ou l'autre",
      "data/restricted/programme.yml, ligne {line}, colonne 12 : modules[10].month : attendu un mois dans la séquence s3, à partir de M2 (début de la séquence s2) et au plus tard M10 (début de la séquence s4), trouvé M11")),
    ("unknown-module", "restricted/planning.yml", 'modules: ["3.3"]', 'modules: ["3.9"]',
     "data/restricted/planning.yml, ligne {line}, colonne 15 : rows[8].modules[0] : module inconnu « 3.9 » (connus : 1.0, 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 2.4, 3.1, 3.2, 3.3, 3.4, 4.1, 4.2, 4.3) ; vouliez-vous dire « 3.4 » ?"),
    ("restricted-value-misspelt", "restricted/planning.yml", "    format: preparation\n    month: 9\n", "    format: préparation\n    month: 9\n",
     "data/restricted/planning.yml, ligne {line}, colonne 13 : rows[9].format : attendu une de ces valeurs : groupe, individuel ou preparation, trouvé « préparation » ; vouliez-vous dire « preparation » ?"),
    ("restricted-key-misspelt", "restricted/programme.yml", "    end_month: 7\n", "    end_mont: 7\n",
     "data/restricted/programme.yml, ligne {line}, colonne 5 : modules[9].end_mont : clé inconnue « end_mont » (clés connues : code, sequence, title, detail, kind, duration, unit, mode, format, month, end_month, week) ; vouliez-vous dire « end_month » ?"),
    ("duration-1e25", "restricted/programme.yml", "    duration: 30\n", "    duration: 1e25\n",
     "data/restricted/programme.yml, ligne {line}, colonne 15 : modules[1].duration : attendu un nombre d'au plus 10000, trouvé 1e+25"),
    # A public fact checked against the restricted modules: located in the public file.
    ("phase-days-differ", "programme.yml", "training_days: 6 ", "training_days: 7 ",
     "data/programme.yml, ligne {line}, colonne 20 : phases[0].training_days : jours de formation annoncés : 7, mais les modules de l'étape (data/restricted/programme.yml) en donnent 6 : corrigez l'un ou l'autre"),
]


def _expected(template: str, line: int) -> str:
    """The message with {line}, {line+1}, {line-2} filled in."""
    return re.sub(r"\{line([+-]\d+)?\}", lambda m: str(line + int(m.group(1) or 0)), template)


@pytest.mark.parametrize(("file", "old", "new", "message"), [case[1:] for case in DATA_CASES], ids=[case[0] for case in DATA_CASES])
def test_check_reports_each_kind_of_bad_data(fresh, file, old, new, message):
    line = edit(fresh, f"data/{file}", old, new)
    messages = [message] if isinstance(message, str) else list(message)
    result = run(fresh, "check")
    assert result.returncode == 1
    head = "1 erreur dans les données :" if len(messages) == 1 else f"{len(messages)} erreurs dans les données :"
    assert result.stderr == "\n".join([head, *(f"  - {_expected(m, line)}" for m in messages)]) + "\n"
    assert result.stdout == ""


def test_site_with_bad_data_keeps_the_previous_sites(fresh):
    before = {name: fingerprint(fresh / name) for name in ("site", "site-restricted")}
    line = edit(fresh, "data/pricing.yml", "amount: 3450", "amount: trois mille")
    result = run(fresh, "site", "--no-pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "1 erreur dans les données :",
        f"  - data/pricing.yml, ligne {line}, colonne 13 : items[1].amount : attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé « trois mille »",
        "Construction annulée : corrigez les erreurs ci-dessus ; les sites précédents (site/ et site-restricted/) sont conservés tels quels.",
    ]
    assert {name: fingerprint(fresh / name) for name in before} == before


# ------------------------------------------------------------- bad pages, by the CLI
PAGE_CASES = [
    # (id, page, text appended on a new line, expected message; {line} is that line)
    ("undefined-variable", "tarifs.md", "Prix : {{ prix_inconnu }}",
     "docs/tarifs.md, ligne {line}, colonne 11 : prix_inconnu : variable ou macro inconnue"),
    ("unknown-macro", "tarifs.md", "{{ contract_breakdwn() }}",
     "docs/tarifs.md, ligne {line}, colonne 4 : contract_breakdwn : variable ou macro inconnue ; vouliez-vous dire « contract_breakdown » ?"),
    ("unknown-figure", "index.md", "Dès {{ fig.member_frm }}.",
     "docs/index.md, ligne {line}, colonne 8 : fig.member_frm : « member_frm » inconnu dans « fig » ; vouliez-vous dire « member_from » ?"),
    ("unknown-field", "index.md", "{{ offer.labl }}",
     "docs/index.md, ligne {line}, colonne 4 : offer.labl : « labl » inconnu dans « offer » ; vouliez-vous dire « label » ?"),
    ("unknown-filter", "index.md", "{{ offer.updated_on | long_dat }}",
     "docs/index.md, ligne {line}, colonne 23 : long_dat : filtre inconnu (connus : long_date, money, relative_url) ; vouliez-vous dire « long_date » ?"),
    ("unclosed-block", "programme.md", "{% for pillar in offer.pillars %}{{ pillar }}",
     "docs/programme.md, ligne {line} : syntaxe de page invalide : bloc jamais refermé : il manque {% endfor %}"),
    ("single-brace", "programme.md", "{{ offer.label }",
     "docs/programme.md, ligne {line} : syntaxe de page invalide : accolade « } » inattendue ; une variable s'écrit {{ nom }}, deux accolades de chaque côté"),
    ("unclosed-parenthesis", "tarifs.md", "{{ contract_breakdown( }}",
     "docs/tarifs.md, ligne {line} : syntaxe de page invalide : « ( » jamais refermée : il manque « ) »"),
    ("too-many-arguments", "tarifs.md", "{{ contract_breakdown(1) }}",
     "docs/tarifs.md, ligne {line}, colonne 4 : contract_breakdown() : trop d'arguments (1 donné, 0 attendu)"),
    ("not-a-macro", "index.md", "{{ offer.label() }}",
     "docs/index.md, ligne {line}, colonne 4 : offer.label : ce n'est pas une macro, retirez les parenthèses"),
    ("missing-argument", "participer.md", '{{ calendar_link("inscriptions.ics") }}',
     "docs/participer.md, ligne {line}, colonne 4 : calendar_link() : argument manquant : label"),
    ("restricted-macro", "contacts.md", "{{ planning_table() }}",
     "docs/contacts.md, ligne {line} : « Le planning prévisionnel » est en diffusion restreinte : cette page ne peut pas l'afficher dans le site public"),
    ("link-to-restricted", "contacts.md", "[Détail](restricted/operation.md)",
     "docs/contacts.md, ligne {line} : lien vers une page en diffusion restreinte (restricted/operation.md) : interdit dans le site public ; retirez le lien, ou déplacez la page hors de docs/restricted/"),
    ("broken-link", "contacts.md", "[Tarifs](tarif.md)",
     "docs/contacts.md, ligne {line} : lien « tarif.md » : page introuvable dans docs/"),
]


@pytest.mark.parametrize(
    ("page", "text", "message", "page_check"),
    [(*case[1:], case[0] != "broken-link") for case in PAGE_CASES],
    ids=[case[0] for case in PAGE_CASES],
)
def test_site_reports_each_kind_of_bad_page(fresh, page, text, message, page_check):
    before = {name: fingerprint(fresh / name) for name in ("site", "site-restricted")}
    path = fresh / "docs" / page
    source = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{source}\n\n{text}\n", encoding="utf-8")
    line = source.count("\n") + 3
    result = run(fresh, "site", "--no-pdf")
    assert result.returncode == 1
    if page_check:  # found by the page check that runs before any build
        assert result.stderr.splitlines() == [
            "1 erreur dans les pages :",
            f"  - {_expected(message, line)}",
            "Construction annulée : corrigez les erreurs ci-dessus ; les sites précédents (site/ et site-restricted/) sont conservés tels quels.",
        ]
    else:  # found by MkDocs while building
        assert result.stderr.splitlines()[-3:] == [
            "Échec de la construction ; les sites précédents (site/ et site-restricted/) sont conservés tels quels.",
            "site public (mkdocs.yml) :",
            f"  - {_expected(message, line)}",
        ]
    assert "Traceback" not in result.stderr and "Error reading page" not in result.stderr
    assert {name: fingerprint(fresh / name) for name in before} == before


def test_error_in_a_restricted_page_names_the_variant(fresh):
    before = {name: fingerprint(fresh / name) for name in ("site", "site-restricted")}
    path = fresh / "docs" / "restricted" / "planning.md"
    source = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{source}\n\n{{{{ planing_table() }}}}\n", encoding="utf-8")
    result = run(fresh, "site", "--no-pdf")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "1 erreur dans les pages :",
        f"  - docs/restricted/planning.md, ligne {source.count(chr(10)) + 3}, colonne 4 : planing_table : variable ou macro inconnue ; vouliez-vous dire « planning_table » ?",
    ]
    assert {name: fingerprint(fresh / name) for name in before} == before
    assert not list(fresh.glob(".build-*"))


def test_verbose_gives_developers_the_traceback(fresh):
    path = fresh / "docs" / "tarifs.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n{{ prix_inconnu }}\n", encoding="utf-8")
    result = run(fresh, "site", "--no-pdf", "--verbose")
    assert result.returncode != 0
    assert "Traceback (most recent call last)" in result.stderr
    assert "UndefinedError" in result.stderr and "prix_inconnu : variable ou macro inconnue" in result.stderr


# ------------------------------------------------------------------- make site
@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A project copy with its Makefile, built once by `make site` (PDFs included)."""
    path = copy_project(tmp_path_factory.mktemp("make") / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, path / name)
    for stamp in (".installed", ".apt"):
        (path / stamp).touch()
    result = _make_site(path)
    assert result.returncode == 0, result.stderr
    return path


def _make_site(path: Path) -> subprocess.CompletedProcess[str]:
    """`make site` with this repository's .venv (installation already done)."""
    venv = Path(PYTHON).parent.parent
    command = ["make", "-s", "site", f"VENV={venv}", f"PY={PYTHON}", "STAMP=.installed", "APT_STAMP=.apt"]
    return subprocess.run(command, cwd=path, env=ENV, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    ("file", "old", "new", "shown"),
    [
        ("data/pricing.yml", "amount: 3450", "amount: trois mille", "data/pricing.yml, ligne 60, colonne 13 : items[1].amount"),
        ("data/contacts.yml", "general:\n", "general\n", "data/contacts.yml, ligne 14, colonne 1 : syntaxe YAML invalide : attendu « clé: valeur », deux-points manquant"),
        ("docs/tarifs.md", "# Combien ça coûte ?\n", "# Combien ça coûte ?\n\n{{ tarif_adherent }}\n", "docs/tarifs.md, ligne 8, colonne 4 : tarif_adherent : variable ou macro inconnue"),
        ("docs/restricted/operation.md", "{{ operation_aim() }}\n", "{{ operation_aim() }}\n{{ modules_tabel() }}\n", "docs/restricted/operation.md, ligne 9, colonne 4 : modules_tabel"),
    ],
    ids=["price-in-words", "broken-yaml-line", "undefined-variable", "restricted-variant-fails"],
)
def test_failing_make_site_leaves_the_previous_sites_byte_identical(made, file, old, new, shown):
    before = {name: fingerprint(made / name) for name in ("site", "site-restricted")}
    assert any(name.endswith(".pdf") for name in before["site"])
    path = made / file
    original = path.read_text(encoding="utf-8")
    assert original.count(old) >= 1
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        result = _make_site(made)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert shown in result.stderr
    assert "Traceback" not in result.stderr
    assert {name: fingerprint(made / name) for name in before} == before
    assert not list(made.glob(".build-*"))


# ------------------------------------------------------------------ make check
def test_check_imports_no_mkdocs():
    """`check` reads the data and renders the pages without MkDocs, the theme, Markdown or the calendar library.

    How long it takes is measured by `make bench`, not asserted here.
    """
    result = subprocess.run([PYTHON, "-X", "importtime", "tools/build.py", "check"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    modules = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "jinja2" in modules  # the pages are rendered
    assert modules & {"mkdocs", "material", "mkdocs_macros", "icalendar", "markdown", "playwright"} == set()


def test_check_reports_every_page_error_of_both_variants_at_once(tmp_path):
    """A typo in a macro, an unknown figure, a link to a restricted page and a broken restricted page: one run, four located messages."""
    project = copy_project(tmp_path / "project")
    macro = edit(project, "docs/tarifs.md", "{{ contract_breakdown() }}", "{{ contract_breakdwn() }}")
    figure = edit(project, "docs/contacts.md", "{{ contact_block() }}", "{{ contact_block() }}\n\n{{ fig.membre_from }}") + 2
    link = edit(project, "docs/participer.md", "{{ registration() }}", "{{ registration() }}\n\n[Planning](restricted/planning.md)") + 2
    restricted = edit(project, "docs/restricted/planning.md", "{{ planning_table() }}", "{{ planning_table( }}")
    before = {name: fingerprint(project / name) for name in ("data", "docs")}
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "4 erreurs dans les pages :"
    assert sorted(lines[1:]) == sorted([
        f"  - docs/tarifs.md, ligne {macro}, colonne 4 : contract_breakdwn : variable ou macro inconnue ; vouliez-vous dire « contract_breakdown » ?",
        f"  - docs/contacts.md, ligne {figure}, colonne 4 : fig.membre_from : « membre_from » inconnu dans « fig » ; vouliez-vous dire « member_from » ?",
        f"  - docs/participer.md, ligne {link} : lien vers une page en diffusion restreinte (restricted/planning.md) : "
        "interdit dans le site public ; retirez le lien, ou déplacez la page hors de docs/restricted/",
        f"  - docs/restricted/planning.md, ligne {restricted} : syntaxe de page invalide : « ( » jamais refermée : il manque « ) »",
    ])
    assert {name: fingerprint(project / name) for name in ("data", "docs")} == before
    assert not (project / "site").exists()


def test_check_on_the_shipped_data_prints_nothing_alarming():
    """Whatever the live data says: valid, then at most completeness warnings."""
    result = run(ROOT, "check")
    assert result.returncode == 0 and result.stderr == ""
    first, *rest = result.stdout.splitlines()
    if restricted_ready():
        assert first == "Données valides : data/*.yml et data/restricted/*.yml"
        assert rest.pop(0) == "Pages valides : toutes les pages des deux variantes"
    else:
        assert first == "Données valides : data/*.yml (data/restricted/ chiffré : non vérifié)"
        assert rest.pop(0) == "Pages valides : toutes les pages du site public"
    if rest:
        warning = re.fullmatch(r"Complétude de l'offre de formation : (\d+) information\(s\) que les données ne disent pas encore \(avertissement\) :", rest[0])
        assert warning, rest[0]
        assert len(rest) == 1 + int(warning.group(1))
        assert all(re.match(r"  - data/[a-z/]+\.yml : \S", line) for line in rest[1:]), rest[1:]


# ------------------------------------------------------------- clone without the key
def test_keyless_clone_builds_the_public_site_only(tmp_path):
    """Restricted sources left as git-crypt ciphertext: public site built, the rest said, check passes."""
    project = copy_project(tmp_path / "project")
    locked = sorted((project / "data" / "restricted").glob("*.yml")) + sorted((project / "docs" / "restricted").glob("*.md"))
    assert len(locked) >= 4
    for index, path in enumerate(locked):
        path.write_bytes(b"\x00GITCRYPT\x00" + bytes(range(index, index + 200)) + b"\xff\xfe:\n\x00")
    ciphertext = (fingerprint(project / "data" / "restricted"), fingerprint(project / "docs" / "restricted"))

    result = run(project, "site", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Données valides : data/*.yml (data/restricted/ chiffré : non vérifié)"
    notice = [line for line in lines if line.startswith("Variante restreinte non construite : ")]
    assert len(notice) == 1 and "git-crypt unlock" in notice[0]
    assert lines[-1].startswith("Construit en ") and lines[-1].endswith(" : site/ (public).")
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site-restricted").exists()
    assert not (project / "site" / "restricted").exists()
    assert not list(project.glob(".build-*"))

    result = run(project, "check")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines()[0] == "Données valides : data/*.yml (data/restricted/ chiffré : non vérifié)"
    assert (fingerprint(project / "data" / "restricted"), fingerprint(project / "docs" / "restricted")) == ciphertext


# ------------------------------------------------------------- pure page errors
def test_page_error_line_counts_the_front_matter():
    source = "---\ntitle: T\n---\n\n# Titre\n\n{{ x }}\n"
    markdown = "# Titre\n\n{{ x }}\n"

    class UndefinedError(Exception):
        """Named like Jinja's, which page_error recognises by name."""

    error = UndefinedError("'x' is undefined")
    error.lineno = 3  # as a syntax error would carry it
    report = page_error(error, file="docs/a.md", source=source, markdown=markdown, names={"y": 1})
    assert report == PageError("docs/a.md", 7, 4, "x : variable ou macro inconnue")
    assert str(report) == "docs/a.md, ligne 7, colonne 4 : x : variable ou macro inconnue"


def test_unexpected_exception_in_a_macro_is_named_not_traced():
    report = page_error(ZeroDivisionError("division by zero"), file="docs/a.md", source="a", markdown="a", names={})
    assert str(report) == "docs/a.md : erreur pendant le calcul de la page (ZeroDivisionError : division by zero)"


def test_preview_page_is_an_admonition_with_the_report():
    text = preview_page("1 erreur dans les données :\n  - data/x.yml, ligne 1, colonne 1 : y")
    assert text.startswith('!!! failure "Aperçu impossible : corrigez les données"\n\n        1 erreur dans les données :\n')
    assert "\n          - data/x.yml, ligne 1, colonne 1 : y\n" in text


# ------------------------------------------------------------------ live preview
def _free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, predicate, *, timeout: float = 60) -> str:
    """Fetch `url` until its text satisfies `predicate`; the last text."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
        except (urllib.error.URLError, OSError, TimeoutError):
            text = ""
        if text and predicate(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} : attente dépassée ; dernier contenu : {text[:300]!r}")


def test_live_preview_shows_data_errors_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    command = [str(Path(PYTHON).parent / "mkdocs"), "serve", "--livereload", "--no-strict", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/labellisation-nr/tarifs/"
    try:
        _wait_for(url, lambda text: "Combien ça coûte" in text)
        pricing = project / "data" / "pricing.yml"
        original = pricing.read_text(encoding="utf-8")
        pricing.write_text(original.replace("amount: 3450", "amount: trois mille"), encoding="utf-8")
        broken = _wait_for(url, lambda text: "Aperçu impossible" in text)
        assert "data/pricing.yml, ligne 60, colonne 13 : items[1].amount" in broken
        pricing.write_text(original.replace("amount: 3450", "amount: 3550"), encoding="utf-8")
        fixed = _wait_for(url, lambda text: "Aperçu impossible" not in text and "Combien ça coûte" in text)
        assert "4\u202f550\xa0€" in fixed or "4 550 €" in fixed  # the new price, computed
        page = project / "docs" / "tarifs.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ prix_inconnu }}\n", encoding="utf-8")
        shown = _wait_for(url, lambda text: "corrigez cette page" in text)
        assert "prix_inconnu : variable ou macro inconnue" in shown
        page.write_text(page.read_text(encoding="utf-8").replace("{{ prix_inconnu }}", "[Détail](restricted/operation.md)"), encoding="utf-8")
        shown = _wait_for(url, lambda text: "lien vers une page en diffusion restreinte" in text)
        assert "docs/tarifs.md, ligne" in shown
        assert server.poll() is None
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output


# ------------------------------------------------------------------ replacement
def test_replacing_sites_is_all_or_nothing(tmp_path):
    from tools.build import replace_sites

    root, built = tmp_path / "root", tmp_path / "root" / ".build-x"
    for name in ("site", "site-restricted"):
        (root / name).mkdir(parents=True)
        (root / name / "index.html").write_text(f"ancien {name}", encoding="utf-8")
    (built / "site").mkdir(parents=True)
    (built / "site" / "index.html").write_text("nouveau site", encoding="utf-8")
    # site-restricted was not built: the second rename fails, the first is undone.
    with pytest.raises(FileNotFoundError):
        replace_sites(built, ("site", "site-restricted"), root=root)
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "ancien site"
    assert (root / "site-restricted" / "index.html").read_text(encoding="utf-8") == "ancien site-restricted"
    assert (built / "site" / "index.html").read_text(encoding="utf-8") == "nouveau site"

    (built / "site-restricted").mkdir()
    (built / "site-restricted" / "index.html").write_text("nouveau site-restricted", encoding="utf-8")
    replace_sites(built, ("site", "site-restricted"), root=root)
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "nouveau site"
    assert (root / "site-restricted" / "index.html").read_text(encoding="utf-8") == "nouveau site-restricted"
    assert (built / "site.previous" / "index.html").read_text(encoding="utf-8") == "ancien site"
