"""Monte Carlo over a scenario's uncertain rates: fan-chart quantiles and target probabilities.

The shocks
----------
Each uncertain rate :math:`j` (in %, or a ratio for the retail elasticity) in projected year
:math:`t = 1..T` is its scenario value plus a shock,

.. math::

    x_{jt} = m_{jt} + Q_j\\big(\\Phi(e_{jt})\\big), \\qquad
    e_{jt} = \\rho\\, e_{j,t-1} + \\sqrt{1-\\rho^2}\\, \\varepsilon_{jt}, \\quad e_{j1} = \\varepsilon_{j1},
    \\qquad \\varepsilon_{t} \\sim N(0, C) \\ \\text{i.i.d.}                        \\tag{1}

where :math:`m_{jt}` is the scenario's rate (the **mode** of the distribution, as the central
projection of the Bank of England's fan charts), :math:`\\rho` the persistence, :math:`C` the
correlation matrix of the innovations, :math:`\\Phi` the standard normal CDF and :math:`Q_j` the
quantile function of a two-piece normal with mode 0 (eq. 2). Every :math:`e_{jt}` is standard
normal (the AR(1) starts from its stationary distribution), :math:`\\operatorname{corr}(e_{jt},
e_{j,t-k}) = \\rho^k` and :math:`\\operatorname{corr}(e_{it}, e_{jt}) = C_{ij}`: a Gaussian
copula. Without skew, :math:`Q_j(\\Phi(e)) = s_j e` and the shocks are exactly jointly normal
with these correlations; with skew, :math:`C_{ij}` is the correlation of the underlying normals.

The two-piece normal (John 1982; Britton, Fisher and Whitley 1998; Wallis 2014) with mode
:math:`\\mu` and scales :math:`\\sigma_1` (below the mode) and :math:`\\sigma_2` (above) has density

.. math::

    f(x) = \\frac{\\sqrt{2/\\pi}}{\\sigma_1+\\sigma_2}
           \\exp\\Big(-\\frac{(x-\\mu)^2}{2\\sigma_i^2}\\Big), \\quad
           i = 1 \\text{ if } x < \\mu \\text{ else } 2,                                \\tag{2}

mean :math:`\\mu + \\sqrt{2/\\pi}(\\sigma_2-\\sigma_1)` and variance
:math:`(1-2/\\pi)(\\sigma_2-\\sigma_1)^2 + \\sigma_1\\sigma_2`. The scenario's ``skew`` :math:`\\gamma
\\in (-1, 1)` is the Bank of England's balance-of-risks parameter, with the sign chosen so that a
positive value means upside risk: :math:`\\sigma_1 \\propto 1/\\sqrt{1+\\gamma}`,
:math:`\\sigma_2 \\propto 1/\\sqrt{1-\\gamma}`, so :math:`\\sigma_2/\\sigma_1 =
\\sqrt{(1+\\gamma)/(1-\\gamma)}`. The scale is then set so that the **standard deviation equals the
scenario's** ``sd`` (pp) whatever the skew (unlike the Bank's :math:`\\sigma`, which is a
harmonic-mean scale). Skew therefore moves the mean and the median away from the scenario's rate
and leaves the spread as stated.

Drawn rates are kept inside each rate's allowed range (growth −50 … 100 %, R&D intensity
0 … 100 % of GDP, elasticity −5 … 5); the share of draws moved to a bound is reported.

References
----------
.. [1] John, S. (1982), "The three-parameter two-piece normal family of distributions and its
   fitting", *Communications in Statistics — Theory and Methods* 11(8), 879–885.
.. [2] Britton, E., Fisher, P. and Whitley, J. (1998), "The Inflation Report projections:
   understanding the fan chart", *Bank of England Quarterly Bulletin* 38(1), 30–37.
.. [3] Wallis, K. F. (2014), "The two-piece normal, binormal, or double Gaussian distribution:
   its origin and rediscoveries", *Statistical Science* 29(1), 106–112.
.. [4] Hamilton, J. D. (1994), *Time Series Analysis*, Princeton UP, sec. 3.4 (AR(1)).
.. [5] Hyndman, R. J. and Fan, Y. (1996), "Sample quantiles in statistical packages",
   *The American Statistician* 50(4), 361–365 (definition 7, numpy's default).
.. [6] Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical
   inference", *JASA* 22(158), 209–212.
"""
from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from . import validation as v
from .errors import InputError, did_you_mean
from .indicators import indicator as _indicator
from .model import Paths, project_paths
from .rng import RNGLike, as_generator
from .scenario import CORRELATION, PERSISTENCE, RATE_RANGES, SD, SKEW, Scenario, Uncertainty
from .targets import PLAN_2024, Target

