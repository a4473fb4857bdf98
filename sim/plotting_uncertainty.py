"""Charts of the analyses: fan chart, tornado, Sobol indices, attribution waterfall.

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot (nothing global
changes; safe from several threads). Text uses the bundled CJK font
(:func:`sim.fonts.cjk_font_family`, then DejaVu Sans for symbols), in English or Chinese. Names
and labels that come from files (scenario names, input and group names, titles) are drawn
literally and cut to fit, as in :mod:`sim.plotting` (:func:`sim.plotting.chart_text`).

Usage::

    import sim.uncertainty as U
    from sim.plotting_uncertainty import fan_figure

    mc = U.simulate("plan-2024", n_paths=10_000, rng=1)
    fan_figure(mc, "gdp_real_growth", lang="zh").savefig("fan.png")
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .errors import InputError
from .indicators import indicator as _indicator
from .plotting import (UNIT_CHARS, _legend_text, _literal, _new_figure, _style_axes, _title,
                       chart_text, font_family)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .attribution import Attribution
    from .sensitivity import Sobol, Tornado
    from .targets import Target
    from .uncertainty import MonteCarlo

__all__ = ["fan_figure", "tornado_figure", "sobol_figure", "waterfall_figure", "input_label"]

_FAN_COLOR = "#b2182b"
_UP, _DOWN, _TOTAL = "#2c7fb8", "#d95f0e", "#555555"

_TEXT = {
    "year": {"en": "Year", "zh": "年份"},
    "median": {"en": "Median", "zh": "中位数"},
    "central": {"en": "Central projection (scenario rates)", "zh": "基准预测(情景增速)"},
    "band": {"en": "{lo}–{hi}% of paths", "zh": "{lo}–{hi}%的路径"},
    "outturn": {"en": "{year} outturn", "zh": "{year}年实际"},
    "fan_title": {"en": "{label}: {n:,} Monte Carlo paths", "zh": "{label}:{n:,}条蒙特卡洛路径"},
    "prob": {"en": "P({op} {value:g}{unit}) = {p:.0%} ± {se:.1%}",
             "zh": "P({op} {value:g}{unit}) = {p:.0%} ± {se:.1%}"},
    "tornado_title": {"en": "{label}, {year}: one input at a time",
                      "zh": "{label}({year}年):逐项敏感性"},
    "down": {"en": "input − step", "zh": "输入 − 步长"},
    "up": {"en": "input + step", "zh": "输入 + 步长"},
    "change_in": {"en": "change from {base:.4g} {unit}", "zh": "相对于{base:.4g}{unit}的变化"},
    "sobol_title": {"en": "Sobol indices of {output} ({runs:,} model runs)",
                    "zh": "{output}的Sobol指数({runs:,}次模型运行)"},
    "first": {"en": "first order", "zh": "一阶"},
    "total": {"en": "total", "zh": "总效应"},
    "share": {"en": "share of variance", "zh": "方差占比"},
    "waterfall_title": {"en": "{label}, {year}: {scenario} vs {baseline}",
                        "zh": "{label}({year}年):{scenario} 对比 {baseline}"},
}

_INPUT_LABELS = {
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


def _text(key: str, lang: str, **fmt) -> str:
    entry = _TEXT[key]
    return entry.get(lang, entry["en"]).format(**fmt)


def input_label(key: str, lang: str = "en") -> str:
    """A readable label for an input key (``rates.services_real[2024]``, ``levels.gdp``)."""
    name, year = key, ""
    if name.endswith("]") and "[" in name:
        name, year = name[:-1].split("[", 1)
    if name.startswith("levels."):
        name = name[len("levels."):]
        entry = _INPUT_LABELS.get("retail_sales_level" if name == "retail_sales" else name)
        if entry is None:
            entry = {"en": f"Base {name}", "zh": f"基年{name}"}
    else:
        name = name[len("rates."):] if name.startswith("rates.") else name
        entry = _INPUT_LABELS.get(name, {"en": name, "zh": name})
    text = entry.get(lang, entry["en"])
    if year:
        text += f" ({year}年)" if lang == "zh" else f" ({year})"
    return text


def _figure(figsize, dpi) -> "Figure":
    return _new_figure(figsize, dpi, layout="constrained")


def _heading(fig, title: str | None, default: str, family: list[str]) -> None:
    """The figure's title, at its left edge (a figure title takes height from the constrained
    layout but never width, so a long one cannot squeeze the axes away)."""
    fig.suptitle(_title(title, default), x=0.01, ha="left", fontfamily=family, fontsize=12)


def fan_figure(data: "MonteCarlo | pd.DataFrame", indicator: str, *, lang: str = "en",
               targets: Sequence["Target"] = (), probabilities: "pd.DataFrame | None" = None,
               n_paths: int | None = None, title: str | None = None,
               figsize: tuple[float, float] = (8.0, 4.8), dpi: float = 100) -> "Figure":
    """Fan chart: bands between the 10–90, 20–80, 30–70 and 40–60 % quantiles, the median and
    the deterministic path (the scenario's rates), by year.

    Parameters
    ----------
    data : MonteCarlo or pandas.DataFrame
        A Monte Carlo (:func:`sim.uncertainty.simulate`), or its tidy summary
        (:func:`sim.uncertainty.summary`, with statistics ``p10`` … ``p90`` and
        ``deterministic``).
    indicator : str
        Indicator id (levels 亿元, growth %, contributions pp).
    lang : str
        ``"en"`` or ``"zh"``.
    targets : sequence of Target
        Targets on this indicator are marked, with the probability of meeting them and its
        Monte Carlo standard error.
    probabilities : pandas.DataFrame, optional
        :func:`sim.uncertainty.target_probabilities` of these targets; computed from ``data``
        when it is a Monte Carlo.
    n_paths : int, optional
        Number of paths for the title (taken from a Monte Carlo).
    title : str, optional
    figsize, dpi

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    InputError
        If ``data`` has no rows for ``indicator``.
    """
    from .uncertainty import FAN_QUANTILES, MonteCarlo, _label, summary, target_probabilities

    if isinstance(data, MonteCarlo):
        n_paths = data.n_paths
        if probabilities is None and targets:
            probabilities = target_probabilities(data, targets)
        data = summary(data, indicators=[indicator], q=FAN_QUANTILES)
    rows = data[data["indicator"] == indicator]
    if rows.empty:
        raise InputError(f"{chart_text(indicator)!r} has no rows in the summary",
                         key="indicator", allowed=", ".join(
                             chart_text(x) for x in dict.fromkeys(data["indicator"]))
                         or "(the summary is empty)")
    table = rows.pivot(index="statistic", columns="year", values="value")
    years = np.asarray(table.columns, dtype=int)
    labels = [_label(x) for x in FAN_QUANTILES]
    q = table.reindex(labels).to_numpy(dtype=float)                       # (9, T+1)
    central = table.reindex(["deterministic"]).to_numpy(dtype=float)[0]
    family = font_family()
    ind = _indicator(indicator)
    ok = np.all(np.isfinite(q), axis=0)
    fig = _figure(figsize, dpi)
    ax = fig.add_subplot()
    _style_axes(ax, family)
    # bands from the outside in, darker towards the median (Britton et al. 1998)
    for i, alpha in zip(range(4), (0.18, 0.30, 0.45, 0.62)):
        lo, hi = FAN_QUANTILES[i], FAN_QUANTILES[-1 - i]
        ax.fill_between(years[ok], q[i, ok], q[-1 - i, ok], color=_FAN_COLOR, alpha=alpha,
                        linewidth=0, label=_text("band", lang, lo=round(100 * lo),
                                                 hi=round(100 * hi)))
    ax.plot(years[ok], q[4, ok], color=_FAN_COLOR, linewidth=1.8, label=_text("median", lang))
    okc = np.isfinite(central)
    ax.plot(years[okc], central[okc], color="black", linestyle="--", linewidth=1.4,
            label=_text("central", lang))
    y0 = int(years[0])
    if np.isfinite(central[0]):
        ax.scatter([y0], [central[0]], s=40, color="black", zorder=6,
                   label=_text("outturn", lang, year=y0))
    probs = {} if probabilities is None else probabilities.set_index("target")
    for t in targets:
        if t.indicator != indicator or not (years[0] <= t.year <= years[-1]):
            continue
        ax.scatter([t.year], [t.value], marker="*", s=170, color="#f1c40f", edgecolor="#7d6608",
                   zorder=8, label=_legend_text(t.label(lang), f"{t.year}: {t.op} {t.value:g}"))
        if len(probs) and t.id in probs.index and probs.loc[t.id, "status"] == "evaluated":
            ax.annotate(_text("prob", lang, op=t.op, value=t.value, unit=ind.unit,
                              p=probs.loc[t.id, "probability"], se=probs.loc[t.id, "mc_se"]),
                        (t.year, t.value), xytext=(8, 8), textcoords="offset points",
                        fontfamily=family, fontsize=8.5,
                        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#cccccc"})
    default = (_text("fan_title", lang, label=ind.label(lang), n=n_paths) if n_paths
               else ind.label(lang))
    _heading(fig, title, default, family)
    ax.set_ylabel(ind.unit, fontfamily=family, fontsize=9)
    ax.set_xlabel(_text("year", lang), fontfamily=family, fontsize=9)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.3)
    ax.legend(loc="upper left", prop={"family": family, "size": 8}, frameon=False, ncol=2)
    return _literal(fig)


def tornado_figure(tr: "Tornado", *, lang: str = "en", max_bars: int = 15,
                   title: str | None = None, figsize: tuple[float, float] = (8.0, 4.8),
                   dpi: float = 100) -> "Figure":
    """Tornado chart: change of the output when each input moves by −step and +step, the
    largest swing on top.

    Parameters
    ----------
    tr : Tornado
        From :func:`sim.sensitivity.tornado`.
    lang : str
    max_bars : int
        Show at most this many inputs.
    title : str, optional
    figsize, dpi

    Returns
    -------
    matplotlib.figure.Figure
    """
    family = font_family()
    ind = _indicator(tr.indicator)
    f = tr.frame.head(max_bars).iloc[::-1]
    pos = np.arange(len(f))
    units = ["" if u == "(ratio)" else chart_text(u, UNIT_CHARS) for u in f["unit"]]
    labels = [f"{chart_text(input_label(k, lang))}  ±{st:g}" + (f" {u}" if u else "")
              for k, st, u in zip(f["input"], f["step"], units)]
    fig = _figure(figsize, dpi)
    ax = fig.add_subplot()
    _style_axes(ax, family, grid_axis="x")
    ax.barh(pos, f["delta_low"], color=_DOWN, height=0.6, label=_text("down", lang))
    ax.barh(pos, f["delta_high"], color=_UP, height=0.6, alpha=0.85, label=_text("up", lang))
    ax.axvline(0, color="#333333", linewidth=0.9)
    ax.set_yticks(pos)
    ax.set_yticklabels(labels, fontfamily=family, fontsize=9)
    ax.set_xlabel(_text("change_in", lang, base=tr.base, unit=ind.unit), fontfamily=family,
                  fontsize=9)
    _heading(fig, title, _text("tornado_title", lang, label=ind.label(lang), year=tr.year),
             family)
    ax.legend(loc="lower right", prop={"family": family, "size": 8}, frameon=False)
    return _literal(fig)


def sobol_figure(sb: "Sobol", *, lang: str = "en", title: str | None = None,
                 figsize: tuple[float, float] = (8.0, 4.4), dpi: float = 100) -> "Figure":
    """First-order and total Sobol indices as paired horizontal bars (with bootstrap
    intervals when the result has them)."""
    family = font_family()
    f = sb.to_frame().iloc[::-1]
    pos = np.arange(len(f))
    fig = _figure(figsize, dpi)
    ax = fig.add_subplot()
    _style_axes(ax, family, grid_axis="x")
    kw1, kw2 = {}, {}
    if "first_low" in f:
        kw1["xerr"] = np.abs(np.vstack([f["first_order"] - f["first_low"],
                                        f["first_high"] - f["first_order"]]).astype(float))
        kw2["xerr"] = np.abs(np.vstack([f["total_order"] - f["total_low"],
                                        f["total_high"] - f["total_order"]]).astype(float))
    ax.barh(pos + 0.18, f["first_order"], height=0.36, color=_UP, label=_text("first", lang),
            **kw1)
    ax.barh(pos - 0.18, f["total_order"], height=0.36, color=_DOWN, label=_text("total", lang),
            **kw2)
    ax.set_yticks(pos)
    ax.set_yticklabels([chart_text(input_label(k, lang)) for k in f["factor"]],
                       fontfamily=family, fontsize=9)
    ax.set_xlim(0, 1.05)
    ax.set_xlabel(_text("share", lang), fontfamily=family, fontsize=9)
    _heading(fig, title, _text("sobol_title", lang, output=chart_text(sb.output),
                               runs=sb.model_runs), family)
    ax.legend(loc="lower right", prop={"family": family, "size": 8}, frameon=False)
    return _literal(fig)


def waterfall_figure(at: "Attribution", *, lang: str = "en", title: str | None = None,
                     figsize: tuple[float, float] = (8.0, 4.8), dpi: float = 100) -> "Figure":
    """Waterfall: the baseline's value, each input's Shapley part (up or down), the scenario's
    value.

    Parameters
    ----------
    at : Attribution
        From :func:`sim.attribution.attribute`.
    lang : str
    title : str, optional
    figsize, dpi

    Returns
    -------
    matplotlib.figure.Figure
    """
    family = font_family()
    ind = _indicator(at.indicator)
    parts = np.asarray(at.parts, dtype=float)
    starts = at.baseline_value + np.concatenate([[0.0], np.cumsum(parts)[:-1]])
    labels = [chart_text(x) for x in (at.baseline, *(input_label(k, lang) for k in at.inputs),
                                      at.scenario)]
    x = np.arange(len(labels))
    fig = _figure(figsize, dpi)
    ax = fig.add_subplot()
    _style_axes(ax, family)
    ends = [at.baseline_value, at.scenario_value]
    ax.bar([x[0], x[-1]], ends, color=_TOTAL, width=0.6)
    colors = [_UP if p >= 0 else _DOWN for p in parts]
    ax.bar(x[1:-1], parts, bottom=starts, color=colors, width=0.6)
    for xi, s, p in zip(x[1:-1], starts, parts):
        ax.text(xi, s + p if p >= 0 else s, f"{p:+.3g}", ha="center", va="bottom",
                fontsize=8, fontfamily=family)
    levels = np.concatenate([[at.baseline_value], starts + parts])
    for xi, lv in zip(x[:-1], levels):          # connectors between bars
        ax.plot([xi + 0.3, xi + 0.7], [lv, lv], color="#999999", linewidth=0.8)
    lo = min(np.min(levels), at.baseline_value, at.scenario_value)
    hi = max(np.max(levels), at.baseline_value, at.scenario_value)
    if ind.unit == "亿元" and lo > 0:             # levels: zoom on the differences
        pad = 0.15 * (hi - lo) if hi > lo else 0.05 * hi
        ax.set_ylim(lo - pad, hi + pad)
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontfamily=family, fontsize=8.5, rotation=30, ha="right")
    ax.set_ylabel(ind.unit, fontfamily=family, fontsize=9)
    _heading(fig, title, _text("waterfall_title", lang, label=ind.label(lang), year=at.year,
                               scenario=labels[-1], baseline=labels[0]), family)
    return _literal(fig)
