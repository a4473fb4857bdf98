"""Calibration: a scenario's rates and their uncertainty, estimated from a district's history.

For each rate a scenario sets — ``<sector>_real`` and ``<sector>_deflator`` per sector,
``retail_sales``, the growth of each extra level — and for real GDP growth (``gdp_real``), the
history up to the base year gives:

* the **trend**: the mean of the rate over the years the history gives (the mean method of
  Hyndman and Athanasopoulos 2021, §5.2), the central rate of the calibrated scenario;
* its **standard deviation by horizon**: the RMSE of the errors the trend method would have
  made :math:`h` years ahead (:func:`sim.backtest.backtest` with ``horizon=h``), as fiscal
  councils set their fan charts from past forecast errors (OBR 2023). The one-year-ahead RMSE
  is estimated from any number of errors; horizon :math:`h \\ge 2` needs
  :data:`MIN_HORIZON_ERRORS` errors and every shorter horizon estimated. Beyond the last
  estimated horizon :math:`H` the sd is :math:`s_H\\sqrt{h/H}` — an **assumed** scaling (that
  of a random walk, whose error variance grows in proportion to the horizon), stated as such;
* the **persistence** of its errors: the lag-1 autocorrelation of the one-year-ahead errors,
  :math:`r_1 = \\sum_t (e_t-\\bar e)(e_{t+1}-\\bar e) / \\sum_t (e_t-\\bar e)^2` (pairs of
  consecutive years only; Box and Jenkins 1976, ch. 2; Hyndman and Athanasopoulos 2021, §2.8),
  where there are at least :data:`MIN_PERSISTENCE_ERRORS` errors.

Each estimate says how many years it rests on ("estimated from 4 years (2019–2021, 2023)"),
with a warning under :data:`SMALL_SAMPLE` years. A rate the history cannot estimate keeps no
estimate and says why; nothing is made up. In the two-sector form the non-services residual,
when its own history gives no trend, takes the rate that with services at their trend gives
GDP its trend at the base year's services share :math:`w`:
:math:`g_N = (g_Y - w\\,g_S)/(1-w)` (docs/model.md eq. 3).

References
----------
.. [1] Hyndman, R. J. and Athanasopoulos, G. (2021), *Forecasting: Principles and Practice*,
   3rd ed., OTexts, §2.8 (autocorrelation), §5.2 (the mean method), §5.8 (RMSE).
.. [2] Office for Budget Responsibility (2023), *Forecast evaluation report*, London: OBR
   (fan charts from the distribution of past forecast errors).
.. [3] Box, G. E. P. and Jenkins, G. M. (1976), *Time Series Analysis: Forecasting and
   Control*, revised ed., Holden-Day, ch. 2 (the sample autocorrelation).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from . import validation as v
from .backtest import (RATE_UNITS, backtest, check_history, check_sectors, history_series,
                       years_text)
from .errors import InputError, did_you_mean
from .model import TWO_SECTORS
from .side_indicators import SIDE_INDICATORS
from .uncertainty import PERSISTENCE, SD

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["calibrate", "calibrate_base", "Calibration", "RateCalibration", "Estimate", "SMALL_SAMPLE",
           "MIN_PERSISTENCE_ERRORS", "MIN_HORIZON_ERRORS", "DIGITS", "FRAME_COLUMNS"]

#: Fewer years than this: an estimate carries a warning.
SMALL_SAMPLE = 5
#: The fewest one-year-ahead errors a persistence is estimated from.
MIN_PERSISTENCE_ERRORS = 5
#: The fewest errors an sd two or more years ahead is estimated from (one year ahead: one).
MIN_HORIZON_ERRORS = 2
#: Decimals of the rates and standard deviations a calibrated scenario file gives (pp).
DIGITS = 2
#: Columns of :meth:`Calibration.to_frame`.
FRAME_COLUMNS = ("rate", "quantity", "horizon", "value", "unit", "n", "years", "how")
_SUFFIXES = ("_growth", "_share", "_real", "_deflator", "_contribution", "_contribution_rate")


@dataclass(frozen=True)
class Estimate:
    """One number estimated from history, and what it rests on.

    Parameters
    ----------
    value : float or None
        The estimate (% for rates, pp for standard deviations); ``None`` when the history
        cannot estimate it.
    years : tuple of int
        The years it is estimated from (for errors: the outturn years).
    reason : str
        Why there is no estimate (``value`` None).
    note : str
        How it was derived, when not directly (e.g. the residual from GDP's trend).
    """

    value: float | None
    years: tuple[int, ...] = ()
    reason: str = ""
    note: str = ""

    @property
    def n(self) -> int:
        """Years it rests on."""
        return len(self.years)

    @property
    def label(self) -> str:
        """``"estimated from 3 years (2019–2021)"``, or ``"no estimate: …"``."""
        if self.value is None:
            return f"no estimate: {self.reason}"
        text = f"estimated from {self.n} year{'s' * (self.n != 1)} ({years_text(self.years)})"
        return text + (f"; {self.note}" if self.note else "")

    @property
    def warning(self) -> str:
        """A warning when the estimate rests on fewer than :data:`SMALL_SAMPLE` years."""
        if self.value is None or self.n >= SMALL_SAMPLE:
            return ""
        return (f"only {self.n} year{'s' * (self.n != 1)}, fewer than {SMALL_SAMPLE}: "
                "a rough estimate")


@dataclass(frozen=True)
class RateCalibration:
    """What history says about one rate.

    Parameters
    ----------
    rate : str
        The scenario's rate (``services_real``), or ``gdp_real`` for real GDP growth.
    indicator : str
        The history's indicator it is estimated from (``services_real_growth``).
    trend : Estimate
        The mean of the rate, %.
    sd : tuple of Estimate
        The trend method's RMSE one, two … years ahead, pp: the horizons estimated, in order
        (one entry without a value when even the first cannot be).
    persistence : Estimate
        The lag-1 autocorrelation of the one-year-ahead errors.
    """

    rate: str
    indicator: str
    trend: Estimate
    sd: tuple[Estimate, ...]
    persistence: Estimate

    @property
    def horizons(self) -> int:
        """Horizons whose sd is estimated (0: none)."""
        return sum(1 for e in self.sd if e.value is not None)

    def sd_path(self, n_years: int) -> tuple[float, ...] | None:
        """The sd of each of ``n_years`` projected years, pp: the estimated horizons, then
        :math:`s_H\\sqrt{h/H}` (assumed scaling); ``None`` without an estimate."""
        est = [float(e.value) for e in self.sd if e.value is not None]
        if not est:
            return None
        big_h = len(est)
        return tuple(est[h - 1] if h <= big_h else est[-1] * math.sqrt(h / big_h)
                     for h in range(1, n_years + 1))

    def sd_text(self) -> str:
        """How the sd by horizon was estimated, in words."""
        first = self.sd[0]
        if first.value is None:
            return f"the sd has no estimate ({first.reason})"
        parts = [f"{e.value:.{DIGITS}f} pp {h} year{'s' * (h != 1)} ahead ({e.label})"
                 for h, e in enumerate(self.sd, start=1)]
        big_h = self.horizons
        later = (f"{big_h + 1} or more years ahead: {self.sd[-1].value:.{DIGITS}f} pp × "
                 f"√(h/{big_h}), an assumed scaling (a random walk's): the history gives too "
                 f"few errors further ahead")
        return ("sd, the RMSE of the trend method's errors: " + "; ".join(parts) + "; "
                + later)

    def rounded_sd_path(self, n_years: int) -> tuple[float, ...] | None:
        """:meth:`sd_path` as a scenario file gives it: each value rounded to :data:`DIGITS`
        decimals and at most :data:`sim.uncertainty.SD`'s upper bound, repeated last values
        dropped (the last value continues); ``None`` without an estimate."""
        path = self.sd_path(n_years)
        if path is None:
            return None
        out = [min(round(x, DIGITS), SD.hi) for x in path]
        while len(out) > 1 and out[-1] == out[-2]:
            out.pop()
        return tuple(out)

    def sd_basis(self, history_of: str) -> str:
        """Where the sd comes from, in one phrase, for the results that use it: ``"sd from the
        backtest of 1 year (2023) of the history of xihu-2023: …"``; ``""`` without an
        estimate.

        Parameters
        ----------
        history_of : str
            The base whose history was backtested (its name or reference).
        """
        first = self.sd[0]
        if first.value is None:
            return ""
        big_h = self.horizons
        ahead = "1 year ahead" if big_h == 1 else f"1 … {big_h} years ahead"
        text = (f"sd from the backtest of {first.n} year{'s' * (first.n != 1)} "
                f"({years_text(first.years)}) of the history of {history_of}: the trend "
                f"method's RMSE {ahead}, × √(h/{big_h}) beyond (assumed)")
        return text + (f", a rough estimate (fewer than {SMALL_SAMPLE} years)"
                       if first.warning else "")


@dataclass(frozen=True)
class Calibration:
    """Rates and uncertainty estimated from history (:func:`calibrate`).

    Parameters
    ----------
    base_year : int
        The last year used.
    sectors : tuple of str
        The sectors adding up to GDP.
    rates : Mapping[str, RateCalibration]
        Per rate: ``<sector>_real``, ``<sector>_deflator``, ``retail_sales``, each extra
        level, and ``gdp_real`` (real GDP growth).
    shares : Mapping[str, float]
        Each sector's share of GDP in the base year, %, where the history gives it.
    years : tuple of int
        The years of the history used (outturns up to the base year).
    """

    base_year: int
    sectors: tuple[str, ...]
    rates: Mapping[str, RateCalibration]
    shares: Mapping[str, float] = field(default_factory=dict)
    years: tuple[int, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "rates", v.frozen(self.rates))
        object.__setattr__(self, "shares", v.frozen(self.shares))

    @property
    def scenario_rates(self) -> tuple[str, ...]:
        """The rates a scenario sets (every rate but ``gdp_real``)."""
        return tuple(k for k in self.rates if k != "gdp_real")

    def sd_paths(self, n_years: int) -> dict[str, tuple[float, ...]]:
        """The sd path of each scenario rate that history estimates, pp, as a scenario file
        gives it (:meth:`RateCalibration.rounded_sd_path`) for ``n_years`` projected years."""
        out = {}
        for k in self.scenario_rates:
            path = self.rates[k].rounded_sd_path(n_years)
            if path is not None:
                out[k] = path
        return out

    def persistence_estimate(self, rates: Sequence[str] | None = None
                             ) -> tuple[float, str] | None:
        """The persistence of the shocks: the mean of the estimates of ``rates`` (default the
        scenario rates), kept inside :data:`sim.uncertainty.PERSISTENCE` and rounded to
        :data:`DIGITS` decimals, with a phrase saying so; ``None`` when no rate has one."""
        names = self.scenario_rates if rates is None else tuple(rates)
        est = [float(self.rates[k].persistence.value) for k in names
               if k in self.rates and self.rates[k].persistence.value is not None]
        if not est:
            return None
        raw = sum(est) / len(est)
        rho = round(min(max(raw, PERSISTENCE.lo), PERSISTENCE.hi), DIGITS)
        text = (f"the mean of the rates' estimates ({raw:.2f})" + (
            f", kept inside {PERSISTENCE}" if rho != round(raw, DIGITS) else ""))
        return rho, text

    def unestimated(self) -> tuple[str, ...]:
        """The scenario rates that :meth:`to_scenario_doc` needs in ``assumed``: those the
        history gives no trend for (but a sector's deflator and a revenue beside GDP, which
        keep the scenario's defaults), and those whose rounded trend lies outside the rate's
        allowed range."""
        from .scenario import rate_range

        out = []
        for k in self.scenario_rates:
            trend = self.rates[k].trend.value
            if trend is None:
                side = SIDE_INDICATORS.get(k)
                if not k.endswith("_deflator") and (side is None or side.default is None):
                    out.append(k)
            elif round(float(trend), DIGITS) not in rate_range(k):
                out.append(k)
        return tuple(out)

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per estimate resting on few years."""
        out = []
        for k, rc in self.rates.items():
            for what, est in (("trend", rc.trend), ("sd 1 year ahead", rc.sd[0]),
                              ("persistence", rc.persistence)):
                if est.warning:
                    out.append(f"{k} {what}: {est.warning}")
        return tuple(out)

    def to_frame(self) -> "pd.DataFrame":
        """Every estimate as a row: ``rate, quantity`` (trend, sd, persistence), ``horizon``
        (years ahead, for sd), ``value`` (NaN: no estimate), ``unit``, ``n``, ``years``,
        ``how`` (the label and any warning)."""
        import pandas as pd

        rows = []

        def add(rate, quantity, horizon, est, unit):
            how = est.label + (f"; {est.warning}" if est.warning else "")
            rows.append((rate, quantity, horizon,
                         np.nan if est.value is None else float(est.value), unit, est.n,
                         years_text(est.years), how))

        for k, rc in self.rates.items():
            add(k, "trend", np.nan, rc.trend, "%")
            for h, est in enumerate(rc.sd, start=1):
                add(k, "sd", float(h) if est.value is not None else np.nan, est, "pp")
            add(k, "persistence", np.nan, rc.persistence, "")
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))

    def to_scenario_doc(self, base_ref: str, *, name: str = "calibrated",
                        end_year: int | None = None,
                        assumed: Mapping[str, float] | None = None) -> dict[str, Any]:
        """A scenario estimated from history, in the scenario file's layout.

        Parameters
        ----------
        base_ref : str
            The base the scenario names (``base.ref``).
        name : str
            The scenario's name.
        end_year : int, optional
            Last projected year; default 2030 (or 7 years after a base year from 2030 on).
        assumed : Mapping[str, float], optional
            Rates the user sets instead (%, labelled as user assumptions): needed for a rate
            the history cannot estimate, or whose estimate is outside its allowed range.

        Returns
        -------
        dict
            ``name``, ``title_en``, ``title_zh``, ``description`` (how each figure was
            estimated), ``base``, ``end_year``, ``rates`` (trends rounded to
            :data:`DIGITS` decimals) and ``uncertainty`` (sd paths by horizon, the persistence
            where estimated, and a ``basis``), which :func:`sim.scenario.scenario_from_dict`
            accepts. A sector deflator without an estimate is left out (the scenario's
            default, 0 %, applies and is listed among its assumptions).

        Raises
        ------
        InputError
            Naming the rate, for a rate without an estimate and not in ``assumed``, an
            estimate outside the rate's allowed range, an ``assumed`` rate that is unknown or
            out of range, or a bad ``end_year``.
        """
        from .scenario import DEFAULT_END_YEAR, rate_range

        y0 = self.base_year
        if end_year is None:
            end_year = DEFAULT_END_YEAR if DEFAULT_END_YEAR > y0 else y0 + 7
        end = v.integer(end_year, "end_year", v.Range(
            y0 + 1, y0 + v.MAX_HORIZON, f"(base year {y0} + 1 … + {v.MAX_HORIZON})"))
        n_years = end - y0
        assumed = dict(v.table(assumed or {}, "assumed"))
        names = self.scenario_rates
        for k, x in assumed.items():
            if k not in names:
                raise InputError("is not a rate of this calibration" + did_you_mean(k, names),
                                 key=f"assumed.{k}", allowed=", ".join(names))
            assumed[k] = v.number(x, f"assumed.{k}", rate_range(k))
        rates: dict[str, float] = {}
        sd: dict[str, list[float]] = {}
        lines = [f"Calibrated from the history of {base_ref} up to {y0} "
                 f"({years_text(self.years)}): each rate is its trend, the mean over the years "
                 "the history gives; its uncertainty, the errors the trend method would have "
                 "made (the backtest), by horizon. Rates and sds are rounded to "
                 f"{10 ** -DIGITS:g}. Correlations between rates are not estimated (too few "
                 "years): none is set."]
        for k in names:
            rc = self.rates[k]
            allowed = rate_range(k)
            if k in assumed:
                rates[k] = assumed[k]
                text = f"{k} = {assumed[k]:g} %: a user assumption"
            elif rc.trend.value is not None:
                x = round(float(rc.trend.value), DIGITS)
                if x not in allowed:
                    raise InputError(f"history's trend is {x:g} %, {rc.trend.label}; give the "
                                     "rate in assumed", key=f"rates.{k}", allowed=str(allowed))
                rates[k] = x
                text = f"{k} = {x:.{DIGITS}f} %: the trend, {rc.trend.label}"
                if rc.trend.warning:
                    text += f" ({rc.trend.warning})"
            elif k.endswith("_deflator"):
                lines.append(f"{k}: not set, {rc.trend.label}; the scenario's default 0 % "
                             "applies (an assumption).")
                continue
            elif k in SIDE_INDICATORS and SIDE_INDICATORS[k].default is not None:
                rate, x = SIDE_INDICATORS[k].default
                lines.append(f"{k}: not set, {rc.trend.label}; the scenario's default "
                             f"{rate} = {x:g} applies (an assumption).")
                continue
            else:
                raise InputError(f"history gives no estimate ({rc.trend.label}); give the rate "
                                 "in assumed", key=f"rates.{k}", allowed=str(allowed))
            path = rc.rounded_sd_path(n_years)
            if path is not None:
                sd[k] = list(path)
                text += ". " + rc.sd_text()
                if any(x >= SD.hi for x in path):
                    text += f" (capped at {SD.hi:g} pp, the largest sd a scenario takes)"
            else:
                text += f". No uncertainty: {rc.sd_text()}"
            if rc.persistence.value is not None:
                text += f". Persistence {rc.persistence.value:.2f}, {rc.persistence.label}"
            lines.append(text + ".")
        unc: dict[str, Any] = {}
        rho = self.persistence_estimate(names)
        if rho is not None:
            unc["persistence"] = rho[0]
            lines.append(f"Persistence of the shocks: {rho[0]:g}, {rho[1]}.")
        else:
            lines.append(f"Persistence: no estimate (each rate needs {MIN_PERSISTENCE_ERRORS} "
                         "one-year-ahead errors); none is set, so the shocks are independent "
                         "from year to year (an assumption).")
        warnings = [w for w in self.warnings if w.split(" ", 1)[0] in names]
        if warnings:
            lines.append("Warnings: " + "; ".join(warnings) + ".")
        if sd:
            unc["basis"] = (f"estimated from the history of {base_ref} up to {y0}: the trend "
                            "method's backtest errors (see the scenario's description)")
            unc.update({k: {"sd": x[0] if len(x) == 1 else x} for k, x in sd.items()})
        doc: dict[str, Any] = {
            "name": name, "title_en": f"Calibrated from history to {y0}",
            "title_zh": f"历史校准(至{y0}年)", "description": "\n".join(lines),
            "base": base_ref, "end_year": end, "rates": rates}
        if unc:
            doc["uncertainty"] = unc
        return doc


