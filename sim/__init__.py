"""Scenario simulator for a district's economy.

The public API::

    import sim
    df = sim.project(["plan-2024", "momentum"])      # tidy: scenario, indicator, year, value, unit
    sim.compare(df, 2024)                           # side by side in 2024, with differences
    sim.check_targets(df)                           # the 2024 plan's targets, met or missed
    sim.consistency_report(sim.load_base("xihu-2023"))
    mc = sim.simulate(sim.load_scenario("plan-2024"), n_paths=10_000, rng=2024)
    sim.solve(sim.load_scenario("plan-2024"), indicator="gdp_real_growth", year=2024,
              target=5.5, vary="services_real")

Which file owns what, from the ground up::

    errors.py, validation.py  InputError; the checks of keys, numbers, ranges and texts
    tomltext.py               TOML text and files, bounded and checked before they are parsed
    indicators.py, targets.py the indicators (ids, units, labels); the 2024 plan's targets
    side_indicators.py        the indicators beside GDP (revenue, investment, population, counts)
    accounts.py               accounting identities of the base year (the prior-year backcast)
    model.py                  the projection: project_paths, vectorized over paths × years
    base.py, catalog.py       base-year data; the shipped scenarios and bases
    history.py                a base's years before its own: validated, with what follows
    consistency.py            what a base's figures imply about the year before it
    uncertainty.py            the uncertainty spec a scenario names (Uncertainty), validated
    scenario.py               a validated scenario: base, level overrides, rates, uncertainty
    results.py                projections as one tidy frame, and its views (wide, IAMC, compare)
    backtest.py               would momentum, trend and past plans have forecast the history?
                              (sim.backtest.backtest, backtest_summary)
    calibrate.py              rates and their uncertainty by horizon estimated from history
                              (sim.calibrate.calibrate → Calibration)
    analysis/                 Monte Carlo, goal-seek, sensitivity, attribution (its own map)
    limits.py, rng.py         per-request limits; the one rng argument, normalized
    export.py, plotting/      files to download; matplotlib figures
    cli.py                    the command line, ``python -m sim``
    testing.py                assert_results_close
    _version.py               __version__
"""
from __future__ import annotations

from ._version import __version__
from .base import Base, base_from_dict, builtin_bases, load_base
from .catalog import shipped_scenarios
from .consistency import ConsistencyReport, consistency_report
from .errors import InputError
from .indicators import INDICATORS, indicator
from .model import Paths, project_paths
from .results import COLUMNS, compare, project, run_paths, to_frame, to_iamc, value, wide
from .scenario import Scenario, load_scenario, parse_scenario, scenario_from_dict
from .targets import PLAN_2024, Target, check_targets
from .uncertainty import Uncertainty
from . import testing  # noqa: E402

# Analyses load on first use, so that `import sim` stays fast.
_LAZY = {
    **dict.fromkeys(("simulate", "MonteCarlo", "summary"), "analysis.montecarlo"),
    **dict.fromkeys(("probability", "threshold", "target_probabilities"),
                    "analysis.probabilities"),
    **dict.fromkeys(("solve", "Solution", "UnreachableTarget"), "analysis.goalseek"),
    **dict.fromkeys(("tornado", "sobol", "sobol_scenario"), "analysis.sensitivity"),
    "attribute": "analysis.attribution",
    **dict.fromkeys(("history_frame", "history_flags"), "history"),
    "Limits": "limits", "DEFAULT_LIMITS": "limits",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY])


__all__ = [*_LAZY,
    "__version__", "Base", "base_from_dict", "builtin_bases", "load_base", "shipped_scenarios",
    "ConsistencyReport", "consistency_report", "InputError", "INDICATORS", "indicator", "Paths",
    "project_paths", "COLUMNS", "compare", "project", "run_paths", "to_frame", "to_iamc",
    "value", "wide", "Scenario", "Uncertainty", "load_scenario", "parse_scenario",
    "scenario_from_dict", "PLAN_2024", "Target", "check_targets", "testing",
]
