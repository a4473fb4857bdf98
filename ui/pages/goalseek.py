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
from sim.indicators import INDICATORS, indicator
from sim.limits import Limits
from sim.scenario import Scenario

from .. import format as fmt
from ..i18n import translator
from ..uploads import scenario_key
from ..runtime import keep_choice, limits, parse_indicator, parse_year
from ..state import UrlParam
from ..view import View
from . import Page

#: Points of the bracketing grid (fewer if the app's limit is lower).
GRID = 64
DEFAULT_TARGET = 5.5
DEFAULT_VARY = "services_real"

TEXT = {
    "title": {"en": "Goal-seek: {name}", "zh": "目标求解:{name}"},
    "intro": {"en": "Which value of one input makes an indicator hit a target? E.g. the services "
                    "growth that gives 5.5% GDP growth in 2024.",
              "zh": "某一输入取何值时,指标能达到目标?例如:服务业增速为多少时,2024年地区生产总值增长5.5%。"},
    "indicator": {"en": "Indicator", "zh": "指标"},
    "year": {"en": "Year", "zh": "年份"},
    "target": {"en": "Target value", "zh": "目标值"},
    "vary": {"en": "Input to solve for", "zh": "求解的输入"},
    "vary_year": {"en": "In which years", "zh": "作用年份"},
    "every_year": {"en": "every year (one constant)", "zh": "每一年(同一常数)"},
    "only": {"en": "only {year}", "zh": "仅{year}年"},
    "solve": {"en": "Solve", "zh": "求解"},
    "answer": {"en": "Answer", "zh": "结果"},
    "was": {"en": "was {x}", "zh": "原为{x}"},
    "achieved": {"en": "{ind} in {year}", "zh": "{year}年{ind}"},
    "unreachable": {"en": "Not reachable. {message}", "zh": "无法达到。{message}"},
    "path": {"en": "The solved scenario", "zh": "求解后的情景"},
    "calls": {"en": "{iters} iterations of {method}; {calls} calls of the model.",
              "zh": "{method}迭代{iters}次;调用模型{calls}次。"},
    "download": {"en": "Download the solved scenario (TOML)", "zh": "下载求解后的情景(TOML)"},
    "input.gdp_real": {"en": "real growth of both sectors (GDP real growth)",
                       "zh": "两部门可比价增速(即GDP实际增速)"},
    "input.deflator": {"en": "price change of both sectors", "zh": "两部门价格变动"},
}
SHOWN = ("gdp", "gdp_real_growth", "services", "services_real_growth", "non_services",
         "non_services_real_growth", "retail_sales", "retail_sales_growth", "rd_intensity",
         "rd_expenditure")


tr = translator(TEXT)


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
    """:func:`sim.solve.solve` as plain data (cached). An unreachable target is returned as
    ``{"error": message, "closest": ..., "at": ...}``."""
    from sim.solve import UnreachableTarget, solve

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


def _input_label(key: str, lang: str) -> str:
    from sim.plotting_uncertainty import input_label

    if f"input.{key}" in TEXT:
        return tr(f"input.{key}", lang)
    return f"{input_label(key, lang)} ({key})"