if TYPE_CHECKING:
    import pandas as pd

    from .limits import Limits

__all__ = [
    "DEFAULT_UNCERTAINTY", "DEFAULT_SD", "FAN_QUANTILES", "MonteCarlo", "Probability",
    "simulate", "summary", "quantiles", "probability", "target_probabilities",
    "parse_threshold", "threshold", "effective_uncertainty", "check_uncertainty",
    "correlation_matrix", "two_piece_scales", "two_piece_moments", "TwoPieceNormal",
    "ar1_filter", "shocks_from_normals", "CHUNK", "MAX_QUANTILES",
]

#: Deciles 10 … 90 %: the bands of the fan chart (10–90, 20–80, 30–70, 40–60) and the median.
FAN_QUANTILES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)

#: Paths per chunk: each chunk has its own random stream (spawned from the seed), so results do
#: not depend on the number of worker threads.
CHUNK = 16_384

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
#: Persistence and correlation used with the default standard deviations (assumptions).
DEFAULT_UNCERTAINTY = Uncertainty(
    sd=DEFAULT_SD, persistence=0.5,
    correlation=(("services_real", "non_services_real", 0.3),))

_OPS = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less}


# -- the two-piece normal -------------------------------------------------------------------------
def two_piece_scales(sd, skew):
    """Scales :math:`(\\sigma_1, \\sigma_2)` of a two-piece normal with standard deviation ``sd``.

    Parameters
    ----------
    sd : float or ndarray
        Standard deviation of the distribution, in the rate's unit (pp).
    skew : float or ndarray
        Balance of risks :math:`\\gamma \\in (-1, 1)`; positive puts more mass above the mode.

    Returns
    -------
    sigma1, sigma2 : ndarray
        Scale below and above the mode, with :math:`\\sigma_2/\\sigma_1 =
        \\sqrt{(1+\\gamma)/(1-\\gamma)}` and variance
        :math:`(1-2/\\pi)(\\sigma_2-\\sigma_1)^2 + \\sigma_1\\sigma_2 = sd^2` (module eq. 2).

    References
    ----------
    .. [1] Wallis, K. F. (2014), *Statistical Science* 29(1), 106–112, eq. (1)–(3).
    """
    sd = np.asarray(sd, dtype=float)
    g = np.asarray(skew, dtype=float)
    r = np.sqrt((1.0 + g) / (1.0 - g))                 # sigma2 / sigma1
    s1 = sd / np.sqrt((1.0 - 2.0 / np.pi) * (r - 1.0) ** 2 + r)
    return s1, r * s1


def two_piece_moments(mode, sigma1, sigma2):
    """Mean and variance of a two-piece normal (module eq. 2).

    Returns
    -------
    mean, variance : ndarray
        :math:`\\mu + \\sqrt{2/\\pi}(\\sigma_2-\\sigma_1)` and
        :math:`(1-2/\\pi)(\\sigma_2-\\sigma_1)^2 + \\sigma_1\\sigma_2`.
    """
    s1, s2 = np.asarray(sigma1, float), np.asarray(sigma2, float)
    return (np.asarray(mode, float) + np.sqrt(2.0 / np.pi) * (s2 - s1),
            (1.0 - 2.0 / np.pi) * (s2 - s1) ** 2 + s1 * s2)


