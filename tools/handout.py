"""A4 PDF handouts (placeholder until the print issue: see README)."""
from __future__ import annotations

from pathlib import Path


def make_pdf(site_dir: Path) -> Path | None:
    """Build the handout PDF of one built site (not implemented yet)."""
    return None
