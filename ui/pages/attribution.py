"""Attribution: the edited scenario's difference from the baseline, split by input (Shapley
values), as a waterfall.

The controls travel in the link as ``attr_indicator`` and ``attr_year`` (None: the last year of
the horizon, so that the default follows it).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from sim.scenario import Scenario

from .. import format as fmt
from ..i18n import in_every_language, t
from ..page import Page, keep_choice, year_choice
from ..uploads import app_limits, scenario_key
from ..url import UrlParam, parse_indicator, parse_year
from ..vega import waterfall_spec
from ..view import View

if TYPE_CHECKING:
    from sim.analysis import Attribution




@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Scenario: scenario_key})
def attribution_cached(scenario: Scenario, baseline: Scenario, ind_id: str,
                       year: int) -> "Attribution":
    """The Shapley parts of ``ind_id`` in ``year`` (cached)."""
    from sim.analysis import attribute

    return attribute(scenario, baseline, indicator=ind_id, year=year)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs={Scenario: scenario_key})
def waterfall_png(scenario: Scenario, baseline: Scenario, ind_id: str, year: int, lang: str,
                  names: tuple[tuple[str, tuple[str, str]], ...], dpi: float) -> bytes:
    """The waterfall chart as PNG (for the download, drawn when asked for); ``names`` the
    sector labels, as (sector, (English, Chinese)) pairs."""
    from sim import export
    from sim.plotting import waterfall_figure

    return export.png_bytes(waterfall_figure(attribution_cached(scenario, baseline, ind_id,
                                                                year), lang=lang,
                                             names=dict(names), dpi=dpi))


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
    out = attribution_cached(s, b, ind_id, int(year))
    if not out.inputs:
        st.info(t("attribution.same", lang))
        return
    unit = view.indicator(ind_id).unit
    st.metric(t("attribution.total", lang), fmt.value(out.scenario_value, unit, lang),
              delta=fmt.delta(out.total, unit, lang, reference=out.baseline_value),
              border=True)
    st.vega_lite_chart(waterfall_spec(out, lang=lang, names=view.sector_names),
                       width="stretch")
    st.caption(t("attribution.caption", lang, runs=out.model_runs))
    f = out.to_frame()
    st.dataframe({t("col_input", lang): [input_label(k, lang, view.sector_names)
                                         for k in f["input"]],
                  t("attribution.col.change", lang): list(f["change"]),
                  t("attribution.col.part", lang): f["contribution"].round(4),
                  t("attribution.col.share", lang): [fmt.DASH if x != x else f"{x:.1%}"
                                                     for x in f["share"]]}, hide_index=True)
    st.download_button(t("attribution.download", lang),
                       data=lambda: waterfall_png(s, b, ind_id, int(year), lang,
                                                  tuple(view.sector_names.items()), 200),
                       file_name=f"attribution-{ind_id}-{year}.png", mime="image/png",
                       key="dl_waterfall", on_click="ignore")


PAGE = Page("attribution", in_every_language("tab.attribution"), render, params=(
    UrlParam("attr_indicator", parse_indicator, "gdp", translated=True, indicators=True),
    UrlParam("attr_year", parse_year, None),
))
