"""Scenarios: a base, its level overrides and the rates to project it with.

A scenario is a TOML file::

    name = "plan-2024"
    title_zh = "2024年计划"
    title_en = "2024 plan"
    description = "Why these rates."
    base = "xihu-2023"          # a built-in base, or a path relative to this file
    start_year = 2024           # optional, default the year after the base: the first year
                                # the rates are for
    end_year = 2030             # optional, default 2030
    fill = "first"              # optional: what to do with years the rates do not cover

    [levels]                    # optional overrides of the base's levels, 亿元
    gdp = 2060.0

    [rates]                     # % per year; a number, or a path from start_year whose last
    services_real = 5.6         # value continues, or "base" for the base year's own rate
    non_services_real = [2.31, 3.0]   # (a sector without it: the rate history, else the base
    # services_real = {2024 = 5.6, 2026 = 5.0}   figures, imply), or a table by year (below)
    services_deflator = 0.0     # optional, default 0
    non_services_deflator = 0.0 # optional, default 0
    retail_sales = 6.5          # nominal growth, or instead:
    # retail_sales_elasticity = 1.1   (retail growth = elasticity × nominal GDP growth)
    rd_intensity = 4.45         # % of GDP, optional
    # and one rate per indicator beside GDP that the base carries (sim.side_indicators), e.g.
    # budget_revenue_buoyancy = 1.2 (default 1.0), population = 0.5, market_entities_additions

    [uncertainty]               # optional, for the analyses: sd and skew per rate,
    persistence = 0.5           # persistence, correlations (see sim.uncertainty)

Rates by year
-------------
A rate is for the years from ``start_year`` (default: the year after the base year) to
``end_year``. A number or ``"base"`` holds in every one of them; a list gives ``start_year``,
``start_year + 1``, … in turn, its last value continuing; a table by year
(``{2024 = 5.6, 2026 = 5.0}``, TOML keys are text: each must be a year written once, from
``start_year`` to ``end_year``) must give ``start_year`` itself, and each given value holds
until the next given year, the last one to ``end_year`` (above: 5.6 in 2024 and 2025, 5.0 from
2026).

The projection runs from the year after the base year. A scenario whose rates start elsewhere
does not shift them silently: it is an error naming ``start_year`` and the base, unless the
file (or ``--fill`` on the command line) says what to do:

- ``fill = "first"``: the rates start after the year after the base (start_year 2024 on a 2022
  base): the years in between (2023) take the rates of ``start_year``. A table by year may
  then start in the year after the base instead (``{2023 = 4.0, 2024 = 5.6}``), giving those
  years its own values (:meth:`Scenario.rates_from_paths` writes an edit of a filled year so).
- ``fill = "drop"``: the rates start in a year the base already has (start_year 2024 on a
  2024 base): the rates for the base year and before are dropped, and the projection uses
  those from the year after the base (2025) on.

A fill that applies is stated in :meth:`Scenario.assumptions` (so in the command line's
``run`` output and the app's sources); a fill with nothing to fill does nothing.
:meth:`Scenario.rate_path` and :meth:`Scenario.resolved_rates` give each rate for the
projected years with the fill applied: every path the model and the analyses use comes from
them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import side_indicators as side
from . import validation as v
from .accounts import implied_prior_year
from .base import Base, load_base, read_toml, parse_toml
from .errors import InputError, did_you_mean, shown
from .model import OTHER_RATES, RATE_NAMES, sector_rate_names
from .uncertainty import Uncertainty

__all__ = ["Scenario", "load_scenario", "scenario_from_dict", "parse_scenario",
           "scenario_from_doc", "as_scenario", "rate_range", "DEFAULT_END_YEAR", "RATE_RANGES",
           "FILLS", "ByYear"]

DEFAULT_END_YEAR = 2030
_TOP_KEYS = ("name", "title_zh", "title_en", "description", "description_zh", "base",
             "start_year", "end_year", "fill", "levels", "rates", "uncertainty", "notes")
#: What ``fill`` may say: what a scenario does with the years its rates do not cover.
FILLS = {"first": "the years between the base year and start_year take start_year's rates",
         "drop": "the rates for years the base already has are dropped"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
RATE_RANGES: dict[str, v.Range] = {
    "services_real": v.GROWTH, "non_services_real": v.GROWTH,
    "services_deflator": v.GROWTH, "non_services_deflator": v.GROWTH,
    "retail_sales": v.GROWTH, "retail_sales_elasticity": v.ELASTICITY,
    "rd_intensity": v.INTENSITY,
}
# rates that may say "base": the base year's own growth of that figure
_FROM_BASE = {"services_real": "services", "retail_sales": "retail_sales"}

_DIGITS = re.compile(r"^[0-9]{1,6}$")


class ByYear(Mapping):
    """A rate given by year, read-only: year (int) → value, in year order; shown as the dict
    it holds (``{2024: 5.6, 2026: 5.0}``), so that it reads back as Python."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[int, float]):
        self._values = dict(sorted(values.items()))

    def __getitem__(self, year: int) -> float:
        return self._values[year]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(self._values)


