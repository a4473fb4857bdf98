"""Contributions of services and non-services to real GDP growth, by year (stacked bars)."""
from __future__ import annotations

import streamlit as st

from ..charts import EXPORT_DPI, contributions_png, contributions_spec
from ..i18n import in_every_language, t
from ..page import Page
from ..tables import contributions_table
from ..url import UrlParam
from ..view import View, export_meta

#: The roles the chart can show, before the other scenarios of the view (by name).
CONTRIB_ROLES = ("edited", "baseline", "adjusted")
#: The scenario charted: a role, or the name of a scenario compared.
CONTRIB = UrlParam("contrib", default="edited", options=CONTRIB_ROLES, scenarios=True,
                   translated=True)


def _options(view: View) -> dict[str, str]:
    """Choice → scenario id: the three roles, then the other scenarios by name."""
    out = {role: view.member(role).id for role in CONTRIB_ROLES}
    out.update({m.id: m.id for m in view.members if m.role == "other"})
    return out


def render(view: View) -> None:
    lang = view.lang
    names = view.names()
    options = _options(view)
    if st.session_state.get(CONTRIB.key) not in options:
        st.session_state[CONTRIB.key] = CONTRIB.default
    st.subheader(t("contrib_title", lang))
    choice = st.selectbox(t("contrib_scenario", lang), list(options), key=CONTRIB.key,
                          format_func=lambda c: names[options[c]], persist_state="session")
    sid = options[choice]
    st.vega_lite_chart(contributions_spec(view, sid), width="stretch")
    st.caption(t("contrib_caption", lang, year=view.base_year))
    data = contributions_table(view, sid)
    numbers = {c: st.column_config.NumberColumn(format="%.2f") for c in data.columns[1:]}
    st.dataframe(data, hide_index=True, column_config=numbers)
    st.download_button(t("dl_png_contrib", lang),
                       data=lambda: contributions_png(view, sid, dpi=EXPORT_DPI,
                                                      meta=export_meta(view)),
                       file_name=f"contributions-{sid}.png", mime="image/png",
                       key="dl_chart_contrib", on_click="ignore")


PAGE = Page("contributions", in_every_language("tab.contributions"), render,
            params=(CONTRIB,))