# -- estimation ----------------------------------------------------------------------------------
def calibrate(frame: "pd.DataFrame", sectors: Sequence[str], base_year: int) -> Calibration:
    """Estimate a scenario's rates and their uncertainty from history (see the module docs).

    Parameters
    ----------
    frame : pandas.DataFrame
        A history frame (:func:`sim.backtest.check_history`):
        ``sim.history.history_frame(base)``. Rows after ``base_year`` are not used
        (calibrating as of that year).
    sectors : sequence of str
        The sectors adding up to GDP: ``base.model_sectors``.
    base_year : int
        The base year: the last year used.

    Returns
    -------
    Calibration

    Raises
    ------
    InputError
        For a bad frame, sectors or base year.

    Examples
    --------
    The command line's entry point::

        calibrate(history_frame(base), base.model_sectors, base.year).to_scenario_doc(base.ref)
    """
    hist = check_history(frame)
    sectors = check_sectors(sectors)
    y0 = v.integer(base_year, "base_year", v.YEAR)
    hist = hist[hist["year"] <= y0]
    years, series, units = history_series(hist)
    tables = {h: backtest(hist, sectors, ("trend",), horizon=h)
              for h in range(1, max(2, len(years)))}
    at_base = int(y0 - years[0]) if len(years) else -1

    def level_at_base(ind: str) -> float:
        x = series.get(ind)
        return float(x[at_base]) if x is not None and 0 <= at_base < len(x) else math.nan

    extras = [k for k in series if units[k] not in RATE_UNITS and math.isfinite(
        level_at_base(k)) and k not in ("gdp", "retail_sales", *sectors)
        and not k.endswith(_SUFFIXES)]
    wanted = [*((f"{s}_real", f"{s}_real_growth") for s in sectors),
              *((f"{s}_deflator", f"{s}_deflator") for s in sectors),
              ("retail_sales", "retail_sales_growth"), *((k, f"{k}_growth") for k in extras),
              ("gdp_real", "gdp_real_growth")]
    rates = {rate: _rate(rate, ind, years, series, tables, y0) for rate, ind in wanted}
    shares = {}
    for s in sectors:
        share, gdp = level_at_base(f"{s}_share"), level_at_base("gdp")
        if not math.isfinite(share) and gdp > 0:
            share = 100.0 * level_at_base(s) / gdp
        if math.isfinite(share):
            shares[s] = share
    if tuple(sectors) == TWO_SECTORS:
        rates["non_services_real"] = _residual(rates, shares, y0)
    known = sorted({int(y) for ind in series for y, x in zip(years, series[ind])
                    if math.isfinite(x)})
    return Calibration(base_year=y0, sectors=sectors, rates=rates, shares=shares,
                       years=tuple(known))


