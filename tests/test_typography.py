"""French typography at render (macros/typography.py), on strings and on the built sites."""
from __future__ import annotations

import html
import re

import pytest

from macros.typography import GLOSSARY, NBSP, NNBSP, french, french_html


@pytest.mark.parametrize(("written", "shown"), [
    ("Pour qui ?", f"Pour qui{NNBSP}?"),
    ("Prérequis: être motivé ; viser le label !", f"Prérequis{NNBSP}: être motivé{NNBSP}; viser le label{NNBSP}!"),
    ("« Comprendre »", f"«{NNBSP}Comprendre{NNBSP}»"),
    ("jusqu'au 11 novembre 2025", f"jusqu’au 11{NBSP}novembre{NBSP}2025"),
    ("le 1er décembre", f"le 1er{NBSP}décembre"),
    ("12 M€ et 10 PME, 6 jours", f"12{NBSP}M€ et 10{NBSP}PME, 6{NBSP}jours"),
    ("le pôle ENTER et les non-adhérents", "le Pôle ENTER et les non adhérents"),
    ("rendez-vous à 10:30, https://pole-enter.org/?a=1", "rendez-vous à 10:30, https://pole-enter.org/?a=1"),
    ("labellisation NR niveau 1, Séquence 3, article 47 ; niveau élevé",
     f"labellisation NR niveau{NBSP}1, Séquence{NBSP}3, article{NBSP}47{NNBSP}; niveau élevé"),
])
def test_french_text(written, shown):
    assert french(written) == shown


def test_only_text_is_touched():
    html = (
        '<p title="a : b">Tarifs : <a href="https://x.org/?q=1">lien</a> !</p>'
        "<script>var a = {'b': 1}; if (x) { y ? 1 : 2 }</script>"
        "<code>a: b ; c</code><p>A &amp; B ; C&#42;</p><!-- note : x --><p>l&#x27;offre d&#39;ENTER</p>"
    )
    assert french_html(html) == (
        f'<p title="a : b">Tarifs{NNBSP}: <a href="https://x.org/?q=1">lien</a>{NNBSP}!</p>'
        "<script>var a = {'b': 1}; if (x) { y ? 1 : 2 }</script>"
        f"<code>a: b ; c</code><p>A &amp; B{NNBSP}; C&#42;</p><!-- note : x --><p>l’offre d’ENTER</p>"
    )


def test_idempotent():
    text = "« Adhérent ENTER » : à partir de 4 450 € ; l'Agence LUCIE ?"
    assert french(french(text)) == french(text)


def test_built_public_pages_are_typeset(built):
    """Every public page: no ordinary space before « : ; ! ? » or inside « », no glossary variant."""
    pages = sorted(built["public"].rglob("*.html"))
    assert pages
    for path in pages:
        source = re.sub(r"<(script|style|code|pre)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", source))
        assert not re.search(r"[ \u00a0][:;!?](\s|$)", text), (path, re.search(r".{20}[ \u00a0][:;!?](\s|$)", text))
        assert not re.search(r"« | »", text), path
        for variant in GLOSSARY:
            assert variant not in text, (path, variant)
        assert not re.search(r"\w'\w", text), (path, re.search(r".{20}\w'\w", text))
        assert not re.search(r"\d \d{3}\b|\d [€%]", text), (path, re.search(r".{20}\d \d{3}\b.{5}|.{20}\d [€%]", text))
