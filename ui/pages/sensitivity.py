"""Sensitivity: a tornado of one indicator in one year, and its Sobol indices.

The sample sizes offered stop at the app's limit (``--max-sobol-samples``, :mod:`sim.limits`);
the controls travel in the link as ``sens_indicator``, ``sens_year`` (None: the last year of
the horizon, so that the default follows it) and ``sens_n``.
"""
from __future__ import annotations

import streamlit as st

from sim.indicators import INDICATORS, indicator
from sim.limits import Limits
from sim.scenario import Scenario

from ..format import plain
from ..i18n import translator
from ..uploads import scenario_key
from ..runtime import keep_choice, limits, parse_indicator, parse_year
from ..state import UrlParam
from ..view import View
from . import Page

#: Sobol base samples offered, up to the limit (which is offered too).
SAMPLES = (1024, 4096, 16384, 65536, 262144)
DEFAULT_SAMPLES = 4096
TEXT = {
    "title": {"en": "Sensitivity: {name}", "zh": "敏感性分析:{name}"},
    "indicator": {"en": "Indicator", "zh": "指标"},
    "year": {"en": "Year", "zh": "年份"},
    "tornado": {"en": "One input at a time (tornado)", "zh": "逐项敏感性(龙卷风图)"},
    "tornado_caption": {
        "en": "Each input moves by ± its standard deviation (else ± 1 pp) in every year, the "
              "others staying at the scenario's values; {runs} model runs.",
        "zh": "每个输入在各年分别上下移动一个标准差(未设定时为±1个百分点),其他输入保持情景值;共运行模型{runs}次。"},
    "sobol": {"en": "Share of the variance due to each rate (Sobol indices)",
              "zh": "各增速对方差的贡献(Sobol指数)"},
    "samples": {"en": "Base samples n (model runs n·(d+2))", "zh": "基础样本数n(模型运行n·(d+2)次)"},
    "sobol_caption": {
        "en": "{runs:,} model runs. First order: the share of the variance due to the rate alone; "
              "total: including its interactions. Each rate's shock path is one factor.",
        "zh": "模型运行{runs:,}次。一阶指数:该增速单独造成的方差占比;总效应指数:包括交互作用。每个增速的冲击路径为一个因子。"},
    "col.input": {"en": "input", "zh": "输入"},
    "col.step": {"en": "step", "zh": "步长"},
    "col.low": {"en": "− step", "zh": "− 步长"},
    "col.high": {"en": "+ step", "zh": "+ 步长"},
    "col.swing": {"en": "swing", "zh": "摆幅"},
    "col.first": {"en": "first order", "zh": "一阶"},
    "col.total": {"en": "total", "zh": "总效应"},
    "notes": {"en": "Design and assumptions", "zh": "设计与假设"},
    "download": {"en": "Download the tornado chart (PNG)", "zh": "下载龙卷风图(PNG)"},
}


tr = translator(TEXT)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Scenario: scenario_key})
def tornado_cached(scenario: Scenario, ind_id: str, year: int, lang: str, dpi: float) -> dict:
    """Tornado table and chart (PNG) of ``ind_id`` in ``year`` (cached)."""
    from sim import export
    from sim.plotting_uncertainty import tornado_figure
    from sim.sensitivity import tornado

    res = tornado(scenario, indicator=ind_id, year=year)
    return {"frame": res.frame, "base": res.base, "runs": res.model_runs,
            "png": export.png_bytes(tornado_figure(res, lang=lang, dpi=dpi))}


def sample_options(lim: Limits) -> list[int]:
    """The sample sizes offered: :data:`SAMPLES` below the limit, and the limit."""
    return [n for n in SAMPLES if n < lim.max_sobol_samples] + [lim.max_sobol_samples]


def default_samples(lim: Limits) -> int:
    options = sample_options(lim)
    return DEFAULT_SAMPLES if DEFAULT_SAMPLES in options else options[-1]


def _parse_samples(text: str) -> int:
    options = sample_options(limits())
    try:
        n = int(text)
    except ValueError:
        n = None
    if n not in options:
        more = (f"; at most {options[-1]:,} per request here" if n is not None
                and n > options[-1] else "")
        raise ValueError("one of " + ", ".join(str(x) for x in options) + more)
    return n


