"""The handout core (macros/handout.py) on literal pages: no files, no MkDocs."""
from __future__ import annotations

import re

import pytest

from macros import handout, render
from macros.variants import variant
from tools.handout import headings, pdf_date

HOME = handout.Section(
    url="",
    content='<h1 id="titre">Titre</h1><p><a class="md-button" href="participer/">Comment participer</a> '
            '<a href="inscriptions.ics">agenda</a> <a href="#contacts">plus bas</a></p>'
            '<h2 id="contacts">Contacts</h2><p><a href="mailto:a@b.fr">a@b.fr</a> <a href="https://pole-enter.org/">site</a></p>',
)
JOIN = handout.Section(
    url="participer/",
    content='<h1 id="participer">Participer</h1><p>Voir <a href="../tarifs/#qui-facture-quoi">qui facture quoi</a>, '
            '<a href="../accessibilite/">accessibilité</a>.</p>'
            '<section aria-labelledby="etape-1 etape-2"><h3 id="etape-1">Étape</h3><h3 id="etape-2">Suite</h3></section>',
)
COSTS = handout.Section(url="tarifs/", content='<h1 id="combien">Combien ?</h1><h2 id="qui-facture-quoi">Qui facture quoi ?</h2>')
PLAN = handout.Section(url="restricted/planning/", content='<h1 id="planning">Planning</h1><a href="../../planning.ics">ics</a>')


def assembled(*sections: handout.Section) -> str:
    return handout.assemble(sections, here="plaquette/")


def test_sections_in_order_with_ids_from_their_url():
    html = assembled(HOME, JOIN, COSTS, PLAN)
    ids = re.findall(r'<section class="handout-section[^"]*" id="([^"]+)"', html)
    assert ids == ["plaquette-accueil", "plaquette-participer", "plaquette-tarifs", "plaquette-restricted-planning"]
    assert html.count("handout-section--cover") == 1
    assert '<section class="handout-section handout-section--cover" id="plaquette-accueil"' in html


def test_ids_are_prefixed_and_unique():
    html = assembled(HOME, JOIN, COSTS)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'id="plaquette-accueil--contacts"' in html
    assert 'aria-labelledby="plaquette-participer--etape-1 plaquette-participer--etape-2"' in html


def test_links_to_gathered_pages_stay_inside_the_handout():
    html = assembled(HOME, JOIN, COSTS)
    assert 'href="#plaquette-participer"' in html  # home -> participer/
    assert 'href="#plaquette-tarifs--qui-facture-quoi"' in html  # ../tarifs/#qui-facture-quoi
    assert 'href="#plaquette-accueil--contacts"' in html  # #contacts on the home page
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target


def test_other_links_are_rebased_on_the_handout():
    html = assembled(HOME, JOIN, PLAN)
    assert 'href="../inscriptions.ics"' in html  # written from the site's root
    assert 'href="../tarifs/#qui-facture-quoi"' in html  # tarifs not gathered here: still reachable
    assert 'href="../accessibilite/"' in html
    assert 'href="../planning.ics"' in html  # ../../planning.ics from restricted/planning/
    assert 'href="mailto:a@b.fr"' in html and 'href="https://pole-enter.org/"' in html


def test_fill_needs_exactly_one_slot():
    page = f"<main>{handout.SLOT}</main>"
    assert "Combien ?" in handout.fill(page, (COSTS,), here="plaquette/")
    for broken in ("<main></main>", page + handout.SLOT):
        with pytest.raises(ValueError, match=r"handout\.html"):
            handout.fill(broken, (COSTS,), here="plaquette/")


def test_css_string_escapes_what_would_break_the_style_element():
    assert handout.css_string("Accompagner 10 PME") == '"Accompagner 10 PME"'
    for text in ('INR & "LUCIE" </style>', "a\\b\nc", "Numérique – niveau 1"):
        quoted = handout.css_string(text)
        inner = quoted[1:-1]
        assert quoted[0] == quoted[-1] == '"'
        assert not any(char in inner for char in '"<>&\n')
        assert re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), inner) == text


@pytest.mark.parametrize(("size", "label"), [
    (0, "1\u00a0Ko"), (240_400, "240\u00a0Ko"), (240_500, "241\u00a0Ko"), (999_499, "999\u00a0Ko"),
    (999_500, "1\u00a0Mo"), (1_250_000, "1,3\u00a0Mo"), (12_000_000, "12\u00a0Mo"),
])
def test_file_size_in_french(size, label):
    assert handout.file_size(size) == label


def test_pdf_names_per_audience():
    assert variant("public").pdf.endswith(".pdf")
    assert "restreinte" in variant("restricted").pdf
    assert variant("public").pdf != variant("restricted").pdf
    with pytest.raises(ValueError, match="inconnue"):
        variant("tout")


def test_download_link_hidden_until_its_size_is_known():
    hidden = render.handout_download("p.pdf", size=None)
    shown = render.handout_download("p.pdf", size="240\u00a0Ko")
    assert " hidden>" in hidden and "hidden" not in shown
    assert re.sub(r"<[^>]+>", "", shown) == "Télécharger la plaquette (PDF, 240\u00a0Ko)"
    assert 'href="p.pdf"' in shown and 'type="application/pdf"' in shown


def test_pdf_date_from_source_date_epoch_else_the_day():
    assert pdf_date(environ={"SOURCE_DATE_EPOCH": "1762128000"}) == "D:20251103000000+00'00'"
    assert pdf_date(environ={"SOURCE_DATE_EPOCH": "1762131845"}) == "D:20251103010405+00'00'"
    assert re.fullmatch(r"D:\d{8}000000\+00'00'", pdf_date(environ={}))


def test_headings_text_in_order():
    page = '<h1 id="a">Accompagner 10 PME\n  à la <em>labellisation</em></h1><p>x</p><h2>Qui &amp; quoi ?</h2>'
    assert headings(page) == ("Accompagner 10 PME à la labellisation", "Qui & quoi ?")
