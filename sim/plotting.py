"""Charts of tidy results, as matplotlib Figures.

Every function takes the tidy frame of :func:`sim.project` (``scenario, indicator, year, value,
unit``) and returns a :class:`matplotlib.figure.Figure` built without pyplot, so nothing global
changes and figures can be made from several threads. All text uses the bundled CJK font
(:func:`sim.fonts.cjk_font_family`, with DejaVu Sans as fallback for symbols), so Chinese labels
render as glyphs on any machine.

Text that comes from a file, an upload or a link (scenario names and titles, labels, legend
entries, axis titles) is drawn literally: :func:`chart_text` makes it one line without control
characters, cut to a length the chart has room for, and every text of a figure is drawn with
mathtext and TeX off, so ``$x^2$`` shows those five characters and ``$\\frac{1}{$`` draws
instead of raising. Any number of scenarios draws: lines without a role cycle through colours,
then line styles, then markers (:func:`line_style`), and the figure grows to fit the legend.

Usage::

    import sim
    from sim.plotting import projection_figure

    df = sim.project(["plan-2024", "momentum"])
    fig = projection_figure(df, "gdp", lang="zh")
    fig.savefig("gdp.png")
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .indicators import indicator as _indicator

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["TargetMark", "projection_figure", "contributions_figure", "ROLE_STYLES",
           "font_family", "chart_text", "line_style", "NAME_CHARS", "UNIT_CHARS",
           "TITLE_CHARS", "TITLE_LINE"]

#: Line styles by role: the shipped baseline, the baseline under the edited scenario's
#: assumptions (base level, deflators), and the edited scenario (En-ROADS' reference lines).
ROLE_STYLES: dict[str, dict] = {
    "baseline": {"color": "#222222", "linestyle": "--", "linewidth": 1.7, "zorder": 4},
    "adjusted": {"color": "#7f7f7f", "linestyle": ":", "linewidth": 2.0, "zorder": 3},
    "edited": {"color": "#c0392b", "linestyle": "-", "linewidth": 2.8, "zorder": 6},
}
_OTHER_COLORS = ("#1f77b4", "#2ca02c", "#9467bd", "#e67e22", "#17becf", "#8c564b", "#e377c2",
                 "#bcbd22")
_OTHER_LINESTYLES = ("-", "--", "-.", ":")
_OTHER_MARKERS = ("o", "s", "^", "D", "v")
_SERVICES_COLOR, _NON_SERVICES_COLOR = "#4c72b0", "#dd8452"

#: Most columns drawn of a name or label from a file (legend entry, tick label), of a unit, of a
#: title; a wide character (Chinese, Japanese, Korean, full-width forms) takes two columns.
NAME_CHARS = 40
UNIT_CHARS = 12
TITLE_CHARS = 120
#: Columns per line of a title: a longer title takes two lines.
TITLE_LINE = 64

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


def _columns(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def chart_text(text: object, limit: int = NAME_CHARS) -> str:
    """``text`` as a chart draws it: one line, without control or format characters, at most
    ``limit`` columns wide (a longer text is cut and ends in "…").

    Parameters
    ----------
    text : object
        A name, title or label, typically from a file or an upload (``str(text)`` is drawn).
    limit : int
        Most columns, e.g. :data:`NAME_CHARS` or :data:`TITLE_CHARS`; a wide character (CJK)
        takes two.

    Returns
    -------
    str
        Every run of whitespace (newlines, tabs) is one space; characters of Unicode category
        C (controls such as NUL or ESC, bidirectional overrides, lone surrogates) are dropped.
        Dollar signs and backslashes are kept: figures draw their texts literally.
    """
    raw = str(text)[:64 * limit]                  # enough for any text that cuts to ``limit``
    kept = "".join(" " if ch.isspace() else ch for ch in raw
                   if ch.isspace() or unicodedata.category(ch)[0] != "C")
    out = " ".join(kept.split())
    widths = [_columns(ch) for ch in out]
    if sum(widths) <= limit:
        return out
    end, used = 0, 1                              # the "…" takes one column
    while used + widths[end] <= limit:
        used, end = used + widths[end], end + 1
    return out[:end].rstrip() + "…"


def _legend_text(text: object, fallback: object = "") -> str:
    """A legend entry: :func:`chart_text` of ``text``, else of ``fallback`` when nothing is
    left; a leading "_" (an entry matplotlib's legend leaves out) gets a space before it."""
    out = chart_text(text) or chart_text(fallback)
    return " " + out if out.startswith("_") else out


def _wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` columns, broken at the last space that fits (a
    longer word where it reaches the width)."""
    lines, line, used = [], "", 0
    for ch in text:
        w = _columns(ch)
        if used + w > width and line:
            cut = line.rfind(" ")
            lines.append(line[:cut] if cut > 0 else line)
            line = line[cut + 1:] if cut > 0 else ""
            used = sum(map(_columns, line))
        line, used = line + ch, used + w
    return "\n".join(x.strip() for x in [*lines, line])


def _title(text: object, default: object) -> str:
    """A title: ``text``, else ``default`` when nothing is left of it, cut to
    :data:`TITLE_CHARS` columns in lines of :data:`TITLE_LINE` (wrapped here: matplotlib's own
    ``wrap=True`` measures the text as mathtext, and would fail on a lone "$")."""
    one = chart_text(text if text is not None else "", TITLE_CHARS) or chart_text(
        default, TITLE_CHARS)
    return _wrap(one, TITLE_LINE)


def _literal(fig: "Figure") -> "Figure":
    """Draw every text of ``fig`` as it is: no mathtext (``$x$`` stays three characters), no
    TeX, whatever the rcParams. Tick labels are set before, so their Text objects exist."""
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        t.set_parse_math(False)
        t.set_usetex(False)
    return fig


def line_style(i: int) -> dict:
    """Line style of the ``i``-th scenario without a role (0-based): 8 colours, then the same
    with dashed, dash-dot and dotted lines, then with other markers — 160 distinct styles
    before one repeats.

    Returns
    -------
    dict
        Keyword arguments of :meth:`matplotlib.axes.Axes.plot`.
    """
    nc, nl = len(_OTHER_COLORS), len(_OTHER_LINESTYLES)
    return {"color": _OTHER_COLORS[i % nc], "linestyle": _OTHER_LINESTYLES[(i // nc) % nl],
            "marker": _OTHER_MARKERS[(i // (nc * nl)) % len(_OTHER_MARKERS)],
            "linewidth": 1.4, "zorder": 5}


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


def _new_figure(figsize: tuple[float, float], dpi: float, layout: str | None = None
                ) -> "Figure":
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=dpi, layout=layout)


def _style_axes(ax, family: list[str], grid_axis: str = "y") -> None:
    ax.tick_params(labelfontfamily=family, labelsize=9)
    ax.grid(True, axis=grid_axis, color="#dddddd", linewidth=0.8)
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
        Scenario id → legend text (cut to :data:`NAME_CHARS`); its order is the drawing order.
        Default: every scenario in the frame, by id.
    roles : Mapping[str, str], optional
        Scenario id → ``"baseline"``, ``"adjusted"`` or ``"edited"`` for the reference-line
        styles of :data:`ROLE_STYLES`; other scenarios get thin lines (:func:`line_style`).
    base_year : int, optional
        The last year of data (the outturn): marked as a fact, the years after it shaded as
        projection. Default: the first year in the frame.
    targets : sequence of TargetMark
        Plan targets to mark (a star at the year and value).
    title : str, optional
        Default: the indicator's label and unit in ``lang``. Cut to :data:`TITLE_CHARS`.
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

    others = 0
    outturn_points = []
    for scen in order:
        sub = rows[rows["scenario"] == scen].sort_values("year")
        if sub.empty:
            continue
        role = ROLE_STYLES.get(roles.get(scen, ""))
        if role is None:
            style, others = line_style(others), others + 1
        else:
            style = {"marker": "o", **role}
        years, values = sub["year"].to_numpy(), sub["value"].to_numpy()
        ax.plot(years, values, label=_legend_text(names.get(scen, scen), scen), markersize=2.5,
                **style)
        base = sub[sub["year"] == base_year]
        if len(base):
            outturn_points.append(float(base["value"].iloc[0]))
    if outturn_points:
        ax.scatter([base_year] * len(outturn_points), outturn_points, s=42, color="black",
                   zorder=8, label=_legend_text(outturn_label or "",
                                                _text("outturn", lang, year=base_year)))
    _target_marks(ax, targets)
    ylo, yhi = ax.get_ylim()
    ax.text(base_year + 0.15, yhi - 0.03 * (yhi - ylo), _text("projection", lang) + " →",
            fontfamily=family, fontsize=8, color="#777777", va="top", ha="left")
    head = _title(title, ind.label(lang))
    ax.set_title(head, fontfamily=family, fontsize=12, loc="left")
    ax.set_ylabel(_axis_label(indicator, lang), fontfamily=family, fontsize=9)
    ax.set_xlabel(_text("year", lang), fontfamily=family, fontsize=9)
    if len(years_all):
        _year_ticks(ax, years_all)
        ax.set_xlim(base_year - 0.4, last_year + 0.4)
    ax.margins(y=0.08)
    _legend_below(fig, ax, family, figsize, title_lines=head.count("\n") + 1)
    return _literal(fig)


def _target_marks(ax, targets: Sequence[TargetMark]) -> None:
    """A star per target; its legend entry the label, else "<year>: <value>"."""
    for mark in targets:
        label = _legend_text(mark.label, f"{mark.year}: {mark.value:g}")
        ax.scatter([mark.year], [mark.value], marker="*", s=170, color="#f1c40f",
                   edgecolor="#7d6608", linewidth=0.8, zorder=9, label=label)


#: Legend rows that fit under the axes at the figure's own height; more make the figure taller.
_LEGEND_ROWS = 3


def _legend_below(fig, ax, family: list[str], figsize: tuple[float, float], *,
                  title_lines: int = 1) -> None:
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
        Scenario name for the title (cut to :data:`NAME_CHARS`).
    base_year : int, optional
        The outturn year; default the first year of the scenario.
    targets : sequence of TargetMark
        Targets for real GDP growth.
    title : str, optional
        Default: "Contributions to real GDP growth: <name>". Cut to :data:`TITLE_CHARS`.
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
    _target_marks(ax, targets)
    default = _text("contrib_title", lang, name=chart_text(name or "") or chart_text(scenario))
    head = _title(title, default)
    ax.set_title(head, fontfamily=family, fontsize=12, loc="left")
    ax.set_ylabel(_text("contrib_axis", lang), fontfamily=family, fontsize=9)
    ax.set_xlabel(_text("year", lang), fontfamily=family, fontsize=9)
    if len(years):
        _year_ticks(ax, years)
        ax.set_xlim(years.min() - 0.6, years.max() + 0.6)
    ax.margins(y=0.08)
    _legend_below(fig, ax, family, figsize, title_lines=head.count("\n") + 1)
    return _literal(fig)