def sobol_summary(scenario: Scenario, ind_id: str, year: int, n: int, *, limits: Limits
                  ) -> dict:
    """Sobol indices of ``ind_id`` in ``year`` with ``n`` base samples, seed 2024 (pure;
    ``limits`` checked before anything is allocated)."""
    from sim.sensitivity import sobol_scenario

    limits.check_sobol_samples(n, key="sens_n")
    limits.check_horizon(scenario.base.year, year, key="sens_year")
    res = sobol_scenario(scenario, indicator=ind_id, year=year, n=n, rng=2024, limits=limits)
    return {"frame": res.to_frame(), "runs": res.model_runs, "notes": res.notes}


@st.cache_data(show_spinner=False, max_entries=32,
               hash_funcs={Scenario: scenario_key, Limits: repr})
def sobol_cached(scenario: Scenario, ind_id: str, year: int, n: int, lim: Limits) -> dict:
    """:func:`sobol_summary`, cached."""
    return sobol_summary(scenario, ind_id, year, n, limits=lim)


def render(view: View) -> None:
    from sim.plotting_uncertainty import input_label

    lang = view.lang
    s = view.edited.scenario
    lim = limits()
    st.subheader(tr("title", lang, name=plain(view.names()[view.edited.id])))
    options = [k for k in INDICATORS if (view.frame["indicator"] == k).any()]
    years = list(range(view.base_year + 1, view.until + 1))
    year_options = [*years[:-1], None]             # None: the last year of the horizon

    def show_year(y: int | None) -> str:
        return str(years[-1] if y is None else y)

    if st.session_state.get("sens_year") == years[-1]:
        st.session_state["sens_year"] = None

    def label(k: str) -> str:
        return indicator(k).label(lang)

    samples = sample_options(lim)
    keep_choice("sens_indicator", options, "gdp", lang, label)
    keep_choice("sens_year", year_options, None, lang, show_year)
    keep_choice("sens_n", samples, default_samples(lim), lang, lambda x: f"{x:,}")
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        ind_id = st.selectbox(tr("indicator", lang), options, key="sens_indicator",
                              format_func=label, persist_state="session")
    with c2:
        year = st.selectbox(tr("year", lang), year_options, key="sens_year",
                            format_func=show_year, persist_state="session")
    with c3:
        n = st.selectbox(tr("samples", lang), samples, key="sens_n",
                         format_func=lambda x: f"{x:,}", persist_state="session")
    year = years[-1] if year is None else year
    lim.check_horizon(view.base_year, int(year), key="sens_year")
    st.markdown(f"**{tr('tornado', lang)}**")
    tor = tornado_cached(s, ind_id, int(year), lang, 110)
    st.image(tor["png"])
    st.caption(tr("tornado_caption", lang, runs=tor["runs"]))
    f = tor["frame"]
    st.dataframe({tr("col.input", lang): [input_label(k, lang) for k in f["input"]],
                  tr("col.step", lang): [f"± {x:g} {u}" for x, u in zip(f["step"], f["unit"])],
                  tr("col.low", lang): f["delta_low"].round(4),
                  tr("col.high", lang): f["delta_high"].round(4),
                  tr("col.swing", lang): f["swing"].round(4)}, hide_index=True)
    st.download_button(tr("download", lang),
                       data=lambda: tornado_cached(s, ind_id, int(year), lang, 200)["png"],
                       file_name=f"tornado-{ind_id}-{year}.png", mime="image/png",
                       key="dl_tornado", on_click="ignore")

    st.markdown(f"**{tr('sobol', lang)}**")
    sob = sobol_cached(s, ind_id, int(year), int(n), lim)
    g = sob["frame"]
    st.dataframe({tr("col.input", lang): [input_label(k, lang) for k in g["factor"]],
                  tr("col.first", lang): g["first_order"].clip(0, 1),
                  tr("col.total", lang): g["total_order"].clip(0, 1)}, hide_index=True,
                 column_config={tr(c, lang): st.column_config.ProgressColumn(
                     tr(c, lang), min_value=0.0, max_value=1.0, format="%.3f")
                     for c in ("col.first", "col.total")})
    st.caption(tr("sobol_caption", lang, runs=sob["runs"]))
    with st.expander(tr("notes", lang)):
        st.markdown("\n".join(f"- {plain(x)}" for x in sob["notes"]))


PAGE = Page("sensitivity", {"en": "Sensitivity", "zh": "敏感性"}, render, params=(
    UrlParam("sens_indicator", parse_indicator, "gdp"),
    UrlParam("sens_year", parse_year, None),
    UrlParam("sens_n", _parse_samples, DEFAULT_SAMPLES),
))
