"""Goal-seek: the value of one input of the edited scenario at which an indicator hits a
target in a year (scipy's root finders on the vectorized model).

The controls travel in the link as ``gs_indicator``, ``gs_year``, ``gs_target``, ``gs_vary`` and
``gs_vary_year``; a year left at its default is None (the first projected year), so the default
follows the scenario's base year.
"""
from __future__ import annotations

import math
import re

import streamlit as st

from sim.errors import InputError
from sim.limits import Limits
from sim.scenario import Scenario

from .. import format as fmt
from ..i18n import TEXTS, in_every_language, t
from ..page import Page, keep_choice, year_choice
from ..uploads import app_limits, scenario_key
from ..url import UrlParam, parse_indicator, parse_year
from ..view import View

#: Points of the bracketing grid (fewer if the app's limit is lower).
GRID = 64
DEFAULT_TARGET = 5.5
DEFAULT_VARY = "services_real"
#: Indicators of the solved scenario's table (the two-sector form's; see :func:`shown`).
SHOWN = ("gdp", "gdp_real_growth", "services", "services_real_growth", "non_services",
         "non_services_real_growth", "retail_sales", "retail_sales_growth", "rd_intensity",
         "rd_expenditure")


def shown(s: Scenario) -> tuple[str, ...]:
    """The indicators of the solved scenario's table: :data:`SHOWN`, each sector's level and
    real growth in place of services' and non-services' on a base that lists its sectors."""
    if not s.base.sectors:
        return SHOWN
    per = tuple(f"{x}{suffix}" for x in s.base.sectors for suffix in ("", "_real_growth"))
    return ("gdp", "gdp_real_growth", *per, *SHOWN[6:])