class TwoPieceNormal:
    """A two-piece normal distribution with ``ppf``/``cdf``, usable as a ``dists`` entry of
    :func:`scipy.stats.sobol_indices`.

    Parameters
    ----------
    mode : float
        The mode (the scenario's rate, or 0 for a shock).
    sd : float
        Standard deviation (pp).
    skew : float
        Balance of risks in (-1, 1); see :func:`two_piece_scales`.
    """

    def __init__(self, mode: float = 0.0, sd: float = 1.0, skew: float = 0.0):
        self.mode, self.sd, self.skew = float(mode), float(sd), float(skew)
        s1, s2 = two_piece_scales(sd, skew)
        self.sigma1, self.sigma2 = float(s1), float(s2)

    @property
    def p_below_mode(self) -> float:
        """:math:`P(X < \\mu) = \\sigma_1/(\\sigma_1+\\sigma_2)`."""
        return self.sigma1 / (self.sigma1 + self.sigma2) if self.sd > 0 else 0.5

    def mean(self) -> float:
        return float(two_piece_moments(self.mode, self.sigma1, self.sigma2)[0])

    def std(self) -> float:
        return self.sd

    def cdf(self, x):
        """CDF: :math:`2\\sigma_1/(\\sigma_1+\\sigma_2)\\,\\Phi((x-\\mu)/\\sigma_1)` below the mode,
        :math:`1 - 2\\sigma_2/(\\sigma_1+\\sigma_2)\\,\\Phi(-(x-\\mu)/\\sigma_2)` above."""
        from scipy.special import ndtr

        x = np.asarray(x, dtype=float) - self.mode
        tot = self.sigma1 + self.sigma2
        with np.errstate(divide="ignore", invalid="ignore"):
            lo = 2.0 * self.sigma1 / tot * ndtr(x / self.sigma1)
            hi = 1.0 - 2.0 * self.sigma2 / tot * ndtr(-x / self.sigma2)
        return np.where(x < 0, lo, hi)

    def ppf(self, u):
        """Quantile function: the inverse of :meth:`cdf`."""
        from scipy.special import ndtri

        u = np.asarray(u, dtype=float)
        if self.sd == 0:
            return np.full(u.shape, self.mode)
        p0 = self.p_below_mode
        with np.errstate(divide="ignore", invalid="ignore"):
            lo = self.sigma1 * ndtri(u / (2.0 * p0))
            hi = -self.sigma2 * ndtri((1.0 - u) / (2.0 * (1.0 - p0)))
        return self.mode + np.where(u < p0, lo, hi)

    def from_normal(self, z):
        """Map standard normal ``z`` to this distribution by :math:`Q(\\Phi(z))` (monotone)."""
        return self.mode + _tpn_shock(np.asarray(z, dtype=float), self.sigma1, self.sigma2)

    def __repr__(self) -> str:
        return f"TwoPieceNormal(mode={self.mode:g}, sd={self.sd:g}, skew={self.skew:g})"


def _tpn_shock(z: np.ndarray, s1: float, s2: float) -> np.ndarray:
    """:math:`Q(\\Phi(z))` for a two-piece normal with mode 0 (module eq. 1), computed without
    loss of precision in either tail: below the mode :math:`\\sigma_1\\Phi^{-1}(\\Phi(z)/2p_0)`,
    above :math:`-\\sigma_2\\Phi^{-1}(\\Phi(-z)/2(1-p_0))`, :math:`p_0 = \\sigma_1/(\\sigma_1+\\sigma_2)`."""
    if s1 == s2:
        return s1 * z
    from scipy.special import ndtr, ndtri

    p0 = s1 / (s1 + s2)
    u = ndtr(z)
    below = u < p0
    out = np.empty_like(z)
    out[below] = s1 * ndtri(u[below] / (2.0 * p0))
    above = ~below
    out[above] = -s2 * ndtri(ndtr(-z[above]) / (2.0 * (1.0 - p0)))
    return out


