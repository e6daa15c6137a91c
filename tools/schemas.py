"""JSON Schemas of the data files, for editors: completion, French help, inline errors.

    python tools/schemas.py          # writes schemas/<file>.schema.json (make schemas)
    python tools/schemas.py --check  # exit 1 when a committed schema is out of date

The schemas are generated from the pydantic models (macros/model.py,
macros/programme_model.py), so they never drift from the validation: edit
the model, then `make schemas`.
Each data file names its schema on its first line, for VS Code's YAML
extension and other editors using yaml-language-server:

    # yaml-language-server: $schema=../schemas/pricing.schema.json

A schema checks the shape of one file (keys, types, formats, choices); the
references across files and the dates in order are checked by `make check`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DRAFT = "http://json-schema.org/draft-07/schema#"


class _French(GenerateJsonSchema):
    """pydantic's generator without the English titles it derives from names."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Field titles would be `Commitment Deadline`: the French description says more."""
        return False


def schema_line(name: str) -> str:
    """The first line of data/<name>.yml, naming its schema."""
    return f"# yaml-language-server: $schema=../schemas/{name}.schema.json"


def documents() -> dict[str, tuple[Any, str]]:
    """Every schema name with its model and the data file it describes.

    The restricted files get schemas too (`restricted-programme`): a schema
    describes the shape, never the content, so it is public.
    """
    from macros.model import FILES, RESTRICTED_FILES

    found: dict[str, tuple[Any, str]] = {name: (model, f"data/{name}.yml") for name, model in FILES.items()}
    for name, model in RESTRICTED_FILES.items():
        found[f"restricted-{name}"] = (model, f"data/restricted/{name}.yml")
    return found


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of one data file."""
    model, path = documents()[name]
    generated = model.model_json_schema(schema_generator=_French)
    _drop_model_titles(generated)
    return {"$schema": DRAFT, "title": path, **generated}


def _drop_model_titles(schema: Any) -> None:
    """Remove the class names pydantic gives as titles (`Cohort`), keeping properties named `title`."""
    if isinstance(schema, dict):
        schema.pop("title", None)
        for key, value in schema.items():
            if key in ("properties", "$defs"):
                for child in value.values():
                    _drop_model_titles(child)
            else:
                _drop_model_titles(value)
    elif isinstance(schema, list):
        for item in schema:
            _drop_model_titles(item)


def render(name: str) -> str:
    """The schema file's text: stable, readable, UTF-8."""
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"


def outdated(folder: Path = SCHEMAS) -> list[str]:
    """The schema files that differ from what the model generates."""
    return [name for name in documents() if _read(folder / f"{name}.schema.json") != render(name)]


def _read(path: Path) -> str | None:
    """A file's text, or None when it does not exist."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def write(folder: Path = SCHEMAS) -> list[Path]:
    """Write every schema; the files written."""
    folder.mkdir(exist_ok=True)
    written = []
    for name in documents():
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write the schemas, or check that the committed ones are up to date."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="vérifier sans écrire (code 1 si un schéma est périmé)")
    args = parser.parse_args(argv)
    if args.check:
        stale = outdated()
        if stale:
            files = ", ".join(f"schemas/{name}.schema.json" for name in stale)
            print(f"Schémas périmés : {files} ; lancez `make schemas`.", file=sys.stderr)
            return 1
        print("Schémas à jour : schemas/*.schema.json")
        return 0
    for path in write():
        print(f"écrit : {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
