"""The headline figures, recomputed in the browser while a rate slider moves.

The overview's headline (the edited scenario's figures in the chosen year against the
baseline's) is drawn by the server as one HTML block in Markdown (:func:`cards_html`: shown
with the page's first elements, every text escaped). Beside it, a component of the page
(``st.components.v2``, ``ui/js/headline.js``), which draws nothing of its own, gets the
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
from .view import View

__all__ = ["kernel_data", "plan_data", "live_data", "live_inputs", "cards_html", "server_cards",
           "target_note", "JS", "CSS", "headline"]

_JS_DIR = Path(__file__).resolve().parent / "js"
#: The component's script: the model and formats, then the component.
JS = (_JS_DIR / "model.js").read_text(encoding="utf-8") + "\n" + (
    _JS_DIR / "headline.js").read_text(encoding="utf-8")
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
        Widget key → value of the controls the browser does not compute with (the GDP
        level, the horizon): while one shows another value, the figures are pending.

    Returns
    -------
    dict
        JSON-ready: ``lang``, ``cards``, ``watch`` and, unless the server's figures stand
        (the base year shown, an edit refused), ``plan`` (:func:`kernel_data`), ``rates``,
        ``sliders``, ``horizon``, ``checks`` and ``year_index``.
    """
    cards = server_cards(view, ids)
    out: dict[str, Any] = {"lang": view.lang, "cards": cards, "plan": None,
                           "watch": [{"key": k, "value": float(v)} for k, v in watch.items()]}
    year_index = view.year - view.base_year
    inputs = None if year_index < 1 or view.edit_error else live_inputs(
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


def cards_html(cards: list[dict[str, Any]]) -> str:
    """The headline cards as HTML (every text escaped), the markup ``ui/js/headline.js``
    updates: a grid ``[data-sim-headline]`` of cards, each with its label, target note, value
    and difference."""
    out = ['<div class="sim-headline" data-sim-headline="" data-testid="simHeadline" '
           'data-source="server">']
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


_component = None


def _mount():
    global _component
    if _component is None:
        _component = st.components.v2.component("sim_headline", js=JS, isolate_styles=False)
    return _component


def headline(view: View, ids) -> None:
    """Draw the headline figures of ``ids``: the server's as HTML (shown as soon as the page
    has them), and the component that recomputes them in the browser (:func:`live_data`;
    it draws nothing of its own)."""
    ss = st.session_state
    watch = {KEYS[k]: ss[KEYS[k]] for k in ("gdp", "until") if KEYS[k] in ss}
    data = live_data(view, ids, rate_key, ss, watch)
    # Markdown's renderer is in the page's first script, so the cards show with the first
    # elements; st.html's and the component's scripts load with the other widgets' (a
    # second later on a busy machine). The HTML is one block: Markdown leaves it as it is,
    # and every text in it is escaped.
    st.markdown(f"<style>{_CSS_ONE_LINE}</style>" + cards_html(data["cards"]),
                unsafe_allow_html=True)
    _mount()(key=KEY, data=json.loads(json.dumps(data)), height=0)
