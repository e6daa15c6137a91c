"""Errors that an editor can act on: file, line, column, field, message.

`DataError` locates a problem in data/*.yml, `PageError` in a page of
docs/. Both print in French, without a Python traceback.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class DataError:
    """One problem found in a data file, located as precisely as possible."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, ligne {self.line}, colonne {self.column}"
        field = f"{self.field} : " if self.field else ""
        return f"{where} : {field}{self.message}"


class DataErrors(Exception):
    """Every problem found in the data, reported at once."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """The French report printed to editors, one problem a line."""
        count = len(self.errors)
        head = (
            "1 erreur dans les données :"
            if count == 1
            else f"{count} erreurs dans les données :"
        )
        return "\n".join([head, *(f"  - {error}" for error in self.errors)])


# ------------------------------------------------------------------ page errors
@dataclass(frozen=True)
class PageError:
    """A problem in a page of docs/ (a macro or variable), located."""

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", ligne {self.line}"
            if self.column is not None:
                where += f", colonne {self.column}"
        return f"{where} : {self.message}"


def page_error(
    error: BaseException,
    *,
    file: str,
    source: str,
    markdown: str,
    names: Mapping[str, Any],
    filters: Iterable[str] = (),
) -> PageError:
    """A French, located PageError from an exception raised while rendering a page.

    `source` is the page file as written (front matter included), `markdown`
    the text that was rendered, `names` the variables and macros the page may
    use and `filters` the filters. Jinja is recognised by the names of its
    exception classes, so that this module never imports it.
    """
    offset = source[: len(source) - len(markdown)].count("\n") if markdown and source.endswith(markdown) else 0
    line = _template_line(error)
    text = markdown.splitlines()[line - 1] if line is not None and 0 < line <= len(markdown.splitlines()) else ""
    filters = list(filters)
    message, word = _page_message(error, text, names, filters)
    column = _column(text, word) if word else None
    return PageError(file, line + offset if line is not None else None, column, message)


def _template_line(error: BaseException) -> int | None:
    """The line of the rendered text where the error happened."""
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _column(text: str, word: str) -> int | None:
    """Column (from 1) of `word` in a line, preferring an occurrence inside {{ }} or {% %}."""
    matches = [m.start() for m in re.finditer(rf"(?<![\w.]){re.escape(word)}(?!\w)", text)]
    if not matches:
        return None
    inside = [start for start in matches if text.rfind("{", 0, start) > text.rfind("}", 0, start)]
    return (inside or matches)[0] + 1


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to a mistyped one, if any is close (private names left out)."""
    guess = difflib.get_close_matches(word, [name for name in known if not name.startswith("_")], n=1, cutoff=0.6)
    return guess[0] if guess else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """« ; vouliez-vous dire « x » ? » when a known name is close, else "": every error message's hint."""
    guess = closest(word, known)
    return f" ; vouliez-vous dire « {guess} » ?" if guess else ""


def _attributes(value: Any) -> list[str]:
    """The attributes a page may read on a value (model fields, key figures)."""
    fields = getattr(type(value), "model_fields", None)
    if fields:
        return list(fields)
    if dataclasses.is_dataclass(value):
        return [field.name for field in dataclasses.fields(value)]
    return [name for name in dir(value) if not name.startswith("_")]


def _page_message(error: BaseException, text: str, names: Mapping[str, Any], filters: Iterable[str]) -> tuple[str, str | None]:
    """The French message, and the word to locate in the line."""
    kind = type(error).__name__
    detail = str(error)
    if kind == "UndefinedError":
        undefined = re.fullmatch(r"'(.+)' is undefined", detail)
        if undefined:
            name = undefined.group(1)
            return f"{name} : variable ou macro inconnue{did_you_mean(name, names)}", name
        attribute = re.fullmatch(r"'.+' has no attribute '(.+)'", detail)
        if attribute:
            return _attribute_message(attribute.group(1), text, names)
    if kind == "TemplateAssertionError":
        unknown = re.fullmatch(r"No filter named '(.+)'\.?", detail)
        if unknown:
            name = unknown.group(1)
            return f"{name} : filtre inconnu (connus : {', '.join(sorted(filters))}){did_you_mean(name, filters)}", name
    if kind in ("TemplateSyntaxError", "TemplateAssertionError"):
        return f"syntaxe de page invalide : {_syntax(getattr(error, 'message', None) or detail)}", None
    if kind == "TypeError":
        return _call_message(detail, text)
    if kind == "RestrictedContent":
        return detail, None
    return f"erreur pendant le calcul de la page ({kind} : {detail})", None


