"""Contributions to real GDP growth by sector, by year: each sector's 拉动 (pp, stacking to real
GDP growth) and 贡献率 (% of real GDP growth, adding to 100), as charts and one table; and the
structure of GDP (each sector's share, 三次产业结构), chart and table. The sectors are those of
the chosen scenario's base: services and non-services in the two-sector form."""
from __future__ import annotations

import streamlit as st

from sim.results import sector_measures

from ..charts import (EXPORT_DPI, contributions_png, contributions_spec, structure_png,
                      structure_spec)
from ..guard import guarded
from ..i18n import in_every_language, t
from ..page import Page
from ..tables import contributions_table, structure_table
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


def _numbers(data) -> dict:
    return {c: st.column_config.NumberColumn(format="%.2f") for c in data.columns[1:]}


def contributions(view: View, sid: str) -> None:
    """拉动 and 贡献率 of each sector of the scenario ``sid``: two charts and their table."""
    lang = view.lang
    st.vega_lite_chart(contributions_spec(view, sid), width="stretch")
    st.vega_lite_chart(contributions_spec(view, sid, measure="contribution_rate"),
                       width="stretch")
    st.caption(t("contrib_caption", lang, year=view.base_year))
    data = contributions_table(view, sid)
    st.dataframe(data, hide_index=True, column_config=_numbers(data))
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(t("dl_png_contrib", lang),
                           data=lambda: contributions_png(view, sid, dpi=EXPORT_DPI,
                                                          meta=export_meta(view)),
                           file_name=f"contributions-{sid}.png", mime="image/png",
                           key="dl_chart_contrib", on_click="ignore")
    with c2:
        st.download_button(t("dl_png_contrib_rate", lang),
                           data=lambda: contributions_png(view, sid, measure="contribution_rate",
                                                          dpi=EXPORT_DPI,
                                                          meta=export_meta(view)),
                           file_name=f"contribution-rates-{sid}.png", mime="image/png",
                           key="dl_chart_contrib_rate", on_click="ignore")


def _shares(view: View, sid: str) -> list:
    rows = sector_measures(view.frame, sid)
    rows = rows[rows["indicator"].str.endswith("_share")]
    return list(zip(rows["indicator"], rows["year"], rows["value"]))


def structure(view: View, sid: str) -> None:
    """The structure of GDP of the scenario ``sid`` beside the baseline's (unless the two are
    the same): chart, and the table of ``sid``."""
    lang = view.lang
    st.subheader(t("structure_title", lang))
    base = view.baseline.id
    ids = [sid] if base == sid or _shares(view, base) == _shares(view, sid) else [sid, base]
    st.vega_lite_chart(structure_spec(view, ids), width="stretch")
    st.caption(t("structure_caption", lang, year=view.base_year))
    data = structure_table(view, sid)
    st.dataframe(data, hide_index=True, column_config=_numbers(data))
    st.download_button(t("dl_png_structure", lang),
                       data=lambda: structure_png(view, ids, dpi=EXPORT_DPI,
                                                  meta=export_meta(view)),
                       file_name=f"structure-{sid}.png", mime="image/png",
                       key="dl_chart_structure", on_click="ignore")


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
    for part in (contributions, structure):
        guarded(part, view, sid, lang=lang)


PAGE = Page("contributions", in_every_language("tab.contributions"), render,
            params=(CONTRIB,))
