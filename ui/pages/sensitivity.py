"""Sensitivity: a tornado of one indicator in one year, and its Sobol indices.

The sample sizes offered stop at the app's limit (``--max-sobol-samples``, :mod:`sim.limits`);
the controls travel in the link as ``sens_indicator``, ``sens_year`` (None: the last year of
the horizon, so that the default follows it) and ``sens_n``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from sim.limits import Limits
from sim.scenario import Scenario

from ..controls import offered
from ..format import plain
from ..i18n import in_every_language, t
from ..page import Page, keep_choice, year_choice
from ..uploads import app_limits, scenario_key
from ..url import UrlParam, parse_indicator, parse_offered, parse_year
from ..vega import tornado_spec
from ..view import View

if TYPE_CHECKING:
    from sim.analysis import Tornado

#: Sobol base samples offered, up to the limit (which is offered too).
SAMPLES = (1024, 4096, 16384, 65536, 262144)
DEFAULT_SAMPLES = 4096



@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Scenario: scenario_key})
def tornado_cached(scenario: Scenario, ind_id: str, year: int) -> "Tornado":
    """The tornado of ``ind_id`` in ``year`` (cached)."""
    from sim.analysis import tornado

    return tornado(scenario, indicator=ind_id, year=year)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs={Scenario: scenario_key})
def tornado_png(scenario: Scenario, ind_id: str, year: int, lang: str,
                names: tuple[tuple[str, tuple[str, str]], ...], dpi: float) -> bytes:
    """The tornado chart as PNG (for the download, drawn when asked for); ``names`` the
    sector labels, as (sector, (English, Chinese)) pairs."""
    from sim import export
    from sim.plotting import tornado_figure

    return export.png_bytes(tornado_figure(tornado_cached(scenario, ind_id, year), lang=lang,
                                           names=dict(names), dpi=dpi))


def sample_options(lim: Limits) -> list[int]:
    """The sample sizes offered: :data:`SAMPLES` below the limit, and the limit."""
    return offered(SAMPLES, lim.max_sobol_samples)


def default_samples(lim: Limits) -> int:
    options = sample_options(lim)
    return DEFAULT_SAMPLES if DEFAULT_SAMPLES in options else options[-1]


def _parse_samples(text: str) -> int:
    return parse_offered(text, sample_options(app_limits()))


def sobol_summary(scenario: Scenario, ind_id: str, year: int, n: int, *, limits: Limits
                  ) -> dict:
    """Sobol indices of ``ind_id`` in ``year`` with ``n`` base samples, seed 2024 (pure;
    ``limits`` checked before anything is allocated)."""
    from sim.analysis import sobol_scenario

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
    from sim.plotting import input_label

    lang = view.lang
    s = view.edited.scenario
    lim = app_limits()
    st.subheader(t("sensitivity.title", lang, name=plain(view.names()[view.edited.id])))
    options = view.indicators
    years = year_choice(view, "sens_year")           # None: the last year of the horizon

    def label(k: str) -> str:
        return view.label(k, lang)

    samples = sample_options(lim)
    keep_choice("sens_indicator", options, "gdp", lang, label)
    keep_choice("sens_year", years.options, None, lang, years.show)
    keep_choice("sens_n", samples, default_samples(lim), lang, lambda x: f"{x:,}")
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        ind_id = st.selectbox(t("pick_indicator", lang), options, key="sens_indicator",
                              format_func=label, persist_state="session")
    with c2:
        year = years.year(st.selectbox(t("pick_year", lang), years.options, key="sens_year",
                                       format_func=years.show, persist_state="session"))
    with c3:
        n = st.selectbox(t("sensitivity.samples", lang), samples, key="sens_n",
                         format_func=lambda x: f"{x:,}", persist_state="session")
    lim.check_horizon(view.base_year, int(year), key="sens_year")
    st.markdown(f"**{t('sensitivity.tornado', lang)}**")
    tor = tornado_cached(s, ind_id, int(year))
    names = view.sector_names
    st.vega_lite_chart(tornado_spec(tor, lang=lang, names=names), width="stretch")
    st.caption(t("sensitivity.tornado_caption", lang, runs=tor.model_runs))
    f = tor.frame
    st.dataframe({t("col_input", lang): [input_label(k, lang, names) for k in f["input"]],
                  t("sensitivity.col.step", lang): [f"± {x:g} {u}"
                                                    for x, u in zip(f["step"], f["unit"])],
                  t("sensitivity.col.low", lang): f["delta_low"].round(4),
                  t("sensitivity.col.high", lang): f["delta_high"].round(4),
                  t("sensitivity.col.swing", lang): f["swing"].round(4)}, hide_index=True)
    st.download_button(t("sensitivity.download", lang),
                       data=lambda: tornado_png(s, ind_id, int(year), lang,
                                                tuple(names.items()), 200),
                       file_name=f"tornado-{ind_id}-{year}.png", mime="image/png",
                       key="dl_tornado", on_click="ignore")

    st.markdown(f"**{t('sensitivity.sobol', lang)}**")
    sob = sobol_cached(s, ind_id, int(year), int(n), lim)
    g = sob["frame"]
    st.dataframe({t("col_input", lang): [input_label(k, lang, names) for k in g["factor"]],
                  t("sensitivity.col.first", lang): g["first_order"].clip(0, 1),
                  t("sensitivity.col.total", lang): g["total_order"].clip(0, 1)},
                 hide_index=True,
                 column_config={t(c, lang): st.column_config.ProgressColumn(
                     t(c, lang), min_value=0.0, max_value=1.0, format="%.3f")
                     for c in ("sensitivity.col.first", "sensitivity.col.total")})
    st.caption(t("sensitivity.sobol_caption", lang, runs=sob["runs"]))
    with st.expander(t("sensitivity.notes", lang)):
        st.markdown("\n".join(f"- {plain(x)}" for x in sob["notes"]))


PAGE = Page("sensitivity", in_every_language("tab.sensitivity"), render, params=(
    UrlParam("sens_indicator", parse_indicator, "gdp", translated=True, indicators=True),
    UrlParam("sens_year", parse_year, None),
    UrlParam("sens_n", _parse_samples, DEFAULT_SAMPLES),
))
