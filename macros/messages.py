"""Data errors in French: pydantic's errors translated, and the shared phrasings.

`translate` turns one file's pydantic ValidationError into located
DataErrors (« attendu …, trouvé … », « clé inconnue … ; vouliez-vous dire … ? »);
`unknown` and `number` phrase the cross-file checks' messages the same way.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, closest, did_you_mean
from .loader import LoadedFile

_EXPECTED = {
    "missing": "ce champ, obligatoire",
    "string_type": "du texte",
    "int_type": "un nombre entier",
    "bool_type": "true ou false",
    "tuple_type": "une liste (lignes commençant par « - »)",
    "model_type": "une section de clés « clé: valeur »",
    "dict_type": "une section de clés « clé: valeur »",
    "model_attributes_type": "une section de clés « clé: valeur »",
    "decimal_type": "un nombre",
    "string_too_short": "un texte non vide",
    "too_short": "une liste non vide",
}


def described(value: Any) -> str:
    """How a found value is quoted in a message."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "une section de clés"
    if isinstance(value, (list, tuple)):
        return "une liste"
    if isinstance(value, str):
        return f"« {value} »"
    return str(value)


def fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Known keys of the model reached by `loc` (for « vouliez-vous dire »)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def inner_model(annotation: Any) -> Any:
    """The BaseModel inside tuple[...] or X | None, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def translate(exc: ValidationError, loaded: LoadedFile, model: type[BaseModel]) -> list[DataError]:
    """French DataErrors from pydantic's errors.

    A misspelt key gives two pydantic errors (unknown key, missing field):
    when the suggestion names the missing field, only the first is kept.
    """
    result = []
    suggested: set[tuple[Any, ...]] = set()
    errors = [
        (tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith(("function-", "lax-", "strict-")))), error)
        for error in exc.errors()
    ]
    for loc, error in errors:
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            known = fields_at(model, loc[:-1])
            guess = closest(key, known)
            if guess:
                suggested.add((*loc[:-1], guess))
            message = f"clé inconnue « {key} » (clés connues : {', '.join(known)}){did_you_mean(key, known)}"
        elif kind == "missing":
            message = f"champ obligatoire « {loc[-1]} » manquant"
        elif kind == "literal_error":
            expected = error["ctx"]["expected"].replace("'", "").replace(" or ", " ou ")
            choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
            hint = did_you_mean(value, choices) if isinstance(value, str) else ""
            message = f"attendu une de ces valeurs : {expected}, trouvé {described(value)}{hint}"
        elif kind == "greater_than_equal":
            message = f"attendu un nombre supérieur ou égal à {error['ctx']['ge']}, trouvé {described(value)}"
        elif kind == "greater_than":
            message = f"attendu un nombre supérieur à {error['ctx']['gt']}, trouvé {described(value)}"
        elif kind == "less_than_equal":
            message = f"attendu un nombre inférieur ou égal à {error['ctx']['le']}, trouvé {described(value)}"
        elif kind == "less_than":
            message = f"attendu un nombre inférieur à {error['ctx']['lt']}, trouvé {described(value)}"
        elif kind == "too_short" and isinstance(value, (list, tuple)):
            least = error["ctx"]["min_length"]
            wanted = "une liste non vide" if least == 1 else f"une liste d'au moins {least} éléments"
            found = "une liste vide" if not value else f"{len(value)} élément{'s' if len(value) > 1 else ''}"
            message = f"attendu {wanted}, trouvé {found}"
        elif kind == "string_pattern_mismatch":
            message = f"attendu {pattern_hint(loc)}, trouvé {described(value)}"
        elif kind in ("euros_large", "quantity_large"):
            message = f"attendu {error['msg']}, trouvé {described(value)}"
        elif kind in _EXPECTED:
            message = f"attendu {_EXPECTED[kind]}, trouvé {described(value)}"
        else:
            message = f"attendu {error['msg']}, trouvé {described(value)}"
        result.append((loc, kind, loaded.error(loc, message, at_key=kind == "extra_forbidden")))
    return [error for loc, kind, error in result if not (kind == "missing" and loc in suggested)]


def pattern_hint(loc: tuple[Any, ...]) -> str:
    """What a pattern-checked field expects, in words."""
    last = str(loc[-1]) if loc else ""
    if last == "email":
        return "une adresse e-mail"
    if last == "code":
        return "un code de module comme \"2.3\", entre guillemets"
    if last == "website":
        return "une adresse commençant par https://"
    return "un identifiant en minuscules, chiffres, - ou _ (sans espace ni accent)"


_FEMININE = ("tranche", "phase", "séquence", "étape")


def unknown(loaded: LoadedFile, path: tuple[Any, ...], what: str, value: str, known: list[str]) -> DataError:
    """« profil inconnu « x » (connus : …) ; vouliez-vous dire … ? »."""
    feminine = what.startswith(_FEMININE)
    hint = did_you_mean(value, known)
    unknown, listed = ("inconnue", "connues") if feminine else ("inconnu", "connus")
    return loaded.error(path, f"{what} {unknown} « {value} » ({listed} : {', '.join(known)}){hint}")


def number(value: Any) -> str:
    """`2.5` or `6`, as an editor writes it."""
    text = format(value, "f") if hasattr(value, "as_tuple") else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text
