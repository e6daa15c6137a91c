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
from .yaml_syntax import QUOTE, syntax_error

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

    # Our own table (SafeLoader's, YAML 1.1, stays untouched). Class-level by design, as in PyYAML,
    # whose stubs declare it an instance attribute: hence no ClassVar.
    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


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
        raise DataErrors([syntax_error(name, text, exc)]) from None
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
    assert isinstance(node, yaml.ScalarNode)  # the composer makes only mappings, sequences and scalars
    return _scalar(node)


def _tag_error(node: yaml.Node, path: Path_, loaded: LoadedFile) -> DataError:
    """An explicit YAML tag (`!!binary`, `!!python/…`, `!x`) is refused."""
    tag = node.tag.replace(_TAG, "!!")
    return loaded.error(path, f"étiquette YAML « {tag} » non prise en charge : retirez-la ou {QUOTE}")


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
