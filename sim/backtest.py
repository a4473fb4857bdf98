"""Backtest: would simple forecasters, with the model's own arithmetic, have forecast the past?

For every year :math:`t+h` of a history whose outturn is known, each method projects it from
year :math:`t` and the error is the projection less the outturn:

* **momentum** — year :math:`t`'s own rates carry on: each sector's real growth, deflator and
  retail sales growth of year :math:`t` (the naïve method of Hyndman and Athanasopoulos 2021,
  §5.2, applied to growth rates);
* **trend** — each rate is the mean of its values in the years up to and including :math:`t`
  that the history gives (their mean method);
* **plan** — a past plan's target for the year (rows of kind ``"plan"``), scored as a third
  forecaster, as fiscal councils score official forecasts (OBR 2023).

The levels and rates of year :math:`t` go through :func:`sim.model.project_paths`, the one
projection kernel, with every (method, year) pair as one path: real GDP growth is the sectors'
projected growth chained with year :math:`t`'s nominal shares (docs/model.md §3a), the GDP
level compounds each sector's level with its real growth and deflator, retail sales with their
nominal growth. What a method needs and the history lacks is filled as follows, and nothing
else:

* real GDP growth: the sectors' rates weighted by year :math:`t`'s shares (from the sector
  levels, else from the shares the history gives); where a sector's rate or the shares are not
  known, GDP's own rate (momentum: year :math:`t`'s; trend: its mean);
* deflators: each sector's where every sector's is known, else GDP's deflator for every sector
  (one price change common to all sectors, the assumption of :mod:`sim.accounts`); where no
  deflator is known **the GDP level is not projected** (the row is left out: the level needs a
  price change, and none is invented). Real growth more than a year ahead does not depend on a
  common deflator (it cancels from the shares), so it is projected with flat relative prices;
* a figure of kind ``"lower bound"`` (a "突破X" headline), and a figure derived from one (kind
  ``"approximate"``), is neither an outturn nor a starting level: its error would measure the
  headline's rounding, not the forecast. A level a user assumed (kind ``"assumption"``) is
  not an outturn either.

Errors are in percentage points for rates (growth, deflators, shares: unit ``"%"``) and in
% of the outturn for levels (亿元, 万人).

References
----------
.. [1] Hyndman, R. J. and Athanasopoulos, G. (2021), *Forecasting: Principles and Practice*,
   3rd ed., OTexts, §5.2 (simple methods: mean, naïve) and §5.8 (evaluating point forecast
   accuracy: mean error, RMSE).
.. [2] Office for Budget Responsibility (2023), *Forecast evaluation report*, London: OBR.
.. [3] Diebold, F. X. and Mariano, R. S. (1995), "Comparing predictive accuracy", *Journal of
   Business & Economic Statistics* 13(3), 253–263.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from . import validation as v
from .errors import InputError, did_you_mean, shown
from .model import project_paths

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["backtest", "backtest_summary", "check_history", "check_sectors", "history_series",
           "years_text", "error_unit", "METHODS", "COLUMNS", "SUMMARY_COLUMNS",
           "HISTORY_COLUMNS", "KINDS", "OUTTURN_KINDS", "RATE_UNITS"]

#: The forecasters, in the order the tables list them.
METHODS = ("momentum", "trend", "plan")
#: Columns of :func:`backtest`, exactly.
COLUMNS = ("method", "indicator", "year", "projected", "outturn", "error", "unit")
#: Columns of :func:`backtest_summary`, exactly.
SUMMARY_COLUMNS = ("method", "indicator", "n", "years", "mean_error", "rmse", "unit")
#: Columns a history frame must have (``source`` may be there too).
HISTORY_COLUMNS = ("indicator", "year", "value", "unit", "kind")
#: The kinds of history rows.
KINDS = ("published", "secondary", "lower bound", "derived", "approximate", "plan",
         "assumption")
#: Kinds whose value is the figure itself: outturns, and levels a projection may start from.
OUTTURN_KINDS = ("published", "secondary", "derived")
#: Units whose errors are differences (pp); any other unit's errors are % of the outturn.
RATE_UNITS = ("%", "pp")
_SOURCE = "history"
_HORIZON = v.Range(1, v.MAX_HORIZON, "years ahead")


def error_unit(unit: str) -> str:
    """The unit of an error on a figure in ``unit``: ``"pp"`` for rates, else ``"% of outturn"``."""
    return "pp" if unit in RATE_UNITS else "% of outturn"


def years_text(years) -> str:
    """Years as runs: ``[2019, 2020, 2021, 2023]`` → ``"2019–2021, 2023"``."""
    ys = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


# -- the history frame ---------------------------------------------------------------------------
def check_history(frame: "pd.DataFrame") -> "pd.DataFrame":
    """A history frame checked and in plain types: indicator str, year int, value float.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy rows ``indicator, year, value, unit, kind`` (and ``source``), as
        ``sim.history.history_frame`` gives them: levels in 亿元 at current prices, growth,
        deflators and shares in %.

    Returns
    -------
    pandas.DataFrame
        A copy with those columns.

    Raises
    ------
    InputError
        Naming the indicator and year, for a missing column, an unknown kind, a year that is
        not a whole number, a value that is not a finite number, or an (indicator, year) given
        twice among the outturns or twice among the plan targets.
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"must be a table of history rows, got {type(frame).__name__}",
                         source=_SOURCE, allowed="a pandas DataFrame with the columns "
                         + ", ".join(HISTORY_COLUMNS))
    for col in HISTORY_COLUMNS:
        if col not in frame.columns:
            raise InputError(f"has no column {col!r}", source=_SOURCE, key=col,
                             allowed="the columns " + ", ".join(HISTORY_COLUMNS)
                             + " (and source)")
    out = frame.copy()
    for i, row in enumerate(out.itertuples(index=False)):
        ind, year, value, unit, kind = (getattr(row, c) for c in HISTORY_COLUMNS)
        if not isinstance(ind, str) or not ind:
            raise InputError(f"row {i + 1}: indicator {shown(ind)} is not an indicator id",
                             source=_SOURCE, key="indicator", allowed="an id such as gdp")
        key = f"{shown(ind, quote=False)} ({shown(year, quote=False)})"
        whole = (isinstance(year, (int, np.integer))
                 or isinstance(year, (float, np.floating)) and float(year).is_integer())
        if isinstance(year, (bool, np.bool_)) or not whole:
            raise InputError(f"year {shown(year, quote=False)} is not a whole number",
                             source=_SOURCE, key=key, allowed="a year such as 2021")
        if int(year) not in v.YEAR:
            raise InputError(f"year {int(year)} is out of range", source=_SOURCE, key=key,
                             allowed=f"years {v.YEAR}")
        if kind not in KINDS:
            raise InputError(f"kind {shown(kind)} is not a kind of history row"
                             + did_you_mean(kind, KINDS), source=_SOURCE, key=key,
                             allowed=", ".join(KINDS))
        if not isinstance(unit, str):
            raise InputError(f"unit {shown(unit)} is not text", source=_SOURCE, key=key,
                             allowed="a unit such as 亿元 or %")
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            raise InputError(f"value {shown(value)} is not a number", source=_SOURCE, key=key,
                             allowed="a finite number")
        if not np.isfinite(float(value)):
            raise InputError(f"value is {float(value)!r}, not a finite number", source=_SOURCE,
                             key=key, allowed="a finite number")
    out["indicator"] = out["indicator"].astype(str)
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    for plan in (False, True):
        part = out[(out["kind"] == "plan") == plan]
        twice = part[part.duplicated(["indicator", "year"], keep=False)]
        if len(twice):
            ind, year = twice.iloc[0]["indicator"], int(twice.iloc[0]["year"])
            kinds = twice[(twice["indicator"] == ind) & (twice["year"] == year)]["kind"]
            raise InputError(f"is given twice ({', '.join(kinds)})", source=_SOURCE,
                             key=f"{ind} ({year})",
                             allowed="one plan target" if plan else "one outturn per indicator "
                             "and year")
    return out


