"""The work on a built site once its pages are written: calendars, handout, typography, pruning.

No MkDocs here: the adapter (macros/mkdocs_adapter.py) hands over the
site's folder, the data, the pages the handout gathers and the handout
pages to fill; any other generator could do the same.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import calendar as ics
from . import handout, typography
from .model import Data
from .prune import prune


def finish_site(
    site_dir: Path,
    data: Data,
    *,
    audience: str,
    day: dt.date,
    site_url: str,
    sections: tuple[handout.Section, ...],
    handouts: tuple[tuple[Path, str], ...],
) -> None:
    """Write the calendar files, fill the handout, apply French typography, publish only what is used.

    `sections` are the pages the handout gathers, in reading order;
    `handouts` the built handout pages (file, url) to fill with them. The
    restricted variant adds its planning's calendar and has no sitemap.
    """
    stamp = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)
    public = ics.public_calendar(data, stamp=stamp)
    if public is not None:
        (site_dir / "inscriptions.ics").write_bytes(public)
    for path, url in handouts:
        path.write_text(handout.fill(path.read_text(encoding="utf-8"), sections, here=url), encoding="utf-8")
    _french_typography(site_dir)
    if audience == "restricted":
        (site_dir / "planning.ics").write_bytes(ics.restricted_calendar(data, audience=audience, stamp=stamp))
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
    prune(site_dir, site_url=site_url)  # publish only what a page, stylesheet, robots.txt or the sitemap uses


def _french_typography(site_dir: Path) -> None:
    """French typography in the text of every page (macros/typography.py)."""
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        fixed = typography.french_html(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