def calibrate_base(base) -> Calibration:
    """The calibration of a base's own history: :func:`calibrate` of
    ``sim.history.history_frame(base)`` with the base's sectors, as of its base year.

    Parameters
    ----------
    base : sim.base.Base

    Returns
    -------
    Calibration

    Raises
    ------
    InputError
        Naming the base and the key ``history``, if the base carries no years before its own
        (no ``[history.YEAR]`` table): there is nothing to estimate from.
    """
    from .history import history_frame, require_history

    require_history(base, "to estimate from")
    return calibrate(history_frame(base), base.model_sectors, base.year)


def _rate(rate: str, ind: str, years, series, tables, y0: int) -> RateCalibration:
    x = series.get(ind)
    known = [] if x is None else [(int(y), float(a)) for y, a in zip(years, x)
                                  if math.isfinite(a)]
    if known:
        trend = Estimate(float(np.mean([a for _, a in known])), tuple(y for y, _ in known))
    else:
        trend = Estimate(None, reason=f"the history gives no {ind} up to {y0}")
    sd = []
    for h in sorted(tables):
        t = tables[h]
        e = t[t["indicator"] == ind]
        if len(e) < (1 if h == 1 else MIN_HORIZON_ERRORS):
            break
        err = e["error"].to_numpy(dtype=float)
        sd.append(Estimate(float(np.sqrt(np.mean(err * err))), tuple(int(y) for y in e["year"])))
    if not sd:
        sd = [Estimate(None, reason=f"no outturn of {ind} follows a year with a trend to "
                                    "project it from, so the backtest has no error for it")]
    one = tables[1][tables[1]["indicator"] == ind]
    return RateCalibration(rate=rate, indicator=ind, trend=trend, sd=tuple(sd),
                           persistence=_persistence(one["year"].to_numpy(),
                                                    one["error"].to_numpy(dtype=float)))


