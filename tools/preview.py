"""MkDocs hooks for the live preview, `make serve` (mkdocs.yml, `hooks:`).

Under `mkdocs serve` only:

- each rebuild runs the current code of macros/: Python keeps the imported
  core modules for the process, so they are forgotten before each build;
- invalid data does not stop the server: the pages show the errors until
  the file is fixed (macros/preview.py).

`mkdocs build`, `tools/build.py` and the tests are not affected.
"""
from __future__ import annotations

import sys
from typing import Any

from mkdocs.plugins import event_priority

from macros.preview import mark_previewing, previewing


def on_startup(*, command: str, dirty: bool) -> None:
    """Mark this process as the live preview."""
    if command == "serve":
        mark_previewing()


@event_priority(100)  # before mkdocs-macros imports the package
def on_config(config: Any) -> Any:
    """Forget the macros package, so that this build imports its current code."""
    if previewing():
        for name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
            del sys.modules[name]
    return config
