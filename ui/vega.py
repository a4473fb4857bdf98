"""The app's charts as Vega-Lite specs, drawn by the browser (pure: no Streamlit).

Each builder takes what the matching figure of :mod:`sim.plotting` takes — the tidy frame
(``scenario, indicator, year, value, unit``) or an analysis' result — and gives a Vega-Lite
spec (a dict) for ``st.vega_lite_chart``, drawn with the same texts, colours, line styles and
fonts (:mod:`sim.plotting.style` owns them; this module only translates them into Vega terms).
matplotlib stays for the notebooks and the PNG downloads.

What the browser does
    It draws, and it shows what it is given: every number a tooltip or a label shows is a
    text made here (:func:`ui.format.value`, the same text the app's metrics and tables show);
    bars are stacked and a waterfall's steps summed here, not by Vega. The projection chart's
    legend toggles a scenario (a click; shift-click adds one), its x axis zooms (mouse wheel)
    and pans (drag), a double click resets it; hovering near a point shows its value.
Data
    The rows a chart draws travel as named datasets (``spec["datasets"]``), which Streamlit
    sends as Arrow next to the spec: the spec itself stays the same from one slider move to
    the next, so the browser updates the data of the chart it has drawn.
Text from files
    Names, titles and labels from files or links are cut as the figures cut them
    (:func:`~sim.plotting.style.chart_text`) and travel as data or as plain strings, never in a
    Vega expression; the SVG renderer draws them as text.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.indicators import SECTOR_LABELS
from sim.indicators import indicator as _indicator
from sim.plotting.analyses import fan_rows, input_label, waterfall_steps
from sim.plotting.history import (DRAWN_KINDS, HISTORY_COLOR, KIND_MARKERS, drawn_rows,
                                  kind_label, method_color, method_label)
from sim.plotting.projections import TargetMark, measure_table
from sim.plotting.style import (DOWN_COLOR, FAN_ALPHAS, FAN_COLOR, TARGET_STAR, TOTAL_COLOR,
                                UNIT_CHARS, UP_COLOR, chart_text, chart_title, legend_text,
                                phrase, scenario_styles, sector_colors, sector_names, unit_axis_title,
                                web_font_family)

from . import format as fmt
from .i18n import t

if TYPE_CHECKING:
    import pandas as pd

    from sim.analysis import Attribution, Tornado
    from sim.targets import Target

__all__ = ["projection_spec", "contributions_spec", "structure_spec", "fan_spec",
           "tornado_spec", "waterfall_spec", "backtest_spec", "DASHES", "SHAPES", "HEIGHT", "PANEL_HEIGHT",
           "LEGEND_PARAM", "ZOOM_PARAM"]

#: Height of a chart's plot area, px (the width follows the page).
HEIGHT = 360
#: matplotlib's dash patterns (its ``lines.*_pattern`` defaults, in units of the line width)
#: by line style; a Vega ``strokeDash`` is the pattern times the width, in px.
DASHES: dict[str, tuple[float, ...]] = {"-": (), "--": (3.7, 1.6), "-.": (6.4, 1.6, 1.0, 1.6),
                                        ":": (1.0, 1.65)}
#: matplotlib's markers as Vega symbol shapes; "*" (a plan target) as a five-pointed star.
SHAPES: dict[str, str] = {
    "o": "circle", "s": "square", "^": "triangle-up", "D": "diamond", "v": "triangle-down",
    "*": "M0,-1L0.2245,-0.309L0.9511,-0.309L0.3633,0.118L0.5878,0.809L0,0.382L-0.5878,0.809"
         "L-0.3633,0.118L-0.9511,-0.309L-0.2245,-0.309Z"}
#: The projection chart's selection bound to its legend, and its zoom bound to the x scale.
LEGEND_PARAM, ZOOM_PARAM = "scenario_pick", "year_zoom"
#: Opacity of a line the legend has switched off.
_FADED = 0.12
_SHADE, _SHADE_RULE, _NOTE_COLOR = "#f3f3f3", "#999999", "#777777"
#: One of matplotlib's points² is one of Vega's px²; matplotlib draws at 100 dpi, the browser
#: at 96 px an inch: Vega's sizes are matplotlib's times (96 / 72)² × (72 / 100)² ≈ 0.92.
_AREA = (96 / 100) ** 2


def _dash(style: Mapping[str, Any]) -> list[float]:
    """A matplotlib line style as a Vega ``strokeDash`` (px)."""
    return [round(x * style["linewidth"], 3) for x in DASHES[style["linestyle"]]]


def _config() -> dict:
    """Fonts (:func:`~sim.plotting.style.web_font_family`), sizes and grid as the figures
    draw them."""
    font = web_font_family()
    return {"font": font,
            "axis": {"labelFont": font, "titleFont": font, "labelFontSize": 11,
                     "titleFontSize": 11, "titleFontWeight": "normal", "gridColor": "#dddddd",
                     "labelColor": "#333333", "titleColor": "#333333"},
            "legend": {"labelFont": font, "titleFont": font, "labelFontSize": 11,
                       "labelLimit": 420, "symbolStrokeWidth": 2.2},
            "title": {"font": font, "fontSize": 14, "fontWeight": "normal", "anchor": "start",
                      "color": "#222222"},
            "text": {"font": font}, "view": {"stroke": None}}


def _spec(layers: list[dict], datasets: Mapping[str, "pd.DataFrame"], *, title: str,
          height: int = HEIGHT, legend: Mapping[str, Any] | None = None) -> dict:
    """A layered spec: its title (lines of :func:`~sim.plotting.style.chart_title`), its
    named datasets, the legends' place (``legend``, e.g. ``{"orient": "bottom"}``), the SVG
    renderer (text as text, in the page's fonts)."""
    config = _config()
    config["legend"].update(legend or {})
    return {"title": {"text": title.split("\n")}, "height": height,
            "datasets": {name: frame.reset_index(drop=True) for name, frame in datasets.items()},
            "layer": layers, "config": config,
            "usermeta": {"embedOptions": {"renderer": "svg", "actions": False}}}


def _unique(labels: Sequence[str]) -> list[str]:
    """Legend labels made distinct (a legend entry stands for one series): a repeated label
    gets " (2)", " (3)", …"""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label, 0) + 1
        seen[label] = n
        out.append(label if n == 1 else f"{label} ({n})")
    return out


