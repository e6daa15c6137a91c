"""Tests write only under tmp_path: the guard of tests/conftest.py refuses the rest.

The guard is an audit hook of the test process (WorkingTreeGuard,
tests/helpers.py): a write, a new folder, a rename or a removal in the
working tree fails as it happens, and the test that tried fails at teardown.
Here the refusals are planted, then taken back so that this test passes.
"""
from __future__ import annotations

import os
import shutil

import pytest

from helpers import ROOT


def test_a_write_into_the_working_tree_is_refused(working_tree_guard):
    target = ROOT / "tests" / ".written-by-a-test"
    with pytest.raises(PermissionError, match="jamais dans la copie de travail"):
        target.write_text("x", encoding="utf-8")
    with pytest.raises(PermissionError):
        (ROOT / "test-output").mkdir()
    with pytest.raises(PermissionError):
        os.open(target, os.O_WRONLY | os.O_CREAT)
    with pytest.raises(PermissionError):
        shutil.copy2(ROOT / "mkdocs.yml", ROOT / "mkdocs.copy.yml")
    with pytest.raises(PermissionError):
        os.utime(ROOT / "mkdocs.yml")
    assert not target.exists() and not (ROOT / "test-output").exists() and not (ROOT / "mkdocs.copy.yml").exists()
    assert working_tree_guard.take() == [
        "open tests/.written-by-a-test", "os.mkdir test-output", "open tests/.written-by-a-test",
        "open mkdocs.copy.yml", "os.utime mkdocs.yml",
    ]


def test_reading_the_working_tree_and_writing_under_tmp_path_are_allowed(working_tree_guard, tmp_path):
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "schemas" / "pricing.schema.json").write_text("{}\n", encoding="utf-8")
    shutil.rmtree(tmp_path / "schemas")
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert working_tree_guard.take() == []
