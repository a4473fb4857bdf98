"""Server time of the Streamlit app for a slider move, measured with Streamlit's AppTest.

    .venv/bin/python benchmarks/bench_app.py [--runs 30]

The view compares three scenarios (the 2024 plan edited, momentum, downside; with the
baseline under the edited assumptions the page draws five lines). Each measured run moves the
2024 services growth slider to a new value and re-runs the page, as a user's slider move does;
the figure is the median of the runs. Goal: at most 150 ms.

On the uncertainty tab, each measured run sets a new Monte Carlo seed (10,000 paths, the
default) and re-runs the page, as a user's new seed does. Goal: a median of at most 1 s.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from report import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MS = 150.0
GOAL_SEED_MS = 1000.0
QUERY = {"compare": "plan-2024,momentum,downside"}
SLIDER = "services_real_first"


def _app(query: dict[str, str] = QUERY):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(query)
    return at


def new_seed_runs(runs: int = 5) -> list[float]:
    """Server times of re-runs of the uncertainty tab with a new seed each (10,000 paths), s
    (AppTest adds its own overhead)."""
    at = _app({"tab": "uncertainty"})
    at.run()
    times = []
    for seed in range(1, runs + 1):
        at.number_input(key="mc_seed").set_value(seed)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].value}")
    return times


def run(runs: int = 30, warmup: int = 3) -> list[dict]:
    """Measure; return rows of (name, value, unit, goal, ok) as the other benchmarks do."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    at = _app()
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].value}")
    moves, repeat = [], []
    for i in range(warmup + runs):
        value = round(4.0 + 0.05 * (i % 40), 2)          # a new value every run
        at.slider(key=SLIDER).set_value(value)
        t0 = time.perf_counter()
        at.run()
        dt = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].value}")
        if i >= warmup:
            moves.append(dt)
    for _ in range(max(5, runs // 3)):
        t0 = time.perf_counter()
        at.run()
        repeat.append(time.perf_counter() - t0)
    med = statistics.median(moves) * 1e3
    p90 = sorted(moves)[int(0.9 * (len(moves) - 1))] * 1e3
    seed_runs = max(5, runs // 6)
    seed = statistics.median(new_seed_runs(seed_runs)) * 1e3
    return [
        {"name": "app: first run of a session (cold caches)", "value": first * 1e3,
         "unit": "ms", "goal": "(for information)", "ok": True},
        {"name": f"app: slider move, 3-scenario view (median of {runs})", "value": med,
         "unit": "ms", "goal": f"<= {GOAL_MS:g} ms", "ok": med <= GOAL_MS},
        {"name": "app: slider move, 90th percentile", "value": p90, "unit": "ms",
         "goal": "(for information)", "ok": True},
        {"name": "app: slider move, ratio to the goal", "value": med / GOAL_MS, "unit": "×",
         "goal": "<= 1", "ok": med <= GOAL_MS},
        {"name": "app: re-run without a change (median)", "value":
         statistics.median(repeat) * 1e3, "unit": "ms", "goal": "(for information)",
         "ok": True},
        {"name": f"app: new Monte Carlo seed, 10,000 paths (median of {seed_runs})",
         "value": seed, "unit": "ms", "goal": f"<= {GOAL_SEED_MS:g} ms",
         "ok": seed <= GOAL_SEED_MS},
        {"name": "app: new Monte Carlo seed, ratio to the goal", "value": seed / GOAL_SEED_MS,
         "unit": "×", "goal": "<= 1", "ok": seed <= GOAL_SEED_MS},
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30, help="measured slider moves (default 30)")
    args = ap.parse_args(argv)
    rows = run(args.runs)
    print(report(rows))
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
