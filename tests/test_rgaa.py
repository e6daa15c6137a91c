"""The RGAA self-audit (data/rgaa.yml, macros/rgaa.py) and the statement computed from it.

- the rate and the status follow RGAA 4.1's formula (model objects, no file);
- a bad audit file is refused with French errors naming file and line;
- the live audit holds the 106 criteria and covers every page of both
  variants: a page added to docs/ without an audit entry fails here;
- the footer of every built page and the statement show the computed status;
- the PDF handouts are what the audit says (tagged, French, titled, bookmarks).
"""
from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import ROOT, normalise, page_text
from macros import conformity, rgaa
from macros.errors import DataErrors

AUDIT = ROOT / "data" / "rgaa.yml"
DOCS = ROOT / "docs"
NAME = "data/rgaa.yml"


# ------------------------------------------------------------ computation
def _criterion(number: str, result: str, **pages: str) -> rgaa.Criterion:
    """A criterion with a general result and page exceptions (a plan when NC somewhere)."""
    plan = rgaa.NonConformity(summary="s", fix="f", plan="p") if "NC" in (result, *pages.values()) else None
    return rgaa.Criterion(
        id=number, title="t", result=result, method=("lecture",), evidence="e",
        pages={page: rgaa.PageResult(result=value, evidence="e") for page, value in pages.items()},
        non_conformity=plan,
    )


def _audit(*criteria: rgaa.Criterion, pages: tuple[str, ...] = ("a", "b")) -> rgaa.Audit:
    info = rgaa.AuditInfo(date=__import__("datetime").date(2026, 12, 1), reference="RGAA 4.1.2", auditor="x",
                          technologies=("HTML",), tools=("axe",), environments=("Chromium",), not_tested=("NVDA",))
    sample = tuple(rgaa.SamplePage(id=p, variant="public", path=f"{p}/", source=f"{p}.md", title=p, covers=("c",)) for p in pages)
    return rgaa.Audit(audit=info, sample=sample, criteria=criteria)


def test_a_criterion_is_nc_if_nc_on_one_page_c_if_c_somewhere_na_otherwise():
    assert conformity.overall(["C", "NA", "C"]) == "C"
    assert conformity.overall(["C", "NC", "NA"]) == "NC"
    assert conformity.overall(["NA", "NA"]) == "NA"
    assert rgaa.criterion_results(_criterion("1.1", "NA", b="C"), ["a", "b"]) == {"a": "NA", "b": "C"}


def test_rate_is_conforming_over_applicable_criteria_of_the_whole_sample():
    audit = _audit(_criterion("1.1", "C"), _criterion("1.2", "C", b="NC"), _criterion("1.3", "NA"), _criterion("1.4", "NA", a="C"))
    result = conformity.conformity(audit)
    assert (result.conforming, result.non_conforming, result.not_applicable) == (2, 1, 1)
    assert result.rate == Decimal(200) / 3
    assert result.failing == ("1.2",)
    # per page: a = 3 C / 3 ; b = 1 C, 1 NC -> 100 % and 50 %, average 75 %
    assert [p.rate for p in result.pages] == [Decimal(100), Decimal(50)]
    assert result.average == Decimal(75)
    assert result.status == conformity.STATUS_PARTIAL


@pytest.mark.parametrize(("rate", "status"), [
    (Decimal(100), "totalement conforme"),
    (Decimal("99.99"), "partiellement conforme"),
    (Decimal(50), "partiellement conforme"),
    (Decimal("49.99"), "non conforme"),
    (Decimal(0), "non conforme"),
    (None, "non conforme"),
])
def test_status_thresholds(rate, status):
    assert conformity.status_for(rate) == status


def test_all_conforming_is_totally_conforming_and_nothing_applicable_is_non_conforming():
    assert conformity.conformity(_audit(_criterion("1.1", "C"), _criterion("1.2", "NA"))).status == "totalement conforme"
    assert conformity.conformity(_audit(_criterion("1.1", "NA"))).rate is None
    assert conformity.conformity(_audit(_criterion("1.1", "NA"))).status == "non conforme"


def test_rgaa_has_106_criteria_in_13_themes():
    assert len(rgaa.CRITERIA) == 106 and len(rgaa.THEMES) == 13
    assert rgaa.CRITERIA[:3] == ("1.1", "1.2", "1.3") and rgaa.CRITERIA[-1] == "13.12"
    assert conformity.theme_of("10.11") == (10, "Présentation de l'information")


