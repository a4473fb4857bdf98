"""The projection: pure, vectorized over parameter sets (paths) × years.

The two-sector form (a base that lists no sectors), for each year :math:`t` after the base
year (rates in %, written here as fractions):

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

A base that lists its sectors :math:`i = 1 … n` (docs/model.md §3a) replaces :math:`S, N` by
:math:`X_{i,t} = X_{i,t-1}(1+g_{i,t})(1+p_{i,t})`, :math:`Y_t = \\sum_i X_{i,t}`,
:math:`g^Y_t = \\sum_i w_{i,t-1} g_{i,t}` with :math:`w_{i,t} = X_{i,t}/Y_t`; sector
:math:`i` contributes :math:`w_{i,t-1} g_{i,t}` pp (拉动), :math:`100\\,w_{i,t-1}g_{i,t}/g^Y_t` %
of real growth (贡献率). The two-sector form is the case :math:`n = 2`; the last sector's weight
is one less the others'.

The indicators beside GDP (:mod:`sim.side_indicators`, docs/model.md §3b) that a base carries,
for each year :math:`t`:

.. math::

    F_t = F_{t-1}(1 + f_t), \\qquad f_t = b_t\\, n^Y_t \\ \\text{(buoyancy)}, \\qquad
    \\text{share}_t = F_t / Y_t \\\\
    P_t = P_{t-1}(1 + q_t), \\qquad y_t = 10^4\\, Y_t / P_t \\\\
    C_t = C_{t-1}(1 + c_t) \\ \\text{or}\\ C_{t-1} + a_t, \\qquad a_t = C_t - C_{t-1}

:math:`F` a revenue or fixed-asset investment (亿元, nominal growth :math:`f`, for a revenue
possibly a buoyancy :math:`b` times nominal GDP growth), :math:`P` the year-end resident
population (万人) and :math:`y` GDP per capita (元 = 亿元 × 10⁸ / (万人 × 10⁴)), :math:`C` a
count (户, 家) growing at :math:`c` or by :math:`a` a year. They never enter GDP.
"""
from __future__ import annotations

from collections.abc import Mapping
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from . import side_indicators as side
from .accounts import backcast

__all__ = ["Paths", "project_paths", "kernel_plan", "KernelPlan", "output_ids", "sector_rate_names", "SECTOR_RATES",
           "RATE_NAMES", "OTHER_RATES", "TWO_SECTORS", "SECTOR_SUFFIXES"]

SECTOR_RATES = ("services_real", "non_services_real", "services_deflator",
                "non_services_deflator")
#: Rates beside the sectors'.
OTHER_RATES = ("retail_sales", "retail_sales_elasticity", "rd_intensity")
RATE_NAMES = SECTOR_RATES + OTHER_RATES


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
#: The two sectors of a base that names none: services and the non-services residual.
TWO_SECTORS = ("services", "non_services")
#: What the model reports per sector, as suffixes of the sector's id.
SECTOR_SUFFIXES = ("", "_real_growth", "_deflator", "_share", "_contribution",
                   "_contribution_rate")
#: What the model reports whatever the sectors are.
TOTALS = ("gdp", "retail_sales", "rd_intensity", "rd_expenditure", "gdp_constant_prices",
          "gdp_real_growth", "gdp_nominal_growth", "gdp_deflator", "retail_sales_growth")


def sector_rate_names(sectors) -> tuple[str, ...]:
    """The rates a scenario sets for ``sectors``: ``<sector>_real`` and ``<sector>_deflator``."""
    return tuple(f"{s}{x}" for x in ("_real", "_deflator") for s in sectors)