def _persistence(years: np.ndarray, errors: np.ndarray) -> Estimate:
    """The lag-1 autocorrelation of errors by year, over pairs of consecutive years."""
    n = len(errors)
    if n < MIN_PERSISTENCE_ERRORS:
        return Estimate(None, reason=f"{n} one-year-ahead error{'s' * (n != 1)}, fewer than "
                                     f"the {MIN_PERSISTENCE_ERRORS} it needs")
    d = errors - errors.mean()
    denom = float(np.sum(d * d))
    by_year = dict(zip(years.tolist(), d))
    pairs = [(by_year[y], by_year[y + 1]) for y in years.tolist() if y + 1 in by_year]
    if denom == 0.0 or not pairs:
        why = "the errors do not vary" if denom == 0.0 else "no two errors in consecutive years"
        return Estimate(None, reason=why)
    return Estimate(float(sum(a * b for a, b in pairs)) / denom, tuple(int(y) for y in years))


def _residual(rates: dict, shares: Mapping[str, float], y0: int) -> RateCalibration:
    """The non-services residual: its own trend, else the rate that GDP's and services'
    trends imply at the base year's services share (docs/model.md eq. 3)."""
    own = rates["non_services_real"]
    if own.trend.value is not None:
        return own
    gy, gs = rates["gdp_real"].trend, rates["services_real"].trend
    w = shares.get("services", math.nan) / 100.0
    if gy.value is None or gs.value is None or not 0.0 < w < 1.0:
        return own
    value = (gy.value - w * gs.value) / (1.0 - w)
    note = (f"implied by GDP's trend {gy.value:.{DIGITS}f} % and services' "
            f"{gs.value:.{DIGITS}f} % at the {y0} services share {100 * w:.1f} %: "
            "(g_Y − w g_S)/(1 − w)")
    trend = Estimate(value, tuple(sorted(set(gy.years) | set(gs.years))), note=note)
    return RateCalibration(rate=own.rate, indicator=own.indicator, trend=trend, sd=own.sd,
                           persistence=own.persistence)
