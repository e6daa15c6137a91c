"""Validation: each file against its model, then references across files.

Every problem is collected and reported at once, in French, with its file,
line, column and field, as `data/pricing.yml, ligne 12, colonne 13 :
items[0].amount : attendu …, trouvé …`. The messages are phrased in
`messages.py`; the checks across records and files live in `cross_checks.py`
(public files) and `restricted_checks.py` (sections 5 and 6).
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import sources
from .audience import check_audience
from .cross_checks import cross_check
from .errors import DataError, DataErrors
from .loader import LoadedFile, load_file
from .messages import described, translate
from .model import FILES, RESTRICTED_FILES, Data, Restricted
from .restricted_checks import check_restricted

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class RestrictedLocked(Exception):
    """The restricted sources are encrypted (git-crypt) in this working tree."""


def load_data(data_dir: Path = DATA_DIR, *, root: Path | None = None, audience: str = "public") -> Data:
    """Load, validate and cross-check the data an audience may see; raise DataErrors.

    The public variant opens only the public files: the restricted ones
    (`data/restricted/`) are never read, so no page can print them. The
    restricted variant adds them and checks the public facts against them.
    Raises RestrictedLocked when the restricted files are still encrypted.
    """
    check_audience(audience)
    root = root or data_dir.parent
    files: dict[str, LoadedFile] = {}
    errors: list[DataError] = []
    parsed = _load_models(data_dir, FILES, root=root, files=files, errors=errors, prefix="")
    restricted: dict[str, Any] = {}
    if audience == "restricted":
        folder = data_dir / sources.RESTRICTED_DATA.name
        locked = [path for path in (folder / f"{key}.yml" for key in RESTRICTED_FILES) if sources.is_locked(path)]
        if locked:
            raise RestrictedLocked(", ".join(_display_name(path, root) for path in locked))
        restricted = _load_models(folder, RESTRICTED_FILES, root=root, files=files, errors=errors, prefix="restricted/")
    if errors:
        raise DataErrors(errors)
    data = Data(**parsed, restricted=Restricted(**restricted) if restricted else None)
    errors.extend(cross_check(data, files))
    if data.restricted is not None and not errors:
        errors.extend(check_restricted(data, files))
    if errors:
        raise DataErrors(errors)
    return data


def _load_models(
    folder: Path, models: Mapping[str, type[BaseModel]], *, root: Path, files: dict[str, LoadedFile], errors: list[DataError], prefix: str
) -> dict[str, Any]:
    """Each file of `folder` against its model; problems appended to `errors`."""
    parsed: dict[str, Any] = {}
    for key, model in models.items():
        path = folder / f"{key}.yml"
        name = _display_name(path, root)
        try:
            loaded = load_file(path, name=name)
        except DataErrors as exc:
            errors.extend(exc.errors)
            continue
        files[prefix + key] = loaded
        if not isinstance(loaded.data, dict):
            errors.append(loaded.error((), f"attendu une section de clés « clé: valeur », trouvé {described(loaded.data)}"))
            continue
        try:
            parsed[key] = model.model_validate(loaded.data)
        except ValidationError as exc:
            errors.extend(translate(exc, loaded, model))
    return parsed


def _display_name(path: Path, root: Path) -> str:
    """`data/pricing.yml`, relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
