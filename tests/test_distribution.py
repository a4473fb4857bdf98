"""What the ``xihu-sim`` distribution declares: ``sim`` requires what ``sim`` imports, the app's
requirements come with the ``app`` extra, and a ``sim`` console script runs the command line."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: import name → distribution name, where they differ
DIST_NAME = {"tomli_w": "tomli-w", "PIL": "pillow"}
#: distributions used without an import statement (pandas' Excel engine, by name)
BY_NAME = {"openpyxl"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()


def _third_party_imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {DIST_NAME.get(m, m).lower() for m in found
            if m not in sys.stdlib_module_names and m not in ("sim", "__future__")}


def test_sim_requires_exactly_what_it_imports():
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert declared == _third_party_imports(ROOT / "sim") | BY_NAME


def test_the_app_requirements_come_with_the_app_extra():
    app = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["app"]}
    assert "streamlit" in app
    assert "streamlit" not in {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    uses = _third_party_imports(ROOT / "ui") | {"streamlit"}
    assert uses <= app | {_name(r) for r in PYPROJECT["project"]["dependencies"]}


def test_the_sim_console_script_runs_the_command_line():
    assert PYPROJECT["project"]["scripts"]["sim"] == "sim.cli:main"
    script = Path(sys.executable).parent / "sim"
    if not script.exists():
        pytest.fail(f"{script} missing: ./dev sync installs the console script")
    out = subprocess.run([str(script), "list"], capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    assert "plan-2024" in out.stdout
    same = subprocess.run([sys.executable, "-m", "sim", "list"], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert out.stdout == same.stdout