def history_series(frame: "pd.DataFrame") -> tuple[np.ndarray, dict[str, np.ndarray],
                                                    dict[str, str]]:
    """The outturns of a checked history frame as one array per indicator over every year.

    Parameters
    ----------
    frame : pandas.DataFrame
        As :func:`check_history` returns it.

    Returns
    -------
    years : ndarray of int
        Every year from the first to the last outturn.
    series : dict of str to ndarray
        Indicator → its value in each of ``years``, NaN where the history gives none (or only
        a lower bound, or only a plan target).
    units : dict of str to str
        Indicator → unit.
    """
    known = frame[frame["kind"].isin(OUTTURN_KINDS)]
    if known.empty:
        return np.array([], dtype=int), {}, {}
    years = np.arange(int(known["year"].min()), int(known["year"].max()) + 1)
    series, units = {}, {}
    for ind, rows in known.groupby("indicator", sort=False):
        x = np.full(len(years), np.nan)
        x[rows["year"].to_numpy() - years[0]] = rows["value"].to_numpy()
        series[str(ind)] = x
        units[str(ind)] = str(rows["unit"].iloc[0])
    return years, series, units


def _expanding_mean(x: np.ndarray) -> np.ndarray:
    """The mean of the known values of ``x`` up to and including each index (NaN before any)."""
    known = np.isfinite(x)
    total = np.cumsum(np.where(known, x, 0.0))
    count = np.cumsum(known)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def check_sectors(sectors) -> tuple[str, ...]:
    """``sectors`` as a tuple of sector ids (a base's ``model_sectors``), else an InputError."""
    if isinstance(sectors, str) or not isinstance(sectors, Sequence) or not sectors or not all(
            isinstance(s, str) and s for s in sectors):
        raise InputError(f"must be a list of sector ids, got {shown(sectors)}", key="sectors",
                         allowed="a base's model_sectors, e.g. (\"services\", \"non_services\")")
    return tuple(sectors)


