"""Goal-seek: the value of one scenario input at which an indicator hits a target in a year.

"What services growth gives 5.5 % GDP growth in 2024 if non-services grow 3 %?",
"what constant real GDP growth reaches 3000亿元 by 2030?", "what retail growth reaches 1000亿元
in 2025?" are each one equation :math:`f(x) = y(x) - y^* = 0` in one unknown :math:`x`.

Method: :math:`f` is evaluated on a grid over the allowed range of the input in **one** call of
the vectorized core (:func:`sim.model.project_paths`, one path per grid point); a sign change
brackets a root, which scipy's bracketing root finder (Brent's method by default) then
polishes, each step a one-path call of the same core. With several brackets, the one nearest the
input's current value is taken. When no grid point changes sign, the target is unreachable; the
closest reachable value is found by bounded minimisation of :math:`|f|` around the best grid
point, and reported.

The input is named as in :mod:`sim.analysis.inputs`: a rate (constant, or in one year),
``gdp_real``, ``deflator`` or ``levels.<name>``.

References
----------
.. [1] Brent, R. P. (1973), *Algorithms for Minimization without Derivatives*, Prentice-Hall,
   ch. 4 (``scipy.optimize.brentq``).
.. [2] Virtanen, P. et al. (2020), "SciPy 1.0", *Nature Methods* 17, 261–272.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import validation as v
from ..errors import InputError, did_you_mean
from ..indicators import indicator as _indicator
from ..model import Paths, project_paths
from ..scenario import Scenario, as_scenario
from ._common import check_indicator, not_defined
from .inputs import ScenarioInput, batch_inputs, parse_input

if TYPE_CHECKING:
    import pandas as pd

    from ..limits import Limits

__all__ = ["Solution", "UnreachableTarget", "solve", "METHODS"]

#: Bracketing root finders of scipy.optimize that ``method`` may name.
METHODS = ("brentq", "brenth", "bisect", "ridder", "toms748")


class UnreachableTarget(InputError):
    """No value of the input in its range hits the target.

    Attributes
    ----------
    closest : float
        The reachable indicator value closest to the target.
    at : float
        The input value that gives it.
    reachable : tuple of float
        (lowest, highest) indicator value found over the input's range.
    """

    def __init__(self, problem: str, *, key: str, allowed: str, closest: float, at: float,
                 reachable: tuple[float, float]):
        super().__init__(problem, key=key, allowed=allowed)
        self.closest, self.at, self.reachable = closest, at, reachable


@dataclass(frozen=True)
class Solution:
    """The result of :func:`solve`.

    Parameters
    ----------
    input : ScenarioInput
        What was varied.
    value : float
        The solved input value, in ``unit``.
    unit : str
        ``"%"``, ``"% of GDP"``, ``"(ratio)"`` or ``"亿元"``.
    previous : float
        The input's value in the original scenario.
    indicator : str
    year : int
    target : float
        Wanted value of the indicator, in its unit.
    achieved : float
        The indicator's value when the solved scenario is projected.
    scenario : Scenario
        The original scenario with the input set to ``value`` (named ``<name>-solved``).
    paths : Paths
        The solved scenario's projection (one path), to its end year.
    bracket : tuple of float
        The input interval the root finder started from.
    iterations, model_calls : int
        Root-finder iterations; calls of the vectorized core (grid and steps).
    method : str
    """

    input: ScenarioInput
    value: float
    unit: str
    previous: float
    indicator: str
    year: int
    target: float
    achieved: float
    scenario: Scenario
    paths: Paths
    bracket: tuple[float, float]
    iterations: int
    model_calls: int
    method: str

    @property
    def residual(self) -> float:
        """achieved − target, in the indicator's unit."""
        return self.achieved - self.target

    def to_frame(self) -> "pd.DataFrame":
        """The solved scenario's projection, tidy (``scenario, indicator, year, value, unit``)."""
        from ..results import to_frame

        return to_frame(self.paths, self.scenario.name)

    def describe(self, lang: str = "en") -> str:
        """One sentence, e.g. ``rates.services_real = 5.6 % gives gdp_real_growth = 5.5 % in
        2024``."""
        ind = _indicator(self.indicator)
        if lang == "zh":
            return (f"{self.input.key} = {self.value:.6g} {self.unit} 时,{self.year}年"
                    f"{ind.zh} = {self.achieved:.6g} {ind.unit}(目标 {self.target:g})")
        return (f"{self.input.key} = {self.value:.6g} {self.unit} gives {self.indicator} = "
                f"{self.achieved:.6g} {ind.unit} in {self.year} (target {self.target:g}; was "
                f"{self.previous:.6g} {self.unit})")

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario.name, "input": self.input.key, "value": self.value,
                "unit": self.unit, "previous": self.previous, "indicator": self.indicator,
                "year": self.year, "target": self.target, "achieved": self.achieved,
                "residual": self.residual, "iterations": self.iterations,
                "model_calls": self.model_calls, "method": self.method}


