"""Read YAML data files, keeping the line and column of every node.

The loader composes the YAML node tree itself so that it can refuse
duplicate keys, keep impossible dates as text for the validator to report,
and remember where each value was written.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataErrors

Path_ = tuple[str | int, ...]
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


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
    except UnicodeDecodeError:
        raise DataErrors(
            [DataError(name, 1, 1, "", "attendu un fichier texte en UTF-8")]
        ) from None
    loaded = LoadedFile(name=name, data=None)
    errors: list[DataError] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise DataErrors([_syntax_error(name, text, exc)]) from None
    if node is None:
        loaded.data = {}
        return loaded
    loaded.data = _convert(node, (), loaded, errors)
    if errors:
        raise DataErrors(errors)
    return loaded


def _syntax_error(name: str, text: str, exc: yaml.MarkedYAMLError) -> DataError:
    """Translate a PyYAML syntax error into French."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem or "\t" in current[: max(column, 1)]:
        message = "tabulation trouvée : indentez avec des espaces, jamais avec la touche Tab"
    elif "mapping values are not allowed" in problem:
        message = (
            "syntaxe YAML invalide : deux-points inattendu ; mettez le texte "
            "entre guillemets ou vérifiez l'indentation"
        )
    elif "could not find expected ':'" in problem:
        message = "syntaxe YAML invalide : attendu « clé: valeur », deux-points manquant"
    elif "found undefined alias" in problem or "found character" in problem:
        message = f"syntaxe YAML invalide : caractère inattendu ({problem})"
    else:
        message = f"syntaxe YAML invalide ({problem or exc.context})"
    return DataError(name, line, column, "", message)


_CONSTRUCTOR = yaml.SafeLoader("")


def _convert(node: yaml.Node, path: Path_, loaded: LoadedFile, errors: list[DataError]) -> Any:
    """Plain Python values from a node, recording positions and duplicates."""
    loaded.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
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
            result[key] = _convert(value_node, child, loaded, errors)
        return result
    if isinstance(node, yaml.SequenceNode):
        return tuple(_convert(item, (*path, index), loaded, errors) for index, item in enumerate(node.value))
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value; an impossible date stays text for the validator."""
    if node.tag.endswith(":timestamp"):
        try:
            value = _CONSTRUCTOR.construct_object(node, deep=True)
        except ValueError:
            return node.value
        if isinstance(value, dt.datetime):
            return value
        return value
    if node.tag.endswith(":str") and _DATE_LIKE.match(node.value) and node.style is None:
        return node.value
    return _CONSTRUCTOR.construct_object(node, deep=True)