def _check_methods(methods) -> tuple[str, ...]:
    if isinstance(methods, str):
        methods = METHODS if methods == "all" else (methods,)
    methods = tuple(methods)
    if not methods:
        raise InputError("names no method", key="method", allowed=", ".join(METHODS) + ", all")
    for m in methods:
        if m not in METHODS:
            raise InputError(f"unknown method {shown(m)}" + did_you_mean(m, METHODS),
                             key="method", allowed=", ".join(METHODS) + ", all")
    return tuple(m for m in METHODS if m in methods)


def _other_growth(series: dict, sectors: tuple[str, ...]) -> list[str]:
    """Growth indicators beside GDP's, retail sales' and the sectors' (extras, nominal)."""
    own = {"gdp_real_growth", "gdp_nominal_growth", "retail_sales_growth",
           *(f"{s}_{x}_growth" for s in sectors for x in ("real", "nominal"))}
    return [k for k in series if k.endswith("_growth") and k not in own]


# -- the backtest --------------------------------------------------------------------------------
def backtest(frame: "pd.DataFrame", sectors: Sequence[str], methods=METHODS, *,
             horizon: int = 1) -> "pd.DataFrame":
    """Project every known outturn from ``horizon`` years before it, by each method.

    Parameters
    ----------
    frame : pandas.DataFrame
        A history frame (:func:`check_history`): ``sim.history.history_frame(base)``.
    sectors : sequence of str
        The sectors adding up to GDP: ``base.model_sectors``.
    methods : sequence of str or str
        Some of ``"momentum"``, ``"trend"``, ``"plan"`` (see the module docs), or ``"all"``;
        default all three. ``"plan"`` adds rows only where the frame has rows of kind
        ``"plan"``, and only one year ahead (an annual plan's horizon).
    horizon : int
        Years between the projection's starting year :math:`t` and the outturn's
        :math:`t+h`, 1 … 100.

    Returns
    -------
    pandas.DataFrame
        Columns exactly :data:`COLUMNS`: ``method, indicator, year, projected, outturn,
        error, unit``, one row per method, indicator and outturn year that the history can
        score. ``unit`` is the unit of ``projected`` and ``outturn`` (``"%"``, ``"亿元"``);
        ``error`` = projected − outturn, in pp for ``"%"`` and in % of the outturn for levels
        (:func:`error_unit`). Indicators: ``gdp_real_growth``, ``gdp`` (current prices),
        ``<sector>_real_growth`` and ``<sector>_deflator`` per sector,
        ``retail_sales_growth`` (nominal), ``retail_sales``, the growth of other indicators
        (``<id>_growth``), and for ``plan`` whatever a plan row targets.

    Raises
    ------
    InputError
        For a bad frame (:func:`check_history`), sectors, method or horizon.

    Examples
    --------
    The command line's entry point::

        backtest(history_frame(base), base.model_sectors)
    """
    import pandas as pd

    hist = check_history(frame)
    sectors = check_sectors(sectors)
    methods = _check_methods(methods)
    h = v.integer(horizon, "horizon", _HORIZON)
    years, series, units = history_series(hist)
    parts = []
    model = [m for m in methods if m != "plan"]
    if model and len(years) > h:
        parts += _model_rows(years, series, units, sectors, model, h)
    if "plan" in methods and h == 1:
        parts += _plan_rows(hist, years, series, units)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            COLUMNS, ("str", "str", "int64", "float64", "float64", "float64", "str"))})
    table = pd.concat(parts, ignore_index=True)
    order = {k: i for i, k in enumerate(dict.fromkeys(table["indicator"]))}
    table = table.assign(_m=table["method"].map(METHODS.index),
                         _i=table["indicator"].map(order))
    table = table.sort_values(["_m", "_i", "year"], kind="stable").drop(columns=["_m", "_i"])
    table["year"] = table["year"].astype("int64")
    return table.reset_index(drop=True)