def _evaluator(scenario: Scenario, inp: ScenarioInput, indicator: str, year: int, until: int):
    """f(values (P,)) → the indicator in ``year`` for each value, one core call."""
    idx = year - scenario.base.year

    def f(values) -> np.ndarray:
        x = np.atleast_1d(np.asarray(values, dtype=float))
        if inp.kind == "level":
            kw = batch_inputs(scenario, n=len(x), until=until, set_levels={inp.names[0]: x})
        elif inp.year is None:
            kw = batch_inputs(scenario, n=len(x), until=until, set_rates={n: x for n in inp.names})
        else:
            paths = {}
            for n in inp.names:
                p = np.tile(scenario.rate_path(n, until), (len(x), 1))
                p[:, scenario.rate_columns(n, inp.year, until)] = x[:, None]
                paths[n] = p
            kw = batch_inputs(scenario, n=len(x), until=until, set_rates=paths)
        return project_paths(**kw)[indicator][:, idx]

    return f


def solve(scenario: Scenario | str, *, indicator: str, year: int, target: float, vary: str,
          vary_year: int | None = None, bounds: tuple[float, float] | None = None,
          method: str = "brentq", grid: int = 64, xtol: float = 1e-13,
          limits: "Limits | None" = None) -> Solution:
    """Solve for one input of a scenario so that an indicator in a year equals a target.

    Parameters
    ----------
    scenario : Scenario or str
        The scenario; a shipped scenario's name or a file also works.
    indicator : str
        Indicator id, e.g. ``"gdp_real_growth"`` (%) or ``"gdp"`` (亿元).
    year : int
        The year the indicator must hit ``target``; within the scenario's years.
    target : float
        Wanted value, in the indicator's unit.
    vary : str
        The input (see :mod:`sim.analysis.inputs`): a rate, ``gdp_real``, ``deflator`` or
        ``levels.<name>``.
    vary_year : int, optional
        Vary a rate in this year only (default: every year, as one constant).
    bounds : (float, float), optional
        Search only this interval of the input (default its whole allowed range).
    method : str
        scipy.optimize root finder: ``brentq`` (default), ``brenth``, ``bisect``, ``ridder``
        or ``toms748``.
    grid : int
        Points of the bracketing grid (2 … 10,000), evaluated in one vectorized call.
    xtol : float
        Absolute tolerance on the input passed to the root finder (with its smallest relative
        tolerance, 4 × machine epsilon).
    limits : sim.limits.Limits, optional
        Refuse a grid of more than ``limits.max_grid`` points or a year more than
        ``limits.max_horizon`` years after the base year (default: no such limit).

    Returns
    -------
    Solution
        The value, the solved scenario and its projection; ``achieved`` is computed by projecting
        the solved scenario.

    Raises
    ------
    UnreachableTarget
        (an :class:`InputError`) when no input value in range hits the target; the message and
        the attributes give the reachable range and the closest value.
    InputError
        For an unknown indicator or input, a year outside the projection, bad bounds or method,
        or a request beyond ``limits``.

    Examples
    --------
    >>> import sim
    >>> s = sim.load_scenario("plan-2024").with_rates(non_services_real=3.0)
    >>> sol = sim.solve(s, indicator="gdp_real_growth", year=2024, target=5.5,
    ...                 vary="services_real")
    >>> round(sol.value, 4)
    5.5786
    """
    from scipy import optimize

    s = as_scenario(scenario)
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}" + did_you_mean(str(method), METHODS),
                         key="method", allowed=", ".join(METHODS))
    y0 = s.base.year
    if limits is not None:
        limits.check_horizon(y0, year, key="year")
        limits.check_grid(grid, key="grid")
    year = v.integer(year, "year", v.Range(y0, y0 + v.MAX_HORIZON, f"(from the base year {y0})"))
    target = v.number(target, "target", v.Range(-1e12, 1e12, "(the indicator's unit)"))
    grid = v.integer(grid, "grid", v.Range(2, 10_000, "points"))
    inp = parse_input(s, vary, year=vary_year)
    if inp.first_moved(s) > year:
        raise InputError(f"varying {inp.key} cannot change {indicator} in {year}, an earlier "
                         "year", key="vary year", allowed=f"{y0 + 1} … {year}")
    until = max(year, y0 + 1)
    ind_ids = list(project_paths(**s.model_inputs(until)).values)
    check_indicator(indicator, ind_ids)
    lo, hi = inp.allowed(s)
    if bounds is not None:
        blo, bhi = (float(b) for b in bounds)
        if not (math.isfinite(blo) and math.isfinite(bhi) and blo < bhi):
            raise InputError(f"bounds ({blo:g}, {bhi:g}) are not an interval", key="bounds",
                             allowed="lower < upper, both finite")
        if blo < lo or bhi > hi:
            raise InputError(f"bounds ({blo:g}, {bhi:g}) leave the input's range",
                             key="bounds", allowed=f"within [{lo:g}, {hi:g}] {inp.unit}")
        lo, hi = blo, bhi
    f = _evaluator(s, inp, indicator, year, until)
    calls = 0

    # the grid: linear for rates; for levels, geometric over (0, ∞) from 1e-3 to 1e3 × now
    if inp.kind == "level" and bounds is None:
        now = inp.current(s)
        glo, ghi = max(lo, now * 1e-3), min(hi, now * 1e3)
        xs = np.geomspace(max(glo, 1e-9), ghi, grid)
        if glo == lo and lo > 0:
            xs[0] = lo
    else:
        xs = np.linspace(lo, hi, grid)
    ys = f(xs)
    calls += 1
    fx = ys - target
    finite = np.isfinite(fx)
    if not finite.any():
        raise not_defined(indicator, year)
    current = inp.current(s, year)
    zero = np.flatnonzero(finite & (fx == 0.0))
    sign = np.flatnonzero(finite[:-1] & finite[1:] & (np.sign(fx[:-1]) * np.sign(fx[1:]) < 0))
    if zero.size:
        i = zero[np.argmin(np.abs(xs[zero] - current))]
        root, iters, a, b = float(xs[i]), 0, float(xs[i]), float(xs[i])
    elif sign.size:
        mids = 0.5 * (xs[sign] + xs[sign + 1])
        i = sign[np.argmin(np.abs(mids - current))]
        a, b = float(xs[i]), float(xs[i + 1])
        counter = [0]

        def scalar(x: float) -> float:
            counter[0] += 1
            return float(f(x)[0]) - target

        finder = getattr(optimize, method)
        root, info = finder(scalar, a, b, xtol=xtol, rtol=4 * np.finfo(float).eps,
                            maxiter=200, full_output=True, disp=False)
        root, iters = float(root), int(info.iterations)
        calls += counter[0]
    else:
        raise _unreachable(s, inp, f, xs, ys, indicator, year, target, lo, hi)
    solved = inp.apply(s, root).renamed(f"{s.name}-solved"[:64])
    from ..results import run_paths

    paths = run_paths(solved, until=max(year, solved.end_year))
    calls += 1
    achieved = float(paths.at(indicator, year)[0])
    return Solution(input=inp, value=root, unit=inp.unit, previous=current,
                    indicator=indicator, year=year, target=target, achieved=achieved,
                    scenario=solved, paths=paths, bracket=(a, b), iterations=iters,
                    model_calls=calls, method=method)


