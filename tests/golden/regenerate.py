"""Rewrite the golden outputs of the shipped scenarios after a deliberate model change.

    .venv/bin/python tests/golden/regenerate.py

Review the diff of tests/golden/*.csv before committing it.
"""
from pathlib import Path

import sim

HERE = Path(__file__).resolve().parent

for name in sim.shipped_scenarios():
    sim.project(name).to_csv(HERE / f"{name}.csv", index=False, lineterminator="\n")
    print("wrote", HERE / f"{name}.csv")
