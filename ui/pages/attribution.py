"""Attribution: the edited scenario's difference from the baseline, split by input (Shapley
values), as a waterfall.

The controls travel in the link as ``attr_indicator`` and ``attr_year`` (None: the last year of
the horizon, so that the default follows it).
"""
from __future__ import annotations

import streamlit as st

from sim.indicators import INDICATORS, indicator
from sim.scenario import Scenario

from .. import format as fmt
from ..i18n import translator
from ..uploads import scenario_key
from ..runtime import keep_choice, limits, parse_indicator, parse_year
from ..state import UrlParam
from ..view import View
from . import Page

TEXT = {
    "title": {"en": "Attribution: {name} vs {baseline}", "zh": "归因:{name} 对比 {baseline}"},
    "indicator": {"en": "Indicator", "zh": "指标"},
    "year": {"en": "Year", "zh": "年份"},
    "same": {"en": "The two scenarios have the same inputs: nothing to attribute.",
             "zh": "两个情景的输入相同,无需归因。"},
    "caption": {
        "en": "Each input's part is its Shapley value: its effect averaged over every order in "
              "which the inputs could be switched from the baseline's values to the scenario's "
              "({runs} model runs). The parts add up exactly to the total difference.",
        "zh": "每个输入的贡献为其Shapley值:把输入从基准情景值逐一换成本情景值时,按所有可能顺序平均的效应"
              "(运行模型{runs}次)。各部分之和恰好等于总差异。"},
    "col.input": {"en": "input", "zh": "输入"},
    "col.change": {"en": "change", "zh": "变化"},
    "col.part": {"en": "contribution", "zh": "贡献"},
    "col.share": {"en": "share", "zh": "占比"},
    "total": {"en": "Total difference", "zh": "总差异"},
    "download": {"en": "Download the waterfall chart (PNG)", "zh": "下载瀑布图(PNG)"},
}


tr = translator(TEXT)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Scenario: scenario_key})
def attribution_cached(scenario: Scenario, baseline: Scenario, ind_id: str, year: int,
                       lang: str, dpi: float) -> dict:
    """Shapley parts and the waterfall chart (PNG) (cached)."""
    from sim import export
    from sim.attribution import attribute
    from sim.plotting_uncertainty import waterfall_figure

    at = attribute(scenario, baseline, indicator=ind_id, year=year)
    png = export.png_bytes(waterfall_figure(at, lang=lang, dpi=dpi)) if at.inputs else b""
    return {"frame": at.to_frame(), "total": at.total, "runs": at.model_runs, "png": png,
            "baseline_value": at.baseline_value, "scenario_value": at.scenario_value,
            "unit": at.unit}


def render(view: View) -> None:
    from sim.plotting_uncertainty import input_label

    lang = view.lang
    names = view.names()
    s, b = view.edited.scenario, view.baseline.scenario
    st.subheader(tr("title", lang, name=fmt.plain(names[view.edited.id]),
                    baseline=fmt.plain(names[view.baseline.id])))
    options = [k for k in INDICATORS if (view.frame["indicator"] == k).any()]
    years = list(range(view.base_year + 1, view.until + 1))
    year_options = [*years[:-1], None]             # None: the last year of the horizon

    def show_year(y: int | None) -> str:
        return str(years[-1] if y is None else y)

    if st.session_state.get("attr_year") == years[-1]:
        st.session_state["attr_year"] = None

    def label(k: str) -> str:
        return indicator(k).label(lang)

    keep_choice("attr_indicator", options, "gdp", lang, label)
    keep_choice("attr_year", year_options, None, lang, show_year)
    c1, c2 = st.columns([2, 1])
    with c1:
        ind_id = st.selectbox(tr("indicator", lang), options, key="attr_indicator",
                              format_func=label, persist_state="session")
    with c2:
        year = st.selectbox(tr("year", lang), year_options, key="attr_year",
                            format_func=show_year, persist_state="session")
    year = years[-1] if year is None else year
    limits().check_horizon(view.base_year, int(year), key="attr_year")
    out = attribution_cached(s, b, ind_id, int(year), lang, 110)
    if not out["png"]:
        st.info(tr("same", lang))
        return
    unit = indicator(ind_id).unit
    st.metric(tr("total", lang), fmt.value(out["scenario_value"], unit, lang),
              delta=fmt.delta(out["total"], unit, lang, reference=out["baseline_value"]),
              border=True)
    st.image(out["png"])
    st.caption(tr("caption", lang, runs=out["runs"]))
    f = out["frame"]
    st.dataframe({tr("col.input", lang): [input_label(k, lang) for k in f["input"]],
                  tr("col.change", lang): list(f["change"]),
                  tr("col.part", lang): f["contribution"].round(4),
                  tr("col.share", lang): [fmt.DASH if x != x else f"{x:.1%}"
                                          for x in f["share"]]}, hide_index=True)
    st.download_button(tr("download", lang),
                       data=lambda: attribution_cached(s, b, ind_id, int(year), lang, 200)["png"],
                       file_name=f"attribution-{ind_id}-{year}.png", mime="image/png",
                       key="dl_waterfall", on_click="ignore")


PAGE = Page("attribution", {"en": "Attribution", "zh": "归因"}, render, params=(
    UrlParam("attr_indicator", parse_indicator, "gdp"),
    UrlParam("attr_year", parse_year, None),
))