def _year_axis(lang: str, **kw) -> dict:
    return {"title": phrase("year", lang), "format": "d", "tickMinStep": 1, "grid": False, **kw}


def _star(data: str, x: dict, y: dict, tooltip: list[dict]) -> dict:
    """Plan targets as stars (:data:`~sim.plotting.style.TARGET_STAR`)."""
    return {"data": {"name": data},
            "mark": {"type": "point", "shape": SHAPES[TARGET_STAR["marker"]], "filled": True,
                     "size": TARGET_STAR["s"] * _AREA, "color": TARGET_STAR["color"],
                     "stroke": TARGET_STAR["edgecolor"], "strokeWidth": 0.8, "opacity": 1},
            "encoding": {"x": x, "y": y, "tooltip": tooltip}}


def _targets_frame(targets: Sequence[TargetMark], unit: str, lang: str) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame({
        "year": [int(m.year) for m in targets], "value": [float(m.value) for m in targets],
        "label": [legend_text(m.label, f"{m.year}: {m.value:g}") for m in targets],
        "text": [fmt.value(float(m.value), unit, lang) for m in targets]},
        columns=["year", "value", "label", "text"])


# -- projections -------------------------------------------------------------------------------

def projection_spec(frame: "pd.DataFrame", indicator: str, *, lang: str = "en",
                    names: Mapping[str, str] | None = None,
                    roles: Mapping[str, str] | None = None, base_year: int | None = None,
                    targets: Sequence[TargetMark] = (), title: str | None = None,
                    outturn_label: str | None = None,
                    history: "pd.DataFrame | None" = None, height: int = HEIGHT) -> dict:
    """One indicator over the years, a line per scenario (as
    :func:`sim.plotting.projection_figure`, which takes the same arguments).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    indicator : str
        Indicator id, e.g. ``"gdp"`` (亿元) or ``"gdp_real_growth"`` (%).
    lang : str
        ``"en"`` or ``"zh"``.
    names : Mapping[str, str], optional
        Scenario id → legend text; its order is the legend's. Default: the frame's scenarios.
    roles : Mapping[str, str], optional
        Scenario id → ``"baseline"``, ``"adjusted"`` or ``"edited"`` (reference-line styles).
    base_year : int, optional
        The outturn year: a black point; the years after it shaded as projection. Default:
        the first year in the frame.
    targets : sequence of TargetMark
        Plan targets, drawn as stars.
    title, outturn_label : str, optional
        As :func:`~sim.plotting.projection_figure`'s; the title (default the indicator's
        label) also names the value in the hover text.
    history : pandas.DataFrame, optional
        A history frame (:func:`sim.history.history_frame`): the indicator's figures before
        the projection, drawn solid (broken at an unknown year) with a marker per kind as the
        figure draws them (:data:`sim.plotting.history.KIND_MARKERS`), a lower bound marked
        "≥ X"; the projections' solid lines are then dashed. Dataset ``history``.
    height : int
        Plot height, px.

    Returns
    -------
    dict
        A Vega-Lite spec. Its dataset ``lines`` holds the frame's rows of ``indicator`` (the
        scenarios drawn, in legend order) with ``name`` (the legend text), ``kind``
        (``"outturn"`` in the base year, ``"projection"`` after it, ``"history"`` before it:
        ready for a dash of its own) and ``text`` (the value as the app writes it). The legend
        is bound to the selection :data:`LEGEND_PARAM` (a click shows one scenario, the others
        faded), the x scale to :data:`ZOOM_PARAM`.
    """
    ind = _indicator(indicator)
    rows = frame[frame["indicator"] == indicator]
    order = list(names) if names is not None else list(dict.fromkeys(rows["scenario"]))
    names = dict(names or {s: s for s in order})
    present = set(rows["scenario"])
    styles = scenario_styles([s for s in order if s in present], dict(roles or {}))
    labels = dict(zip(styles, _unique([legend_text(names.get(s, s), s) for s in styles])))
    if base_year is None:
        base_year = int(frame["year"].min()) if len(frame) else 0
    data = rows[rows["scenario"].isin(list(styles))].copy()
    data["_order"] = data["scenario"].map({s: i for i, s in enumerate(styles)})
    data = data.sort_values(["_order", "year"], kind="stable").drop(columns="_order")
    data = data[["scenario", "indicator", "year", "value", "unit"]]
    data["name"] = data["scenario"].map(labels)
    year = data["year"].to_numpy()
    data["kind"] = np.where(year < base_year, "history",
                            np.where(year == base_year, "outturn", "projection"))
    data["text"] = [fmt.value(v, ind.unit, lang) for v in data["value"]]
    # the markers' own field: a shape encoded by "name" would change the legend's symbols
    data["marker"] = data["scenario"].map({s: SHAPES[st["marker"]] for s, st in styles.items()})
    last = int(year.max()) if len(year) else base_year + 1
    first = min(int(year.min()), base_year) if len(year) else base_year
    domain = list(labels.values())
    legend_on = {"param": LEGEND_PARAM, "empty": True}
    x = {"field": "year", "type": "quantitative",
         "scale": {"domain": [first - 0.4, last + 0.4], "nice": False, "zero": False},
         "axis": _year_axis(lang)}
    y = {"field": "value", "type": "quantitative", "title": unit_axis_title(indicator, lang),
         "scale": {"zero": False, "nice": True}}
    color = {"field": "name", "type": "nominal",
             "scale": {"domain": domain, "range": [styles[s]["color"] for s in styles]},
             "legend": {"orient": "bottom", "title": None, "columns": 3 if len(domain) > 16
                        else 2 if len(domain) > 2 else max(len(domain), 1),
                        "symbolType": "stroke"}}
    dashed = history is not None and len(drawn_rows(history, indicator)) > 0
    dash = {"field": "name", "type": "nominal",        # a projection after history: dashed
            "scale": {"domain": domain, "range": [
                _dash({**styles[s], "linestyle": "--"} if dashed and styles[s].get(
                    "linestyle", "-") == "-" else styles[s]) for s in styles]},
            "legend": color["legend"]}
    label = chart_text(title) if title else ind.label(lang)
    tooltip = [{"field": "name", "title": t("col_scenario", lang)},
               {"field": "year", "title": t("col_year", lang)},
               {"field": "text", "title": label}]
    outturn = legend_text(outturn_label or "", phrase("outturn", lang, year=base_year))
    layers = [
        {"data": {"values": [{"from": base_year, "to": last + 0.4}]},
         "mark": {"type": "rect", "color": _SHADE},
         "encoding": {"x": {"field": "from", "type": "quantitative"},
                      "x2": {"field": "to"}}},
        {"data": {"values": [{"year": base_year, "note": phrase("projection", lang) + " →"}]},
         "layer": [
             {"mark": {"type": "rule", "color": _SHADE_RULE, "strokeWidth": 0.8},
              "encoding": {"x": {"field": "year", "type": "quantitative"}}},
             {"mark": {"type": "text", "align": "left", "baseline": "top", "dx": 5, "dy": 4,
                       "color": _NOTE_COLOR, "fontSize": 10},
              "encoding": {"x": {"field": "year", "type": "quantitative"},
                           "y": {"value": 0}, "text": {"field": "note"}}}]},
        {"data": {"name": "lines"},
         "mark": {"type": "line", "interpolate": "linear"},
         "params": [{"name": LEGEND_PARAM, "select": {"type": "point", "fields": ["name"]},
                     "bind": "legend"},
                    {"name": ZOOM_PARAM, "select": {"type": "interval", "encodings": ["x"]},
                     "bind": "scales"}],
         "encoding": {"x": x, "y": y, "color": color, "strokeDash": dash,
                      "strokeWidth": {"field": "name", "type": "nominal", "legend": None,
                                      "scale": {"domain": domain, "range":
                                                [styles[s]["linewidth"] for s in styles]}},
                      "opacity": {"condition": {**legend_on, "value": 1}, "value": _FADED}}},
        {"data": {"name": "lines"},
         "mark": {"type": "point", "filled": True, "size": 22, "strokeWidth": 0},
         "encoding": {"x": {"field": "year", "type": "quantitative"},
                      "y": {"field": "value", "type": "quantitative"},
                      "fill": {**color, "legend": None},
                      "shape": {"field": "marker", "type": "nominal", "scale": None},
                      "opacity": {"condition": {**legend_on, "value": 1}, "value": _FADED},
                      "tooltip": tooltip}},
        {"data": {"name": "lines"},
         "transform": [{"filter": {"field": "kind", "equal": "outturn"}}],
         "mark": {"type": "point", "filled": True, "color": "black", "size": 42 * _AREA,
                  "opacity": 1},
         "encoding": {"x": {"field": "year", "type": "quantitative"},
                      "y": {"field": "value", "type": "quantitative"},
                      "tooltip": [{"field": "name", "title": outturn}, *tooltip[1:]]}},
    ]
    datasets = {"lines": data}
    past = drawn_rows(history, indicator) if history is not None else None
    if past is not None and len(past):
        history_layers, datasets["history"] = _history_layers(past, ind.unit, lang, tooltip[1:])
        layers += history_layers
        # the lines' x scale (shared by every layer) starts at the history's first year
        x["scale"]["domain"][0] = min(x["scale"]["domain"][0], int(past["year"].min()) - 0.4)
    if targets:
        datasets["targets"] = _targets_frame(targets, ind.unit, lang)
        layers.append(_star("targets", {"field": "year", "type": "quantitative"},
                            {"field": "value", "type": "quantitative"},
                            [{"field": "label", "title": t("col_target", lang)},
                             {"field": "text", "title": label}]))
    return _spec(layers, datasets, title=chart_title(title, ind.label(lang)), height=height)


