"""Contributions of services and non-services to real GDP growth, by year (stacked bars)."""
from __future__ import annotations

import streamlit as st

from ..i18n import t
from ..runtime import EXPORT_DPI, contributions_png, export_meta
from ..state import CONTRIB_ROLES
from ..tables import contributions_table
from ..view import View
from . import Page


def _options(view: View) -> dict[str, str]:
    """Choice → scenario id: the three roles, then the other scenarios by name."""
    out = {role: view.member(role).id for role in CONTRIB_ROLES}
    out.update({m.id: m.id for m in view.members if m.role == "other"})
    return out


def render(view: View) -> None:
    lang = view.lang
    names = view.names()
    options = _options(view)
    if st.session_state.get("contrib") not in options:
        st.session_state["contrib"] = "edited"
    st.subheader(t("contrib_title", lang))
    choice = st.selectbox(t("contrib_scenario", lang), list(options), key="contrib",
                          format_func=lambda c: names[options[c]], persist_state="session")
    sid = options[choice]
    st.image(contributions_png(view, sid))
    st.caption(t("contrib_caption", lang, year=view.base_year))
    data = contributions_table(view, sid)
    numbers = {c: st.column_config.NumberColumn(format="%.2f") for c in data.columns[1:]}
    st.dataframe(data, hide_index=True, column_config=numbers)
    st.download_button(t("dl_png_contrib", lang),
                       data=lambda: contributions_png(view, sid, dpi=EXPORT_DPI,
                                                      meta=export_meta(view)),
                       file_name=f"contributions-{sid}.png", mime="image/png",
                       key="dl_chart_contrib", on_click="ignore")


PAGE = Page("contributions", {"en": "Growth contributions", "zh": "增长贡献"}, render)
