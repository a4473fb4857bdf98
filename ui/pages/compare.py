"""Comparison: scenarios × indicators in the chosen year (values, differences from the
baseline in 亿元 / pp, and in %), and the 2024 targets met or missed by each scenario."""
from __future__ import annotations

import streamlit as st

from ..format import plain
from ..i18n import t
from ..state import TABLE_MODES
from ..tables import comparison_table, targets_table
from ..view import View
from . import Page


def table(view: View) -> None:
    lang = view.lang
    names = view.names()
    st.subheader(t("cmp_title", lang, year=view.year))
    if st.session_state.get("table") not in TABLE_MODES:
        st.session_state["table"] = "value"
    mode = st.segmented_control(t("table_mode", lang), TABLE_MODES, key="table",
                                format_func=lambda m: t("table_mode." + m, lang),
                                required=True, persist_state="session") or "value"
    data = comparison_table(view, mode)
    numbers = {c: st.column_config.NumberColumn(format="%.2f") for c in data.columns[2:]}
    st.dataframe(data, hide_index=True, column_config=numbers)
    st.caption(t("cmp_caption." + mode, lang, year=view.year,
                 baseline=plain(names[view.baseline.id])))


def targets(view: View) -> None:
    lang = view.lang
    st.markdown(f"**{t('targets_by_scenario', lang)}**")
    st.dataframe(targets_table(view), hide_index=True)


def render(view: View) -> None:
    from ..runtime import guarded

    for part in (table, targets):
        guarded(part, view, lang=view.lang)


PAGE = Page("compare", {"en": "Comparison", "zh": "情景比较"}, render)
