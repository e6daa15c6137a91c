"""The site's stylesheet as it would be inlined in a page (pure: no MkDocs).

`docs/stylesheets/extra.css` (screen and print) is served as one cached
file (extra_css in mkdocs.yml): over a five-page visit it costs fewer bytes
than the same rules written into every page. `make bench` (tools/bench.py)
measures both, building the inlined alternative with `inline_stylesheet`,
and says whether the choice still holds.
"""
from __future__ import annotations

import re
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([{};,])\s*")


def compact_css(text: str) -> str:
    """CSS without comments and needless whitespace (selectors keep their meaning)."""
    text = _COMMENT.sub("", text)
    text = _SPACE.sub(" ", text)
    text = _AROUND.sub(r"\1", text)
    return text.replace(";}", "}").strip()


def inline_stylesheet(path: Path) -> str:
    """The stylesheet at `path`, compacted, safe inside a `<style>` element."""
    css = compact_css(path.read_text(encoding="utf-8"))
    if "</" in css:
        raise ValueError(f"{path} : « </ » interdit dans une feuille de style intégrée à la page")
    return css
