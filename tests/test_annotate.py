"""GitHub annotations and job summary for data errors (tools/annotate.py)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, copy_project
from macros.errors import DataError
from tools.annotate import github_annotations, job_summary

NNBSP = "\u202f"


def test_annotation_escapes_message_and_properties() -> None:
    error = DataError("data/a,b:c.yml", 59, 13, "items[1].amount", "100 % : trop, vraiment\nfin\r")
    assert github_annotations([error]) == (
        "::error file=data/a%2Cb%3Ac.yml,line=59,col=13::"
        "items[1].amount : 100 %25 : trop, vraiment%0Afin%0D\n"
    )


def test_annotation_without_field_is_the_message_alone() -> None:
    error = DataError("data/pricing.yml", 3, 1, "", "clé inconnue « prix »")
    assert github_annotations([error]) == "::error file=data/pricing.yml,line=3,col=1::clé inconnue « prix »\n"


def test_annotations_one_line_per_error() -> None:
    errors = [DataError("data/x.yml", n, 1, "f", "m") for n in (1, 2, 3)]
    assert github_annotations(errors).splitlines() == [f"::error file=data/x.yml,line={n},col=1::f : m" for n in (1, 2, 3)]
    assert github_annotations([]) == ""


def test_summary_failure_escapes_markup() -> None:
    summary = job_summary(ok=False, built=[], problems=["<script>alert(1)</script> *gras* `code` [lien](x) a_b & c"])
    assert summary.startswith("## Publication\n")
    assert f"Rien n'a été publié{NNBSP}: corrigez les problèmes ci-dessous" in summary
    item = summary.splitlines()[-1]
    assert item.startswith("- ")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in item
    for raw in ("<", ">", "`", "*", "_", "[", "]", " & "):
        assert raw not in item[2:]


def test_summary_success_lists_what_was_built() -> None:
    built = ["site public (site/)", "variante restreinte (site-restricted/)", "plaquettes PDF"]
    summary = job_summary(ok=True, built=built, problems=[])
    assert f"Construit{NNBSP}:" in summary
    assert "- site public (site/)" in summary
    assert "- plaquettes PDF" in summary
    assert "Rien n'a été publié" not in summary


def test_cli_check_reports_a_broken_amount(tmp_path: Path) -> None:
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    pricing = data / "pricing.yml"
    text, count = re.subn(r"amount: \d+", "amount: trois mille", pricing.read_text(encoding="utf-8"), count=1)
    assert count == 1
    pricing.write_text(text, encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "tools.annotate", "check", "--data", str(data)], cwd=ROOT,
        capture_output=True, text=True, env={"GITHUB_STEP_SUMMARY": str(summary), "PATH": "/usr/bin:/bin"}, check=False,
    )
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::error file=data/pricing.yml,")]
    assert lines and "line=" in lines[0] and "trois mille" in lines[0]
    assert "erreur" in result.stderr and "Traceback" not in result.stderr
    written = summary.read_text(encoding="utf-8")
    assert "## Publication" in written and "Rien n'a été publié" in written and "trois mille" in written


def test_cli_check_annotates_a_broken_page(tmp_path: Path) -> None:
    """Valid data, a mistyped figure in a page: the annotation points at the page's line and column."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "tarifs.md"
    text = page.read_text(encoding="utf-8")
    line = text.splitlines().index("{{ contract_breakdown() }}") + 1
    page.write_text(text.replace("{{ contract_breakdown() }}", "{{ contract_breakdwn() }}"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.annotate", "check"], cwd=project,
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(f"::error file=docs/tarifs.md,line={line},col=4::contract_breakdwn : variable ou macro inconnue")
    assert "Traceback" not in result.stderr
