"""Attribution: the difference between a scenario and a baseline, split by input (Shapley).

The inputs in which the two differ — each rate path, each base level, or groups of them — are
the players :math:`N = \\{1..d\\}` of a cooperative game whose value :math:`v(S)` is the chosen
indicator in the chosen year when the inputs in :math:`S` take the scenario's values and the
rest the baseline's. Each input's part is its Shapley value (Shapley 1953),

.. math::

    \\phi_i = \\sum_{S \\subseteq N \\setminus \\{i\\}} \\frac{|S|!\\,(d-|S|-1)!}{d!}
              \\big(v(S \\cup \\{i\\}) - v(S)\\big),                                  \\tag{1}

the average of its marginal effect over every order in which the inputs could be switched.
The parts do not depend on an order and sum to the total, :math:`\\sum_i \\phi_i = v(N) - v(\\emptyset)`
(efficiency). With a handful of inputs the :math:`2^d` coalitions are computed exactly, as
:math:`2^d` paths of one call of the vectorized core; no sampling.

Rates given as ``"base"`` are resolved with each scenario's own base. When one scenario grows
retail sales at a rate and the other with an elasticity to nominal GDP, the switch is one
player, ``rates.retail_sales|retail_sales_elasticity``, and the core is called once per form.

References
----------
.. [1] Shapley, L. S. (1953), "A value for n-person games", in Kuhn, H. W. and Tucker, A. W.
   (eds.), *Contributions to the Theory of Games II*, Princeton UP, 307–317.
.. [2] Shorrocks, A. F. (2013), "Decomposition procedures for distributional analysis: a unified
   framework based on the Shapley value", *Journal of Economic Inequality* 11(1), 99–126.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError, did_you_mean
from ..indicators import indicator as _indicator
from ..model import OTHER_RATES, project_paths, sector_rate_names
from ..side_indicators import driver_of, rate_names as side_rate_names, rate_unit
from ..scenario import Scenario, as_scenario
from ._common import check_indicator, output_year

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Attribution", "attribute", "shapley_values", "MAX_PLAYERS"]

#: At most this many players (2^16 = 65,536 coalitions); merge inputs with ``groups`` beyond.
MAX_PLAYERS = 16
_RETAIL = ("retail_sales", "retail_sales_elasticity")
_SWITCH = "rates.retail_sales|retail_sales_elasticity"


def shapley_values(v_coalition: np.ndarray) -> np.ndarray:
    """Exact Shapley values (eq. 1) from the value of every coalition.

    Parameters
    ----------
    v_coalition : ndarray, shape (2**d,)
        ``v_coalition[S]`` is the value of the coalition whose members are the set bits of ``S``
        (player ``i`` is bit ``i``).

    Returns
    -------
    ndarray, shape (d,)
        :math:`\\phi_i`; they sum to ``v[2**d - 1] - v[0]``.
    """
    vals = np.asarray(v_coalition, dtype=float)
    d = int(round(math.log2(len(vals)))) if len(vals) else -1
    if d < 0 or 2 ** d != len(vals):
        raise ValueError(f"need 2**d coalition values, got {len(vals)}")
    masks = np.arange(2 ** d)
    size = np.array([bin(m).count("1") for m in masks])
    weight = np.array([math.factorial(k) * math.factorial(d - k - 1) / math.factorial(d)
                       if k < d else 0.0 for k in range(d + 1)])
    phi = np.empty(d)
    for i in range(d):
        without = masks[(masks >> i) & 1 == 0]
        phi[i] = np.sum(weight[size[without]] * (vals[without | (1 << i)] - vals[without]))
    return phi


@dataclass(frozen=True)
class Attribution:
    """The difference in one indicator and year, split by input.

    Parameters
    ----------
    scenario, baseline : str
        Names.
    indicator : str
    year : int
    unit : str
        The indicator's unit (亿元, % or pp); parts are in it too (for % indicators, pp).
    baseline_value, scenario_value : float
    inputs : tuple of str
        The players, e.g. ``rates.services_real``, ``levels.gdp`` or a group's name.
    descriptions : tuple of str
        What changed, e.g. ``5.6 → 6.5 % in 2024``.
    parts : ndarray, shape (d,)
        Shapley value of each input.
    model_runs : int
        Coalitions projected, :math:`2^d`.
    """

    scenario: str
    baseline: str
    indicator: str
    year: int
    unit: str
    baseline_value: float
    scenario_value: float
    inputs: tuple[str, ...]
    descriptions: tuple[str, ...]
    parts: np.ndarray
    model_runs: int

    @property
    def total(self) -> float:
        """scenario_value − baseline_value."""
        return self.scenario_value - self.baseline_value

    def to_frame(self) -> "pd.DataFrame":
        """``input, change, contribution, share`` (share of the total; NaN if it is 0)."""
        import pandas as pd

        tot = self.total
        share = self.parts / tot if tot != 0 else np.full(len(self.parts), np.nan)
        return pd.DataFrame({"input": list(self.inputs), "change": list(self.descriptions),
                             "contribution": self.parts, "share": share})


def _fmt_rate(a: np.ndarray, b: np.ndarray, t: int, year: int, unit: str) -> str:
    """``5.6 → 6.5 %`` for constant rates, ``5.6 → 6.5 % in 2024 (paths)`` otherwise."""
    def one(x):
        return "none" if np.isnan(x) else f"{x:.4g}"

    constant = all(np.all(x == x[0]) or np.all(np.isnan(x)) for x in (a, b))
    text = f"{one(b[t])} → {one(a[t])} {unit}"
    return text if constant else text + f" in {year} (paths)"


def attribute(scenario: Scenario | str, baseline: Scenario | str, *, indicator: str, year: int,
              groups: Mapping[str, Sequence[str]] | None = None) -> Attribution:
    """Split ``indicator`` in ``year``, scenario minus baseline, into each input's part.

    Parameters
    ----------
    scenario, baseline : Scenario or str
        The two scenarios (or shipped names / files). They must share the base year and the
        set of base levels.
    indicator : str
        Indicator id.
    year : int
        A year after the base year (up to the base year + 100; rates continue past each
        scenario's end year as in a projection).
    groups : Mapping[str, sequence of str], optional
        Merge inputs into one player, e.g. ``{"sector growth": ["services_real",
        "non_services_real"]}``. Inputs are rate names or ``levels.<name>``.

    Returns
    -------
    Attribution
        Parts summing to the total difference (eq. 1).

    Raises
    ------
    InputError
        For different base years or levels, an unknown indicator or group member, a year out of
        range, more than :data:`MAX_PLAYERS` players, or an indicator undefined in either.
    """
    s, b = as_scenario(scenario), as_scenario(baseline)
    if s.base.year != b.base.year:
        raise InputError(f"the scenario's base year is {s.base.year}, the baseline's "
                         f"{b.base.year}", key="baseline", allowed="a baseline with the same "
                                                                   "base year")
    if set(s.start.levels) != set(b.start.levels):
        raise InputError("the scenario and the baseline have different base levels ("
                         + ", ".join(sorted(set(s.start.levels) ^ set(b.start.levels))) + ")",
                         key="baseline", allowed="a baseline on a base with the same levels")
    if set(s.start.indicators) != set(b.start.indicators):
        raise InputError("the scenario and the baseline have different indicators beside GDP ("
                         + ", ".join(sorted(set(s.start.indicators) ^ set(b.start.indicators)))
                         + ")", key="baseline",
                         allowed="a baseline on a base with the same [indicators]")
    for name in side_rate_names(s.start.indicators):
        if (name in s.resolved_rates()) != (name in b.resolved_rates()):
            ind = driver_of(name)[0].id
            raise InputError(f"the scenario and the baseline drive {ind} by different rates",
                             key="baseline", allowed=f"a baseline driving {ind} as the "
                             "scenario does (" + " or ".join(driver_of(name)[0].rate_names())
                             + ")")
    y0 = s.base.year
    year = output_year(s, year)
    T, t = year - y0, year - y0 - 1
    kw = s.model_inputs(year)
    kb = b.model_inputs(year)
    check_indicator(indicator, list(project_paths(**kw).values))

    def path(inputs, name):
        r = inputs["rates"].get(name)
        return np.full(T, np.nan) if r is None else np.asarray(r, float).reshape(-1)[:T]

    # the differing inputs: (key, description, rate names, level names)
    mode_s = "retail_sales" if "retail_sales" in kw["rates"] else "retail_sales_elasticity"
    mode_b = "retail_sales" if "retail_sales" in kb["rates"] else "retail_sales_elasticity"
    order = [*sector_rate_names(s.base.model_sectors), *OTHER_RATES, *s.base.extras,
             *side_rate_names(s.start.indicators)]
    atoms: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
    for name in order:
        if name in _RETAIL:
            continue
        a, c = path(kw, name), path(kb, name)
        if not np.array_equal(a, c, equal_nan=True):
            unit = "% of GDP" if name == "rd_intensity" else rate_unit(name) or "%"
            atoms.append((f"rates.{name}", _fmt_rate(a, c, t, year, unit), (name,), ()))
    if mode_s == mode_b:
        a, c = path(kw, mode_s), path(kb, mode_s)
        if not np.array_equal(a, c):
            unit = "%" if mode_s == "retail_sales" else "(ratio)"
            atoms.append((f"rates.{mode_s}", _fmt_rate(a, c, t, year, unit), (mode_s,), ()))
    else:
        atoms.append((_SWITCH, f"{mode_b} → {mode_s}", (mode_s, mode_b), ()))
    for name in s.start.levels:
        if name == "gdp" and s.base.sectors:      # GDP is the sum of the sectors' levels
            continue
        a, c = float(kw["levels"][name]), float(kb["levels"][name])
        if a != c:
            atoms.append((f"levels.{name}", f"{c:.6g} → {a:.6g} 亿元", (), (name,)))

    # players: atoms, or groups of them
    players: list[tuple[str, str, list[int]]] = []
    grouped: set[int] = set()
    keys = [a[0] for a in atoms]
    for label, members in (groups or {}).items():
        idx = []
        for m in members:
            k = m if m.startswith(("rates.", "levels.")) else f"rates.{m}"
            if k in ("rates.retail_sales", "rates.retail_sales_elasticity") and _SWITCH in keys:
                k = _SWITCH
            if k not in keys:
                known = [*(f"rates.{r}" for r in order), *(f"levels.{x}" for x in s.start.levels)]
                if k in known:
                    continue                                   # does not differ: no part
                raise InputError(f"unknown input {m!r}" + did_you_mean(k, known),
                                 key=f"groups.{label}", allowed=", ".join(known))
            i = keys.index(k)
            if i in grouped:
                raise InputError(f"{k} is in two groups", key=f"groups.{label}",
                                 allowed="each input in one group at most")
            grouped.add(i)
            idx.append(i)
        if idx:
            players.append((str(label), "; ".join(f"{atoms[i][0]}: {atoms[i][1]}"
                                                    for i in idx), idx))
    players += [(a[0], a[1], [i]) for i, a in enumerate(atoms) if i not in grouped]
    d = len(players)
    if d > MAX_PLAYERS:
        raise InputError(f"the scenarios differ in {d} inputs; exact Shapley values need 2^{d} "
                         "runs", key="groups", allowed=f"at most {MAX_PLAYERS} players: merge "
                                                       "inputs with groups")

    # every coalition: player j's inputs from the scenario iff bit j is set
    n = 2 ** d
    member = ((np.arange(n)[:, None] >> np.arange(d)) & 1).astype(bool)     # (n, d)
    atom_in = np.zeros((n, len(atoms)), bool)
    for j, (_, _, idx) in enumerate(players):
        atom_in[:, idx] = member[:, [j]]
    rates = {k: np.broadcast_to(np.asarray(x, float), (1, T)) for k, x in kw["rates"].items()
             if k not in _RETAIL}
    switch = next((i for i, a in enumerate(atoms) if a[0] == _SWITCH), None)
    if switch is None:
        rates[mode_s] = np.broadcast_to(path(kw, mode_s), (1, T))
    levels = dict(kw["levels"])
    for i, (key, _, rnames, lnames) in enumerate(atoms):
        if i == switch:
            continue
        col = atom_in[:, i]
        for r in rnames:
            rates[r] = np.where(col[:, None], path(kw, r)[None, :], path(kb, r)[None, :])
        for lv in lnames:
            levels[lv] = np.where(col, float(kw["levels"][lv]), float(kb["levels"][lv]))
    values = np.empty(n)
    common = {"years": kw["years"], "base_growth": kw["base_growth"],
              "base_rd_intensity": kw["base_rd_intensity"], "sectors": kw["sectors"]}
    # one call of the core, or one per form of the retail equation when the switch is a player
    forms = [(np.ones(n, bool), None)] if switch is None else \
        [(atom_in[:, switch], kw), (~atom_in[:, switch], kb)]
    for rows, form in forms:
        if not rows.any():
            continue
        sub_rates = {k: (x[rows] if x.shape[0] == n else x) for k, x in rates.items()}
        if form is not None:
            mode = mode_s if form is kw else mode_b
            sub_rates[mode] = np.broadcast_to(path(form, mode), (1, T))
        sub_levels = {k: (x[rows] if np.ndim(x) and np.shape(x)[0] == n else x)
                      for k, x in levels.items()}
        values[rows] = project_paths(sub_levels, sub_rates, **common)[indicator][:, T]
    if not (np.isfinite(values[0]) and np.isfinite(values[-1])):
        which = "baseline" if not np.isfinite(values[0]) else "scenario"
        raise InputError(f"{indicator} is not defined in {year} in the {which}",
                         key="indicator", allowed="an indicator both scenarios define")
    parts = shapley_values(values) if d else np.zeros(0)
    return Attribution(scenario=s.name, baseline=b.name, indicator=indicator, year=year,
                       unit=_indicator(indicator).unit, baseline_value=float(values[0]),
                       scenario_value=float(values[-1]), inputs=tuple(p[0] for p in players),
                       descriptions=tuple(p[1] for p in players), parts=parts, model_runs=n)
