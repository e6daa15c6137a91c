"""Data text is text: markup or Markdown written in data/ is shown, never live."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from helpers import build_site, copy_project, page_text

# (file, text to replace, injected value): values an editor could paste.
CORPUS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[cliquez](javascript:alert(3))",
    "**gras** _souligné_ `code` {: onclick=alert(4) }",
    "{{ fig.member_from }} {% raw %}",
    "| a | b |",
)
TARGETS = (
    ("data/offer.yml", "support: Une action collective supportée par les OPCO et Alt Impact", "support: '{value}'"),
    ("data/contacts.yml", "role: Autres questions sur l'action du pôle", "role: '{value}'"),
    ("data/pricing.yml", "label: Frais de dossier", "label: '{value}'"),
    ("data/restricted/planning.yml", "note: planning d'essai, à titre d'exemple", "note: '{value}'"),
)


@pytest.mark.parametrize("value", CORPUS)
def test_injected_text_is_shown_as_text(value, tmp_path):
    project = copy_project(tmp_path / "project")
    for file, old, new in TARGETS:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new.format(value=value.replace("'", "''"))), encoding="utf-8")
    sites = [
        build_site("mkdocs.yml", tmp_path / "public", project=project),
        build_site("mkdocs.restricted.yml", tmp_path / "restricted", project=project),
    ]
    for site in sites:
        for path in site.rglob("*.html"):
            live = Live()
            live.feed(path.read_text(encoding="utf-8"))
            assert live.found == [], (path, live.found)
    home = page_text(sites[0] / "index.html")
    assert " ".join(value.split()) in home  # shown literally: no Markdown, no template, no markup
    assert " ".join(value.split()) in page_text(sites[1] / "restricted/planning/index.html")


class Live(HTMLParser):
    """Markup that the corpus would make live: scripts, handlers, javascript: links, Markdown output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:>")
        if tag == "img" and ("src", "x") in attrs:
            self.found.append("<img src=x>")
        self._script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.found.append("<script>alert")

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def test_printed_values_keep_their_no_break_spaces():
    """Escaping collapses line breaks, never the no-break spaces of French numbers."""
    from macros.escape import as_text

    assert as_text("de 0\u00a0€ à 1\u202f650\u00a0€\n\n# titre") == "de 0\u00a0€ à 1\u202f650\u00a0€ &#35; titre"