def _parse_target(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not (math.isfinite(x) and abs(x) <= 1e12):
        raise ValueError("a number in the indicator's unit, e.g. 5.5 or 3000")
    return x


def _format_target(x: float) -> str:
    short = f"{x:g}"
    return short if float(short) == x else repr(float(x))


def _parse_vary(text: str) -> str:
    if not re.fullmatch(r"(levels\.)?[a-z][a-z0-9_]{0,63}", text):
        raise ValueError("an input, e.g. services_real, gdp_real, deflator or levels.gdp")
    return text


@st.cache_data(show_spinner=False, max_entries=64,
               hash_funcs={Scenario: scenario_key, Limits: repr})
def solve_cached(scenario: Scenario, indicator_id: str, year: int, target: float, vary: str,
                 vary_year: int | None, grid: int = GRID, lim: Limits | None = None) -> dict:
    """:func:`sim.analysis.solve` as plain data (cached). An unreachable target is returned as
    ``{"error": message, "closest": ..., "at": ...}``."""
    from sim.analysis import UnreachableTarget, solve

    try:
        sol = solve(scenario, indicator=indicator_id, year=year, target=target, vary=vary,
                    vary_year=vary_year, grid=grid, limits=lim)
    except UnreachableTarget as err:
        return {"error": str(err), "closest": err.closest, "at": err.at}
    return {"solution": sol.to_dict(), "frame": sol.to_frame(),
            "toml": sol.scenario.to_toml(), "describe": {k: sol.describe(k) for k in ("en", "zh")},
            "input_key": sol.input.key}


def _inputs(s: Scenario) -> list[str]:
    rates = [k for k in s.rate_names if k in s.resolved_rates()]
    return [*rates, "gdp_real", "deflator", *(f"levels.{k}" for k in s.start.levels)]


def default_vary(s: Scenario, inputs: list[str]) -> str:
    """The input varied by default: :data:`DEFAULT_VARY`, else the real growth of the base's
    largest sector, else the first input."""
    if DEFAULT_VARY in inputs:
        return DEFAULT_VARY
    if s.base.sectors:
        largest = max(s.base.sectors, key=lambda x: s.start.levels[x])
        if f"{largest}_real" in inputs:
            return f"{largest}_real"
    return inputs[0]


def _input_label(key: str, lang: str, names=None) -> str:
    from sim.plotting import input_label

    if f"goalseek.input.{key}" in TEXTS["en"]:
        return t(f"goalseek.input.{key}", lang)
    return f"{input_label(key, lang, names)} ({key})"


def render(view: View) -> None:
    lang = view.lang
    s = view.edited.scenario
    lim = app_limits()
    st.subheader(t("goalseek.title", lang, name=fmt.plain(view.names()[view.edited.id])))
    st.caption(t("goalseek.intro", lang))
    target_years = year_choice(view, "gs_year", last=False)   # None: the first projected year
    years = list(target_years.years)
    options = view.indicators
    inputs = _inputs(s)
    ss = st.session_state

    def label(k: str) -> str:
        return view.label(k, lang)

    keep_choice("gs_indicator", options, "gdp_real_growth", lang, label)
    keep_choice("gs_year", target_years.options, None, lang, target_years.show)
    keep_choice("gs_vary", inputs, default_vary(s, inputs), lang)
    keep_choice("gs_vary_year", [None, *years], None, lang,
                lambda y: t("goalseek.every_year", lang) if y is None else str(y))
    ss.setdefault("gs_target", DEFAULT_TARGET)
    with st.form("goalseek"):
        c1, c2, c3 = st.columns([2, 1, 1])
        with c1:
            ind_id = st.selectbox(t("pick_indicator", lang), options, key="gs_indicator",
                                  format_func=label, persist_state="session")
        with c2:
            year = st.selectbox(t("pick_year", lang), target_years.options, key="gs_year",
                                format_func=target_years.show, persist_state="session")
        with c3:
            target = st.number_input(t("goalseek.target", lang), step=0.1, format="%.4f",
                                     key="gs_target", persist_state="session")
        c4, c5 = st.columns([2, 2])
        with c4:
            vary = st.selectbox(t("goalseek.vary", lang), inputs, key="gs_vary",
                                format_func=lambda k: _input_label(k, lang, view.sector_names),
                                persist_state="session")
        with c5:
            when = st.selectbox(t("goalseek.vary_year", lang), [None, *years],
                                key="gs_vary_year",
                                format_func=lambda y: t("goalseek.every_year", lang) if y is None
                                else t("goalseek.only", lang, year=y), persist_state="session")
        st.form_submit_button(t("goalseek.solve", lang))
    year = target_years.year(year)
    if when is not None and vary.startswith("levels."):
        when = None
    if when is not None and when > year:
        raise InputError(f"the input's year {when} is after the target year {year}",
                         key="gs_vary_year", allowed=f"{view.base_year + 1} … {year}")
    lim.check_horizon(view.base_year, int(year), key="gs_year")
    out = solve_cached(s, ind_id, int(year), float(target), vary, when,
                       min(GRID, lim.max_grid), lim)
    if "error" in out:
        st.error(t("goalseek.unreachable", lang, message=fmt.plain(out["error"])))
        return
    sol = out["solution"]
    ind = view.indicator(ind_id)
    unit = sol["unit"]
    st.success(fmt.plain(out["describe"][lang]))
    c1, c2 = st.columns(2)
    c1.metric(fmt.plain(_input_label(vary, lang, view.sector_names)
                        + (f" · {when}" if when else "")),
              f"{sol['value']:.4f} {unit}", delta=f"{sol['value'] - sol['previous']:+.4f}",
              help=t("goalseek.was", lang, x=f"{sol['previous']:.4g} {unit}"), border=True)
    c2.metric(t("goalseek.achieved", lang, ind=ind.label(lang), year=year),
              fmt.value(sol["achieved"], ind.unit, lang), border=True)
    st.caption(t("goalseek.calls", lang, iters=sol["iterations"], method=sol["method"],
                  calls=sol["model_calls"]))
    st.markdown(f"**{t('goalseek.path', lang)}**")
    frame = out["frame"]
    rows = shown(s)
    frame = frame[frame["indicator"].isin(rows)]
    table = frame.pivot(index="indicator", columns="year", values="value")
    table = table.reindex([k for k in rows if k in table.index])
    table.index = [view.label(k, lang) for k in table.index]
    table.columns = [str(c) for c in table.columns]
    st.dataframe(table.style.format("{:,.2f}", na_rep="–"))
    st.download_button(t("goalseek.download", lang), data=out["toml"].encode("utf-8"),
                       file_name=f"{s.name}-solved.toml", mime="application/toml",
                       key="dl_solved", on_click="ignore")


PAGE = Page("goalseek", in_every_language("tab.goalseek"), render, params=(
    UrlParam("gs_indicator", parse_indicator, "gdp_real_growth", translated=True,
             indicators=True),
    UrlParam("gs_year", parse_year, None),
    UrlParam("gs_target", _parse_target, DEFAULT_TARGET, _format_target),
    UrlParam("gs_vary", _parse_vary, DEFAULT_VARY, translated=True),
    UrlParam("gs_vary_year", parse_year, None, translated=True),
))