def ar1_filter(eps: np.ndarray, persistence: float, *, axis: int = 0) -> np.ndarray:
    """Stationary AR(1) with unit variance from i.i.d. standard normal innovations (eq. 1).

    :math:`e_1 = \\varepsilon_1`, :math:`e_t = \\rho e_{t-1} + \\sqrt{1-\\rho^2}\\,\\varepsilon_t`,
    so :math:`\\operatorname{var} e_t = 1` and :math:`\\operatorname{corr}(e_t, e_{t-k}) = \\rho^k`
    (Hamilton 1994, eq. 3.4.3–3.4.5). Works in place on ``eq`` along ``axis`` (years) and
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


def shocks_from_normals(e: np.ndarray, sd: float, skew: float = 0.0) -> np.ndarray:
    """Rate shocks (pp) from standard normal ``e``: :math:`Q(\\Phi(e))` for a two-piece normal
    with mode 0, standard deviation ``sd`` and balance of risks ``skew`` (eq. 1–2)."""
    if skew == 0.0:
        return sd * e
    s1, s2 = two_piece_scales(sd, skew)
    return _tpn_shock(e, float(s1), float(s2))


# -- uncertainty: defaults and checks -------------------------------------------------------------
def effective_uncertainty(scenario: Scenario, uncertainty: Uncertainty | None = None
                          ) -> tuple[Uncertainty, tuple[str, ...]]:
    """The uncertainty a Monte Carlo of ``scenario`` uses, and the assumptions it rests on.

    Parameters
    ----------
    scenario : Scenario
    uncertainty : Uncertainty, optional
        Use this instead of the scenario's. An empty ``Uncertainty()`` means no uncertainty.

    Returns
    -------
    uncertainty : Uncertainty
        Restricted to the rates the scenario uses. When neither argument names a standard
        deviation, :data:`DEFAULT_UNCERTAINTY` (and :data:`DEFAULT_EXTRA_SD` per extra level).
    assumptions : tuple of str
        One line per assumed number, labelled as an assumption.
    """
    used = set(scenario.resolved_rates())
    if uncertainty is not None:
        unc, source = uncertainty, "given"
    elif scenario.uncertainty.sd:
        unc, source = scenario.uncertainty, "scenario"
    else:
        sd = {k: x for k, x in DEFAULT_SD.items() if k in used}
        sd.update({k: DEFAULT_EXTRA_SD for k in scenario.base.extras})
        unc = Uncertainty(sd=sd, persistence=DEFAULT_UNCERTAINTY.persistence,
                          correlation=DEFAULT_UNCERTAINTY.correlation)
        source = "default"
    check_uncertainty(unc, scenario.rate_names)
    sd = {k: x for k, x in unc.sd.items() if k in used}
    unc = Uncertainty(sd=sd, skew={k: x for k, x in unc.skew.items() if k in sd},
                      persistence=unc.persistence, correlation=unc.correlation)
    label = {"default": "default assumption (the scenario names no uncertainty)",
             "scenario": "assumption of the scenario file",
             "given": "assumption given to the Monte Carlo"}[source]
    lines = []
    for k, x in sd.items():
        unit = "" if k == "retail_sales_elasticity" else " pp"
        skew = unc.skew.get(k, 0.0)
        lines.append(f"uncertainty.{k}.sd = {x:g}{unit}"
                     + (f", skew = {skew:g}" if skew else "") + f" ({label})")
    if sd:
        lines.append(f"uncertainty.persistence = {unc.persistence:g} ({label})")
        for a, b, rho in unc.correlation:
            lines.append(f"uncertainty.correlation {a}–{b} = {rho:g} ({label})")
    return unc, tuple(lines)


def check_uncertainty(unc: Uncertainty, rate_names: Sequence[str]) -> Uncertainty:
    """Validate an :class:`~sim.scenario.Uncertainty` against a scenario's rate names.

    Raises
    ------
    InputError
        Naming the key and the allowed range, for an unknown rate, a negative or too large
        standard deviation, a skew outside (-1, 1), a persistence outside [0, 0.99], a
        correlation outside [-1, 1], or correlations that do not form a positive semi-definite
        matrix.
    """
    names = list(rate_names)
    for part in ("sd", "skew"):
        for k, x in getattr(unc, part).items():
            key = f"uncertainty.{k}.{part}"
            if k not in names:
                raise InputError("names an unknown rate" + did_you_mean(k, names), key=key,
                                 allowed=", ".join(names))
            v.number(x, key, SD if part == "sd" else SKEW)
    v.number(unc.persistence, "uncertainty.persistence", PERSISTENCE)
    correlation_matrix(unc, names)
    return unc


def correlation_matrix(unc: Uncertainty, names: Sequence[str]) -> np.ndarray:
    """The correlation matrix :math:`C` of eq. (1) over ``names``, checked.

    Parameters
    ----------
    unc : Uncertainty
        Its ``correlation`` pairs (rate, rate, rho); unnamed pairs are 0.
    names : sequence of str
        Rates, in the order of the rows.

    Returns
    -------
    ndarray, shape (k, k)

    Raises
    ------
    InputError
        If a pair names an unknown rate or a rate with itself, is given twice with different
        values, is outside [-1, 1], or if the matrix is not positive semi-definite (its smallest
        eigenvalue is reported).
    """
    names = list(names)
    idx = {k: i for i, k in enumerate(names)}
    c = np.eye(len(names))
    key = "uncertainty.correlation"
    for n, item in enumerate(unc.correlation):
        k = f"{key}[{n}]"
        if len(item) != 3:
            raise InputError("must be [rate, rate, correlation]", key=k)
        a, b, rho = item
        for name in (a, b):
            if name not in idx:
                raise InputError(f"names unknown rate {name!r}" + did_you_mean(str(name), names),
                                 key=k, allowed=", ".join(names))
        if a == b:
            raise InputError("pairs a rate with itself", key=k, allowed="two different rates")
        rho = v.number(rho, k, CORRELATION)
        i, j = idx[a], idx[b]
        if c[i, j] != 0.0 and c[i, j] != rho:
            raise InputError(f"gives {a}–{b} a second value ({c[i, j]:g}, then {rho:g})", key=k,
                             allowed="each pair once")
        c[i, j] = c[j, i] = rho
    if len(names):
        smallest = float(np.linalg.eigvalsh(c)[0])
        if smallest < -1e-10:
            raise InputError(
                f"the correlations do not form a positive semi-definite matrix (smallest "
                f"eigenvalue {smallest:.3g}), so no joint distribution has them", key=key,
                allowed="correlations that are mutually consistent, e.g. if a–b and b–c are "
                        "both strongly positive, a–c cannot be strongly negative")
    return c


def _factor(c: np.ndarray) -> np.ndarray:
    """A square root :math:`L` with :math:`L L^\\top = C`, for positive semi-definite ``c``."""
    try:
        return np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        w, vecs = np.linalg.eigh(c)
        return vecs * np.sqrt(np.clip(w, 0.0, None))


def _correlate(chol: np.ndarray, z: np.ndarray) -> np.ndarray:
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


# -- the Monte Carlo -----------------------------------------------------------------------------
@dataclass(frozen=True)
class MonteCarlo:
    """Monte Carlo paths of one scenario.

    Parameters
    ----------
    scenario : str
        Scenario name.
    paths : Paths
        The simulated paths, shape (P, T+1) per kept indicator (levels 亿元, growth %, pp).
    central : Paths
        The deterministic projection (one path, every indicator).
    uncertainty : Uncertainty
        The uncertainty used (after defaults).
    assumptions : tuple of str
        The assumed numbers, one per line.
    clipped : Mapping[str, float]
        Share of each rate's draws that fell outside its allowed range and were set to the bound.
    seed : int or None
        The seed, when an int was given.
    """

    scenario: str
    paths: Paths
    central: Paths
    uncertainty: Uncertainty
    assumptions: tuple[str, ...]
    clipped: Mapping[str, float]
    seed: int | None = None
    _sorted: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def n_paths(self) -> int:
        return self.paths.n_paths

    @property
    def years(self) -> np.ndarray:
        return self.paths.years

    @property
    def indicators(self) -> list[str]:
        return list(self.paths.values)

    def sorted_values(self, indicator: str) -> np.ndarray:
        """Values of ``indicator`` sorted over paths, shape (T+1, P) (cached)."""
        if indicator not in self._sorted:
            if indicator not in self.paths.values:
                raise InputError("was not kept in this Monte Carlo" +
                                 did_you_mean(indicator, self.indicators), key="indicator",
                                 allowed=", ".join(self.indicators))
            self._sorted[indicator] = np.sort(self.paths[indicator].T, axis=1)
        return self._sorted[indicator]

    # convenience methods: the module functions with this result as the first argument
    def summary(self, **kwargs) -> "pd.DataFrame":
        return summary(self, **kwargs)

    def quantiles(self, indicator: str, q: Sequence[float] = FAN_QUANTILES) -> np.ndarray:
        return quantiles(self, indicator, q)

    def probability(self, indicator: str, year: int, op: str, value: float) -> "Probability":
        return probability(self, indicator, year, op, value)

    def target_probabilities(self, targets: Iterable[Target] = PLAN_2024) -> "pd.DataFrame":
        return target_probabilities(self, targets)


def _scenario(x) -> Scenario:
    if isinstance(x, Scenario):
        return x
    from .scenario import load_scenario

    return load_scenario(x)


def _check_n_paths(n_paths: Any, key: str = "n_paths") -> int:
    return v.integer(n_paths, key, v.Range(1, 50_000_000, "paths"))


def simulate(scenario: Scenario | str, *, n_paths: int = 10_000, rng: RNGLike = None,
             until: int | None = None, uncertainty: Uncertainty | None = None,
             indicators: Sequence[str] | None = None, workers: int | None = None,
             progress: Callable[[float], None] | None = None,
             limits: "Limits | None" = None) -> MonteCarlo:
    """Monte Carlo of a scenario: draw rate paths (eq. 1) and project them all at once.

    Parameters
    ----------
    scenario : Scenario or str
        The scenario (or a shipped scenario's name / a file).
    n_paths : int
        Number of paths, 1 … 50,000,000.
    rng : numpy.random.Generator, int or None
        Randomness (see :func:`sim.rng.as_generator`). Same seed, same ``n_paths`` and ``until``
        give the same numbers to the last digit, whatever ``workers``.
    until : int, optional
        Last year (default the scenario's ``end_year``).
    uncertainty : Uncertainty, optional
        Replace the scenario's uncertainty; see :func:`effective_uncertainty` for the defaults.
    indicators : sequence of str, optional
        Keep only these indicators (default all): each takes (years + 1) × ``n_paths`` × 8
        bytes, e.g. 1,000,000 paths to 2030 take 64 MB per indicator, 1.2 GB for all 18.
    workers : int, optional
        Threads projecting chunks of :data:`CHUNK` paths in parallel (numpy releases the GIL);
        default the number of CPUs, at most 8.
    progress : callable, optional
        Called with the fraction done (0 … 1) after each chunk, from the calling thread.
    limits : sim.limits.Limits, optional
        Refuse more than ``limits.max_paths`` paths or a horizon of more than
        ``limits.max_horizon`` years, before allocating anything (default: no such limit).

    Returns
    -------
    MonteCarlo

    Raises
    ------
    InputError
        For ``n_paths`` < 1, a request beyond ``limits``, an unknown indicator, or invalid
        uncertainty.

    Notes
    -----
    The draws of each chunk of :data:`CHUNK` paths come from their own stream, spawned from
    one :class:`numpy.random.SeedSequence` seeded by ``rng`` (NumPy's recommended way to get
    independent parallel streams). Every rate path goes through :func:`sim.model.project_paths`,
    the same function as the deterministic projection.
    """
    s = _scenario(scenario)
    n_paths = _check_n_paths(n_paths)
    if limits is not None:
        limits.check_paths(n_paths, key="n_paths")
        limits.check_horizon(s.base.year, s.end_year if until is None else until, key="until")
    seed = int(rng) if isinstance(rng, int) and not isinstance(rng, bool) else None
    gen = as_generator(rng)
    kw = s.model_inputs(until)
    years = kw["years"]
    n_years = len(years) - 1
    unc, assumptions = effective_uncertainty(s, uncertainty)
    central = project_paths(**kw)
    if indicators is None:
        keep = list(central.values)
    else:
        keep = list(dict.fromkeys(indicators))
        for k in keep:
            if k not in central.values:
                raise InputError("is not an indicator of this scenario"
                                 + did_you_mean(k, central.values), key="indicators",
                                 allowed=", ".join(central.values))
    names = [k for k, x in unc.sd.items() if x > 0]
    lower = np.array([RATE_RANGES.get(k, v.GROWTH).lo for k in names])
    upper = np.array([RATE_RANGES.get(k, v.GROWTH).hi for k in names])
    pairs = tuple(c for c in unc.correlation if c[0] in names and c[1] in names)
    chol = _factor(correlation_matrix(Uncertainty(correlation=pairs), names))
    mode = {k: np.asarray(kw["rates"][k], float).reshape(-1)[:n_years] for k in names}
    phi = float(unc.persistence)

    n_chunks = -(-n_paths // CHUNK)
    root = np.random.SeedSequence(gen.integers(0, 2**63, size=4, dtype=np.uint64).tolist())
    streams = root.spawn(n_chunks)
    out = {k: np.empty((n_years + 1, n_paths)) for k in keep}
    clipped = np.zeros(len(names))

    def run(i: int) -> np.ndarray:
        lo, hi = i * CHUNK, min(n_paths, (i + 1) * CHUNK)
        m = hi - lo
        rates = dict(kw["rates"])
        n_clip = np.zeros(len(names))
        if names:
            g = np.random.default_rng(streams[i])
            z = g.standard_normal((n_years, len(names), m))      # innovations, (T, k, m)
            e = ar1_filter(_correlate(chol, z), phi, axis=0)      # eq. (1)
            for j, k in enumerate(names):
                r = shocks_from_normals(e[:, j, :], unc.sd[k], unc.skew.get(k, 0.0))
                r += mode[k][:, None]                             # x = m + Q(Phi(e)), (T, m)
                bad = (r < lower[j]) | (r > upper[j])
                if bad.any():
                    n_clip[j] = np.count_nonzero(bad)
                    np.clip(r, lower[j], upper[j], out=r)
                rates[k] = r.T                                    # (m, T) view of (T, m) rows
        p = project_paths(kw["levels"], rates, years=years, base_growth=kw["base_growth"],
                          base_rd_intensity=kw["base_rd_intensity"])
        for k in keep:
            out[k][:, lo:hi] = p.values[k].T
        return n_clip

    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    workers = max(1, min(int(workers), n_chunks))
    if workers == 1:
        for i in range(n_chunks):
            clipped += run(i)
            if progress is not None:
                progress((i + 1) / n_chunks)
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for i, n_clip in enumerate(pool.map(run, range(n_chunks))):
                clipped += n_clip
                if progress is not None:
                    progress((i + 1) / n_chunks)
    share = {k: float(c) / (n_paths * n_years) for k, c in zip(names, clipped)}
    paths = Paths(years=years, values={k: out[k].T for k in keep})
    return MonteCarlo(scenario=s.name, paths=paths, central=central, uncertainty=unc,
                      assumptions=assumptions, clipped=share, seed=seed)


# -- summaries ------------------------------------------------------------------------------------
def _label(q: float) -> str:
    """The statistic of quantile ``q`` in a summary: 0.1 → ``p10``, 0.025 → ``p2.5``."""
    return f"p{100 * q:g}"


#: Most quantiles one call may ask for (each is a row per indicator and year of a summary).
MAX_QUANTILES = 1_000

_Q_ALLOWED = "distinct probabilities in [0, 1], e.g. 0.1, 0.5, 0.9"


def _check_q(q: Sequence[float]) -> np.ndarray:
    """``q`` as a 1-d float array of distinct probabilities in [0, 1], else an
    :class:`InputError` naming ``quantiles`` and the offending value.

    Two values are distinct when their statistic labels (:func:`_label`, e.g. ``p50``) differ:
    a summary has one row per label, so 0.5 and 0.5000001 would collide.
    """
    try:
        arr = np.asarray(q, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"cannot read {str(q)[:60]!r} as numbers", key="quantiles",
                         allowed=_Q_ALLOWED) from None
    arr = np.atleast_1d(arr) + 0.0                   # + 0.0: -0.0 is 0.0 (and its label p0)
    if arr.ndim != 1:
        raise InputError(f"must be a flat list of numbers, got shape {arr.shape}",
                         key="quantiles", allowed=_Q_ALLOWED)
    if arr.size == 0:
        raise InputError("no quantiles given", key="quantiles", allowed=_Q_ALLOWED)
    if arr.size > MAX_QUANTILES:
        raise InputError(f"{arr.size:,} quantiles, more than {MAX_QUANTILES:,}",
                         key="quantiles", allowed=f"1 … {MAX_QUANTILES:,} {_Q_ALLOWED}")
    bad = ~np.isfinite(arr) | (arr < 0) | (arr > 1)
    if bad.any():
        raise InputError(f"quantile {float(arr[bad][0])!r} is not in [0, 1]", key="quantiles",
                         allowed=_Q_ALLOWED)
    seen: dict[str, float] = {}
    for x in map(float, arr):
        label = _label(x)
        if label in seen:
            what = (f"quantile {x:g} is given twice" if seen[label] == x
                    else f"quantiles {seen[label]!r} and {x!r} are both {label}")
            raise InputError(what, key="quantiles", allowed=_Q_ALLOWED)
        seen[label] = x
    return arr


def quantiles(mc: MonteCarlo, indicator: str, q: Sequence[float] = FAN_QUANTILES) -> np.ndarray:
    """Quantiles of one indicator by year (Hyndman–Fan definition 7, linear interpolation).

    Parameters
    ----------
    mc : MonteCarlo
    indicator : str
    q : sequence of float
        Distinct probabilities in [0, 1], at most :data:`MAX_QUANTILES`.

    Returns
    -------
    ndarray, shape (len(q), T+1)
        In the indicator's unit; NaN for years where it is not defined.

    Raises
    ------
    InputError
        Naming ``quantiles``, for no quantile, a value that is NaN or outside [0, 1], a value
        given twice (or two values with the same label, e.g. 0.5 and 0.5000001) or too many.
    """
    q = _check_q(q)
    srt = mc.sorted_values(indicator)
    n = srt.shape[1]
    pos = q * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    frac = (pos - lo)[:, None]
    out = srt[:, lo].T * (1.0 - frac) + srt[:, hi].T * frac
    # a year with any undefined value (NaN sorts last): fall back to numpy's NaN-aware quantile
    bad = np.isnan(srt[:, -1])
    if bad.any():
        with np.errstate(invalid="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out[:, bad] = np.nanquantile(srt[bad], q, axis=1)
    return out


def summary(mc: MonteCarlo, *, indicators: Sequence[str] | None = None,
            q: Sequence[float] = FAN_QUANTILES, years: Sequence[int] | None = None,
            workers: int | None = None) -> "pd.DataFrame":
    """Quantiles, mean, standard deviation and the deterministic path, as one tidy frame.

    Parameters
    ----------
    mc : MonteCarlo
    indicators : sequence of str, optional
        Default every kept indicator.
    q : sequence of float
        Quantiles (default the deciles 10 … 90 %): distinct probabilities in [0, 1], at most
        :data:`MAX_QUANTILES`; each gives the statistic ``p<100 q>`` (0.025 → ``p2.5``).
    years : sequence of int, optional
        Default every year.
    workers : int, optional
        Threads sorting indicators in parallel (default the number of CPUs, at most 8).

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario, indicator, year, statistic, value, unit``: ``statistic`` is ``p10``
        … ``p90`` (quantiles), ``mean``, ``sd`` (standard deviation over paths), ``mean_se``
        (Monte Carlo standard error of the mean, sd/√N) or ``deterministic``. Years where the
        indicator is not defined are left out.

    Raises
    ------
    InputError
        For bad quantiles, as in :func:`quantiles`; for an indicator not kept.
    """
    import pandas as pd

    q = _check_q(q)
    ids = mc.indicators if indicators is None else list(indicators)
    for k in ids:
        if k not in mc.paths.values:
            raise InputError("was not kept in this Monte Carlo" + did_you_mean(k, mc.indicators),
                             key="indicators", allowed=", ".join(mc.indicators))
    todo = [k for k in ids if k not in mc._sorted]
    workers = min(os.cpu_count() or 1, 8) if workers is None else max(1, int(workers))
    if len(todo) > 1 and workers > 1 and mc.n_paths >= 50_000:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            list(pool.map(mc.sorted_values, todo))
    all_years = mc.years
    sel = np.ones(len(all_years), bool) if years is None else np.isin(all_years, list(years))
    n = mc.n_paths
    labels = [_label(x) for x in q] + ["mean", "sd", "mean_se", "deterministic"]
    blocks = []
    for k in ids:
        x = mc.paths[k]
        with np.errstate(invalid="ignore"):
            mean = x.mean(axis=0)
            sd = x.std(axis=0, ddof=1) if n > 1 else np.zeros(len(all_years))
        stats = np.vstack([quantiles(mc, k, q), mean, sd, sd / math.sqrt(n),
                           mc.central[k][0]])[:, sel]
        blocks.append((k, stats))
    ys = all_years[sel]
    rows_per = len(labels) * len(ys)
    frame = pd.DataFrame({
        "scenario": mc.scenario,
        "indicator": np.repeat([k for k, _ in blocks], rows_per),
        "year": np.tile(np.repeat(ys, len(labels)), len(blocks)).astype("int64"),
        "statistic": np.tile(labels, len(ys) * len(blocks)),
        "value": np.concatenate([s.T.reshape(-1) for _, s in blocks]) if blocks else [],
        "unit": np.repeat([_indicator(k).unit for k, _ in blocks], rows_per),
    })
    return frame[np.isfinite(frame["value"].to_numpy(float))].reset_index(drop=True)


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


def _year_index(mc: MonteCarlo, year: Any, key: str = "year") -> int:
    y0, y1 = int(mc.years[0]), int(mc.years[-1])
    year = v.integer(year, key, v.Range(y0, y1, f"(the Monte Carlo covers {y0}–{y1})"))
    return year - y0


def _met(op: str, x, value: float):
    """``x op value`` with the targets' tolerance on the inclusive comparisons."""
    from .targets import TOLERANCE

    if op == ">=":
        value = value - TOLERANCE
    elif op == "<=":
        value = value + TOLERANCE
    res = _OPS[op](np.asarray(x, dtype=float), value)
    return bool(res) if res.ndim == 0 else res


def probability(mc: MonteCarlo, indicator: str, year: int, op: str, value: float) -> Probability:
    """Probability that ``indicator`` in ``year`` satisfies ``op value``, e.g. GDP ≥ 2100亿元.

    Parameters
    ----------
    mc : MonteCarlo
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


def target_probabilities(mc: MonteCarlo, targets: Iterable[Target] = PLAN_2024
                         ) -> "pd.DataFrame":
    """Probability of meeting each target, with its Monte Carlo standard error.

    Parameters
    ----------
    mc : MonteCarlo
    targets : iterable of Target
        Default the 2024 plan (:data:`sim.targets.PLAN_2024`); add thresholds with
        :func:`threshold` / :func:`parse_threshold`.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``scenario, target, label, indicator, year, op, required, unit,
        probability, mc_se, ci_low, ci_high, deterministic, deterministic_met, n_paths,
        status`` where status is ``"evaluated"`` or ``"not evaluable"`` (indicator not in the
        run, or year outside it; then the numbers are NaN).
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
        rows.append(row)
    return pd.DataFrame(rows)
