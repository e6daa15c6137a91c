"""Command line for editors and CI: check the data, build both variants.

    python tools/build.py check                      # validate data/ only
    python tools/build.py site [--verbose] [--no-pdf] # both sites (+ PDFs), atomically

`site` builds into a temporary folder beside the outputs and replaces
`site/` and `site-restricted/` only when everything succeeded: a failed
build leaves the previous sites untouched. Every error is printed in French,
located (file, line, column), without a Python traceback; `--verbose` adds
MkDocs' log and the traceback, for developers.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from macros.variants import VARIANTS, Variant

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """A build step failed; the message is for editors."""


# ------------------------------------------------------------------ check
LOCKED_NOTICE = (
    "Variante restreinte non construite : ses sources (data/restricted/, docs/restricted/) "
    "sont chiffrées dans ce clone ; déverrouillez-les avec la clé : git-crypt unlock CHEMIN/DE/LA/CLÉ "
    "(README, « Diffusion restreinte »)."
)


def restricted_ready(root: Path = ROOT) -> bool:
    """Whether the restricted sources are readable here (unlocked, or never encrypted)."""
    from macros.sources import restricted_state

    return restricted_state(root) == "ready"


def check(*, quiet: bool = False, pages: bool = True) -> int:
    """Validate the data (the restricted files too when readable), then render every page; 0 when valid.

    `pages=False` leaves the pages to the build (`site --verbose`: MkDocs'
    own report and the traceback, for developers).
    """
    from macros.errors import DataErrors
    from macros.validation import load_data

    audience = "restricted" if restricted_ready() else "public"
    try:
        data = load_data(ROOT / "data", root=ROOT, audience=audience)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if pages and _page_errors(audience):
        return 1
    if not quiet:
        from macros.figures import completeness_report

        print("Données valides : data/*.yml" + (" et data/restricted/*.yml" if audience == "restricted" else " (data/restricted/ chiffré : non vérifié)"))
        if pages:
            print("Pages valides : " + ("toutes les pages des deux variantes" if audience == "restricted" else "toutes les pages du site public"))
        missing = completeness_report(data)
        if missing:
            print(f"Complétude de l'offre de formation : {len(missing)} information(s) que les données ne disent pas encore (avertissement) :")
            for line in missing:
                print(f"  - {line}")
    return 0


def _page_errors(audience: str) -> bool:
    """Render every page of every variant the data allows; print the errors; whether there were any."""
    from tools.pagecheck import check_pages

    page_errors = check_pages(ROOT, audiences=("public", "restricted") if audience == "restricted" else ("public",))
    if page_errors:
        count = len(page_errors)
        head = "1 erreur dans les pages :" if count == 1 else f"{count} erreurs dans les pages :"
        print("\n".join([head, *(f"  - {error}" for error in page_errors)]), file=sys.stderr)
    return bool(page_errors)


# ------------------------------------------------------------------ build
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


def variants(root: Path = ROOT) -> tuple[Variant, ...]:
    """The variants this clone can build: the restricted one needs its sources unlocked."""
    return VARIANTS if restricted_ready(root) else VARIANTS[:1]


def build_all(out_dir: Path, *, pdf: bool = True, verbose: bool = False) -> None:
    """Every buildable variant (and its PDF) into `out_dir`/site and /site-restricted."""
    chosen = variants()
    for v in chosen:
        build_variant(ROOT / v.config, out_dir / v.site_dir, verbose=verbose)
    if pdf:
        from tools import handout

        try:
            handout.make_pdfs([out_dir / v.site_dir for v in chosen])
        except handout.HandoutError as exc:
            raise BuildFailed(f"plaquette PDF : {exc}") from exc


# ------------------------------------------------------------------ swap
def replace_sites(built: Path, names: tuple[str, ...], *, root: Path = ROOT) -> None:
    """Move `built`/<name> to `root`/<name> for every name, all or nothing.

    Only renames, within one file system: the previous sites go into
    `built` (deleted with it), the new ones take their place. If a rename
    fails, those already done are undone, so that the previous sites stay.
    """
    done: list[tuple[Path, Path]] = []
    try:
        for name in names:
            target = root / name
            if target.exists():
                previous = built / f"{name}.previous"
                target.rename(previous)
                done.append((target, previous))
        for name in names:
            (built / name).rename(root / name)
            done.append((built / name, root / name))
    except BaseException:
        for source, moved in reversed(done):
            with contextlib.suppress(OSError):
                moved.rename(source)
        raise


@contextlib.contextmanager
def _exclusive() -> Iterator[None]:
    """One `site` at a time in this folder (two swaps must not interleave).

    The lock is taken on the project folder itself: no lock file to leave.
    """
    folder = os.open(ROOT, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Une autre construction est en cours dans ce dossier : attente de sa fin…", file=sys.stderr)
            fcntl.flock(folder, fcntl.LOCK_EX)
        for stale in ROOT.glob(".build-*"):  # left by an interrupted build
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(folder)


def site(*, pdf: bool = True, verbose: bool = False) -> int:
    """Check, build everything in a temporary folder, then replace both sites."""
    kept = f"les sites précédents ({' et '.join(f'{v.site_dir}/' for v in VARIANTS)}) sont conservés tels quels"
    with _exclusive():
        if check(quiet=False, pages=not verbose):
            print(f"Construction annulée : corrigez les erreurs ci-dessus ; {kept}.", file=sys.stderr)
            return 1
        started = time.perf_counter()
        chosen = variants()
        if len(chosen) < len(VARIANTS):
            print(LOCKED_NOTICE)
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=ROOT))
        try:
            build_all(tmp, pdf=pdf, verbose=verbose)
            replace_sites(tmp, tuple(v.site_dir for v in chosen))
        except BuildFailed as exc:
            if verbose:
                raise
            print(f"Échec de la construction ; {kept}.\n{exc}", file=sys.stderr)
            return 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    built = "site/ (public) et site-restricted/ (diffusion restreinte)" if len(chosen) == len(VARIANTS) else "site/ (public)"
    print(f"Construit en {time.perf_counter() - started:.1f} s : {built}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: French messages only, the traceback with --verbose."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("check", "site"))
    parser.add_argument("--verbose", "-v", action="store_true", help="journal de MkDocs et trace Python complète en cas d'erreur (développeurs)")
    parser.add_argument("--no-pdf", action="store_true", help="ne pas produire les PDF")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        if args.command == "check":
            return check()
        return site(pdf=not args.no_pdf, verbose=args.verbose)
    except Exception as exc:
        if args.verbose:
            raise
        print(
            f"Erreur inattendue ({type(exc).__name__} : {exc}).\n"
            "Relancez avec --verbose pour la trace complète, et signalez-la aux développeurs.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
