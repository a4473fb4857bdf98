"""Charts of a base's history: the series before the base year, drawn before a projection or
alone, and the errors of a backtest by year and method.

Each takes a tidy frame: the history frame of :func:`sim.history.history_frame` (``indicator,
year, value, unit, source, kind``) or the table of :func:`sim.backtest.backtest` (``method,
indicator, year, projected, outturn, error, unit``). A history is drawn as a solid line through
consecutive years (broken where a year is unknown: nothing is interpolated), with a marker per
figure saying what it is (:data:`KIND_MARKERS`): a published outturn, a secondary source (a
copy such as an encyclopedia entry), a figure derived from published ones or from a lower
bound (hollow), a lower bound (▲, annotated "≥ X": the source says "突破X"), a level a user
assumed. A past plan's targets (kind ``"plan"``) are not outturns and are not drawn.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..indicators import indicator as _indicator
from .style import (axis_titles, chart_title, font_family, legend_text, literal, phrase,
                    styled_axes, unit_axis_title)

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["history_layer", "history_figure", "backtest_figure", "drawn_rows", "kind_label",
           "KIND_MARKERS", "DRAWN_KINDS", "HISTORY_COLOR", "METHOD_COLORS", "method_color",
           "method_label"]

#: The history's line.
HISTORY_COLOR = "#2c3e50"
_LIGHT = "#8c9db0"
#: The kinds of history rows drawn, in the legend's order (a past plan's targets are not).
DRAWN_KINDS = ("published", "secondary", "derived", "approximate", "lower bound", "assumption")
#: The marker of each kind: keyword arguments of :meth:`matplotlib.axes.Axes.scatter`. Outturns
#: are filled (a secondary source's a lighter square), figures derived from them hollow.
KIND_MARKERS: dict[str, dict] = {
    "published": {"marker": "o", "s": 30, "facecolors": HISTORY_COLOR,
                  "edgecolors": HISTORY_COLOR},
    "secondary": {"marker": "s", "s": 34, "facecolors": _LIGHT, "edgecolors": HISTORY_COLOR},
    "derived": {"marker": "o", "s": 30, "facecolors": "white", "edgecolors": _LIGHT},
    "approximate": {"marker": "D", "s": 26, "facecolors": "white", "edgecolors": _LIGHT},
    "lower bound": {"marker": "^", "s": 70, "facecolors": "#e67e22", "edgecolors": "#7d3c00"},
    "assumption": {"marker": "D", "s": 34, "facecolors": "white", "edgecolors": "#c0392b"},
}
#: The bars of each forecaster of a backtest.
METHOD_COLORS = {"momentum": "#4c72b0", "trend": "#dd8452", "plan": "#55a868"}
_OTHER_METHOD = "#8c8c8c"

def kind_label(kind: str, lang: str) -> str:
    """The legend entry of a kind of history row (texts in :data:`~sim.plotting.style.TEXT`)."""
    return {"published": phrase("kind_published", lang),
            "secondary": phrase("kind_secondary", lang),
            "derived": phrase("kind_derived", lang),
            "approximate": phrase("kind_approximate", lang),
            "lower bound": phrase("kind_lower_bound", lang),
            "assumption": phrase("kind_assumption", lang)}[kind]


def method_color(method: str) -> str:
    """The colour of a backtest's method (:data:`METHOD_COLORS`, grey for another)."""
    return METHOD_COLORS.get(method, _OTHER_METHOD)


def method_label(method: str, lang: str) -> str | None:
    """The legend entry of a backtest's method, None for another forecaster."""
    return {"momentum": phrase("method_momentum", lang), "trend": phrase("method_trend", lang),
            "plan": phrase("method_plan", lang)}.get(method)


def drawn_rows(history: "pd.DataFrame", indicator: str) -> "pd.DataFrame":
    """The rows of ``indicator`` a chart draws from a history frame: one per year (the outturn
    first), of the kinds :data:`DRAWN_KINDS`, sorted by year."""
    rows = history[(history["indicator"] == indicator) & history["kind"].isin(DRAWN_KINDS)]
    return rows.drop_duplicates("year", keep="first").sort_values("year")


def history_layer(ax: "Axes", history: "pd.DataFrame", indicator: str, *, lang: str = "en",
                  family: Sequence[str] | None = None) -> np.ndarray:
    """Draw the history of ``indicator`` on ``ax``: a solid line through consecutive years and
    a marker per figure by its kind (:data:`KIND_MARKERS`), a lower bound annotated "≥ X".

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    history : pandas.DataFrame
        A history frame (:func:`sim.history.history_frame`): ``indicator, year, value, unit,
        kind`` (``source`` too); values in the indicator's unit (亿元 at current prices, %).
    indicator : str
        Its id, e.g. ``"gdp"``.
    lang : str
        ``"en"`` or ``"zh"`` for the legend entries.
    family : sequence of str, optional
        Font family of the annotations (default :func:`~sim.plotting.style.font_family`).

    Returns
    -------
    numpy.ndarray
        The years drawn (empty when the history has no outturn of ``indicator``).
    """
    rows = drawn_rows(history, indicator)
    if rows.empty:
        return np.array([], dtype=int)
    family = list(family or font_family())
    years = rows["year"].to_numpy(dtype=int)
    span = np.arange(years.min(), years.max() + 1)
    line = rows.set_index("year")["value"].reindex(span).to_numpy(dtype=float)
    ax.plot(span, line, color=HISTORY_COLOR, linestyle="-", linewidth=1.9, zorder=7,
            label=phrase("history_line", lang))               # NaN breaks it at an unknown year
    for kind in DRAWN_KINDS:
        sub = rows[rows["kind"] == kind]
        if sub.empty:
            continue
        ax.scatter(sub["year"], sub["value"], linewidths=1.2, zorder=9,
                   label=legend_text(kind_label(kind, lang)), **KIND_MARKERS[kind])
    for row in rows[rows["kind"] == "lower bound"].itertuples(index=False):
        ax.annotate(f"≥ {row.value:,.6g}", (row.year, row.value), xytext=(7, -13),
                    textcoords="offset points", fontsize=8, color="#7d3c00",
                    fontfamily=family, zorder=10)
    return years