def _history_layers(past: "pd.DataFrame", unit: str, lang: str, tooltip: list
                    ) -> tuple[list[dict], "pd.DataFrame"]:
    """The layers of a history (rows of :func:`sim.plotting.history.drawn_rows`): a solid line
    through consecutive years, a point per figure in its kind's marker, "≥ X" at a lower
    bound; and their dataset (the rows with ``kind_label`` and ``text``, the value as the app
    writes it)."""
    hist = past.copy()
    hist["kind_label"] = [kind_label(k, lang) for k in hist["kind"]]
    hist["text"] = [fmt.value(v, unit, lang) for v in hist["value"]]
    years = hist["year"].to_numpy(dtype=int)
    span = np.arange(years.min(), years.max() + 1)
    line = hist.set_index("year")["value"].reindex(span)
    line_rows = [{"year": int(y), "value": (None if np.isnan(v) else float(v))}
                 for y, v in zip(span, line.to_numpy(dtype=float))]
    kinds = [k for k in DRAWN_KINDS if k in set(hist["kind"])]
    shapes = {"o": "circle", "s": "square", "D": "diamond", "^": "triangle-up"}
    x = {"field": "year", "type": "quantitative"}
    y = {"field": "value", "type": "quantitative"}
    out = [{"data": {"values": line_rows},
            "mark": {"type": "line", "color": HISTORY_COLOR, "strokeWidth": 2.4},
            "encoding": {"x": x, "y": y}}]
    for k in kinds:
        m = KIND_MARKERS[k]
        out.append({"data": {"name": "history"},
                    "transform": [{"filter": {"field": "kind", "equal": k}}],
                    "mark": {"type": "point", "shape": shapes.get(m["marker"], "circle"),
                             "filled": True, "fill": m["facecolors"],
                             "stroke": m["edgecolors"], "strokeWidth": 1.2,
                             "size": m["s"] * _AREA, "opacity": 1},
                    "encoding": {"x": x, "y": y,
                                 "tooltip": [{"field": "kind_label", "title": " "}, *tooltip]}})
    if "lower bound" in kinds:
        out.append({"data": {"name": "history"},
                    "transform": [{"filter": {"field": "kind", "equal": "lower bound"}},
                                  {"calculate": "'≥ ' + datum.text", "as": "bound"}],
                    "mark": {"type": "text", "align": "left", "dx": 7, "dy": 12,
                             "color": "#7d3c00", "fontSize": 10},
                    "encoding": {"x": x, "y": y, "text": {"field": "bound"}}})
    return out, hist


