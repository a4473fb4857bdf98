"""Attribution: the edited scenario's difference from the baseline, split by input (Shapley
values), as a waterfall.

The controls travel in the link as ``attr_indicator`` and ``attr_year`` (None: the last year of
the horizon, so that the default follows it).
"""
from __future__ import annotations

import streamlit as st

from sim.scenario import Scenario

from .. import format as fmt
from ..i18n import in_every_language, t
from ..page import Page, keep_choice, year_choice
from ..uploads import app_limits, scenario_key
from ..url import UrlParam, parse_indicator, parse_year
from ..view import View




@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Scenario: scenario_key})
def attribution_cached(scenario: Scenario, baseline: Scenario, ind_id: str, year: int,
                       lang: str, dpi: float) -> dict:
    """Shapley parts and the waterfall chart (PNG) (cached)."""
    from sim import export
    from sim.analysis import attribute
    from sim.plotting import waterfall_figure

    at = attribute(scenario, baseline, indicator=ind_id, year=year)
    png = export.png_bytes(waterfall_figure(at, lang=lang, dpi=dpi)) if at.inputs else b""
    return {"frame": at.to_frame(), "total": at.total, "runs": at.model_runs, "png": png,
            "baseline_value": at.baseline_value, "scenario_value": at.scenario_value,
            "unit": at.unit}


def render(view: View) -> None:
    from sim.plotting import input_label

    lang = view.lang
    names = view.names()
    s, b = view.edited.scenario, view.baseline.scenario
    st.subheader(t("attribution.title", lang, name=fmt.plain(names[view.edited.id]),
                   baseline=fmt.plain(names[view.baseline.id])))
    options = view.indicators
    years = year_choice(view, "attr_year")           # None: the last year of the horizon

    def label(k: str) -> str:
        return view.label(k, lang)

    keep_choice("attr_indicator", options, "gdp", lang, label)
    keep_choice("attr_year", years.options, None, lang, years.show)
    c1, c2 = st.columns([2, 1])
    with c1:
        ind_id = st.selectbox(t("pick_indicator", lang), options, key="attr_indicator",
                              format_func=label, persist_state="session")
    with c2:
        year = years.year(st.selectbox(t("pick_year", lang), years.options, key="attr_year",
                                       format_func=years.show, persist_state="session"))
    app_limits().check_horizon(view.base_year, int(year), key="attr_year")
    out = attribution_cached(s, b, ind_id, int(year), lang, 110)
    if not out["png"]:
        st.info(t("attribution.same", lang))
        return
    unit = view.indicator(ind_id).unit
    st.metric(t("attribution.total", lang), fmt.value(out["scenario_value"], unit, lang),
              delta=fmt.delta(out["total"], unit, lang, reference=out["baseline_value"]),
              border=True)
    st.image(out["png"])
    st.caption(t("attribution.caption", lang, runs=out["runs"]))
    f = out["frame"]
    st.dataframe({t("col_input", lang): [input_label(k, lang, view.sector_names)
                                         for k in f["input"]],
                  t("attribution.col.change", lang): list(f["change"]),
                  t("attribution.col.part", lang): f["contribution"].round(4),
                  t("attribution.col.share", lang): [fmt.DASH if x != x else f"{x:.1%}"
                                                     for x in f["share"]]}, hide_index=True)
    st.download_button(t("attribution.download", lang),
                       data=lambda: attribution_cached(s, b, ind_id, int(year), lang, 200)["png"],
                       file_name=f"attribution-{ind_id}-{year}.png", mime="image/png",
                       key="dl_waterfall", on_click="ignore")


PAGE = Page("attribution", in_every_language("tab.attribution"), render, params=(
    UrlParam("attr_indicator", parse_indicator, "gdp", translated=True, indicators=True),
    UrlParam("attr_year", parse_year, None),
))