def output_ids(sectors=None, extras=(), indicators=()) -> list[str]:
    """The indicator ids :func:`project_paths` returns, in order.

    Parameters
    ----------
    sectors : sequence of str, optional
        A base's sectors; ``None`` for the two-sector form (today's ids).
    extras : sequence of str
        Extra levels: ``<extra>``, ``<extra>_growth`` and ``<extra>_share`` each.
    indicators : sequence of str
        Indicators beside GDP that the base carries (:func:`sim.side_indicators.output_ids`).
    """
    if sectors is None:
        ids = list(_CORE)
    else:
        ids = [*TOTALS, *(f"{s}{x}" for s in sectors for x in SECTOR_SUFFIXES)]
    return (ids + [x for k in extras for x in (k, f"{k}_growth", f"{k}_share")]
            + side.output_ids(indicators))


def _compound(out: np.ndarray, factor: np.ndarray) -> None:
    """Fill rows 1.. of ``out`` (T+1, P) from row 0 and growth factors (T, P)."""
    for t in range(factor.shape[0]):
        np.multiply(out[t], factor[t], out=out[t + 1])


def project_paths(levels: Mapping[str, object], rates: Mapping[str, object], *,
                  years, base_growth: Mapping[str, object] | None = None,
                  base_rd_intensity=np.nan, sectors=None) -> Paths:
    """Project many parameter sets at once.

    Parameters
    ----------
    levels : Mapping[str, float or array of shape (P,)]
        Base-year levels in 亿元 at current prices: ``gdp`` (two-sector form) or one level per
        sector, ``retail_sales`` and any extras. In the two-sector form non-services is
        ``gdp - services``; with ``sectors``, GDP is the sum of the sectors (``gdp``, if
        given, is not used). An indicator beside GDP (an id of
        :data:`sim.side_indicators.SIDE_INDICATORS`) is given here too, in its own unit
        (亿元, 万人, 户 or 家).
    rates : Mapping[str, float or array broadcastable to (P, T)]
        Rates in % for each projected year: ``<sector>_real`` (comparable prices) and
        ``<sector>_deflator`` (price change, default 0) per sector (``services`` and
        ``non_services`` in the two-sector form), either ``retail_sales`` (nominal growth) or
        ``retail_sales_elasticity`` (ratio to nominal GDP growth), ``rd_intensity`` (% of GDP;
        optional), per extra level its nominal growth under the extra's name and, per
        indicator beside GDP, one driving rate: its growth under its id (%), or
        ``<id>_buoyancy`` (ratio to nominal GDP growth; a revenue without a rate has 1.0) or
        ``<id>_additions`` (a count's additions per year); a missing growth is 0. The
        fastest layout is the transpose of a C-contiguous (T, P) array (``x.T``): the
        projection runs year by year over contiguous rows of paths.
    years : sequence of int
        The base year followed by each projected year, length T+1.
    base_growth : Mapping[str, float or array (P,)], optional
        The base year's own growth in %: ``gdp`` and sectors real, ``retail_sales`` and
        extras nominal. Fills the base-year column of the growth indicators; a sector whose
        growth is missing is backcast from GDP growth when it is the only one
        (:func:`sim.accounts.backcast`).
    base_rd_intensity : float or array (P,), optional
        R&D intensity in the base year, % of GDP (a user assumption); NaN if unknown.
    sectors : sequence of str, optional
        The base's sectors, which add up to GDP; ``None`` for the two-sector form.

    Returns
    -------
    Paths
        The indicators of :func:`output_ids`, each of shape (P, T+1); NaN where a value is
        not defined.
    """
    plan = kernel_plan(levels, rates, years=years, base_growth=base_growth,
                       base_rd_intensity=base_rd_intensity, sectors=sectors)
    years, n_years, n_paths = plan.years, len(plan.years) - 1, plan.n_paths
    inputs, secs, extras, side_ids = plan.inputs, plan.sectors, plan.extras, plan.side_ids
    ids, work = plan.ids, plan.work
    # (indicator, year, path): each year of an indicator is a contiguous vector of paths
    buf = np.empty((len(work), n_years + 1, n_paths))
    out = {k: buf[i] for i, k in enumerate(work)}
    chunks = _chunks(n_paths, n_years)
    if len(chunks) == 1:
        _fill(out, inputs, secs, extras, side_ids, slice(None))
    else:  # numpy releases the GIL in its loops: one thread per core, each on its own paths
        with ThreadPoolExecutor(len(chunks)) as pool:
            list(pool.map(lambda c: _fill(out, inputs, secs, extras, side_ids, c), chunks))
    return Paths(years=years, values={k: out[k].T for k in ids})


