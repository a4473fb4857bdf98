"""Charts of projections: one indicator by year and scenario, the sectors' contributions to
growth.

Both take the tidy frame of :func:`sim.project` (``scenario, indicator, year, value, unit``),
mark the base year as the outturn with the years after it as projection, and put the legend
under the axes, growing the figure to fit any number of scenarios.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..indicators import indicator as _indicator
from .style import (BASIS, NON_SERVICES_COLOR, SERVICES_COLOR, TARGET_STAR, axis_titles,
                    chart_text, chart_title, font_family, legend_text, literal, phrase,
                    scenario_styles, styled_axes)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["TargetMark", "projection_figure", "contributions_figure", "axis_label"]


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


# its public name, by which pickles and cache keys (``hash_funcs``) know it
TargetMark.__module__ = "sim.plotting"

#: Legend rows that fit under the axes at the figure's own height; more make the figure taller.
_LEGEND_ROWS = 3


def _year_ticks(ax: "Axes", years: np.ndarray) -> None:
    """A tick per year, or per second, third… year so that at most 12 are labelled."""
    years = np.unique(years)
    step = max(1, int(np.ceil(len(years) / 12)))
    ax.set_xticks(years[::step])
    ax.set_xticklabels([str(y) for y in years[::step]])


def axis_label(ind_id: str, lang: str) -> str:
    """The y axis title: the indicator's unit and price basis, e.g. "亿元(现价)"."""
    ind = _indicator(ind_id)
    basis = BASIS.get(ind.basis, {}).get(lang, "")
    return phrase("unit_basis", lang, unit=ind.unit, basis=basis) if basis else ind.unit


def _target_marks(ax: "Axes", targets: Sequence[TargetMark]) -> None:
    """A star per target; its legend entry the label, else "<year>: <value>"."""
    for mark in targets:
        label = legend_text(mark.label, f"{mark.year}: {mark.value:g}")
        ax.scatter([mark.year], [mark.value], linewidth=0.8, zorder=9, label=label,
                   **TARGET_STAR)


def _legend_below(fig: "Figure", ax: "Axes", family: list[str],
                  figsize: tuple[float, float], *, title_lines: int = 1) -> None:
    """Put the legend under the axes, in two columns (three beyond 16 entries), and make room
    for it and the title: beyond :data:`_LEGEND_ROWS` rows the figure grows by 0.2 in a row, so
    the axes keep their height whatever the number of scenarios."""
    handles, labels = ax.get_legend_handles_labels()
    ncol = 3 if len(labels) > 16 else 2 if len(labels) > 2 else max(len(labels), 1)
    rows = int(np.ceil(len(labels) / ncol)) if labels else 0
    height = figsize[1] + 0.2 * max(0, rows - _LEGEND_ROWS)
    if height > figsize[1]:
        fig.set_size_inches(figsize[0], height)
    inch = 1.0 / height                        # one inch as a fraction of the height
    legend_h = rows * 0.2 * inch + 0.05 * inch
    bottom = 0.62 * inch + legend_h             # tick labels and axis title take ~0.6 in
    top = 1 - (0.45 + 0.22 * (title_lines - 1)) * inch
    fig.subplots_adjust(left=0.1, right=0.97, top=top, bottom=min(bottom, 0.6))
    if labels:
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.01), ncol=ncol,
                   frameon=False, prop={"family": family, "size": 8.5}, handlelength=2.6,
                   columnspacing=2.0 if ncol < 3 else 1.2)