RateSpec = float | tuple[float, ...] | str | ByYear


def rate_range(name: str) -> v.Range:
    """The allowed range of the rate ``name`` (an extra level's growth: that of growth)."""
    return RATE_RANGES.get(name) or side.rate_range(name) or v.GROWTH


@dataclass(frozen=True)
class Scenario:
    """A validated scenario.

    Parameters
    ----------
    name : str
        Short id, e.g. ``"plan-2024"``.
    base : Base
        The base as loaded, before this scenario's level overrides.
    rates : Mapping[str, float or tuple of float or "base" or Mapping[int, float]]
        Rates in % (elasticity as a ratio): a constant, a path from ``start_year`` (its last
        value continuing), ``"base"`` for the base year's own rate, or a table by year (keys
        years, as int or as text of digits) whose first year is ``start_year``; see the module
        docs.
    levels : Mapping[str, float]
        Overrides of base levels, 亿元.
    end_year : int
        Last projected year.
    title_zh, title_en, description, description_zh : str
        Texts shown to users.
    base_ref : str
        The base as the file names it.
    uncertainty : Uncertainty or Mapping
        Uncertainty for the analyses: a :class:`sim.uncertainty.Uncertainty`, or a scenario
        file's ``[uncertainty]`` table (read by :meth:`~sim.uncertainty.Uncertainty.from_dict`);
        validated against :attr:`rate_names`.
    start_year : int, optional
        The first year the rates are for; None (default): the year after the base year
        (:attr:`first_year`).
    fill : {"first", "drop"}, optional
        What to do when the rates do not start in the year after the base year (see the
        module docs); None (default): that is an error naming ``start_year``.
    source : str
        Where the scenario came from, used in messages.
    """

    name: str
    base: Base
    rates: Mapping[str, RateSpec]
    levels: Mapping[str, float] = field(default_factory=dict)
    end_year: int = DEFAULT_END_YEAR
    title_zh: str = ""
    title_en: str = ""
    description: str = ""
    description_zh: str = ""
    base_ref: str = ""
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    notes: str = ""
    start_year: int | None = None
    fill: str | None = None
    source: str = "<dict>"
    start: Base = field(init=False, repr=False, compare=False)
    _paths: Mapping[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)
    _base_rates: Mapping[str, tuple[float, str, str]] = field(init=False, repr=False,
                                                              compare=False)

    def __post_init__(self):
        try:
            rates = {k: (tuple(r) if isinstance(r, (list, tuple)) else r)
                     for k, r in v.table(self.rates, "rates").items()}
            if self.start_year is not None:
                object.__setattr__(self, "start_year", v.integer(self.start_year, "start_year",
                                                                 v.YEAR))
            object.__setattr__(self, "rates", v.frozen(rates))
            object.__setattr__(self, "levels", v.frozen(v.table(self.levels, "levels")))
            object.__setattr__(self, "base_ref", self.base_ref or self.base.name)
            self._validate()
        except InputError as err:
            raise err.with_source(self.source) from None

    # -- validation -------------------------------------------------------------------------
    def _validate(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise InputError(f"is not a valid scenario name: {shown(self.name)}", key="name",
                             allowed="letters, digits, '-', '_' and '.', up to 64 characters")
        for key in ("title_zh", "title_en", "description", "description_zh", "notes"):
            v.text(getattr(self, key), key)
        y0 = self.base.year
        self.check_end_year(self.end_year)
        self._check_years()
        for key, val in self.levels.items():
            if key not in self.base.levels:
                raise InputError("overrides a level the base does not have"
                                 + did_you_mean(key, self.base.levels), key=f"levels.{key}",
                                 allowed=", ".join(self.base.levels))
            v.number(val, f"levels.{key}", v.LEVEL)
        try:
            start = self.base.with_levels(**self.levels) if self.levels else self.base
        except InputError as err:
            raise InputError(err.problem, key=err.key, allowed=err.allowed) from None
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "_base_rates", {})
        allowed = self.rate_names
        sectors = self.base.model_sectors
        has = (f"; the base {self.base.name} has the sectors " + ", ".join(sectors)
               if self.base.sectors else "")
        side.check_rate_keys(self.base.indicators, self.rates, base=self.base.name)
        for key in self.rates:
            if key not in allowed:
                problem = "unknown rate"
                if key.endswith(("_real", "_deflator")):
                    sector = key[: key.rindex("_real" if key.endswith("_real") else "_deflator")]
                    problem = (f"rate for the sector {sector!r}, which the base "
                               f"{self.base.name} does not have (its sectors: "
                               + ", ".join(sectors) + ")")
                raise InputError(problem + did_you_mean(key, allowed), key=f"rates.{key}",
                                 allowed=", ".join(allowed))
        for sector in sectors:
            key = f"{sector}_real"
            if key not in self.rates:
                raise InputError(f"missing the real growth of sector {sector!r}{has}",
                                 key=f"rates.{key}", allowed="a number in " + str(v.GROWTH))
        retail = [k for k in ("retail_sales", "retail_sales_elasticity") if k in self.rates]
        if len(retail) != 1:
            raise InputError("give exactly one of retail_sales (nominal growth, %) and "
                             "retail_sales_elasticity (to nominal GDP growth)",
                             key="rates.retail_sales" if not retail else "rates." + retail[1])
        side.check_drivers(self.base.indicators, self.rates)
        for extra in self.base.extras:
            if extra not in self.rates:
                raise InputError(f"the base has the extra level {shown(extra)}; give its growth",
                                 key=f"rates.{extra}", allowed="a number in " + str(v.GROWTH))
        object.__setattr__(self, "rates", v.frozen(
            {k: self._check_rate(k, spec) for k, spec in self.rates.items()}))
        object.__setattr__(self, "_paths", v.frozen(
            {k: self._aligned(*self._given(k)) for k in self.rates}))
        unc = self.uncertainty
        if isinstance(unc, Mapping):
            unc = Uncertainty.from_dict(unc, self.rate_names)
        elif isinstance(unc, Uncertainty):
            unc = unc.validated(self.rate_names)
        else:
            raise InputError("must be a table", key="uncertainty")
        if unc.origin == "history" and not self.base.history:
            raise InputError(f"is \"history\", but the base {shown(self.base.name)} has no "
                             f"history (no [history.YEAR] table before {self.base.year}) to "
                             "estimate the uncertainty from", key="uncertainty.from",
                             allowed='"file" (the numbers of this table, or the defaults), or '
                                     'a base with [history.YEAR] tables')
        object.__setattr__(self, "uncertainty", unc)
        object.__setattr__(self, "_base_rates", v.frozen(self._base_rates))

    def _check_years(self) -> None:
        """``start_year`` within the horizon, ``fill`` known, and the years the projection
        needs covered by the rates (or a fill saying how)."""
        y0, first, end = self.base.year, self.first_year, self.end_year
        if self.start_year is not None and not first <= end:
            raise InputError(f"is {first}, after end_year {end}", key="start_year",
                             allowed=f"a year up to end_year {end}")
        if self.fill is not None and not (isinstance(self.fill, str) and self.fill in FILLS):
            raise InputError(f"is {shown(self.fill)}", key="fill",
                             allowed="; ".join(f'"{k}": {x}' for k, x in FILLS.items()))
        base = f"the base {self.base.name} is for {y0}"
        if first > y0 + 1 and self.fill != "first":
            gap = _years(y0 + 1, first - 1)
            raise InputError(
                f"the rates start in {first} but {base}, so {gap} "
                f"{'is' if first == y0 + 2 else 'are'} not covered", key="start_year",
                allowed=f'fill = "first" (command line: --fill first) to give {gap} the '
                        f"{first} rates, or rates from start_year = {y0 + 1}")
        if first <= y0 and self.fill != "drop":
            over = _years(first, y0)
            raise InputError(
                f"the rates start in {first} but {base}: the base already has {over}",
                key="start_year",
                allowed=f'fill = "drop" (command line: --fill drop) to drop the rates for '
                        f"{over} and project with those from {y0 + 1}, or a base for "
                        f"{first - 1}")

    def _check_rate(self, key: str, spec: Any) -> RateSpec:
        """The rate ``key`` validated, in its stored form (float, tuple, "base" or a table
        by year with int keys)."""
        allowed = rate_range(key)
        k = f"rates.{key}"
        first, end = self.first_year, self.end_year
        horizon = end - first + 1
        if isinstance(spec, str):
            if spec != "base":
                raise InputError(f"must be a number, a list of numbers, a table by year or "
                                 f"\"base\", got {shown(spec)}", key=k, allowed=str(allowed))
            self._base_rates[key] = self._resolve_base(key)
            return spec
        if isinstance(spec, tuple):
            if not spec:
                raise InputError("is an empty path", key=k, allowed=str(allowed))
            if len(spec) > horizon:
                raise InputError(f"path has {len(spec)} values but the horizon "
                                 f"{first}–{end} has {horizon} years", key=k,
                                 allowed=f"1 … {horizon} values (or raise end_year)")
            return tuple(v.number(x, f"{k}[{i}] ({first + i})", allowed)
                         for i, x in enumerate(spec))
        if isinstance(spec, Mapping):
            return self._check_table(k, spec, allowed)
        return v.number(spec, k, allowed)

    def _check_table(self, k: str, spec: Mapping, allowed: v.Range) -> ByYear:
        first, end = self.first_year, self.end_year
        own = self._fills_first and self.fill == "first"   # may give the filled years itself
        lo = self.base.year + 1 if own else first
        years = (f"years {lo} … {end} (the year after the base, or start_year, … end_year), "
                 "each once" if own else
                 f"years {first} … {end} (start_year … end_year), each once")
        if not spec:
            raise InputError("is an empty table", key=k, allowed=f"values by year, for {years}")
        out: dict[int, float] = {}
        written: dict[int, Any] = {}
        for raw, x in spec.items():
            year = _year_key(raw)
            if year is None:
                raise InputError(f"has the key {shown(raw)}, which is not a year", key=k,
                                 allowed=years)
            if year in written:
                raise InputError(f"gives the year {year} twice (as {shown(str(written[year]))} "
                                 f"and {shown(str(raw))})", key=k, allowed=years)
            written[year] = raw
            if not lo <= year <= end:
                raise InputError(f"gives the year {year}, outside the years of the scenario",
                                 key=k, allowed=years)
            out[year] = v.number(x, f"{k}.{year}", allowed)
        if min(out) not in (first, lo):
            raise InputError(f"starts in {min(out)}, so its first year {first} (start_year) "
                             "has no value", key=k,
                             allowed=f"a table whose first year is {first}" + (
                                 f", or {lo}, giving the years filled from {first} itself"
                                 if own else ""))
        return ByYear(out)

    @property
    def _fills_first(self) -> bool:
        """Whether the rates start after the year after the base year."""
        return self.first_year > self.base.year + 1

    def _from_base(self, key: str) -> float:
        """The base year's own rate ``key`` (for ``"base"``), resolved once."""
        if key not in self._base_rates:
            return self._resolve_base(key)[0]
        return self._base_rates[key][0]

    def _resolve_base(self, key: str) -> tuple[float, str, str]:
        """The rate ``"base"`` stands for, where it comes from (``""``: a published figure) and
        its kind: ``"published"``, ``"history"`` or ``"backcast"``. A sector without a base-year growth of its own takes the growth history
        determines (:func:`sim.history.implied_base_growth`); failing that, non-services in the
        two-sector form take what the base year's own figures imply (a backcast)."""
        from .history import implied_base_growth

        growth = self.start.growth
        k = f"rates.{key}"
        y0 = self.base.year
        sector = key[:-5] if key.endswith("_real") else None
        if sector in self.base.model_sectors and sector not in growth:
            found = implied_base_growth(self.start, sector)
            if found is not None:
                value, how = found
                if value not in v.GROWTH:
                    raise InputError(f"\"base\": history implies {sector} growth of "
                                     f"{value:.1f}% in {y0}", key=k, allowed=str(v.GROWTH))
                return float(value), f"the {y0} growth {how}", "history"
        if self.base.sectors and sector in self.base.sectors:
            if sector not in growth:
                raise InputError(f"\"base\" needs growth.{sector} in the base, which gives "
                                 "no base-year growth for this sector (nor does its history "
                                 "determine one)", key=k, allowed="a number in " + str(v.GROWTH))
            return float(growth[sector]), "", "published"
        if key == "non_services_real" and not self.base.sectors:
            if "gdp" not in growth or "services" not in growth:
                raise InputError("\"base\" needs growth.gdp and growth.services in the base",
                                 key=k)
            _, gn = implied_prior_year(self.start.levels["gdp"], self.start.levels["services"],
                                       growth["gdp"], growth["services"])
            gn = float(gn)
            if not math.isfinite(gn) or gn not in v.GROWTH:
                raise InputError(f"\"base\" implies non-services growth of {gn:.1f}%",
                                 key=k, allowed=str(v.GROWTH))
            bound = (f"; GDP {self.start.levels['gdp']:g} 亿元 is a lower bound, so this is "
                     "approximate" if "gdp" in self.start.lower_bounds else "")
            how = (f"the {y0} growth implied by the base year's GDP and services figures (a "
                   "backcast with one price change common to both sectors; history does not "
                   f"determine it){bound}")
            return gn, how, "backcast"
        figure = (key if key in self.base.extras else
                  None if self.base.sectors and key == "services_real" else _FROM_BASE.get(key))
        if figure is None:
            raise InputError("\"base\" is not available for this rate", key=k,
                             allowed="\"base\" for " + ", ".join(
                                 [*(f"{x}_real" for x in self.base.model_sectors),
                                  "retail_sales", *self.base.extras]))
        if figure not in growth:
            raise InputError(f"\"base\" needs growth.{figure} in the base", key=k)
        return float(growth[figure]), "", "published"

    # -- derived ----------------------------------------------------------------------------
    @property
    def rate_names(self) -> tuple[str, ...]:
        """Rates this scenario may set: the model's (``<sector>_real`` and ``<sector>_deflator``
        per sector of the base) plus one per extra base level, then those of the base's
        indicators beside GDP (:func:`sim.side_indicators.rate_names`)."""
        side_rates = side.rate_names(self.base.indicators)
        if self.base.sectors:
            return (sector_rate_names(self.base.sectors) + OTHER_RATES
                    + self.base.extras + side_rates)
        return RATE_NAMES + self.base.extras + side_rates

    @property
    def backcast_rates(self) -> tuple[str, ...]:
        """Rates given as ``"base"`` whose value the base year's own levels imply (the
        backcast of :func:`sim.accounts.implied_prior_year`, where history does not determine
        the rate): they change when a base level is overridden."""
        return tuple(k for k, (_, _, kind) in self._base_rates.items() if kind == "backcast")

    @property
    def defaults(self) -> dict[str, float]:
        """Rates that default when not given: each sector's deflator, 0 %; the buoyancy of a
        revenue beside GDP that the scenario does not drive, 1.0."""
        return {**{f"{x}_deflator": 0.0 for x in self.base.model_sectors},
                **side.defaults(self.base.indicators, self.rates)}

    @property
    def years(self) -> np.ndarray:
        """The base year and each projected year."""
        return np.arange(self.base.year, self.end_year + 1)

    @property
    def first_year(self) -> int:
        """The first year the rates are for: ``start_year``, by default the year after the
        base year."""
        return self.base.year + 1 if self.start_year is None else self.start_year

    def _given(self, key: str) -> tuple[int, tuple[float, ...]]:
        """The rate ``key`` as the scenario gives it: the year its path starts (``first_year``,
        or a table's first year) and its values for that year and each after (the last one
        continuing)."""
        spec = self.rates[key]
        if isinstance(spec, str):
            return self.first_year, (self._from_base(key),)
        if isinstance(spec, tuple):
            return self.first_year, spec
        if isinstance(spec, Mapping):        # each given year's value holds until the next
            years = list(spec)
            return years[0], tuple(spec[max(y for y in years if y <= t)]
                                   for t in range(years[0], years[-1] + 1))
        return self.first_year, (float(spec),)

    def _aligned(self, start: int, given: tuple[float, ...]) -> tuple[float, ...]:
        """A path from ``start`` as the path from the year after the base year, the fill
        applied (``_check_years`` has made sure one is given where it is needed)."""
        offset = start - (self.base.year + 1)
        if offset > 0:                                   # fill = "first"
            return (given[0],) * offset + given
        if offset < 0:                                   # fill = "drop"
            return given[-offset:] or given[-1:]
        return given

    def resolved_rates(self) -> dict[str, tuple[float, ...]]:
        """Every rate as a path of numbers for the projected years, from the year after the
        base year, its last value continuing (``"base"`` replaced, tables by year expanded,
        the fill applied, defaults filled in)."""
        out = {k: (d,) for k, d in self.defaults.items()}
        out.update(self._paths)
        return out

    def rate_path(self, key: str, end_year: int | None = None) -> np.ndarray:
        """The rate ``key`` for each projected year, from the year after the base year (its
        last value continuing), shape (T,).

        The one owner of "the rate in year t": the model's inputs, the Monte Carlo's, the
        goal-seek's and the sensitivity analyses' all come from it.
        """
        end = self.end_year if end_year is None else end_year
        return _extend(self.resolved_rates()[key], end - self.base.year)

    def rate_columns(self, key: str, year: int, end_year: int | None = None) -> np.ndarray:
        """Columns of :meth:`rate_path` (to ``end_year``, default :attr:`end_year`) that take
        the rate ``key`` the scenario gives for ``year``: that year's, and under
        ``fill = "first"`` for ``start_year`` also the years filled from it."""
        end = self.end_year if end_year is None else end_year
        t = int(year) - self.base.year - 1
        filled = (year == self.first_year and t > 0
                  and (key not in self.rates or self._given(key)[0] == self.first_year))
        cols = np.arange(t + 1) if filled else np.array([t])
        return cols[cols < end - self.base.year]

    def fill_note(self) -> str:
        """What the fill does on this base, as :meth:`assumptions` states it ("" if none)."""
        y0, first = self.base.year, self.first_year
        if first > y0 + 1:
            own = [k for k in self.rates if self._given(k)[0] < first]
            return (f"{_years(y0 + 1, first - 1)}: the {first} rates (fill = first; the rates "
                    f"start in {first}, the base {self.base.name} is for {y0})"
                    + (f"; {', '.join(own)} "
                       + ("gives these years itself" if len(own) == 1 else
                          "give these years themselves") if own else ""))
        if first <= y0:
            return (f"{_years(first, y0)}: the rates for these years dropped (fill = drop; the "
                    f"base {self.base.name} already has {y0}), the projection uses those from "
                    f"{y0 + 1}")
        return ""

    def model_inputs(self, end_year: int | None = None) -> dict[str, Any]:
        """Keyword arguments for :func:`sim.model.project_paths` (one path).

        Parameters
        ----------
        end_year : int, optional
            Project to this year instead of ``self.end_year``: shorter cuts the paths, longer
            continues each path's last value.
        """
        end = self.end_year if end_year is None else self.check_end_year(end_year)
        rates = {k: self.rate_path(k, end)[None, :] for k in self.resolved_rates()}
        # the indicators beside GDP travel with the levels, each in its own unit
        return {"levels": {**self.start.levels, **self.start.indicators}, "rates": rates,
                "years": np.arange(self.base.year, end + 1),
                "base_growth": dict(self.start.growth),
                "base_rd_intensity": self.start.assumptions.get("rd_intensity", np.nan),
                "sectors": self.base.sectors or None}

    def check_end_year(self, end_year: Any, key: str = "end_year") -> int:
        """Return ``end_year`` if it is a valid horizon end for this base, else raise."""
        y0 = self.base.year
        return v.integer(end_year, key, v.Range(y0 + 1, y0 + v.MAX_HORIZON,
                                                f"(base year {y0} + 1 … + {v.MAX_HORIZON})"))

    def assumptions(self) -> list[str]:
        """Rates and levels that are assumptions of the user, not published figures."""
        out = [self.fill_note()] if self.fill_note() else []
        out += [f"rates.{k} = {d:g} (default)" for k, d in self.defaults.items()
                if k not in self.rates]
        out += [f"rates.{k} = \"base\" = {x:.2f} % a year: {how}"
                for k, (x, how, _) in self._base_rates.items() if how]
        out += [f"levels.{k} = {self.start.levels[k]:.4g} 亿元 (derived from the base's "
                "structure, not a published figure)" for k in self.start.derived]
        out += [f"levels.{k} = {x:g} 亿元 (override of the base's {self.base.levels[k]:g})"
                for k, x in self.levels.items()]
        out += [f"base assumption {k} = {x:g} (% of GDP in {self.base.year}, not a published "
                "figure)" for k, x in self.base.assumptions.items()]
        out += side.assumptions(self.base.indicators, self.base.sources)
        return out

    def title(self, lang: str = "en") -> str:
        """The title in ``lang``, falling back to the name."""
        return (self.title_zh if lang == "zh" else self.title_en) or self.name

    # -- new scenarios from this one --------------------------------------------------------
    def with_rates(self, **rates: RateSpec) -> "Scenario":
        """A new scenario with some rates replaced (validated again).

        Each rate as the file's ``[rates]`` gives it: a number, ``"base"``, a path from
        :attr:`first_year` or a table by year; None removes the rate. For paths over the
        projected years (from the year after the base) use :meth:`with_paths`.
        """
        merged = dict(self.rates)
        for k, r in rates.items():
            if r is None:
                merged.pop(k, None)
            else:
                merged[k] = r
        if "retail_sales" in rates and rates["retail_sales"] is not None:
            merged.pop("retail_sales_elasticity", None)
        if "retail_sales_elasticity" in rates and rates["retail_sales_elasticity"] is not None:
            merged.pop("retail_sales", None)
        for k, r in rates.items():          # an indicator beside GDP takes one driving rate
            for other in side.partner(k) if r is not None else ():
                merged.pop(other, None)
        return replace(self, rates=merged)

    def with_paths(self, **paths: float | list[float] | tuple[float, ...] | None
                   ) -> "Scenario":
        """A new scenario with rates replaced by paths over the projected years, from the
        year after the base year (:meth:`rates_from_paths`)."""
        return self.with_rates(**self.rates_from_paths(**paths))

    def rates_from_paths(self, **paths: float | list[float] | tuple[float, ...] | None
                         ) -> dict[str, Any]:
        """The :meth:`with_rates` arguments that give these paths over the projected years.

        Parameters
        ----------
        **paths : float, list of float or None
            Per rate, a path as :meth:`rate_path` gives it: from the year after the base year,
            its last value continuing (a number: every year; None: remove the rate).

        Returns
        -------
        dict
            The paths written as the scenario gives its rates, from :attr:`first_year`: the
            same when that is the year after the base; with ``fill = "drop"`` behind the
            scenario's values for the dropped years; with ``fill = "first"`` without the
            filled years where they equal the first year's value, else as a table by year
            from the year after the base (giving the filled years itself).
        """
        y0 = self.base.year
        offset = self.first_year - (y0 + 1)
        out: dict[str, Any] = {}
        for key, path in paths.items():
            if offset == 0 or path is None or not isinstance(path, (list, tuple)):
                out[key] = path
            elif offset < 0:                                   # behind the dropped years
                kept = self._given(key)[1] if key in self.rates else (float(path[0]),)
                out[key] = [*map(float, _extend(kept, -offset)), *path]
            else:
                full = _extend(tuple(path), max(len(path), offset + 1))
                if all(x == full[offset] for x in full[:offset]):
                    out[key] = [float(x) for x in full[offset:len(path)]] or [float(full[-1])]
                else:
                    out[key] = {y0 + 1 + i: float(x) for i, x in enumerate(full)
                                if i == 0 or x != full[i - 1]}
        return out

    def with_levels(self, **levels: float) -> "Scenario":
        """A new scenario with base levels overridden (亿元)."""
        return replace(self, levels={**self.levels, **levels})

    def with_end_year(self, end_year: int) -> "Scenario":
        """A new scenario projected to ``end_year``; paths longer than the horizon are cut,
        and years after it left out of tables by year."""
        end = self.check_end_year(end_year)
        return replace(self, end_year=end, rates=_cut(self.rates, self.first_year, end))

    def renamed(self, name: str, *, title_zh: str | None = None,
                title_en: str | None = None) -> "Scenario":
        """A copy under another name."""
        return replace(self, name=name, title_zh=self.title_zh if title_zh is None else title_zh,
                       title_en=self.title_en if title_en is None else title_en)

    def to_dict(self) -> dict[str, Any]:
        """The scenario in the TOML file's layout."""
        doc: dict[str, Any] = {"name": self.name}
        for key in ("title_zh", "title_en", "description", "description_zh"):
            if getattr(self, key):
                doc[key] = getattr(self, key)
        doc["base"] = self.base.ref
        if self.start_year is not None:
            doc["start_year"] = self.start_year
        doc["end_year"] = self.end_year
        if self.fill is not None:
            doc["fill"] = self.fill
        if self.notes:
            doc["notes"] = self.notes
        if self.levels:
            doc["levels"] = dict(self.levels)
        doc["rates"] = {k: (list(r) if isinstance(r, tuple) else
                            {str(y): x for y, x in r.items()} if isinstance(r, Mapping) else r)
                        for k, r in self.rates.items()}
        unc = self.uncertainty.to_dict()
        if unc:
            doc["uncertainty"] = unc
        return doc

    def to_toml(self) -> str:
        """The scenario as TOML text that :func:`load_scenario` reads back unchanged."""
        import tomli_w

        return tomli_w.dumps(self.to_dict())