@dataclass(frozen=True)
class KernelPlan:
    """What the kernel reads, as :func:`project_paths` prepares it: the one owner of the
    mapping from levels and rates to the kernel's inputs (:func:`kernel_plan`).

    Parameters
    ----------
    years : ndarray of int, shape (T+1,)
    n_paths : int
    sectors : tuple of str
        The sectors computed (services and non-services in the two-sector form).
    two_sector : bool
        Whether non-services is the residual of GDP (the base lists no sectors).
    extras, side_ids : list of str
        Extra levels, and indicators beside GDP, in the order the kernel computes them.
    ids : list of str
        The indicators reported (:func:`output_ids`); ``work`` every array the kernel fills.
    inputs : dict
        Kernel input name → array: rates as (T, P) views, levels and base-year values (P,).
        Names: ``g_<sector>``, ``p_<sector>`` (real growth, deflator, %), ``l0_<sector>``,
        ``gdp0`` (two-sector form), ``ri``, ``ri0``, ``r0``, ``rg`` or ``elasticity``,
        ``g0_<id>`` (base-year growth), ``x_<extra>``, ``x0_<extra>``, ``s0_<id>`` and one of
        ``sg_``, ``sb_``, ``sa_<id>`` (growth, buoyancy, additions) per indicator beside GDP.
    rate_inputs : dict
        Rate name (as a scenario gives it) → the input it fills.
    side_kinds : dict
        Indicator beside GDP → the kind of its driving rate (``"g"`` growth, ``"b"``
        buoyancy, ``"a"`` additions).
    """

    years: np.ndarray
    n_paths: int
    sectors: tuple[str, ...]
    two_sector: bool
    extras: list[str]
    side_ids: list[str]
    ids: list[str]
    work: list[str]
    inputs: dict
    rate_inputs: dict
    side_kinds: dict


