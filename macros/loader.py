"""Read YAML data files, keeping the line and column of every node.

The loader composes the YAML node tree itself so that it can refuse
duplicate keys, keep impossible dates as text for the validator to report,
and remember where each value was written.

Plain scalars are read with the YAML 1.2 core rules, which are also those
of the editors (VS Code's YAML extension): `yes`, `no`, `on`, `off` are
text, not booleans; `0750` is 750, not an octal number; `1:30` is text, not
90; `0x10` and `1_650` are text. The only addition is the date `AAAA-MM-JJ`,
read as a date. So a value never means something other than what the editor
shows, and an unusual spelling ends in a located error, never in a silently
different figure.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataErrors

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe composer with YAML 1.2 core implicit types (plus dates)."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _regexp, _first in (
    ("bool", _BOOL, "tTfF"),
    ("null", _NULL, ["~", "n", "N", ""]),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+.0123456789"),
    ("float", _INF, "-+."),
    ("float", _NAN, "."),
    ("timestamp", _DATE, "0123456789"),
):
    _Loader.add_implicit_resolver(_TAG + _tag, _regexp, list(_first))

# Tags an editor never needs: anything else written with `!` is refused.
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class LoadedFile:
    """A parsed YAML file with the position of each of its values."""

    name: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of `path`, or of its closest located parent."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)

    def error(self, path: Path_, message: str, *, at_key: bool = False) -> DataError:
        """A DataError located at `path` (its value, or its key) in this file."""
        line, column = self.key_positions[path] if at_key and path in self.key_positions else self.where(path)
        return DataError(self.name, line, column, format_path(path), message)


def format_path(path: Path_) -> str:
    """`items[2].amount` from ('items', 2, 'amount')."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_file(path: Path, *, name: str) -> LoadedFile:
    """Parse one YAML file; raise DataErrors for syntax errors and duplicates."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataErrors([DataError(name, 1, 1, "", "fichier introuvable")]) from None
    except UnicodeDecodeError as exc:
        before = exc.object[: exc.start].decode("utf-8", errors="replace")
        line, column = _position(before, len(before))
        raise DataErrors(
            [DataError(name, line, column, "", "caractère illisible : enregistrez le fichier en UTF-8")]
        ) from None
    return load_text(text, name=name)


def load_text(text: str, *, name: str) -> LoadedFile:
    """Parse YAML text; raise DataErrors for syntax errors and duplicates."""
    loaded = LoadedFile(name=name, data=None)
    errors: list[DataError] = []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([_syntax_error(name, text, exc)]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        message = f"caractère invisible interdit (code {exc.character:#x}) : supprimez-le ou retapez la ligne"
        raise DataErrors([DataError(name, line, column, "", message)]) from None
    if node is None:
        loaded.data = {}
        return loaded
    loaded.data = _convert(node, (), loaded, errors, ())
    if errors:
        raise DataErrors(errors)
    return loaded


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of a character index in `text`."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


_QUOTE = "mettez la valeur entre guillemets"
_UNCLOSED = "syntaxe YAML invalide : guillemet ouvert ici et jamais refermé"


def _syntax_message(exc: yaml.MarkedYAMLError, current: str, column: int) -> str:
    """A French explanation of a PyYAML syntax error."""
    problem = exc.problem or ""
    context = exc.context or ""
    found = re.search(r"found character '(.+?)' that cannot start any token", problem)
    if "'\\t'" in problem or "\t" in current[: max(column, 1)]:
        return "tabulation trouvée : indentez avec des espaces, jamais avec la touche Tab"
    if "mapping values are not allowed" in problem:
        return f"syntaxe YAML invalide : deux-points inattendu ; {_QUOTE} ou vérifiez l'indentation"
    if "could not find expected ':'" in problem:
        return "syntaxe YAML invalide : attendu « clé: valeur », deux-points manquant"
    if "found undefined alias" in problem:
        return f"syntaxe YAML invalide : « * » en début de valeur est réservé en YAML ; {_QUOTE}"
    if found:
        return f"syntaxe YAML invalide : « {found.group(1)} » ne peut pas commencer une valeur ; {_QUOTE}"
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
        return f"syntaxe YAML invalide : « & » en début de valeur est réservé en YAML ; {_QUOTE}"
    return f"syntaxe YAML invalide ({problem or context})"


def _syntax_error(name: str, text: str, exc: yaml.MarkedYAMLError) -> DataError:
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
        if quote == '"' and line[i] == "\\":
            i += 2
        elif line[i] == quote and quote == "'" and line[i + 1 : i + 2] == "'":
            i += 2
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


def _convert(node: yaml.Node, path: Path_, loaded: LoadedFile, errors: list[DataError], stack: tuple[int, ...]) -> Any:
    """Plain Python values from a node, recording positions and duplicates."""
    loaded.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in stack:
        errors.append(loaded.error(path, "un alias « * » renvoie à la section qui le contient : recopiez la valeur"))
        return None
    if isinstance(node, yaml.MappingNode):
        if node.tag != _TAG + "map":
            errors.append(_tag_error(node, path, loaded))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                errors.append(DataError(loaded.name, line, column, format_path(path), "clé invalide : une clé est un simple mot suivi de « : »"))
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = loaded.key_positions.get(child, (0, 0))[0]
                line = key_node.start_mark.line + 1
                errors.append(
                    DataError(
                        loaded.name, line, key_node.start_mark.column + 1,
                        format_path(child),
                        f"clé en double (déjà définie ligne {first}) : gardez une seule « {key} »",
                    )
                )
                continue
            loaded.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, child, loaded, errors, (*stack, id(node)))
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _TAG + "seq":
            errors.append(_tag_error(node, path, loaded))
        return tuple(_convert(item, (*path, index), loaded, errors, (*stack, id(node))) for index, item in enumerate(node.value))
    if node.tag not in _SCALAR_TAGS:
        errors.append(_tag_error(node, path, loaded))
        return node.value
    return _scalar(node)


def _tag_error(node: yaml.Node, path: Path_, loaded: LoadedFile) -> DataError:
    """An explicit YAML tag (`!!binary`, `!!python/…`, `!x`) is refused."""
    tag = node.tag.replace(_TAG, "!!")
    return loaded.error(path, f"étiquette YAML « {tag} » non prise en charge : retirez-la ou {_QUOTE}")


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value by its (YAML 1.2 core) tag; an impossible date stays text."""
    kind = node.tag[len(_TAG):]
    value: str = node.value
    if kind == "str":
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int" and _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts
            return value
    if kind == "float":
        if _INF.match(value):
            return -math.inf if value.startswith("-") else math.inf
        if _NAN.match(value):
            return math.nan
        if _FLOAT.match(value):
            return float(value)
    if kind == "timestamp":
        match = _DATE.match(value)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return value
    return value
