"""Sensitivity of an output (one indicator in one year) to a scenario's inputs.

Tornado (local, one at a time)
    Each input moves down and up by its step (its uncertainty's standard deviation, else 1 pp;
    0.1 for the retail elasticity; 1 % of a base level) with the others at their scenario
    values. All 2K + 1 variants run in one call of the vectorized core. A rate input shifts
    the rate's whole path (every projected year) unless a year is named
    (``services_real[2024]``).

Sobol indices (global, variance-based)
    First-order :math:`S_i = V[E(Y|X_i)]/V(Y)` and total :math:`S_{Ti} = E[V(Y|X_{\\sim i})]/V(Y)`
    (Sobol' 2001; Saltelli et al. 2010), estimated with :func:`scipy.stats.sobol_indices`
    (Saltelli 2010 design and estimators, Table 2 (b) and (f)). For a scenario, the factors are
    its uncertain rates, and factor :math:`i` is the rate's **whole shock path** over the years
    up to the output year, drawn as in the Monte Carlo (two-piece normal marginals, AR(1)
    persistence; :mod:`sim.analysis.shocks` eq. 1): Sobol indices of groups of variables (Jacques et
    al. 2006). The design matrices :math:`A`, :math:`B` and the :math:`d` matrices
    :math:`A_B^{(i)}` (A with group i from B) come from one scrambled Sobol' sequence, like
    scipy's own ``sample_A_B``; the :math:`n(d+2)` model runs are :math:`d+2` calls of the
    vectorized core, one per matrix (so memory grows with :math:`n`, not :math:`n(d+2)`), and
    scipy computes the indices from them. Sobol indices need independent factors: the
    correlation between rates is set to zero (and said so in ``notes``). Bootstrap intervals
    (BCa, as :func:`scipy.stats.bootstrap`) resample the n base samples without copying the
    model outputs: each index is a ratio of means over the samples, so a resample is a vector
    of counts and its indices one matrix product; the jackknife's leave-one-out means come from
    the sums (O(n·d), not the :math:`n \times n` of resampling the data).

References
----------
.. [1] Sobol', I. M. (2001), "Global sensitivity indices for nonlinear mathematical models and
   their Monte Carlo estimates", *Mathematics and Computers in Simulation* 55, 271–280.
.. [2] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and Tarantola, S. (2010),
   "Variance based sensitivity analysis of model output. Design and estimator for the total
   sensitivity index", *Computer Physics Communications* 181(2), 259–270.
.. [3] Jacques, J., Lavergne, C. and Devictor, N. (2006), "Sensitivity analysis in presence of
   model uncertainty and correlated inputs", *Reliability Engineering & System Safety* 91,
   1126–1134 (indices of groups of inputs).
.. [4] Saltelli, A. et al. (2008), *Global Sensitivity Analysis. The Primer*, Wiley, ch. 4
   (the Ishigami function, p. 179–182).
.. [5] Efron, B. and Tibshirani, R. J. (1993), *An Introduction to the Bootstrap*, Chapman &
   Hall, ch. 14.3 (the BCa interval, eq. 14.9–14.15).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import validation as v
from ..errors import InputError, did_you_mean
from ..indicators import indicator as _indicator
from ..model import project_paths
from ..rng import RNGLike, as_generator
from ..scenario import Scenario, as_scenario, rate_range
from ..uncertainty import SdSpec, Uncertainty, sd_by_year
from ._common import check_indicator, not_defined, output_year
from .inputs import ScenarioInput, batch_inputs, parse_input
from .shocks import ar1_filter, effective_uncertainty, shocks_from_normals

if TYPE_CHECKING:
    import pandas as pd

    from ..limits import Limits

__all__ = ["Tornado", "tornado", "Sobol", "sobol", "sobol_scenario", "default_step",
           "MAX_RESAMPLES"]


def _output(s: Scenario, indicator: str, year: Any) -> tuple[str, int]:
    """The output, checked: a year after the base year and an indicator of the projection."""
    year = output_year(s, year)
    return check_indicator(indicator, list(project_paths(**s.model_inputs(year)).values)), year


def default_step(s: Scenario, inp: ScenarioInput, sd: Mapping[str, SdSpec]) -> float:
    """The tornado step of an input: its standard deviation (for an sd path by horizon, the
    first projected year's), else 1 pp (0.1 for the retail elasticity and a buoyancy, 10 % of
    a count's additions per year, at least 1; always 1 pp for ``gdp_real`` and ``deflator``),
    or 1 % of a base level (亿元)."""
    if inp.kind == "level":
        return 0.01 * float(s.start.levels[inp.names[0]])
    first = sd_by_year(sd.get(inp.names[0], 0.0), 1)[0] if len(inp.names) == 1 else 0.0
    if first > 0:
        return float(first)
    if inp.unit.endswith(" per year"):
        return max(1.0, 0.1 * abs(inp.current(s)))
    return 0.1 if inp.unit == "(ratio)" else 1.0


# -- tornado -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tornado:
    """One-at-a-time sensitivities, sorted by swing.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per input, largest swing first: ``input, step, unit, low, high, delta_low,
        delta_high, swing`` — the input moved by −step and +step (``unit``), the output then
        (``low``, ``high``, in ``output_unit``), their differences from ``base``, and
        ``swing`` = |high − low|.
    indicator : str
    year : int
    base : float
        The output at the scenario's own inputs.
    output_unit : str
    model_runs : int
        Paths projected (2K + 1, in one call of the core).
    scenario : str
    """

    frame: "pd.DataFrame"
    indicator: str
    year: int
    base: float
    output_unit: str
    model_runs: int
    scenario: str


def tornado(scenario: Scenario | str, *, indicator: str, year: int,
            inputs: Sequence[str] | None = None, steps: Mapping[str, float] | None = None,
            uncertainty: Uncertainty | str | None = None, limits: "Limits | None" = None
            ) -> Tornado:
    """Tornado: the output when each input moves by ± its step, one at a time.

    Parameters
    ----------
    scenario : Scenario or str
    indicator : str
        Output indicator id.
    year : int
        Output year (after the base year).
    inputs : sequence of str, optional
        Inputs (see :mod:`sim.analysis.inputs`: a rate, ``rate[year]``, ``gdp_real``, ``deflator``,
        ``levels.<name>``). Default: the uncertain rates (after the default assumptions of
        :func:`sim.analysis.shocks.effective_uncertainty`); every rate of the scenario if none.
    steps : Mapping[str, float], optional
        Step per input, in the input's unit (pp for rates, 亿元 for levels); default
        :func:`default_step`.
    uncertainty : Uncertainty, "history" or "file", optional
        Source of the default steps instead of the scenario's (as in
        :func:`sim.analysis.shocks.effective_uncertainty`).
    limits : sim.limits.Limits, optional
        Refuse a year more than ``limits.max_horizon`` years after the base year.

    Returns
    -------
    Tornado

    Raises
    ------
    InputError
        For an unknown input or indicator, a year out of range or beyond ``limits``, a step
        that is not positive.
    """
    import pandas as pd

    s = as_scenario(scenario)
    if limits is not None:
        limits.check_horizon(s.base.year, year, key="year")
    indicator, year = _output(s, indicator, year)
    unc, _ = effective_uncertainty(s, uncertainty)
    sd = unc.uncertain()
    names = list(inputs) if inputs is not None else (list(sd) or list(s.resolved_rates()))
    if not names:
        raise InputError("no inputs to vary", key="inputs", allowed="one or more inputs")
    parsed = [parse_input(s, n, key="inputs") for n in names]
    steps = dict(steps or {})
    for k in steps:
        if k not in names:
            raise InputError(f"step given for {k!r}, which is not among the inputs"
                             + did_you_mean(k, names), key="steps", allowed=", ".join(names))
    step = []
    for name, inp in zip(names, parsed):
        st = steps.get(name, default_step(s, inp, sd))
        step.append(v.number(st, f"steps.{name}", v.Range(0.0, 1e8, inp.unit, lo_open=True)))
        missing = [n for n in inp.names if inp.kind == "rate" and n not in s.resolved_rates()]
        if missing:
            raise InputError(f"the scenario does not set {missing[0]}, so it cannot be moved",
                             key="inputs", allowed="rates the scenario sets: "
                                                   + ", ".join(s.resolved_rates()))
        if inp.first_moved(s) > year:
            raise InputError(f"{inp.key} is after the output year {year} and cannot move it",
                             key="inputs", allowed=f"years up to {year}")
    k = len(parsed)
    n = 2 * k + 1
    n_years = year - s.base.year
    add: dict[str, np.ndarray] = {}
    set_levels: dict[str, np.ndarray] = {}
    for i, (inp, st) in enumerate(zip(parsed, step)):
        rows = np.array([1 + i, 1 + k + i])
        signs = np.array([-st, st])
        if inp.kind == "level":
            name = inp.names[0]
            arr = set_levels.setdefault(name, np.full(n, float(s.start.levels[name])))
            arr[rows] += signs
            continue
        for name in inp.names:
            arr = add.setdefault(name, np.zeros((n, n_years)))
            cols = np.arange(n_years) if inp.year is None else s.rate_columns(name, inp.year,
                                                                                year)
            arr[np.ix_(rows, cols)] += signs[:, None]
    kw = batch_inputs(s, n=n, until=year, add_rates=add, set_levels=set_levels)
    for name in add:       # moved rates stay inside their allowed ranges
        r = rate_range(name)
        kw["rates"][name] = np.clip(kw["rates"][name], r.lo, r.hi)
    y = project_paths(**kw)[indicator][:, -1]
    base, low, high = float(y[0]), y[1:1 + k], y[1 + k:]
    frame = pd.DataFrame({
        "input": [p.key for p in parsed], "step": step, "unit": [p.unit for p in parsed],
        "low": low, "high": high, "delta_low": low - base, "delta_high": high - base,
        "swing": np.abs(high - low)})
    frame = frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    return Tornado(frame=frame, indicator=indicator, year=year, base=base,
                   output_unit=_indicator(indicator).unit, model_runs=n, scenario=s.name)


# -- Sobol ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sobol:
    """Sobol indices of one output.

    Parameters
    ----------
    names : tuple of str
        The factors.
    first_order, total_order : ndarray, shape (d,)
        :math:`S_i` and :math:`S_{Ti}` (shares of the output's variance, 0 … 1 up to sampling
        error).
    n : int
        Base samples (a power of 2).
    model_runs : int
        Model evaluations, :math:`n(d+2)`.
    first_ci, total_ci : ndarray, shape (2, d), or None
        Bootstrap (BCa) confidence intervals (rows low, high), when asked for; [S, S] for a
        factor without effect, NaN where the bootstrap distribution lies wholly on one side
        of the estimate.
    mean, variance : float
        Of the output over the A and B samples.
    output : str
        ``"<indicator> <year>"`` or ``"f"``.
    unit : str
    notes : tuple of str
        Assumptions of the design (e.g. correlations set to zero).
    """

    names: tuple[str, ...]
    first_order: np.ndarray
    total_order: np.ndarray
    n: int
    model_runs: int
    first_ci: np.ndarray | None = None
    total_ci: np.ndarray | None = None
    mean: float = float("nan")
    variance: float = float("nan")
    output: str = "f"
    unit: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def interactions(self) -> float:
        """:math:`1 - \\sum_i S_i`: the variance share due to interactions between factors."""
        return float(1.0 - np.sum(self.first_order))

    def to_frame(self) -> "pd.DataFrame":
        """``factor, first_order, total_order`` (and ``*_low``, ``*_high`` with a bootstrap),
        largest total first."""
        import pandas as pd

        d = {"factor": list(self.names), "first_order": self.first_order,
             "total_order": self.total_order}
        if self.first_ci is not None:
            d.update(first_low=self.first_ci[0], first_high=self.first_ci[1],
                     total_low=self.total_ci[0], total_high=self.total_ci[1])
        return (pd.DataFrame(d).sort_values("total_order", ascending=False, kind="stable")
                .reset_index(drop=True))


def _check_n(n: Any) -> int:
    n = v.integer(n, "n", v.Range(2, 2**22, "base samples, a power of 2"))
    if n & (n - 1):
        raise InputError(f"is {n}, not a power of 2 (Sobol' sequences need one)", key="n",
                         allowed="a power of 2, e.g. 1024, 4096, 16384")
    return n


#: Most bootstrap resamples :func:`sobol` and :func:`sobol_scenario` accept.
MAX_RESAMPLES = 1_000_000

#: Values held by one batch of bootstrap resamples (resample counts, floats): a batch holds
#: ``BOOTSTRAP_BATCH_VALUES // n`` count vectors of the n base samples at a time.
BOOTSTRAP_BATCH_VALUES = 2**20


def _check_bootstrap(confidence_level: Any, n_resamples: Any) -> tuple[float, int]:
    cl = v.number(confidence_level, "confidence_level",
                  v.Range(0.0, 1.0, "(a probability)", lo_open=True, hi_open=True))
    b = v.integer(n_resamples, "n_resamples", v.Range(1, MAX_RESAMPLES, "resamples"))
    return cl, b


def _sobol_terms(f_A: np.ndarray, f_B: np.ndarray, f_AB: np.ndarray) -> np.ndarray:
    """Per base sample, the terms whose means over the samples give the indices: rows
    :math:`f_A + f_B`, :math:`f_A^2 + f_B^2`, then :math:`f_B (f_{A_B^{(i)}} - f_A)` and
    :math:`(f_A - f_{A_B^{(i)}})^2` for each factor i; shape (2 + 2d, n)."""
    return np.vstack([f_A + f_B, f_A ** 2 + f_B ** 2, f_B * (f_AB - f_A), (f_A - f_AB) ** 2])


def _indices_from_means(m: np.ndarray) -> np.ndarray:
    """First-order and total indices (Saltelli et al. 2010, Table 2 (b) and (f), the
    estimators of :func:`scipy.stats.sobol_indices`) from the means ``m`` of the terms of
    :func:`_sobol_terms` (terms on axis 0, any further axes); shape (2, d, ...)."""
    d = (m.shape[0] - 2) // 2
    var = m[1] / 2 - (m[0] / 2) ** 2                 # variance over the 2n values of A and B
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.stack([m[2:2 + d] / var,            # Table 2 (b)
                         0.5 * m[2 + d:] / var])      # Table 2 (f)


def _bootstrap(f_A, f_B, f_AB, *, confidence_level: float, n_resamples: int, rng
               ) -> tuple[np.ndarray, np.ndarray]:
    """BCa bootstrap intervals of the indices, resampling the n base samples (the rows of A,
    B and each A_B^(i) together); returns (2, d) arrays (low, high) for first and total.

    The interval of :func:`scipy.stats.bootstrap` (``method="BCa"``; Efron and Tibshirani
    1993 [5], ch. 14.3), with scipy's draws of resample indices from ``rng``, computed without
    copying the data: every index is a ratio of means of per-sample terms :math:`H`
    (:func:`_sobol_terms`), so a resample — a count vector :math:`c` of how often each base
    sample is drawn — has the means :math:`c^\\top H / n`, one matrix product per batch of
    resamples, and the jackknife's leave-one-out means are :math:`(\\sum_k H_k - H_j)/(n-1)`.
    Work is O(``n_resamples`` · n · d), memory O(n · d) besides one batch of
    :data:`BOOTSTRAP_BATCH_VALUES` counts. A factor whose resampled indices all equal its
    estimate (no effect on the output) gets the interval [estimate, estimate], where scipy's
    is NaN.
    """
    from scipy.special import ndtr, ndtri
    from scipy.stats import quantile

    mean = np.mean(np.concatenate([f_A, f_B]))        # scipy's centring by the mean
    terms = _sobol_terms(f_A - mean, f_B - mean, f_AB - mean)            # (2 + 2d, n)
    n = terms.shape[1]
    theta = _indices_from_means(terms.mean(axis=1))                      # (2, d)
    # the bootstrap distribution, a batch of count vectors at a time
    theta_b = np.empty((*theta.shape, n_resamples))
    per_sample = np.ascontiguousarray(terms.T) / n                       # (n, 2 + 2d)
    batch = max(1, BOOTSTRAP_BATCH_VALUES // n)
    for start in range(0, n_resamples, batch):
        b = min(batch, n_resamples - start)
        idx = rng.integers(0, n, (b, n))             # the draws of scipy.stats.bootstrap
        idx += np.arange(0, b * n, n)[:, None]
        counts = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(float)
        del idx
        theta_b[..., start:start + b] = _indices_from_means((counts @ per_sample).T)
        del counts
    # bias correction: the share of resamples below the estimate, ties counted half (14.14)
    below = (np.count_nonzero(theta_b < theta[..., None], axis=-1)
             + np.count_nonzero(theta_b <= theta[..., None], axis=-1)) / (2 * n_resamples)
    z0 = ndtri(below)
    # acceleration, from the jackknife: leave one base sample out (14.15)
    loo = (terms.sum(axis=1, keepdims=True) - terms) / (n - 1)
    theta_j = _indices_from_means(loo)                                   # (2, d, n)
    u = (n - 1) * (theta_j.mean(axis=-1, keepdims=True) - theta_j)
    num, den = np.sum(u ** 3, axis=-1) / n ** 3, np.sum(u ** 2, axis=-1) / n ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(den > 0, num / (6.0 * den ** 1.5), 0.0)
        z = ndtri((1.0 - confidence_level) / 2)
        alpha = np.stack([ndtr(z0 + (z0 + zz) / (1 - a * (z0 + zz))) for zz in (z, -z)],
                         axis=-1)                                        # (2, d, 2)
    ci = quantile(theta_b, alpha, axis=-1)           # Hyndman–Fan definition 7, as scipy
    return ci[0].T, ci[1].T


def _result(res, names, n, d, bootstrap, confidence_level, n_resamples, f_A, f_B, f_AB, rng,
            **extra) -> Sobol:
    first, total = np.atleast_1d(res.first_order), np.atleast_1d(res.total_order)
    first_ci = total_ci = None
    if bootstrap:
        first_ci, total_ci = _bootstrap(f_A, f_B, f_AB, confidence_level=confidence_level,
                                        n_resamples=n_resamples, rng=rng)
    f_all = np.concatenate([f_A, f_B])
    return Sobol(names=tuple(names), first_order=first, total_order=total, n=n,
                 model_runs=n * (d + 2), first_ci=first_ci, total_ci=total_ci,
                 mean=float(np.mean(f_all)), variance=float(np.var(f_all)), **extra)


def sobol(func: Callable[[np.ndarray], np.ndarray], *, dists: Sequence[Any], n: int = 4096,
          rng: RNGLike = None, names: Sequence[str] | None = None, bootstrap: bool = False,
          confidence_level: float = 0.95, n_resamples: int = 999) -> Sobol:
    """Sobol indices of any vectorized function, via :func:`scipy.stats.sobol_indices`.

    Parameters
    ----------
    func : callable
        ``func(x)`` with ``x`` of shape (d, m) returns shape (m,) (one output).
    dists : sequence
        One distribution per factor, each with a ``ppf`` method (scipy.stats frozen
        distributions, :class:`sim.analysis.TwoPieceNormal`).
    n : int
        Base samples, a power of 2; the function is evaluated at :math:`n(d+2)` points.
    rng : numpy.random.Generator, int or None
        Seeds the scrambled Sobol' sequence.
    names : sequence of str, optional
        Factor names (default ``x1 … xd``).
    bootstrap : bool
        Also compute BCa bootstrap confidence intervals (``n_resamples`` resamples of the n
        base samples; work grows with ``n_resamples`` · n).
    confidence_level : float
        Of the intervals, in (0, 1) (default 0.95).
    n_resamples : int
        Bootstrap resamples, 1 … :data:`MAX_RESAMPLES` (default 999).

    Returns
    -------
    Sobol

    Raises
    ------
    InputError
        For a bad ``n``, ``confidence_level`` or ``n_resamples``, or no factor.
    """
    from scipy.stats import sobol_indices

    n = _check_n(n)
    confidence_level, n_resamples = _check_bootstrap(confidence_level, n_resamples)
    d = len(dists)
    if d < 1:
        raise InputError("no factors", key="dists", allowed="one or more distributions")
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(d)]
    calls = []

    def wrapped(x):
        y = np.asarray(func(x), dtype=float)
        calls.append(y)
        return y

    gen = as_generator(rng)
    res = sobol_indices(func=wrapped, n=n, dists=list(dists), rng=gen)
    f_A, f_B = np.ravel(calls[0]), np.ravel(calls[1])
    f_AB = np.ravel(calls[2]).reshape(n, d).T           # scipy evaluates A_B as (n, d) columns
    return _result(res, names, n, d, bootstrap, confidence_level, n_resamples, f_A, f_B, f_AB,
                   gen)


def sobol_scenario(scenario: Scenario | str, *, indicator: str, year: int, n: int = 4096,
                   rng: RNGLike = None, uncertainty: Uncertainty | str | None = None,
                   factors: Sequence[str] | None = None, bootstrap: bool = False,
                   confidence_level: float = 0.95, n_resamples: int = 999,
                   limits: "Limits | None" = None) -> Sobol:
    """Sobol indices of one output of a scenario over its uncertain rates (see module docs).

    Parameters
    ----------
    scenario : Scenario or str
    indicator : str
        Output indicator id.
    year : int
        Output year (after the base year).
    n : int
        Base samples, a power of 2 (default 4096); the core projects :math:`n(d+2)` paths in
        :math:`d+2` calls of :math:`n`.
    rng : numpy.random.Generator, int or None
        Seeds the scrambled Sobol' sequence: same seed, same indices.
    uncertainty : Uncertainty, "history" or "file", optional
        Instead of the scenario's (defaults and history as in
        :func:`sim.analysis.shocks.effective_uncertainty`).
    factors : sequence of str, optional
        A subset of the uncertain rates (default all with sd > 0).
    bootstrap, confidence_level, n_resamples
        Bootstrap confidence intervals, as in :func:`sobol`.
    limits : sim.limits.Limits, optional
        Refuse more than ``limits.max_sobol_samples`` base samples, a year more than
        ``limits.max_horizon`` years after the base year, or (with ``bootstrap``) more than
        ``limits.max_bootstrap_resamples`` resamples, before allocating anything.

    Returns
    -------
    Sobol
        With ``model_runs`` = :math:`n(d+2)` and ``notes`` stating the design's assumptions.

    Raises
    ------
    InputError
        For a bad ``n``, ``confidence_level`` or ``n_resamples``, a request beyond ``limits``,
        an unknown factor, or no uncertain rate.
    """
    from scipy.special import ndtri
    from scipy.stats import qmc, sobol_indices

    s = as_scenario(scenario)
    if limits is not None:
        limits.check_sobol_samples(n, key="n")
        limits.check_horizon(s.base.year, year, key="year")
        if bootstrap:
            limits.check_bootstrap_resamples(n_resamples, key="n_resamples")
    indicator, year = _output(s, indicator, year)
    n = _check_n(n)
    confidence_level, n_resamples = _check_bootstrap(confidence_level, n_resamples)
    unc, assumptions = effective_uncertainty(s, uncertainty)
    sd = unc.uncertain()
    names = sorted(sd) if factors is None else list(factors)   # draws by name, as the MC
    for k in names:
        if k not in sd:
            raise InputError(f"{k!r} is not an uncertain rate of this scenario"
                             + did_you_mean(k, sd), key="factors",
                             allowed=", ".join(sd) or "(none: give the scenario uncertainty)")
    if not names:
        raise InputError("the scenario has no uncertain rate", key="uncertainty",
                         allowed="a standard deviation > 0 for at least one rate")
    if len(names) == 1:         # nothing to share out: the one factor explains all the variance
        raise InputError(f"has one uncertain rate ({names[0]}), which explains all the "
                         "variance (S1 = ST = 1): Sobol indices share the variance out among "
                         "several", key="factors" if factors is not None else "uncertainty",
                         allowed="two or more uncertain rates")
    d, T = len(names), year - s.base.year
    gen = as_generator(rng)
    # A and B from one scrambled Sobol' sequence of 2·d·T dimensions (Saltelli 2010, sec. 5)
    u = qmc.Sobol(d=2 * d * T, scramble=True, rng=gen).random(n)
    tiny = np.finfo(float).tiny
    np.clip(u, tiny, 1.0 - np.finfo(float).epsneg, out=u)
    z = np.ascontiguousarray(ndtri(u).reshape(n, 2, d, T).transpose(1, 2, 3, 0))  # (2,d,T,n)
    del u
    ar1_filter(z, unc.persistence, axis=2)                         # eq. (1), per factor
    for j, k in enumerate(names):                                  # the shocks, in place
        z[:, j] = shocks_from_normals(z[:, j], sd[k], unc.skew.get(k, 0.0), axis=1)
    A, B = z[0], z[1]                                              # (d, T, n)
    kw = s.model_inputs(year)
    mode = {k: np.asarray(kw["rates"][k], float).reshape(-1)[:T, None] for k in names}
    bounds = {k: rate_range(k) for k in names}

    def run(source: Sequence[np.ndarray]) -> np.ndarray:
        """The output for n rate paths: factor j's shocks from ``source[j]`` (T, n)."""
        rates = dict(kw["rates"])
        for j, k in enumerate(names):
            x = source[j] + mode[k]
            np.clip(x, bounds[k].lo, bounds[k].hi, out=x)
            rates[k] = x.T                                         # (n, T) view of (T, n)
        return project_paths(kw["levels"], rates, years=kw["years"],
                             base_growth=kw["base_growth"],
                             base_rd_intensity=kw["base_rd_intensity"],
                             sectors=kw["sectors"])[indicator][:, -1].copy()

    # A, B, then A_B^(i) (A with factor i from B): one call of the core per matrix
    f_A, f_B = run(A), run(B)
    f_AB = np.stack([run([B[j] if j == i else A[j] for j in range(d)]) for i in range(d)])
    y = np.concatenate([f_A, f_B, f_AB.ravel()])
    if not np.all(np.isfinite(y)):
        raise not_defined(indicator, year)
    res = sobol_indices(func={"f_A": f_A[None, :], "f_B": f_B[None, :],
                              "f_AB": f_AB[:, None, :]}, n=n)
    notes = [f"factor = a rate's shock path {s.base.year + 1}–{year} (two-piece normal, "
             f"persistence {unc.persistence:g})"]
    if any(a in names and b in names for a, b, _ in unc.correlation):
        notes.append("correlations between rates set to zero: Sobol indices need independent "
                      "factors")
    notes += list(assumptions)
    return _result(res, names, n, d, bootstrap, confidence_level, n_resamples, f_A, f_B, f_AB,
                   gen, output=f"{indicator} {year}", unit=_indicator(indicator).unit,
                   notes=tuple(notes))