def test_claims_name_the_checks_that_must_pass_where_a_criterion_is_c_or_na():
    crit = rgaa.Criterion(id="3.2", title="t", result="C", method=("regle_automatique",), checks=("axe",), evidence="e",
                          pages={"b": rgaa.PageResult(result="NC", evidence="e")},
                          non_conformity=rgaa.NonConformity(summary="s", fix="f", plan="p"))
    assert conformity.claims(_audit(crit)) == {"a": {"axe": ("3.2",)}, "b": {}}


# ---------------------------------------------------------- located errors
def _errors(tmp_path: Path, old: str, new: str, *, count: int = 1) -> list[str]:
    """Load the live audit with one textual edit; the French errors."""
    text = AUDIT.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path = tmp_path / "rgaa.yml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        rgaa.load_audit(path)
    return [str(error) for error in caught.value.errors]


def _line(needle: str, *, after: str = "") -> int:
    """The line of the live audit where `needle` first appears (after `after`)."""
    lines = AUDIT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def test_unknown_result_is_refused_with_its_line(tmp_path):
    line = _line("result: C", after='id: "3.1"')
    criterion = ('  - id: "3.1"\n    title: Dans chaque page web, l\'information ne doit pas être donnée uniquement par la couleur. '
                 "Cette règle est-elle respectée ?\n")
    errors = _errors(tmp_path, criterion + "    result: C", criterion + "    result: conforme")
    assert errors == [f"{NAME}, ligne {line}, colonne 13 : criteria[11].result : attendu une de ces valeurs : C, NC ou NA, trouvé « conforme »"]


def test_a_missing_criterion_is_named(tmp_path):
    errors = _errors(tmp_path, 'id: "13.12"', 'id: "13.13"')
    assert any("critère « 13.13 » inconnu du RGAA 4.1.2" in e for e in errors)
    assert any(e.endswith("1 critère(s) du RGAA 4.1.2 manquant(s) : 13.12") for e in errors)


def test_a_page_outside_the_sample_is_refused(tmp_path):
    line = _line("      res-planning:", after='id: "3.1"')
    errors = _errors(tmp_path, "      res-planning:\n        result: C\n        evidence: >-\n          Dans le planning",
                     "      res-plannings:\n        result: C\n        evidence: >-\n          Dans le planning")
    assert len(errors) == 1
    assert errors[0].startswith(f"{NAME}, ligne {line}, colonne 7 : criteria[11].pages.res-plannings : page « res-plannings » absente de l'échantillon")


def test_a_non_conformity_needs_its_plan(tmp_path):
    criterion = ('id: "3.3"\n    title: Les couleurs utilisées dans les composants d\'interface ou les éléments graphiques porteurs '
                 "d'informations sont-elles suffisamment contrastées ?\n")
    errors = _errors(tmp_path, criterion + "    result: C", criterion + "    result: NC")
    line = _line('id: "3.3"')
    assert errors == [f"{NAME}, ligne {line}, colonne 5 : criteria[13] : critère 3.3 non conforme sur une page : "
                      "décrivez la correction (non_conformity: summary, fix, plan)"]


def test_duplicate_keys_unknown_keys_and_unknown_checks_are_refused(tmp_path):
    line = _line("    result: NA", after='id: "2.1"')
    errors = _errors(tmp_path, '    result: NA\n    method: [inspection_dom]\n    checks: [no_frames]\n    evidence: Aucun cadre (iframe, frame).',
                     '    result: NA\n    result: C\n    method: [inspection_dom]\n    checks: [no_frames]\n    evidence: Aucun cadre (iframe, frame).')
    assert len(errors) == 1 and errors[0].startswith(f"{NAME}, ligne {line + 1}, ")
    evidence = "\n    evidence: Aucun cadre (iframe, frame)."
    errors = _errors(tmp_path, "    checks: [no_frames]" + evidence, "    checks: [no_frame]" + evidence)
    assert len(errors) == 1 and "checks[0] : attendu une de ces valeurs" in errors[0] and "vouliez-vous dire « no_frames » ?" in errors[0]
    errors = _errors(tmp_path, "    checks: [no_frames]" + evidence, "    checks: [no_frames]" + evidence.replace("evidence:", "evidences:"))
    assert any("clé inconnue « evidences »" in e and "vouliez-vous dire « evidence » ?" in e for e in errors)