def _unreachable(s, inp, f, xs, ys, indicator, year, target, lo, hi) -> UnreachableTarget:
    """The error for a target no grid point brackets, with the closest reachable value."""
    from scipy import optimize

    ok = np.isfinite(ys)
    xs_ok, ys_ok = xs[ok], ys[ok]
    i = int(np.argmin(np.abs(ys_ok - target)))
    at, closest = float(xs_ok[i]), float(ys_ok[i])
    # refine between the neighbours of the best grid point
    j = np.flatnonzero(ok)[i]
    a, b = float(xs[max(j - 1, 0)]), float(xs[min(j + 1, len(xs) - 1)])
    if b > a:
        res = optimize.minimize_scalar(lambda x: abs(float(f(x)[0]) - target), bounds=(a, b),
                                       method="bounded", options={"xatol": 1e-10})
        if res.success and res.fun < abs(closest - target):
            at, closest = float(res.x), float(f(res.x)[0])
    unit = _indicator(indicator).unit
    reach = (float(np.min(ys_ok)), float(np.max(ys_ok)))
    return UnreachableTarget(
        f"no value of {inp.key} in [{lo:g}, {hi:g}] {inp.unit} gives {indicator} = "
        f"{target:g} {unit} in {year}; the closest reachable is {closest:.6g} {unit}, at "
        f"{inp.key} = {at:.6g} {inp.unit}", key="target",
        allowed=f"{reach[0]:.6g} … {reach[1]:.6g} {unit} (reachable by varying {inp.key})",
        closest=closest, at=at, reachable=reach)
