"""Safety and determinism promises that hold for the whole package."""
import ast
import hashlib
import subprocess
import sys

import pytest

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "shelve", "marshal", "subprocess", "dill"}


def python_files(root):
    files = list((root / "sim").rglob("*.py")) + [root / "app.py"]
    files += list((root / "ui").rglob("*.py")) if (root / "ui").is_dir() else []
    return [f for f in files if f.is_file()]


def test_no_eval_exec_pickle_or_shell_in_the_package_or_app(root):
    found = []
    for path in python_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in FORBIDDEN_CALLS:
                found.append(f"{path}:{node.lineno} {node.func.id}()")
            if isinstance(node, ast.Attribute) and node.attr in {"system", "popen", "loads"} \
                    and isinstance(node.value, ast.Name) and node.value.id in {"os", "pickle"}:
                found.append(f"{path}:{node.lineno} {node.value.id}.{node.attr}")
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module.split(".")[0]]
            found += [f"{path}:{node.lineno} import {n}" for n in names if n in FORBIDDEN_MODULES]
            if isinstance(node, ast.keyword) and node.arg == "shell":
                found.append(f"{path}:{node.lineno} shell=")
    assert found == []


SCRIPT = ("import sys, sim; sys.stdout.write(sim.project(list(sim.shipped_scenarios()), "
          "until=2050).to_csv(index=False))")


def test_same_inputs_give_identical_csv_bytes_across_processes():
    digests = set()
    for hashseed in ("0", "1", "random"):
        out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, check=True,
                             env={"PYTHONHASHSEED": hashseed, "PATH": "/usr/bin:/bin"})
        digests.add(hashlib.sha256(out.stdout).hexdigest())
    assert len(digests) == 1


def test_import_sim_loads_neither_scipy_nor_matplotlib_nor_pandas():
    code = ("import sys, sim; bad = [m for m in ('scipy', 'matplotlib', 'pandas', 'streamlit') "
            "if m in sys.modules]; print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_same_seed_gives_identical_monte_carlo_bytes_across_processes(root):
    digests = set()
    for hashseed in ("0", "1"):
        out = subprocess.run([sys.executable, "-m", "sim", "mc", "plan-2024", "--paths", "3000",
                              "--seed", "7", "--indicators", "all", "--format", "csv"],
                             capture_output=True, check=True, cwd=root,
                             env={"PYTHONHASHSEED": hashseed, "PATH": "/usr/bin:/bin"})
        digests.add(hashlib.sha256(out.stdout).hexdigest())
    assert len(digests) == 1
    other = subprocess.run([sys.executable, "-m", "sim", "mc", "plan-2024", "--paths", "3000",
                            "--seed", "8", "--indicators", "all", "--format", "csv"],
                           capture_output=True, check=True, cwd=root).stdout
    assert hashlib.sha256(other).hexdigest() not in digests