def history_figure(history: "pd.DataFrame", indicator: str, *, lang: str = "en",
                   title: str | None = None, figsize: tuple[float, float] = (8.0, 4.2),
                   dpi: float = 100) -> "Figure":
    """The history of one indicator alone (:func:`history_layer`).

    Parameters
    ----------
    history : pandas.DataFrame
        A history frame (:func:`sim.history.history_frame`).
    indicator : str
        Its id.
    lang : str
        ``"en"`` or ``"zh"``.
    title : str, optional
        Default "<label>: history". Cut to :data:`~sim.plotting.style.TITLE_CHARS`.
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, the legend inside it.
    """
    family = font_family()
    fig, ax = styled_axes(figsize, dpi, family, layout="constrained")
    years = history_layer(ax, history, indicator, lang=lang, family=family)
    label = _indicator(indicator).label(lang)
    fig.suptitle(chart_title(title, phrase("history_title", lang, label=label)), x=0.01,
                 ha="left", fontfamily=family, fontsize=12)
    axis_titles(ax, family, x=phrase("year", lang), y=unit_axis_title(indicator, lang))
    if len(years):
        ax.set_xticks(np.arange(years.min(), years.max() + 1))
        ax.set_xlim(years.min() - 0.5, years.max() + 0.5)
        ax.legend(loc="best", prop={"family": family, "size": 8}, frameon=False)
    ax.margins(y=0.12)
    return literal(fig)


def backtest_figure(table: "pd.DataFrame", indicator: str, *, lang: str = "en",
                    methods: Sequence[str] | None = None, title: str | None = None,
                    names: "Mapping[str, str] | None" = None,
                    figsize: tuple[float, float] = (8.0, 4.2), dpi: float = 100) -> "Figure":
    """The errors of a backtest of one indicator: a bar per year and method, side by side.

    Parameters
    ----------
    table : pandas.DataFrame
        As :func:`sim.backtest.backtest` returns it: ``method, indicator, year, projected,
        outturn, error, unit``; errors in pp for rates (unit ``"%"``), in % of the outturn for
        levels.
    indicator : str
        The indicator drawn, e.g. ``"gdp_real_growth"``.
    lang : str
        ``"en"`` or ``"zh"``.
    methods : sequence of str, optional
        The methods drawn, in this order; default those of the table.
    title : str, optional
        Default "Backtest of <label>: error by year and method".
    names : Mapping[str, str], optional
        Method → legend text; default the methods' names in ``lang``.
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with a zero line; each bar's height is the error (projected − outturn).
    """
    family = font_family()
    rows = table[table["indicator"] == indicator]
    order = list(methods) if methods is not None else list(dict.fromkeys(rows["method"]))
    order = [m for m in order if (rows["method"] == m).any()]
    fig, ax = styled_axes(figsize, dpi, family, layout="constrained")
    years = np.unique(rows["year"].to_numpy(dtype=int)) if len(rows) else np.array([], int)
    width = 0.8 / max(len(order), 1)
    for i, method in enumerate(order):
        sub = rows[rows["method"] == method].set_index("year")["error"]
        x = years + (i - (len(order) - 1) / 2) * width
        entry = (names or {}).get(method) or method_label(method, lang) or method
        ax.bar(x, sub.reindex(years).to_numpy(dtype=float), width * 0.92, zorder=3,
               color=method_color(method), label=legend_text(entry, method))
    ax.axhline(0, color="#555555", linewidth=0.8, zorder=2)
    unit = str(rows["unit"].iloc[0]) if len(rows) else "%"
    label = _indicator(indicator).label(lang)
    fig.suptitle(chart_title(title, phrase("backtest_title", lang, label=label)), x=0.01,
                 ha="left", fontfamily=family, fontsize=12)
    axis_titles(ax, family, x=phrase("year", lang),
                y=phrase("error_axis_pp", lang) if unit in ("%", "pp")
                else phrase("error_axis_pct", lang))
    if len(years):
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years])
        ax.set_xlim(years.min() - 0.6, years.max() + 0.6)
        ax.legend(loc="best", prop={"family": family, "size": 8}, frameon=False)
    ax.margins(y=0.15)
    return literal(fig)
