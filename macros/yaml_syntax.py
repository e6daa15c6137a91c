"""PyYAML's syntax errors explained in French, at the place an editor should look.

A quote left open is the hardest case: YAML closes it at the next quote of
the file, often lines later, and PyYAML fails just after. `_runaway_quote`
finds the quote that opened, by scanning the quoted scalars line by line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .errors import DataError

QUOTE = "mettez la valeur entre guillemets"
_UNCLOSED = "syntaxe YAML invalide : guillemet ouvert ici et jamais refermé"


def _syntax_message(exc: yaml.MarkedYAMLError, current: str, column: int) -> str:
    """A French explanation of a PyYAML syntax error."""
    problem = exc.problem or ""
    context = exc.context or ""
    found = re.search(r"found character '(.+?)' that cannot start any token", problem)
    if "'\\t'" in problem or "\t" in current[: max(column, 1)]:
        return "tabulation trouvée : indentez avec des espaces, jamais avec la touche Tab"
    if "mapping values are not allowed" in problem:
        return f"syntaxe YAML invalide : deux-points inattendu ; {QUOTE} ou vérifiez l'indentation"
    if "could not find expected ':'" in problem:
        return "syntaxe YAML invalide : attendu « clé: valeur », deux-points manquant"
    if "found undefined alias" in problem:
        return f"syntaxe YAML invalide : « * » en début de valeur est réservé en YAML ; {QUOTE}"
    if found:
        return f"syntaxe YAML invalide : « {found.group(1)} » ne peut pas commencer une valeur ; {QUOTE}"
    if "quoted scalar" in context:
        return _UNCLOSED
    if "flow sequence" in context:
        return "syntaxe YAML invalide : crochet « [ » ouvert ici et mal refermé (attendu « , » ou « ] »)"
    if "flow mapping" in context:
        return "syntaxe YAML invalide : accolade « { » ouverte ici et mal refermée (attendu « , » ou « } »)"
    if "expected a single document" in context:
        return "syntaxe YAML invalide : un seul document par fichier ; retirez la ligne « --- »"
    if "expected <block end>" in problem or "did not find expected key" in problem or "did not find expected '-'" in problem:
        return "syntaxe YAML invalide : indentation incohérente ; alignez cette ligne sur les clés de même niveau"
    if "found duplicate anchor" in problem or "anchor" in context:
        return f"syntaxe YAML invalide : « & » en début de valeur est réservé en YAML ; {QUOTE}"
    return f"syntaxe YAML invalide ({problem or context})"


def syntax_error(name: str, text: str, exc: yaml.MarkedYAMLError) -> DataError:
    """Translate a PyYAML syntax error into French, located where to look.

    A quote left open is closed by the next quote of the file, often lines
    later, and PyYAML then fails just after it: the error is reported at the
    quote that opened, not where PyYAML noticed (see `_runaway_quote`).
    """
    runaway = _runaway_quote(text, exc.problem_mark) if exc.problem_mark else None
    if runaway is not None:
        return DataError(name, runaway.line + 1, runaway.column + 1, "", _UNCLOSED)
    context = exc.context or ""
    opened = any(word in context for word in ("quoted scalar", "flow sequence", "flow mapping", "simple key"))
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    return DataError(name, line, column, "", _syntax_message(exc, current, column))


@dataclass(frozen=True)
class _Quoted:
    """A quoted scalar as `_quoted_scalars` saw it (lines and columns from 0)."""

    line: int
    column: int
    owner: int  # its continuation lines belong to it only when indented past this column
    end_line: int | None  # line of the closing quote; None while still open


_BLANKS = " \t\ufeff"
# A line that reads as a new entry (`- …` or `key: …`), not as running text.
_ENTRY_LINE = re.compile(r"\s*(?:-(?:\s|$)|[^\s#'\"\[\]{},:&*!|>-][^#]*?:(?:\s|$))")


def _runaway_quote(text: str, mark: yaml.Mark) -> _Quoted | None:
    """The quote that, left open, ran on to the line of a syntax error, if any.

    It is the last quoted scalar opened before the error, closed (by the next
    quote of the file) on the error's line but opened on an earlier one, and
    whose continuation lines make no sense as text: one is not indented past
    its key or dash, or reads as a `key: value` or `- item` entry. A quoted
    value that really spans lines, indented as YAML wants, is left alone.
    """
    quoted = _quoted_scalars(text, end=mark.index)
    if not quoted:
        return None
    last = quoted[-1]
    if last.end_line != mark.line or last.line >= mark.line:
        return None
    for line in text.split("\n")[last.line + 1 : last.end_line + 1]:
        body = line.rstrip("\r")
        stripped = body.lstrip(" ")
        if stripped and (len(body) - len(stripped) <= last.owner or _ENTRY_LINE.match(body)):
            return last
    return None


def _quoted_scalars(text: str, *, end: int) -> list[_Quoted]:
    """Every quoted scalar opened in `text[:end]`, with the line it closes on.

    A small scan that follows YAML just enough: a quote opens a scalar only as
    the first character of a value (line start, after `key: `, `- `, `[`, `{`
    or `,`), so the apostrophe of `l'ADEME` counts for nothing. It knows the
    escapes (`\\"` in double quotes, `''` in single quotes), and skips comments,
    block scalars (`|`, `>`) and the continuation lines of plain values.
    """
    found: list[_Quoted] = []
    opened: tuple[str, int, int, int] | None = None  # quote, line, column, owner
    flow, flow_owner, expect, owner, skip_past = 0, 0, True, 0, -1
    for number, raw in enumerate(text[:end].split("\n")):
        line = raw.rstrip("\r")
        i = 0
        if opened is not None:
            closed = _closing_quote(line, 0, opened[0])
            if closed is None:
                continue
            found.append(_Quoted(opened[1], opened[2], opened[3], number))
            opened, expect, i = None, False, closed
        else:
            indent = len(line) - len(line.lstrip(" "))
            if skip_past >= 0 and (not line.strip() or indent > skip_past):
                continue
            skip_past = -1
            if flow == 0:
                expect, owner = True, indent
        while i < len(line):
            char = line[i]
            spaced = i + 1 == len(line) or line[i + 1] in _BLANKS
            if char in _BLANKS:
                i += 1
            elif char == "#" and (i == 0 or line[i - 1] in _BLANKS):
                break
            elif not expect:
                if flow and char == ",":
                    expect = True
                elif flow and char in "]}":
                    flow -= 1
                elif char == ":" and (spaced or flow):
                    expect = True
                i += 1
            elif char in "\"'":
                column, mine = i, owner if flow == 0 else flow_owner
                closed = _closing_quote(line, i + 1, char)
                if closed is None:
                    opened = (char, number, column, mine)
                    break
                found.append(_Quoted(number, column, mine, number))
                expect, i = False, closed
                owner = column if flow == 0 else owner  # a quoted key: `"clé": valeur`
            elif char in "[{":
                flow_owner = owner if flow == 0 else flow_owner
                flow, i = flow + 1, i + 1
            elif char in "|>" and flow == 0:
                skip_past = owner
                break
            elif char in "&!":  # an anchor or a tag, then the value
                while i < len(line) and line[i] not in _BLANKS + (",[]{}" if flow else ""):
                    i += 1
            elif char in "-?:" and spaced and (flow == 0 or char != "-"):
                owner = i if flow == 0 and char == "-" else owner
                i += 1
            else:
                start = i
                i, is_key = _plain_end(line, i, in_flow=flow > 0)
                expect = is_key
                if is_key and flow == 0:
                    owner = start
                elif not is_key and flow == 0 and i >= len(line):
                    skip_past = owner
    return found


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    """Index just past the quote closing a scalar from `start` on, or None if the line ends first."""
    i = start
    while i < len(line):
        if (quote == '"' and line[i] == "\\") or (line[i] == quote and quote == "'" and line[i + 1 : i + 2] == "'"):
            i += 2  # an escape in "…" or a doubled quote in '…': two characters, not the end
        elif line[i] == quote:
            return i + 1
        else:
            i += 1
    return None


def _plain_end(line: str, start: int, *, in_flow: bool) -> tuple[int, bool]:
    """Where a plain scalar from `start` ends, and whether it was a key (then past its `:`)."""
    i = start
    while i < len(line):
        char = line[i]
        after = line[i + 1 : i + 2]
        if char == ":" and (after in ("", " ", "\t") or (in_flow and after in ",[]{}")):
            return i + 1, True
        if char == "#" and line[i - 1] in _BLANKS:
            return i, False
        if in_flow and char in ",[]{}":
            return i, False
        i += 1
    return i, False
