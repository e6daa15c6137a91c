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
import html
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

from helpers import DATA_ERROR, DATA_ERRORS, PAGE_ERRORS, ROOT, at_line, copy_project, replace_once, restricted_ready
from macros.errors import PageError, page_error, preview_page

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1762128000"}


def run(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`tools/build.py <args>` in `project`."""
    return subprocess.run([PYTHON, "-m", "tools.build", *args], cwd=project, env=ENV, capture_output=True, text=True, timeout=timeout)


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
# Every kind of bad data (DATA_ERRORS, tests/helpers.py) is loaded in process
# by test_loader.py; this sample shows that `check` reports them as they are
# (YAML syntax, a type, a missing field, a key, a reference, the restricted
# files, two messages at once, a public fact checked against restricted data).
CLI_SAMPLE = [case for case in DATA_ERRORS if case.cli]


@pytest.mark.parametrize("case", CLI_SAMPLE, ids=[case.id for case in CLI_SAMPLE])
def test_check_reports_each_kind_of_bad_data(fresh, case):
    messages = case.apply(fresh / "data")
    result = run(fresh, "check")
    assert result.returncode == 1
    head = "1 erreur dans les données :" if len(messages) == 1 else f"{len(messages)} erreurs dans les données :"
    assert result.stderr == "\n".join([head, *(f"  - {m}" for m in messages)]) + "\n"
    assert result.stdout == ""


def test_site_with_bad_data_keeps_the_previous_sites(fresh):
    before = {name: fingerprint(fresh / name) for name in ("site", "site-restricted")}
    [message] = DATA_ERROR["price-in-words"].apply(fresh / "data")
    result = run(fresh, "site", "--no-pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "1 erreur dans les données :",
        f"  - {message}",
        "Construction annulée : corrigez les erreurs ci-dessus ; les sites précédents (site/ et site-restricted/) sont conservés tels quels.",
    ]
    assert {name: fingerprint(fresh / name) for name in before} == before


# ------------------------------------------------------------- bad pages, by the CLI
# Each kind of bad page: PAGE_ERRORS (tests/helpers.py), also explained in EDITING.md.
@pytest.mark.parametrize("case", PAGE_ERRORS, ids=[case.id for case in PAGE_ERRORS])
def test_site_reports_each_kind_of_bad_page(fresh, case):
    before = {name: fingerprint(fresh / name) for name in ("site", "site-restricted")}
    path = fresh / "docs" / case.page
    source = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{source}\n\n{case.text}\n", encoding="utf-8")
    message = at_line(case.message, source.count("\n") + 3)
    result = run(fresh, "site", "--no-pdf")
    assert result.returncode == 1
    if case.page_check:  # found by the page check that runs before any build
        assert result.stderr.splitlines() == [
            "1 erreur dans les pages :",
            f"  - {message}",
            "Construction annulée : corrigez les erreurs ci-dessus ; les sites précédents (site/ et site-restricted/) sont conservés tels quels.",
        ]
    else:  # found by MkDocs while building
        assert result.stderr.splitlines()[-3:] == [
            "Échec de la construction ; les sites précédents (site/ et site-restricted/) sont conservés tels quels.",
            "site public (mkdocs.yml) :",
            f"  - {message}",
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
        f"  - docs/restricted/planning.md, ligne {source.count(chr(10)) + 3}, colonne 4 : planing_table : variable ou macro inconnue ; "
        "vouliez-vous dire « planning_table » ?",
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
    """`make site` with this repository's .venv (installation already done).

    `PIP=false`: the copy never installs anything into the shared .venv (an
    editable install there would point the working tree's environment at
    this temporary copy); a missing installation fails the test instead.
    """
    venv = Path(PYTHON).parent.parent
    command = ["make", "-s", "site", f"VENV={venv}", f"PY={PYTHON}", "PIP=false", "STAMP=.installed", "APT_STAMP=.apt"]
    return subprocess.run(command, cwd=path, env=ENV, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    ("file", "old", "new", "shown"),
    [
        *((f"data/{case.file}", case.old, case.new, case.located()[0]) for case in (DATA_ERROR["price-in-words"], DATA_ERROR["missing-colon"])),
        ("docs/tarifs.md", "# Combien ça coûte ?\n", "# Combien ça coûte ?\n\n{{ tarif_adherent }}\n",
         "docs/tarifs.md, ligne 8, colonne 4 : tarif_adherent : variable ou macro inconnue"),
        ("docs/restricted/operation.md", "{{ operation_aim() }}\n", "{{ operation_aim() }}\n{{ modules_tabel() }}\n",
         "docs/restricted/operation.md, ligne 9, colonne 4 : modules_tabel"),
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
    result = subprocess.run([PYTHON, "-X", "importtime", "-m", "tools.build", "check"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    modules = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "jinja2" in modules  # the pages are rendered
    assert modules & {"mkdocs", "material", "mkdocs_macros", "icalendar", "markdown", "playwright"} == set()


def test_check_reports_every_page_error_of_both_variants_at_once(tmp_path):
    """A typo in a macro, an unknown figure, a link to a restricted page and a broken restricted page: one run, four located messages."""
    project = copy_project(tmp_path / "project")
    macro = replace_once(project / "docs/tarifs.md", "{{ contract_breakdown() }}", "{{ contract_breakdwn() }}")
    figure = replace_once(project / "docs/contacts.md", "{{ contact_block() }}", "{{ contact_block() }}\n\n{{ fig.membre_from }}") + 2
    link = replace_once(project / "docs/participer.md", "{{ registration() }}", "{{ registration() }}\n\n[Planning](restricted/planning.md)") + 2
    restricted = replace_once(project / "docs/restricted/planning.md", "{{ planning_table() }}", "{{ planning_table( }}")
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
        case = DATA_ERROR["price-in-words"]
        pricing = project / "data" / case.file
        original = pricing.read_text(encoding="utf-8")
        [message] = case.apply(project / "data")
        broken = _wait_for(url, lambda text: "Aperçu impossible" in text)
        assert message in html.unescape(broken)
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
    from tools.swap import replace_sites

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