# --------------------------------------------------------------- live audit
def test_live_audit_is_valid_and_complete():
    audit = rgaa.load_audit()
    assert tuple(c.id for c in audit.criteria) == rgaa.CRITERIA
    assert all(not d.pdf_ua for d in audit.documents), "PDF/UA : pas de déclaration sans validateur PDF/UA"
    assert audit.audit.not_tested, "dire quelles technologies d'assistance n'ont pas été testées"


def _docs_pages() -> set[tuple[str, str]]:
    """(variant, source) of every page the site builds: docs/*.md of each variant and the 404 page."""
    found = set()
    for doc in sorted(DOCS.rglob("*.md")):
        rel = doc.relative_to(DOCS).as_posix()
        for variant in ("public", "restricted"):
            if variant == "public" and rel.startswith("restricted/"):
                continue
            found.add((variant, rel))
    return found | {("public", "404"), ("restricted", "404")}


def test_every_page_of_both_variants_has_an_audit_entry():
    """A page added to docs/ (or a variant) without an entry in data/rgaa.yml fails here."""
    audit = rgaa.load_audit()
    audited = {(p.variant, "404" if p.path == "404.html" else p.source) for p in audit.sample}
    audited |= {(d.variant, d.source) for d in audit.documents}  # the handout page is published as its PDF
    missing = sorted(_docs_pages() - audited)
    assert missing == [], f"pages sans audit (ajoutez-les à l'échantillon de {NAME}) : {missing}"
    stale = sorted(audited - _docs_pages())
    assert stale == [], f"pages auditées qui n'existent plus : {stale}"


def test_sample_paths_match_their_sources():
    for page in rgaa.load_audit().sample:
        if page.path == "404.html":
            continue
        stem = page.source.removesuffix(".md")
        assert page.path == ("" if stem == "index" else stem + "/"), page.id


# ------------------------------------------------------------ built site
FOOTER = re.compile(r"<footer.*?</footer>", re.S)


@pytest.mark.parametrize("variant", ["public", "restricted"])
def test_every_footer_shows_the_computed_status(built, variant):
    status = conformity.status()
    assert status == conformity.conformity(rgaa.load_audit()).status
    from macros.restricted_pages import standalone

    pages = sorted(built[variant].rglob("*.html"))
    assert pages
    for page in pages:
        if standalone(variant, page.relative_to(built[variant]).as_posix()):
            continue
        footer = normalise(html.unescape(FOOTER.search(page.read_text(encoding="utf-8")).group(0)))
        assert f"Accessibilité : {status}" in footer, page


def test_the_statement_is_computed_from_the_audit(built):
    audit = rgaa.load_audit()
    result = conformity.conformity(audit)
    text = page_text(built["public"] / "accessibilite/index.html")
    # 95,2 % or 100 % (French numbers drop a zero decimal)
    shown_rate = f"{conformity.rounded(result.rate)}".removesuffix(".0").replace(".", ",")
    rate = normalise(shown_rate) + " %"
    for fact in (f"Ce site est {result.status}", audit.audit.reference, rate, "Voies de recours", "Défenseur des droits",
                 "contact@pole-enter.org", "Libre réponse 71120", "NVDA", "JAWS", "VoiceOver", "non déclaré PDF/UA"):
        assert fact in text, fact
    for failure in conformity.failures(audit):
        assert f"Critère {failure.criterion.id}" in text
    assert "Détail de l'opération (/restricted/" not in text, "le site public ne liste pas les pages restreintes"
    restricted = page_text(built["restricted"] / "accessibilite/index.html")
    assert "Planning prévisionnel (/restricted/planning/)" in normalise(restricted)


# -------------------------------------------------------------------- PDFs
def test_pdfs_are_what_the_audit_says(pdfs):
    from tools.rgaa_checks import pdf_contradictions, pdf_facts

    audited_pdfs = {variant: site for variant, (site, _pdf) in pdfs.items()}
    audit = rgaa.load_audit()
    assert pdf_contradictions(audit, audited_pdfs) == []
    for document in audit.documents:
        facts = pdf_facts(audited_pdfs[document.variant] / document.file)
        assert facts["tagged"] and facts["language"] == "fr" and facts["title"]
        assert {"H1", "P", "L", "Table"} <= set(facts["tags"]), facts["tags"]
        assert facts["figures_without_alt"] <= document.figures_without_alt
