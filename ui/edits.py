"""Edits of a scenario made with the app's sliders, and the scenario they give (pure).

An edit is kept as a difference from the scenario file: the base-year GDP level, the horizon,
and for each rate the value of the first projected year and/or of the later years. A rate that
is not edited keeps the file's specification (a number, a path or ``"base"``).

For a rate whose file path is :math:`P = (p_1, p_2, …)` (its last value continuing):

- editing the first year to :math:`a` gives :math:`(a, p_2, …)` (or :math:`(a, p_1)` when the
  file gives one value): a change of that year only;
- editing the later years to :math:`b` gives :math:`(p_1, b)`: :math:`b` from the second
  projected year on;
- editing both gives :math:`(a, b)`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sim.model import OTHER_RATES, sector_rate_names
from sim.scenario import Scenario

from . import beside_gdp

__all__ = ["Edits", "RETAIL_KEYS", "file_retail_mode", "retail_key", "slider_rates",
           "active_rates", "untouched", "level_changes", "with_gdp", "rate_changes",
           "apply_edits", "describe", "clean"]

#: Retail mode → the rate it uses: nominal growth (%) or elasticity to nominal GDP growth.
RETAIL_KEYS = {"rate": "retail_sales", "elasticity": "retail_sales_elasticity"}
#: Values a rate takes when the file gives none and the user switches it on.
FALLBACK = {"retail_sales_elasticity": 1.0, "rd_intensity": 4.4, "services_deflator": 0.0,
            "non_services_deflator": 0.0}
DECIMALS = 4      # rates are edited in steps of 0.01; levels in steps of 0.1


def clean(x: float, decimals: int = DECIMALS) -> float:
    """``x`` rounded to ``decimals`` places (sliders return binary fractions), -0.0 made 0.0."""
    return round(float(x), decimals) + 0.0


@dataclass(frozen=True)
class Edits:
    """Differences from a scenario file.

    Parameters
    ----------
    gdp : float, optional
        Base-year GDP level, 亿元 (the file's or base's level when None).
    until : int, optional
        Last year shown (the file's ``end_year`` when None).
    retail : str, optional
        ``"rate"`` or ``"elasticity"`` when switched from the file's way of giving retail sales.
    rd : bool
        Assume an R&D intensity although the file gives none.
    first, later : Mapping[str, float]
        Rate → value for the first projected year / for the years after it (%, elasticity as
        a ratio).
    """

    gdp: float | None = None
    until: int | None = None
    retail: str | None = None
    rd: bool = False
    first: dict[str, float] = field(default_factory=dict)
    later: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "first", {k: clean(v) for k, v in sorted(self.first.items())})
        object.__setattr__(self, "later", {k: clean(v) for k, v in sorted(self.later.items())})
        if self.gdp is not None:
            object.__setattr__(self, "gdp", clean(self.gdp, 2))

    def __hash__(self):
        return hash((self.gdp, self.until, self.retail, self.rd, tuple(self.first.items()),
                     tuple(self.later.items())))

    @property
    def empty(self) -> bool:
        """No edit at all (the horizon aside, which does not change the scenario)."""
        return (self.gdp is None and self.retail is None and not self.rd and not self.first
                and not self.later)


def file_retail_mode(scenario: Scenario) -> str:
    """``"elasticity"`` if the scenario gives retail sales by elasticity, else ``"rate"``."""
    return "elasticity" if "retail_sales_elasticity" in scenario.rates else "rate"


def retail_key(scenario: Scenario, edits: Edits) -> str:
    """The retail rate in use: ``retail_sales`` or ``retail_sales_elasticity``."""
    return RETAIL_KEYS[edits.retail or file_retail_mode(scenario)]


def slider_rates(scenario: Scenario) -> tuple[str, ...]:
    """Every rate that can have a slider for ``scenario``: each sector's real growth, then each
    sector's deflator (services and non-services in the two-sector form, else the sectors of
    its base), then retail sales (rate and elasticity) and R&D intensity, then the rates of
    the indicators beside GDP its base carries (:func:`ui.beside_gdp.slider_rates`).
    :data:`sim.model.RATE_NAMES` in the two-sector form without ``[indicators]``."""
    return (sector_rate_names(scenario.base.model_sectors) + OTHER_RATES
            + beside_gdp.slider_rates(scenario.base.indicators))


def active_rates(scenario: Scenario, edits: Edits) -> list[str]:
    """The rates that have sliders for ``scenario`` under ``edits``, in display order: the
    sectors', retail sales', R&D intensity's (when given or switched on), and the rate that
    drives each indicator beside GDP (:func:`ui.beside_gdp.active_rates`)."""
    keys = [*sector_rate_names(scenario.base.model_sectors), retail_key(scenario, edits)]
    if "rd_intensity" in scenario.rates or edits.rd:
        keys.append("rd_intensity")
    return keys + beside_gdp.active_rates(scenario)


def _with_levels(scenario: Scenario, edits: Edits) -> Scenario:
    levels = level_changes(scenario, edits)
    return scenario.with_levels(**levels) if levels else scenario


def untouched(scenario: Scenario, key: str) -> tuple[float, float]:
    """The values the two sliders of rate ``key`` show when it is not edited.

    The first projected year's value and the last value of the file's path (which continues).
    For a rate the file does not give, its default or :data:`FALLBACK` value twice; for
    retail growth the base year's own growth.

    Parameters
    ----------
    scenario : Scenario
        The file's scenario with the edited levels applied (``"base"`` rates depend on them).
    key : str
        A rate of :func:`slider_rates`.
    """
    resolved = scenario.resolved_rates()
    if key in resolved:
        path = resolved[key]
        return clean(path[0]), clean(path[-1])
    if key == "retail_sales":
        x = scenario.start.growth.get("retail_sales", 5.0)
        return clean(x), clean(x)
    x = FALLBACK.get(key, 0.0)
    return x, x


def level_changes(scenario: Scenario, edits: Edits) -> dict[str, float]:
    """The ``with_levels`` arguments for ``edits`` (亿元): the base-year GDP level, and on a base
    that lists its sectors every sector scaled with it (:meth:`sim.base.Base.levels_setting`:
    GDP is their sum, the structure is kept)."""
    if edits.gdp is None:
        return {}
    return scenario.start.levels_setting("gdp", edits.gdp)


def with_gdp(scenario: Scenario, gdp: float | None) -> Scenario:
    """``scenario`` with its base-year GDP level set to ``gdp`` (亿元) as the GDP slider sets
    it (:func:`level_changes`); ``scenario`` itself for None."""
    return _with_levels(scenario, Edits(gdp=gdp)) if gdp is not None else scenario


def _collapse(path: tuple[float, ...]) -> float | list[float]:
    """A path without trailing repeats; a single value as a number."""
    values = list(path)
    while len(values) > 1 and math.isclose(values[-1], values[-2], abs_tol=1e-12):
        values.pop()
    return values[0] if len(values) == 1 else values


def rate_changes(scenario: Scenario, edits: Edits) -> dict[str, Any]:
    """The ``with_rates`` arguments for ``edits``.

    Parameters
    ----------
    scenario : Scenario
        The file's scenario (levels not yet edited).
    edits : Edits

    Returns
    -------
    dict
        Rate → a number or a list (a path from the file's start_year). Rates without edits
        are left out, except a switched retail rate and a switched-on R&D intensity, which the
        file does not give (a rate that defaults, such as a revenue's buoyancy, is left out
        unless edited).
    """
    s = _with_levels(scenario, edits)
    horizon = s.end_year - s.base.year
    resolved = s.resolved_rates()
    out: dict[str, Any] = {}
    for key in active_rates(scenario, edits):
        first, later = edits.first.get(key), edits.later.get(key)
        given = key in scenario.rates
        if first is None and later is None and (given or key in scenario.defaults):
            continue
        if given:
            path = resolved[key]
        else:
            a, b = untouched(s, key)
            path = (a,) if a == b else (a, b)
        head = first if first is not None else path[0]
        tail = (later,) if later is not None else (path[1:] if len(path) > 1 else path[:1])
        out[key] = _collapse(((head,) + tuple(tail))[:max(horizon, 1)])
    return s.rates_from_paths(**out)


def apply_edits(scenario: Scenario, edits: Edits) -> Scenario:
    """The scenario with ``edits`` applied: ``with_levels`` then ``with_rates``.

    Raises
    ------
    sim.InputError
        If an edited value is out of the model's range.
    """
    s = _with_levels(scenario, edits)
    rates = rate_changes(scenario, edits)
    return s.with_rates(**rates) if rates else s


def describe(scenario: Scenario, edits: Edits) -> str:
    """One line saying how the edited scenario differs from its file, e.g.
    ``"plan-2024 with levels.gdp = 2050, rates.services_real = [5.8, 5.6]"``."""
    parts = [f"levels.{k} = {v:g}" for k, v in level_changes(scenario, edits).items()]
    for k, v in rate_changes(scenario, edits).items():
        shown = (f"[{', '.join(f'{x:g}' for x in v)}]" if isinstance(v, list) else
                 f"{{{', '.join(f'{y} = {x:g}' for y, x in v.items())}}}" if isinstance(v, dict)
                 else f"{v:g}")
        parts.append(f"rates.{k} = {shown}")
    return scenario.name + (" with " + ", ".join(parts) if parts else " (as in its file)")
