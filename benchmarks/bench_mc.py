"""Speed and memory of the Monte Carlo.

    .venv/bin/python benchmarks/bench_mc.py [--loop-paths 20000]

Goals (issue 4): 1,000,000 paths of every indicator to 2030 in under 1 s on this machine, at
least 100× faster than a plain Python loop over paths (``mc_loop`` below: the same shocks drawn
path by path with Python's ``random``, projected with ``reference_loop.project_one``), peak
memory reported; a 10,000-path update (simulation, fan-chart deciles of the shown indicators,
target probabilities) within 100 ms.
"""
from __future__ import annotations

import argparse
import math
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402

import sim  # noqa: E402
from sim import analysis as A  # noqa: E402
from sim.uncertainty import correlation_matrix  # noqa: E402
from reference_loop import project_one  # noqa: E402
from report import report  # noqa: E402

N_PATHS = 1_000_000
SCENARIO = "plan-2024"          # six uncertain rates, correlated, persistence 0.5
SKEWED = "downside"             # a two-piece normal (skew -0.3) on services growth


def mc_loop(scenario: sim.Scenario, n_paths: int, seed: int = 0) -> list[dict]:
    """The reference: a plain Python loop over paths, with the Monte Carlo's shock model
    (correlated normal innovations, AR(1) persistence; no skew, as in ``SCENARIO``)."""
    unc, _ = A.effective_uncertainty(scenario)
    names = [k for k, x in unc.sd.items() if x > 0]
    chol = np.linalg.cholesky(correlation_matrix(unc, names)).tolist()
    kw = scenario.model_inputs()
    central = {k: np.asarray(x, float).reshape(-1).tolist() for k, x in kw["rates"].items()}
    n_years = len(kw["years"]) - 1
    phi = unc.persistence
    c = math.sqrt(1 - phi * phi)
    lv = kw["levels"]
    rnd = random.Random(seed)
    k = len(names)
    out = []
    for _ in range(n_paths):
        e = [0.0] * k
        rates = {n: list(central[n]) for n in central}
        for t in range(n_years):
            z = [rnd.gauss(0.0, 1.0) for _ in range(k)]
            for i in range(k):
                eps = sum(chol[i][j] * z[j] for j in range(i + 1))
                e[i] = eps if t == 0 else phi * e[i] + c * eps
                rates[names[i]][t] += unc.sd[names[i]] * e[i]
        out.append(project_one(lv["gdp"], lv["services"], lv["retail_sales"],
                               rates["services_real"], rates["non_services_real"],
                               rates["services_deflator"], rates["non_services_deflator"],
                               rates["retail_sales"], rates["rd_intensity"]))
    return out


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(loop_paths: int = 20_000, repeat: int = 3) -> list[dict]:
    """Measure; return rows of (name, value, unit, goal, ok)."""
    s = sim.load_scenario(SCENARIO)
    A.simulate(s, n_paths=50_000, rng=0)                            # warm-up (imports, pools)
    mc_time = _median_time(lambda: A.simulate(s, n_paths=N_PATHS, rng=1), repeat)
    skew_time = _median_time(lambda: A.simulate(SKEWED, n_paths=N_PATHS, rng=1), repeat)
    one_t = _median_time(lambda: A.simulate(s, n_paths=N_PATHS, rng=1, workers=1), 1)
    one = A.simulate(s, n_paths=N_PATHS, rng=1, workers=1)
    mc = A.simulate(s, n_paths=N_PATHS, rng=1)
    for k in mc.indicators:                                       # same numbers, any threads
        assert np.array_equal(mc.paths[k], one.paths[k], equal_nan=True)
    del one
    t0 = time.perf_counter()
    mc.summary()
    summary_t = time.perf_counter() - t0
    t0 = time.perf_counter()
    mc.target_probabilities()
    prob_t = time.perf_counter() - t0
    del mc

    tracemalloc.start()
    mc = A.simulate(s, n_paths=N_PATHS, rng=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del mc
    tracemalloc.start()
    A.simulate(s, n_paths=N_PATHS, rng=1, indicators=["gdp", "gdp_real_growth", "rd_intensity"])
    _, peak_few = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** 20     # KiB → GiB

    def update():
        m = A.simulate(s, n_paths=10_000, rng=2)
        for k in ("gdp", "gdp_real_growth", "rd_intensity"):
            A.quantiles(m, k)
        m.target_probabilities()
    update()
    upd = _median_time(update, 15)

    t0 = time.perf_counter()
    loop_out = mc_loop(s, loop_paths)
    loop = (time.perf_counter() - t0) * N_PATHS / loop_paths
    assert len(loop_out) == loop_paths
    return [
        {"name": f"{N_PATHS:,} paths × every indicator to 2030 ({SCENARIO})", "value": mc_time,
         "unit": "s", "goal": "< 1 s", "ok": mc_time < 1.0},
        {"name": "same, one thread", "value": one_t, "unit": "s", "goal": "(information)",
         "ok": True},
        {"name": f"same, with a skewed rate ({SKEWED})", "value": skew_time, "unit": "s",
         "goal": "(information)", "ok": True},
        {"name": "plain Python loop over paths (timed on "
                 f"{loop_paths:,}, scaled to {N_PATHS:,})", "value": loop, "unit": "s",
         "goal": "(reference)", "ok": True},
        {"name": "speed-up of the Monte Carlo over the loop", "value": loop / mc_time,
         "unit": "×", "goal": ">= 100×", "ok": loop / mc_time >= 100},
        {"name": "peak memory, 1M paths × every indicator (tracemalloc)", "value": peak / 2**30,
         "unit": "GiB", "goal": "(reported)", "ok": True},
        {"name": "peak memory, 1M paths × 3 indicators (tracemalloc)",
         "value": peak_few / 2**30, "unit": "GiB", "goal": "(reported)", "ok": True},
        {"name": "peak resident set size of the benchmark process", "value": rss,
         "unit": "GiB", "goal": "(reported)", "ok": True},
        {"name": "deciles, mean, sd of every indicator, 1M paths", "value": summary_t,
         "unit": "s", "goal": "(information)", "ok": True},
        {"name": "probabilities of the plan targets, 1M paths", "value": prob_t * 1e3,
         "unit": "ms", "goal": "(information)", "ok": True},
        {"name": "10,000-path update: simulate, fan deciles, probabilities", "value": upd * 1e3,
         "unit": "ms", "goal": "< 100 ms", "ok": upd < 0.1},
    ]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loop-paths", type=int, default=20_000)
    args = ap.parse_args()
    print(report(run(loop_paths=args.loop_paths)))
