"""Monte Carlo over a scenario's uncertain rates: simulated paths and their quantiles.

:func:`simulate` draws rate paths around a scenario (the shocks of :mod:`sim.analysis.shocks`,
eq. 1, with two-piece normal marginals, :mod:`sim.analysis.distributions`) and projects them
all at once with the same vectorized core as the deterministic projection
(:func:`sim.model.project_paths`). :func:`summary` gives fan-chart quantiles, the mean and the
standard deviation by year; :mod:`sim.analysis.probabilities` the probability of meeting
targets.

Drawn rates are kept inside each rate's allowed range (growth −50 … 100 %, R&D intensity
0 … 100 % of GDP, elasticity −5 … 5); the share of draws moved to a bound is reported.

References
----------
.. [1] Hyndman, R. J. and Fan, Y. (1996), "Sample quantiles in statistical packages",
   *The American Statistician* 50(4), 361–365 (definition 7, numpy's default).
.. [2] NumPy, "Parallel random number generation" (``SeedSequence.spawn``), in the NumPy
   reference, Random sampling.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import validation as v
from ..errors import InputError, did_you_mean
from ..indicators import indicator as _indicator
from ..model import Paths, project_paths
from ..rng import RNGLike, as_generator
from ..scenario import Scenario, as_scenario, rate_range
from ..targets import PLAN_2024, Target
from ..uncertainty import Uncertainty, correlation_matrix
from .probabilities import Probability, probability, target_probabilities
from .shocks import ar1_filter, correlate, effective_uncertainty, shocks_from_normals, square_root

if TYPE_CHECKING:
    import pandas as pd

    from ..limits import Limits

__all__ = ["FAN_QUANTILES", "CHUNK", "MAX_QUANTILES", "MonteCarlo", "simulate", "quantiles",
           "summary", "check_n_paths", "check_quantiles", "quantile_label"]

#: Deciles 10 … 90 %: the bands of the fan chart (10–90, 20–80, 30–70, 40–60) and the median.
FAN_QUANTILES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)

#: Paths per chunk: each chunk has its own random stream (spawned from the seed), so results do
#: not depend on the number of worker threads.
CHUNK = 16_384

#: Most quantiles one call may ask for (each is a row per indicator and year of a summary).
MAX_QUANTILES = 1_000


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
        The uncertainty used (after defaults and history); its ``basis`` says in one line
        which it is and where each rate's sd comes from.
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


def check_n_paths(n_paths: Any, key: str = "n_paths") -> int:
    """``n_paths`` as an int in 1 … 50,000,000, else an :class:`InputError` naming ``key``."""
    return v.integer(n_paths, key, v.Range(1, 50_000_000, "paths"))


def simulate(scenario: Scenario | str, *, n_paths: int = 10_000, rng: RNGLike = None,
             until: int | None = None, uncertainty: Uncertainty | str | None = None,
             indicators: Sequence[str] | None = None, workers: int | None = None,
             progress: Callable[[float], None] | None = None,
             limits: "Limits | None" = None) -> MonteCarlo:
    """Monte Carlo of a scenario: draw rate paths (shocks eq. 1) and project them all at once.

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
    uncertainty : Uncertainty, "history" or "file", optional
        Replace the scenario's uncertainty (an Uncertainty), or say where its numbers come
        from: ``"history"``, the sds and persistence estimated from the base's history where
        it gives them (the scenario's own numbers for the rest); ``"file"``, the scenario's
        own numbers. Default: as the scenario's ``[uncertainty]`` says (``from``). See
        :func:`sim.analysis.shocks.effective_uncertainty`, which resolves it; the result's
        ``uncertainty.basis`` says which was used.
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
    s = as_scenario(scenario)
    n_paths = check_n_paths(n_paths)
    if limits is not None:
        limits.check_paths(n_paths, key="n_paths")
        limits.check_horizon(s.base.year, s.end_year if until is None else until, key="until")
    seed = int(rng) if isinstance(rng, int) and not isinstance(rng, bool) else None
    gen = as_generator(rng)
    kw = s.model_inputs(until)
    years = kw["years"]
    n_years = len(years) - 1
    unc, assumptions = effective_uncertainty(s, uncertainty, n_years=n_years)
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
    # draws in the order of the rates' names, not of the file's table: the same scenario
    # written another way (its to_toml, a reordered table) gives the same paths for a seed
    names = sorted(unc.uncertain())
    lower = np.array([rate_range(k).lo for k in names])
    upper = np.array([rate_range(k).hi for k in names])
    pairs = tuple(c for c in unc.correlation if c[0] in names and c[1] in names)
    chol = square_root(correlation_matrix(Uncertainty(correlation=pairs), names))
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
            e = ar1_filter(correlate(chol, z), phi, axis=0)       # eq. (1)
            for j, k in enumerate(names):
                r = shocks_from_normals(e[:, j, :], unc.sd[k], unc.skew.get(k, 0.0))
                r += mode[k][:, None]                             # x = m + Q(Phi(e)), (T, m)
                bad = (r < lower[j]) | (r > upper[j])
                if bad.any():
                    n_clip[j] = np.count_nonzero(bad)
                    np.clip(r, lower[j], upper[j], out=r)
                rates[k] = r.T                                    # (m, T) view of (T, m) rows
        p = project_paths(kw["levels"], rates, years=years, base_growth=kw["base_growth"],
                          base_rd_intensity=kw["base_rd_intensity"], sectors=kw["sectors"])
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
def quantile_label(q: float) -> str:
    """The statistic of quantile ``q`` in a summary: 0.1 → ``p10``, 0.025 → ``p2.5``."""
    return f"p{100 * q:g}"


_Q_ALLOWED = "distinct probabilities in [0, 1], e.g. 0.1, 0.5, 0.9"


def check_quantiles(q: Sequence[float]) -> np.ndarray:
    """``q`` as a 1-d float array of distinct probabilities in [0, 1], else an
    :class:`InputError` naming ``quantiles`` and the offending value.

    Two values are distinct when their statistic labels (:func:`quantile_label`, e.g.
    ``p50``) differ: a summary has one row per label, so 0.5 and 0.5000001 would collide.
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
        label = quantile_label(x)
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
    q = check_quantiles(q)
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

    q = check_quantiles(q)
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
    labels = [quantile_label(x) for x in q] + ["mean", "sd", "mean_se", "deterministic"]
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
