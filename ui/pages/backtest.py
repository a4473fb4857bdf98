"""Backtest: would simple forecasters, with the model's arithmetic, have forecast the past of the
edited scenario's base? The errors by year and method (table and chart) and their mean error
and RMSE (:mod:`sim.backtest`); the base's history with its sources, kinds and flags
(:mod:`sim.history`); and the calibration, where a calibrated scenario's rates and their
uncertainty come from (:mod:`sim.calibrate`), with the calibrated scenario as a download.

A base without history says so. The controls travel in the link as ``bt_method`` and
``bt_indicator``.
"""
from __future__ import annotations

import streamlit as st

from sim.backtest import backtest_summary, years_text
from sim.errors import InputError

from ..charts import EXPORT_DPI, backtest_png
from ..vega import backtest_spec
from ..format import plain
from ..guard import guarded
from ..history import backtest_of, calibration_of, flags_of, has_history, history_of
from ..history_view import (METHOD_CHOICES, assumed_rates, backtest_rows, backtest_table,
                            calibrated_toml, calibration_table, flag_text, history_label,
                            history_table, summary_table)
from ..i18n import in_every_language, t
from ..page import Page, keep_choice
from ..url import UrlParam, parse_indicator
from ..view import View

#: The methods whose errors are shown: all, or one.
METHOD = UrlParam("bt_method", default="all", options=METHOD_CHOICES, translated=True)
#: The indicator whose errors are charted.
INDICATOR = UrlParam("bt_indicator", parse_indicator, "gdp_real_growth", translated=True,
                     indicators=True)


def _numbers(data, start: int, digits: int = 2) -> dict:
    return {c: st.column_config.NumberColumn(format=f"%.{digits}f")
            for c in data.columns[start:] if data[c].dtype.kind == "f"}


def errors(view: View) -> None:
    """The errors of each method by year (table and chart) and their summary."""
    lang, base = view.lang, view.edited.scenario.base
    table = backtest_of(base)
    st.subheader(t("backtest.errors", lang))
    st.caption(t("backtest.caption", lang))
    if table.empty:
        st.info(t("backtest.none", lang))
        return
    if st.session_state.get(METHOD.key) not in METHOD_CHOICES:
        st.session_state[METHOD.key] = METHOD.default
    method = st.segmented_control(t("backtest.method", lang), METHOD_CHOICES, key=METHOD.key,
                                  format_func=lambda m: t("backtest.method." + m, lang),
                                  required=True, persist_state="session") or METHOD.default
    rows = backtest_rows(table, method)
    if rows.empty:
        st.info(t("backtest.none_for", lang, method=t("backtest.method." + method, lang)))
    else:
        data = backtest_table(rows, base, lang=lang)
        st.dataframe(data, hide_index=True, column_config=_numbers(data, 3))
        options = list(dict.fromkeys(rows["indicator"]))
        default = INDICATOR.default if INDICATOR.default in options else options[0]

        def label(k: str) -> str:
            return history_label(k, base, lang)

        keep_choice(INDICATOR.key, options, default, lang, label)
        ind_id = st.selectbox(t("backtest.chart_indicator", lang), options, key=INDICATOR.key,
                              format_func=label, persist_state="session")
        methods = [m for m in METHOD_CHOICES[1:] if (rows["method"] == m).any()]
        names = [(m, t("backtest.method." + m, lang)) for m in methods]
        chart_rows = rows[rows["indicator"] == ind_id]
        st.vega_lite_chart(backtest_spec(chart_rows, ind_id, lang=lang, methods=methods,
                                         names=dict(names)), width="stretch")
        st.download_button(t("download_png", lang),
                           data=lambda: backtest_png(rows, ind_id, lang, methods=methods,
                                                     names=names, dpi=EXPORT_DPI),
                           file_name=f"backtest_{ind_id}.png", mime="image/png",
                           key="dl_chart_backtest", on_click="ignore")
    st.markdown(f"**{t('backtest.summary', lang)}**")
    summary = summary_table(backtest_summary(table), base, lang=lang)
    st.dataframe(summary, hide_index=True, column_config=_numbers(summary, 4))
    st.caption(t("backtest.summary_caption", lang))


def history(view: View) -> None:
    """The base's history: every figure with its source and kind, and the flags."""
    lang, base = view.lang, view.edited.scenario.base
    st.subheader(t("history.title", lang, name=plain(base.name)))
    st.caption(t("history.caption", lang))
    data = history_table(history_of(base), base, lang=lang)
    st.dataframe(data, hide_index=True,
                 column_config={t("history.col_value", lang):
                                st.column_config.NumberColumn(format="%.2f")})
    flags = flags_of(base)
    if not flags:
        st.caption(t("history.no_flags", lang))
    for flag in flags:
        (st.warning if flag.level == "warning" else st.info)(plain(flag_text(flag, base, lang)))


def calibration(view: View) -> None:
    """The calibration of the base: trend and sd by horizon per rate, how each is estimated,
    the warnings, and the calibrated scenario as a TOML download."""
    lang = view.lang
    scenario = view.edited.scenario
    base = scenario.base
    cal = calibration_of(base)
    st.subheader(t("calibration.title", lang))
    st.caption(t("calibration.caption", lang, n=len(cal.years), years=years_text(cal.years),
                 last=cal.base_year))
    data = calibration_table(cal, base, lang=lang)
    st.dataframe(data, hide_index=True, column_config=_numbers(data, 2))
    for line in cal.warnings:
        st.caption("⚠ " + plain(line))
    assumed = assumed_rates(cal, scenario)
    if assumed:
        st.caption(t("calibration.assumed", lang, name=plain(view.names()[view.edited.id]),
                     rates=plain(", ".join(f"{k} = {x:g}" for k, x in assumed.items()))))
    try:
        text = calibrated_toml(cal, scenario, end_year=view.until, assumed=assumed)
    except InputError as err:
        st.warning(t("calibration.no_file", lang, message=plain(err)))
        return
    st.download_button(t("calibration.download", lang), data=text.encode("utf-8"),
                       file_name=f"calibrated-{base.name}.toml", mime="application/toml",
                       key="dl_calibrated", on_click="ignore")


def render(view: View) -> None:
    lang = view.lang
    base = view.edited.scenario.base
    st.subheader(t("backtest.title", lang, name=plain(view.names()[view.edited.id])))
    if not has_history(base):
        st.info(t("backtest.no_history", lang, name=plain(base.name)))
        return
    st.caption(t("backtest.base", lang, name=plain(base.name)))
    for part in (errors, history, calibration):
        guarded(part, view, lang=lang)


PAGE = Page("backtest", in_every_language("tab.backtest"), render, params=(METHOD, INDICATOR))
