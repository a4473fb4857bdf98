"""Results and export: the wide table of every scenario, and downloads (CSV, Excel, IAMC,
the edited scenario as TOML, charts as PNG), each recording scenarios, model version and time."""
from __future__ import annotations

import streamlit as st

import sim
from sim import export

from ..charts import EXPORT_DPI, contributions_png, projection_png
from ..format import plain
from ..guard import guarded
from ..i18n import in_every_language, t
from ..page import Page
from ..view import View, export_meta
from .overview import CHART


def wide_table(view: View):
    """The view's results with years as columns, labelled in the view's language (sectors as
    their bases name them)."""
    names = view.names()
    table = sim.wide(view.frame, lang=view.lang, names=view.sector_names).reset_index()
    table["scenario"] = table["scenario"].map(names)
    table = table.drop(columns=["indicator"])
    table.columns = [t("col_scenario", view.lang), t("col_indicator", view.lang),
                     t("col_unit", view.lang), *[str(c) for c in table.columns[3:]]]
    return table


def downloads(view: View) -> None:
    lang = view.lang
    stem = view.edited.id
    chart = st.session_state.get(CHART.key, CHART.default)
    items = [
        ("dl_csv", lambda: export.to_csv(view.frame, meta=export_meta(view, link=view.link)),
         f"{stem}-results.csv", "text/csv", {}),
        ("dl_excel", lambda: export.to_excel(
            view.frame, meta=export_meta(view, link=view.link), lang=lang,
            scenarios={m.id: m.scenario.to_toml() for m in view.members},
            names=view.sector_names),
         f"{stem}-results.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {}),
        ("dl_iamc", lambda: export.to_csv(sim.to_iamc(view.frame, names=view.sector_names),
                                          meta=export_meta(view, link=view.link)),
         f"{stem}-iamc.csv", "text/csv", {}),
        ("dl_toml", lambda: export.scenario_toml(view.exported_scenario(),
                                                 meta=export_meta(view, link=view.link)),
         f"{stem}.toml", "application/toml", {}),
        ("dl_png_projection", lambda: projection_png(view, chart, dpi=EXPORT_DPI,
                                                     meta=export_meta(view, link=view.link)),
         f"{chart}.png", "image/png", {"indicator": plain(view.label(chart, lang))}),
        ("dl_png_contrib", lambda: contributions_png(view, view.edited.id, dpi=EXPORT_DPI,
                                                     meta=export_meta(view, link=view.link)),
         f"contributions-{stem}.png", "image/png", {}),
    ]
    cols = st.columns(3)
    for i, (key, data, name, mime, fields) in enumerate(items):
        with cols[i % 3]:
            st.download_button(t(key, lang, **fields), data=data, file_name=name, mime=mime,
                               key=f"export_{key}", on_click="ignore", width="stretch")
    st.caption(t("export_caption", lang, version=sim.__version__))


def render(view: View) -> None:
    lang = view.lang
    st.subheader(t("export_title", lang, first=view.base_year, last=view.until))
    guarded(downloads, view, lang=lang)
    table = wide_table(view)
    numbers = {c: st.column_config.NumberColumn(format="%.2f") for c in table.columns[3:]}
    st.dataframe(table, hide_index=True, column_config=numbers)


PAGE = Page("export", in_every_language("tab.export"), render)
