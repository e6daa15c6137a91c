"""The page variables `fig.*` listed in EDITING.md, generated from the code.

    python tools/variables.py          # rewrites the list in EDITING.md
    python tools/variables.py --check  # code 1 when the list is out of date

Each variable is shown with its value for the brochure case of the tests
(tests/fixtures/brochure), so that the list does not move when ENTER edits
a price.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EDITING = ROOT / "EDITING.md"
EXAMPLE = ROOT / "tests" / "fixtures" / "brochure" / "data"
EXAMPLE_DAY = dt.date(2025, 11, 3)
START, END = "<!-- variables : début (python tools/variables.py) -->", "<!-- variables : fin -->"


def block() -> str:
    """The Markdown table of every `fig.*` variable with its example value."""
    from macros.figures import key_figures
    from macros.validation import load_data

    figures = key_figures(load_data(EXAMPLE, root=ROOT), day=EXAMPLE_DAY)
    rows = [f"| `{{{{ fig.{name} }}}}` | {value} |" for name, value in sorted(dataclasses.asdict(figures).items())]
    return "\n".join([START, "| variable | exemple (plaquette, 3 novembre 2025) |", "|---|---|", *rows, END])


def updated(text: str) -> str:
    """EDITING.md with its list replaced by the generated one."""
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return head + block() + tail


def main(argv: list[str] | None = None) -> int:
    """Rewrite the list, or check it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = EDITING.read_text(encoding="utf-8")
    if args.check:
        if updated(text) != text:
            print("EDITING.md : liste des variables périmée ; lancez `python tools/variables.py`.", file=sys.stderr)
            return 1
        return 0
    EDITING.write_text(updated(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
