"""Charts of projections: one indicator by year and scenario, the sectors' contributions to
growth (拉动 or 贡献率), and the structure of GDP by sector.

Each takes the tidy frame of :func:`sim.project` (``scenario, indicator, year, value, unit``),
marks the base year as the outturn with the years after it as projection, and puts the legend
under the axes, growing the figure to fit any number of scenarios. The sectors are those of the
scenario's base (:func:`sim.results.sector_ids`): services and non-services in the two-sector
form, else the base's, labelled by :func:`sim.indicators.sector_label`.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..indicators import indicator as _indicator
from .history import history_layer
from .style import (TARGET_STAR, axis_titles, chart_text, chart_title, font_family,
                    legend_text, literal, phrase, scenario_styles, sector_colors, sector_names,
                    style_axes, styled_axes, unit_axis_title)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["TargetMark", "projection_figure", "contributions_figure", "structure_figure",
           "measure_table"]


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
                      history: "pd.DataFrame | None" = None,
                      figsize: tuple[float, float] = (8.0, 4.6),
                      dpi: float = 100) -> "Figure":
    """One indicator over the years, a line per scenario, after its history if given.

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
    history : pandas.DataFrame, optional
        A history frame (:func:`sim.history.history_frame`): the indicator's outturns before
        the projection, drawn solid with a marker per kind
        (:func:`sim.plotting.history.history_layer`); the projections are then dashed.
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
    past = (history_layer(ax, history, indicator, lang=lang, family=family)
            if history is not None else np.array([], dtype=int))

    present = set(rows["scenario"])
    styles = scenario_styles([s for s in order if s in present], roles)
    outturn_points = []
    for scen, style in styles.items():
        sub = rows[rows["scenario"] == scen].sort_values("year")
        if len(past) and style.get("linestyle") == "-":
            style = {**style, "linestyle": "--"}          # a projection, after the history
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
    first_year = min(base_year, int(past.min())) if len(past) else base_year
    return _finish(fig, ax, family, figsize, title=title, default=ind.label(lang), lang=lang,
                   ylabel=unit_axis_title(indicator, lang),
                   years=np.concatenate([past, years_all]) if len(past) else years_all,
                   xlim=(first_year - 0.4, last_year + 0.4) if len(years_all) else None)


def _stacked_bars(ax: "Axes", years: np.ndarray, parts: Sequence[np.ndarray],
                  colors: Sequence[str], labels: Sequence[str], base_year: int,
                  width: float) -> None:
    """Bars stacked by sector at ``years``: positive parts up from 0, negative parts down from
    it, each sector in its colour; the base year's bars hatched (an outturn)."""
    pos_bottom = np.zeros(len(years))
    neg_bottom = np.zeros(len(years))
    hatch = ["//" if y == base_year else "" for y in years]
    for vals, color, label in zip(parts, colors, labels):
        vals = np.nan_to_num(np.asarray(vals, dtype=float))
        pos, neg = np.clip(vals, 0, None), np.clip(vals, None, 0)
        for part, bottom, name in ((pos, pos_bottom, label), (neg, neg_bottom, None)):
            bars = ax.bar(years, part, width, bottom=bottom.copy(), color=color, label=name,
                          edgecolor="white", linewidth=0.5, zorder=3)
            for bar, h in zip(bars, hatch):
                if h:
                    bar.set_hatch(h)
                    bar.set_alpha(0.6)
        pos_bottom += pos
        neg_bottom += neg
    for patch in ax.patches:   # stacked bottoms would pin the y limits to a bar's edge
        patch.sticky_edges.y[:] = []


def measure_table(frame: "pd.DataFrame", scenario: str, measure: str
                  ) -> tuple[tuple[str, ...], "pd.DataFrame"]:
    """The scenario's sectors (:func:`sim.results.sector_ids`) and a years × sectors table of
    ``<sector><measure>`` (:func:`sim.results.sector_measures`; ``measure`` one of
    ``"_share"`` %, ``"_contribution"`` pp, ``"_contribution_rate"`` %), the sectors' columns
    in their order: what the contributions and structure charts stack."""
    from ..results import sector_ids, sector_measures

    sectors = sector_ids(frame, scenario)
    rows = sector_measures(frame, scenario)
    table = rows.pivot_table(index="year", columns="indicator", values="value",
                             aggfunc="first")
    table = table.reindex(columns=[s + measure for s in sectors])
    return sectors, table


