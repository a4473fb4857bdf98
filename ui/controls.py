"""What the sidebar's sliders and the pages' choice widgets offer: their ranges and options
(pure: no Streamlit).

A rate slider spans a fixed range widened to hold the file's values (a sector's real growth and
deflator of a base that lists its sectors span what services' do); the base-year GDP slider
starts at the published level (a lower bound), just above services, or, on a base with sectors
(which scale with it), 30% below the level; the horizon reaches as
many years after the base year as the app's limit (``--max-horizon``, :mod:`sim.limits`); the
numbers of Monte Carlo paths and Sobol samples offered stop at their limits. The rate of an
indicator beside GDP spans what :mod:`ui.beside_gdp` says: growth and a buoyancy in steps of
0.01, the additions of a count (户 or 家 a year) in whole numbers.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sim.limits import Limits
from sim.scenario import Scenario

from . import beside_gdp
from .edits import untouched
from .uploads import app_limits

__all__ = ["SliderRange", "RATE_SPANS", "SECTOR_SPANS", "rate_span", "rate_range", "gdp_range",
           "until_range", "year_range", "offered"]

#: Rate → the span its slider always covers (%, the elasticity as a ratio).
RATE_SPANS = {
    "services_real": (-30.0, 30.0),
    "non_services_real": (-30.0, 30.0),
    "services_deflator": (-10.0, 10.0),
    "non_services_deflator": (-10.0, 10.0),
    "retail_sales": (-20.0, 30.0),
    "retail_sales_elasticity": (-3.0, 5.0),
    "rd_intensity": (0.0, 10.0),
}
#: Suffix of a sector's rate (``<sector>_real``, ``<sector>_deflator``) → its slider's span.
SECTOR_SPANS = {"_real": RATE_SPANS["services_real"], "_deflator": RATE_SPANS["services_deflator"]}


def rate_span(key: str) -> tuple[float, float]:
    """The span the slider of rate ``key`` always covers: :data:`RATE_SPANS`, or for a
    sector's rate :data:`SECTOR_SPANS`.

    Raises
    ------
    KeyError
        For a rate without a slider (the additions of a count span what its base gives:
        :func:`rate_range`).
    """
    if key in RATE_SPANS:
        return RATE_SPANS[key]
    side = beside_gdp.span(key)
    if side is not None:
        return side
    for suffix, span in SECTOR_SPANS.items():
        if key.endswith(suffix):
            return span
    raise KeyError(key)


@dataclass(frozen=True)
class SliderRange:
    """A slider's bounds (inclusive), step and number format (``"%.2f"``; whole numbers
    ``"%.0f"``)."""

    lo: float
    hi: float
    step: float
    fmt: str = "%.2f"

    def __contains__(self, x: float) -> bool:
        return self.lo - 1e-9 <= x <= self.hi + 1e-9

    def __str__(self) -> str:
        return f"{self.lo:g} … {self.hi:g}"


def rate_range(scenario: Scenario, key: str) -> SliderRange:
    """Slider range of rate ``key``: its span (:func:`rate_span`) widened to hold the file's
    values.

    ``scenario`` is the file's scenario with the edited levels applied. The additions of a
    count beside GDP (户 or 家 a year) go from 0 to :func:`ui.beside_gdp.additions_hi` in
    whole numbers.
    """
    vals = list(untouched(scenario, key))
    if key in scenario.rates:
        vals += list(scenario.resolved_rates()[key])
    if beside_gdp.is_additions(key):
        level = scenario.base.indicators.get(key[: -len("_additions")], 0)
        return SliderRange(0.0, beside_gdp.additions_hi(key, level, vals), 1.0, "%.0f")
    lo, hi = rate_span(key)
    return SliderRange(min(lo, math.floor(min(vals))), max(hi, math.ceil(max(vals))), 0.01)


def gdp_range(scenario: Scenario) -> SliderRange:
    """Slider range of the base-year GDP level (亿元).

    From the published level when the source gives it as a lower bound ("突破2000亿元"),
    else from just above services (two-sector form) or from 30% below the published level (a
    base with sectors, which scale with GDP: :meth:`sim.base.Base.levels_setting`); up to 30%
    above the published level.
    """
    base = scenario.base
    g = base.levels["gdp"]
    if "gdp" in base.lower_bounds:
        lo = g
    elif base.sectors:
        lo = math.floor(g * 0.7 / 10) * 10
    else:
        lo = math.ceil(base.levels["services"] * 10 + 1) / 10
    level = scenario.levels.get("gdp", g)
    hi = math.ceil(max(g, level) * 1.3 / 10) * 10
    return SliderRange(min(lo, level), hi, 0.1)


def until_range(scenario: Scenario, *, limits: Limits | None = None) -> tuple[int, int]:
    """First and last choice of the horizon: the first projected year, and the limit's
    ``max_horizon`` years after the base year (or the file's end year, if later).

    ``limits`` default the app's (:func:`ui.uploads.app_limits`).
    """
    limits = app_limits() if limits is None else limits
    y0 = scenario.base.year
    return y0 + 1, max(y0 + limits.max_horizon, scenario.end_year)


def year_range(scenario: Scenario, until: int) -> tuple[int, int]:
    """Years that can be shown: the base year (outturn) to the horizon."""
    return scenario.base.year, until


def offered(choices: Sequence[int], limit: int) -> list[int]:
    """The counts a choice widget offers: ``choices`` below ``limit``, then ``limit``."""
    return [n for n in choices if n < limit] + [limit]