def _attribute_message(attribute: str, text: str, names: Mapping[str, Any]) -> tuple[str, str]:
    """`fig.member_frm` : « member_frm » inconnu dans « fig »."""
    found = re.search(rf"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.{re.escape(attribute)}(?!\w)", text)
    if found is None:
        return f"{attribute} : élément inconnu", attribute
    owner = found.group(1)
    value: Any = names.get(owner.split(".")[0])
    for part in owner.split(".")[1:]:
        value = getattr(value, part, None)
    known = _attributes(value) if value is not None else []
    return f"{owner}.{attribute} : « {attribute} » inconnu dans « {owner} »{did_you_mean(attribute, known)}", f"{owner}.{attribute}"


def _call_message(detail: str, text: str) -> tuple[str, str | None]:
    """A macro called with the wrong arguments, or a value called as a macro."""
    called = re.match(r"(?:[\w<>]+\.)*(\w+)\(\) (.*)", detail)
    if called:
        name, rest = called.groups()
        missing = re.match(r"missing \d+ required (?:positional |keyword-only )?arguments?: (.+)", rest)
        extra = re.match(r"takes (\d+) positional arguments? but (\d+) (?:was|were) given", rest)
        keyword = re.match(r"got an unexpected keyword argument '(.+)'", rest)
        if missing:
            args = missing.group(1).replace("'", "").replace(" and ", ", ")
            return f"{name}() : argument manquant : {args}", name
        if extra:
            given, expected = int(extra.group(2)), int(extra.group(1))
            return f"{name}() : trop d'arguments ({given} donné{'s' if given > 1 else ''}, {expected} attendu{'s' if expected > 1 else ''})", name
        if keyword:
            return f"{name}() : argument inconnu « {keyword.group(1)} »", name
    if detail.endswith("is not callable"):
        call = re.search(r"([A-Za-z_][\w.]*)\s*\(", text)
        name = call.group(1) if call else None
        return f"{name or 'valeur'} : ce n'est pas une macro, retirez les parenthèses", name
    return f"erreur pendant le calcul de la page (TypeError : {detail})", None


def _syntax(detail: str) -> str:
    """Jinja's syntax messages, in French."""
    unclosed = re.search(r"looking for the following tags: '(\w+)'", detail)
    tag = re.fullmatch(r"Encountered unknown tag '(\w+)'\.?", detail)
    if detail == "unexpected '}'":
        return "accolade « } » inattendue ; une variable s'écrit {{ nom }}, deux accolades de chaque côté"
    if unclosed:
        return f"bloc jamais refermé : il manque {{% {unclosed.group(1)} %}}"
    if tag:
        return f"balise {{% {tag.group(1)} %}} inconnue ou sans bloc ouvert"
    if "end of print statement" in detail:
        return "expression vide ou incomplète entre {{ et }}"
    closing = re.search(r"(?<!un)expected '([)\]}])'", detail)
    if closing:
        opening = {")": "(", "]": "[", "}": "{"}[closing.group(1)]
        return f"« {opening} » jamais refermée : il manque « {closing.group(1)} »"
    unexpected = re.fullmatch(r"unexpected '(.+)'", detail)
    if unexpected:
        return f"« {unexpected.group(1)} » inattendu"
    return f"({detail})"


def preview_page(report: str, *, title: str = "Aperçu impossible : corrigez les données") -> str:
    """The Markdown a preview page shows instead of its content, for an error to fix."""
    lines = "\n".join(f"        {line}" for line in report.splitlines())
    return (
        f'!!! failure "{title}"\n\n'
        f"{lines}\n\n"
        "    Enregistrez le fichier corrigé : cette page se met à jour toute seule.\n"
    )


def line_of(source: str, text: str) -> int | None:
    """The first line (from 1) of `source` that contains `text`."""
    return next((n for n, line in enumerate(source.splitlines(), start=1) if text in line), None)
