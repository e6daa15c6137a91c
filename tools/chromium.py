"""Debian's Chromium, driven by Playwright: the one place that knows its path and flags.

`$CHROMIUM` names another binary (default /usr/bin/chromium, the Debian
package `make setup` installs; `playwright install` is never used). The PDF
printer (tools/handout.py) and the measures (tools/measure.py, browser tests,
`make bench`) launch it through `launch`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PATH = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Measures only: the same quiet browser, and nothing but the local server resolves
# (third-party requests fail, and are counted).
OFFLINE_ARGS = (
    "--disable-dev-shm-usage",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
MISSING = f"Chromium introuvable ({PATH}) : installez le paquet Debian chromium (make setup), ou nommez un autre binaire dans $CHROMIUM"


def available() -> bool:
    """Whether the binary is there and executable."""
    return os.access(PATH, os.X_OK)


def launch(playwright: Any, *, offline: bool = False) -> Any:
    """A headless Chromium; `offline`: only 127.0.0.1 resolves (measures)."""
    if not available():
        raise RuntimeError(MISSING)
    return playwright.chromium.launch(executable_path=str(PATH), args=list(ARGS + (OFFLINE_ARGS if offline else ())), headless=True)
