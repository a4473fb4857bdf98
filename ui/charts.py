"""The view's charts: a view and an indicator (or a scenario) turned into the arguments of
:mod:`sim.plotting`'s figures, as PNG, and of the same charts for the browser
(:mod:`ui.vega`), as Vega-Lite specs.

A page shows the Vega-Lite chart (:func:`projection_spec`, :func:`contributions_spec`); a
download is the figure, drawn at :data:`EXPORT_DPI` when asked for, carrying the export's
metadata (:func:`ui.view.export_meta`).
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from sim import export

from .i18n import t
from .view import View

__all__ = ["projection_png", "contributions_png", "projection_spec", "contributions_spec",
           "CHART_DPI", "EXPORT_DPI"]

CHART_DPI = 110          # on screen
EXPORT_DPI = 200         # downloads


def _targets_for(view: View, indicator: str, lang: str):
    from sim.plotting import TargetMark
    from sim.targets import PLAN_2024

    return tuple(TargetMark(tg.year, tg.value, t("target_label", lang, year=tg.year,
                                                   value=tg.value))
                 for tg in PLAN_2024 if tg.indicator == indicator and tg.unit == "%")


def _projection_args(view: View, indicator: str, lang: str) -> dict[str, Any]:
    frame = view.frame[view.frame["indicator"] == indicator].reset_index(drop=True)
    base = view.file_scenario.base
    lower = indicator in ("gdp", "non_services", "services_share") and "gdp" in base.lower_bounds
    outturn = t("outturn_lower", lang, year=base.year) if lower else None
    return {"frame": frame, "indicator": indicator, "lang": lang,
            "names": tuple(view.names(lang).items()),
            "roles": tuple(view.roles.items()),
            "base_year": base.year, "targets": _targets_for(view, indicator, lang),
            "outturn_label": outturn}


def _projection_figure(frame, indicator, lang, names, roles, base_year, targets, outturn_label,
                       dpi):
    from sim.plotting import projection_figure

    return projection_figure(frame, indicator, lang=lang, names=dict(names), roles=dict(roles),
                             base_year=base_year, targets=targets, outturn_label=outturn_label,
                             dpi=dpi)


@st.cache_data(show_spinner=False, max_entries=128,
               hash_funcs={"sim.plotting.TargetMark": repr})
def _projection_png(frame, indicator, lang, names, roles, base_year, targets, outturn_label,
                    dpi) -> bytes:
    fig = _projection_figure(frame, indicator, lang, names, roles, base_year, targets,
                             outturn_label, dpi)
    return export.png_bytes(fig)


def projection_png(view: View, indicator: str, *, dpi: float = CHART_DPI,
                   meta: dict | None = None) -> bytes:
    """The projection chart of ``indicator`` as PNG (cached when without metadata)."""
    args = _projection_args(view, indicator, view.lang)
    if meta is None:
        return _projection_png(dpi=dpi, **args)
    return export.png_bytes(_projection_figure(dpi=dpi, **args), meta=meta)


def _contributions_args(view: View, scenario_id: str, lang: str) -> dict[str, Any]:
    frame = view.frame[view.frame["scenario"] == scenario_id].reset_index(drop=True)
    return {"frame": frame, "scenario": scenario_id, "lang": lang,
            "name": view.names(lang)[scenario_id], "base_year": view.base_year,
            "targets": _targets_for(view, "gdp_real_growth", lang)}


def _contributions_figure(frame, scenario, lang, name, base_year, targets, dpi):
    from sim.plotting import contributions_figure

    return contributions_figure(frame, scenario, lang=lang, name=name, base_year=base_year,
                                targets=targets, dpi=dpi)


@st.cache_data(show_spinner=False, max_entries=64,
               hash_funcs={"sim.plotting.TargetMark": repr})
def _contributions_png(frame, scenario, lang, name, base_year, targets, dpi) -> bytes:
    return export.png_bytes(_contributions_figure(frame, scenario, lang, name, base_year,
                                                  targets, dpi))


def contributions_png(view: View, scenario_id: str, *, dpi: float = CHART_DPI,
                      meta: dict | None = None) -> bytes:
    """The contributions chart of one scenario as PNG (cached when without metadata)."""
    args = _contributions_args(view, scenario_id, view.lang)
    if meta is None:
        return _contributions_png(dpi=dpi, **args)
    return export.png_bytes(_contributions_figure(dpi=dpi, **args), meta=meta)


def projection_spec(view: View, indicator: str) -> dict:
    """The projection chart of ``indicator`` as a Vega-Lite spec (:func:`ui.vega.projection_spec`,
    from the arguments of the PNG's figure)."""
    from . import vega

    args = _projection_args(view, indicator, view.lang)
    return vega.projection_spec(**{**args, "names": dict(args["names"]),
                                   "roles": dict(args["roles"])})


def contributions_spec(view: View, scenario_id: str) -> dict:
    """The contributions chart of one scenario as a Vega-Lite spec
    (:func:`ui.vega.contributions_spec`, from the arguments of the PNG's figure)."""
    from . import vega

    return vega.contributions_spec(**_contributions_args(view, scenario_id, view.lang))