def _stacked(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bottoms and tops of bars stacked by row: positive parts up from 0, negative parts down
    from 0, in the order of the rows (as the figures stack them); a NaN part stacks as 0.

    Parameters
    ----------
    values : ndarray, shape (k, n)
        k stacked series over n bars.
    """
    values = np.nan_to_num(values)
    pos, neg = np.clip(values, 0, None), np.clip(values, None, 0)
    up = np.vstack([np.zeros(values.shape[1]), np.cumsum(pos, axis=0)])
    down = np.vstack([np.zeros(values.shape[1]), np.cumsum(neg, axis=0)])
    bottom = np.where(values >= 0, up[:-1], down[:-1])
    top = np.where(values >= 0, up[1:], down[1:])
    return bottom, top


def _sector_bars(frame: "pd.DataFrame", scenario: str, measure: str, unit: str, lang: str,
                 names: Mapping[str, tuple[str, str]] | None, base_year: int | None
                 ) -> tuple["pd.DataFrame", tuple[str, ...], list[str], np.ndarray]:
    """The stacked bars of ``<sector><measure>`` of one scenario
    (:func:`sim.plotting.projections.measure_table`), a row per sector and year with a value:
    ``scenario, indicator, year, value, unit`` as the tidy frame holds them, ``label`` (the
    sector, :func:`~sim.plotting.style.sector_names`), the stacked ``bottom`` and ``top``,
    ``outturn`` (the base year: ``base_year``, else the scenario's first year), ``name`` (the
    label, with the outturn's year on an outturn) and ``text``. Also the sectors, their labels
    and the years."""
    import pandas as pd

    sectors, table = measure_table(frame, scenario, measure)
    table = table.dropna(how="all")
    years = table.index.to_numpy(dtype=int)
    values = table.to_numpy(dtype=float).T                  # sectors × years
    bottom, top = _stacked(values)
    if base_year is None:
        rows = frame[frame["scenario"] == scenario]
        base_year = int(rows["year"].min()) if len(rows) else 0
    labels = _unique(sector_names(sectors, lang, names))
    k, n = values.shape
    outturn = np.tile(years == base_year, k)
    label = np.repeat(labels, n)
    note = phrase("outturn", lang, year=base_year)
    bars = pd.DataFrame({
        "scenario": scenario, "indicator": np.repeat(list(table.columns), n),
        "year": np.tile(years, k), "value": values.ravel(), "unit": unit, "label": label,
        "bottom": bottom.ravel(), "top": top.ravel(), "outturn": outturn,
        "name": [f"{x} ({note})" if o else x for x, o in zip(label, outturn)],
        "text": [fmt.value(v, unit, lang) for v in values.ravel()]})
    return bars[np.isfinite(bars["value"].to_numpy(dtype=float))], sectors, labels, years


def _bar_layer(data: str, x: dict, y_title: str, labels: Sequence[str], colors: Sequence[str],
               tooltip: list[dict], *, y_scale: Mapping[str, Any] | None = None,
               width: float = 0.62) -> dict:
    """Stacked bars of a dataset of :func:`_sector_bars`, a colour per sector, the outturn's
    bars pale (as the figures' hatched bars)."""
    y = {"field": "top", "type": "quantitative", "title": y_title}
    if y_scale is not None:
        y["scale"] = dict(y_scale)
    return {"data": {"name": data},
            "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5,
                     "width": {"band": width}},
            "encoding": {"x": x, "y": y, "y2": {"field": "bottom"},
                         "color": {"field": "label", "type": "nominal",
                                   "scale": {"domain": list(labels), "range": list(colors)},
                                   "legend": {"orient": "bottom", "title": None}},
                         "opacity": {"condition": {"test": {"field": "outturn", "equal": True},
                                                   "value": 0.6}, "value": 1},
                         "tooltip": tooltip}}


def contributions_spec(frame: "pd.DataFrame", scenario: str, *, lang: str = "en",
                       name: str | None = None, base_year: int | None = None,
                       targets: Sequence[TargetMark] = (), title: str | None = None,
                       names: Mapping[str, tuple[str, str]] | None = None,
                       measure: str = "contribution", height: int = HEIGHT) -> dict:
    """Each sector's contribution to real GDP growth, stacked bars by year (as
    :func:`sim.plotting.contributions_figure`, which takes the same arguments; the outturn
    year's bars are pale where the figure hatches them).

    With ``measure="contribution"`` (拉动) a bar is the sector's share of GDP the year before
    times its real growth (pp), and the bars add up to real GDP growth (%), drawn as a line
    with the plan's targets. With ``measure="contribution_rate"`` (贡献率) a bar is that
    contribution as a % of real GDP growth, and the bars add up to 100 (a dashed line).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results of ``scenario`` (the sectors of its base, :func:`sim.results.sector_ids`).
    scenario : str
    lang : str
    name : str, optional
        The scenario's name, for the title.
    base_year : int, optional
        The outturn year; default the scenario's first year.
    targets : sequence of TargetMark
        Targets for real GDP growth (drawn with ``measure="contribution"`` only).
    title : str, optional
    names : Mapping[str, tuple of str], optional
        Sector labels of the base, sector id → (English, Chinese).
    measure : str
        ``"contribution"`` (pp) or ``"contribution_rate"`` (%).
    height : int
        Plot height, px.

    Returns
    -------
    dict
        A Vega-Lite spec. Its dataset ``bars`` holds the rows of ``<sector>_<measure>``
        (:func:`sim.results.sector_measures`: the frame's own numbers, and the rates the
        two-sector form derives) with ``label``, the stacked ``bottom`` and ``top``,
        ``outturn`` and ``text``; ``growth`` the frame's rows of ``gdp_real_growth`` (%) in
        those years, or with the rates the line at 100, with ``series`` (its legend text).

    Raises
    ------
    ValueError
        If ``measure`` is neither.
    """
    import pandas as pd

    if measure not in ("contribution", "contribution_rate"):
        raise ValueError(f"measure must be 'contribution' or 'contribution_rate', not "
                         f"{measure!r}")
    rate = measure == "contribution_rate"
    unit = "%" if rate else "pp"
    bars, sectors, labels, years = _sector_bars(frame, scenario, "_" + measure, unit, lang,
                                                names, base_year)
    colors = sector_colors(sectors)
    axis = phrase("contrib_rate_axis" if rate else "contrib_axis", lang)
    x = {"field": "year", "type": "ordinal", "axis": {**_year_axis(lang), "labelAngle": 0}}
    tooltip = [{"field": "name", "title": " "}, {"field": "year", "title": t("col_year", lang)},
               {"field": "text", "title": axis}]
    line_label = phrase("hundred" if rate else "growth_line", lang)
    if rate:
        growth = pd.DataFrame({"year": years, "value": 100.0, "series": line_label,
                               "text": fmt.value(100.0, "%", lang)})
        line_mark = {"type": "line", "strokeWidth": 1.2, "strokeDash": [4.4, 1.9]}
        line_tip = axis
    else:
        sub = frame[(frame["scenario"] == scenario) & (frame["indicator"] == "gdp_real_growth")]
        sub = sub[sub["year"].isin(years)].sort_values("year")
        growth = sub[["scenario", "indicator", "year", "value", "unit"]].assign(
            series=line_label, text=[fmt.value(v, "%", lang) for v in sub["value"]])
        line_mark = {"type": "line", "strokeWidth": 1.4,
                     "point": {"filled": True, "size": 30, "color": "black"}}
        line_tip = _indicator("gdp_real_growth").label(lang)
    layers = [
        _bar_layer("bars", x, axis, labels, colors, tooltip),
        {"data": {"values": [{"zero": 0}]},
         "mark": {"type": "rule", "color": "#555555", "strokeWidth": 0.8},
         "encoding": {"y": {"field": "zero", "type": "quantitative"}}},
        {"data": {"name": "growth"}, "mark": line_mark,
         "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"},
                      # a field of its own: a legend of the bars' field would merge
                      "stroke": {"field": "series", "type": "nominal",
                                 "scale": {"domain": [line_label], "range": ["black"]},
                                 "legend": {"orient": "bottom", "title": None,
                                            "symbolType": "stroke"}},
                      "tooltip": [{"field": "series", "title": " "}, tooltip[1],
                                  {"field": "text", "title": line_tip}]}},
    ]
    datasets = {"bars": bars, "growth": growth}
    marks = [] if rate else [m for m in targets if m.year in set(years.tolist())]
    if marks:
        datasets["targets"] = _targets_frame(marks, "%", lang)
        layers.append(_star("targets", x, {"field": "value", "type": "quantitative"},
                            [{"field": "label", "title": t("col_target", lang)},
                             {"field": "text", "title": line_label}]))
    who = chart_text(name or "") or chart_text(scenario)
    default = phrase("contrib_rate_title" if rate else "contrib_title", lang, name=who)
    return _spec(layers, datasets, title=chart_title(title, default), height=height)