def _model_rows(years, series, units, sectors, methods, h) -> list["pd.DataFrame"]:
    """Rows of the momentum and trend methods: every (method, origin year) is one path."""
    import pandas as pd

    n_origins = len(years) - h
    nan = np.full(len(years), np.nan)

    def get(ind: str) -> np.ndarray:
        return series.get(ind, nan)

    def estimate(ind: str, method: str) -> np.ndarray:
        """The rate ``ind`` that ``method`` projects from each origin year, (n_origins,)."""
        x = get(ind)
        return (x if method == "momentum" else _expanding_mean(x))[:n_origins]

    def stack(f) -> np.ndarray:                         # (P,) = methods × origins
        return np.concatenate([f(m) for m in methods])

    def level(ind: str) -> np.ndarray:                  # observed at the origin, each method
        return np.tile(get(ind)[:n_origins], len(methods))

    X = np.array([level(s) for s in sectors])                     # (n, P)
    share = np.array([level(f"{s}_share") for s in sectors])
    Y, R = level("gdp"), level("retail_sales")
    g = np.array([stack(lambda m, s=s: estimate(f"{s}_real_growth", m)) for s in sectors])
    p = np.array([stack(lambda m, s=s: estimate(f"{s}_deflator", m)) for s in sectors])
    gY = stack(lambda m: estimate("gdp_real_growth", m))
    pY = stack(lambda m: estimate("gdp_deflator", m))
    r = stack(lambda m: estimate("retail_sales_growth", m))

    all_X = np.isfinite(X).all(axis=0) & (X > 0).all(axis=0)
    all_share = np.isfinite(share).all(axis=0) & (share > 0).all(axis=0)
    has_Y = np.isfinite(Y) & (Y > 0)
    n = len(sectors)
    with np.errstate(invalid="ignore"):
        start = np.where(all_X, X, np.where(all_share, np.where(has_Y, share * Y / 100.0, share),
                                            np.where(has_Y, Y / n, 1.0)))
    weights = all_X | all_share
    level_known = all_X | has_Y
    by_sector = weights & np.isfinite(g).all(axis=0)
    real_ok = by_sector | np.isfinite(gY)
    real = np.where(by_sector, g, np.where(np.isfinite(gY), gY, 0.0))
    sector_prices = np.isfinite(p).all(axis=0)
    price_ok = sector_prices | np.isfinite(pY)
    price = np.where(sector_prices, p, np.where(np.isfinite(pY), pY, 0.0))
    retail_ok = np.isfinite(r)
    retail_level = np.isfinite(R) & (R > 0) & retail_ok

    rates = {f"{s}_real": real[i][:, None] for i, s in enumerate(sectors)}
    rates.update({f"{s}_deflator": price[i][:, None] for i, s in enumerate(sectors)})
    rates["retail_sales"] = np.where(retail_ok, r, 0.0)[:, None]
    levels = {s: start[i] for i, s in enumerate(sectors)}
    levels["retail_sales"] = np.where(retail_level, R, 1.0)
    out = project_paths(levels, rates, years=np.arange(h + 1), sectors=sectors)

    method = np.repeat(np.array(methods, dtype=object), n_origins)
    target = np.tile(np.arange(n_origins) + h, len(methods))     # index of the outturn year
    parts = []

    def rows(ind: str, projected: np.ndarray, ok: np.ndarray) -> None:
        if ind not in series:
            return
        outturn = series[ind][target]
        keep = ok & np.isfinite(projected) & np.isfinite(outturn)
        if not keep.any():
            return
        unit = units[ind]
        pr, ot = projected[keep], outturn[keep]
        err = pr - ot if unit in RATE_UNITS else 100.0 * (pr - ot) / ot
        parts.append(pd.DataFrame({"method": method[keep], "indicator": ind,
                                   "year": years[target[keep]], "projected": pr,
                                   "outturn": ot, "error": err, "unit": unit}))

    rows("gdp_real_growth", out["gdp_real_growth"][:, h], real_ok)
    rows("gdp", out["gdp"][:, h], real_ok & price_ok & level_known)
    for i, s in enumerate(sectors):
        rows(f"{s}_real_growth", g[i], np.isfinite(g[i]))
    for i, s in enumerate(sectors):
        rows(f"{s}_deflator", p[i], np.isfinite(p[i]))
    rows("retail_sales_growth", r, retail_ok)
    rows("retail_sales", out["retail_sales"][:, h], retail_level)
    for ind in _other_growth(series, sectors):
        x = stack(lambda m, ind=ind: estimate(ind, m))
        rows(ind, x, np.isfinite(x))
    return parts


