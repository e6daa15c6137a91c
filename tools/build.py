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
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from macros.variants import VARIANTS, Variant
from tools.mkdocs_build import BuildFailed, build_variant
from tools.swap import exclusive, replace_sites

ROOT = Path(__file__).resolve().parent.parent


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
def site(*, pdf: bool = True, verbose: bool = False) -> int:
    """Check, build everything in a temporary folder, then replace both sites."""
    kept = f"les sites précédents ({' et '.join(f'{v.site_dir}/' for v in VARIANTS)}) sont conservés tels quels"
    with exclusive(ROOT):
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
            replace_sites(tmp, tuple(v.site_dir for v in chosen), root=ROOT)
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
