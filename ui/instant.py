"""The headline figures, recomputed in the browser while a rate slider moves.

The overview's headline (the edited scenario's figures in the chosen year against the
baseline's) is drawn by the server as one HTML block in Markdown (:func:`cards_html`: shown
with the page's first elements, every text escaped). Beside it, a component of the page
(``st.components.v2``, ``ui/js/component.js``), which draws nothing of its own, gets the
figures of the server's run and what the browser needs to compute them itself: the model's
inputs for the edited scenario without its rate edits (:func:`kernel_data`, from
:func:`sim.model.kernel_plan`), and for each rate slider its key, its rate, which years it
sets and its untouched value (:func:`live_data`). When a slider of the sidebar shows another
value — at each key press, and while its thumb is dragged, before the server has run — the
browser applies the edit as :func:`ui.edits.apply_edits` does and runs the projection of
:mod:`sim.model` for one path (``ui/js/model.js``: the same double operations in the same
order), formats the figures as :mod:`ui.format` does and rewrites the cards' texts. Every
figure it shows equals the one ``sim`` computes for the sliders' values, to the last digit
(``tests/test_live_model.py`` proves it over random inputs).

Where the browser does not compute — the base year shown, a derived growth out of its range,
the GDP level or the horizon moved but not yet run (shown pending), an edit the server
refused — the server's figures stand.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from sim.model import kernel_plan, project_paths
from sim.results import derived_growth
from sim.scenario import Scenario
from sim.side_indicators import PER_CAPITA, SIDE_INDICATORS
from sim.targets import PLAN_2024, TOLERANCE
from sim.validation import GROWTH

from . import format as fmt
from .edits import Edits, active_rates, apply_edits, untouched, with_gdp
from .i18n import t
from .sidebar import KEYS, rate_key
from .uploads import file_id
from .view import View, adjusted_scenario, same_base

__all__ = ["kernel_data", "plan_data", "live_data", "live_inputs", "chart_data", "cards_html",
           "run_token",
           "server_cards", "target_note", "JS", "CSS", "headline", "live_chart"]

_JS_DIR = Path(__file__).resolve().parent / "js"
#: The component's script: the model and formats, then the component.
JS = (_JS_DIR / "model.js").read_text(encoding="utf-8") + "\n" + (
    _JS_DIR / "component.js").read_text(encoding="utf-8")
CSS = (_JS_DIR / "headline.css").read_text(encoding="utf-8")
_CSS_ONE_LINE = " ".join(CSS.split())     # no blank line: the HTML stays one Markdown block
#: Widget key of the headline component.
KEY = "headline"


def _num(x: float) -> float | None:
    """A float for JSON: None for NaN (JSON has none)."""
    x = float(x)
    return x if math.isfinite(x) else None


def kernel_data(scenario: Scenario, until: int) -> dict[str, Any]:
    """What ``ui/js/model.js`` needs to project ``scenario`` to ``until``
    (:func:`plan_data` of its model inputs)."""
    return plan_data(**scenario.model_inputs(until))


def plan_data(**model_inputs: Any) -> dict[str, Any]:
    """What ``ui/js/model.js`` needs to project one path of
    :func:`sim.model.project_paths` (same arguments): the inputs of
    :func:`sim.model.kernel_plan` (rates as lists of the T projected years' values, levels as
    numbers), the indicators to compute, and each one's base-year value (the base-year column
    does not depend on the rates; the server computes it).

    Returns
    -------
    dict
        ``T``, ``sectors``, ``extras``, ``side`` (id, driver kind, share, population),
        ``work``, ``inputs``, ``rate_inputs``, ``base`` (id → value or None); JSON-ready.
    """
    plan = kernel_plan(**model_inputs)
    paths = project_paths(**model_inputs)
    inputs: dict[str, Any] = {}
    for name, arr in plan.inputs.items():
        a = np.asarray(arr, dtype=float)
        inputs[name] = [_num(x) for x in a[:, 0]] if a.ndim == 2 else _num(a[0])
    side = [{"id": k, "kind": plan.side_kinds[k], "share": SIDE_INDICATORS[k].share,
             "population": k == "population", "per_capita": PER_CAPITA}
            for k in plan.side_ids]
    return {"T": len(plan.years) - 1, "sectors": list(plan.sectors), "extras": plan.extras,
            "side": side, "work": plan.work, "inputs": inputs,
            "rate_inputs": dict(plan.rate_inputs),
            "base": {k: _num(v[0, 0]) for k, v in paths.values.items()}}


def target_note(view: View, ind_id: str, value: float) -> str | None:
    """The note on a headline figure that a 2024 target applies to: the target and whether
    ``value`` meets it (None if no target is for this indicator in the view's year)."""
    tg = _target(view, ind_id)
    if tg is None:
        return None
    status = "not evaluable" if value != value else "met" if bool(tg.met(value)) else "missed"
    return _note(view, tg, status)


def _target(view: View, ind_id: str):
    return next((tg for tg in PLAN_2024 if tg.indicator == ind_id and tg.year == view.year),
                None)


def _note(view: View, tg, status: str) -> str:
    return t("metric_target", view.lang, op="≥" if tg.op == ">=" else ">", value=tg.value,
             status=t("status." + status, view.lang))


def server_cards(view: View, ids) -> list[dict[str, Any]]:
    """The headline figures of the server's run: per indicator of ``ids``, its label, value
    and difference from the baseline as the page shows them (:mod:`ui.format`), whether the
    difference has an arrow (not when it is zero), and the target's note."""
    lang, year = view.lang, view.year
    cards = []
    for ind_id in ids:
        ind = view.indicator(ind_id)
        x = view.value(ind_id, year, view.edited.id)
        ref = view.value(ind_id, year, view.baseline.id)
        diff = x - ref
        cards.append({"id": ind_id, "label": ind.label(lang), "unit": ind.unit,
                      "value": fmt.value(x, ind.unit, lang),
                      "delta": fmt.delta(diff, ind.unit, lang, reference=ref),
                      "arrow": bool(diff), "note": target_note(view, ind_id, x),
                      "ref": _num(ref)})
    return cards


def live_data(view: View, ids, slider_key, slider_values: Mapping[str, Any],
              watch: dict[str, float]) -> dict[str, Any]:
    """The component's data: the server's figures (:func:`server_cards`) and, where the
    browser can recompute them, what it needs.

    Parameters
    ----------
    view : View
    ids : sequence of str
        The headline indicators.
    slider_key : callable
        ``slider_key(rate, part)`` → the widget key of a rate slider.
    slider_values : Mapping
        Widget key → the value the server's run had (for a slider not on the page): the
        session state.
    watch : dict
        Widget key → the value the view was built with of each control the browser does not
        compute with (the GDP level, the horizon): while one shows another value, the
        figures are pending.

    Returns
    -------
    dict
        JSON-ready: ``lang``, ``cards``, ``token`` (:func:`run_token`), ``file`` (the id of
        the file edited, :func:`ui.uploads.file_id`), ``watch`` and, unless the server's figures stand
        (an edit refused), ``plan`` (:func:`kernel_data`), ``rates``, ``sliders``,
        ``horizon``, ``checks`` and ``year_index`` (the headline's year less the base year:
        the browser computes no headline for the base year).
    """
    cards = server_cards(view, ids)
    out: dict[str, Any] = {"lang": view.lang, "cards": cards, "plan": None,
                           "token": run_token(cards), "file": file_id(view.file_scenario),
                           "watch": [{"key": k, "value": float(v)} for k, v in watch.items()]}
    year_index = view.year - view.base_year
    inputs = None if view.edit_error else live_inputs(
        view.file_scenario, view.edits, view.until, slider_key, slider_values)
    if inputs is None:
        return out
    targets = {}
    for card in cards:
        tg = _target(view, card["id"])
        if tg is not None:
            targets[card["id"]] = {
                "op": tg.op, "value": tg.value - TOLERANCE if tg.op == ">=" else tg.value,
                **{k: _note(view, tg, s) for k, s in (("met", "met"), ("missed", "missed"),
                                                        ("na", "not evaluable"))}}
    out.update(inputs, year_index=year_index,
               cards=[{**c, "target": targets.get(c["id"])} for c in cards])
    return out


def live_inputs(file_s: Scenario, edits: Edits, until: int, slider_key,
                slider_values: Mapping[str, Any]) -> dict[str, Any] | None:
    """What the browser needs to project ``file_s`` under ``edits`` with the rate sliders at
    any values (``ui/js/model.js``: ``simRates``, ``simProject``).

    Parameters
    ----------
    file_s : Scenario
        The edited scenario's file.
    edits : Edits
        The edits of the server's run: its GDP level, retail mode and R&D switch hold; its
        rate edits are the sliders' (replaced by the values the browser reads).
    until : int
        The last year projected.
    slider_key, slider_values
        As for :func:`live_data`.

    Returns
    -------
    dict or None
        ``plan`` (:func:`kernel_data` of the scenario without rate edits), ``rates`` (per
        slider rate the path an edit starts from and the kernel input it fills),
        ``sliders`` (key, rate, part, untouched value, the server's value), ``horizon``
        (the file's end year less its base year) and ``checks`` (the derived growth rates
        and their range); None if a slider's rate has no kernel input.
    """
    unedited = apply_edits(file_s, replace(edits, first={}, later={}))
    leveled = with_gdp(file_s, edits.gdp)
    plan = kernel_data(unedited, until)
    resolved = leveled.resolved_rates()
    sliders, rates = [], {}
    for rate in active_rates(file_s, edits):
        if rate not in plan["rate_inputs"]:
            return None
        a, b = untouched(leveled, rate)
        path = resolved[rate] if rate in file_s.rates else ((a,) if a == b else (a, b))
        rates[rate] = {"path": [float(x) for x in path], "input": plan["rate_inputs"][rate]}
        for part, still in (("first", a), ("later", b)):
            key = slider_key(rate, part)
            sliders.append({"key": key, "rate": rate, "part": part, "untouched": float(still),
                            "value": float(slider_values.get(key, still))})
    checks = [{"growth": out_id, "lo": GROWTH.lo, "hi": GROWTH.hi}
              for _, out_id, _, _ in derived_growth(unedited)]
    return {"plan": plan, "rates": rates, "sliders": sliders, "checks": checks,
            "horizon": file_s.end_year - file_s.base.year}


def _text(x: object) -> str:
    """A text for the cards' HTML: on one line (a line break would end the HTML block and let
    Markdown read the rest), escaped."""
    return escape(" ".join(str(x).split()))


def run_token(cards: list[dict[str, Any]]) -> str:
    """A short id of the server's figures (:func:`server_cards`): the cards' HTML and the
    component's data carry it, so that the browser rewrites only the cards of its data."""
    return hashlib.sha1(json.dumps(cards, sort_keys=True, ensure_ascii=False).encode()
                        ).hexdigest()[:12]


def cards_html(cards: list[dict[str, Any]]) -> str:
    """The headline cards as one line of HTML (every text on one line and escaped), the
    markup ``ui/js/component.js`` rewrites: a grid ``[data-sim-headline]`` marked with the
    cards' :func:`run_token`, a card per figure with its label, target note, value and
    difference."""
    out = ['<div class="sim-headline" data-sim-headline="" data-testid="simHeadline" '
           f'data-source="server" data-sim-run="{run_token(cards)}">']
    for c in cards:
        down = c["delta"].startswith("-")
        direction = "flat" if not c["arrow"] else "down" if down else "up"
        arrow = "" if direction == "flat" else "↓" if down else "↑"
        note = c.get("note")
        # the mark is the style's (::after): the label's text is the label alone
        help_ = (f'<span class="sim-help" title="{_text(note)}"></span>' if note else
                 '<span class="sim-help" style="display:none"></span>')
        out.append(
            '<div class="sim-card" data-testid="simMetric">'
            f'<div class="sim-label" data-testid="simMetricLabel"><span>{_text(c["label"])}'
            f'</span>{help_}</div>'
            f'<div class="sim-value" data-testid="simMetricValue">{_text(c["value"])}</div>'
            f'<div class="sim-delta {direction}" data-testid="simMetricDelta" '
            f'data-dir="{direction}"><span class="sim-arrow">{arrow}</span>'
            f'<span class="sim-delta-text">{_text(c["delta"])}</span></div></div>')
    out.append("</div>")
    return "".join(out)


def _records(frame) -> list[dict[str, Any]]:
    """A data frame's rows for JSON: numbers as Python numbers, NaN as None."""
    out = []
    for row in frame.to_dict("records"):
        out.append({k: (None if isinstance(v, float) and not math.isfinite(v) else
                        v.item() if isinstance(v, np.generic) else v) for k, v in row.items()})
    return out


def chart_data(view: View, indicator: str, spec: dict[str, Any]) -> dict[str, Any]:
    """What the browser needs to draw the projection chart ``spec``
    (:func:`ui.vega.projection_spec` of ``indicator``) and to redraw the edited scenario's
    line, and the adjusted baseline's, as the sliders move (``simChartRows`` of
    ``ui/js/model.js``).

    Returns
    -------
    dict
        JSON-ready: ``spec_text`` (the spec without its datasets, as JSON), ``static_key`` (a
        hash of it and of the datasets other than ``lines``: what a new view is drawn for),
        ``datasets`` (the others than ``lines``, as rows), ``lines`` (the server's rows), ``indicator``,
        ``unit``, ``edited`` (the edited scenario's id), ``base_year``, ``years`` (the base
        year and each projected year), and ``adjusted``: None when the baseline is on
        another base (its line does not follow the edits), else its id, the kernel's inputs
        of the baseline under the edited scenario's assumptions without their rate edits,
        the inputs it takes from the edited scenario's (its sectors' deflators) and its
        derived growth rates with their range (``checks``).
    """
    spec = dict(spec)
    datasets = spec.pop("datasets")
    adjusted = None
    base_s = view.baseline.scenario
    if not view.edit_error and same_base(base_s, view.file_scenario):
        unedited = apply_edits(view.file_scenario, replace(view.edits, first={}, later={}))
        adjusted_s = adjusted_scenario(base_s, unedited)
        plan = kernel_data(adjusted_s, view.until)
        follow = [plan["rate_inputs"][f"{x}_deflator"] for x in base_s.base.model_sectors
                  if f"{x}_deflator" in plan["rate_inputs"]]
        checks = [{"growth": out_id, "lo": GROWTH.lo, "hi": GROWTH.hi}
                  for _, out_id, _, _ in derived_growth(adjusted_s)]
        adjusted = {"scenario": view.adjusted.id, "plan": plan, "follow": follow,
                    "checks": checks}
    spec_text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    others = {k: _records(v) for k, v in datasets.items() if k != "lines"}
    static_key = hashlib.sha1((spec_text + json.dumps(others, sort_keys=True, default=str))
                              .encode()).hexdigest()[:12]
    return {"spec_text": spec_text, "static_key": static_key, "datasets": others,
            "lines": _records(datasets["lines"]), "indicator": indicator,
            "unit": view.indicator(indicator).unit, "edited": view.edited.id,
            "base_year": view.base_year,
            "years": list(range(view.base_year, view.until + 1)), "adjusted": adjusted}


_component = None


def _mount():
    global _component
    if _component is None:
        _component = st.components.v2.component("sim_live", js=JS, isolate_styles=False)
    return _component


def headline(view: View, ids) -> None:
    """Draw the headline figures of ``ids`` as the server computes them (:func:`cards_html`,
    shown as soon as the page has them); :func:`live_chart` makes them follow the sliders."""
    st.markdown(f"<style>{_CSS_ONE_LINE}</style>" + cards_html(server_cards(view, ids)),
                unsafe_allow_html=True)


def live_chart(view: View, ids, indicator: str, spec: dict[str, Any]) -> None:
    """Draw the projection chart ``spec`` of ``indicator`` in the browser, and make it and the
    headline figures of ``ids`` follow the sliders (:func:`live_data`, :func:`chart_data`)."""
    ss = st.session_state
    gdp = view.edits.gdp
    watch = {KEYS["gdp"]: view.file_scenario.start.levels["gdp"] if gdp is None else gdp,
             KEYS["until"]: view.until}             # the values this view was built with
    data = live_data(view, ids, rate_key, ss, watch)
    data["chart"] = chart_data(view, indicator, spec)
    _mount()(key=KEY, data=json.loads(json.dumps(data)))
