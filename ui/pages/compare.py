"""Comparison: scenarios × indicators in the chosen year (values, differences from the
baseline in 亿元 / pp, and in %), and the 2024 targets met or missed by each scenario."""
from __future__ import annotations

import streamlit as st

from ..format import plain
from ..guard import guarded
from ..i18n import in_every_language, t
from ..page import Page
from ..tables import comparison_table, targets_table
from ..url import UrlParam
from ..view import View

#: The comparison table's modes: values, differences from the baseline, % differences.
TABLE_MODES = ("value", "diff", "pct")
#: The table's mode.
TABLE = UrlParam("table", default="value", options=TABLE_MODES, translated=True)


def table(view: View) -> None:
    lang = view.lang
    names = view.names()
    st.subheader(t("cmp_title", lang, year=view.year))
    if st.session_state.get(TABLE.key) not in TABLE_MODES:
        st.session_state[TABLE.key] = TABLE.default
    mode = st.segmented_control(t("table_mode", lang), TABLE_MODES, key=TABLE.key,
                                format_func=lambda m: t("table_mode." + m, lang),
                                required=True, persist_state="session") or TABLE.default
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
    for part in (table, targets):
        guarded(part, view, lang=view.lang)


PAGE = Page("compare", in_every_language("tab.compare"), render, params=(TABLE,))
