"""Helpers shared by the test modules (test modules never import each other).

Tests of the code build a copy of the project whose data is a frozen case
under tests/fixtures/<case>/ (today's brochure, with synthetic restricted
data in clear). Tests over the live data/ use `case=None` and assert only
what holds for any valid data.

Below: the restricted texts (canaries), the pages each built variant should
have (browser tests), data files as an editor sees and edits them (schemas,
properties), the one table of bad data and bad pages with their messages
(loader, CLI, EDITING.md), and the guard that keeps the working tree
untouched (conftest.py).
"""
from __future__ import annotations

import datetime as dt
import functools
import gzip
import html
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.restricted_pages import RESTRICTED_DIR
from macros.variants import AUDIENCES
from macros.variants import VARIANTS as _VARIANTS

ROOT = Path(__file__).resolve().parent.parent

FIXTURES = ROOT / "tests" / "fixtures"
BROCHURE = "brochure"
# Fixed days for reproducible builds of the brochure case.
EPOCH_OPEN = "1762128000"  # 2025-11-03 00:00 UTC: intentions open
SOURCES = ("docs", "macros", "overrides", "tools", "schemas")
CONFIGS = tuple(v.config for v in _VARIANTS)


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for `AAAA-MM-JJ` at 0 h UTC."""
    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()))


def copy_project(dest: Path, *, case: str | None = BROCHURE) -> Path:
    """A copy of the project (sources only) that a test may edit and build.

    `case` names a frozen data set of tests/fixtures/ that replaces data/ and
    docs/restricted/; None keeps the live data (and the restricted sources as
    they are in this clone: plain when unlocked, encrypted otherwise).
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in CONFIGS:
        shutil.copy2(ROOT / name, dest / name)
    if case is None:
        shutil.copytree(ROOT / "data", dest / "data")
        return dest
    fixture = FIXTURES / case
    shutil.copytree(fixture / "data", dest / "data")
    if (fixture / "docs" / "restricted").exists():
        shutil.rmtree(dest / "docs" / "restricted", ignore_errors=True)
        shutil.copytree(fixture / "docs" / "restricted", dest / "docs" / "restricted")
    return dest


def build_site(config_file: str, site_dir: Path, *, project: Path) -> Path:
    """Build one configuration of `project` into `site_dir` (no PDF)."""
    from tools.mkdocs_build import build_variant

    build_variant(project / config_file, site_dir)
    return site_dir


def load(project: Path, *, audience: str = "restricted"):
    """The validated data of a project copy."""
    from macros.validation import load_data

    return load_data(project / "data", root=project, audience=audience)


def restricted_ready(root: Path = ROOT) -> bool:
    """Whether this clone's restricted sources are readable (the key unlocked them)."""
    from tools.build import restricted_ready as ready

    return ready(root)