def scenario_from_dict(doc: Mapping[str, Any], *, source: str = "<dict>", name: str | None = None,
                       base: Base | None = None, base_dir: str | Path | None = None,
                       allow_base_paths: bool = True,
                       extra_bases: Mapping[str, Base] | None = None,
                       end_year: int | None = None, fill: str | None = None) -> Scenario:
    """Build a :class:`Scenario` from a parsed TOML document.

    Parameters
    ----------
    doc : Mapping
        The parsed document.
    source : str
        Name of the file, for messages.
    name : str, optional
        Name to use when the document has none.
    base : Base, optional
        Use this base instead of the one the document names. The rates start in the
        document's ``start_year`` (default: the year after this base's year); a start on
        another year is an error unless ``fill`` (or the document's) says what to do. A path
        longer than the horizon is cut, and an ``end_year`` that does not lie after this
        base's year gives way to the default horizon (7 years).
    base_dir : str or Path, optional
        Folder that a relative base path is resolved against.
    allow_base_paths : bool
        If False, the document may name only a built-in base or one in ``extra_bases``
        (for uploads: a file must not make the server read its own files).
    extra_bases : Mapping[str, Base], optional
        Further bases the document may name, e.g. uploaded alongside it.
    end_year : int, optional
        Project to this year instead of the document's ``end_year``; longer paths are cut.
    fill : {"first", "drop"}, optional
        Use this instead of the document's ``fill`` (see the module docs).

    Raises
    ------
    InputError
        Naming ``source``, the key and the allowed range.
    """
    try:
        v.table(doc, "(top level)")
        if "rates" not in doc and "levels" in doc and ("region" in doc or "year" in doc):
            raise InputError("missing: this is a base file, not a scenario; give it with "
                             "--base, or name it in a scenario's base key", key="rates")
        v.check_keys(doc, _TOP_KEYS, required=("rates",))
        replaced = base is not None
        if base is None:
            ref = v.text(doc.get("base", "xihu-2023"), "base")
            if extra_bases and ref in extra_bases:
                base = extra_bases[ref]
            elif not allow_base_paths:
                from .base import builtin_bases
                shipped = builtin_bases()
                if ref not in shipped:
                    allowed = sorted([*shipped, *(extra_bases or {})])
                    raise InputError(f"base {shown(ref)} is not available here"
                                     + did_you_mean(ref, allowed), key="base",
                                     allowed="one of " + ", ".join(allowed))
                base = load_base(ref)
            else:
                base = load_base(ref, relative_to=base_dir)
        else:
            ref = base.ref
        end = doc.get("end_year", DEFAULT_END_YEAR) if end_year is None else end_year
        if replaced and end_year is None and _is_int(end) and end <= base.year:
            end = base.year + (DEFAULT_END_YEAR - 2023)
        rates = v.table(doc["rates"], "rates")
        start = doc.get("start_year")
        first = start if _is_int(start) else base.year + 1
        # a path is cut where the years it is for end sooner than the file's: at another
        # end_year, or from the year after another base when the file states no start_year
        if _is_int(end) and end >= first and (end != doc.get("end_year", DEFAULT_END_YEAR)
                                              or (replaced and not _is_int(start))):
            rates = _cut(rates, first, end)
        return Scenario(
            name=doc.get("name", name or "scenario"),
            base=base, base_ref=str(ref), rates=rates,
            levels=v.table(doc.get("levels", {}), "levels"),
            end_year=end,
            title_zh=doc.get("title_zh", ""), title_en=doc.get("title_en", ""),
            description=doc.get("description", ""),
            description_zh=doc.get("description_zh", ""), notes=doc.get("notes", ""),
            uncertainty=v.table(doc.get("uncertainty", {}), "uncertainty"),
            start_year=start, fill=doc.get("fill") if fill is None else fill,
            source=source)
    except InputError as err:
        raise err.with_source(source) from None


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _years(first: int, last: int) -> str:
    """``"2023"`` or ``"2023–2025"``."""
    return str(first) if first == last else f"{first}–{last}"


