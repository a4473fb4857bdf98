"""Scenario simulator for a district's economy.

The public API::

    import sim
    df = sim.project(["plan-2024", "momentum"])      # tidy: scenario, indicator, year, value, unit
    sim.check_targets(df)                           # the 2024 plan's targets, met or missed
    sim.consistency_report(sim.load_base("xihu-2023"))
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

__all__ = [
    "__version__", "Base", "base_from_dict", "builtin_bases", "load_base", "shipped_scenarios",
    "ConsistencyReport", "consistency_report", "InputError", "INDICATORS", "indicator", "Paths",
    "project_paths", "COLUMNS", "project", "run_paths", "to_frame", "to_iamc", "value", "wide",
    "Scenario", "Uncertainty", "load_scenario", "parse_scenario", "scenario_from_dict",
    "PLAN_2024", "Target", "check_targets", "testing",
]
