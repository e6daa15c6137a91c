"""Command line for editors and CI: check the data, build both variants.

    python tools/build.py check            # validate data/ only
    python tools/build.py site [--verbose] # both sites (+ PDFs), atomically

`site` builds into a temporary folder beside the outputs and replaces
`site/` and `site-restricted/` only when everything succeeded: a failed
build leaves the previous sites untouched.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.errors import DataErrors  # noqa: E402
from macros.schema import load_data  # noqa: E402
from macros.views import completeness_report  # noqa: E402

VARIANTS = (("mkdocs.yml", "site"), ("mkdocs.restricted.yml", "site-restricted"))


class BuildFailed(Exception):
    """A build step failed; the message is for editors."""


def check(*, quiet: bool = False) -> int:
    """Validate the data; print the report; 0 when valid."""
    try:
        data = load_data(ROOT / "data", root=ROOT)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if not quiet:
        print("Données valides : data/*.yml")
        missing = completeness_report(data)
        if missing:
            print(f"Complétude de l'offre de formation : {len(missing)} information(s) que les données ne disent pas encore (avertissement) :")
            for line in missing:
                print(f"  - {line}")
    return 0


def build_variant(config_file: Path, site_dir: Path) -> None:
    """Build one MkDocs configuration into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir))
        build(cfg)
    except (MkDocsException, Abort) as exc:
        raise BuildFailed(f"{config_file.name} : {exc}") from exc
    except SystemExit as exc:  # mkdocs-macros exits on a macro error
        raise BuildFailed(f"{config_file.name} : erreur dans une page (voir le message ci-dessus)") from exc
    except Exception as exc:  # a macro error: name the page
        raise BuildFailed(f"{config_file.name} : {type(exc).__name__} : {exc}") from exc


def build_all(out_dir: Path, *, pdf: bool = True) -> None:
    """Both variants (and their PDFs) into `out_dir`/site and /site-restricted."""
    for config, name in VARIANTS:
        build_variant(ROOT / config, out_dir / name)
    if pdf:
        from tools import handout  # noqa: PLC0415

        for _config, name in VARIANTS:
            try:
                handout.make_pdf(out_dir / name)
            except handout.HandoutError as exc:
                raise BuildFailed(f"{name} : plaquette PDF : {exc}") from exc


def swap(built: Path, target: Path) -> None:
    """Replace `target` by `built` with renames only."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    built.rename(target)
    if old.exists():
        shutil.rmtree(old)


def site(*, pdf: bool = True, verbose: bool = False) -> int:
    """Check, build everything in a temporary folder, then swap."""
    if check(quiet=False):
        return 1
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=ROOT))
    try:
        build_all(tmp, pdf=pdf)
    except BuildFailed as exc:
        if verbose:
            raise
        print(f"Échec de la construction, sites précédents conservés.\n{exc}", file=sys.stderr)
        return 1
    else:
        for _config, name in VARIANTS:
            swap(tmp / name, ROOT / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Sites construits en {time.perf_counter() - started:.1f} s : site/ (public) et site-restricted/ (diffusion restreinte).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("check", "site"))
    parser.add_argument("--verbose", "-v", action="store_true", help="trace Python complète en cas d'erreur (développeurs)")
    parser.add_argument("--no-pdf", action="store_true", help="ne pas produire les PDF")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if args.command == "check":
        return check()
    return site(pdf=not args.no_pdf, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
