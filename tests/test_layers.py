"""The core and its one MkDocs adapter stay apart (README, « Organisation »)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from helpers import ROOT

ADAPTER = "mkdocs_adapter"


def test_the_core_imports_without_mkdocs():
    """Importing `macros` and every core module runs no adapter and loads no MkDocs, Material or mkdocs-macros."""
    core = sorted(p.stem for p in (ROOT / "macros").glob("*.py") if p.stem not in {"__init__", ADAPTER})
    assert len(core) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module('macros.' + name)\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        f"print('macros.{ADAPTER}' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded, adapter = result.stdout.splitlines()
    assert set(loaded.split()) & {"mkdocs", "material", "mkdocs_macros"} == set()
    assert adapter == "False"


def test_mkdocs_names_the_adapter_and_only_it_imports_mkdocs():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
    assert config["plugins"]["macros"]["module_name"] == f"macros/{ADAPTER}"
    assert "def define_env(" in (ROOT / "macros" / f"{ADAPTER}.py").read_text(encoding="utf-8")
    for path in (ROOT / "macros").glob("*.py"):
        if path.stem != ADAPTER:
            source = path.read_text(encoding="utf-8")
            assert "import mkdocs" not in source and "from mkdocs" not in source, path.name


def test_every_enum_value_has_its_french_label():
    """The labels live beside their Literal (macros/field_types.py): same keys, no more, no fewer."""
    from typing import get_args

    from macros import field_types as ft

    for literal, labels in ((ft.Kind, ft.KIND_LABELS), (ft.Mode, ft.MODE_LABELS), (ft.Format, ft.FORMAT_LABELS)):
        assert set(labels) == set(get_args(literal))
        assert all(label.strip() for label in labels.values())


def test_only_the_clock_reads_source_date_epoch():
    readers = [p.relative_to(ROOT).as_posix() for folder in ("macros", "tools") for p in (ROOT / folder).glob("*.py")
               if 'get("SOURCE_DATE_EPOCH")' in p.read_text(encoding="utf-8")]
    assert readers == ["macros/clock.py"]


def test_every_key_figure_is_used():
    """A figure computed for nothing is dead code: each one is printed by a page or template, or read by a builder."""
    import dataclasses
    import re

    from macros.figures import Figures
    from macros.sources import restricted_state

    if restricted_state(ROOT) != "ready":  # a figure may be used by a restricted page only (fig.first_month)
        pytest.skip("sources restreintes chiffrées dans ce clone (git-crypt) : pages restreintes non lues")
    pages = "".join(p.read_text(encoding="utf-8") for folder in ("docs", "overrides") for p in (ROOT / folder).rglob("*") if p.suffix in {".md", ".html"})
    code = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "macros").glob("*.py"))
    unused = [f.name for f in dataclasses.fields(Figures)
              if not re.search(rf"\bfig\.{f.name}\b", pages) and not re.search(rf"\b(?:fig|figures)\.{f.name}\b", code)]
    assert unused == []


def test_define_env_is_a_short_table():
    import ast

    tree = ast.parse((ROOT / "macros" / f"{ADAPTER}.py").read_text(encoding="utf-8"))
    define_env = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "define_env")
    assert define_env.end_lineno - define_env.lineno + 1 <= 40


def test_one_chromium_launcher():
    """Chromium's path and flags live in tools/chromium.py; everything else launches through it."""
    others = [p.relative_to(ROOT).as_posix() for folder in ("tools", "tests") for p in (ROOT / folder).rglob("*.py")
              if p.name not in {"chromium.py", "test_layers.py"} and "/usr/bin/chromium" in p.read_text(encoding="utf-8")]
    assert others == []


def test_one_did_you_mean():
    """The « vouliez-vous dire » hint is written once (macros/errors.py) and reused by every message."""
    writers = [p.relative_to(ROOT).as_posix() for folder in ("macros", "tools") for p in (ROOT / folder).glob("*.py")
               if "get_close_matches" in p.read_text(encoding="utf-8")]
    assert writers == ["macros/errors.py"]


def test_one_registry_of_the_variants():
    """Each variant's configuration, folder and PDF are named in macros/variants.py, and agree with the project."""
    from macros.variants import AUDIENCES, VARIANTS, variant
    from tools.config import site_config

    assert AUDIENCES == ("public", "restricted")
    for v in VARIANTS:
        assert variant(v.audience) is v
        assert (site_config(ROOT / v.config).get("extra") or {}).get("audience", "public") == v.audience, v.config
        assert f"{v.site_dir}/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    for field in ("config", "site_dir", "name", "title", "pdf"):
        assert len({getattr(v, field) for v in VARIANTS}) == len(VARIANTS), field
    with pytest.raises(ValueError, match="audience inconnue « tout »"):
        variant("tout")
    literals = ('"mkdocs.restricted.yml"', '"site-restricted"', '"mkdocs.yml"', '/ "site"', '.pdf"')  # `make site` is a command, not a folder
    others = [f"{p.relative_to(ROOT).as_posix()}: {literal}" for folder in ("macros", "tools") for p in (ROOT / folder).glob("*.py")
              if p.name != "variants.py" for literal in literals if literal in p.read_text(encoding="utf-8")]
    assert others == []


def test_one_preview_switch():
    """The live preview's environment variable is named once (macros/preview.py); the hook and the adapter ask it."""
    writers = [p.relative_to(ROOT).as_posix() for folder in ("macros", "tools") for p in (ROOT / folder).glob("*.py")
               if "ENTER_PREVIEW" in p.read_text(encoding="utf-8")]
    assert writers == ["macros/preview.py"]


def test_required_ids_are_named_once():
    """The ids the pages compute with are constants of macros/model.py, used by the checks and the figures."""
    from macros import model, programme_model
    from macros.cross_checks import REQUIRED_IDS

    required = {programme_model.PHASE_UNDERSTAND, programme_model.PHASE_ACT, model.CONTRACT_ENTER, model.CONTRACT_TRAINING, model.ITEM_YEARLY_FEE}
    assert {ident for _file, _field, ident, _what in REQUIRED_IDS} == required
    others = [f"{p.name}: {ident}" for p in (ROOT / "macros").glob("*.py") if p.name not in {"model.py", "programme_model.py"}
              for ident in required if f'"{ident}"' in p.read_text(encoding="utf-8")]
    assert others == []


def test_core_modules_stay_small():
    """One job per module: no module of macros/ over 350 lines (split it by job before it grows past)."""
    long = {p.name: n for p in (ROOT / "macros").glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 350}
    assert long == {}


def test_pre_commit_hooks_name_existing_modules():
    """The pre-commit hooks watch modules by name: each must exist (a rename must update them)."""
    import re

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    named = {name for hook in hooks for group in re.findall(r"macros/\(([^)]*)\)", hook["files"]) for name in group.split("|")}
    assert {"model", "validation"} <= named
    assert sorted(name for name in named if not (ROOT / "macros" / f"{name}.py").is_file()) == []
