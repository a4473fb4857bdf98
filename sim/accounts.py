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

__all__ = ["implied_prior_year", "gdp_for_non_services_growth"]


def implied_prior_year(gdp, services, gdp_growth, services_growth):
    """Backcast the prior-year services share and the implied non-services real growth.

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
    gy = np.asarray(gdp_growth, dtype=float) / 100.0
    gs = np.asarray(services_growth, dtype=float) / 100.0
    prior_share = (np.asarray(services, float) / (1.0 + gs)) / (np.asarray(gdp, float) / (1.0 + gy))
    with np.errstate(divide="ignore", invalid="ignore"):
        gn = np.where(prior_share < 1.0, (gy - prior_share * gs) / (1.0 - prior_share), np.nan)
    return prior_share, 100.0 * gn


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
