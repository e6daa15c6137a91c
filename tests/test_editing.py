"""EDITING.md stays true: its list of page variables is the code's."""
from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_variables_list_is_current():
    result = subprocess.run([sys.executable, "tools/variables.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_variables_list_names_every_figure():
    import dataclasses

    from macros.figures import Figures

    text = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Figures):
        assert f"`{{{{ fig.{field.name} }}}}`" in text, field.name