def contributions_figure(frame: "pd.DataFrame", scenario: str, *, lang: str = "en",
                         name: str | None = None, base_year: int | None = None,
                         targets: Sequence[TargetMark] = (), title: str | None = None,
                         names: Mapping[str, tuple[str, str]] | None = None,
                         measure: str = "contribution",
                         figsize: tuple[float, float] = (8.0, 4.6),
                         dpi: float = 100) -> "Figure":
    """Each sector's contribution to real GDP growth, stacked bars by year.

    With ``measure="contribution"`` (拉动) a sector's bar is its share of GDP the year before
    times its real growth (pp), and the bars add up to real GDP growth (%), drawn as a line.
    With ``measure="contribution_rate"`` (贡献率) a bar is that contribution as a % of real
    GDP growth, and the bars add up to 100 (a dashed line); a year without real growth has no
    rates. The base year's bars (an outturn, with a residual sector implied) are hatched.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results holding the sectors' contributions (``services_contribution`` and
        ``non_services_contribution`` in the two-sector form, ``<sector>_contribution`` and
        ``<sector>_contribution_rate`` per sector of a base that lists them) and
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
        Targets for real GDP growth (drawn with ``measure="contribution"`` only).
    title : str, optional
        Default: "Contributions to real GDP growth: <name>" (or "Contribution rates …").
        Cut to :data:`~sim.plotting.style.TITLE_CHARS`.
    names : Mapping[str, tuple of str], optional
        Sector labels of the base, sector id → (English, Chinese) (its ``[sector_names]``).
    measure : str
        ``"contribution"`` (pp) or ``"contribution_rate"`` (%).
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes of bars and the growth (or 100%) line, the title at its left and the legend
        under it; the figure is taller than ``figsize`` when the legend needs more rows.
    """
    if measure not in ("contribution", "contribution_rate"):
        raise ValueError(f"measure must be 'contribution' or 'contribution_rate', not "
                         f"{measure!r}")
    family = font_family()
    rate = measure == "contribution_rate"
    sectors, table = measure_table(frame, scenario, "_" + measure)
    table = table.dropna(how="all")
    years = table.index.to_numpy(dtype=int)
    rows = frame[frame["scenario"] == scenario]
    sub = rows[rows["indicator"] == "gdp_real_growth"]
    total = sub.set_index("year")["value"].sort_index()
    if base_year is None:
        base_year = int(rows["year"].min()) if len(rows) else 0

    fig, ax = styled_axes(figsize, dpi, family)
    _stacked_bars(ax, years, [table[c].to_numpy() for c in table.columns],
                  sector_colors(sectors), sector_names(sectors, lang, names), base_year, 0.62)
    ax.axhline(0, color="#555555", linewidth=0.8, zorder=2)
    if rate:
        ax.axhline(100, color="black", linestyle="--", linewidth=1.2, zorder=5,
                   label=phrase("hundred", lang))
    else:
        ax.plot(years, total.reindex(years).to_numpy(), color="black", marker="o",
                markersize=4, linewidth=1.4, zorder=5, label=phrase("growth_line", lang))
    if base_year in years:                 # a base without published growth has no such bar
        ax.scatter([], [], marker="s", color="#bbbbbb",
                   label=phrase("outturn", lang, year=base_year) + " (//)")
    if not rate:
        _target_marks(ax, targets)
    who = chart_text(name or "") or chart_text(scenario)
    if rate:
        default, ylabel = (phrase("contrib_rate_title", lang, name=who),
                           phrase("contrib_rate_axis", lang))
    else:
        default, ylabel = phrase("contrib_title", lang, name=who), phrase("contrib_axis", lang)
    return _finish(fig, ax, family, figsize, title=title, default=default, lang=lang,
                   ylabel=ylabel,
                   years=years,
                   xlim=(years.min() - 0.6, years.max() + 0.6) if len(years) else None)


#: Height of one scenario's panel of the structure chart, inches.
_PANEL_HEIGHT = 1.9


