"""The look of every chart: font, texts in English and Chinese, colours, line styles, and how
text from a file is drawn.

Fonts
    The bundled CJK font (WenQuanYi Micro Hei, Apache-2.0; see ``sim/assets/fonts/LICENSE``)
    ships inside the package, so charts draw Chinese glyphs without any system font;
    :func:`font_family` is the family list of every text (the CJK font, then DejaVu Sans for
    symbols). matplotlib is imported only when a font is registered or a figure made. Charts
    drawn by the browser name the same families first (:func:`web_font_family`).
Texts
    :data:`TEXT` holds every fixed text of a chart in ``"en"`` and ``"zh"`` (:func:`phrase`),
    :data:`BASIS` the price basis of an axis and :data:`INPUT_LABELS` the names of model inputs.
Colours and line styles
    :data:`ROLE_STYLES` for the reference lines, :func:`line_style` for any other scenario
    (:func:`scenario_styles` gives each scenario of a chart its style), and the colours of
    bars, bands and target marks.
Text from files
    Names, titles and labels from a file, an upload or a link are made one line without control
    characters and cut to fit (:func:`chart_text`, :func:`chart_title`), and every text of a
    figure is drawn with mathtext and TeX off (:func:`literal`), so ``$x^2$`` shows those five
    characters and ``$\\frac{1}{$`` draws instead of raising.
"""
from __future__ import annotations

import pathlib
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["cjk_font_path", "cjk_font_family", "CJK_FAMILY", "font_family", "web_font_family",
           "TEXT", "BASIS", "INPUT_LABELS", "in_lang", "phrase", "ROLE_STYLES", "SERVICES_COLOR",
           "NON_SERVICES_COLOR", "SECTOR_COLORS", "sector_colors", "sector_names", "FAN_COLOR",
           "FAN_ALPHAS", "UP_COLOR", "DOWN_COLOR", "TOTAL_COLOR", "TARGET_STAR", "line_style",
           "scenario_styles", "NAME_CHARS", "UNIT_CHARS", "TITLE_CHARS", "TITLE_LINE",
           "char_columns", "chart_text", "legend_text", "chart_title", "literal", "styled_axes",
           "style_axes", "axis_titles", "unit_axis_title"]

# -- fonts -------------------------------------------------------------------------------------

_FONT_PATH = (pathlib.Path(__file__).resolve().parent.parent / "assets" / "fonts"
              / "wqy-microhei.ttc")
_lock = threading.Lock()
_family: str | None = None
#: The family name of the bundled font's first face, the one :func:`cjk_font_family` registers.
CJK_FAMILY = "WenQuanYi Micro Hei"
#: After the bundled font, for a browser that lacks it: the CJK fonts of the common systems.
_SYSTEM_CJK = ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
               "Source Han Sans SC")


def cjk_font_path() -> pathlib.Path:
    """Path of the bundled CJK font file (a TrueType collection)."""
    return _FONT_PATH


def cjk_font_family() -> str:
    """Register the bundled CJK font with matplotlib and return its family name.

    Registration happens once per process; later calls return the cached name. The first face
    of the collection ("WenQuanYi Micro Hei") is the one registered, ahead of any system copy
    of the same family, so that every machine draws with the same font file.

    Raises
    ------
    FileNotFoundError
        If the font file is missing from the installed package.
    """
    global _family
    if _family is not None:
        return _family
    with _lock:
        if _family is None:
            from matplotlib import font_manager

            path = cjk_font_path()
            if not path.is_file():
                raise FileNotFoundError(f"bundled CJK font not found: {path}")
            fm = font_manager.fontManager
            fm.addfont(str(path))
            # the bundled file first: a system copy of the same family (equal score) must not
            # win, so that every machine draws with the same font file
            ours = [f for f in fm.ttflist if pathlib.Path(f.fname) == path]
            fm.ttflist[:] = ours + [f for f in fm.ttflist if pathlib.Path(f.fname) != path]
            clear = getattr(getattr(type(fm), "_findfont_cached", None), "cache_clear", None)
            if clear is not None:
                clear()
            _family = font_manager.FontProperties(fname=str(path)).get_name()
    return _family


