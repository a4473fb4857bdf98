"""Scenario simulator for a district's economy.

The public API::

    import sim
    df = sim.project(["plan-2024", "momentum"])      # tidy: scenario, indicator, year, value, unit
    sim.check_targets(df)                           # the 2024 plan's targets, met or missed
    sim.consistency_report(sim.load_base("xihu-2023"))
    mc = sim.simulate(sim.load_scenario("plan-2024"), n_paths=10_000, rng=2024)
    sim.solve(sim.load_scenario("plan-2024"), indicator="gdp_real_growth", year=2024,
              target=5.5, vary="services_real")
"""
from __future__ import annotations

__version__ = "0.1.0"

from .base import Base, base_from_dict, builtin_bases, load_base
from .catalog import shipped_scenarios
from .consistency import ConsistencyReport, consistency_report
from .errors import InputError
from .indicators import INDICATORS, indicator
from .model import Paths, project_paths
from .results import COLUMNS, project, run_paths, to_frame, to_iamc, value, wide
from .scenario import Scenario, Uncertainty, load_scenario, parse_scenario, scenario_from_dict
from .targets import PLAN_2024, Target, check_targets
from . import testing  # noqa: E402

# Analyses load on first use, so that `import sim` stays fast.
_LAZY = {
    "simulate": "uncertainty", "MonteCarlo": "uncertainty", "summary": "uncertainty",
    "target_probabilities": "uncertainty", "probability": "uncertainty",
    "threshold": "uncertainty", "solve": "solve", "Solution": "solve",
    "UnreachableTarget": "solve", "tornado": "sensitivity", "sobol": "sensitivity",
    "sobol_scenario": "sensitivity", "attribute": "attribution",
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
    "project_paths", "COLUMNS", "project", "run_paths", "to_frame", "to_iamc", "value", "wide",
    "Scenario", "Uncertainty", "load_scenario", "parse_scenario", "scenario_from_dict",
    "PLAN_2024", "Target", "check_targets", "testing",
]
