"""The view's charts: a view and an indicator (or a scenario) turned into the arguments of
:mod:`sim.plotting`'s figures — projections (after the edited base's history,
:mod:`ui.history`), each sector's contributions (拉动, 贡献率), the structure of GDP by sector,
and the errors of a backtest — as PNG, and of the same charts for the browser
(:mod:`ui.vega`), as Vega-Lite specs.

A page shows the Vega-Lite chart (:func:`projection_spec`, :func:`contributions_spec`,
:func:`structure_spec`); a download is the figure, drawn at :data:`EXPORT_DPI` when asked for,
carrying the export's metadata (:func:`ui.view.export_meta`).
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from sim import export

from .i18n import t
from .view import View

__all__ = ["projection_png", "contributions_png", "structure_png", "backtest_png",
           "projection_spec", "contributions_spec", "structure_spec", "CHART_DPI", "EXPORT_DPI"]

CHART_DPI = 110          # on screen
EXPORT_DPI = 200         # downloads


def _targets_for(view: View, indicator: str, lang: str):
    from sim.plotting import TargetMark
    from sim.targets import PLAN_2024

    return tuple(TargetMark(tg.year, tg.value, t("target_label", lang, year=tg.year,
                                                   value=tg.value))
                 for tg in PLAN_2024 if tg.indicator == indicator and tg.unit == "%")


def history_rows(view: View, indicator: str):
    """The history of ``indicator`` that the edited scenario's base carries (its levels as
    edited: a level the user set is kind ``"assumption"``), or None without history."""
    from .history import has_history, history_of

    base = view.edited.scenario.start
    if not has_history(base):
        return None
    frame = history_of(base)
    return frame[frame["indicator"] == indicator].reset_index(drop=True)


def _projection_args(view: View, indicator: str, lang: str) -> dict[str, Any]:
    frame = view.frame[view.frame["indicator"] == indicator].reset_index(drop=True)
    base = view.file_scenario.base
    lower = indicator in ("gdp", "non_services", "services_share") and "gdp" in base.lower_bounds
    outturn = t("outturn_lower", lang, year=base.year) if lower else None
    return {"frame": frame, "indicator": indicator, "lang": lang,
            "names": tuple(view.names(lang).items()),
            "roles": tuple(view.roles.items()),
            "base_year": base.year, "targets": _targets_for(view, indicator, lang),
            "outturn_label": outturn, "title": view.label(indicator, lang),
            "history": history_rows(view, indicator)}


def _projection_figure(frame, indicator, lang, names, roles, base_year, targets, outturn_label,
                       title, history, dpi):
    from sim.plotting import projection_figure

    return projection_figure(frame, indicator, lang=lang, names=dict(names), roles=dict(roles),
                             base_year=base_year, targets=targets, outturn_label=outturn_label,
                             title=title, history=history, dpi=dpi)


@st.cache_data(show_spinner=False, max_entries=128,
               hash_funcs={"sim.plotting.TargetMark": repr})
def _projection_png(frame, indicator, lang, names, roles, base_year, targets, outturn_label,
                    title, history, dpi) -> bytes:
    fig = _projection_figure(frame, indicator, lang, names, roles, base_year, targets,
                             outturn_label, title, history, dpi)
    return export.png_bytes(fig)


def projection_png(view: View, indicator: str, *, dpi: float = CHART_DPI,
                   meta: dict | None = None) -> bytes:
    """The projection chart of ``indicator`` as PNG (cached when without metadata)."""
    args = _projection_args(view, indicator, view.lang)
    if meta is None:
        return _projection_png(dpi=dpi, **args)
    return export.png_bytes(_projection_figure(dpi=dpi, **args), meta=meta)


def _contributions_args(view: View, scenario_id: str, lang: str, measure: str
                        ) -> dict[str, Any]:
    frame = view.frame[view.frame["scenario"] == scenario_id].reset_index(drop=True)
    return {"frame": frame, "scenario": scenario_id, "lang": lang,
            "name": view.names(lang)[scenario_id], "base_year": view.base_year,
            "targets": _targets_for(view, "gdp_real_growth", lang),
            "names": tuple(view.sector_names.items()), "measure": measure}


def _contributions_figure(frame, scenario, lang, name, base_year, targets, names, measure, dpi):
    from sim.plotting import contributions_figure

    return contributions_figure(frame, scenario, lang=lang, name=name, base_year=base_year,
                                targets=targets, names=dict(names), measure=measure, dpi=dpi)


@st.cache_data(show_spinner=False, max_entries=64,
               hash_funcs={"sim.plotting.TargetMark": repr})
def _contributions_png(frame, scenario, lang, name, base_year, targets, names, measure,
                       dpi) -> bytes:
    return export.png_bytes(_contributions_figure(frame, scenario, lang, name, base_year,
                                                  targets, names, measure, dpi))


def contributions_png(view: View, scenario_id: str, *, measure: str = "contribution",
                      dpi: float = CHART_DPI, meta: dict | None = None) -> bytes:
    """The chart of one scenario's contributions to real GDP growth as PNG: each sector's
    拉动 (``measure="contribution"``, pp) or 贡献率 (``"contribution_rate"``, %) (cached when
    without metadata)."""
    args = _contributions_args(view, scenario_id, view.lang, measure)
    if meta is None:
        return _contributions_png(dpi=dpi, **args)
    return export.png_bytes(_contributions_figure(dpi=dpi, **args), meta=meta)


def _structure_args(view: View, scenario_ids: tuple[str, ...], lang: str) -> dict[str, Any]:
    frame = view.frame[view.frame["scenario"].isin(scenario_ids)].reset_index(drop=True)
    names = view.names(lang)
    return {"frame": frame, "scenarios": tuple(scenario_ids), "lang": lang,
            "names": tuple((k, names[k]) for k in scenario_ids),
            "sector_labels": tuple(view.sector_names.items())}


def _structure_figure(frame, scenarios, lang, names, sector_labels, dpi):
    from sim.plotting import structure_figure

    return structure_figure(frame, list(scenarios), lang=lang, names=dict(names),
                            sector_labels=dict(sector_labels), dpi=dpi)


@st.cache_data(show_spinner=False, max_entries=64)
def _structure_png(frame, scenarios, lang, names, sector_labels, dpi) -> bytes:
    return export.png_bytes(_structure_figure(frame, scenarios, lang, names, sector_labels,
                                              dpi))


def structure_png(view: View, scenario_ids, *, dpi: float = CHART_DPI,
                  meta: dict | None = None) -> bytes:
    """The structure of GDP (each sector's share, 三次产业结构) of the scenarios
    ``scenario_ids``, a panel each, as PNG (cached when without metadata)."""
    args = _structure_args(view, tuple(scenario_ids), view.lang)
    if meta is None:
        return _structure_png(dpi=dpi, **args)
    return export.png_bytes(_structure_figure(dpi=dpi, **args), meta=meta)


def projection_spec(view: View, indicator: str) -> dict:
    """The projection chart of ``indicator`` as a Vega-Lite spec (:func:`ui.vega.projection_spec`,
    from the arguments of the PNG's figure)."""
    from . import vega

    args = _projection_args(view, indicator, view.lang)
    return vega.projection_spec(**{**args, "names": dict(args["names"]),
                                   "roles": dict(args["roles"])})


def contributions_spec(view: View, scenario_id: str, *, measure: str = "contribution") -> dict:
    """The chart of one scenario's contributions to real GDP growth as a Vega-Lite spec: each
    sector's 拉动 (``measure="contribution"``, pp) or 贡献率 (``"contribution_rate"``, %)
    (:func:`ui.vega.contributions_spec`, from the arguments of the PNG's figure)."""
    from . import vega

    args = _contributions_args(view, scenario_id, view.lang, measure)
    return vega.contributions_spec(**{**args, "names": dict(args["names"])})


def structure_spec(view: View, scenario_ids) -> dict:
    """The structure of GDP of the scenarios ``scenario_ids``, a panel each, as a Vega-Lite
    spec (:func:`ui.vega.structure_spec`, from the arguments of the PNG's figure)."""
    from . import vega

    args = _structure_args(view, tuple(scenario_ids), view.lang)
    return vega.structure_spec(**{**args, "scenarios": list(args["scenarios"]),
                                  "names": dict(args["names"]),
                                  "sector_labels": dict(args["sector_labels"])})


@st.cache_data(show_spinner=False, max_entries=64)
def _backtest_png(table, indicator, lang, methods, names, dpi) -> bytes:
    from sim.plotting import backtest_figure

    return export.png_bytes(backtest_figure(table, indicator, lang=lang, methods=list(methods),
                                            names=dict(names), dpi=dpi))


def backtest_png(table, indicator: str, lang: str, *, methods=(), names=(),
                 dpi: float = CHART_DPI) -> bytes:
    """The errors of a backtest (:func:`sim.backtest.backtest`'s rows) of ``indicator`` by
    year and method as PNG, cached; ``names`` (method, legend text) pairs."""
    rows = table[table["indicator"] == indicator].reset_index(drop=True)
    return _backtest_png(rows, indicator, lang, tuple(methods), tuple(names), dpi)
