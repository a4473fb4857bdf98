"""Speed of the projection engine.

    .venv/bin/python benchmarks/bench_model.py

Goals: one scenario to 2050 in under 1 ms of model time; 100,000 parameter sets × 27 years in
one vectorized call in under 0.5 s, and at least 100× faster than a plain Python loop over the
same parameter sets (benchmarks/reference_loop.py).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sim  # noqa: E402
from sim.model import project_paths  # noqa: E402
from reference_loop import project_loop  # noqa: E402
from report import report  # noqa: E402

N_PATHS, YEARS = 100_000, 27
RATE_KEYS = ("services_real", "non_services_real", "services_deflator", "non_services_deflator",
             "retail_sales", "rd_intensity")


def _best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), float(np.median(times))


def random_rates(n, years, seed=0):
    """Rates of shape (P, T), stored year-major (the transpose of a (T, P) array)."""
    rng = np.random.default_rng(seed)
    rates = {k: rng.normal(5.0, 2.0, size=(years, n)).T for k in RATE_KEYS}
    rates["rd_intensity"] = rng.uniform(4.0, 5.0, size=(years, n)).T
    return rates


def run(loop_paths: int = 20_000) -> list[dict]:
    """Measure; return rows of (name, value, unit, goal, ratio)."""
    s = sim.load_scenario("plan-2024")
    inputs = s.model_inputs(2050)
    project_paths(**inputs)
    _, one = _best(lambda: project_paths(**inputs), 2000)
    _, frame = _best(lambda: sim.project(s, until=2050), 50)

    rates = random_rates(N_PATHS, YEARS)
    levels = {"gdp": 2000.0, "services": 1939.3, "retail_sales": 906.3}
    years = np.arange(2023, 2023 + YEARS + 1)
    project_paths(levels, rates, years=years)
    vec, _ = _best(lambda: project_paths(levels, rates, years=years), 5)
    c_order = {k: np.ascontiguousarray(v) for k, v in rates.items()}
    vec_c, _ = _best(lambda: project_paths(levels, c_order, years=years), 5)

    # the loop on a slice, scaled to the same number of parameter sets
    sub = {k: v[:loop_paths].tolist() for k, v in rates.items()}
    t0 = time.perf_counter()
    loop_out = project_loop((2000.0, 1939.3, 906.3), sub)
    loop = (time.perf_counter() - t0) * N_PATHS / loop_paths
    check = project_paths(levels, {k: v[:3] for k, v in rates.items()}, years=years)
    for i in range(3):
        np.testing.assert_allclose(check["gdp"][i, 1:], loop_out[i]["gdp"], rtol=1e-12)
        np.testing.assert_allclose(check["gdp_real_growth"][i, 1:],
                                   loop_out[i]["gdp_real_growth"], rtol=1e-9, atol=1e-12)
    return [
        {"name": "one scenario to 2050 (model)", "value": one * 1e3, "unit": "ms",
         "goal": "< 1 ms", "ok": one < 1e-3},
        {"name": "one scenario to 2050 (tidy DataFrame)", "value": frame * 1e3, "unit": "ms",
         "goal": "(for information)", "ok": True},
        {"name": f"{N_PATHS:,} sets × {YEARS} years, vectorized", "value": vec, "unit": "s",
         "goal": "< 0.5 s", "ok": vec < 0.5},
        {"name": "same, rates stored path-major (C order)", "value": vec_c, "unit": "s",
         "goal": "< 0.5 s", "ok": vec_c < 0.5},
        {"name": f"same, plain Python loop (timed on {loop_paths:,}, scaled)", "value": loop,
         "unit": "s", "goal": "(reference)", "ok": True},
        {"name": "speed-up of the vectorized call over the loop", "value": loop / vec,
         "unit": "×", "goal": ">= 100×", "ok": loop / vec >= 100},
    ]


if __name__ == "__main__":
    print(report(run()))
