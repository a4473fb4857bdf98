"""Data and sources: each seeded figure with its source sentence, the 2024 targets with their
quotes, the full consistency report and the edited scenario's own assumptions."""
from __future__ import annotations

import streamlit as st

from sim.consistency import consistency_report

from ..format import plain
from ..i18n import in_every_language, t
from ..page import Page
from ..tables import base_table, targets_quotes
from ..view import View


def render(view: View) -> None:
    lang = view.lang
    base = view.file_scenario.base
    region = base.region if lang == "zh" else (base.region_en or base.region)
    st.subheader(t("src_title", lang, year=base.year, region=plain(region)))
    st.caption(t("src_caption", lang))
    st.dataframe(base_table(base, lang=lang), hide_index=True,
                 column_config={t("col_level", lang): st.column_config.NumberColumn(format="%.1f"),
                                t("col_growth", lang): st.column_config.NumberColumn(format="%.1f")})
    if base.notes:
        st.caption(plain(base.notes))
    st.caption(t("src_article", lang))

    st.subheader(t("targets_title", lang))
    st.dataframe(targets_quotes(lang=lang), hide_index=True)

    start = view.edited.scenario.start
    st.subheader(t("src_consistency", lang, gdp=start.levels["gdp"]))
    for finding in consistency_report(start).findings:
        (st.warning if finding.level == "warning" else st.info)(finding.text(lang))

    st.subheader(t("src_assumptions", lang))
    items = view.edited.scenario.assumptions()
    st.markdown("\n".join(f"- {plain(a)}" for a in items) if items
                else t("src_no_assumptions", lang))


PAGE = Page("sources", in_every_language("tab.sources"), render)
