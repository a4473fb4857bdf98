"""Probabilities from a Monte Carlo: of a threshold, and of meeting each target of a plan.

A probability is the share of paths meeting the condition, with its Monte Carlo standard error
:math:`\\sqrt{p(1-p)/N}` and the 95 % Wilson score interval (Wilson 1927), useful when the share
is 0 or 1. The inclusive comparisons (``>=``, ``<=``) allow the targets' tolerance
(:data:`sim.targets.TOLERANCE`), as the deterministic check does.

References
----------
.. [1] Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical
   inference", *JASA* 22(158), 209–212.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .. import validation as v
from ..errors import InputError, did_you_mean
from ..indicators import indicator as _indicator
from ..targets import PLAN_2024, TOLERANCE, Target

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Probability", "probability", "threshold", "parse_threshold", "target_probabilities"]

_OPS = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less}


class Probability(NamedTuple):
    """An estimated probability with its Monte Carlo error.

    Attributes
    ----------
    p : float
        Share of paths meeting the condition.
    se : float
        Monte Carlo standard error, :math:`\\sqrt{p(1-p)/N}`.
    low, high : float
        95 % Wilson score interval (useful when p is 0 or 1, where ``se`` is 0).
    n : int
        Number of paths.
    """

    p: float
    se: float
    low: float
    high: float
    n: int


def _wilson(p: float, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """95 % Wilson score interval (Wilson 1927, eq. on p. 210)."""
    d = 1.0 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1.0 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def _year_index(mc, year: Any, key: str = "year") -> int:
    y0, y1 = int(mc.years[0]), int(mc.years[-1])
    year = v.integer(year, key, v.Range(y0, y1, f"(the Monte Carlo covers {y0}–{y1})"))
    return year - y0


def _met(op: str, x, value: float):
    """``x op value`` with the targets' tolerance on the inclusive comparisons."""
    if op == ">=":
        value = value - TOLERANCE
    elif op == "<=":
        value = value + TOLERANCE
    res = _OPS[op](np.asarray(x, dtype=float), value)
    return bool(res) if res.ndim == 0 else res


def probability(mc, indicator: str, year: int, op: str, value: float) -> Probability:
    """Probability that ``indicator`` in ``year`` satisfies ``op value``, e.g. GDP ≥ 2100亿元.

    Parameters
    ----------
    mc : sim.analysis.MonteCarlo
    indicator : str
    year : int
    op : str
        ``">="``, ``">"``, ``"<="`` or ``"<"``.
    value : float
        Threshold in the indicator's unit.

    Returns
    -------
    Probability
        ``p`` with its Monte Carlo standard error and 95 % Wilson interval.
    """
    if op not in _OPS:
        raise InputError(f"unknown comparison {op!r}", key="op", allowed=", ".join(_OPS))
    if indicator not in mc.paths.values:
        raise InputError("was not kept in this Monte Carlo" + did_you_mean(indicator,
                         mc.indicators), key="indicator", allowed=", ".join(mc.indicators))
    x = mc.paths[indicator][:, _year_index(mc, year)]
    if np.isnan(x).all():
        raise InputError(f"{indicator} is not defined in {year}", key="indicator")
    p = float(np.count_nonzero(_met(op, x, value))) / len(x)
    n = len(x)
    return Probability(p, math.sqrt(p * (1.0 - p) / n), *_wilson(p, n), n)


def threshold(indicator: str, year: int, op: str, value: float) -> Target:
    """A user target such as GDP ≥ 2100亿元 in 2024, for :func:`target_probabilities`."""
    if op not in _OPS:
        raise InputError(f"unknown comparison {op!r}", key="threshold", allowed=", ".join(_OPS))
    ind = _indicator(indicator)
    text = f"{indicator} {op} {value:g} {ind.unit} in {year}"
    return Target(id=f"{indicator}{op}{value:g}@{year}", indicator=indicator, year=int(year),
                  op=op, value=float(value), unit=ind.unit, en=text,
                  zh=f"{ind.zh} {op} {value:g}{ind.unit} ({year}年)", quote="(user threshold)")


_THRESHOLD = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(>=|<=|>|<)\s*([-+]?[0-9.]+(?:e[-+]?\d+)?)"
                        r"\s*@\s*(\d{4})\s*$")


def parse_threshold(text: str) -> Target:
    """Parse ``"gdp>=2100@2024"`` (indicator, comparison, value, ``@`` year) into a target."""
    m = _THRESHOLD.match(str(text))
    if not m:
        raise InputError(f"cannot read threshold {text!r}", key="--threshold",
                         allowed="INDICATOR OP VALUE@YEAR, e.g. gdp>=2100@2024 or "
                                 "gdp_real_growth>5.5@2024 (OP one of >=, >, <=, <)")
    return threshold(m.group(1), int(m.group(4)), m.group(2), float(m.group(3)))


def target_probabilities(mc, targets: Iterable[Target] = PLAN_2024
                         ) -> "pd.DataFrame":
    """Probability of meeting each target, with its Monte Carlo standard error.

    Parameters
    ----------
    mc : sim.analysis.MonteCarlo
    targets : iterable of Target
        Default the 2024 plan (:data:`sim.targets.PLAN_2024`); add thresholds with
        :func:`threshold` / :func:`parse_threshold`.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``scenario, target, label, indicator, year, op, required, unit,
        probability, mc_se, ci_low, ci_high, deterministic, deterministic_met, n_paths,
        status, uncertainty`` where status is ``"evaluated"`` or ``"not evaluable"``
        (indicator not in the run, or year outside it; then the numbers are NaN) and
        uncertainty says which uncertainty the probabilities rest on (the Monte Carlo's
        ``uncertainty.basis``).
    """
    import pandas as pd

    rows = []
    y0, y1 = int(mc.years[0]), int(mc.years[-1])
    for t in targets:
        row = {"scenario": mc.scenario, "target": t.id, "label": t.en,
               "indicator": t.indicator, "year": t.year, "op": t.op, "required": t.value,
               "unit": t.unit}
        ok = (t.indicator in mc.paths.values and y0 <= t.year <= y1
              and not np.isnan(mc.paths[t.indicator][:, t.year - y0]).all())
        if ok:
            pr = probability(mc, t.indicator, t.year, t.op, t.value)
            det = float(mc.central.at(t.indicator, t.year)[0]) if t.indicator in \
                mc.central.values else float("nan")
            row.update(probability=pr.p, mc_se=pr.se, ci_low=pr.low, ci_high=pr.high,
                       deterministic=det, deterministic_met=_met(t.op, det, t.value),
                       n_paths=pr.n, status="evaluated")
        else:
            row.update(probability=np.nan, mc_se=np.nan, ci_low=np.nan, ci_high=np.nan,
                       deterministic=np.nan, deterministic_met=None, n_paths=mc.n_paths,
                       status="not evaluable")
        row["uncertainty"] = getattr(mc.uncertainty, "basis", "")
        rows.append(row)
    return pd.DataFrame(rows)
