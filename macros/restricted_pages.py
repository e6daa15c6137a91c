"""Which pages and links belong to the restricted variant only (no MkDocs).

The rules that keep restricted pages out of the public site (its navigation,
its links) and the restricted variant's standalone 404 page; the adapter, the
page check and the tests share them.
"""
from __future__ import annotations

import re
from typing import Any

RESTRICTED_DIR = "restricted/"


def restricted_paths(path: str) -> bool:
    """Whether a docs path belongs to the restricted variant only."""
    return path.replace("\\", "/").startswith(RESTRICTED_DIR)


def filter_nav(nav: Any) -> Any:
    """The navigation without restricted pages (and empty sections)."""
    if isinstance(nav, str):
        return None if restricted_paths(nav) else nav
    if isinstance(nav, list):
        kept = [filter_nav(item) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        entries = {key: filter_nav(value) for key, value in nav.items()}
        return {key: value for key, value in entries.items() if value not in (None, [], {})}
    return nav


_LINK = re.compile(r"""\]\(\s*<?([^)\s>]+)|href\s*=\s*["']([^"']+)["']""")


def restricted_links(markdown: str, *, page_path: str) -> list[str]:
    """Links of a page (Markdown or HTML) that point into the restricted pages."""
    base = page_path.replace("\\", "/").rsplit("/", 1)[0] if "/" in page_path else ""
    found = []
    for match in _LINK.finditer(markdown):
        target = (match.group(1) or match.group(2)).split("#", 1)[0]
        if not target or "://" in target or target.startswith(("mailto:", "#")):
            continue
        resolved = _resolve(base, target)
        if restricted_paths(resolved):
            found.append(target)
    return found


def _resolve(base: str, target: str) -> str:
    """`restricted/x.md` from a page folder and a relative link."""
    parts = [p for p in base.split("/") if p] if not target.startswith("/") else []
    for piece in target.lstrip("/").split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def standalone(audience: str, path: str) -> bool:
    """Whether a built page stands alone: no navigation, no link into the site.

    The restricted variant's 404 page: that variant is served wherever ENTER
    puts it, at an address the build cannot know, so links into the site
    would be wrong there (overrides/404.html).
    """
    return audience == "restricted" and path == "404.html"


def restricted_link_message(links: list[str]) -> str:
    """What an editor reads when a public page links to restricted pages."""
    return (
        f"lien vers une page en diffusion restreinte ({', '.join(links)}) : "
        "interdit dans le site public ; retirez le lien, ou déplacez la page hors de docs/restricted/"
    )