def font_family() -> list[str]:
    """The font family list for every text in a chart: the bundled CJK font, then DejaVu Sans."""
    return [cjk_font_family(), "DejaVu Sans"]


def web_font_family() -> str:
    """The CSS ``font-family`` of the charts a browser draws: the families of
    :func:`font_family` (without registering the font), then the CJK fonts of the common
    systems, then the browser's sans-serif, so that Chinese draws as glyphs wherever the
    bundled font is not installed."""
    names = (CJK_FAMILY, "DejaVu Sans", *_SYSTEM_CJK)
    return ", ".join(f'"{n}"' for n in names) + ", sans-serif"


# -- texts -------------------------------------------------------------------------------------

#: Every fixed text of a chart, by key and language; ``{...}`` fields are filled by
#: :func:`phrase`.
TEXT: dict[str, dict[str, str]] = {
    "year": {"en": "Year", "zh": "年份"},
    "outturn": {"en": "{year} outturn", "zh": "{year}年实际"},
    "unit_basis": {"en": "{unit}, {basis}", "zh": "{unit}({basis})"},
    # projections
    "projection": {"en": "projection", "zh": "预测"},
    "growth_line": {"en": "GDP growth (real), %", "zh": "地区生产总值增速(可比价),%"},
    "contrib_title": {"en": "Contributions to real GDP growth: {name}",
                      "zh": "各部门对地区生产总值增长的拉动:{name}"},
    "contrib_axis": {"en": "percentage points", "zh": "百分点"},
    "services": {"en": "Services", "zh": "服务业"},
    "non_services": {"en": "Non-services (primary + secondary)", "zh": "非服务业(一产+二产)"},
    "contrib_rate_title": {"en": "Contribution rates to real GDP growth: {name}",
                           "zh": "各产业对地区生产总值增长的贡献率:{name}"},
    "contrib_rate_axis": {"en": "% of real GDP growth", "zh": "占GDP增长的百分比(%)"},
    "hundred": {"en": "100% of real GDP growth", "zh": "GDP增长的100%"},
    "structure_title": {"en": "Structure of GDP by sector (% of GDP)",
                        "zh": "产业结构(占地区生产总值比重,%)"},
    "structure_title_three": {"en": "Structure of GDP by the three sectors (% of GDP)",
                              "zh": "三次产业结构(占地区生产总值比重,%)"},
    "structure_axis": {"en": "% of GDP (current prices)", "zh": "占GDP比重(%,现价)"},
    # history and backtest (history.py)
    "history_line": {"en": "History (outturn)", "zh": "历史(实际)"},
    "kind_published": {"en": "published", "zh": "公布数据"},
    "kind_secondary": {"en": "secondary source (a copy)", "zh": "二手来源(转载)"},
    "kind_derived": {"en": "derived from published figures", "zh": "由公布数据推算"},
    "kind_approximate": {"en": "approximate (rests on a lower bound)", "zh": "近似值(基于下限)"},
    "kind_lower_bound": {"en": "lower bound (≥, 突破)", "zh": "下限(≥,突破)"},
    "kind_assumption": {"en": "user assumption", "zh": "用户假设"},
    "history_title": {"en": "{label}: history", "zh": "{label}:历史数据"},
    "backtest_title": {"en": "Backtest of {label}: error by year and method",
                       "zh": "{label}回测:各年各方法的误差"},
    "error_axis_pp": {"en": "error (projected − outturn), pp", "zh": "误差(预测 − 实际),百分点"},
    "error_axis_pct": {"en": "error (projected − outturn), % of outturn",
                       "zh": "误差(预测 − 实际),占实际值%"},
    "method_momentum": {"en": "momentum (last year's rates)", "zh": "惯性(延续上年增速)"},
    "method_trend": {"en": "trend (mean of the years so far)", "zh": "趋势(历年均值)"},
    "method_plan": {"en": "plan targets", "zh": "计划目标"},
    # fan chart
    "median": {"en": "Median", "zh": "中位数"},
    "central": {"en": "Central projection (scenario rates)", "zh": "基准预测(情景增速)"},
    "band": {"en": "{lo}–{hi}% of paths", "zh": "{lo}–{hi}%的路径"},
    "fan_title": {"en": "{label}: {n:,} Monte Carlo paths", "zh": "{label}:{n:,}条蒙特卡洛路径"},
    "prob": {"en": "P({op} {value:g}{unit}) = {p:.0%} ± {se:.1%}",
             "zh": "P({op} {value:g}{unit}) = {p:.0%} ± {se:.1%}"},
    # tornado
    "tornado_title": {"en": "{label}, {year}: one input at a time",
                      "zh": "{label}({year}年):逐项敏感性"},
    "down": {"en": "input − step", "zh": "输入 − 步长"},
    "up": {"en": "input + step", "zh": "输入 + 步长"},
    "change_in": {"en": "change from {base:.4g} {unit}", "zh": "相对于{base:.4g}{unit}的变化"},
    # Sobol indices
    "sobol_title": {"en": "Sobol indices of {output} ({runs:,} model runs)",
                    "zh": "{output}的Sobol指数({runs:,}次模型运行)"},
    "first_order": {"en": "first order", "zh": "一阶"},
    "total_order": {"en": "total", "zh": "总效应"},
    "share": {"en": "share of variance", "zh": "方差占比"},
    # input labels
    "base_level": {"en": "Base {name}", "zh": "基年{name}"},
    "sector_growth": {"en": "{sector} growth (real)", "zh": "{sector}增速(可比价)"},
    "sector_prices": {"en": "{sector} prices", "zh": "{sector}价格"},
    "in_year": {"en": "{text} ({year})", "zh": "{text} ({year}年)"},
    # waterfall
    "waterfall_title": {"en": "{label}, {year}: {scenario} vs {baseline}",
                        "zh": "{label}({year}年):{scenario} 对比 {baseline}"},
}

