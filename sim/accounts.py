"""Accounting identities of the base year: the year before it, backcast from its figures.

With a GDP level :math:`Y`, services :math:`S`, and their real growth :math:`g_Y`, :math:`g_S`
in the base year, and one price change common to both sectors (an assumption: the source gives
no sector deflators), the year before has

.. math::

    w_{-1} = \\frac{S/(1+g_S)}{Y/(1+g_Y)}, \\qquad
    g_N = \\frac{g_Y - w_{-1} g_S}{1 - w_{-1}}

where :math:`w_{-1}` is the services share of GDP the year before and :math:`g_N` the real growth
of non-services (primary + secondary) that the figures imply: real GDP growth is the
share-weighted sum of the sectors' real growth (the comparable-price chaining of official
statistics). The projection (:mod:`sim.model`) fills its base-year column with these, and the
consistency report (:mod:`sim.consistency`) states them.
"""
from __future__ import annotations

import numpy as np

__all__ = ["backcast", "implied_prior_year", "gdp_for_non_services_growth", "split_rest"]


def backcast(levels, growth, gdp_growth, gdp=None):
    """The base year's sector shares of the year before, contributions and real growth.

    With one price change common to all sectors (an assumption: sources give no sector
    deflators), sector :math:`i` with base-year level :math:`X_i` and real growth :math:`g_i`
    had the share :math:`w_{i,-1} = \\frac{X_i/(1+g_i)}{Y/(1+g_Y)}` of GDP the year before, and
    contributed :math:`w_{i,-1} g_i` percentage points (拉动) to real GDP growth :math:`g_Y`.
    When every sector's growth is known, the denominator is the sum of the numerators; when
    exactly one sector's growth is missing and :math:`g_Y` is known, that sector takes the rest
    of the share and of the growth (the residual, as non-services in the two-sector form).

    Parameters
    ----------
    levels : sequence of float or ndarray
        Base-year level of each sector, 亿元 at current prices.
    growth : sequence of float, ndarray or None
        Base-year real growth of each sector, %; ``None`` where unknown.
    gdp_growth : float, ndarray or None
        Base-year real GDP growth, %; ``None`` where unknown.
    gdp : float or ndarray, optional
        Base-year GDP, 亿元; default the sum of ``levels``.

    Returns
    -------
    shares : list of ndarray
        Each sector's share of GDP the year before, as a fraction (NaN where unknown).
    contributions : list of ndarray
        Each sector's contribution to real GDP growth, pp (NaN where unknown).
    growth : list of ndarray
        Each sector's real growth, %, the residual filled in (NaN where its prior-year level
        would not be positive).
    gdp_growth : ndarray
        Real GDP growth, %: the given one, else the sum of the contributions when every
        sector's growth is known, else NaN.
    """
    X = [np.asarray(x, dtype=float) for x in levels]
    given = [np.asarray(x, dtype=float) for x in (*growth, gdp_growth) if x is not None]
    nan = np.full(np.broadcast(*X, *given).shape, np.nan)
    g = [nan if x is None else np.asarray(x, dtype=float) / 100.0 for x in growth]
    missing = [i for i, x in enumerate(growth) if x is None]
    if gdp_growth is None and missing:
        return ([nan] * len(X), [nan] * len(X),
                [nan if x is None else np.asarray(x, dtype=float) for x in growth], nan)
    prior = [x / (1.0 + gi) for x, gi in zip(X, g)]
    if gdp_growth is None:
        total = sum(prior)
        gy = sum(p * gi for p, gi in zip(prior, g)) / total
    else:
        gy = np.asarray(gdp_growth, dtype=float) / 100.0
        total = (sum(X) if gdp is None else np.asarray(gdp, dtype=float)) / (1.0 + gy)
    shares = [p / total for p in prior]
    if len(missing) == 1:
        k = missing[0]
        others = [i for i in range(len(X)) if i != k]
        shares[k] = 1.0 - sum(shares[i] for i in others)
        with np.errstate(divide="ignore", invalid="ignore"):
            g[k] = np.where(shares[k] > 0.0,
                            (gy - sum(shares[i] * g[i] for i in others)) / shares[k], np.nan)
    growth_pct = [100.0 * x if i in missing else np.asarray(growth[i], dtype=float)
                  for i, x in enumerate(g)]
    contributions = [w * x for w, x in zip(shares, growth_pct)]
    gy_pct = np.asarray(gdp_growth, dtype=float) if gdp_growth is not None else 100.0 * gy
    if len(missing) == 1:
        contributions[missing[0]] = gy_pct - sum(c for i, c in enumerate(contributions)
                                                 if i != missing[0])
    return shares, contributions, growth_pct, np.broadcast_to(gy_pct, nan.shape).astype(float)


def implied_prior_year(gdp, services, gdp_growth, services_growth):
    """Backcast the prior-year services share and the implied non-services real growth.

    The two-sector case of :func:`backcast`: non-services is GDP less services.

    Parameters
    ----------
    gdp, services : float or ndarray
        Base-year levels, 亿元 at current prices.
    gdp_growth, services_growth : float or ndarray
        Base-year real growth, %.

    Returns
    -------
    prior_share : ndarray
        Services share of GDP in the year before the base, as a fraction.
    non_services_growth : ndarray
        Implied real growth of non-services in the base year, %. NaN where the prior-year
        non-services level would not be positive.
    """
    gdp, services = np.asarray(gdp, dtype=float), np.asarray(services, dtype=float)
    shares, _, growth, _ = backcast([services, gdp - services], [services_growth, None],
                                    gdp_growth, gdp)
    return shares[0], growth[1]


def gdp_for_non_services_growth(services, gdp_growth, services_growth, target):
    """The base-year GDP level (亿元) at which implied non-services real growth equals ``target``.

    Solves :math:`Y - S = (1+r)\\,(Y/(1+g_Y) - S/(1+g_S))` for :math:`Y`.

    Parameters
    ----------
    services : float
        Base-year services value added, 亿元.
    gdp_growth, services_growth, target : float
        Real growth rates, %.

    Returns
    -------
    float
        GDP level in 亿元; NaN when no positive level solves it.
    """
    gy, gs, r = gdp_growth / 100.0, services_growth / 100.0, target / 100.0
    denom = 1.0 - (1.0 + r) / (1.0 + gy)
    if denom == 0.0:
        return float("nan")
    level = services * (1.0 - (1.0 + r) / (1.0 + gs)) / denom
    return float(level) if level > services else float("nan")


def split_rest(rest: float, shares: dict[str, float]) -> dict[str, float]:
    """What GDP leaves after the sectors given (``rest``, 亿元) split among the sectors
    without a level in the ratio of their ``shares`` of GDP (%, the structure): how a base
    derives a sector's level, and its history too. The shares must sum to more than 0."""
    weight = sum(shares.values())
    return {s: rest * x / weight for s, x in shares.items()}

