"""What the analyses share: the output they are asked about, checked the same way.

The scenario they are given is read by :func:`sim.scenario.as_scenario`; the inputs they vary
by :mod:`sim.analysis.inputs`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import validation as v
from ..errors import InputError, did_you_mean
from ..scenario import Scenario

__all__ = ["output_year", "check_indicator", "not_defined"]


def output_year(scenario: Scenario, year: Any) -> int:
    """``year`` if it is a year after the scenario's base year (at most
    :data:`sim.validation.MAX_HORIZON` years), else an :class:`InputError` naming ``year``."""
    y0 = scenario.base.year
    return v.integer(year, "year", v.Range(y0 + 1, y0 + v.MAX_HORIZON,
                                           f"(a year after the base year {y0})"))


def check_indicator(indicator: str, ids: Sequence[str]) -> str:
    """``indicator`` if it is one of ``ids`` (the indicators of a projection), else an
    :class:`InputError` naming ``indicator``, with a suggestion."""
    if indicator not in ids:
        raise InputError(f"unknown indicator {indicator!r}" + did_you_mean(indicator, ids),
                         key="indicator", allowed=", ".join(ids))
    return indicator


def not_defined(indicator: str, year: int) -> InputError:
    """The error for an output that has no value in ``year`` (e.g. a growth rate that needs a
    figure the scenario does not give)."""
    return InputError(f"{indicator} is not defined in {year} for this scenario",
                      key="indicator", allowed="an indicator with values in that year")