#: An indicator's price basis (:attr:`sim.indicators.Indicator.basis`) on its axis title.
BASIS: dict[str, dict[str, str]] = {
    "current prices": {"en": "current prices", "zh": "现价"},
    "real": {"en": "comparable prices", "zh": "可比价"},
    "nominal": {"en": "nominal", "zh": "名义"},
    "base-year prices": {"en": "base-year prices", "zh": "基年价格"},
}

#: Names of the model inputs (rates and base levels) and of their groups, for analysis charts.
INPUT_LABELS: dict[str, dict[str, str]] = {
    "services_real": {"en": "Services growth (real)", "zh": "服务业增速(可比价)"},
    "non_services_real": {"en": "Non-services growth (real)", "zh": "非服务业增速(可比价)"},
    "services_deflator": {"en": "Services prices", "zh": "服务业价格"},
    "non_services_deflator": {"en": "Non-services prices", "zh": "非服务业价格"},
    "retail_sales": {"en": "Retail sales growth", "zh": "社零增速"},
    "retail_sales_elasticity": {"en": "Retail elasticity", "zh": "社零弹性"},
    "retail_sales|retail_sales_elasticity": {"en": "Retail equation", "zh": "社零方程"},
    "rd_intensity": {"en": "R&D intensity", "zh": "R&D强度"},
    "gdp_real": {"en": "Both sectors' real growth", "zh": "两部门增速(可比价)"},
    "deflator": {"en": "Both sectors' prices", "zh": "两部门价格"},
    "gdp": {"en": "Base GDP", "zh": "基年GDP"},
    "services": {"en": "Base services", "zh": "基年服务业"},
    "retail_sales_level": {"en": "Base retail sales", "zh": "基年社零"},
}


def in_lang(entry: Mapping[str, str], lang: str) -> str:
    """The text of ``entry`` (language → text) in ``lang``, else in English."""
    return entry.get(lang, entry["en"])