def _extend(path: tuple[float, ...], n: int) -> np.ndarray:
    """The first ``n`` values of ``path``, its last value continuing, shape (n,)."""
    out = np.empty(max(n, 0))
    m = min(len(path), len(out))
    out[:m] = path[:m]
    out[m:] = path[-1]
    return out


def _cut(rates: Mapping[str, Any], first: int, end: int) -> dict[str, Any]:
    """``rates`` for the years ``first`` … ``end``: paths cut to that many values, years after
    ``end`` left out of tables by year (keys not read as years are kept, for the checks)."""
    n = end - first + 1
    out: dict[str, Any] = {}
    for k, r in rates.items():
        if isinstance(r, (list, tuple)) and n >= 1:
            r = r[:n]
        elif isinstance(r, Mapping):
            kept = {y: x for y, x in r.items() if _year_key(y) is None or _year_key(y) <= end}
            r = kept or r
        out[k] = r
    return out


def _year_key(key: Any) -> int | None:
    if _is_int(key):
        return key
    return int(key) if isinstance(key, str) and _DIGITS.match(key) else None


def parse_scenario(text: str | bytes, *, source: str = "<upload>",
                   max_bytes: int | None = None, **kwargs) -> Scenario:
    """Parse scenario TOML text (e.g. an upload); see :func:`scenario_from_dict`.

    The text is checked before it is parsed (:func:`sim.tomltext.parse_toml`: size, at most
    ``max_bytes`` bytes, default :data:`sim.tomltext.MAX_FILE_BYTES`, and shape), and parsed
    once.
    """
    size = {} if max_bytes is None else {"max_bytes": max_bytes}
    return scenario_from_dict(parse_toml(text, source=source, **size), source=source, **kwargs)


