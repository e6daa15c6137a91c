"""Data text is text: how a value from data/ is written into a page.

Pages are Markdown rendered by Jinja first: a data value could otherwise
become markup (`<script>`), a Markdown link (`[x](javascript:…)`), an
attribute list (`{ onclick=… }`) or a table. `as_text` is the Jinja
`finalize` of the pages: every value a page prints goes through it, and only
`Markup` (what render.py built, escaping each piece) passes unchanged.
"""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# Characters that mean something to HTML or to Markdown (and its extensions
# attr_list, tables, admonitions), written as numeric character references:
# the browser shows them, neither Markdown nor HTML reads them as syntax.
_SPECIAL = {ch: f"&#{ord(ch)};" for ch in "&<>\"`*_[]{}\\#|"}
_TABLE = str.maketrans(_SPECIAL)
# Line breaks and runs of spaces become one space (a value never starts a new
# Markdown block); the no-break spaces of French typography stay.
_BREAKS = re.compile(r"[^\S\u00a0\u202f]+")


def as_text(value: Any) -> Any:
    """A value printed by a page: markup as is, anything else escaped as text."""
    if value is None or isinstance(value, Markup):
        return value if value is not None else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return Markup(_BREAKS.sub(" ", str(value)).strip().translate(_TABLE))
