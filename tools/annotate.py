"""Data errors for GitHub Actions: annotations on the file, a job summary.

    python tools/annotate.py check [--data DIR]

Validates the data and the pages exactly as `tools/build.py check` does. On errors it
prints one `::error file=…,line=…,col=…::…` workflow command a problem
(GitHub shows them on the pull request, at the right line of the YAML file),
the usual French report on stderr, and appends a summary to the file named
by `GITHUB_STEP_SUMMARY` when the variable is set. No MkDocs import.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent

if TYPE_CHECKING:
    from macros.errors import DataError, PageError

NNBSP = "\u202f"  # narrow no-break space, before « : ; ? ! » in French
_MESSAGE_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_MESSAGE_ESCAPES, (":", "%3A"), (",", "%2C"))
_MARKDOWN_ESCAPES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "`": "&#96;",
    "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "\\": "&#92;",
}


def _escape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """Apply GitHub's workflow-command escapes (`%` first)."""
    for char, code in table:
        text = text.replace(char, code)
    return text


def annotation(error: DataError | PageError) -> str:
    """One `::error file=…,line=…,col=…::field : message` workflow command."""
    field = getattr(error, "field", "")
    text = f"{field} : {error.message}" if field else error.message
    props = {"file": error.file, "line": error.line, "col": error.column}
    joined = ",".join(f"{key}={_escape(str(value), _PROPERTY_ESCAPES)}" for key, value in props.items() if value)
    return f"::error {joined}::{_escape(text, _MESSAGE_ESCAPES)}"


def github_annotations(errors: Iterable[DataError | PageError]) -> str:
    """Workflow commands, one line an error (empty string when none)."""
    return "".join(f"{annotation(error)}\n" for error in errors)


def markdown_text(text: str) -> str:
    """`text` shown as is in Markdown: no tag, link, emphasis or code."""
    return "".join(_MARKDOWN_ESCAPES.get(char, char) for char in " ".join(text.split()))


def job_summary(*, ok: bool, built: list[str], problems: list[str]) -> str:
    """A short French Markdown summary of the publication job."""
    if ok:
        lines = ["## Publication", "", f"Construit{NNBSP}:", ""]
        lines += [f"- {markdown_text(item)}" for item in built] or ["- rien"]
    else:
        lines = ["## Publication", "", f"Rien n'a été publié{NNBSP}: corrigez les problèmes ci-dessous.", ""]
        lines += [f"- {markdown_text(problem)}" for problem in problems]
    return "\n".join(lines) + "\n"


def check(*, data_dir: Path, summary: Path | None = None) -> int:
    """Validate `data_dir`; annotations on stdout, report on stderr; 0 when valid."""
    from macros.errors import DataErrors
    from macros.sources import restricted_state
    from macros.validation import load_data

    data_dir = data_dir.resolve()
    audience = "restricted" if restricted_state(data_dir.parent) == "ready" else "public"  # as build.py check
    try:
        load_data(data_dir, root=data_dir.parent, audience=audience)  # names like data/pricing.yml
    except DataErrors as exc:
        sys.stdout.write(github_annotations(exc.errors))
        print(exc.report(), file=sys.stderr)
        if summary is not None:
            with summary.open("a", encoding="utf-8") as out:
                out.write(job_summary(ok=False, built=[], problems=[str(error) for error in exc.errors]))
        return 1
    from tools.pagecheck import check_pages

    page_errors = check_pages(ROOT, data_dir=data_dir, audiences=("public", "restricted") if audience == "restricted" else ("public",))
    if page_errors:
        sys.stdout.write(github_annotations(page_errors))
        print("\n".join(f"  - {error}" for error in page_errors), file=sys.stderr)
        if summary is not None:
            with summary.open("a", encoding="utf-8") as out:
                out.write(job_summary(ok=False, built=[], problems=[str(error) for error in page_errors]))
        return 1
    print("Données et pages valides")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: `check [--data DIR]`."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("check",))
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="dossier des données (défaut : data/)")
    args = parser.parse_args(argv)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    return check(data_dir=args.data, summary=Path(summary) if summary else None)


if __name__ == "__main__":
    sys.exit(main())
