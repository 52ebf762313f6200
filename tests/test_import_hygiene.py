"""The core stays headless; commands that need no UI never import Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, ROOT

PACKAGE = ROOT / "roadmap_tui"
UI_LIBRARIES = ("textual", "rich")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_no_ui_library(path: Path) -> None:
    bad = {n for n in _imports(path) if n.split(".")[0] in UI_LIBRARIES}
    bad |= {n for n in _imports(path) if n.startswith("roadmap_tui.ui")}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_core_imports_nothing_outside_core_and_stdlib_or_allowed() -> None:
    allowed_third_party = {"dateutil", "tomlkit", "tomli"}
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "roadmap_tui":
                assert name.startswith("roadmap_tui.core"), f"{path.name} imports {name}"
            elif top not in sys.stdlib_module_names:
                assert top in allowed_third_party, f"{path.name} imports {name}"


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(ROADMAPS)],
        ["export", "--format", "json", "--as-of", "2026-11-22", str(ROADMAPS)],
    ],
    ids=["check", "export"],
)
def test_headless_commands_do_not_import_textual(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from roadmap_tui.cli import main\n"
        f"main({args!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "sys.stderr.write('LOADED:' + ','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    loaded = result.stderr.rsplit("LOADED:", 1)[-1].strip()
    assert loaded == "", f"imported {loaded}"