#: Height of one scenario's panel of the structure chart, px.
PANEL_HEIGHT = 150


def structure_spec(frame: "pd.DataFrame", scenarios: Sequence[str] | None = None, *,
                   lang: str = "en", names: Mapping[str, str] | None = None,
                   sector_labels: Mapping[str, tuple[str, str]] | None = None,
                   base_year: int | None = None, title: str | None = None,
                   height: int = PANEL_HEIGHT) -> dict:
    """The structure of GDP (三次产业结构): each sector's share of GDP (%, current prices) by
    year, one panel of bars stacked to 100 per scenario (as
    :func:`sim.plotting.structure_figure`, which takes the same arguments; the outturn year's
    bars are pale where the figure hatches them).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    scenarios : sequence of str, optional
        The scenarios drawn, a panel each in this order; default every scenario of the frame.
    lang : str
    names : Mapping[str, str], optional
        Scenario id → panel title.
    sector_labels : Mapping[str, tuple of str], optional
        Sector labels of the bases, sector id → (English, Chinese).
    base_year : int, optional
        The outturn year; default each scenario's first year.
    title : str, optional
        Default: "Structure of GDP by sector (% of GDP)" (by the three sectors for primary,
        secondary and tertiary).
    height : int
        Height of a panel, px.

    Returns
    -------
    dict
        A Vega-Lite spec of panels one above the other (``vconcat``), sharing the year axis and
        the sectors' colours; each panel's subtitle gives the structure as published, e.g.
        "2022: 0.2:7.8:92.0 → 2030: …". Its dataset ``shares`` holds the rows of
        ``<sector>_share`` of every scenario (:func:`sim.results.sector_measures`) with
        ``panel`` (the panel's number, from 0), ``label``, the stacked ``bottom`` and ``top``,
        ``outturn`` and ``text``.
    """
    import pandas as pd

    order = list(scenarios) if scenarios is not None else list(dict.fromkeys(frame["scenario"]))
    names = dict(names or {})
    colors: dict[str, str] = {}
    parts, panels, three = [], [], bool(order)
    x = {"field": "year", "type": "ordinal", "axis": {**_year_axis(lang), "labelAngle": 0}}
    tooltip = [{"field": "name", "title": " "}, {"field": "year", "title": t("col_year", lang)},
               {"field": "text", "title": phrase("structure_axis", lang)}]
    for i, scen in enumerate(order):
        bars, sectors, labels, years = _sector_bars(frame, scen, "_share", "%", lang,
                                                    sector_labels, base_year)
        three = three and sectors == ("primary", "secondary", "tertiary")
        for label, color in zip(labels, sector_colors(sectors)):
            colors.setdefault(label, color)
        parts.append(bars.assign(panel=i))
        ratio = []
        for y in dict.fromkeys((int(years[0]), int(years[-1]))) if len(years) else ():
            shares = bars[bars["year"] == y]["value"].to_numpy(dtype=float)
            ratio.append(f"{y}: " + ":".join(f"{v:.1f}" for v in shares))
        panels.append({
            "title": {"text": legend_text(names.get(scen, scen), scen),
                      "subtitle": " → ".join(ratio), "fontSize": 12, "anchor": "start",
                      "subtitleColor": "#555555"},
            "height": height, "data": {"name": "shares"},
            "transform": [{"filter": {"field": "panel", "equal": i}}],
            **_bar_layer("shares", x, "%", [], [], tooltip, y_scale={"domain": [0, 100]},
                         width=0.7)})
    for panel in panels:                    # every panel's colours are every panel's sectors'
        panel["encoding"]["color"]["scale"] = {"domain": list(colors),
                                               "range": list(colors.values())}
    columns = ["scenario", "indicator", "year", "value", "unit", "label", "bottom", "top",
               "outturn", "name", "text", "panel"]
    shares = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    default = phrase("structure_title_three" if three else "structure_title", lang)
    head = chart_title(title, default)
    spec = _spec([], {"shares": shares}, title=head, height=height)
    del spec["layer"], spec["height"]
    spec["title"]["subtitle"] = phrase("structure_axis", lang)
    spec["vconcat"] = panels
    spec["resolve"] = {"scale": {"x": "shared", "color": "shared"}}
    return spec


