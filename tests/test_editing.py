"""EDITING.md stays true: its list of page variables is the code's, and it explains every error message.

The error messages are those of the one table of bad data and bad pages
(DATA_ERRORS and PAGE_ERRORS, tests/helpers.py), the same the loader and
the CLI are tested with: each must match a message of the guide's tables
(« Les messages d'erreur et ce qu'ils veulent dire »), read with its
placeholders (`x`, `« x »`, `N`, `sX`, `…`).
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import DATA_ERROR, DATA_ERRORS, PAGE_ERRORS, ROOT, at_line

EDITING = ROOT / "EDITING.md"


def test_variables_list_is_current():
    result = subprocess.run([sys.executable, "-m", "tools.variables", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_variables_list_names_every_figure():
    import dataclasses

    from macros.figures import Figures

    text = EDITING.read_text(encoding="utf-8")
    for field in dataclasses.fields(Figures):
        assert f"`{{{{ fig.{field.name} }}}}`" in text, field.name


# ------------------------------------------------------------ error messages
# The guide's placeholders, as regular expressions (the longest first).
PLACEHOLDERS = [
    (" ; vouliez-vous dire « y » ?", r"(?: ; vouliez-vous dire « [^»]+ » \?)?"),  # a suggestion, when one is close
    (" ; vouliez-vous dire « x » ?", r"(?: ; vouliez-vous dire « [^»]+ » \?)?"),
    ("« x »", "« [^»]+ »"), ("« y »", "« [^»]+ »"), ("!!…", "!![^»]*"),
    ("M…", ".*?"), ("…", ".*?"), ("AAAA", r"(?:AAAA|\d{4})"),
    ("sX", r"s\d+"), ("MN", r"M\d+"), ("N", r"\d+"), ("x", r"\S+?"), ("y", r"\S+?"),
]
# `profil inconnu « x » (connus : …)` (ou `séquence`…): French agreement of the other words.
AGREEMENT = [(re.escape("inconnu "), re.escape("inconnu") + "e?" + re.escape(" ")), (re.escape("(connus"), re.escape("(connu") + "e?s")]


def pattern(fragment: str, first_word: str | None = None) -> str:
    """The regular expression of a documented message (placeholders as words of their own)."""
    tokens = "|".join(
        re.escape(text) if not text.isalpha() else rf"\b{text}\b" for text, _ in PLACEHOLDERS
    )
    out, position = "", 0
    for match in re.finditer(tokens, fragment):
        out += re.escape(fragment[position:match.start()])
        out += next(regex for text, regex in PLACEHOLDERS if text == match.group(0))
        position = match.end()
    out += re.escape(fragment[position:])
    if first_word is not None:
        out = re.escape(first_word.rstrip("…")) + out[out.index(r"\ "):]
        for plain, agreed in AGREEMENT:
            out = out.replace(plain, agreed)
    return out


def documented() -> list[tuple[str, re.Pattern[str]]]:
    """Each message of the guide's error tables with its expression: (text, pattern)."""
    text = EDITING.read_text(encoding="utf-8")
    section = text[text.index("## Les messages d'erreur"):text.index("### Messages de la construction")]
    found = []
    for row in section.splitlines():
        if not row.startswith("| `"):
            continue
        cell = row[2:].split(" | ")[0]
        spans = re.findall(r"`([^`]+)`", cell)
        messages = spans[:1]  # the message, and the variants written `a` / `b`
        for span in spans[1:]:
            if f"/ `{span}`" not in cell:
                break
            messages.append(span)
        others = re.search(r"\(ou ((?:`[^`]+`(?:, | ou )?)+)\)", cell)  # (ou `contrat`, `module`…): other first words
        for message in messages:
            found.append((message, re.compile(pattern(message))))
            for word in re.findall(r"`([^`]+)`", others.group(1)) if others else ():
                found.append((message, re.compile(pattern(message, first_word=word))))
    return found


DOCUMENTED = documented()


def explained(message: str) -> list[str]:
    """The guide's messages that `message` is an instance of."""
    return [text for text, regex in DOCUMENTED if regex.search(message)]


def _messages() -> list:
    """Every located message of the table, with the guide's known gaps.

    The gaps are strict expected failures: once EDITING.md explains the
    message, the test passes unexpectedly and fails; remove its entry then.
    """
    gaps: dict[str, str] = {}
    params = []
    for case in DATA_ERRORS:
        for number, message in enumerate(case.located(), start=1):
            id = case.id if len(case.messages) == 1 else f"{case.id}-{number}"
            params.append(pytest.param(message, id=id, marks=[pytest.mark.xfail(strict=True, reason=gaps[id])] if id in gaps else []))
    for case in PAGE_ERRORS:
        message = at_line(case.message, 1)
        params.append(pytest.param(message, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=gaps[case.id])] if case.id in gaps else []))
    return params


@pytest.mark.parametrize("message", _messages())
def test_every_error_message_is_explained(message):
    assert explained(message), f"EDITING.md n'explique pas : {message}"


def test_an_unknown_message_is_not_explained():
    """The matching can fail: a message the guide does not give, and one changed by a word."""
    assert len(DOCUMENTED) > 50
    assert explained("data/pricing.yml, ligne 3, colonne 1 : items : attendu une licorne, trouvé « x »") == []
    assert explained("data/pricing.yml, ligne 3, colonne 1 : items[0].amount : attendu un montant positif ou négatif") == []
    assert explained("data/planning.yml, ligne 3, colonne 1 : rows[0] : module inconnu « 3.9 » (connus : 1.1)") == ["profil inconnu « x » (connus : …)"]


@pytest.mark.parametrize("guide", ["EDITING.md", "README.md"])
def test_the_example_message_is_a_real_one(guide):
    """The example of a message in the guides is the table's `price-in-words`, at whatever line the live data puts it."""
    [message] = DATA_ERROR["price-in-words"].located()
    example = re.escape(message).replace(re.escape(", ligne 60,"), r", ligne \d+,")
    assert ", ligne 60," in message
    text = (ROOT / guide).read_text(encoding="utf-8")
    assert re.search(rf"```\n{example}\n```", text), guide
