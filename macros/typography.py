"""French typography, applied once to every built page (text, never markup).

Pages and data are written with ordinary spaces and straight apostrophes,
as editors type them. `french_html` rewrites the text of a built HTML page
(not its tags, attributes, scripts, styles or code) so that a reader sees:

- a narrow no-break space (U+202F) before « ; : ! ? » and inside « »;
- a no-break space (U+00A0) between a number and its unit (`12 M€`,
  `6 jours`) and inside dates (`30 novembre 2025`), so that a phone never
  breaks `jusqu'au 11 / novembre 2025`;
- a no-break space between a noun and the number it carries (`niveau 1`,
  `Séquence 3`, `article 47`), so that a title never ends on `niveau`;
- the curly apostrophe (’);
- one spelling for each name of the glossary (`GLOSSARY`).

Numbers and dates are formatted by formatting.py (Babel); this module only
deals with the spaces and signs around words. No MkDocs import.
"""
from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space

# One spelling for each name: every variant (key) is shown as its canonical
# form (value). tests/test_typography.py checks the built sites hold no variant.
GLOSSARY = {
    "pôle ENTER": "Pôle ENTER",
    "Pole ENTER": "Pôle ENTER",
    "non-adhérent": "non adhérent",
    "Non-adhérent": "Non adhérent",
    "Agence Lucie": "Agence LUCIE",
}

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_UNITS = r"€|M€|k€|%|jours?|j|mois|ans?|heures?|h|min|PME|personnes?|Ko|Mo|Kio|Mio|KiB|MiB"

# « ; : ! ? » after a word (or after spaces), then a space or the end: not
# in `10:30`, `https://`, `?q=` nor after a brace or a bracket (`{:`).
_SPACE_BEFORE = re.compile(r"(?:(?<=[\w)\]»”’%€.])[ \u00a0\u202f]*|[ \u00a0\u202f]+)([;:!?])(?=[\s)»]|$)")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")
_UNIT = re.compile(rf"(?<=\d) (?=(?:{_UNITS})(?![\w-]))")
_DATE = re.compile(rf"\b(\d{{1,2}}|1er) ({_MONTHS})(?: (\d{{4}}))?\b")
_NUMBERED = re.compile(r"\b((?i:niveau|séquence|étape|article|module|phase)) (?=\d)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_GLOSSARY = re.compile("|".join(re.escape(variant) for variant in sorted(GLOSSARY, key=len, reverse=True)))

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_ENTITY = re.compile(r"(&(?:#\d+|#x[0-9a-fA-F]+|\w+);)")
_QUOTE_ENTITY = re.compile(r"&#(?:x27|39);")
_RAW = ("script", "style", "pre", "code", "textarea", "kbd", "samp")


def french(text: str) -> str:
    """A run of plain text (no tag, no entity) with French spaces, apostrophes and names."""
    text = _GLOSSARY.sub(lambda m: GLOSSARY[m.group(0)], text)
    text = _APOSTROPHE.sub("’", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    text = _SPACE_BEFORE.sub(lambda m: NNBSP + m.group(1), text)
    text = _DATE.sub(lambda m: m.group(1) + NBSP + m.group(2) + (NBSP + m.group(3) if m.group(3) else ""), text)
    text = _NUMBERED.sub(lambda m: m.group(1) + NBSP, text)
    return _UNIT.sub(NBSP, text)


def french_html(html: str) -> str:
    """A built page with French typography in its text; tags and raw elements untouched."""
    out: list[str] = []
    raw: str | None = None
    for piece in _TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            if raw is None and tag in _RAW and not piece.startswith("</") and not piece.endswith("/>"):
                raw = tag
            elif raw == tag and piece.startswith("</"):
                raw = None
            out.append(piece)
        elif raw is not None:
            out.append(piece)
        else:
            piece = _QUOTE_ENTITY.sub("'", piece)  # an apostrophe needs no escaping in text
            out.append("".join(part if _ENTITY.fullmatch(part) else french(part) for part in _ENTITY.split(piece)))
    return "".join(out)