# -- analyses ----------------------------------------------------------------------------------

def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


def fan_spec(summary: "pd.DataFrame", indicator: str, *, lang: str = "en",
             targets: Sequence["Target"] = (), probabilities: "pd.DataFrame | None" = None,
             n_paths: int | None = None, title: str | None = None,
             names: Mapping[str, tuple[str, str]] | None = None, height: int = HEIGHT) -> dict:
    """Fan chart of a Monte Carlo's summary: the 10–90, 20–80, 30–70 and 40–60 % bands, the
    median and the deterministic path (as :func:`sim.plotting.fan_figure` draws a summary).

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`sim.analysis.summary` with statistics ``p10`` … ``p90`` and ``deterministic``.
    indicator : str
    lang : str
    targets : sequence of Target
        Targets on ``indicator`` are starred, with the probability of meeting them
        (``probabilities``, :func:`sim.analysis.target_probabilities`) when evaluated.
    n_paths : int, optional
        For the title.
    names : Mapping[str, tuple of str], optional
        Sector labels of the base, sector id → (English, Chinese): a sector's indicator is
        labelled so.

    Returns
    -------
    dict
        A Vega-Lite spec. Its dataset ``fan`` has a row per year: the statistics (columns
        ``p10`` … ``p90``, ``deterministic``) and their texts (``p10_text`` …); ``bands``
        a row per band and year (``lo``, ``hi`` and their texts), ``lines`` the median and
        the deterministic path (``series``, ``value``).

    Raises
    ------
    sim.InputError
        If ``summary`` has no rows for ``indicator``.
    """
    import pandas as pd

    from sim.analysis.montecarlo import FAN_QUANTILES, quantile_label

    ind = _indicator(indicator, names)
    rows = fan_rows(summary, indicator)
    stats = [quantile_label(q) for q in FAN_QUANTILES]
    wide = rows.pivot(index="year", columns="statistic", values="value").reindex(
        columns=[*stats, "deterministic"]).reset_index()
    wide["year"] = wide["year"].astype(int)
    for col in (*stats, "deterministic"):
        wide[f"{col}_text"] = [fmt.value(v, ind.unit, lang) for v in wide[col]]
    bands = [(stats[i], stats[-1 - i], phrase("band", lang, lo=round(100 * FAN_QUANTILES[i]),
                                              hi=round(100 * FAN_QUANTILES[-1 - i])))
             for i in range(len(FAN_ALPHAS))]
    band_rows = pd.concat([pd.DataFrame({
        "year": wide["year"], "band": label, "lo": wide[lo], "hi": wide[hi],
        "lo_text": wide[f"{lo}_text"], "hi_text": wide[f"{hi}_text"]})
        for lo, hi, label in bands], ignore_index=True)
    median, central = phrase("median", lang), phrase("central", lang)
    y0, y1 = int(wide["year"].iloc[0]), int(wide["year"].iloc[-1])
    outturn = phrase("outturn", lang, year=y0)
    x = {"field": "year", "type": "quantitative", "axis": _year_axis(lang),
         "scale": {"domain": [y0 - 0.3, y1 + 0.3], "nice": False}}
    tooltip = [{"field": "year", "title": t("col_year", lang)},
               *({"field": f"{lo}_text", "title": lo} for lo, _, _ in bands),
               {"field": "p50_text", "title": median},
               *({"field": f"{hi}_text", "title": hi} for _, hi, _ in bands[::-1]),
               {"field": "deterministic_text", "title": central}]
    lines = pd.concat([
        pd.DataFrame({"year": wide["year"], "series": median, "value": wide["p50"]}),
        pd.DataFrame({"year": wide["year"], "series": central,
                      "value": wide["deterministic"]})], ignore_index=True)
    layers: list[dict] = [
        {"data": {"name": "bands"}, "mark": {"type": "area", "opacity": 1},
         "encoding": {"x": x, "y": {"field": "lo", "type": "quantitative", "title": ind.unit,
                                    "scale": {"zero": False}},
                      "y2": {"field": "hi"},
                      "color": {"field": "band", "type": "nominal", "sort": [b[2] for b in bands],
                                "legend": {"orient": "top-left", "columns": 2, "title": None,
                                           "fillColor": "rgba(255, 255, 255, 0.8)"},
                                "scale": {"domain": [b[2] for b in bands],
                                          "range": [_rgba(FAN_COLOR, a) for a in FAN_ALPHAS]}}}},
        {"data": {"name": "lines"}, "mark": {"type": "line"},
         "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"},
                      "stroke": {"field": "series", "type": "nominal",
                                 "scale": {"domain": [median, central],
                                           "range": [FAN_COLOR, "black"]},
                                 "legend": {"orient": "bottom", "title": None,
                                            "symbolType": "stroke"}},
                      "strokeDash": {"field": "series", "type": "nominal",
                                     "scale": {"domain": [median, central],
                                               "range": [[], [5.2, 2.2]]},
                                     "legend": {"orient": "bottom", "title": None,
                                                "symbolType": "stroke"}},
                      "strokeWidth": {"field": "series", "type": "nominal", "legend": None,
                                      "scale": {"domain": [median, central],
                                                "range": [1.8, 1.4]}}}},
        {"data": {"name": "fan"}, "transform": [{"filter": {"field": "year", "equal": y0}}],
         "mark": {"type": "point", "filled": True, "size": 40 * _AREA, "opacity": 1,
                  "color": "black"},
         "encoding": {"x": x, "y": {"field": "deterministic", "type": "quantitative"},
                      "tooltip": [tooltip[0], {"field": "deterministic_text",
                                               "title": outturn}]}},
        {"data": {"name": "fan"},
         "mark": {"type": "rule", "strokeWidth": 14, "opacity": 0},
         "encoding": {"x": x, "tooltip": tooltip}},
    ]
    datasets = {"fan": wide, "bands": band_rows, "lines": lines}
    marks = [tg for tg in targets if tg.indicator == indicator and y0 <= tg.year <= y1]
    if marks:
        probs = ({} if probabilities is None or not len(probabilities)
                 else probabilities.set_index("target"))
        notes = []
        for tg in marks:
            ok = (len(probs) and tg.id in probs.index
                  and probs.loc[tg.id, "status"] == "evaluated")
            notes.append(phrase("prob", lang, op=tg.op, value=tg.value, unit=ind.unit,
                                p=probs.loc[tg.id, "probability"],
                                se=probs.loc[tg.id, "mc_se"]) if ok else "")
        datasets["targets"] = pd.DataFrame({
            "year": [tg.year for tg in marks], "value": [float(tg.value) for tg in marks],
            "label": [legend_text(tg.label(lang), f"{tg.year}: {tg.op} {tg.value:g}")
                      for tg in marks], "note": notes})
        star_tip = [{"field": "label", "title": t("col_target", lang)},
                    {"field": "note", "title": "P"}]
        layers.append(_star("targets", {"field": "year", "type": "quantitative"},
                            {"field": "value", "type": "quantitative"}, star_tip))
        layers.append({"data": {"name": "targets"},
                       "mark": {"type": "text", "align": "left", "dx": 10, "dy": -10,
                                "fontSize": 11, "color": "#333333"},
                       "encoding": {"x": {"field": "year", "type": "quantitative"},
                                    "y": {"field": "value", "type": "quantitative"},
                                    "text": {"field": "note"}}})
    default = (phrase("fan_title", lang, label=ind.label(lang), n=n_paths) if n_paths
               else ind.label(lang))
    return _spec(layers, datasets, title=chart_title(title, default), height=height)


