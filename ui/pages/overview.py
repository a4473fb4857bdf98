"""Overview: headline figures against the baseline and the 2024 targets, the consistency
warnings (with the base-year GDP level history implies, in one click, where the source gives
only a lower bound), and a projection chart with the three reference lines after the base's
history."""
from __future__ import annotations

import math

import streamlit as st

from sim.consistency import DEFLATOR_BAND, Estimate, consistency_report, lower_bound_estimate
from sim.indicators import INDICATORS
from sim.targets import PLAN_2024

from .. import format as fmt
from .. import instant
from ..charts import EXPORT_DPI, history_rows, projection_png, projection_spec
from ..controls import gdp_range
from ..guard import guarded
from ..i18n import in_every_language, t
from ..page import Page
from ..sidebar import KEYS
from ..tables import targets_table
from ..url import UrlParam
from ..view import View, export_meta

#: Headline indicators, in display order (the two-sector form's; see :func:`headline_ids`).
HEADLINE = ("gdp", "gdp_real_growth", "services", "non_services", "retail_sales", "rd_intensity")
#: The indicator charted: one of the model's, or a sector's or extra's of the link's scenarios.
CHART = UrlParam("chart", default="gdp", options=tuple(INDICATORS), translated=True,
                 indicators=True)


def headline_ids(view: View) -> tuple[str, ...]:
    """The headline indicators of the edited scenario: :data:`HEADLINE`, the level of each
    sector of its base in place of services and non-services."""
    sectors = view.edited.scenario.base.sectors
    if not sectors:
        return HEADLINE
    return ("gdp", "gdp_real_growth", *sectors, "retail_sales", "rd_intensity")


def headline(view: View) -> None:
    """The headline figures of the edited scenario in the chosen year (:func:`headline_ids`),
    each with its difference from the baseline."""
    lang, year = view.lang, view.year
    edited, baseline = view.edited, view.baseline
    names = view.names()
    st.subheader(t("headline", lang, name=fmt.plain(names[edited.id]), year=year))
    st.caption(t("headline_caption", lang, baseline=fmt.plain(names[baseline.id]))
               + (" " + t("headline_outturn", lang, year=year) if year == view.base_year
                  else ""))
    instant.headline(view, headline_ids(view))


def targets(view: View) -> None:
    """The 2024 targets for the edited scenario and the baseline."""
    lang = view.lang
    st.markdown(f"**{t('targets_title', lang)}**")
    table = targets_table(view, ids=[view.edited.id, view.baseline.id])
    # a static table (its cells are Markdown, made literal): two rows need no data grid,
    # whose script (0.5 MB) the overview then does not load
    st.table(table.map(fmt.plain).rename(columns=fmt.plain), hide_index=True)
    needs = [tg.label(lang) for tg in PLAN_2024 if tg.needs]
    if needs:
        st.caption(t("targets_needs", lang, items="; ".join(needs)))


def consistency(view: View) -> None:
    """Warnings of the base-year consistency report (the edited base level applied), and the
    level history implies for a lower-bound GDP (:func:`estimate_offer`)."""
    report = consistency_report(view.edited.scenario.start)
    for finding in report.warnings:
        st.warning(finding.text(view.lang))
    estimate_offer(view)


def gdp_estimate(view: View) -> Estimate | None:
    """The base-year GDP level that the history of the edited scenario's file base implies,
    where the source gives GDP only as a lower bound and the GDP slider reaches it
    (:func:`sim.consistency.lower_bound_estimate`); None otherwise."""
    est = lower_bound_estimate(view.file_scenario.base)
    if est is None or est.indicator != "gdp":
        return None
    return est if round(est.value, 1) in gdp_range(view.file_scenario) else None


def _use_level(value: float) -> None:
    """The button's action, before the next run: the GDP slider at ``value``."""
    st.session_state[KEYS["gdp"]] = float(value)


def estimate_offer(view: View) -> None:
    """Where the source gives the base-year GDP only as a lower bound ("突破") and history gives
    the year before, a button setting the GDP level to the estimate (rounded to the slider's
    0.1亿元): a level override, labelled as an estimate and a user assumption from then on,
    undone by the sidebar's reset. Once it is the level, a note says so."""
    est = gdp_estimate(view)
    if est is None:
        return
    lang, base = view.lang, view.file_scenario.base
    value = round(est.value, 1)
    prev = est.years[0]
    how = t("overview.estimate_how", lang, prev=prev, prior=base.history.get(prev).levels["gdp"],
            growth=base.growth["gdp"], year=est.year)
    bound = base.levels["gdp"]
    if math.isclose(view.edited.scenario.start.levels["gdp"], value, abs_tol=1e-6):
        st.info(t("overview.estimate_used", lang, year=est.year, value=value, how=how,
                  reset=t("reset", lang), bound=bound))
        return
    lo, hi = DEFLATOR_BAND
    st.info(t("overview.estimate_offer", lang, year=est.year, bound=bound, value=est.value,
              low=est.low, high=est.high, lo=lo, hi=hi))
    st.button(t("overview.use_estimate", lang, value=value, how=how), key="use_estimate",
              on_click=_use_level, args=(value,))


def chart(view: View) -> None:
    """A projection chart of the chosen indicator, with its PNG download."""
    lang = view.lang
    options = view.indicators
    if st.session_state.get(CHART.key) not in options:
        st.session_state[CHART.key] = CHART.default
    ind_id = st.selectbox(t("chart_indicator", lang), options, key=CHART.key,
                          persist_state="session",
                          format_func=lambda k: f"{view.label(k, lang)} ({view.indicator(k).unit})")
    # drawn by the browser, the edited line following the sliders with the headline
    instant.live_chart(view, headline_ids(view), ind_id, projection_spec(view, ind_id))
    st.caption(t("lines_caption", lang, year=view.base_year))
    past = history_rows(view, ind_id)
    if past is not None and len(past):
        st.caption(t("overview.history_caption", lang, year=view.base_year))
    st.download_button(t("download_png", lang),
                       data=lambda: projection_png(view, ind_id, dpi=EXPORT_DPI,
                                                   meta=export_meta(view)),
                       file_name=f"{ind_id}.png", mime="image/png", key="dl_chart_overview",
                       on_click="ignore")


def render(view: View) -> None:
    for part in (headline, targets, consistency, chart):
        guarded(part, view, lang=view.lang)


PAGE = Page("overview", in_every_language("tab.overview"), render, params=(CHART,))
