"""Replace the published folders all at once, one build at a time.

`tools/build.py site` builds into a temporary folder beside the outputs;
only when everything succeeded are `site/` and `site-restricted/` swapped
for the new ones, by renames that are undone if one fails.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path


def replace_sites(built: Path, names: tuple[str, ...], *, root: Path) -> None:
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
def exclusive(root: Path) -> Iterator[None]:
    """One `site` at a time in `root` (two swaps must not interleave).

    The lock is taken on the project folder itself: no lock file to leave.
    """
    folder = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Une autre construction est en cours dans ce dossier : attente de sa fin…", file=sys.stderr)
            fcntl.flock(folder, fcntl.LOCK_EX)
        for stale in root.glob(".build-*"):  # left by an interrupted build
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(folder)