def tornado_spec(tr: "Tornado", *, lang: str = "en", max_bars: int = 15,
                 title: str | None = None, names: Mapping[str, tuple[str, str]] | None = None,
                 height: int = HEIGHT) -> dict:
    """Tornado chart: the change of the output when each input moves by −step and +step, the
    largest swing on top (as :func:`sim.plotting.tornado_figure`, which takes the same
    arguments; ``names`` the base's sector labels, for a sector's indicator and rates).

    Returns
    -------
    dict
        A Vega-Lite spec. Its dataset ``bars`` has two rows per input (``side`` −step, +step):
        ``input``, ``label`` (as the figure labels it), ``delta`` (``delta_low`` /
        ``delta_high`` of the tornado's frame, in the output's unit) and ``text``.
    """
    import pandas as pd

    ind = _indicator(tr.indicator, names)
    f = tr.frame.head(max_bars)
    units = ["" if u == "(ratio)" else chart_text(u, UNIT_CHARS) for u in f["unit"]]
    labels = _unique([f"{chart_text(input_label(k, lang, names))}  ±{st:g}"
                      + (f" {u}" if u else "")
                      for k, st, u in zip(f["input"], f["step"], units)])
    down, up = phrase("down", lang), phrase("up", lang)
    n = len(f)
    deltas = np.concatenate([f["delta_low"].to_numpy(dtype=float),
                             f["delta_high"].to_numpy(dtype=float)])
    bars = pd.DataFrame({"input": np.tile(f["input"].to_numpy(), 2),
                         "label": np.tile(labels, 2), "side": np.repeat([down, up], n),
                         "delta": deltas,
                         "text": [fmt.delta(d, ind.unit, lang) for d in deltas]})
    layers = [
        {"data": {"name": "bars"}, "mark": {"type": "bar", "height": {"band": 0.6}},
         "encoding": {
             "y": {"field": "label", "type": "nominal", "sort": labels, "title": None,
                   "axis": {"labelLimit": 320}},
             "x": {"field": "delta", "type": "quantitative",
                   "title": phrase("change_in", lang, base=tr.base, unit=ind.unit)},
             "color": {"field": "side", "type": "nominal",
                       "scale": {"domain": [down, up], "range": [DOWN_COLOR, UP_COLOR]},
                       "legend": {"orient": "bottom-right", "title": None}},
             "opacity": {"condition": {"test": {"field": "side", "equal": up},
                                       "value": 0.85}, "value": 1},
             "tooltip": [{"field": "label", "title": t("col_input", lang)},
                         {"field": "side", "title": " "},
                         {"field": "text", "title": ind.label(lang)}]}},
        {"data": {"values": [{"zero": 0}]},
         "mark": {"type": "rule", "color": "#333333", "strokeWidth": 0.9},
         "encoding": {"x": {"field": "zero", "type": "quantitative"}}},
    ]
    head = phrase("tornado_title", lang, label=ind.label(lang), year=tr.year)
    return _spec(layers, {"bars": bars}, title=chart_title(title, head),
                 height=max(height, 26 * n))


