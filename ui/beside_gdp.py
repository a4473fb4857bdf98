"""The indicators beside GDP in the app (:mod:`sim.side_indicators`): which rates get sliders,
what they span, and their labels (pure: no Streamlit).

A base that carries ``[indicators]`` gives each of its indicators a slider pair in the sidebar,
for the rate the edited scenario drives it with: its growth (%), its buoyancy to nominal GDP
growth (a ratio; a revenue without a rate takes the default buoyancy, which the slider shows),
or its additions per year (户 or 家, whole numbers).
"""
from __future__ import annotations

import math
from collections.abc import Iterable

from sim.scenario import Scenario
from sim.side_indicators import SIDE_INDICATORS, driver_of, rate_names

from .i18n import t

__all__ = ["slider_rates", "active_rates", "SPANS", "POPULATION_SPAN", "span", "additions_hi",
           "is_additions", "label", "count_targets", "MIN_ADDITIONS_HI"]

#: Driver kind → the span its slider always covers: growth in %, a buoyancy as a ratio.
SPANS = {"growth": (-30.0, 30.0), "buoyancy": (-1.0, 3.0)}
#: Population grows slowly: its growth slider spans less, % per year.
POPULATION_SPAN = (-5.0, 5.0)
#: The additions slider reaches at least this many per year.
MIN_ADDITIONS_HI = 1000.0


def slider_rates(indicators: Iterable[str]) -> tuple[str, ...]:
    """Every rate that may drive the indicators ``indicators`` (a base's ``[indicators]``),
    in the order of :data:`sim.side_indicators.SIDE_INDICATORS`."""
    return rate_names(indicators)


def active_rates(scenario: Scenario) -> list[str]:
    """The rate that drives each indicator beside GDP of the scenario's base: the one the
    scenario gives, else its default (a revenue's buoyancy)."""
    out = []
    for k in SIDE_INDICATORS:
        if k not in scenario.base.indicators:
            continue
        x = SIDE_INDICATORS[k]
        given = [r for r in x.rate_names() if r in scenario.rates]
        if given:
            out.append(given[0])
        elif x.default is not None:
            out.append(x.default[0])
    return out


def is_additions(rate: str) -> bool:
    """Whether ``rate`` is the additions per year of a count (户 or 家)."""
    found = driver_of(rate)
    return found is not None and found[1] == "additions"


def span(rate: str) -> tuple[float, float] | None:
    """The span the slider of ``rate`` always covers; None for a rate beside GDP of additions
    (:func:`additions_hi`) or a rate that drives no indicator beside GDP."""
    found = driver_of(rate)
    if found is None or found[1] == "additions":
        return None
    if found[0].id == "population":
        return POPULATION_SPAN
    return SPANS[found[1]]


def additions_hi(rate: str, base_level: float, values: Iterable[float]) -> float:
    """The top of an additions slider (户 or 家 per year): a tenth of the base-year count, at
    least :data:`MIN_ADDITIONS_HI` and twice the file's values, rounded up to a thousand."""
    hi = max(MIN_ADDITIONS_HI, 0.1 * float(base_level), *(2.0 * float(x) for x in values))
    return float(math.ceil(hi / 1000.0) * 1000)


def label(rate: str, lang: str) -> str | None:
    """The label of the sliders of ``rate``, with the indicator's name and unit; None for a
    rate that drives no indicator beside GDP."""
    found = driver_of(rate)
    if found is None:
        return None
    x, kind = found
    name = x.zh if lang == "zh" else x.en
    if kind == "growth":
        key = "nominal" if x.unit == "亿元" else "growth"
        return t("rate_label.side_" + key, lang, name=name)
    return t("rate_label.side_" + kind, lang, name=name, unit=x.unit)


def count_targets(indicators: Iterable[str], targets) -> list:
    """The targets among ``targets`` on a count beside GDP (its level or its additions), e.g.
    17万 market entities, shown for a base that carries ``[indicators]`` whether or not it
    gives their base-year levels (else they are not evaluable)."""
    ids = set(indicators)
    out = []
    for tg in targets:
        root = tg.indicator[: -len("_additions")] if tg.indicator.endswith("_additions") \
            else tg.indicator
        if root in SIDE_INDICATORS and SIDE_INDICATORS[root].count and ids:
            out.append(tg)
    return out