def page_text(path: Path) -> str:
    """Visible text of a built page's main content, whitespace normalised."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r"<article.*?</article>", source, re.S)
    body = match.group(0) if match else source
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return normalise(text)


def shown(text: str) -> str:
    """A data text as a reader sees it on a built page (typeset, then normalised)."""
    from macros.typography import french

    return normalise(french(text))


def normalise(text: str) -> str:
    """Collapse every kind of space (CLDR's no-break spaces included); one apostrophe.

    The built pages are typeset (macros/typography.py: no-break spaces,
    curly apostrophes): comparisons with the data's plain text go through
    this function on both sides.
    """
    return re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("\u2019", "'")).strip()


# ------------------------------------------------------------ restricted text
def canaries(data: Any) -> list[str]:
    """Every restricted text of the data, less what the public data says itself."""
    restricted = data.restricted
    assert restricted is not None, "canaries need the restricted data"
    texts: list[str] = [restricted.programme.aim]
    for module in restricted.programme.modules:
        texts += [module.title, module.detail or ""]
    for sequence in restricted.programme.sequences or ():
        texts += [sequence.title, sequence.objective, sequence.rhythm or ""]
    plan = restricted.planning
    texts += [plan.note, *plan.legend.model_dump().values()]
    for row in plan.rows:
        texts += [row.title, row.note or ""]
    public = [fold(s) for s in public_strings(data)]
    return sorted({t for t in texts if t and t not in NOT_SECRET and not any(fold(t) in p for p in public)})


# Restricted labels that the public pages legitimately say: the kick-off is
# announced with its date, and « en groupe » / « en individuel » describe the
# programme's format (section 3 of the brochure).
NOT_SECRET = {"Kick-off", "En groupe", "En individuel"}


def public_strings(data: Any) -> list[str]:
    """Every text of the public data: what it says is not a secret."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for part in (data.offer, data.contacts, data.pricing, data.programme, data.planning):
        walk(part.model_dump())
    return out


def fold(text: str) -> str:
    """Text compared without case, spacing, typography or Unicode form differences."""
    from macros.typography import french

    return normalise(french(unicodedata.normalize("NFC", text))).casefold()


def scan(site: Path, needles: list[str]) -> list[str]:
    """`file: needle` for each needle found in any file under `site` (PDF text included)."""
    found = []
    folded = [(n, fold(n)) for n in needles]
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
        else:
            text = raw.decode("utf-8", errors="ignore")
        hay = fold(html.unescape(text)) + " " + fold(page_text(path)) if path.suffix == ".html" else fold(text)
        found += [f"{path.relative_to(site)}: {n}" for n, f in folded if f in hay]
    return found


# ------------------------------------------------------- pages of the built sites
DOCS = ROOT / "docs"
FIXTURE_DOCS = FIXTURES / BROCHURE / "docs"


@dataclass(frozen=True)
class SitePage:
    """One page of one variant, as a test parameter."""

    variant: str
    path: str  # URL path relative to the site's root ("" for the home page)
    handout: bool  # the print handout (template handout.html): the whole brochure on one page

    @property
    def standalone(self) -> bool:
        """A page without navigation nor links into the site (the restricted 404 page)."""
        from macros.restricted_pages import standalone

        return standalone(self.variant, self.path)

    @property
    def id(self) -> str:
        """Readable test id."""
        return f"{self.variant}:/{self.path}"


def _front_matter(path: Path) -> dict[str, Any]:
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def _url(doc: str) -> str:
    """`tarifs.md` -> `tarifs/`, `index.md` -> `` (directory URLs)."""
    stem = doc[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.cache
def expected_pages() -> tuple[SitePage, ...]:
    """Every page each variant of the brochure case should have: docs/ pages and the 404 page."""
    pages = []
    # The builds are the brochure case: its restricted pages are the fixture's
    # (in clear), the project's own may be git-crypt ciphertext in this clone.
    docs = [d for d in sorted(DOCS.rglob("*.md")) if not d.relative_to(DOCS).as_posix().startswith(RESTRICTED_DIR)]
    docs += sorted((FIXTURE_DOCS / RESTRICTED_DIR).rglob("*.md"))
    for variant in AUDIENCES:
        for doc in docs:
            base = FIXTURE_DOCS if doc.is_relative_to(FIXTURE_DOCS) else DOCS
            rel = doc.relative_to(base).as_posix()
            if variant == "public" and rel.startswith(RESTRICTED_DIR):
                continue
            handout = _front_matter(doc).get("template") == "handout.html"
            pages.append(SitePage(variant, _url(rel), handout))
        pages.append(SitePage(variant, "404.html", False))
    return tuple(pages)


# ------------------------------------------- data files as an editor sees them
# A data file is read with our loader, turned into the JSON an editor's YAML
# extension validates (dates as text), edited at a path, written back as YAML
# our loader reads unchanged, and checked against its committed schema.
SCHEMAS = ROOT / "schemas"


def schema_names() -> dict[str, str]:
    """`data/…yml` (relative to the project) → the name of its schema, from tools/schemas.py."""
    from tools import schemas

    return {path: name for name, (_model, path) in schemas.documents().items()}


def read_tree(project: Path, path: str) -> Any:
    """The file `path` of `project` (e.g. `data/restricted/programme.yml`) as our loader reads it."""
    from macros.loader import load_file

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


@functools.cache
def validator(name: str) -> Any:
    """A validator (jsonschema's Draft7Validator) by the committed schemas/<name>.schema.json, formats included."""
    from jsonschema import Draft7Validator

    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(name: str, tree: Any) -> list[tuple[list[Any], str]]:
    """(path, JSON Schema keyword) of every error the schema `name` flags in `tree`, sorted."""
    return sorted((list(e.absolute_path), e.validator) for e in validator(name).iter_errors(as_editor_sees(tree)))


def edit_tree(node: Any, path: tuple[Any, ...], op: str = "set", value: Any = None) -> Any:
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
            items[head] = edit_tree(items[head], rest, op, value)
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
        elements[head] = edit_tree(elements[head], rest, op, value)
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


@functools.cache
def _dumper() -> type[yaml.SafeDumper]:
    """A YAML writer that quotes what our loader would not read as text; tuples (its lists) as lists."""
    from macros.loader import _Loader

    class Dumper(yaml.SafeDumper):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    Dumper.add_representer(tuple, lambda dumper, value: dumper.represent_list(list(value)))
    return Dumper


def dump(tree: Any) -> str:
    """YAML text that our loader reads back as `tree`."""
    return yaml.dump(tree, Dumper=_dumper(), allow_unicode=True, sort_keys=False)


# ------------------------------------------------------------- bad data, once
def replace_once(path: Path, old: str, new: str) -> int:
    """Replace `old`, which must occur once in the file, by `new`; the line where `old` started."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def at_line(template: str, line: int) -> str:
    """A message template with {line}, {line+1}, {line-2}… filled in."""
    return re.sub(r"\{line([+-]\d+)?\}", lambda m: str(line + int(m.group(1) or 0)), template)


@dataclass(frozen=True)
class DataErrorCase:
    """One edit of the brochure case's data and the located French messages it gives."""

    id: str
    file: str  # under data/ (`restricted/programme.yml` for a restricted file)
    old: str  # occurs once in the file
    new: str
    messages: tuple[str, ...]  # in report order; {line} is the line where `old` starts
    restricted_only: bool = False  # a public fact checked against a restricted file: only that audience reports it
    partial: bool = False  # the messages are among others of the same report
    cli: bool = False  # also run through `tools/build.py check` (test_errors.py)

    @property
    def audiences(self) -> tuple[str, ...]:
        """The audiences whose load reports the error (only the restricted one reads data/restricted/)."""
        return ("restricted",) if self.restricted_only or self.file.startswith("restricted/") else ("public", "restricted")

    def apply(self, data_dir: Path) -> list[str]:
        """Make the edit in `data_dir` (a copy of the case's data/); the messages then expected."""
        line = replace_once(data_dir / self.file, self.old, self.new)
        return [at_line(message, line) for message in self.messages]

    def located(self, data_dir: Path = FIXTURES / BROCHURE / "data") -> list[str]:
        """The messages the edit gives once made in `data_dir` (left as it is)."""
        text = (data_dir / self.file).read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.old!r} must occur once in {self.file}"
        line = text[: text.index(self.old)].count("\n") + 1
        return [at_line(message, line) for message in self.messages]


def _case(id: str, file: str, old: str, new: str, *messages: str, **flags: bool) -> DataErrorCase:
    return DataErrorCase(id, file, old, new, messages, **flags)


_AMOUNT = "attendu un montant en euros entiers, sans espace ni symbole (ex. 1650), trouvé"
_ITEM_KEYS = "id, label, contract, years, amount, minimum, opco_fundable, memberships, revenue_tiers"
_SYNTAX = "data/contacts.yml, ligne {line}, colonne {column} : syntaxe YAML invalide : "

# Each kind of bad data, written once: run in process for each audience
# (test_loader.py), the `cli` sample through `tools/build.py check`
# (test_errors.py), and every message explained in EDITING.md (test_editing.py).
DATA_ERRORS: tuple[DataErrorCase, ...] = (
    # ---- writing the file (YAML)
    _case("yaml-syntax", "pricing.yml", "  - id: frais_dossier\n", "  - id: frais_dossier\n    label: Frais : dossier: x\n",
          "data/pricing.yml, ligne {line+1}, colonne 18 : syntaxe YAML invalide : deux-points inattendu ; mettez la valeur entre guillemets ou vérifiez "
          "l'indentation",
          cli=True),
    _case("tab", "contacts.yml", "  - id: vincent-ribes\n", "\t- id: vincent-ribes\n",
          "data/contacts.yml, ligne {line}, colonne 1 : tabulation trouvée : indentez avec des espaces, jamais avec la touche Tab", cli=True),
    _case("missing-colon", "contacts.yml", "general:\n", "general\n",
          "data/contacts.yml, ligne {line}, colonne 1 : syntaxe YAML invalide : attendu « clé: valeur », deux-points manquant"),
    *(
        _case(id, "contacts.yml", old, new, _SYNTAX.replace("{column}", str(column)) + message)
        for id, old, new, column, message in (
            ("at-sign", 'social_handle: "@pole-enter"', "social_handle: @pole-enter", 16,
             "« @ » ne peut pas commencer une valeur ; mettez la valeur entre guillemets"),
            ("unclosed-quote", 'social_handle: "@pole-enter"', 'social_handle: "@pole-enter', 16,
             "guillemet ouvert ici et jamais refermé"),
            ("star", "role: Autres questions", "role: *Autres questions", 9,
             "« * » en début de valeur est réservé en YAML ; mettez la valeur entre guillemets"),
            ("indentation", "  role: Autres questions", " role: Autres questions", 2,
             "indentation incohérente ; alignez cette ligne sur les clés de même niveau"),
            ("second-document", "general:\n", "---\ngeneral:\n", 1,
             "un seul document par fichier ; retirez la ligne « --- »"),
        )
    ),
    _case("unclosed-bracket", "pricing.yml", "years: [2, 3]", "years: [2, 3",
          "data/pricing.yml, ligne {line}, colonne 12 : syntaxe YAML invalide : crochet « [ » ouvert ici et mal refermé (attendu « , » ou « ] »)"),
    _case("control-character", "contacts.yml", "role: Autres questions", "role: Autres\x07 questions",
          "data/contacts.yml, ligne {line}, colonne 15 : caractère invisible interdit (code 0x7) : supprimez-le ou retapez la ligne"),
    _case("python-tag", "pricing.yml", "amount: 750", "amount: !!python/object:os.system x",
          "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : étiquette YAML « !!python/object:os.system » non prise en charge : retirez-la ou "
          "mettez la valeur entre guillemets"),
    _case("complex-key", "pricing.yml", "    amount: 750\n", "    amount: 750\n    ? [a, b]\n    : 1\n",
          "data/pricing.yml, ligne {line+1}, colonne 7 : items[3] : clé invalide : une clé est un simple mot suivi de « : »"),
    _case("recursive-alias", "pricing.yml", "amount: 750", "amount: &a [*a]",
          "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount[0] : un alias « * » renvoie à la section qui le contient : recopiez la valeur"),
    # ---- keys
    _case("duplicate-key", "pricing.yml", "    amount: 750\n", "    amount: 750\n    amount: 800\n",
          "data/pricing.yml, ligne {line+1}, colonne 5 : items[3].amount : clé en double (déjà définie ligne {line}) : gardez une seule « amount »", cli=True),
    _case("unknown-key", "pricing.yml", "    amount: 750\n", "    amout: 750\n",
          f"data/pricing.yml, ligne {{line}}, colonne 5 : items[3].amout : clé inconnue « amout » (clés connues : {_ITEM_KEYS}) ; "
          "vouliez-vous dire « amount » ?"),
    _case("unknown-key-keeps-the-missing-field", "pricing.yml", "    amount: 750\n", "    prix: 750\n",
          "data/pricing.yml, ligne {line-2}, colonne 5 : items[3].amount : champ obligatoire « amount » manquant",
          f"data/pricing.yml, ligne {{line}}, colonne 5 : items[3].prix : clé inconnue « prix » (clés connues : {_ITEM_KEYS})"),
    _case("missing-field", "contacts.yml", "    email: vincent.ribes@pole-enter.org\n", "",
          "data/contacts.yml, ligne {line-2}, colonne 5 : people[1].email : champ obligatoire « email » manquant", cli=True),
    _case("restricted-section-misspelt", "restricted/programme.yml", "sequences:\n", "sequence:\n",
          "data/restricted/programme.yml, ligne {line}, colonne 1 : sequence : clé inconnue « sequence » (clés connues : aim, counting, sequences, modules) ; "
          "vouliez-vous dire « sequences » ?"),
    _case("restricted-key-misspelt", "restricted/programme.yml", "    end_month: 7\n", "    end_mont: 7\n",
          "data/restricted/programme.yml, ligne {line}, colonne 5 : modules[9].end_mont : clé inconnue « end_mont » (clés connues : code, sequence, title, "
          "detail, kind, duration, unit, mode, format, month, end_month, week) ; vouliez-vous dire « end_month » ?"),
    # ---- amounts and numbers
    _case("price-in-words", "pricing.yml", "amount: 3450", "amount: trois mille",
          f"data/pricing.yml, ligne {{line}}, colonne 13 : items[1].amount : {_AMOUNT} « trois mille »", cli=True),
    _case("price-with-euro-sign", "pricing.yml", "amount: 3450", "amount: 3 450 €",
          f"data/pricing.yml, ligne {{line}}, colonne 13 : items[1].amount : {_AMOUNT} « 3 450 € »"),
    _case("negative-amount", "pricing.yml", "amount: 750", "amount: -750",
          "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant positif ou nul, trouvé -750"),
    _case("non-integer-amount", "pricing.yml", "amount: 750", "amount: 750.5",
          f"data/pricing.yml, ligne {{line}}, colonne 13 : items[3].amount : {_AMOUNT} 750.5"),
    _case("amount-with-cents", "pricing.yml", "amount: 750", "amount: 750.50",
          f"data/pricing.yml, ligne {{line}}, colonne 13 : items[3].amount : {_AMOUNT} 750.5"),
    _case("amount-too-large", "pricing.yml", "amount: 750", "amount: 10000000",
          "data/pricing.yml, ligne {line}, colonne 13 : items[3].amount : attendu un montant d'au plus 1000000 euros, trouvé 10000000"),
    # YAML 1.1 numbers are refused, not converted (0x10 is not 16).
    *(
        _case(f"yaml-1.1-number-{written}", "pricing.yml", "amount: 750", f"amount: {written}",
              f"data/pricing.yml, ligne {{line}}, colonne 13 : items[3].amount : {_AMOUNT} « {written} »")
        for written in ("0x10", "1_650", "7:50")
    ),
    _case("places-in-words", "planning.yml", "places: 10", "places: dix",
          "data/planning.yml, ligne {line}, colonne 11 : cohort.places : attendu un nombre entier, trouvé « dix »"),
    _case("infinite-duration", "restricted/programme.yml", "duration: 2.5", "duration: .inf",
          "data/restricted/programme.yml, ligne {line}, colonne 15 : modules[9].duration : attendu un nombre (ex. 2 ou 0.5), trouvé inf"),
    _case("negative-duration", "restricted/programme.yml", "duration: 2.5", "duration: -2.5",
          "data/restricted/programme.yml, ligne {line}, colonne 15 : modules[9].duration : attendu un nombre positif ou nul, trouvé -2.5"),
    _case("duration-1e25", "restricted/programme.yml", "    duration: 30\n", "    duration: 1e25\n",
          "data/restricted/programme.yml, ligne {line}, colonne 15 : modules[1].duration : attendu un nombre d'au plus 10000, trouvé 1e+25"),
    _case("module-month-beyond-five-years", "restricted/programme.yml", "end_month: 7", "end_month: 1000000000000",
          "data/restricted/programme.yml, ligne {line}, colonne 16 : modules[9].end_month : attendu un nombre inférieur ou égal à 60, trouvé 1000000000000"),
    # ---- dates
    _case("date-30/11", "planning.yml", "commitment_deadline: 2025-11-30", 'commitment_deadline: "30/11"',
          "data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : "
          "attendu une date au format AAAA-MM-JJ (ex. 2025-11-30), trouvé « 30/11 »"),
    _case("impossible-date", "planning.yml", "commitment_deadline: 2025-11-30", "commitment_deadline: 2025-11-31",
          "data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date qui existe dans le calendrier, trouvé « 2025-11-31 »"),
    _case("date-with-one-digit-day", "planning.yml", "kickoff_from: 2025-12-01", "kickoff_from: 2025-12-1",
          "data/planning.yml, ligne {line}, colonne 17 : cohort.kickoff_from : attendu une date au format AAAA-MM-JJ, mois et jour sur deux chiffres (ex. "
          "2025-02-03), trouvé « 2025-12-1 »"),
    _case("date-with-time", "planning.yml", "kickoff_from: 2025-12-01", "kickoff_from: 2025-12-01 10:00",
          "data/planning.yml, ligne {line}, colonne 17 : cohort.kickoff_from : attendu une date au format AAAA-MM-JJ (ex. 2025-11-30), trouvé « 2025-12-01 "
          "10:00 »"),
    _case("year-typo", "planning.yml", "kickoff_from: 2025-12-01", "kickoff_from: 2205-12-01",
          "data/planning.yml, ligne {line}, colonne 17 : cohort.kickoff_from : attendu une année entre 2000 et 2099, trouvé 2205", partial=True),
    _case("impossible-month", "planning.yml", "first_month: 2026-01", "first_month: 2026-13",
          "data/planning.yml, ligne {line}, colonne 16 : cohort.first_month : attendu un mois au format AAAA-MM (ex. 2026-01), trouvé « 2026-13 »"),
    _case("deadline-after-kickoff", "planning.yml", "commitment_deadline: 2025-11-30", "commitment_deadline: 2025-12-15",
          "data/planning.yml, ligne {line}, colonne 24 : cohort.commitment_deadline : attendu une date au plus tard le jour du kick-off (2025-12-01), trouvé "
          "2025-12-15"),
    _case("intentions-after-commitment", "planning.yml", "intentions_deadline: 2025-11-11", "intentions_deadline: 2025-12-11",
          "data/planning.yml, ligne {line}, colonne 24 : cohort.intentions_deadline : attendu une date au plus tard le jour de l'engagement (2025-11-30), "
          "trouvé 2025-12-11"),
    _case("first-month-before-kickoff", "planning.yml", "first_month: 2026-01", "first_month: 2025-10",
          "data/planning.yml, ligne {line}, colonne 16 : cohort.first_month : attendu un mois à partir de celui du kick-off (2025-12), trouvé 2025-10"),
    _case("cohort-id-without-year", "planning.yml", "  id: cohorte-2025-2026\n", "  id: cohorte-2025\n",
          "data/planning.yml, ligne {line}, colonne 7 : cohort.id : attendu un identifiant qui contient l'année du premier mois, 2026 (ex. cohorte-2025-2026) "
          ": chaque cohorte a le sien, il distingue ses agendas ; trouvé « cohorte-2025 »"),
    # ---- other values
    _case("boolean-misspelt", "pricing.yml", "    minimum: true               #", "    minimum: oui               #",
          "data/pricing.yml, ligne {line}, colonne 14 : items[1].minimum : attendu true ou false, trouvé « oui »"),
    _case("yes-is-not-a-boolean", "pricing.yml", "    opco_fundable: true\n", "    opco_fundable: yes\n",
          "data/pricing.yml, ligne {line}, colonne 20 : items[0].opco_fundable : attendu true ou false, trouvé « yes »"),
    _case("wrong-choice", "pricing.yml", "tax_basis: non_precise", "tax_basis: HT",
          "data/pricing.yml, ligne {line}, colonne 12 : tax_basis : attendu une de ces valeurs : ht, ttc ou non_precise, trouvé « HT »"),
    _case("choice-misspelt", "restricted/programme.yml", "    mode: distanciel", "    mode: distance",
          "data/restricted/programme.yml, ligne {line}, colonne 11 : modules[10].mode : attendu une de ces valeurs : presentiel, virtuel ou distanciel, "
          "trouvé « distance » ; vouliez-vous dire « distanciel » ?"),
    _case("restricted-value-misspelt", "restricted/planning.yml", "    format: preparation\n    month: 9\n", "    format: préparation\n    month: 9\n",
          "data/restricted/planning.yml, ligne {line}, colonne 13 : rows[9].format : attendu une de ces valeurs : groupe, individuel ou preparation, trouvé « "
          "préparation » ; vouliez-vous dire « preparation » ?"),
    _case("bad-email", "contacts.yml", "email: contact@pole-enter.org", "email: contact(at)pole-enter.org",
          "data/contacts.yml, ligne {line}, colonne 10 : general.email : attendu une adresse e-mail, trouvé « contact(at)pole-enter.org »"),
    _case("list-where-text-expected", "offer.yml", "region: Nouvelle-Aquitaine", "region: [Nouvelle-Aquitaine]",
          "data/offer.yml, ligne {line}, colonne 9 : region : attendu du texte, trouvé une liste"),
    # ---- references and consistency
    _case("unknown-profile", "pricing.yml", "memberships: [non_adherent]", "memberships: [non_adherant]",
          "data/pricing.yml, ligne {line}, colonne 19 : items[3].memberships[0] : profil inconnu « non_adherant » (connus : adherent, non_adherent) ; "
          "vouliez-vous dire « non_adherent » ?"),
    _case("unknown-contract", "pricing.yml", "    contract: organisme_formation\n", "    contract: organisme\n",
          "data/pricing.yml, ligne {line}, colonne 15 : items[0].contract : contrat inconnu « organisme » (connus : enter, organisme_formation) ; "
          "vouliez-vous dire « organisme_formation » ?"),
    _case("unknown-module", "restricted/planning.yml", 'modules: ["3.3"]', 'modules: ["3.9"]',
          "data/restricted/planning.yml, ligne {line}, colonne 15 : rows[8].modules[0] : module inconnu « 3.9 » (connus : 1.0, 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, "
          "2.4, 3.1, 3.2, 3.3, 3.4, 4.1, 4.2, 4.3) ; vouliez-vous dire « 3.4 » ?",
          cli=True),
    _case("unknown-sequence", "restricted/planning.yml", "  - id: comite\n    sequence: s4\n", "  - id: comite\n    sequence: s5\n",
          "data/restricted/planning.yml, ligne {line+1}, colonne 15 : rows[10].sequence : séquence inconnue « s5 » (connues : s1, s2, s3, s4)"),
    _case("duplicate-id", "restricted/planning.yml", "  - id: mooc\n", "  - id: kickoff\n",
          "data/restricted/planning.yml, ligne {line}, colonne 9 : rows[1].id : identifiant en double « kickoff » : chaque élément doit avoir le sien"),
    _case("duplicate-sequence-number", "restricted/programme.yml", "    number: 2\n", "    number: 1\n",
          "data/restricted/programme.yml, ligne {line}, colonne 13 : sequences[1].number : numéro en double 1 (déjà celui de la séquence s1) : chaque "
          "séquence a le sien"),
    _case("single-membership", "pricing.yml", "  - id: non_adherent\n    label: Non adhérent ENTER\n", "",
          "data/pricing.yml, ligne {line-2}, colonne 3 : memberships : attendu une liste d'au moins 2 éléments, trouvé 1 élément", partial=True),
    _case("required-contract-renamed", "pricing.yml", "  - id: enter\n", "  - id: pole_enter\n",
          "data/pricing.yml, ligne {line}, colonne 3 : contracts : attendu un contrat d'identifiant « enter » (le site calcule avec lui), trouvé : "
          "pole_enter, organisme_formation", partial=True),
    _case("reference-tier-without-prices", "pricing.yml", "  revenue_tier: ca_moins_12m", "  revenue_tier: ca_12m_et_plus",
          "data/pricing.yml, ligne {line}, colonne 17 : reference.revenue_tier : attendu une tranche dont des postes (items) donnent le prix, trouvé « "
          "ca_12m_et_plus », citée par aucun poste dans revenue_tiers"),
    _case("zero-reference-price", "pricing.yml", "amount: 9500", "amount: 0",
          "data/pricing.yml, ligne {line}, colonne 11 : reference.amount : attendu un prix de référence supérieur à 0, trouvé 0"),
    _case("row-outside-sequence", "restricted/planning.yml", "    month: 2\n", "    month: 5\n",
          "data/restricted/planning.yml, ligne {line}, colonne 12 : rows[4].month : attendu des mois dans la séquence s2 (M2 à M2), trouvé M5 à M5", cli=True),
    _case("module-code-of-another-sequence", "restricted/programme.yml", '  - code: "2.3"\n', '  - code: "3.7"\n',
          "data/restricted/programme.yml, ligne {line}, colonne 11 : modules[6].code : attendu un code commençant par 2 (séquence s2), trouvé « 3.7 »",
          partial=True),
    _case("module-end-before-start", "restricted/programme.yml", "end_month: 7", "end_month: 2",
          "data/restricted/programme.yml, ligne {line}, colonne 16 : modules[9].end_month : attendu un mois de fin après le mois de début (3), trouvé 2"),
    # Out of its sequence, a module is also out of its phase's announced months
    # (data/programme.yml, `months` of the phase: line 28 for s1, 34 for s3): both are reported.
    _case("module-outside-sequence-s1", "restricted/programme.yml",
          '    mode: presentiel\n    format: groupe\n    month: 1\n  - code: "1.3"', '    mode: presentiel\n    format: groupe\n    month: 9\n  - code: "1.3"',
          "data/programme.yml, ligne 28, colonne 13 : phases[0].months : mois annoncés : 2 (M1 à M2), mais les modules de l'étape "
          "(data/restricted/programme.yml) vont de M1 à M9 : corrigez l'un ou l'autre",
          "data/restricted/programme.yml, ligne {line+2}, colonne 12 : modules[2].month : attendu un mois dans la séquence s1, au plus tard M2 (début de la "
          "séquence s2), trouvé M9"),
    _case("module-outside-sequence-s3", "restricted/programme.yml", "    month: 8\n", "    month: 11\n",
          "data/programme.yml, ligne 34, colonne 13 : phases[1].months : mois annoncés : 8 (M3 à M10), mais les modules de l'étape "
          "(data/restricted/programme.yml) vont de M3 à M11 : corrigez l'un ou l'autre",
          "data/restricted/programme.yml, ligne {line}, colonne 12 : modules[10].month : attendu un mois dans la séquence s3, à partir de M2 (début de la "
          "séquence s2) et au plus tard M10 (début de la séquence s4), trouvé M11",
          cli=True),
    # A public fact checked against the restricted modules: located in the public file.
    _case("phase-days-differ", "programme.yml", "training_days: 6 ", "training_days: 7 ",
          "data/programme.yml, ligne {line}, colonne 20 : phases[0].training_days : jours de formation annoncés : 7, mais les modules de l'étape "
          "(data/restricted/programme.yml) en donnent 6 : corrigez l'un ou l'autre",
          restricted_only=True, cli=True),
)
DATA_ERROR = {case.id: case for case in DATA_ERRORS}


# ------------------------------------------------------------- bad pages, once
@dataclass(frozen=True)
class PageErrorCase:
    """A line appended to a page of docs/ and the located French message it gives."""

    id: str
    page: str  # under docs/
    text: str  # appended after a blank line
    message: str  # {line} is the line of `text`
    page_check: bool = True  # found by the page check before any build (else by MkDocs while building)


def _page(id: str, page: str, text: str, message: str, **flags: bool) -> PageErrorCase:
    return PageErrorCase(id, page, text, message, **flags)


# Each kind of bad page, written once: built through the CLI (test_errors.py)
# and explained in EDITING.md (test_editing.py).
PAGE_ERRORS: tuple[PageErrorCase, ...] = (
    _page("undefined-variable", "tarifs.md", "Prix : {{ prix_inconnu }}",
          "docs/tarifs.md, ligne {line}, colonne 11 : prix_inconnu : variable ou macro inconnue"),
    _page("unknown-macro", "tarifs.md", "{{ contract_breakdwn() }}",
          "docs/tarifs.md, ligne {line}, colonne 4 : contract_breakdwn : variable ou macro inconnue ; vouliez-vous dire « contract_breakdown » ?"),
    _page("unknown-figure", "index.md", "Dès {{ fig.member_frm }}.",
          "docs/index.md, ligne {line}, colonne 8 : fig.member_frm : « member_frm » inconnu dans « fig » ; vouliez-vous dire « member_from » ?"),
    _page("unknown-field", "index.md", "{{ offer.labl }}",
          "docs/index.md, ligne {line}, colonne 4 : offer.labl : « labl » inconnu dans « offer » ; vouliez-vous dire « label » ?"),
    _page("unknown-filter", "index.md", "{{ offer.updated_on | long_dat }}",
          "docs/index.md, ligne {line}, colonne 23 : long_dat : filtre inconnu (connus : long_date, money, relative_url) ; vouliez-vous dire « long_date » ?"),
    _page("unclosed-block", "programme.md", "{% for pillar in offer.pillars %}{{ pillar }}",
          "docs/programme.md, ligne {line} : syntaxe de page invalide : bloc jamais refermé : il manque {% endfor %}"),
    _page("single-brace", "programme.md", "{{ offer.label }",
          "docs/programme.md, ligne {line} : syntaxe de page invalide : accolade « } » inattendue ; une variable s'écrit {{ nom }}, deux accolades de chaque "
          "côté"),
    _page("unclosed-parenthesis", "tarifs.md", "{{ contract_breakdown( }}",
          "docs/tarifs.md, ligne {line} : syntaxe de page invalide : « ( » jamais refermée : il manque « ) »"),
    _page("too-many-arguments", "tarifs.md", "{{ contract_breakdown(1) }}",
          "docs/tarifs.md, ligne {line}, colonne 4 : contract_breakdown() : trop d'arguments (1 donné, 0 attendu)"),
    _page("not-a-macro", "index.md", "{{ offer.label() }}",
          "docs/index.md, ligne {line}, colonne 4 : offer.label : ce n'est pas une macro, retirez les parenthèses"),
    _page("missing-argument", "participer.md", '{{ calendar_link("inscriptions.ics") }}',
          "docs/participer.md, ligne {line}, colonne 4 : calendar_link() : argument manquant : label"),
    _page("restricted-macro", "contacts.md", "{{ planning_table() }}",
          "docs/contacts.md, ligne {line} : « Le planning prévisionnel » est en diffusion restreinte : cette page ne peut pas l'afficher dans le site public"),
    _page("link-to-restricted", "contacts.md", "[Détail](restricted/operation.md)",
          "docs/contacts.md, ligne {line} : lien vers une page en diffusion restreinte (restricted/operation.md) : interdit dans le site public ; retirez le "
          "lien, ou déplacez la page hors de docs/restricted/"),
    _page("broken-link", "contacts.md", "[Tarifs](tarif.md)",
          "docs/contacts.md, ligne {line} : lien « tarif.md » : page introuvable dans docs/", page_check=False),
)


# ------------------------------------------------- the working tree untouched
class WorkingTreeGuard:
    """Refuses, and records, every write of this Python process under the working tree.

    Tests write only under tmp_path; the guard (an audit hook, see
    tests/conftest.py) stops a write elsewhere in the project as it happens
    and names it, even when the code under test would swallow the error.
    Bytecode caches (__pycache__) are Python's; `allowed` folders (pytest's
    base temporary folder, an opt-in preview folder) may sit in the tree.
    Child processes are not watched: the commands the tests run in the
    working tree itself only read (`check`, `--check`).
    """

    EVENTS = frozenset({"open", "os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.unlink",
                        "os.truncate", "os.utime", "os.chmod", "os.link", "os.symlink", "shutil.rmtree"})
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def __init__(self, root: Path = ROOT, allowed: tuple[Path, ...] = ()) -> None:
        self.root = str(root.resolve())
        # Only folders inside the tree matter (one holding the whole tree, like /tmp, allows nothing more).
        self.allowed = tuple(a for a in (str(folder.resolve()) for folder in allowed) if a.startswith(self.root + os.sep))
        self.active = False
        self.found: list[str] = []

    def _inside(self, path: Any) -> str | None:
        """`path` relative to the working tree when a test may not write there, else None."""
        if isinstance(path, int):
            return None  # a file descriptor: opened, and checked, by path before
        path = os.path.abspath(os.fsdecode(os.fspath(path)))
        if path != self.root and not path.startswith(self.root + os.sep):
            return None
        if "__pycache__" in path.split(os.sep) or any(path == a or path.startswith(a + os.sep) for a in self.allowed):
            return None
        return os.path.relpath(path, self.root)

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook (sys.addaudithook)."""
        if not self.active or event not in self.EVENTS:
            return
        if event == "open":
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            if flags & self.WRITE_FLAGS == 0:
                return
            targets = args[:1]
        elif event in ("os.rename", "os.replace"):
            targets = args[:2]
        elif event in ("os.link", "os.symlink"):
            targets = args[1:2]  # the new name; the target is only pointed at
        elif event in ("os.remove", "os.unlink", "os.rmdir") and args[1] not in (None, -1):
            return  # relative to a folder opened by shutil.rmtree, which is checked itself
        else:
            targets = args[:1]
        for target in targets:
            relative = self._inside(target)
            if relative is not None:
                self.found.append(f"{event} {relative}")
                raise PermissionError(f"les tests n'écrivent que sous tmp_path, jamais dans la copie de travail : {event} {relative}")

    def take(self) -> list[str]:
        """The writes refused since the last call."""
        found, self.found = self.found, []
        return found