def kernel_plan(levels: Mapping[str, object], rates: Mapping[str, object], *,
                years, base_growth: Mapping[str, object] | None = None,
                base_rd_intensity=np.nan, sectors=None) -> KernelPlan:
    """The inputs :func:`project_paths` gives its kernel (same parameters).

    Raises
    ------
    ValueError
        If extra levels clash with the model's indicators, a rate has more than two
        dimensions, or an indicator beside GDP is given more than one driving rate.
    """
    years = np.asarray(years, dtype=int)
    n_years = len(years) - 1
    base_growth = dict(base_growth or {})
    lv = {k: np.atleast_1d(np.asarray(x, dtype=float)) for k, x in levels.items()}
    n_paths = max([a.shape[0] for a in lv.values()]
                  + [np.atleast_2d(np.asarray(r, float)).shape[0] for r in rates.values()])
    two = sectors is None
    secs = TWO_SECTORS if two else tuple(sectors)
    core = ("gdp", "retail_sales", *secs)
    side_ids = [k for k in side.SIDE_INDICATORS if k in lv]
    extras = [k for k in lv if k not in core and k not in side.SIDE_INDICATORS]
    ids = output_ids(None if two else secs, extras, side_ids)
    if len(set(ids)) != len(ids):
        raise ValueError(f"extra levels {extras} clash with the model's indicators")
    # every array the kernel fills: the reported ids and, in the two-sector form, the rest
    work = ids + [k for k in output_ids(secs, extras, side_ids) if k not in ids]

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

    if two:
        level0 = {"services": per_path(lv["services"]),
                  "non_services": per_path(lv["gdp"] - lv["services"]),
                  "gdp0": per_path(lv["gdp"])}
    else:
        level0 = {s: per_path(lv[s]) for s in secs}
    inputs = {
        **{f"g_{s}": rate(f"{s}_real") for s in secs},
        **{f"p_{s}": rate(f"{s}_deflator") for s in secs},
        **{f"l0_{s}": level0[s] for s in secs}, **({"gdp0": level0["gdp0"]} if two else {}),
        "ri": rate("rd_intensity", np.nan),
        "r0": per_path(lv["retail_sales"]), "ri0": per_path(base_rd_intensity),
        **{f"g0_{k}": per_path(base_growth[k]) for k in ("gdp", "retail_sales", *secs, *extras)
           if k in base_growth},
        **{f"x_{k}": rate(k) for k in extras}, **{f"x0_{k}": per_path(lv[k]) for k in extras},
    }
    side_kinds: dict[str, str] = {}
    rate_inputs = {**{f"{s}_real": f"g_{s}" for s in secs},
                   **{f"{s}_deflator": f"p_{s}" for s in secs}, "rd_intensity": "ri",
                   **{k: f"x_{k}" for k in extras}}
    if "retail_sales_elasticity" in rates:
        inputs["elasticity"] = rate("retail_sales_elasticity")
        rate_inputs["retail_sales_elasticity"] = "elasticity"
    else:
        inputs["rg"] = rate("retail_sales")
        rate_inputs["retail_sales"] = "rg"
    for k in side_ids:                                 # one driving rate each
        spec = side.SIDE_INDICATORS[k]
        given = [r for r in spec.rate_names() if r in rates]
        if len(given) > 1:
            raise ValueError(f"indicator {k!r} is given the rates {given}; give one")
        name = given[0] if given else (spec.default[0] if spec.default else k)
        kind = side.driver_of(name)[1]
        inputs[f"s0_{k}"] = per_path(lv[k])
        inputs[f"s{kind[0]}_{k}"] = rate(name, spec.default[1] if spec.default else 0.0)
        rate_inputs[name] = f"s{kind[0]}_{k}"
        side_kinds[k] = kind[0]
    return KernelPlan(years=years, n_paths=n_paths, sectors=secs, two_sector=two,
                      extras=extras, side_ids=side_ids, ids=ids, work=work, inputs=inputs,
                      rate_inputs=rate_inputs, side_kinds=side_kinds)

#: Below this many path-years, one thread does all the work.
PARALLEL_MIN = 500_000


