"""The projection: pure, vectorized over parameter sets (paths) × years.

Equations, for each year :math:`t` after the base year (rates in %, written here as fractions):

.. math::

    S_t &= S_{t-1}(1+g^S_t)(1+p^S_t), \\qquad N_t = N_{t-1}(1+g^N_t)(1+p^N_t),
    \\qquad Y_t = S_t + N_t \\\\
    w_{t-1} &= S_{t-1}/Y_{t-1}, \\qquad
    g^Y_t = \\underbrace{w_{t-1} g^S_t}_{\\text{services contribution}}
          + \\underbrace{(1-w_{t-1}) g^N_t}_{\\text{non-services contribution}} \\\\
    n^Y_t &= Y_t/Y_{t-1} - 1, \\qquad p^Y_t = (1+n^Y_t)/(1+g^Y_t) - 1 \\\\
    R_t &= R_{t-1}(1+r_t) \\ \\text{or}\\ R_{t-1}(1+\\varepsilon_t n^Y_t), \\qquad
    D_t = i_t Y_t

:math:`S` services and :math:`N` non-services value added (亿元, current prices); :math:`g` real
growth (comparable prices), :math:`p` deflator change; :math:`g^Y` real GDP growth, chained with
last year's nominal shares; :math:`n^Y` nominal GDP growth and :math:`p^Y` the implied GDP
deflator; :math:`R` retail sales growing at a nominal rate :math:`r` or with elasticity
:math:`\\varepsilon` to nominal GDP growth; :math:`D` R&D expenditure at intensity :math:`i`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .consistency import implied_prior_year

__all__ = ["Paths", "project_paths", "SECTOR_RATES", "RATE_NAMES"]

SECTOR_RATES = ("services_real", "non_services_real", "services_deflator",
                "non_services_deflator")
RATE_NAMES = SECTOR_RATES + ("retail_sales", "retail_sales_elasticity", "rd_intensity")


@dataclass(frozen=True)
class Paths:
    """Projected paths: one array (paths × years) per indicator.

    Parameters
    ----------
    years : ndarray of int, shape (T+1,)
        The base year and each projected year.
    values : Mapping[str, ndarray], each of shape (P, T+1)
        Indicator id → values; levels in 亿元, growth and shares in %, contributions in pp.
        NaN where a value is not defined (e.g. the base year's nominal growth).
    """

    years: np.ndarray
    values: Mapping[str, np.ndarray]

    @property
    def n_paths(self) -> int:
        return next(iter(self.values.values())).shape[0]

    def __getitem__(self, indicator: str) -> np.ndarray:
        return self.values[indicator]

    def at(self, indicator: str, year: int) -> np.ndarray:
        """Values of ``indicator`` in ``year`` across paths, shape (P,)."""
        idx = int(year) - int(self.years[0])
        if not 0 <= idx < len(self.years):
            raise KeyError(f"year {year} outside {self.years[0]}–{self.years[-1]}")
        return self.values[indicator][:, idx]


def _grow(start: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """Levels (P, T+1) from a start (P,) and growth factors (P, T)."""
    out = np.empty((factors.shape[0], factors.shape[1] + 1))
    out[:, 0] = start
    np.cumprod(factors, axis=1, out=out[:, 1:])
    out[:, 1:] *= start[:, None]
    return out


def _with_base(base_value, body: np.ndarray) -> np.ndarray:
    """Prepend the base-year column (P,) to a (P, T) body."""
    out = np.empty((body.shape[0], body.shape[1] + 1))
    out[:, 0] = base_value
    out[:, 1:] = body
    return out


def project_paths(levels: Mapping[str, object], rates: Mapping[str, object], *,
                  years, base_growth: Mapping[str, object] | None = None,
                  base_rd_intensity=np.nan) -> Paths:
    """Project many parameter sets at once.

    Parameters
    ----------
    levels : Mapping[str, float or array of shape (P,)]
        Base-year levels in 亿元 at current prices: ``gdp``, ``services``, ``retail_sales`` and
        any extras. Non-services is ``gdp - services``.
    rates : Mapping[str, float or array broadcastable to (P, T)]
        Rates in % for each projected year: ``services_real``, ``non_services_real``
        (comparable prices), ``services_deflator``, ``non_services_deflator`` (price change),
        either ``retail_sales`` (nominal growth) or ``retail_sales_elasticity`` (ratio to
        nominal GDP growth), ``rd_intensity`` (% of GDP; optional) and, per extra level, its
        nominal growth under the extra's name.
    years : sequence of int
        The base year followed by each projected year, length T+1.
    base_growth : Mapping[str, float or array (P,)], optional
        The base year's own growth in %: ``gdp`` and ``services`` real, ``retail_sales`` and
        extras nominal. Fills the base-year column of the growth indicators.
    base_rd_intensity : float or array (P,), optional
        R&D intensity in the base year, % of GDP (a user assumption); NaN if unknown.

    Returns
    -------
    Paths
        Every indicator of :data:`sim.indicators.INDICATORS` (plus ``<extra>`` and
        ``<extra>_growth``), each of shape (P, T+1).
    """
    years = np.asarray(years, dtype=int)
    n_years = len(years) - 1
    base_growth = dict(base_growth or {})
    lv = {k: np.atleast_1d(np.asarray(x, dtype=float)) for k, x in levels.items()}
    n_paths = max([a.shape[0] for a in lv.values()]
                  + [np.atleast_2d(np.asarray(r, float)).shape[0] for r in rates.values()])
    shape = (n_paths, n_years)

    def rate(name: str, default: float | None = None) -> np.ndarray:
        if name not in rates:
            if default is None:
                raise KeyError(f"rate {name!r} missing")
            return np.full(shape, default)
        return np.broadcast_to(np.asarray(rates[name], dtype=float), shape) / 100.0

    def level(name: str) -> np.ndarray:
        return np.broadcast_to(lv[name], (n_paths,)).astype(float)

    gs, gn = rate("services_real"), rate("non_services_real")
    ps, pn = rate("services_deflator", 0.0), rate("non_services_deflator", 0.0)
    gdp0, s0 = level("gdp"), level("services")
    services = _grow(s0, (1.0 + gs) * (1.0 + ps))
    non_services = _grow(gdp0 - s0, (1.0 + gn) * (1.0 + pn))
    gdp = services + non_services

    share_prev = services[:, :-1] / gdp[:, :-1]
    contrib_s = share_prev * gs
    contrib_n = (1.0 - share_prev) * gn
    real = contrib_s + contrib_n
    nominal = gdp[:, 1:] / gdp[:, :-1] - 1.0
    deflator = (1.0 + nominal) / (1.0 + real) - 1.0

    if "retail_sales_elasticity" in rates:
        retail_growth = rate("retail_sales_elasticity") * 100.0 * nominal
    else:
        retail_growth = rate("retail_sales")
    retail = _grow(level("retail_sales"), 1.0 + retail_growth)

    intensity = rate("rd_intensity", np.nan) * 100.0
    nan = np.full(n_paths, np.nan)

    def g0(key: str) -> np.ndarray:
        return np.broadcast_to(np.asarray(base_growth.get(key, np.nan), float), (n_paths,))

    w_prior, gn0 = implied_prior_year(gdp0, s0, g0("gdp"), g0("services"))
    out = {
        "gdp": gdp,
        "services": services,
        "non_services": non_services,
        "retail_sales": retail,
        "rd_intensity": _with_base(base_rd_intensity, intensity),
        "gdp_constant_prices": _grow(gdp0, 1.0 + real),
        "gdp_real_growth": _with_base(g0("gdp"), 100.0 * real),
        "gdp_nominal_growth": _with_base(nan, 100.0 * nominal),
        "gdp_deflator": _with_base(nan, 100.0 * deflator),
        "services_real_growth": _with_base(g0("services"), 100.0 * gs),
        "non_services_real_growth": _with_base(gn0, 100.0 * gn),
        "services_deflator": _with_base(nan, 100.0 * ps),
        "non_services_deflator": _with_base(nan, 100.0 * pn),
        "retail_sales_growth": _with_base(g0("retail_sales"), 100.0 * retail_growth),
        "services_share": 100.0 * services / gdp,
        "services_contribution": _with_base(w_prior * g0("services"), 100.0 * contrib_s),
        "non_services_contribution": _with_base(g0("gdp") - w_prior * g0("services"),
                                                100.0 * contrib_n),
    }
    out["rd_expenditure"] = out["rd_intensity"] / 100.0 * gdp
    for name in lv:
        if name in ("gdp", "services", "retail_sales"):
            continue
        growth = rate(name)
        out[name] = _grow(level(name), 1.0 + growth)
        out[f"{name}_growth"] = _with_base(g0(name), 100.0 * growth)
    return Paths(years=years, values=out)
