"""Charts of results and analyses, as matplotlib Figures.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot, so nothing
global changes and figures can be made from several threads. All text uses the bundled CJK font
(with DejaVu Sans as fallback for symbols), in English or Chinese (``lang="en"`` or ``"zh"``),
so Chinese labels render as glyphs on any machine. Text that comes from a file, an upload or a
link (scenario names and titles, input names, labels, legend entries, axis titles) is drawn
literally: one line without control characters, cut to a length the chart has room for, with
mathtext and TeX off, so ``$x^2$`` shows those five characters. Any number of scenarios draws.

Which file owns what:

``style.py``
    The look shared by every chart: the bundled CJK font (:func:`cjk_font_family`,
    :func:`font_family`), every fixed text in both languages, the input labels, colours, role
    and line styles (:data:`ROLE_STYLES`, :func:`line_style`), the handling of text from files
    (:func:`chart_text`, titles, literal drawing) and the styled figure and axes.
``projections.py``
    Charts of the tidy frame of :func:`sim.project`: :func:`projection_figure`,
    :func:`contributions_figure` (拉动 or 贡献率 of each sector), :func:`structure_figure`
    (三次产业结构: each sector's share of GDP) and the :class:`TargetMark` they draw.
``history.py``
    Charts of a base's history (:func:`sim.history.history_frame`): :func:`history_layer`
    (the outturns before a projection, a marker per kind, the lower bound marked "≥"), which
    :func:`projection_figure` draws given ``history=``, :func:`history_figure` (the history
    alone) and :func:`backtest_figure` (:func:`sim.backtest.backtest`'s errors by year and
    method).
``analyses.py``
    Charts of the analyses: :func:`fan_figure` (:mod:`sim.analysis.montecarlo`),
    :func:`tornado_figure` and :func:`sobol_figure` (:mod:`sim.analysis.sensitivity`),
    :func:`waterfall_figure` (:mod:`sim.analysis.attribution`), and :func:`input_label`.

Usage::

    import sim
    from sim.plotting import fan_figure, projection_figure

    df = sim.project(["plan-2024", "momentum"])
    projection_figure(df, "gdp", lang="zh").savefig("gdp.png")
    base = sim.load_scenario("plan-2024").base
    projection_figure(df, "gdp", history=sim.history.history_frame(base)).savefig("h.png")
    mc = sim.simulate(sim.load_scenario("plan-2024"), n_paths=10_000, rng=1)
    fan_figure(mc, "gdp_real_growth", lang="zh").savefig("fan.png")
"""
from __future__ import annotations

from .analyses import fan_figure, input_label, sobol_figure, tornado_figure, waterfall_figure
from .history import backtest_figure, history_figure, history_layer
from .projections import TargetMark, contributions_figure, projection_figure, structure_figure
from .style import (NAME_CHARS, ROLE_STYLES, TITLE_CHARS, TITLE_LINE, UNIT_CHARS, chart_text,
                    cjk_font_family, cjk_font_path, font_family, line_style)

__all__ = ["TargetMark", "projection_figure", "contributions_figure", "structure_figure",
           "history_layer", "history_figure", "backtest_figure", "fan_figure",
           "tornado_figure", "sobol_figure", "waterfall_figure", "input_label", "ROLE_STYLES",
           "line_style", "font_family", "cjk_font_family", "cjk_font_path", "chart_text",
           "NAME_CHARS", "UNIT_CHARS", "TITLE_CHARS", "TITLE_LINE"]