def _chunks(n_paths: int, n_years: int) -> list[slice]:
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or n_paths * n_years < PARALLEL_MIN:
        return [slice(None)]
    edges = np.linspace(0, n_paths, workers + 1).astype(int)
    return [slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def _fill(out: dict, inputs: dict, secs: tuple[str, ...], extras: list[str],
          side_ids: list[str], cols: slice) -> None:
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

    Y, real = V["gdp"], V["gdp_real_growth"]
    Y[...] = 0.0
    for s in secs:                                     # each sector's level, and GDP their sum
        g, p, X = V[f"{s}_real_growth"][1:], V[f"{s}_deflator"][1:], V[s]
        g[...], p[...] = x[f"g_{s}"], x[f"p_{s}"]
        X[0] = x[f"l0_{s}"]
        _compound(X, factor(g, p))
        np.add(Y, X, out=Y)
    real[1:] = 0.0
    rest = tmp2                                        # the shares of the sectors before the last
    rest[...] = 0.0
    for i, s in enumerate(secs):                       # pp = last year's share × growth in %
        share, c, g = V[f"{s}_share"], V[f"{s}_contribution"], V[f"{s}_real_growth"][1:]
        np.divide(V[s], Y, out=share)                  # a fraction until the end
        if i < len(secs) - 1:
            np.multiply(share[:-1], g, out=c[1:])
            np.add(rest, share[:-1], out=rest)
        else:                                          # the last sector's weight is the rest
            np.subtract(g, np.multiply(rest, g, out=tmp), out=c[1:])
        np.add(real[1:], c[1:], out=real[1:])
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
    K[0] = x["gdp0"] if "gdp0" in x else Y[0]
    _compound(K, factor(real[1:]))

    ri = V["rd_intensity"]
    ri[0] = x["ri0"]
    ri[1:] = x["ri"]
    np.multiply(ri, Y, out=V["rd_expenditure"])
    np.multiply(V["rd_expenditure"], 0.01, out=V["rd_expenditure"])

    # base-year column: the base's own growth, a missing sector backcast from it
    nan = np.full(Y.shape[1], np.nan)
    _, contrib0, growth0, real[0] = backcast(
        [V[s][0] for s in secs], [x.get(f"g0_{s}") for s in secs], x.get("g0_gdp"),
        x.get("gdp0"))
    for s, c0, g0 in zip(secs, contrib0, growth0):
        V[f"{s}_real_growth"][0] = g0
        V[f"{s}_contribution"][0] = c0
        V[f"{s}_deflator"][0] = np.nan
    rg[0] = x.get("g0_retail_sales", nan)
    for k in ("gdp_nominal_growth", "gdp_deflator"):
        V[k][0] = np.nan
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for s in secs:                                 # 贡献率: % of real GDP growth
            rate_ = V[f"{s}_contribution_rate"]
            np.divide(V[f"{s}_contribution"], real, out=rate_)
            np.multiply(rate_, 100.0, out=rate_)
            rate_[~np.isfinite(rate_)] = np.nan
            np.multiply(V[f"{s}_share"], 100.0, out=V[f"{s}_share"])

    for name in extras:
        X, XG = V[name], V[f"{name}_growth"]
        XG[1:] = x[f"x_{name}"]
        XG[0] = x.get(f"g0_{name}", nan)
        X[0] = x[f"x0_{name}"]
        _compound(X, factor(XG[1:]))
        np.divide(X, Y, out=V[f"{name}_share"])
        np.multiply(V[f"{name}_share"], 100.0, out=V[f"{name}_share"])
    for name in side_ids:
        _fill_side(V, x, name, factor)


def _fill_side(V: dict, x: dict, name: str, factor) -> None:
    """One indicator beside GDP (docs/model.md §3b) into ``V`` (arrays (T+1, P)): its level
    from its growth, its buoyancy × nominal GDP growth, or its additions; its growth, share of
    GDP, additions and (population) GDP per capita."""
    spec = side.SIDE_INDICATORS[name]
    X, G, Y = V[name], V[f"{name}_growth"], V["gdp"]
    X[0] = x[f"s0_{name}"]
    G[0] = np.nan                                      # the base gives no base-year growth
    if f"sa_{name}" in x:                              # C_t = C_{t-1} + a_t
        A = V[f"{name}_additions"]
        A[1:] = x[f"sa_{name}"]
        np.cumsum(A[1:], axis=0, out=X[1:])
        np.add(X[1:], X[0], out=X[1:])
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(A[1:], X[:-1], out=G[1:])       # growth of a count from zero: undefined
        np.multiply(G[1:], 100.0, out=G[1:])
        G[~np.isfinite(G)] = np.nan
    else:
        if f"sb_{name}" in x:                          # f_t = b_t n^Y_t
            np.multiply(x[f"sb_{name}"], V["gdp_nominal_growth"][1:], out=G[1:])
        else:
            G[1:] = x[f"sg_{name}"]
        _compound(X, factor(G[1:]))
        if f"{name}_additions" in V:
            np.subtract(X[1:], X[:-1], out=V[f"{name}_additions"][1:])
    if f"{name}_additions" in V:
        V[f"{name}_additions"][0] = np.nan
    if spec.share:
        np.divide(X, Y, out=V[f"{name}_share"])
        np.multiply(V[f"{name}_share"], 100.0, out=V[f"{name}_share"])
    if name == "population":                           # 元 = 亿元 × 1e8 / (万人 × 1e4)
        pc = V[side.PER_CAPITA]
        np.divide(Y, X, out=pc)
        np.multiply(pc, 1e4, out=pc)
