"""Charts of tidy results, as matplotlib Figures.

Every function takes the tidy frame of :func:`sim.project` (``scenario, indicator, year, value,
unit``) and returns a :class:`matplotlib.figure.Figure` built without pyplot, so nothing global
changes and figures can be made from several threads. All text uses the bundled CJK font
(:func:`sim.fonts.cjk_font_family`, with DejaVu Sans as fallback for symbols), so Chinese labels
render as glyphs on any machine.

Usage::

    import sim
    from sim.plotting import projection_figure

    df = sim.project(["plan-2024", "momentum"])
    fig = projection_figure(df, "gdp", lang="zh")
    fig.savefig("gdp.png")
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .indicators import indicator as _indicator

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["TargetMark", "projection_figure", "contributions_figure", "ROLE_STYLES",
           "font_family"]

#: Line styles by role: the shipped baseline, the baseline under the edited scenario's
#: assumptions (base level, deflators), and the edited scenario (En-ROADS' reference lines).
ROLE_STYLES: dict[str, dict] = {
    "baseline": {"color": "#222222", "linestyle": "--", "linewidth": 1.7, "zorder": 4},
    "adjusted": {"color": "#7f7f7f", "linestyle": ":", "linewidth": 2.0, "zorder": 3},
    "edited": {"color": "#c0392b", "linestyle": "-", "linewidth": 2.8, "zorder": 6},
}
_OTHER_COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#e67e22", "#17becf", "#8c564b", "#e377c2",
                 "#bcbd22")
_SERVICES_COLOR, _NON_SERVICES_COLOR = "#4c72b0", "#dd8452"

_TEXT = {
    "outturn": {"en": "{year} outturn", "zh": "{year}年实际"},
    "projection": {"en": "projection", "zh": "预测"},
    "year": {"en": "Year", "zh": "年份"},
    "total": {"en": "GDP growth (real), %", "zh": "地区生产总值增速(可比价),%"},
    "contrib_title": {"en": "Contributions to real GDP growth: {name}",
                      "zh": "各部门对地区生产总值增长的拉动:{name}"},
    "contrib_axis": {"en": "percentage points", "zh": "百分点"},
    "services": {"en": "Services", "zh": "服务业"},
    "non_services": {"en": "Non-services (primary + secondary)", "zh": "非服务业(一产+二产)"},
    "basis": {
        "current prices": {"en": "current prices", "zh": "现价"},
        "real": {"en": "comparable prices", "zh": "可比价"},
        "nominal": {"en": "nominal", "zh": "名义"},
        "base-year prices": {"en": "base-year prices", "zh": "基年价格"},
    },
}


def _text(key: str, lang: str, **fmt) -> str:
    entry = _TEXT[key]
    return entry.get(lang, entry["en"]).format(**fmt)


def font_family() -> list[str]:
    """The font family list for every text in a chart: the bundled CJK font, then DejaVu Sans."""
    from .fonts import cjk_font_family

    return [cjk_font_family(), "DejaVu Sans"]


@dataclass(frozen=True)
class TargetMark:
    """A plan target drawn on a chart.

    Parameters
    ----------
    year : int
        The year the target is for.
    value : float
        The threshold, in the indicator's unit.
    label : str
        Legend text, e.g. ``"2024 target: 5.5%"``.
    """

    year: int
    value: float
    label: str


def _new_figure(figsize: tuple[float, float], dpi: float) -> "Figure":
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=dpi)


def _style_axes(ax, family: list[str]) -> None:
    ax.tick_params(labelfontfamily=family, labelsize=9)
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _year_ticks(ax, years: np.ndarray) -> None:
    years = np.unique(years)
    step = max(1, int(np.ceil(len(years) / 12)))
    ax.set_xticks(years[::step])
    ax.set_xticklabels([str(y) for y in years[::step]])


def _axis_label(ind_id: str, lang: str) -> str:
    ind = _indicator(ind_id)
    basis = _TEXT["basis"].get(ind.basis, {}).get(lang, "")
    return f"{ind.unit}, {basis}" if basis and lang != "zh" else (
        f"{ind.unit}({basis})" if basis else ind.unit)


def projection_figure(frame: "pd.DataFrame", indicator: str, *, lang: str = "en",
                      names: Mapping[str, str] | None = None,
                      roles: Mapping[str, str] | None = None,
                      base_year: int | None = None,
                      targets: Sequence[TargetMark] = (),
                      title: str | None = None,
                      outturn_label: str | None = None,
                      figsize: tuple[float, float] = (8.0, 4.6),
                      dpi: float = 100) -> "Figure":
    """One indicator over the years, a line per scenario.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    indicator : str
        Indicator id, e.g. ``"gdp"`` (亿元) or ``"gdp_real_growth"`` (%).
    lang : str
        ``"en"`` or ``"zh"`` for every text.
    names : Mapping[str, str], optional
        Scenario id → legend text; its order is the drawing order. Default: every scenario in
        the frame, by id.
    roles : Mapping[str, str], optional
        Scenario id → ``"baseline"``, ``"adjusted"`` or ``"edited"`` for the reference-line
        styles of :data:`ROLE_STYLES`; other scenarios get thin coloured lines.
    base_year : int, optional
        The last year of data (the outturn): marked as a fact, the years after it shaded as
        projection. Default: the first year in the frame.
    targets : sequence of TargetMark
        Plan targets to mark (a star at the year and value).
    title : str, optional
        Default: the indicator's label and unit in ``lang``.
    outturn_label : str, optional
        Text for the outturn mark; default "<base year> outturn".
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
    """
    family = font_family()
    ind = _indicator(indicator)
    rows = frame[frame["indicator"] == indicator]
    order = list(names) if names is not None else list(dict.fromkeys(rows["scenario"]))
    names = dict(names or {s: s for s in order})
    roles = dict(roles or {})
    if base_year is None:
        base_year = int(frame["year"].min()) if len(frame) else 0

    fig = _new_figure(figsize, dpi)
    ax = fig.add_subplot()
    _style_axes(ax, family)
    years_all = rows["year"].to_numpy()
    last_year = int(years_all.max()) if len(years_all) else base_year + 1
    ax.axvspan(base_year, last_year + 0.4, color="#f3f3f3", zorder=0, linewidth=0)
    ax.axvline(base_year, color="#999999", linewidth=0.8, zorder=1)

    colors = iter(_OTHER_COLORS * 4)
    outturn_points = []
    for scen in order:
        sub = rows[rows["scenario"] == scen].sort_values("year")
        if sub.empty:
            continue
        style = dict(ROLE_STYLES.get(roles.get(scen, ""), {}))
        if not style:
            style = {"color": next(colors), "linestyle": "-", "linewidth": 1.4, "zorder": 5}
        years, values = sub["year"].to_numpy(), sub["value"].to_numpy()
        ax.plot(years, values, label=names.get(scen, scen), marker="o", markersize=2.5, **style)
        base = sub[sub["year"] == base_year]
        if len(base):
            outturn_points.append(float(base["value"].iloc[0]))
    if outturn_points:
        ax.scatter([base_year] * len(outturn_points), outturn_points, s=42, color="black",
                   zorder=8, label=outturn_label or _text("outturn", lang, year=base_year))
    for mark in targets:
        ax.scatter([mark.year], [mark.value], marker="*", s=170, color="#f1c40f",
                   edgecolor="#7d6608", linewidth=0.8, zorder=9, label=mark.label)
    ylo, yhi = ax.get_ylim()
    ax.text(base_year + 0.15, yhi - 0.03 * (yhi - ylo), _text("projection", lang) + " →",
            fontfamily=family, fontsize=8, color="#777777", va="top", ha="left")
    ax.set_title(title or ind.label(lang), fontfamily=family, fontsize=12, loc="left")
    ax.set_ylabel(_axis_label(indicator, lang), fontfamily=family, fontsize=9)
    ax.set_xlabel(_text("year", lang), fontfamily=family, fontsize=9)
    if len(years_all):
        _year_ticks(ax, years_all)
        ax.set_xlim(base_year - 0.4, last_year + 0.4)
    ax.margins(y=0.08)
    _legend_below(fig, ax, family, figsize)
    return fig


def _legend_below(fig, ax, family: list[str], figsize: tuple[float, float]) -> None:
    """Put the legend under the axes, in two columns, and make room for it."""
    handles, labels = ax.get_legend_handles_labels()
    ncol = 2 if len(labels) > 2 else max(len(labels), 1)
    rows = int(np.ceil(len(labels) / ncol)) if labels else 0
    inch = 1.0 / figsize[1]                    # one inch as a fraction of the height
    legend_h = rows * 0.2 * inch + 0.05 * inch
    bottom = 0.62 * inch + legend_h             # tick labels and axis title take ~0.6 in
    fig.subplots_adjust(left=0.1, right=0.97, top=1 - 0.45 * inch, bottom=min(bottom, 0.6))
    if labels:
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.01), ncol=ncol,
                   frameon=False, prop={"family": family, "size": 8.5}, handlelength=2.6,
                   columnspacing=2.0)


def contributions_figure(frame: "pd.DataFrame", scenario: str, *, lang: str = "en",
                         name: str | None = None, base_year: int | None = None,
                         targets: Sequence[TargetMark] = (), title: str | None = None,
                         figsize: tuple[float, float] = (8.0, 4.6),
                         dpi: float = 100) -> "Figure":
    """Contributions of services and non-services to real GDP growth, stacked bars by year.

    The contribution of a sector is its share of GDP the year before times its real growth
    (pp); the two add up to real GDP growth (%), drawn as a line. The base year's bar (an
    outturn, with non-services implied) is hatched.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results holding ``services_contribution``, ``non_services_contribution`` and
        ``gdp_real_growth`` for ``scenario``.
    scenario : str
        Which scenario.
    lang : str
        ``"en"`` or ``"zh"``.
    name : str, optional
        Scenario name for the title.
    base_year : int, optional
        The outturn year; default the first year of the scenario.
    targets : sequence of TargetMark
        Targets for real GDP growth.
    title : str, optional
        Default: "Contributions to real GDP growth: <name>".
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
    """
    family = font_family()
    sub = frame[frame["scenario"] == scenario]

    def series(ind_id: str):
        s = sub[sub["indicator"] == ind_id].set_index("year")["value"].sort_index()
        return s

    cs, cn, total = (series("services_contribution"), series("non_services_contribution"),
                     series("gdp_real_growth"))
    years = np.array(sorted(set(cs.index) & set(cn.index)), dtype=int)
    cs, cn = cs.reindex(years).to_numpy(), cn.reindex(years).to_numpy()
    if base_year is None:
        base_year = int(years.min()) if len(years) else 0

    fig = _new_figure(figsize, dpi)
    ax = fig.add_subplot()
    _style_axes(ax, family)
    width = 0.62
    # Positive parts stack up from 0, negative parts down from 0.
    pos_s, neg_s = np.clip(cs, 0, None), np.clip(cs, None, 0)
    pos_n, neg_n = np.clip(cn, 0, None), np.clip(cn, None, 0)
    hatch = ["//" if y == base_year else "" for y in years]
    for vals, bottom, color, label in (
            (pos_s, 0.0, _SERVICES_COLOR, _text("services", lang)),
            (neg_s, 0.0, _SERVICES_COLOR, None),
            (pos_n, pos_s, _NON_SERVICES_COLOR, _text("non_services", lang)),
            (neg_n, neg_s, _NON_SERVICES_COLOR, None)):
        bars = ax.bar(years, vals, width, bottom=bottom, color=color, label=label,
                      edgecolor="white", linewidth=0.5, zorder=3)
        for bar, h in zip(bars, hatch):
            if h:
                bar.set_hatch(h)
                bar.set_alpha(0.6)
    for patch in ax.patches:   # stacked bottoms would pin the y limits to a bar's edge
        patch.sticky_edges.y[:] = []
    ax.axhline(0, color="#555555", linewidth=0.8, zorder=2)
    t = total.reindex(years).to_numpy()
    ax.plot(years, t, color="black", marker="o", markersize=4, linewidth=1.4, zorder=5,
            label=_text("total", lang))
    ax.scatter([], [], marker="s", color="#bbbbbb", label=_text("outturn", lang, year=base_year)
               + " (//)")
    for mark in targets:
        ax.scatter([mark.year], [mark.value], marker="*", s=170, color="#f1c40f",
                   edgecolor="#7d6608", linewidth=0.8, zorder=9, label=mark.label)
    ax.set_title(title or _text("contrib_title", lang, name=name or scenario),
                 fontfamily=family, fontsize=12, loc="left")
    ax.set_ylabel(_text("contrib_axis", lang), fontfamily=family, fontsize=9)
    ax.set_xlabel(_text("year", lang), fontfamily=family, fontsize=9)
    if len(years):
        _year_ticks(ax, years)
        ax.set_xlim(years.min() - 0.6, years.max() + 0.6)
    ax.margins(y=0.08)
    _legend_below(fig, ax, family, figsize)
    return fig
