"""Projections as one tidy table: scenario, indicator, year, value, unit.

Every view (tables, charts, CSV, Excel, IAMC, the comparison of scenarios in one year) is a
reshaping of this frame.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import side_indicators as side
from ._version import __version__
from .errors import InputError
from .indicators import BESIDE_GDP, INDICATORS, indicator, sector_label
from .model import TWO_SECTORS, Paths, project_paths
from .scenario import Scenario, as_scenario
from .validation import GROWTH

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "COMPARE_INDICATORS", "compare_indicators", "project", "run_paths",
           "derived_growth", "to_frame", "wide",
           "to_iamc", "value", "compare", "sector_names", "sector_ids", "sector_measures",
           "SECTOR_MEASURES"]

COLUMNS = ["scenario", "indicator", "year", "value", "unit"]
#: The indicators :func:`compare` shows, in its order.
COMPARE_INDICATORS = ("gdp", "gdp_real_growth", "gdp_nominal_growth", "gdp_deflator", "services",
                      "services_real_growth", "non_services", "non_services_real_growth",
                      "services_share", "services_contribution", "non_services_contribution",
                      "retail_sales", "retail_sales_growth", "rd_intensity", "rd_expenditure")


def _as_scenarios(scenarios) -> list[Scenario]:
    if isinstance(scenarios, (Scenario, str, Path)):
        scenarios = [scenarios]
    return [as_scenario(s) for s in scenarios]


def derived_growth(scenario: Scenario) -> list[tuple[str, str, str, str]]:
    """The growth rates the model derives from a ratio, which :func:`run_paths` checks against
    the allowed growth range (:data:`sim.validation.GROWTH`): retail growth from its
    elasticity, a revenue's growth from its buoyancy, each times nominal GDP growth.

    Returns
    -------
    list of (rate, indicator, what, by)
        The rate given, the growth indicator it gives (%), its name in messages, and
        ``"elasticity"`` or ``"buoyancy"``.
    """
    derived = [("retail_sales_elasticity", "retail_sales_growth", "retail growth",
                "elasticity")] if "retail_sales_elasticity" in scenario.rates else []
    for k in scenario.resolved_rates():
        found = side.driver_of(k)
        if found is not None and found[1] == "buoyancy":
            derived.append((k, f"{found[0].id}_growth", f"{found[0].id} growth", "buoyancy"))
    return derived


def run_paths(scenario: Scenario, *, until: int | None = None) -> Paths:
    """Project one scenario deterministically: the one-path case of :func:`project_paths`.

    Raises
    ------
    InputError
        When retail growth derived from an elasticity, or a revenue's growth derived from its
        buoyancy, leaves the allowed growth range.
    """
    paths = project_paths(**scenario.model_inputs(until))
    for key, out, what, by in derived_growth(scenario):
        growth = paths[out][0, 1:]
        bad = np.flatnonzero((growth < GROWTH.lo) | (growth > GROWTH.hi))
        if bad.size:
            year = int(paths.years[1 + bad[0]])
            raise InputError(f"gives {what} of {growth[bad[0]]:.1f}% in {year} "
                             f"({by} × nominal GDP growth)",
                             source=scenario.source, key=f"rates.{key}",
                             allowed=f"{what} in {GROWTH}")
    return paths


def _order(names: Iterable[str]) -> list[str]:
    names = list(names)
    known = [k for k in INDICATORS if k in names]
    beside = [k for k in BESIDE_GDP if k in names]
    # sectors, extras: as given; the indicators beside GDP last
    return known + [k for k in names if k not in INDICATORS and k not in BESIDE_GDP] + beside


def to_frame(paths: Paths, scenario: str, *, path: int = 0) -> "pd.DataFrame":
    """One path of ``paths`` as a tidy frame; values that are not defined (NaN) are left out.

    Parameters
    ----------
    paths : Paths
        Output of :func:`sim.model.project_paths`.
    scenario : str
        Name written in the ``scenario`` column.
    path : int
        Which path (row) to take.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario, indicator, year, value, unit``.
    """
    import pandas as pd

    ids = _order(paths.values)
    n = len(paths.years)
    vals = np.concatenate([paths.values[k][path] for k in ids])
    frame = pd.DataFrame({
        "scenario": np.repeat(scenario, n * len(ids)),
        "indicator": np.repeat(ids, n),
        "year": np.tile(paths.years, len(ids)).astype("int64"),
        "value": vals,
        "unit": np.repeat([indicator(k).unit for k in ids], n),
    })
    return frame[np.isfinite(vals)].reset_index(drop=True)


def project(scenarios: Scenario | str | Path | Sequence[Scenario | str | Path], *,
            until: int | None = None) -> "pd.DataFrame":
    """Project one or more scenarios.

    Parameters
    ----------
    scenarios : Scenario, path, or a sequence of them
        Scenario objects, scenario files, or names of shipped scenarios (``"plan-2024"``).
    until : int, optional
        Last year; default each scenario's ``end_year`` (2030 unless the file says otherwise).

    Returns
    -------
    pandas.DataFrame
        Tidy: ``scenario, indicator, year, value, unit``; levels in 亿元 at current prices,
        growth in % (GDP and sectors real, retail nominal), contributions in pp.

    Examples
    --------
    >>> import sim
    >>> df = sim.project("plan-2024")
    >>> round(sim.value(df, "gdp_real_growth", 2024), 2)
    5.5
    """
    import pandas as pd

    frames = [to_frame(run_paths(s, until=until), s.name) for s in _as_scenarios(scenarios)]
    return pd.concat(frames, ignore_index=True)


def value(frame: "pd.DataFrame", indicator_id: str, year: int,
          scenario: str | None = None) -> float:
    """One number from a tidy frame (the only scenario, unless ``scenario`` is given)."""
    rows = frame[(frame["indicator"] == indicator_id) & (frame["year"] == year)]
    if scenario is not None:
        rows = rows[rows["scenario"] == scenario]
    if len(rows) != 1:
        raise KeyError(f"{len(rows)} rows for {indicator_id} in {year}"
                       + (f" of {scenario}" if scenario else ""))
    return float(rows["value"].iloc[0])


def sector_names(scenarios) -> dict[str, tuple[str, str]]:
    """The labels, sector id → (English, Chinese), of every sector of the bases of
    ``scenarios`` (:func:`sim.indicators.sector_label`: the base's ``[sector_names]``, else the
    labels of official statistics, else the id): the ``names`` of
    :func:`sim.indicators.indicator`, :func:`wide`, :func:`to_iamc` and
    :func:`sim.export.to_excel`, by which a sector's level is known as a sector's (value added)
    rather than an extra's.

    Parameters
    ----------
    scenarios : Scenario, path, or a sequence of them
    """
    out: dict[str, tuple[str, str]] = {}
    for s in _as_scenarios(scenarios):
        named = s.start.sector_labels()
        out.update({x: (sector_label(x, "en", named), sector_label(x, "zh", named))
                    for x in s.start.sectors})
    return out


def wide(frame: "pd.DataFrame", *, lang: str = "en",
         names: Mapping[str, tuple[str, str]] | None = None) -> "pd.DataFrame":
    """Indicators as rows and years as columns, one block per scenario.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    lang : str
        ``"en"`` or ``"zh"`` for the indicator labels.
    names : Mapping[str, tuple of str], optional
        Sector labels of the scenarios' bases (:func:`sector_names`); a sector without one is
        labelled as :func:`sim.indicators.sector_label` says.

    Returns
    -------
    pandas.DataFrame
        Index (scenario, indicator, label, unit), one column per year.
    """
    out = frame.pivot_table(index=["scenario", "indicator", "unit"], columns="year",
                            values="value", aggfunc="first", sort=False)
    out = out[sorted(out.columns)].reset_index()
    out.insert(2, "label", [indicator(k, names).label(lang) for k in out["indicator"]])
    order = {k: i for i, k in enumerate(_order(out["indicator"].unique()))}
    scen = {k: i for i, k in enumerate(frame["scenario"].unique())}
    out = out.sort_values(by=["scenario", "indicator"],
                          key=lambda c: c.map(scen) if c.name == "scenario" else c.map(order))
    out.columns.name = None
    return out.set_index(["scenario", "indicator", "label", "unit"])


#: The tidy units as IAMC data sets write them (pint-readable, as in the IAMC/openENTRANCE
#: templates: a money flow per year, rates in percent), with the divisor of the value:
#: 10 亿元 = 10⁹ yuan = 1 billion CNY; a percentage-point contribution is written "%";
#: 100 万人 = 1 million people; counts of entities (户, 家) are a plain count.
IAMC_UNITS: dict[str, tuple[str, float]] = {
    "亿元": ("billion CNY/yr", 10.0),
    "%": ("%", 1.0),
    "pp": ("%", 1.0),
    "万人": ("million", 100.0),
    "元": ("CNY", 1.0),
    "户": ("count", 1.0),
    "家": ("count", 1.0),
}


def to_iamc(frame: "pd.DataFrame", *, model: str | None = None,
            region: str | Mapping[str, str] = "Xihu District, Hangzhou",
            names: Mapping[str, tuple[str, str]] | None = None) -> "pd.DataFrame":
    """The results in the IAMC long format, as ``pyam.IamDataFrame`` reads it.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    model : str, optional
        Model name; default ``"sim <version>"``.
    region : str or Mapping[str, str]
        The region of every row, or of each scenario (scenario name → region).
    names : Mapping[str, tuple of str], optional
        Sector labels of the scenarios' bases (:func:`sector_names`): a user-named sector's
        variables take its English label, e.g. ``Value Added|Agriculture``.

    Returns
    -------
    pandas.DataFrame
        Columns ``model, scenario, region, variable, unit, year, value``.
    """
    import pandas as pd

    scen = frame["scenario"].to_numpy()
    regions = (np.array([region[s] for s in scen], dtype=object) if isinstance(region, Mapping)
               else region)
    units = frame["unit"].to_numpy()
    iamc = [IAMC_UNITS.get(u, (u, 1.0)) for u in units]
    return pd.DataFrame({
        "model": model or f"sim {__version__}",
        "scenario": scen,
        "region": regions,
        "variable": [indicator(k, names).iamc for k in frame["indicator"]],
        "unit": [u for u, _ in iamc],
        "year": frame["year"].to_numpy(),
        "value": frame["value"].to_numpy() / np.array([d for _, d in iamc], dtype=float),
    })


def compare_indicators(ids: Iterable[str]) -> list[str]:
    """The indicators :func:`compare` shows for results holding ``ids``: those of
    :data:`COMPARE_INDICATORS`, and after the GDP rows, per sector of a base that lists its
    sectors, its level, real growth, share, contribution (拉动) and contribution rate (贡献率);
    at the end the indicators beside GDP that ``ids`` holds."""
    ids = list(ids)
    sectors = [k[: -len("_contribution")] for k in ids
               if k.endswith("_contribution") and k not in INDICATORS]
    per = [f"{s}{x}" for s in sectors for x in ("", "_real_growth", "_share", "_contribution",
                                                 "_contribution_rate")]
    head = list(COMPARE_INDICATORS[:4])
    beside = [k for k in BESIDE_GDP if k in ids]
    return head + per + [k for k in COMPARE_INDICATORS[4:]] + beside


def compare(frame: "pd.DataFrame", year: int, ref: str | None = None, *,
            indicators: Sequence[str] | None = None) -> "pd.DataFrame":
    """Scenarios side by side in ``year``: each indicator's value and its difference from a
    reference scenario.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results (:func:`project`).
    year : int
        The year compared.
    ref : str, optional
        The reference scenario; default the first in ``frame``.
    indicators : sequence of str, optional
        The indicators shown, in this order (default :func:`compare_indicators` of the frame,
        the command line's); those not in ``frame`` are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, unit, scenario, value, diff, diff_pct``, one row per indicator and
        scenario: ``diff`` = value − the reference's (亿元 for levels, percentage points for
        rates), ``diff_pct`` the relative difference, %, for 亿元 levels only (NaN otherwise).

    Examples
    --------
    >>> import sim
    >>> table = sim.compare(sim.project(["plan-2024", "upside"]), 2024)
    >>> list(table.columns)
    ['indicator', 'unit', 'scenario', 'value', 'diff', 'diff_pct']
    """
    indicators = list(compare_indicators(frame["indicator"].unique()) if indicators is None
                      else indicators)
    sel = frame[(frame["year"] == year) & frame["indicator"].isin(indicators)]
    first = frame["scenario"].iloc[0] if ref is None else ref
    ref_values = sel[sel["scenario"] == first].set_index("indicator")["value"]
    out = sel[["indicator", "unit", "scenario", "value"]].copy()
    base = out["indicator"].map(ref_values)
    out["diff"] = out["value"] - base
    out["diff_pct"] = np.where(out["unit"] == "亿元", 100.0 * out["diff"] / base, np.nan)
    order = {k: i for i, k in enumerate(indicators)}
    out = out.sort_values("indicator", key=lambda c: c.map(order), kind="stable")
    return out.reset_index(drop=True)


#: What :func:`sector_measures` gives for every sector, as suffixes of the sector's id: its
#: share of GDP (%), contribution to real GDP growth (拉动, pp) and contribution rate (贡献率, %).
SECTOR_MEASURES = ("_share", "_contribution", "_contribution_rate")


def sector_ids(frame: "pd.DataFrame", scenario: str | None = None) -> tuple[str, ...]:
    """The sectors of the results (of ``scenario``, if given), in their order: a base's
    sectors, or ``services`` and ``non_services`` in the two-sector form (every sector reports
    ``<sector>_real_growth``)."""
    sub = frame if scenario is None else frame[frame["scenario"] == scenario]
    found = tuple(k[: -len("_real_growth")] for k in dict.fromkeys(sub["indicator"])
                  if k.endswith("_real_growth") and k != "gdp_real_growth")
    return found or (TWO_SECTORS if "non_services" in set(sub["indicator"]) else ())


def sector_measures(frame: "pd.DataFrame", scenario: str) -> "pd.DataFrame":
    """Each sector's share of GDP, contribution (拉动) and contribution rate (贡献率) by year,
    tidy, for one scenario: what the structure and contribution charts and tables show.

    A base that lists its sectors reports all three (docs/model.md §3a). The two-sector form
    reports the services share and both contributions; the rest follows from the same
    identities: the non-services share is 100·N/Y, and a contribution rate is 100·c/g of the
    contribution c (pp) and real GDP growth g (%), undefined (left out) where g is 0.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results (:func:`project`).
    scenario : str
        The scenario.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario, indicator, year, value, unit``: ``<sector><measure>`` for every
        sector of :func:`sector_ids` and measure of :data:`SECTOR_MEASURES` (units %, pp, %),
        sectors in their order, years ascending.
    """
    import pandas as pd

    sub = frame[frame["scenario"] == scenario]
    series = {k: g.set_index("year")["value"] for k, g in sub.groupby("indicator", sort=False)}
    growth = series.get("gdp_real_growth", pd.Series(dtype=float))
    rows = []
    for sec in sector_ids(frame, scenario):
        for measure in SECTOR_MEASURES:
            ind_id = sec + measure
            x = series.get(ind_id)
            if x is None and measure == "_share" and sec in series and "gdp" in series:
                x = 100.0 * series[sec] / series["gdp"]
            elif x is None and measure == "_contribution_rate" and sec + "_contribution" in series:
                with np.errstate(divide="ignore", invalid="ignore"):
                    x = 100.0 * series[sec + "_contribution"] / growth.reindex(
                        series[sec + "_contribution"].index)
            if x is None:
                continue
            x = x[np.isfinite(x.to_numpy(dtype=float))].sort_index()
            rows.append(pd.DataFrame({"scenario": scenario, "indicator": ind_id,
                                      "year": x.index.astype("int64"), "value": x.to_numpy(),
                                      "unit": "pp" if measure == "_contribution" else "%"}))
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(rows, ignore_index=True)
