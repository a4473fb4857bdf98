"""The scenario inputs that analyses vary, by name, and the core's inputs for many variants.

An input is named by a string:

``services_real`` (or ``rates.services_real``)
    a rate, set to one constant for every projected year;
``services_real[2024]`` (or ``services_real`` with ``vary_year=2024``)
    a rate in one year only, the other years as in the scenario;
``gdp_real`` / ``deflator``
    both sector real growth rates (so real GDP grows at exactly that rate) / both sector
    deflators, set to one constant;
``levels.gdp``
    a base-year level (亿元). A non-services rate given as ``"base"`` is re-derived from the
    varied levels, as the scenario itself would. On a base that lists its sectors GDP is their
    sum: ``levels.gdp`` scales every sector in proportion (the structure kept), and a sector's
    level moves GDP by as much (:meth:`sim.base.Base.levels_setting`).

:func:`parse_input` reads a name against a scenario; :func:`batch_inputs` gives the keyword
arguments of :func:`sim.model.project_paths` for many variants of a scenario at once, so that
goal-seek (:mod:`sim.analysis.goalseek`) and the tornado (:mod:`sim.analysis.sensitivity`)
project all their variants in one call of the vectorized core.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import validation as v
from ..accounts import implied_prior_year
from ..errors import InputError, did_you_mean
from ..scenario import Scenario, rate_range
from ..side_indicators import partner, rate_unit

__all__ = ["ScenarioInput", "parse_input", "batch_inputs", "COMPOSITE_INPUTS",
           "composite_inputs"]

#: Inputs that set several rates to one value.
COMPOSITE_INPUTS: Mapping[str, tuple[str, ...]] = {
    "gdp_real": ("services_real", "non_services_real"),
    "deflator": ("services_deflator", "non_services_deflator"),
}


def composite_inputs(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """:data:`COMPOSITE_INPUTS` for ``scenario``: every sector's real growth (``gdp_real``)
    and deflator (``deflator``) of its base."""
    sectors = scenario.base.model_sectors
    return {"gdp_real": tuple(f"{s}_real" for s in sectors),
            "deflator": tuple(f"{s}_deflator" for s in sectors)}


@dataclass(frozen=True)
class ScenarioInput:
    """One scenario input that analyses vary.

    Parameters
    ----------
    kind : str
        ``"rate"`` or ``"level"``.
    names : tuple of str
        The rate(s) set together, or the level.
    year : int or None
        For a rate: only this projected year; None: every year.
    label : str
        The name the user gave (``"services_real"``, ``"gdp_real"``, ``"levels.gdp"``).
    """

    kind: str
    names: tuple[str, ...]
    year: int | None = None
    label: str = ""

    @property
    def key(self) -> str:
        """``rates.<name>``, ``rates.<name>[year]`` or ``levels.<name>``."""
        base = f"{'rates' if self.kind == 'rate' else 'levels'}.{self.label or self.names[0]}"
        return base + (f"[{self.year}]" if self.year is not None else "")

    @property
    def unit(self) -> str:
        if self.kind == "level":
            return "亿元"
        if self.names[0] == "retail_sales_elasticity":
            return "(ratio)"
        return ("% of GDP" if self.names[0] == "rd_intensity"
                else rate_unit(self.names[0]) or "%")

    def allowed(self, scenario: Scenario) -> tuple[float, float]:
        """The input's allowed range: the scenario loader's range for a rate; for a level,
        (0, 1e8] 亿元 with services ≤ GDP."""
        if self.kind == "rate":
            r = rate_range(self.names[0])
            return r.lo, r.hi
        lv = scenario.start.levels
        if scenario.base.sectors:
            return 0.0, v.LEVEL.hi
        if self.names[0] == "gdp":
            return lv["services"], v.LEVEL.hi
        if self.names[0] == "services":
            return 0.0, lv["gdp"]
        return 0.0, v.LEVEL.hi

    def current(self, scenario: Scenario, year: int | None = None) -> float:
        """The input's value in the scenario (a rate: in ``self.year``, else in ``year``, else
        its first projected year)."""
        if self.kind == "level":
            return float(scenario.start.levels[self.names[0]])
        y = self.year or year or scenario.base.year + 1
        y = min(max(int(y), scenario.base.year + 1), scenario.end_year)
        name = self.names[0]
        if name not in scenario.resolved_rates():
            return 0.0
        return float(scenario.rate_path(name)[y - scenario.base.year - 1])

    def first_moved(self, scenario: Scenario) -> int:
        """The first projected year the input moves: a rate's year (for ``start_year`` under
        ``fill = "first"``, the first projected year, filled from it), else the year after
        the base year."""
        y0 = scenario.base.year
        if self.year is None:
            return y0 + 1
        return y0 + 1 + min(int(scenario.rate_columns(n, self.year, self.year)[0])
                            for n in self.names)

    def apply(self, scenario: Scenario, value: float) -> Scenario:
        """A new scenario with this input set to ``value`` (validated)."""
        x = float(value)
        if self.kind == "level":
            return scenario.with_levels(**scenario.start.levels_setting(self.names[0], x))
        if self.year is None:
            return scenario.with_rates(**{n: x for n in self.names})
        out = {}
        for n in self.names:
            path = scenario.rate_path(n).copy()
            path[scenario.rate_columns(n, self.year)] = x
            out[n] = tuple(float(p) for p in path)
        return scenario.with_paths(**out)


def parse_input(scenario: Scenario, name: str, *, year: int | None = None,
                key: str = "vary") -> ScenarioInput:
    """Read an input name (see the module docs) against ``scenario``.

    Raises
    ------
    InputError
        For an unknown name, or a year outside the scenario's projected years.
    """
    text = str(name).strip()
    m = re.match(r"^(.*)\[(\d{4})\]$", text)
    if m:                                   # "services_real[2024]": one year
        if year is not None and int(m.group(2)) != int(year):
            raise InputError(f"{text!r} names the year {m.group(2)} but {year} was also given",
                             key=key, allowed="one year")
        text, year = m.group(1), int(m.group(2))
    rates = list(scenario.rate_names)
    levels = list(scenario.start.levels)
    if text.startswith("levels."):
        lv = text[len("levels."):]
        if lv not in levels:
            raise InputError(f"unknown level {lv!r}" + did_you_mean(lv, levels), key=key,
                             allowed=", ".join("levels." + k for k in levels))
        if year is not None:
            raise InputError("a base level has no year", key=key + " year",
                             allowed="no year for levels.*")
        return ScenarioInput("level", (lv,), None, text[len("levels."):])
    rate = text[len("rates."):] if text.startswith("rates.") else text
    composite = composite_inputs(scenario)
    if rate in composite:
        names = composite[rate]
    elif rate in rates:
        names = (rate,)
    elif rate in levels:
        return parse_input(scenario, "levels." + rate, year=year, key=key)
    else:
        choices = [*rates, *composite, *("levels." + k for k in levels)]
        raise InputError(f"unknown input {text!r}" + did_you_mean(rate, choices), key=key,
                         allowed=", ".join(choices))
    if year is not None:
        y0, y1 = scenario.base.year + 1, scenario.end_year
        year = v.integer(year, key + " year", v.Range(y0, y1, "(a projected year)"))
        if "retail_sales" in names and "retail_sales" not in scenario.rates:
            raise InputError("the scenario grows retail sales with an elasticity; vary "
                             "retail_sales for every year, or retail_sales_elasticity",
                             key=key, allowed="retail_sales without a year, or "
                                              "retail_sales_elasticity")
        if "retail_sales_elasticity" in names and "retail_sales_elasticity" not in \
                scenario.rates:
            raise InputError("the scenario gives retail sales growth, not an elasticity; vary "
                             "retail_sales_elasticity for every year", key=key,
                             allowed="retail_sales_elasticity without a year, or retail_sales")
        missing = [n for n in names if n not in scenario.resolved_rates()]
        if missing:
            raise InputError(f"the scenario does not set {missing[0]}; vary it for every year",
                             key=key, allowed=f"{missing[0]} without a year")
    return ScenarioInput("rate", tuple(names), year, rate)


def batch_inputs(scenario: Scenario, *, n: int, until: int | None = None,
                 set_rates: Mapping[str, Any] | None = None,
                 add_rates: Mapping[str, Any] | None = None,
                 set_levels: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Keyword arguments of :func:`sim.model.project_paths` for ``n`` variants of a scenario.

    Parameters
    ----------
    scenario : Scenario
    n : int
        Number of paths (variants).
    until : int, optional
        Last year (default the scenario's ``end_year``).
    set_rates : Mapping[str, array (n,) or (n, T)]
        Rates (%) replaced: a value per path for every year, or a full (n, T) path.
    add_rates : Mapping[str, array (n,) or (n, T)]
        Shifts (pp) added to rates, after ``set_rates``.
    set_levels : Mapping[str, array (n,)]
        Base levels (亿元) replaced. A non-services rate the scenario gives as ``"base"`` and
        takes from the base year's levels (:attr:`Scenario.backcast_rates`) is re-derived
        from them (:func:`sim.accounts.implied_prior_year`), as :meth:`Scenario.with_levels`
        would; one that history determines does not depend on them. On a base with sectors,
        ``gdp`` scales every sector in proportion (:meth:`sim.base.Base.levels_setting`), and a
        sector set too moves from its scaled level by its own change.

    Returns
    -------
    dict
        ``levels``, ``rates`` (arrays (n, T), or (1, T) where unchanged), ``years``,
        ``base_growth``, ``base_rd_intensity``.
    """
    kw = dict(scenario.model_inputs(until))
    n_years = len(kw["years"]) - 1
    rates = dict(kw["rates"])
    levels = dict(kw["levels"])
    set_rates = dict(set_rates or {})
    start = scenario.start
    changes = {k: np.broadcast_to(np.asarray(x, dtype=float), (n,))
               for k, x in (set_levels or {}).items()}
    if start.sectors and "gdp" in changes:         # GDP is the sum: the sectors scale with it
        scaled = start.levels_setting("gdp", changes["gdp"])
        for sec in start.sectors:
            changes[sec] = scaled[sec] + (changes[sec] - start.levels[sec] if sec in changes
                                          else 0.0)
    levels.update(changes)
    if set_levels and "non_services_real" in scenario.backcast_rates \
            and "non_services_real" not in set_rates:
        g = scenario.start.growth
        _, gn = implied_prior_year(levels["gdp"], levels["services"], g["gdp"], g["services"])
        rates["non_services_real"] = np.broadcast_to(np.asarray(gn, float).reshape(-1, 1),
                                                     (n, n_years))
    for name, x in set_rates.items():
        x = np.asarray(x, dtype=float)
        rates[name] = np.broadcast_to(x.reshape(-1, 1) if x.ndim <= 1 else x, (n, n_years))
        if name == "retail_sales":
            rates.pop("retail_sales_elasticity", None)
        elif name == "retail_sales_elasticity":
            rates.pop("retail_sales", None)
        for other in partner(name):        # an indicator beside GDP takes one driving rate
            rates.pop(other, None)
    for name, x in (add_rates or {}).items():
        x = np.asarray(x, dtype=float)
        rates[name] = rates[name] + (x.reshape(-1, 1) if x.ndim <= 1 else x)
    kw["rates"], kw["levels"] = rates, levels
    return kw