def render(view: View) -> None:
    lang = view.lang
    s = view.edited.scenario
    lim = limits()
    st.subheader(tr("title", lang, name=fmt.plain(view.names()[view.edited.id])))
    st.caption(tr("intro", lang))
    years = list(range(view.base_year + 1, view.until + 1))
    year_options = [None, *years[1:]]              # None: the first projected year
    options = [k for k in INDICATORS if (view.frame["indicator"] == k).any()]
    inputs = _inputs(s)
    ss = st.session_state
    if ss.get("gs_year") == years[0]:
        ss["gs_year"] = None

    def label(k: str) -> str:
        return indicator(k).label(lang)

    keep_choice("gs_indicator", options, "gdp_real_growth", lang, label)
    keep_choice("gs_year", year_options, None, lang, lambda y: str(years[0] if y is None else y))
    keep_choice("gs_vary", inputs, DEFAULT_VARY if DEFAULT_VARY in inputs else inputs[0], lang)
    keep_choice("gs_vary_year", [None, *years], None, lang,
                lambda y: tr("every_year", lang) if y is None else str(y))
    ss.setdefault("gs_target", DEFAULT_TARGET)
    with st.form("goalseek"):
        c1, c2, c3 = st.columns([2, 1, 1])
        with c1:
            ind_id = st.selectbox(tr("indicator", lang), options, key="gs_indicator",
                                  format_func=label, persist_state="session")
        with c2:
            year = st.selectbox(tr("year", lang), year_options, key="gs_year",
                                format_func=lambda y: str(years[0] if y is None else y),
                                persist_state="session")
        with c3:
            target = st.number_input(tr("target", lang), step=0.1, format="%.4f",
                                     key="gs_target", persist_state="session")
        c4, c5 = st.columns([2, 2])
        with c4:
            vary = st.selectbox(tr("vary", lang), inputs, key="gs_vary",
                                format_func=lambda k: _input_label(k, lang),
                                persist_state="session")
        with c5:
            when = st.selectbox(tr("vary_year", lang), [None, *years], key="gs_vary_year",
                                format_func=lambda y: tr("every_year", lang) if y is None
                                else tr("only", lang, year=y), persist_state="session")
        st.form_submit_button(tr("solve", lang))
    year = years[0] if year is None else year
    if when is not None and vary.startswith("levels."):
        when = None
    if when is not None and when > year:
        raise InputError(f"the input's year {when} is after the target year {year}",
                         key="gs_vary_year", allowed=f"{view.base_year + 1} … {year}")
    lim.check_horizon(view.base_year, int(year), key="gs_year")
    out = solve_cached(s, ind_id, int(year), float(target), vary, when,
                       min(GRID, lim.max_grid), lim)
    if "error" in out:
        st.error(tr("unreachable", lang, message=fmt.plain(out["error"])))
        return
    sol = out["solution"]
    ind = indicator(ind_id)
    unit = sol["unit"]
    st.success(fmt.plain(out["describe"][lang]))
    c1, c2 = st.columns(2)
    c1.metric(fmt.plain(_input_label(vary, lang) + (f" · {when}" if when else "")),
              f"{sol['value']:.4f} {unit}", delta=f"{sol['value'] - sol['previous']:+.4f}",
              help=tr("was", lang, x=f"{sol['previous']:.4g} {unit}"), border=True)
    c2.metric(tr("achieved", lang, ind=ind.label(lang), year=year),
              fmt.value(sol["achieved"], ind.unit, lang), border=True)
    st.caption(tr("calls", lang, iters=sol["iterations"], method=sol["method"],
                  calls=sol["model_calls"]))
    st.markdown(f"**{tr('path', lang)}**")
    frame = out["frame"]
    frame = frame[frame["indicator"].isin(SHOWN)]
    table = frame.pivot(index="indicator", columns="year", values="value")
    table = table.reindex([k for k in SHOWN if k in table.index])
    table.index = [indicator(k).label(lang) for k in table.index]
    table.columns = [str(c) for c in table.columns]
    st.dataframe(table.style.format("{:,.2f}", na_rep="–"))
    st.download_button(tr("download", lang), data=out["toml"].encode("utf-8"),
                       file_name=f"{s.name}-solved.toml", mime="application/toml",
                       key="dl_solved", on_click="ignore")


PAGE = Page("goalseek", {"en": "Goal-seek", "zh": "目标求解"}, render, params=(
    UrlParam("gs_indicator", parse_indicator, "gdp_real_growth"),
    UrlParam("gs_year", parse_year, None),
    UrlParam("gs_target", _parse_target, DEFAULT_TARGET, _format_target),
    UrlParam("gs_vary", _parse_vary, DEFAULT_VARY),
    UrlParam("gs_vary_year", parse_year, None),
))
