"""Indicators beside GDP: fiscal revenue, fixed-asset investment, population, counts of firms.

The one registry of the optional indicators a base may carry in its ``[indicators]`` table
(each value in the indicator's own unit) and a scenario then drives::

    [indicators]                    # in the base file
    budget_revenue = 233.5          # 亿元
    population = 110.0              # 万人, year-end resident population
    market_entities = 160000        # 户, a whole number

    [rates]                         # in the scenario file
    budget_revenue_buoyancy = 1.2   # or budget_revenue = 6.0 (nominal growth, %)
    population = 0.5                # % per year
    market_entities_additions = 8000   # or market_entities = 5.0 (%)

Each indicator here has its id, unit, Chinese and English name, IAMC name and basis, the
rates that may drive it (:data:`DRIVERS`) and what the projection reports for it
(:func:`output_ids`); :mod:`sim.indicators` takes its labels from :func:`output_rows`, the
base loader its checks from :func:`check_values`, the scenario its rates, defaults and
assumptions from the functions below, and :func:`sim.model.project_paths` projects them.
Retail sales and R&D are GDP's own indicators (:mod:`sim.indicators`), not these.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import validation as v
from .errors import InputError, did_you_mean, shown

__all__ = ["SideIndicator", "SIDE_INDICATORS", "DRIVERS", "BUOYANCY", "COUNT_UNITS",
           "PER_CAPITA", "output_ids", "output_rows", "rate_names", "driver_of", "rate_range",
           "rate_unit", "sd_range", "partner", "check_values", "check_rate_keys",
           "check_drivers", "defaults", "assumptions", "RESERVED"]

#: The rate that drives an indicator, by kind: its suffix on the indicator's id.
DRIVERS = {"growth": "", "buoyancy": "_buoyancy", "additions": "_additions"}
#: Range of a buoyancy: growth of the indicator ÷ nominal GDP growth.
BUOYANCY = v.Range(-5.0, 5.0, "(ratio to nominal GDP growth)")
#: Units of the count indicators (households / firms registered: 户; enterprises: 家).
COUNT_UNITS = ("户", "家")
#: Per-capita GDP, 元: reported with a base that carries ``population``.
PER_CAPITA = "gdp_per_capita"
#: Largest count a base may give.
MAX_COUNT = 1e9
#: Default of a buoyancy when the scenario sets neither the rate nor the buoyancy: revenue
#: growing as fast as nominal GDP (a standard neutral assumption).
DEFAULT_BUOYANCY = 1.0


@dataclass(frozen=True)
class SideIndicator:
    """An indicator beside GDP.

    Parameters
    ----------
    id : str
        Its id in ``[indicators]``, in the scenario's rates and in the results.
    unit : str
        ``"亿元"`` (current prices), ``"万人"``, ``"户"`` or ``"家"``.
    en, zh : str
        Names.
    iamc : str
        IAMC variable name of the level; its growth, share and additions have their own roots
        (``Growth|…``, ``Share of GDP|…``, ``Additions|…``).
    basis : str
        Basis of the level: ``"current prices"`` or ``"year-end"``.
    drivers : tuple of str
        Kinds of rate that may drive it (keys of :data:`DRIVERS`); a scenario gives exactly
        one.
    share : bool
        Whether it is reported as a share of GDP (``<id>_share``, %).
    level : sim.validation.Range
        Allowed base-year value.
    """

    id: str
    unit: str
    en: str
    zh: str
    iamc: str
    basis: str
    drivers: tuple[str, ...]
    share: bool
    level: v.Range

    @property
    def count(self) -> bool:
        """Whether the indicator is a count (whole numbers of 户 or 家)."""
        return self.unit in COUNT_UNITS

    @property
    def default(self) -> tuple[str, float] | None:
        """The rate that defaults when the scenario gives none (``(name, value)``), or None."""
        return (self.id + DRIVERS["buoyancy"], DEFAULT_BUOYANCY) \
            if "buoyancy" in self.drivers else None

    def rate_names(self) -> tuple[str, ...]:
        """The rates that may drive it, e.g. ``("budget_revenue", "budget_revenue_buoyancy")``."""
        return tuple(self.id + DRIVERS[d] for d in self.drivers)

    def outputs(self) -> tuple[str, ...]:
        """The ids the projection reports for it."""
        out = [self.id, f"{self.id}_growth"]
        if self.share:
            out.append(f"{self.id}_share")
        if "additions" in self.drivers:
            out.append(f"{self.id}_additions")
        if self.id == "population":
            out.append(PER_CAPITA)
        return tuple(out)

    def describe(self) -> str:
        """``id (中文, unit)``, for messages."""
        return f"{self.id} ({self.zh}, {self.unit})"


_MONEY = v.LEVEL
_COUNT = v.Range(0, MAX_COUNT, "")
SIDE_INDICATORS: dict[str, SideIndicator] = {x.id: x for x in (
    SideIndicator("budget_revenue", "亿元", "General public budget revenue", "一般公共预算收入",
                  "General Public Budget Revenue", "current prices", ("growth", "buoyancy"),
                  True, _MONEY),
    SideIndicator("fiscal_revenue", "亿元", "Total fiscal revenue", "财政总收入",
                  "Total Fiscal Revenue", "current prices", ("growth", "buoyancy"), True,
                  _MONEY),
    SideIndicator("fixed_asset_investment", "亿元", "Fixed-asset investment", "固定资产投资",
                  "Fixed-Asset Investment", "current prices", ("growth",), False, _MONEY),
    SideIndicator("population", "万人", "Resident population (year-end)", "常住人口",
                  "Population", "year-end", ("growth",), False,
                  v.Range(0.0, 200_000.0, "万人", lo_open=True)),
    SideIndicator("market_entities", "户", "Market entities", "市场经营主体", "Market Entities",
                  "year-end", ("growth", "additions"), False, _COUNT),
    SideIndicator("enterprises", "户", "Enterprises", "企业", "Enterprises", "year-end",
                  ("growth", "additions"), False, _COUNT),
    SideIndicator("high_tech_enterprises", "家", "National high-tech enterprises",
                  "国家高新技术企业", "National High-Tech Enterprises", "year-end",
                  ("growth", "additions"), False, _COUNT),
    SideIndicator("tech_smes", "家", "Provincial science and technology SMEs",
                  "省科技型中小企业", "Provincial Tech SMEs", "year-end", ("growth", "additions"),
                  False, _COUNT),
)}

_RATES: dict[str, tuple[SideIndicator, str]] = {
    x.id + DRIVERS[d]: (x, d) for x in SIDE_INDICATORS.values() for d in x.drivers}
#: Every id an extra level or a sector may not take: the indicators, their rates and outputs.
RESERVED = frozenset({*SIDE_INDICATORS, *_RATES,
                      *(o for x in SIDE_INDICATORS.values() for o in x.outputs())})


def output_ids(ids: Iterable[str]) -> list[str]:
    """The ids the projection reports for the indicators ``ids`` (those of a base), in the
    order of :data:`SIDE_INDICATORS`."""
    ids = set(ids)
    return [o for k, x in SIDE_INDICATORS.items() if k in ids for o in x.outputs()]


def output_rows() -> list[tuple[str, str, str, str, str, str]]:
    """Every output as ``(id, unit, en, zh, iamc, basis)``, the fields of
    :class:`sim.indicators.Indicator`."""
    rows = []
    for x in SIDE_INDICATORS.values():
        money = x.unit == "亿元"
        rows.append((x.id, x.unit, x.en, x.zh, x.iamc, x.basis))
        rows.append((f"{x.id}_growth", "%", f"{x.en} growth" + (" (nominal)" if money else ""),
                     f"{x.zh}增速" + ("(现价)" if money else ""),
                     f"Growth|{x.iamc}" + ("|Nominal" if money else ""),
                     "nominal" if money else ""))
        if x.share:
            rows.append((f"{x.id}_share", "%", f"{x.en} (% of GDP)", f"{x.zh}占GDP比重",
                         f"Share of GDP|{x.iamc}", "current prices"))
        if "additions" in x.drivers:
            rows.append((f"{x.id}_additions", x.unit, f"{x.en} added in the year",
                         f"新增{x.zh}", f"Additions|{x.iamc}", ""))
        if x.id == "population":
            rows.append((PER_CAPITA, "元", "GDP per capita (year-end resident population)",
                         "人均地区生产总值", "GDP per Capita", "current prices"))
    return rows


def rate_names(ids: Iterable[str]) -> tuple[str, ...]:
    """The rates a scenario may set for the indicators ``ids`` (those of its base)."""
    ids = set(ids)
    return tuple(r for k, x in SIDE_INDICATORS.items() if k in ids for r in x.rate_names())


def driver_of(name: str) -> tuple[SideIndicator, str] | None:
    """The indicator and the kind of driver (``"growth"``, ``"buoyancy"``, ``"additions"``)
    of the rate ``name``, or None if it drives no indicator beside GDP."""
    return _RATES.get(name)


def rate_range(name: str) -> v.Range | None:
    """The allowed range of the rate ``name``: growth as other growth rates (% per year),
    a buoyancy in :data:`BUOYANCY`, additions 0 … 1,000,000 per year; None if ``name`` drives
    no indicator beside GDP."""
    found = _RATES.get(name)
    if found is None:
        return None
    x, kind = found
    if kind == "buoyancy":
        return BUOYANCY
    if kind == "additions":
        return v.Range(0.0, 1e6, f"{x.unit} per year")
    return v.GROWTH


def rate_unit(name: str) -> str | None:
    """The unit of the rate ``name`` in messages and tables: ``"%"``, ``"(ratio)"`` or
    ``"户 per year"``; None if it drives no indicator beside GDP."""
    found = _RATES.get(name)
    if found is None:
        return None
    x, kind = found
    return {"growth": "%", "buoyancy": "(ratio)", "additions": f"{x.unit} per year"}[kind]


def sd_range(name: str, default: v.Range) -> v.Range:
    """The allowed standard deviation of the rate ``name``: additions per year in their own
    unit (0 … 1,000,000), every other rate ``default``."""
    found = _RATES.get(name)
    if found is not None and found[1] == "additions":
        return v.Range(0.0, 1e6, f"{found[0].unit} per year")
    return default


def partner(name: str) -> tuple[str, ...]:
    """The other rates that drive the same indicator as ``name`` (a scenario gives one):
    ``partner("budget_revenue")`` is ``("budget_revenue_buoyancy",)``."""
    found = _RATES.get(name)
    if found is None:
        return ()
    return tuple(r for r in found[0].rate_names() if r != name)


# -- the base's [indicators] ----------------------------------------------------------------
def check_values(table: Mapping[str, object]) -> dict[str, float | int]:
    """A base's ``[indicators]`` table, checked: known ids only, each value in its range,
    counts whole numbers.

    Parameters
    ----------
    table : Mapping[str, object]
        Indicator id → base-year value in the indicator's unit (亿元, 万人, 户 or 家).

    Returns
    -------
    dict
        The values, floats (counts ints).

    Raises
    ------
    InputError
        Naming ``indicators.<id>`` and what is allowed (the base loader adds the file).
    """
    out: dict[str, float | int] = {}
    for key, val in v.table(table, "indicators").items():
        k = f"indicators.{shown(key, 60, quote=False)}"
        if key not in SIDE_INDICATORS:
            hint = ""
            if key in ("retail_sales", "rd_expenditure", "rd_intensity", "gdp"):
                hint = (" (retail sales and GDP are [levels], R&D intensity an "
                        "[assumptions] entry)")
            raise InputError("unknown indicator" + hint + did_you_mean(key, SIDE_INDICATORS),
                             key=k, allowed=", ".join(SIDE_INDICATORS))
        x = SIDE_INDICATORS[key]
        allowed = v.Range(x.level.lo, x.level.hi, x.unit, lo_open=x.level.lo_open)
        num = v.number(val, k, allowed)
        if x.count:
            if num != math.floor(num):
                raise InputError(f"must be a whole number of {x.unit}, got {num:g}", key=k,
                                 allowed=f"a whole number in {allowed}")
            out[key] = int(num)
        else:
            out[key] = num
    return out


# -- a scenario's rates -----------------------------------------------------------------------
def check_rate_keys(indicators: Mapping[str, object], rates: Iterable[str], *,
                    base: str) -> None:
    """Refuse a rate for an indicator beside GDP that the base does not carry.

    Raises
    ------
    InputError
        Naming ``rates.<name>``, the indicator and the indicators the base has.
    """
    for key in rates:
        found = _RATES.get(key)
        if found is None or found[0].id in indicators:
            continue
        has = ", ".join(indicators) or "none"
        raise InputError(f"rate for the indicator {found[0].describe()}, which the base {base} "
                         f"does not have (its indicators: {has})", key=f"rates.{key}",
                         allowed="rates for the base's indicators ("
                         + (", ".join(rate_names(indicators)) or "none")
                         + f"), or give indicators.{found[0].id} in the base")


def check_drivers(indicators: Iterable[str], rates: Mapping[str, object]) -> None:
    """Each indicator of the base driven by exactly one rate: a second one is refused, a
    missing one too unless it has a neutral default (:attr:`SideIndicator.default`).

    Raises
    ------
    InputError
        Naming the rate and the rates allowed.
    """
    for k in indicators:
        x = SIDE_INDICATORS[k]
        names = x.rate_names()
        given = [r for r in names if r in rates]
        if len(given) > 1:
            raise InputError("give exactly one of " + " and ".join(
                f"{r} ({_what(r)})" for r in names), key=f"rates.{given[1]}",
                allowed="one of " + ", ".join(names))
        if not given and x.default is None:
            raise InputError(f"the base has the indicator {x.describe()}; give its "
                             + " or its ".join(f"{_what(r)} as rates.{r}" for r in names),
                             key=f"rates.{names[0]}",
                             allowed=" or ".join(f"{r} in {rate_range(r)}" for r in names))


def _what(name: str) -> str:
    kind = _RATES[name][1]
    return {"growth": "growth in %" if _RATES[name][0].unit != "亿元" else "nominal growth in %",
            "buoyancy": "elasticity to nominal GDP growth",
            "additions": "additions per year"}[kind]


def defaults(indicators: Iterable[str], rates: Mapping[str, object]) -> dict[str, float]:
    """Rates that default for the indicators of a base when the scenario gives none: a
    revenue's buoyancy, 1.0."""
    out = {}
    for k in indicators:
        x = SIDE_INDICATORS[k]
        if x.default is not None and not any(r in rates for r in x.rate_names()):
            out[x.default[0]] = x.default[1]
    return out


def assumptions(indicators: Mapping[str, float], sources: Mapping[str, str]) -> list[str]:
    """One line per base value of an indicator without a source: a user assumption."""
    return [f"indicators.{k} = {x:g} {SIDE_INDICATORS[k].unit} (no source in the base: a "
            "user assumption, not a published figure)"
            for k, x in indicators.items() if k not in sources]
