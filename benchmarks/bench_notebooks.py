"""The notebooks' running time: each one top to bottom in a fresh kernel, kernel start included.

    .venv/bin/python benchmarks/bench_notebooks.py

Each notebook of ``notebooks/`` runs as ``tests/test_notebooks.py`` runs it (nbclient, kernel
``python3``, working directory ``notebooks/``, ``TMPDIR`` a fresh folder, no ``MPLBACKEND``).
Goal: each under 20 s, so a student's "Run all" stays short.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from report import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GOAL_S = 20.0


def run_notebook(path: Path) -> float:
    """Seconds to run the notebook at ``path`` in a fresh kernel; raises if a cell fails."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env["TMPDIR"] = tmp
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600,
                                         resources={"metadata": {"path": str(NOTEBOOKS)}})
        t0 = time.perf_counter()
        client.execute(env=env)
        return time.perf_counter() - t0


def run() -> list[dict]:
    """Measure; return rows of (name, value, unit, goal, ok) as the other benchmarks do."""
    rows = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        seconds = run_notebook(path)
        rows.append({"name": f"notebook {path.stem}: run all, fresh kernel", "value": seconds,
                     "unit": "s", "goal": f"<= {GOAL_S:g} s", "ok": seconds <= GOAL_S})
    if rows:
        worst = max(r["value"] for r in rows)
        rows.append({"name": "notebooks: slowest, ratio to the goal", "value": worst / GOAL_S,
                     "unit": "×", "goal": "<= 1", "ok": worst <= GOAL_S})
    return rows


def main() -> int:
    rows = run()
    print(report(rows))
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