def _finish(fig: "Figure", ax: "Axes", family: list[str], figsize: tuple[float, float], *,
            title: str | None, default: str, lang: str, ylabel: str, years: np.ndarray,
            xlim: tuple[float, float] | None) -> "Figure":
    """Title (``title``, else ``default``) at the left, axis titles, year ticks and limits
    (``xlim``, when there are years), the legend below; every text drawn literally."""
    head = chart_title(title, default)
    ax.set_title(head, fontfamily=family, fontsize=12, loc="left")
    axis_titles(ax, family, x=phrase("year", lang), y=ylabel)
    if xlim is not None:
        _year_ticks(ax, years)
        ax.set_xlim(*xlim)
    ax.margins(y=0.08)
    _legend_below(fig, ax, family, figsize, title_lines=head.count("\n") + 1)
    return literal(fig)


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
        Scenario id → legend text (cut to :data:`~sim.plotting.style.NAME_CHARS`); its order
        is the drawing order. Default: every scenario in the frame, by id.
    roles : Mapping[str, str], optional
        Scenario id → ``"baseline"``, ``"adjusted"`` or ``"edited"`` for the reference-line
        styles of :data:`~sim.plotting.style.ROLE_STYLES`; other scenarios get thin lines
        (:func:`~sim.plotting.style.line_style`).
    base_year : int, optional
        The last year of data (the outturn): marked as a fact, the years after it shaded as
        projection. Default: the first year in the frame.
    targets : sequence of TargetMark
        Plan targets to mark (a star at the year and value).
    title : str, optional
        Default: the indicator's label and unit in ``lang``. Cut to
        :data:`~sim.plotting.style.TITLE_CHARS`.
    outturn_label : str, optional
        Text for the outturn mark; default "<base year> outturn".
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, the title at its left and the legend under it; the figure is taller than
        ``figsize`` when the legend needs more than three rows.
    """
    family = font_family()
    ind = _indicator(indicator)
    rows = frame[frame["indicator"] == indicator]
    order = list(names) if names is not None else list(dict.fromkeys(rows["scenario"]))
    names = dict(names or {s: s for s in order})
    roles = dict(roles or {})
    if base_year is None:
        base_year = int(frame["year"].min()) if len(frame) else 0

    fig, ax = styled_axes(figsize, dpi, family)
    years_all = rows["year"].to_numpy()
    last_year = int(years_all.max()) if len(years_all) else base_year + 1
    ax.axvspan(base_year, last_year + 0.4, color="#f3f3f3", zorder=0, linewidth=0)
    ax.axvline(base_year, color="#999999", linewidth=0.8, zorder=1)

    present = set(rows["scenario"])
    styles = scenario_styles([s for s in order if s in present], roles)
    outturn_points = []
    for scen, style in styles.items():
        sub = rows[rows["scenario"] == scen].sort_values("year")
        years, values = sub["year"].to_numpy(), sub["value"].to_numpy()
        ax.plot(years, values, label=legend_text(names.get(scen, scen), scen), markersize=2.5,
                **style)
        base = sub[sub["year"] == base_year]
        if len(base):
            outturn_points.append(float(base["value"].iloc[0]))
    if outturn_points:
        ax.scatter([base_year] * len(outturn_points), outturn_points, s=42, color="black",
                   zorder=8, label=legend_text(outturn_label or "",
                                               phrase("outturn", lang, year=base_year)))
    _target_marks(ax, targets)
    ylo, yhi = ax.get_ylim()
    ax.text(base_year + 0.15, yhi - 0.03 * (yhi - ylo), phrase("projection", lang) + " →",
            fontfamily=family, fontsize=8, color="#777777", va="top", ha="left")
    return _finish(fig, ax, family, figsize, title=title, default=ind.label(lang), lang=lang,
                   ylabel=axis_label(indicator, lang), years=years_all,
                   xlim=(base_year - 0.4, last_year + 0.4) if len(years_all) else None)


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
        Scenario name for the title (cut to :data:`~sim.plotting.style.NAME_CHARS`).
    base_year : int, optional
        The outturn year; default the first year of the scenario.
    targets : sequence of TargetMark
        Targets for real GDP growth.
    title : str, optional
        Default: "Contributions to real GDP growth: <name>". Cut to
        :data:`~sim.plotting.style.TITLE_CHARS`.
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes of bars and the growth line, the title at its left and the legend under it;
        the figure is taller than ``figsize`` when the legend needs more than three rows.
    """
    family = font_family()
    sub = frame[frame["scenario"] == scenario]

    def series(ind_id: str):
        return sub[sub["indicator"] == ind_id].set_index("year")["value"].sort_index()

    cs, cn, total = (series("services_contribution"), series("non_services_contribution"),
                     series("gdp_real_growth"))
    years = np.array(sorted(set(cs.index) & set(cn.index)), dtype=int)
    cs, cn = cs.reindex(years).to_numpy(), cn.reindex(years).to_numpy()
    if base_year is None:
        base_year = int(years.min()) if len(years) else 0

    fig, ax = styled_axes(figsize, dpi, family)
    width = 0.62
    # Positive parts stack up from 0, negative parts down from 0.
    pos_s, neg_s = np.clip(cs, 0, None), np.clip(cs, None, 0)
    pos_n, neg_n = np.clip(cn, 0, None), np.clip(cn, None, 0)
    hatch = ["//" if y == base_year else "" for y in years]
    for vals, bottom, color, label in (
            (pos_s, 0.0, SERVICES_COLOR, phrase("services", lang)),
            (neg_s, 0.0, SERVICES_COLOR, None),
            (pos_n, pos_s, NON_SERVICES_COLOR, phrase("non_services", lang)),
            (neg_n, neg_s, NON_SERVICES_COLOR, None)):
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
            label=phrase("growth_line", lang))
    ax.scatter([], [], marker="s", color="#bbbbbb",
               label=phrase("outturn", lang, year=base_year) + " (//)")
    _target_marks(ax, targets)
    default = phrase("contrib_title", lang, name=chart_text(name or "") or chart_text(scenario))
    return _finish(fig, ax, family, figsize, title=title, default=default, lang=lang,
                   ylabel=phrase("contrib_axis", lang), years=years,
                   xlim=(years.min() - 0.6, years.max() + 0.6) if len(years) else None)