def phrase(key: str, lang: str, **fields) -> str:
    """The text ``key`` of :data:`TEXT` in ``lang`` (else English), its ``fields`` filled in."""
    return in_lang(TEXT[key], lang).format(**fields)


# -- colours and line styles -------------------------------------------------------------------

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

#: Bars of the services and non-services contributions.
SERVICES_COLOR, NON_SERVICES_COLOR = "#4c72b0", "#dd8452"
#: Bars of the sectors of a base that lists them, in its order (primary, secondary, tertiary:
#: green, orange, and the services blue), repeating after ten.
SECTOR_COLORS = ("#55a868", "#dd8452", "#4c72b0", "#8172b3", "#c44e52", "#937860", "#da8bc3",
                 "#8c8c8c", "#ccb974", "#64b5cd")
#: Bands and median of the fan chart; the bands' opacities, from the 10–90 % band inwards.
FAN_COLOR = "#b2182b"
FAN_ALPHAS = (0.18, 0.30, 0.45, 0.62)
#: Bars that raise the output, lower it, and the totals of a waterfall.
UP_COLOR, DOWN_COLOR, TOTAL_COLOR = "#2c7fb8", "#d95f0e", "#555555"
#: A plan target: keyword arguments of :meth:`matplotlib.axes.Axes.scatter`.
TARGET_STAR: dict = {"marker": "*", "s": 170, "color": "#f1c40f", "edgecolor": "#7d6608"}


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


def sector_colors(sectors) -> list[str]:
    """The bar colour of each of ``sectors``: services and non-services in the two-sector
    form, else :data:`SECTOR_COLORS` in order."""
    if tuple(sectors) == ("services", "non_services"):
        return [SERVICES_COLOR, NON_SERVICES_COLOR]
    return [SECTOR_COLORS[i % len(SECTOR_COLORS)] for i in range(len(sectors))]


