"""Helpers for testing the app with Streamlit's AppTest: start it, read what it shows.

Usage::

    from ui.testing import app_test, metric_values
    at = app_test({"edit": "momentum"}).run()
    assert not at.exception
    metric_values(at)["GDP"]          # (value, delta) as numbers
    spec, data = vega_charts(at)[0]   # a chart's Vega-Lite spec and its datasets
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .format import JOINER

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

__all__ = ["APP", "app_test", "number", "Metric", "metrics", "headline_data", "metric_values", "unescape", "page_texts",
           "vega_charts", "view_from_url"]

APP = Path(__file__).resolve().parent.parent / "app.py"
_NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?")


def app_test(query: dict | None = None, *, timeout: float = 60) -> "AppTest":
    """An AppTest of ``app.py`` opened with ``query`` as the URL's query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update(query or {})
    return at


def number(text: str) -> float:
    """The first number in ``text`` (``"2,110.0 亿元"`` → 2110.0, ``"−0.5"`` → -0.5)."""
    match = _NUMBER.search(str(text))
    if not match:
        raise ValueError(f"no number in {text!r}")
    return float(match.group().replace(",", "").replace("−", "-"))


@dataclass(frozen=True)
class Metric:
    """A figure shown: a headline card (:mod:`ui.instant`) or an ``st.metric``."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None


def headline_data(at: "AppTest") -> dict | None:
    """The data the server sent the overview's live component (:func:`ui.instant.live_data`,
    with the chart's :func:`ui.instant.chart_data`)."""
    import json

    for el in at.get("bidi_component"):
        if el.proto.component_name == "sim_live":
            return json.loads(el.proto.json)
    return None


def metrics(at: "AppTest") -> list[Metric]:
    """Every figure shown, in page order: the headline's cards as the server's run gives
    them, then each ``st.metric``."""
    cards = []
    for el in at.markdown:
        if "data-sim-headline" in el.value:
            cards = _cards(el.value)
    return cards + [Metric(m.label, m.value, m.delta, m.help) for m in at.metric]


def _cards(html: str) -> list[Metric]:
    """The headline cards of :func:`ui.instant.cards_html`'s HTML."""
    from html.parser import HTMLParser

    cards: list[dict] = []

    class Reader(HTMLParser):
        field = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            test = a.get("data-testid", "")
            if test == "simMetric":
                cards.append({"label": "", "value": "", "delta": "", "help": None})
            elif test in ("simMetricValue",):
                self.field = "value"
            elif test == "simMetricLabel":
                self.field = "label"
            elif "sim-delta-text" in a.get("class", ""):
                self.field = "delta"
            elif "sim-help" in a.get("class", "") and cards:
                cards[-1]["help"] = a.get("title")

        def handle_endtag(self, tag):
            if tag in ("div", "span") and self.field in ("value", "delta"):
                self.field = None

        def handle_data(self, data):
            if self.field and cards:
                cards[-1][self.field] += data

    Reader().feed(html)
    return [Metric(c["label"].strip(), c["value"], c["delta"], c["help"]) for c in cards]


def metric_values(at: "AppTest") -> dict[str, tuple[float, float | None]]:
    """Label → (value, delta) of every figure shown (:func:`metrics`), as numbers (NaN / None
    for "–")."""
    out = {}
    for m in metrics(at):
        delta = number(m.delta) if m.delta and _NUMBER.search(m.delta) else None
        value = number(m.value) if _NUMBER.search(m.value) else float("nan")
        out[m.label] = (value, delta)
    return out


def unescape(markdown: str) -> str:
    """The text that :func:`ui.format.plain` made literal: its escapes and joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown.replace(JOINER, ""))


def page_texts(at: "AppTest") -> list[str]:
    """Every text element's value: titles, headers, Markdown, captions, alerts, code."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                 "info", "success", "code", "exception"):
        out += [str(e.value) for e in getattr(at, kind)]
    return out


def vega_charts(at: "AppTest") -> list[tuple[dict, dict]]:
    """Every Vega-Lite chart shown: the overview's (drawn by its live component, its datasets
    from the component's rows), then the others in page order; its spec and its datasets
    (name → the DataFrame the browser receives, read back from Streamlit's Arrow bytes)."""
    import json

    import pyarrow as pa

    import pandas as pd

    out = []
    live = headline_data(at)
    if live and live.get("chart"):               # the overview's chart, drawn by the component
        chart = live["chart"]
        data = {k: pd.DataFrame.from_records(v) for k, v in chart["datasets"].items()}
        data["lines"] = pd.DataFrame.from_records(chart["lines"])
        out.append((json.loads(chart["spec_text"]), data))
    for chart in at.get("vega_lite_chart"):
        data = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas()
                for d in chart.proto.datasets}
        out.append((json.loads(chart.proto.spec), data))
    return out


def view_from_url(at: "AppTest"):
    """The view the app shows, rebuilt from its URL alone (the shared link), uncached."""
    import sim

    from .pages import page_ids, url_params
    from .url import from_query
    from .view import build_view

    shipped = {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}
    state, uploads, notices = from_query(dict(at.query_params), shipped=shipped,
                                         tabs=page_ids(), extras=url_params())
    return build_view(state, {**shipped, **uploads}, shipped_order=list(shipped)), notices
