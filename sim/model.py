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
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .accounts import implied_prior_year

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


_CORE = ("gdp", "services", "non_services", "retail_sales", "rd_intensity", "rd_expenditure",
         "gdp_constant_prices", "gdp_real_growth", "gdp_nominal_growth", "gdp_deflator",
         "services_real_growth", "non_services_real_growth", "services_deflator",
         "non_services_deflator", "retail_sales_growth", "services_share",
         "services_contribution", "non_services_contribution")


def _compound(out: np.ndarray, factor: np.ndarray) -> None:
    """Fill rows 1.. of ``out`` (T+1, P) from row 0 and growth factors (T, P)."""
    for t in range(factor.shape[0]):
        np.multiply(out[t], factor[t], out=out[t + 1])


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
        (comparable prices), ``services_deflator``, ``non_services_deflator`` (price change,
        default 0), either ``retail_sales`` (nominal growth) or ``retail_sales_elasticity``
        (ratio to nominal GDP growth), ``rd_intensity`` (% of GDP; optional) and, per extra
        level, its nominal growth under the extra's name. The fastest layout is the
        transpose of a C-contiguous (T, P) array (``x.T``): the projection runs year by year
        over contiguous rows of paths.
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
        ``<extra>_growth``), each of shape (P, T+1); NaN where a value is not defined.
    """
    years = np.asarray(years, dtype=int)
    n_years = len(years) - 1
    base_growth = dict(base_growth or {})
    lv = {k: np.atleast_1d(np.asarray(x, dtype=float)) for k, x in levels.items()}
    n_paths = max([a.shape[0] for a in lv.values()]
                  + [np.atleast_2d(np.asarray(r, float)).shape[0] for r in rates.values()])
    extras = [k for k in lv if k not in ("gdp", "services", "retail_sales")]
    ids = list(_CORE) + [x for k in extras for x in (k, f"{k}_growth")]
    if len(set(ids)) != len(ids):
        raise ValueError(f"extra levels {extras} clash with the model's indicators")

    def rate(name: str, default: float = 0.0) -> np.ndarray:
        """The rate in % as a (T, P) view (inputs broadcast as (P, T))."""
        if name not in rates:
            return np.broadcast_to(np.float64(default), (n_years, n_paths))
        r = np.asarray(rates[name], dtype=float)
        if r.ndim > 2:
            raise ValueError(f"rate {name!r} has {r.ndim} dimensions; at most 2 (paths, years)")
        r = r.T if r.ndim == 2 else (r[:, None] if r.ndim == 1 else r)
        return np.broadcast_to(r, (n_years, n_paths))

    def per_path(x) -> np.ndarray:
        return np.broadcast_to(np.asarray(x, dtype=float), (n_paths,))

    inputs = {
        "gs": rate("services_real"), "gn": rate("non_services_real"),
        "ps": rate("services_deflator"), "pn": rate("non_services_deflator"),
        "ri": rate("rd_intensity", np.nan),
        "gdp0": per_path(lv["gdp"]), "s0": per_path(lv["services"]),
        "r0": per_path(lv["retail_sales"]), "ri0": per_path(base_rd_intensity),
        **{f"g0_{k}": per_path(base_growth.get(k, np.nan))
           for k in ("gdp", "services", "retail_sales", *extras)},
        **{f"x_{k}": rate(k) for k in extras}, **{f"x0_{k}": per_path(lv[k]) for k in extras},
    }
    if "retail_sales_elasticity" in rates:
        inputs["elasticity"] = rate("retail_sales_elasticity")
    else:
        inputs["rg"] = rate("retail_sales")
    # (indicator, year, path): each year of an indicator is a contiguous vector of paths
    buf = np.empty((len(ids), n_years + 1, n_paths))
    out = {k: buf[i] for i, k in enumerate(ids)}
    chunks = _chunks(n_paths, n_years)
    if len(chunks) == 1:
        _fill(out, inputs, extras, slice(None))
    else:  # numpy releases the GIL in its loops: one thread per core, each on its own paths
        with ThreadPoolExecutor(len(chunks)) as pool:
            list(pool.map(lambda c: _fill(out, inputs, extras, c), chunks))
    return Paths(years=years, values={k: out[k].T for k in ids})


#: Below this many path-years, one thread does all the work.
PARALLEL_MIN = 500_000


def _chunks(n_paths: int, n_years: int) -> list[slice]:
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or n_paths * n_years < PARALLEL_MIN:
        return [slice(None)]
    edges = np.linspace(0, n_paths, workers + 1).astype(int)
    return [slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def _fill(out: dict, inputs: dict, extras: list[str], cols: slice) -> None:
    """Compute every indicator for the paths ``cols`` into ``out`` (arrays (T+1, P))."""
    V = {k: a[:, cols] for k, a in out.items()}
    x = {k: a[..., cols] for k, a in inputs.items()}
    n_years = V["gdp"].shape[0] - 1
    tmp = np.empty((n_years, V["gdp"].shape[1]))
    tmp2 = np.empty_like(tmp)

    def factor(*pcts: np.ndarray) -> np.ndarray:
        """Growth factor prod(1 + p/100) of rates in %, into ``tmp``."""
        np.multiply(pcts[0], 0.01, out=tmp)
        np.add(tmp, 1.0, out=tmp)
        for p in pcts[1:]:
            np.multiply(p, 0.01, out=tmp2)
            np.add(tmp2, 1.0, out=tmp2)
            np.multiply(tmp, tmp2, out=tmp)
        return tmp

    gs, gn = V["services_real_growth"][1:], V["non_services_real_growth"][1:]
    ps, pn = V["services_deflator"][1:], V["non_services_deflator"][1:]
    gs[...], gn[...], ps[...], pn[...] = x["gs"], x["gn"], x["ps"], x["pn"]

    S, N, Y = V["services"], V["non_services"], V["gdp"]
    S[0] = x["s0"]
    _compound(S, factor(gs, ps))
    np.subtract(x["gdp0"], x["s0"], out=N[0])
    _compound(N, factor(gn, pn))
    np.add(S, N, out=Y)

    share = V["services_share"]
    np.divide(S, Y, out=share)                         # a fraction until the end
    cs, cn = V["services_contribution"], V["non_services_contribution"]
    np.multiply(share[:-1], gs, out=cs[1:])            # pp = last year's share × growth in %
    np.subtract(gn, np.multiply(share[:-1], gn, out=tmp), out=cn[1:])
    real = V["gdp_real_growth"]
    np.add(cs[1:], cn[1:], out=real[1:])
    nominal = V["gdp_nominal_growth"]
    np.divide(Y[1:], Y[:-1], out=nominal[1:])
    np.subtract(nominal[1:], 1.0, out=nominal[1:])
    np.multiply(nominal[1:], 100.0, out=nominal[1:])
    defl = V["gdp_deflator"]                           # 100 (n − r) / (100 + r)
    np.subtract(nominal[1:], real[1:], out=defl[1:])
    np.add(real[1:], 100.0, out=tmp)
    np.divide(defl[1:], tmp, out=defl[1:])
    np.multiply(defl[1:], 100.0, out=defl[1:])

    rg = V["retail_sales_growth"]
    if "elasticity" in x:
        np.multiply(x["elasticity"], nominal[1:], out=rg[1:])
    else:
        rg[1:] = x["rg"]
    R = V["retail_sales"]
    R[0] = x["r0"]
    _compound(R, factor(rg[1:]))

    K = V["gdp_constant_prices"]
    K[0] = x["gdp0"]
    _compound(K, factor(real[1:]))

    ri = V["rd_intensity"]
    ri[0] = x["ri0"]
    ri[1:] = x["ri"]
    np.multiply(ri, Y, out=V["rd_expenditure"])
    np.multiply(V["rd_expenditure"], 0.01, out=V["rd_expenditure"])
    np.multiply(share, 100.0, out=share)

    # base-year column: the base's own growth, and what it implies for non-services
    g0y, g0s = x["g0_gdp"], x["g0_services"]
    w_prior, gn0 = implied_prior_year(x["gdp0"], x["s0"], g0y, g0s)
    real[0] = g0y
    V["services_real_growth"][0] = g0s
    V["non_services_real_growth"][0] = gn0
    np.multiply(w_prior, g0s, out=cs[0])
    np.subtract(g0y, cs[0], out=cn[0])
    rg[0] = x["g0_retail_sales"]
    for k in ("gdp_nominal_growth", "gdp_deflator", "services_deflator",
              "non_services_deflator"):
        V[k][0] = np.nan

    for name in extras:
        X, XG = V[name], V[f"{name}_growth"]
        XG[1:] = x[f"x_{name}"]
        XG[0] = x[f"g0_{name}"]
        X[0] = x[f"x0_{name}"]
        _compound(X, factor(XG[1:]))
