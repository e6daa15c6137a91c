"""The live preview (`make serve`): whether this build runs under `mkdocs serve`.

tools/preview.py (an MkDocs hook) marks the process when MkDocs serves; the
adapter then shows data and page errors in the pages instead of stopping.
`mkdocs build`, tools/build.py and the tests are never marked.
"""
from __future__ import annotations

import os

PREVIEW_ENV = "ENTER_PREVIEW"


def mark_previewing() -> None:
    """Mark this process (and the builds it runs) as the live preview."""
    os.environ[PREVIEW_ENV] = "1"


def previewing() -> bool:
    """Whether this build is the live preview."""
    return os.environ.get(PREVIEW_ENV) == "1"