def load_scenario(path: str | Path, *, base: Base | str | Path | None = None,
                  end_year: int | None = None, fill: str | None = None) -> Scenario:
    """Load a scenario file.

    Parameters
    ----------
    path : str or Path
        The TOML file, or the name of a shipped scenario (``"plan-2024"``). A file must be a
        regular file of at most :data:`sim.tomltext.MAX_FILE_BYTES` bytes (1 MiB).
    base : Base, str or Path, optional
        Replace the base the file names (a :class:`Base`, a built-in name or a path).
    end_year : int, optional
        Project to this year instead of the file's ``end_year``.
    fill : {"first", "drop"}, optional
        Instead of the file's ``fill``: what to do when its rates do not start in the year
        after the base year (see the module docs).

    Returns
    -------
    Scenario
    """
    from .catalog import shipped_scenarios

    p = Path(path)
    shipped = shipped_scenarios()
    if not p.suffix and str(path) in shipped:
        p = shipped[str(path)]
    elif not p.suffix and not p.exists():
        raise InputError(f"unknown scenario {shown(str(path))}"
                         + did_you_mean(str(path), shipped),
                         source=str(path), allowed="a .toml file or a shipped scenario: "
                         + ", ".join(shipped))
    doc = read_toml(p, what="scenario file")
    if isinstance(base, (str, Path)):
        base = load_base(base)
    return scenario_from_doc(doc, path=path, base=base, end_year=end_year, fill=fill)


def as_scenario(scenario: Scenario | str | Path) -> Scenario:
    """``scenario`` itself, or the scenario :func:`load_scenario` reads from a shipped name or a
    file: what every function taking "a scenario or its name" is given."""
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def scenario_from_doc(doc: Mapping[str, Any], *, path: str | Path, base: Base | None = None,
                      end_year: int | None = None, fill: str | None = None) -> Scenario:
    """The scenario of a document read from the file ``path`` (:func:`load_scenario` once the
    file is read): named after the file, a relative base path taken from its folder.

    Raises
    ------
    InputError
        Naming ``path``; an ``end_year`` error names ``--until / end_year`` when ``end_year``
        is given.
    """
    p = Path(path)
    try:
        return scenario_from_dict(doc, source=str(path), name=p.stem, base=base,
                                  base_dir=p.parent, end_year=end_year, fill=fill)
    except InputError as err:
        if end_year is not None and err.key == "end_year":
            raise InputError(err.problem, source=str(path), key="--until / end_year",
                             allowed=err.allowed) from None
        raise
