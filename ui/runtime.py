"""Streamlit glue: cached wrappers of pure functions, charts as PNG, error containment, the
app's limits per request, and the pages' own choice widgets.

Each cached function is a thin wrapper whose inputs are all its arguments.

Limits per request (:mod:`sim.limits`) are read when the app starts a run, from the
``SIM_MAX_*`` environment variables and then the arguments given to the script::

    ./dev app -- --max-paths 200000 --max-horizon 40
    SIM_MAX_PATHS=200000 ./dev app
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

import sim
from sim import export
from sim.base import Base
from sim.errors import InputError
from sim.limits import Limits
from sim.scenario import Scenario, parse_scenario

from .edits import describe
from .format import plain
from .i18n import t
from .uploads import app_limits, base_from_text, scenario_key
from .view import View, adjust_changes, project_one

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["shipped_catalog", "scenario_from_text", "project_cached", "projection_png",
           "contributions_png", "guarded", "export_meta", "limits", "keep_choice",
           "parse_indicator", "parse_year", "log", "CHART_DPI", "EXPORT_DPI"]

log = logging.getLogger("xihu_app")
CHART_DPI = 110          # on screen
EXPORT_DPI = 200         # downloads


@st.cache_resource(show_spinner=False)
def shipped_catalog() -> dict[str, Scenario]:
    """The shipped scenarios by name (immutable objects, shared by all sessions)."""
    return {name: sim.load_scenario(name) for name in sim.shipped_scenarios()}


@st.cache_resource(show_spinner=False, max_entries=64)
def base_from_upload(name: str, text: str) -> Base:
    """An uploaded base from its TOML text (:func:`ui.uploads.base_from_text`)."""
    return base_from_text(name, text)


@st.cache_resource(show_spinner=False, max_entries=256)
def scenario_from_text(text: str, bases: tuple[tuple[str, str], ...] = ()) -> Scenario:
    """An uploaded scenario from its canonical TOML text: it may name a built-in base or one
    of ``bases`` (uploaded bases as (name, TOML text) pairs)."""
    extra = {n: base_from_upload(n, x) for n, x in bases}
    return parse_scenario(text, source="upload", allow_base_paths=False, extra_bases=extra)


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs={Scenario: scenario_key})
def project_cached(scenario: Scenario, until: int) -> "pd.DataFrame":
    """:func:`ui.view.project_one`, cached on the scenario's TOML and the horizon."""
    return project_one(scenario, until)


def _targets_for(view: View, indicator: str, lang: str):
    from sim.plotting import TargetMark
    from sim.targets import PLAN_2024

    return tuple(TargetMark(tg.year, tg.value, t("target_label", lang, year=tg.year,
                                                   value=tg.value))
                 for tg in PLAN_2024 if tg.indicator == indicator and tg.unit == "%")


def _chart_args(view: View, indicator: str, lang: str) -> dict[str, Any]:
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
    args = _chart_args(view, indicator, view.lang)
    if meta is None:
        return _projection_png(dpi=dpi, **args)
    return export.png_bytes(_projection_figure(dpi=dpi, **args), meta=meta)


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
    lang = view.lang
    frame = view.frame[view.frame["scenario"] == scenario_id].reset_index(drop=True)
    args = {"frame": frame, "scenario": scenario_id, "lang": lang,
            "name": view.names(lang)[scenario_id], "base_year": view.base_year,
            "targets": _targets_for(view, "gdp_real_growth", lang)}
    if meta is None:
        return _contributions_png(dpi=dpi, **args)
    return export.png_bytes(_contributions_figure(dpi=dpi, **args), meta=meta)


def export_meta(view: View, *, link: str = "") -> dict[str, str]:
    """Metadata for every export of the view: scenarios, what each is, model version, time."""
    details = {}
    for m in view.members:
        if m.role == "edited":
            what = describe(view.file_scenario, view.edits)
        elif m.role == "adjusted":
            levels, rates = adjust_changes(view.baseline.scenario, view.edited.scenario)
            parts = [f"levels.{k} = {v:g}" for k, v in levels.items()]
            parts += [f"rates.{k} = {v}" for k, v in rates.items()]
            what = f"{m.origin} with the edited scenario's base levels and deflators" + (
                ": " + ", ".join(parts) if parts else " (the same as the baseline)")
        else:
            what = m.origin + (" (uploaded)" if m.origin not in sim.shipped_scenarios()
                               else " (shipped file)")
        details[f"scenario {m.id}"] = f"{m.role}: {what}"
    details["horizon"] = f"{view.base_year}–{view.until}"
    if link:
        details["view"] = link
    return export.metadata([m.id for m in view.members], details=details)


def guarded(render: Callable[..., Any], *args: Any, lang: str = "en") -> None:
    """Run a page or section; show bad input as its message and anything else as a short
    notice (logged with its traceback), never as a traceback on the page."""
    try:
        render(*args)
    except InputError as err:
        st.error(plain(err))
    except Exception:  # noqa: BLE001 - the page must survive any failure of one part
        log.exception("error while rendering %s", getattr(render, "__qualname__", render))
        st.error(t("error_unexpected", lang))


def limits() -> Limits:
    """The app's limits per request (:func:`ui.uploads.app_limits`: ``SIM_MAX_*`` variables,
    then ``--max-*`` script arguments); raises :class:`InputError` for a bad setting."""
    return app_limits()


_NOT_HERE = {
    "en": "{key}={value}: not available here (allowed: {allowed}); showing {shown}.",
    "zh": "{key}={value}:此处不可用(可选:{allowed});改为显示{shown}。",
}


def keep_choice(key: str, options: list, default: Any, lang: str,
                format_func: Callable[[Any], str] = str) -> None:
    """Before drawing the choice widget ``key``: give it ``default`` if it has no value, and
    replace a value that is not among ``options`` (from a link, or left by another scenario or
    horizon) by ``default``, with a visible notice."""
    ss = st.session_state
    if key not in ss:
        ss[key] = default
    elif ss[key] not in options:
        shown = ", ".join(format_func(o) for o in options[:12]) + (
            " …" if len(options) > 12 else "")
        st.warning(plain(_NOT_HERE.get(lang, _NOT_HERE["en"]).format(
            key=key, value=str(ss[key])[:40], allowed=shown, shown=format_func(default))))
        ss[key] = default


def parse_indicator(text: str) -> str:
    """An indicator id from a link (for :class:`ui.state.UrlParam`); ValueError if unknown."""
    from sim.indicators import INDICATORS

    if text not in INDICATORS:
        raise ValueError("an indicator id, e.g. gdp, gdp_real_growth, retail_sales")
    return text


def parse_year(text: str) -> int:
    """A year from a link (for :class:`ui.state.UrlParam`); whether the view has it is checked
    by :func:`keep_choice`."""
    try:
        y = int(text)
    except ValueError:
        y = 0
    if not 1900 <= y <= 2200:
        raise ValueError("a year, e.g. 2030")
    return y