def _plan_rows(hist, years, series, units) -> list["pd.DataFrame"]:
    """A past plan's targets against the outturns of their years."""
    import pandas as pd

    plan = hist[hist["kind"] == "plan"]
    out = []
    for row in plan.itertuples(index=False):
        x = series.get(row.indicator)
        i = row.year - int(years[0]) if len(years) else -1
        if x is None or not 0 <= i < len(years) or not np.isfinite(x[i]):
            continue
        if row.unit != units[row.indicator]:
            raise InputError(f"the plan target is in {shown(row.unit)} but the outturn in "
                             f"{shown(units[row.indicator])}", source=_SOURCE,
                             key=f"{row.indicator} ({row.year})", allowed="the same unit")
        err = row.value - x[i] if row.unit in RATE_UNITS else 100.0 * (row.value - x[i]) / x[i]
        out.append((row.indicator, row.year, row.value, x[i], err, row.unit))
    if not out:
        return []
    frame = pd.DataFrame(out, columns=["indicator", "year", "projected", "outturn", "error",
                                       "unit"])
    return [frame.assign(method="plan").loc[:, list(COLUMNS)]]


def backtest_summary(table: "pd.DataFrame") -> "pd.DataFrame":
    """The mean error and the RMSE of each method and indicator of a backtest.

    Parameters
    ----------
    table : pandas.DataFrame
        As :func:`backtest` returns it.

    Returns
    -------
    pandas.DataFrame
        Columns exactly :data:`SUMMARY_COLUMNS`: ``method, indicator, n`` (errors),
        ``years`` (the outturn years, as runs: ``"2020–2021, 2023"``), ``mean_error`` (the
        bias: positive, the method projected too high on average), ``rmse``
        (:math:`\\sqrt{\\frac1n\\sum e^2}`, Hyndman and Athanasopoulos 2021, §5.8) and
        ``unit`` — of the errors: ``"pp"`` or ``"% of outturn"``.

    Raises
    ------
    InputError
        If ``table`` lacks a column of :data:`COLUMNS`.
    """
    import pandas as pd

    for col in COLUMNS:
        if col not in getattr(table, "columns", ()):
            raise InputError(f"has no column {col!r}", source="backtest table", key=col,
                             allowed="a table from sim.backtest.backtest")
    rows = []
    for (method, ind), part in table.groupby(["method", "indicator"], sort=False):
        e = part["error"].to_numpy(dtype=float)
        rows.append((method, ind, len(e), years_text(part["year"]), float(e.mean()),
                     float(np.sqrt(np.mean(e * e))), error_unit(str(part["unit"].iloc[0]))))
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
