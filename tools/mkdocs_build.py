"""One MkDocs build, its log translated: every warning and error in French, located.

MkDocs reports broken links, missing pages and plugin errors in English,
with paths relative to docs/; `build_variant` collects its log during the
build and raises BuildFailed with one French line per problem (page, line,
what to do). `--verbose` (tools/build.py) prints MkDocs' own log too.
"""
from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from macros.variants import VARIANTS


class BuildFailed(Exception):
    """A build step failed; the message is for editors."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors of one build."""

    def __init__(self) -> None:
        """Warnings and above only."""
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record for the report."""
        self.records.append(record)


@contextlib.contextmanager
def _mkdocs_log(*, verbose: bool) -> Iterator[list[logging.LogRecord]]:
    """Collect MkDocs' log records; print them too only when verbose."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = verbose
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def build_variant(config_file: Path, site_dir: Path, *, verbose: bool = False) -> None:
    """Build one MkDocs configuration into `site_dir`; raise BuildFailed in French."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    label = f"{next((v.name for v in VARIANTS if v.config == config_file.name), 'site')} ({config_file.name})"
    with _mkdocs_log(verbose=verbose) as records:
        try:
            cfg = load_config(str(config_file), site_dir=str(site_dir))
            build(cfg)
        except (MkDocsException, Abort) as exc:
            raise BuildFailed(_report(label, _explain(exc, records, config_file.parent))) from exc
        except SystemExit as exc:  # mkdocs-macros exits after logging an error it formatted itself
            raise BuildFailed(_report(label, _messages(records, config_file.parent) or ["erreur dans une page"])) from exc
        except Exception as exc:
            raise BuildFailed(_report(label, [f"erreur inattendue ({type(exc).__name__} : {exc})"])) from exc


def _report(label: str, messages: list[str]) -> str:
    """`site public (mkdocs.yml) :` then one message a line."""
    return "\n".join([f"{label} :", *(f"  - {message}" for message in messages)])


def _explain(exc: BaseException, records: list[logging.LogRecord], project: Path) -> list[str]:
    """The messages an editor needs, from the exception and the log."""
    from mkdocs.exceptions import Abort, BuildError

    cause = exc.__context__ if isinstance(exc, Abort) and isinstance(exc.__context__, BuildError) else exc
    if isinstance(cause, BuildError):  # a PluginError of ours: already French and located
        return [str(cause)]
    messages = _messages(records, project)
    return messages or [str(exc)]


_NOISE = re.compile(r"^Error (reading|building) page '.*':$")


def _messages(records: list[logging.LogRecord], project: Path) -> list[str]:
    """MkDocs' warnings and errors, in French when they are common ones."""
    messages = []
    for record in records:
        text = record.getMessage().strip()
        if _NOISE.match(text) or text.startswith("Aborted with"):
            continue
        messages.append(_translate(text, project))
    return list(dict.fromkeys(messages))


_LINK = re.compile(r"Doc file '(.+?)' contains a link '(.+?)', but the target (?:'.+?' )?is not found among documentation files\.?")
_ANCHOR = re.compile(r"Doc file '(.+?)' contains a link '(.+?)', but the doc '(.+?)' does not contain an anchor '#(.+?)'\.?")
_ABSOLUTE = re.compile(r"Doc file '(.+?)' contains an absolute link '(.+?)'.*", re.S)
_UNRECOGNIZED = re.compile(r"Doc file '(.+?)' contains an unrecognized relative link '(.+?)'.*", re.S)
_NAV = re.compile(r"A reference to '(.+?)' is included in the 'nav' configuration, which is not found in the documentation files\.?")
_NOT_IN_NAV = re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\s*(.*)", re.S)


def _translate(text: str, project: Path) -> str:
    """A French message for MkDocs' common warnings (links, navigation)."""
    for pattern, template in (
        (_ANCHOR, "lien « {1} » : ancre « #{3} » absente de docs/{2}"),
        (_LINK, "lien « {1} » : page introuvable dans docs/"),
        (_ABSOLUTE, "lien absolu « {1} » : écrivez un lien relatif vers le fichier .md"),
        (_UNRECOGNIZED, "lien « {1} » non reconnu : pointez vers un fichier .md de docs/"),
    ):
        match = pattern.fullmatch(text)
        if match:
            page, target = match.group(1), match.group(2)
            return f"{_where(project, page, target)} : {template.format(*match.groups())}"
    match = _NAV.fullmatch(text)
    if match:
        return f"mkdocs.yml : le menu (nav) cite « {match.group(1)} », introuvable dans docs/"
    match = _NOT_IN_NAV.fullmatch(text)
    if match:
        pages = ", ".join(line.strip(" -") for line in match.group(1).splitlines() if line.strip())
        return f"mkdocs.yml : pages absentes du menu (nav) : {pages}"
    return f"MkDocs : {text}"


def _where(project: Path, page: str, target: str) -> str:
    """`docs/page.md, ligne N` where the link is written."""
    path = project / "docs" / page
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return f"docs/{page}"
    line = next((number for number, text in enumerate(lines, start=1) if target in text), None)
    return f"docs/{page}" + (f", ligne {line}" if line else "")
