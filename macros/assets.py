"""The site's screen stylesheet, inlined in every page (pure: no MkDocs).

`docs/stylesheets/extra.css` is small: written into each page's `<style>`
it costs a few hundred compressed bytes and saves a render-blocking
request (see README, « Sobriété et accessibilité »).
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


_TOGGLE = re.compile(r'<input class="md-toggle"[^>]*>')


def valid_toggles(html: str) -> str:
    """Material's hidden checkboxes without `autocomplete`, invalid on a checkbox.

    `base.html` writes them outside any template block, so the built page is
    corrected instead (the W3C Nu checker reports the attribute as an error).
    """
    return _TOGGLE.sub(lambda m: m.group(0).replace(' autocomplete="off"', ""), html)