def structure_figure(frame: "pd.DataFrame", scenarios: Sequence[str] | None = None, *,
                     lang: str = "en", names: Mapping[str, str] | None = None,
                     sector_labels: Mapping[str, tuple[str, str]] | None = None,
                     base_year: int | None = None, title: str | None = None,
                     width: float = 8.0, dpi: float = 100) -> "Figure":
    """The structure of GDP (三次产业结构): each sector's share of GDP (%) by year, one panel of
    bars stacked to 100 per scenario.

    The shares are at current prices (``<sector>_share``; in the two-sector form services and
    the non-services residual, 100·N/Y). The base year's bars (the outturn) are hatched.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    scenarios : sequence of str, optional
        The scenarios drawn, in this order; default every scenario of the frame.
    lang : str
        ``"en"`` or ``"zh"``.
    names : Mapping[str, str], optional
        Scenario id → panel title (cut to :data:`~sim.plotting.style.NAME_CHARS`).
    sector_labels : Mapping[str, tuple of str], optional
        Sector labels of the bases, sector id → (English, Chinese) (their ``[sector_names]``).
    base_year : int, optional
        The outturn year; default each scenario's first year.
    title : str, optional
        Default: "Structure of GDP by sector (% of GDP)" (三次产业结构 for primary, secondary
        and tertiary). Cut to :data:`~sim.plotting.style.TITLE_CHARS`.
    width, dpi
        Width in inches (the height grows by a panel per scenario) and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        A panel per scenario sharing the year axis, the title at the top left and the sectors'
        legend under the panels.
    """
    from matplotlib.figure import Figure

    family = font_family()
    order = list(scenarios) if scenarios is not None else list(dict.fromkeys(frame["scenario"]))
    names = dict(names or {})
    tables = [(s, *measure_table(frame, s, "_share")) for s in order]
    height = 1.3 + _PANEL_HEIGHT * max(len(order), 1)
    fig = Figure(figsize=(width, height), dpi=dpi)
    axes = fig.subplots(max(len(order), 1), 1, sharex=True, squeeze=False)[:, 0]
    from matplotlib.patches import Patch

    legend: dict[str, object] = {}
    all_years: list[int] = []
    outturns: list[int] = []
    three = bool(tables) and all(secs == ("primary", "secondary", "tertiary")
                                 for _, secs, _ in tables)
    for ax, (scen, sectors, table) in zip(axes, tables):
        style_axes(ax, family)
        table = table.dropna(how="all")
        years = table.index.to_numpy(dtype=int)
        all_years += list(years)
        rows = frame[frame["scenario"] == scen]
        first = base_year if base_year is not None else (int(rows["year"].min()) if len(rows)
                                                          else 0)
        outturns.append(first)
        colors, labels = sector_colors(sectors), sector_names(sectors, lang, sector_labels)
        _stacked_bars(ax, years, [table[c].to_numpy() for c in table.columns], colors,
                      [None] * len(labels), first, 0.7)
        for color, label in zip(colors, labels):
            legend.setdefault(label, Patch(facecolor=color, edgecolor="white"))
        ax.set_ylim(0, 100)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.set_title(legend_text(names.get(scen, scen), scen), fontfamily=family, fontsize=9.5,
                     loc="left")
        if len(years):                 # the structure as published: "0.2:7.8:92.0"
            ratio = [f"{y}: " + ":".join(f"{x:.1f}" for x in table.loc[y].to_numpy())
                     for y in dict.fromkeys((int(years[0]), int(years[-1])))]
            ax.set_title(" → ".join(ratio), fontfamily=family, fontsize=8.5, loc="right",
                         color="#555555")
    head = chart_title(title, phrase("structure_title_three", lang) if three
                       else phrase("structure_title", lang))
    fig.text(0.01, 1 - 0.12 / height, head, fontfamily=family, fontsize=12, ha="left",
             va="top")
    axis_titles(axes[-1], family, x=phrase("year", lang))
    fig.supylabel(phrase("structure_axis", lang), fontfamily=family, fontsize=9, x=0.01)
    if all_years:
        _year_ticks(axes[-1], np.array(all_years))
        axes[-1].set_xlim(min(all_years) - 0.6, max(all_years) + 0.6)
    outturn = phrase("outturn", lang, year="/".join(str(y) for y in sorted(set(outturns))))
    legend[outturn + " (//)"] = Patch(facecolor="#bbbbbb", hatch="//", edgecolor="white")
    handles, labels = list(legend.values()), list(legend)
    ncol = min(len(labels), 4)
    rows = int(np.ceil(len(labels) / ncol)) if labels else 0
    bottom = (0.55 + 0.22 * rows) / height
    top = 1 - 0.55 / height
    fig.subplots_adjust(left=0.1, right=0.97, top=top, bottom=bottom, hspace=0.45)
    if labels:
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.01), ncol=ncol,
                   frameon=False, prop={"family": family, "size": 8.5}, handlelength=2.0)
    return literal(fig)
