"""The shocks of the uncertain rates: persistence, correlation and the default assumptions.

Each uncertain rate :math:`j` (in %, or a ratio for the retail elasticity) in projected year
:math:`t = 1..T` is its scenario value plus a shock,

.. math::

    x_{jt} = m_{jt} + Q_j\\big(\\Phi(e_{jt})\\big), \\qquad
    e_{jt} = \\rho\\, e_{j,t-1} + \\sqrt{1-\\rho^2}\\, \\varepsilon_{jt}, \\quad e_{j1} = \\varepsilon_{j1},
    \\qquad \\varepsilon_{t} \\sim N(0, C) \\ \\text{i.i.d.}                        \\tag{1}

where :math:`m_{jt}` is the scenario's rate (the **mode** of the distribution, as the central
projection of the Bank of England's fan charts), :math:`Q_j` has the standard deviation
:math:`s_{jt}` of year :math:`t` (one number for every year, or a path by horizon that widens
as past forecast errors do, :func:`sim.uncertainty.sd_by_year`), :math:`\\rho` the
persistence, :math:`C` the correlation matrix of the innovations
(:func:`sim.uncertainty.correlation_matrix`), :math:`\\Phi` the standard normal CDF and
:math:`Q_j` the quantile function of a two-piece normal with mode 0
(:mod:`sim.analysis.distributions`). Every :math:`e_{jt}` is standard normal (the AR(1) starts
from its stationary distribution), :math:`\\operatorname{corr}(e_{jt}, e_{j,t-k}) = \\rho^k` and
:math:`\\operatorname{corr}(e_{it}, e_{jt}) = C_{ij}`: a Gaussian copula. Without skew,
:math:`Q_j(\\Phi(e)) = s_j e` and the shocks are exactly jointly normal with these correlations;
with skew, :math:`C_{ij}` is the correlation of the underlying normals.

References
----------
.. [1] Hamilton, J. D. (1994), *Time Series Analysis*, Princeton UP, sec. 3.4 (AR(1)).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError, did_you_mean, shown
from ..side_indicators import rate_unit
from ..uncertainty import ORIGINS, SdSpec, Uncertainty, sd_by_year, sd_text
from .distributions import two_piece_from_normal, two_piece_scales

if TYPE_CHECKING:
    from ..scenario import Scenario

__all__ = ["DEFAULT_SD", "DEFAULT_EXTRA_SD", "DEFAULT_SECTOR_SD", "DEFAULT_UNCERTAINTY", "effective_uncertainty",
           "ar1_filter", "shocks_from_normals", "square_root", "correlate"]

#: Standard deviations (pp; the elasticity as a ratio) used when a scenario names no uncertainty.
#: ASSUMPTIONS, not estimates: the seed article publishes no forecast errors. Services growth of
#: a services-dominated district (97 % of GDP) is taken as fairly stable (1 pp); non-services, a
#: small and volatile residual (3 % of GDP), as four times as uncertain.
DEFAULT_SD: Mapping[str, float] = {
    "services_real": 1.0,
    "non_services_real": 4.0,
    "services_deflator": 1.0,
    "non_services_deflator": 1.5,
    "retail_sales": 2.0,
    "retail_sales_elasticity": 0.2,
    "rd_intensity": 0.1,
}
#: For each extra level's nominal growth, pp (assumption).
DEFAULT_EXTRA_SD = 2.0
#: For the sectors of a base that lists them, pp (assumptions): real growth, deflator.
DEFAULT_SECTOR_SD: Mapping[str, float] = {"real": 2.0, "deflator": 1.0}
#: Persistence and correlation used with the default standard deviations (assumptions).
DEFAULT_UNCERTAINTY = Uncertainty(
    sd=DEFAULT_SD, persistence=0.5,
    correlation=(("services_real", "non_services_real", 0.3),))


def effective_uncertainty(scenario: "Scenario", uncertainty: Uncertainty | str | None = None,
                          *, n_years: int | None = None
                          ) -> tuple[Uncertainty, tuple[str, ...]]:
    """The uncertainty an analysis of ``scenario`` uses, and the assumptions it rests on.

    Parameters
    ----------
    scenario : Scenario
    uncertainty : Uncertainty, "history" or "file", optional
        An :class:`~sim.uncertainty.Uncertainty`: use it instead of the scenario's (an empty
        ``Uncertainty()`` means no uncertainty). ``"file"``: the scenario's own numbers (or the
        defaults), whatever its ``from`` says. ``"history"``: the sds from the base's history
        where it gives them, the scenario's own numbers for the rest. Default: the scenario's
        ``[uncertainty]`` table, which says which (``from``, default ``"file"``).
    n_years : int, optional
        Projected years the analysis covers (default the scenario's): the length of an sd path
        taken from history.

    Returns
    -------
    uncertainty : Uncertainty
        Validated (:meth:`sim.uncertainty.Uncertainty.validated`) and restricted to the rates
        the scenario uses. Its numbers, by origin:

        * ``"file"``: the given or scenario's spec; when it names no standard deviation,
          :data:`DEFAULT_UNCERTAINTY` (and :data:`DEFAULT_EXTRA_SD` per extra level,
          :data:`DEFAULT_SECTOR_SD` per sector of a base that lists them);
        * ``"history"``: those numbers, with each rate's sd path and the persistence replaced
          by the calibration of the base's history (:func:`sim.calibrate.calibrate_base`:
          the RMSE of the trend method's backtest errors by horizon, the autocorrelation of
          its errors) where it gives them. Skews and correlations are not estimated: they stay.

        Its ``basis`` says in one line which uncertainty this is and where each rate's sd
        comes from; ``sd_basis`` says it per rate.
    assumptions : tuple of str
        One line per number, labelled by where it comes from: an assumption (of the scenario
        file, the defaults or the caller), a spec's ``basis`` or a rate's own, or the backtest
        of the history (years and warnings).

    Raises
    ------
    InputError
        For an invalid ``uncertainty``, naming the key and the allowed range; for history asked
        of a base that has none, naming the scenario's file and ``uncertainty.from`` (the
        file's choice) or ``uncertainty`` (the caller's).
    """
    used = set(scenario.resolved_rates())
    if uncertainty is None:
        spec, source, origin, key = scenario.uncertainty, "scenario", None, "uncertainty.from"
    elif isinstance(uncertainty, str):
        if uncertainty not in ORIGINS:
            raise InputError(f"is {shown(uncertainty)}" + did_you_mean(uncertainty, ORIGINS),
                             key="uncertainty", allowed='"history" (the sds of the base\'s '
                             'history where it gives them) or "file" (the scenario file\'s)')
        spec, source, origin, key = scenario.uncertainty, "scenario", uncertainty, "uncertainty"
    elif isinstance(uncertainty, Uncertainty):
        spec, source, origin, key = uncertainty, "given", None, "uncertainty.from"
    else:
        raise InputError(f"must be an Uncertainty, \"history\" or \"file\", got "
                         f"{type(uncertainty).__name__}", key="uncertainty")
    if spec.sd or source == "given":
        unc = spec
    else:
        sd = {k: x for k, x in DEFAULT_SD.items() if k in used}
        for sector in scenario.base.sectors:
            sd.update({f"{sector}_{kind}": x for kind, x in DEFAULT_SECTOR_SD.items()})
        sd.update({k: DEFAULT_EXTRA_SD for k in scenario.base.extras})
        names = set(scenario.rate_names)
        unc = Uncertainty(sd=sd, persistence=DEFAULT_UNCERTAINTY.persistence,
                          correlation=tuple(c for c in DEFAULT_UNCERTAINTY.correlation
                                            if c[0] in names and c[1] in names),
                          origin=spec.origin)
        source = "default"
    unc = unc.validated(scenario.rate_names)
    origin = unc.origin if origin is None else origin
    sd = {k: x for k, x in unc.sd.items() if k in used}
    label = {"default": "default assumption (the scenario names no uncertainty)",
             "scenario": "assumption of the scenario file",
             "given": "assumption given to the Monte Carlo"}[source]
    if source != "default" and unc.basis:
        label = unc.basis
    labels = {k: unc.sd_basis.get(k, label) for k in sd}
    persistence, persistence_label = unc.persistence, label
    head = {"default": "default uncertainty", "scenario": "uncertainty of the scenario file",
            "given": "uncertainty given to the Monte Carlo"}[source]
    if origin == "history":
        from ..calibrate import calibrate_base

        base = scenario.base
        try:
            cal = calibrate_base(base)
        except InputError as err:
            raise InputError(f"history asked for, but {err.problem}", source=scenario.source,
                             key=key, allowed='"file" (the numbers of the scenario file, or the '
                             'defaults), or a base with [history.YEAR] tables') from None
        n = scenario.end_year - base.year if n_years is None else int(n_years)
        paths = {k: x for k, x in cal.sd_paths(max(n, 1)).items() if k in used}
        for k in sd:
            if k not in paths:
                labels[k] = f"{labels[k]}, the history of {base.name} giving none"
        for k, path in paths.items():
            sd[k] = path[0] if len(path) == 1 else path
            labels[k] = cal.rates[k].sd_basis(base.name)
        estimate = cal.persistence_estimate(list(paths)) if paths else None
        if estimate is not None:
            persistence = estimate[0]
            persistence_label = (f"from the backtest of the history of {base.name}: "
                                 f"{estimate[1]}")
        else:
            persistence_label = f"{label}, the history of {base.name} giving no estimate"
        head = "uncertainty from history where it gives an sd"
    groups: dict[str, list[str]] = {}
    for k in sd:
        groups.setdefault(labels[k], []).append(k)
    summary = head + ": " + ("; ".join(f"{text}, for {', '.join(ks)}"
                                       for text, ks in groups.items()) or "no rate is uncertain")
    skew = {k: x for k, x in unc.skew.items() if k in sd}
    out = Uncertainty(sd=sd, skew=skew, persistence=persistence, correlation=unc.correlation,
                      basis=summary, sd_basis={k: labels[k] for k in sd}, origin=origin)
    lines = []
    first = scenario.base.year + 1
    for k, x in sd.items():
        own = rate_unit(k)                 # beside GDP: a buoyancy, additions per year
        unit = ("" if k == "retail_sales_elasticity" or own == "(ratio)"
                else f" {own}" if own not in (None, "%") else " pp")
        line = f"uncertainty.{k}.sd = {sd_text(x, first, unit)}"
        if k in skew and skew[k] and labels[k] != label:
            line += f" ({labels[k]}), skew = {skew[k]:g} ({label})"
        else:
            line += (f", skew = {skew[k]:g}" if skew.get(k) else "") + f" ({labels[k]})"
        lines.append(line)
    if sd:
        lines.append(f"uncertainty.persistence = {persistence:g} ({persistence_label})")
        for a, b, rho in unc.correlation:
            lines.append(f"uncertainty.correlation {a}–{b} = {rho:g} ({label})")
    return out, tuple(lines)


def ar1_filter(eps: np.ndarray, persistence: float, *, axis: int = 0) -> np.ndarray:
    """Stationary AR(1) with unit variance from i.i.d. standard normal innovations (eq. 1).

    :math:`e_1 = \\varepsilon_1`, :math:`e_t = \\rho e_{t-1} + \\sqrt{1-\\rho^2}\\,\\varepsilon_t`,
    so :math:`\\operatorname{var} e_t = 1` and :math:`\\operatorname{corr}(e_t, e_{t-k}) = \\rho^k`
    (Hamilton 1994, eq. 3.4.3–3.4.5). Works in place on ``eps`` along ``axis`` (years) and
    returns it.
    """
    if persistence == 0.0:
        return eps
    e = np.moveaxis(eps, axis, 0)
    c = math.sqrt(1.0 - persistence * persistence)
    for t in range(1, e.shape[0]):
        e[t] *= c
        e[t] += persistence * e[t - 1]
    return eps


def shocks_from_normals(e: np.ndarray, sd: SdSpec, skew: float = 0.0, *,
                        axis: int = 0) -> np.ndarray:
    """Rate shocks (pp) from standard normal ``e``: :math:`Q(\\Phi(e))` for a two-piece normal
    with mode 0, standard deviation ``sd`` and balance of risks ``skew`` (eq. 1).

    Parameters
    ----------
    e : ndarray
        Standard normal draws, the projected years along ``axis``.
    sd : float or tuple of float
        Standard deviation, pp: one number for every year, or a path by horizon (its last
        value continuing, :func:`sim.uncertainty.sd_by_year`).
    skew : float
        Balance of risks in (-1, 1).
    axis : int
        The axis of ``e`` that runs over projected years (used by an sd path only).
    """
    if isinstance(sd, tuple):
        s = sd_by_year(sd, e.shape[axis])
        if skew == 0.0:
            shape = [1] * e.ndim
            shape[axis] = -1
            return e * s.reshape(shape)
        out = np.empty_like(e)
        for t, x in enumerate(s):                 # each year its own scales
            at = (slice(None),) * (axis % e.ndim) + (t,)
            out[at] = shocks_from_normals(e[at], float(x), skew)
        return out
    if skew == 0.0:
        return sd * e
    s1, s2 = two_piece_scales(sd, skew)
    return two_piece_from_normal(e, float(s1), float(s2))


def square_root(c: np.ndarray) -> np.ndarray:
    """A square root :math:`L` with :math:`L L^\\top = C`, for positive semi-definite ``c``."""
    try:
        return np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        w, vecs = np.linalg.eigh(c)
        return vecs * np.sqrt(np.clip(w, 0.0, None))


def correlate(chol: np.ndarray, z: np.ndarray) -> np.ndarray:
    """:math:`\\varepsilon_t = L z_t` over axis 1 of ``z`` (T, k, m), with :math:`L L^\\top = C`
    (eq. 1). Written as element-wise sums, not BLAS, so that the result does not depend on the
    BLAS kernel or thread count: same seed, same numbers to the last digit."""
    k = chol.shape[0]
    if k <= 1 or np.array_equal(chol, np.eye(k)):
        return z
    out = np.empty_like(z)
    tmp = np.empty_like(z[:, 0, :])
    for i in range(k):
        np.multiply(z[:, 0, :], chol[i, 0], out=out[:, i, :])
        for j in range(1, k):
            if chol[i, j] != 0.0:
                np.multiply(z[:, j, :], chol[i, j], out=tmp)
                out[:, i, :] += tmp
    return out