def waterfall_spec(at: "Attribution", *, lang: str = "en", title: str | None = None,
                   names: Mapping[str, tuple[str, str]] | None = None,
                   height: int = HEIGHT) -> dict:
    """Waterfall: the baseline's value, each input's Shapley part (up or down), the scenario's
    value (as :func:`sim.plotting.waterfall_figure`, which takes the same arguments; the
    steps are :func:`sim.plotting.analyses.waterfall_steps`; ``names`` the base's sector
    labels, for a sector's indicator and rates).

    Returns
    -------
    dict
        A Vega-Lite spec. Its dataset ``bars`` has a row per bar: ``label``, ``kind``
        (``"total"``, ``"up"``, ``"down"``), ``value`` (the end's value or the input's part),
        the bar's ``bottom`` and ``top``, and ``text``; ``steps`` the connectors' levels.
    """
    import pandas as pd

    ind = _indicator(at.indicator, names)
    parts, starts, levels, ylim = waterfall_steps(at)
    labels = _unique([chart_text(x) for x in (at.baseline,
                                              *(input_label(k, lang, names)
                                                for k in at.inputs),
                                              at.scenario)])
    kinds = ["total", *("up" if p >= 0 else "down" for p in parts), "total"]
    values = np.array([at.baseline_value, *parts, at.scenario_value], dtype=float)
    floor = ylim[0] if ylim is not None else 0.0
    bottom = np.array([floor, *starts, floor])
    top = np.array([at.baseline_value, *(starts + parts), at.scenario_value])
    texts = [fmt.value(at.baseline_value, ind.unit, lang),
             *(f"{p:+.3g}" for p in parts), fmt.value(at.scenario_value, ind.unit, lang)]
    bars = pd.DataFrame({"label": labels, "kind": kinds, "value": values, "bottom": bottom,
                         "top": top, "text": texts,
                         "change": ["", *at.descriptions, ""]})
    steps = pd.DataFrame({"from": labels[:-1], "to": labels[1:], "level": levels})
    x = {"field": "label", "type": "nominal", "scale": {"domain": labels}, "title": None,
         "axis": {"labelAngle": -30, "labelLimit": 220, "labelOverlap": False,
                  "labelAlign": "right"}}
    yscale = {"domain": list(ylim), "nice": False} if ylim is not None else {"zero": True}
    layers = [
        {"data": {"name": "bars"}, "mark": {"type": "bar", "width": {"band": 0.6}},
         "encoding": {
             "x": x, "y": {"field": "top", "type": "quantitative", "title": ind.unit,
                           "scale": yscale},
             "y2": {"field": "bottom"},
             "color": {"field": "kind", "type": "nominal", "legend": None,
                       "scale": {"domain": ["total", "up", "down"],
                                 "range": [TOTAL_COLOR, UP_COLOR, DOWN_COLOR]}},
             "tooltip": [{"field": "label", "title": t("col_input", lang)},
                         {"field": "change", "title": " "},
                         {"field": "text", "title": ind.label(lang)}]}},
        {"data": {"name": "bars"},
         "transform": [{"filter": {"not": {"field": "kind", "equal": "total"}}}],
         "mark": {"type": "text", "baseline": "bottom", "dy": -2, "fontSize": 10},
         "encoding": {"x": x, "y": {"field": "top", "type": "quantitative"},
                      "text": {"field": "text"}}},
        {"data": {"name": "steps"}, "mark": {"type": "rule", "color": "#999999",
                                             "strokeWidth": 0.8},
         "encoding": {"x": {**x, "field": "from", "bandPosition": 0.8},
                      "x2": {"field": "to", "bandPosition": 0.2},
                      "y": {"field": "level", "type": "quantitative"}}},
    ]
    head = phrase("waterfall_title", lang, label=ind.label(lang), year=at.year,
                  scenario=labels[-1], baseline=labels[0])
    return _spec(layers, {"bars": bars, "steps": steps}, title=chart_title(title, head),
                 height=height)


def backtest_spec(table: "pd.DataFrame", indicator: str, *, lang: str = "en",
                  methods: Sequence[str] | None = None, title: str | None = None,
                  names: Mapping[str, str] | None = None, height: int = HEIGHT) -> dict:
    """The errors of a backtest of one indicator: a bar per year and method, side by side
    (as :func:`sim.plotting.history.backtest_figure`, which takes the same arguments).

    Returns
    -------
    dict
        A Vega-Lite spec. Its dataset ``errors`` has a row per method and year: ``method``,
        ``label`` (the legend's text), ``year``, ``error`` (projected − outturn: pp for rates,
        % of the outturn for levels), and the texts of ``projected``, ``outturn`` and
        ``error`` the tooltip shows.
    """
    import pandas as pd

    rows = table[table["indicator"] == indicator]
    order = list(methods) if methods is not None else list(dict.fromkeys(rows["method"]))
    order = [m for m in order if (rows["method"] == m).any()]
    labels = _unique([legend_text((names or {}).get(m) or method_label(m, lang) or m, m)
                      for m in order])
    unit = str(rows["unit"].iloc[0]) if len(rows) else "%"
    ind = _indicator(indicator)
    rate = unit in ("%", "pp")
    parts = []
    for method, label in zip(order, labels):
        sub = rows[rows["method"] == method].sort_values("year")
        errors = sub["error"].to_numpy(dtype=float)
        parts.append(pd.DataFrame({
            "method": method, "label": label, "year": sub["year"].to_numpy(dtype=int),
            "error": errors,
            "projected_text": [fmt.value(x, ind.unit, lang) for x in sub["projected"]],
            "outturn_text": [fmt.value(x, ind.unit, lang) for x in sub["outturn"]],
            "error_text": [fmt.pp(x, lang) if rate else
                           (fmt.DASH if x != x else f"{x:+.2f}%") for x in errors]}))
    data = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["method", "label", "year", "error", "projected_text", "outturn_text",
                 "error_text"])
    years = sorted({int(y) for y in data["year"]})
    colors = [method_color(m) for m in order]
    layers = [
        {"data": {"name": "errors"}, "mark": {"type": "bar"},
         "encoding": {
             "x": {"field": "year", "type": "ordinal", "sort": years,
                   "axis": {"title": phrase("year", lang), "labelAngle": 0}},
             "xOffset": {"field": "label", "type": "nominal", "sort": labels},
             "y": {"field": "error", "type": "quantitative",
                   "title": phrase("error_axis_pp", lang) if rate
                   else phrase("error_axis_pct", lang)},
             "color": {"field": "label", "type": "nominal",
                       "scale": {"domain": labels, "range": colors},
                       "legend": {"orient": "bottom", "title": None}},
             "tooltip": [{"field": "label", "title": t("backtest.method", lang)},
                         {"field": "year", "title": phrase("year", lang)},
                         {"field": "projected_text", "title": t("backtest.col_projected", lang)},
                         {"field": "outturn_text", "title": t("backtest.col_outturn", lang)},
                         {"field": "error_text", "title": t("backtest.col_error", lang)}]}},
        {"data": {"values": [{"zero": 0}]},
         "mark": {"type": "rule", "color": "#555555", "strokeWidth": 0.8},
         "encoding": {"y": {"field": "zero", "type": "quantitative"}}},
    ]
    head = phrase("backtest_title", lang, label=ind.label(lang))
    return _spec(layers, {"errors": data}, title=chart_title(title, head), height=height)