def sector_names(sectors, lang: str,
                 names: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """The legend text of each of ``sectors`` in ``lang``: services and non-services in the
    two-sector form, else the sector's label (:func:`sim.indicators.sector_label`; a base's
    ``names`` first), drawn as text from a file is (:func:`legend_text`)."""
    from ..indicators import sector_label

    if tuple(sectors) == ("services", "non_services"):
        return [phrase("services", lang), phrase("non_services", lang)]
    return [legend_text(sector_label(s, lang, names), s) for s in sectors]


def scenario_styles(order: Sequence[str], roles: Mapping[str, str]) -> dict[str, dict]:
    """The style of each scenario a chart draws, in drawing order: a scenario with a role
    (``roles``) has its :data:`ROLE_STYLES` with round markers, the others the next
    :func:`line_style` in turn.

    Parameters
    ----------
    order : sequence of str
        The scenarios drawn, in order (those without data left out).
    roles : Mapping[str, str]
        Scenario id → ``"baseline"``, ``"adjusted"`` or ``"edited"``.

    Returns
    -------
    dict
        Scenario id → keyword arguments of :meth:`matplotlib.axes.Axes.plot`.
    """
    out: dict[str, dict] = {}
    others = 0
    for scen in order:
        role = ROLE_STYLES.get(roles.get(scen, ""))
        if role is None:
            out[scen], others = line_style(others), others + 1
        else:
            out[scen] = {"marker": "o", **role}
    return out


# -- text from files ---------------------------------------------------------------------------

#: Most columns drawn of a name or label from a file (legend entry, tick label), of a unit, of a
#: title; a wide character (Chinese, Japanese, Korean, full-width forms) takes two columns.
NAME_CHARS = 40
UNIT_CHARS = 12
TITLE_CHARS = 120
#: Columns per line of a title: a longer title takes two lines.
TITLE_LINE = 64


def char_columns(ch: str) -> int:
    """Columns the character ``ch`` takes: 2 for a wide one (CJK, full-width forms), else 1."""
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
    widths = [char_columns(ch) for ch in out]
    if sum(widths) <= limit:
        return out
    end, used = 0, 1                              # the "…" takes one column
    while used + widths[end] <= limit:
        used, end = used + widths[end], end + 1
    return out[:end].rstrip() + "…"


def legend_text(text: object, fallback: object = "") -> str:
    """A legend entry: :func:`chart_text` of ``text``, else of ``fallback`` when nothing is
    left; a leading "_" (an entry matplotlib's legend leaves out) gets a space before it."""
    out = chart_text(text) or chart_text(fallback)
    return " " + out if out.startswith("_") else out


def _wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` columns, broken at the last space that fits (a
    longer word where it reaches the width)."""
    lines, line, used = [], "", 0
    for ch in text:
        w = char_columns(ch)
        if used + w > width and line:
            cut = line.rfind(" ")
            lines.append(line[:cut] if cut > 0 else line)
            line = line[cut + 1:] if cut > 0 else ""
            used = sum(map(char_columns, line))
        line, used = line + ch, used + w
    return "\n".join(x.strip() for x in [*lines, line])


def chart_title(text: object, default: object) -> str:
    """A title: ``text``, else ``default`` when nothing is left of it, cut to
    :data:`TITLE_CHARS` columns in lines of :data:`TITLE_LINE` (wrapped here: matplotlib's own
    ``wrap=True`` measures the text as mathtext, and would fail on a lone "$")."""
    one = chart_text(text if text is not None else "", TITLE_CHARS) or chart_text(
        default, TITLE_CHARS)
    return _wrap(one, TITLE_LINE)


def literal(fig: "Figure") -> "Figure":
    """Draw every text of ``fig`` as it is: no mathtext (``$x$`` stays three characters), no
    TeX, whatever the rcParams. Tick labels are set before, so their Text objects exist."""
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        t.set_parse_math(False)
        t.set_usetex(False)
    return fig


# -- figure and axes ---------------------------------------------------------------------------

def styled_axes(figsize: tuple[float, float], dpi: float, family: list[str], *,
                grid_axis: str = "y", layout: str | None = None
                ) -> tuple["Figure", "Axes"]:
    """A new figure, built without pyplot, with one axes in the charts' style.

    Parameters
    ----------
    figsize : tuple of float
        Width and height, inches.
    dpi : float
        Resolution, dots per inch.
    family : list of str
        Font family of the tick labels (:func:`font_family`).
    grid_axis : str
        ``"y"`` or ``"x"``: the light grid lines across that axis.
    layout : str, optional
        matplotlib's layout engine, e.g. ``"constrained"``.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        Tick labels of size 9, the grid behind the data, no top or right spine.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, layout=layout)
    ax = fig.add_subplot()
    style_axes(ax, family, grid_axis=grid_axis)
    return fig, ax


def style_axes(ax: "Axes", family: list[str], *, grid_axis: str = "y") -> "Axes":
    """Give ``ax`` the charts' style: tick labels of size 9 in ``family``, the light grid
    across ``grid_axis`` behind the data, no top or right spine."""
    ax.tick_params(labelfontfamily=family, labelsize=9)
    ax.grid(True, axis=grid_axis, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def unit_axis_title(ind_id: str, lang: str) -> str:
    """The y axis title of an indicator: its unit and price basis, e.g. "亿元(现价)"."""
    from ..indicators import indicator

    ind = indicator(ind_id)
    basis = BASIS.get(ind.basis, {}).get(lang, "")
    return phrase("unit_basis", lang, unit=ind.unit, basis=basis) if basis else ind.unit


def axis_titles(ax: "Axes", family: list[str], *, x: str | None = None,
                y: str | None = None) -> None:
    """Set the titles of the x and y axes that are given, in ``family`` at size 9."""
    if y is not None:
        ax.set_ylabel(y, fontfamily=family, fontsize=9)
    if x is not None:
        ax.set_xlabel(x, fontfamily=family, fontsize=9)
