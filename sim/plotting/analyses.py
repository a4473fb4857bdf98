"""Charts of the analyses: fan chart, tornado, Sobol indices, attribution waterfall.

Each takes the result of its analysis (:mod:`sim.analysis.montecarlo`,
:mod:`sim.analysis.sensitivity`, :mod:`sim.analysis.attribution`) and titles the figure at its
left edge, with the constrained layout; input and group names are made readable by
:func:`input_label`.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..indicators import indicator as _indicator
from ..indicators import sector_label
from .style import (DOWN_COLOR, FAN_ALPHAS, FAN_COLOR, INPUT_LABELS, TARGET_STAR, TOTAL_COLOR,
                    UNIT_CHARS, UP_COLOR, axis_titles, chart_text, chart_title, font_family,
                    in_lang, legend_text, literal, phrase, styled_axes)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis import Attribution, MonteCarlo, Sobol, Tornado
    from ..targets import Target

__all__ = ["fan_figure", "tornado_figure", "sobol_figure", "waterfall_figure", "waterfall_steps",
           "input_label"]


def input_label(key: str, lang: str = "en",
                names: Mapping[str, tuple[str, str]] | None = None) -> str:
    """A readable label for an input key (``rates.services_real[2024]``, ``levels.gdp``,
    ``tertiary_real``): a sector's rate and level take the sector's label
    (:func:`sim.indicators.sector_label`, a base's ``names`` first)."""
    name, year = key, ""
    if name.endswith("]") and "[" in name:
        name, year = name[:-1].split("[", 1)
    if name.startswith("levels."):
        name = name[len("levels."):]
        entry = INPUT_LABELS.get("retail_sales_level" if name == "retail_sales" else name)
        label = sector_label(name, lang, names)
        text = in_lang(entry, lang) if entry else phrase("base_level", lang, name=label)
    else:
        name = name[len("rates."):] if name.startswith("rates.") else name
        entry = INPUT_LABELS.get(name)
        if entry:
            text = in_lang(entry, lang)
        elif name.endswith("_real"):
            text = phrase("sector_growth", lang, sector=sector_label(name[:-5], lang, names))
        elif name.endswith("_deflator"):
            text = phrase("sector_prices", lang, sector=sector_label(name[:-9], lang, names))
        else:
            text = name
    return phrase("in_year", lang, text=text, year=year) if year else text


def _axes(figsize: tuple[float, float], dpi: float, family: list[str], *,
          grid_axis: str = "y") -> tuple["Figure", "Axes"]:
    """A figure with the constrained layout and one axes in the charts' style."""
    return styled_axes(figsize, dpi, family, grid_axis=grid_axis, layout="constrained")


def _heading(fig: "Figure", title: str | None, default: str, family: list[str]) -> None:
    """The figure's title, at its left edge (a figure title takes height from the constrained
    layout but never width, so a long one cannot squeeze the axes away)."""
    fig.suptitle(chart_title(title, default), x=0.01, ha="left", fontfamily=family, fontsize=12)


def _legend(ax: "Axes", family: list[str], loc: str, **kw) -> None:
    """The legend inside the axes at ``loc``, without a frame, at size 8."""
    ax.legend(loc=loc, prop={"family": family, "size": 8}, frameon=False, **kw)


def _bar_labels(ax: "Axes", labels: Sequence[str], family: list[str]) -> None:
    """Label the horizontal bars at 0, 1, … from the bottom, at size 9."""
    ax.set_yticks(np.arange(len(labels)))
    ax.set_yticklabels(labels, fontfamily=family, fontsize=9)


def fan_rows(summary: "pd.DataFrame", indicator: str) -> "pd.DataFrame":
    """The rows of ``indicator`` in a Monte Carlo summary (:func:`sim.analysis.summary`), which
    a fan chart draws.

    Raises
    ------
    InputError
        If the summary has no row of ``indicator`` (the message lists those it has).
    """
    rows = summary[summary["indicator"] == indicator]
    if rows.empty:
        raise InputError(f"{chart_text(indicator)!r} has no rows in the summary",
                         key="indicator", allowed=", ".join(
                             chart_text(x) for x in dict.fromkeys(summary["indicator"]))
                         or "(the summary is empty)")
    return rows


def fan_figure(data: "MonteCarlo | pd.DataFrame", indicator: str, *, lang: str = "en",
               targets: Sequence["Target"] = (), probabilities: "pd.DataFrame | None" = None,
               n_paths: int | None = None, title: str | None = None,
               names: Mapping[str, tuple[str, str]] | None = None,
               figsize: tuple[float, float] = (8.0, 4.8), dpi: float = 100) -> "Figure":
    """Fan chart: bands between the 10–90, 20–80, 30–70 and 40–60 % quantiles, the median and
    the deterministic path (the scenario's rates), by year.

    Parameters
    ----------
    data : MonteCarlo or pandas.DataFrame
        A Monte Carlo (:func:`sim.analysis.simulate`), or its tidy summary
        (:func:`sim.analysis.summary`, with statistics ``p10`` … ``p90`` and
        ``deterministic``).
    indicator : str
        Indicator id (levels 亿元, growth %, contributions pp).
    lang : str
        ``"en"`` or ``"zh"``.
    targets : sequence of Target
        Targets on this indicator are marked, with the probability of meeting them and its
        Monte Carlo standard error.
    probabilities : pandas.DataFrame, optional
        :func:`sim.analysis.target_probabilities` of these targets; computed from ``data``
        when it is a Monte Carlo.
    n_paths : int, optional
        Number of paths for the title (taken from a Monte Carlo).
    title : str, optional
        Default: "<indicator>: <n> Monte Carlo paths" (the indicator alone without a number
        of paths). Cut to :data:`~sim.plotting.style.TITLE_CHARS`.
    names : Mapping[str, tuple of str], optional
        Sector labels of the base, sector id → (English, Chinese) (its ``[sector_names]``,
        :func:`sim.results.sector_names`): a sector's indicator and rates are labelled so.
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, the legend inside it at the upper left, a star and its probability per
        target drawn.

    Raises
    ------
    InputError
        If ``data`` has no rows for ``indicator``.
    """
    from ..analysis.montecarlo import FAN_QUANTILES, MonteCarlo, quantile_label as _label, summary
    from ..analysis.probabilities import target_probabilities

    if isinstance(data, MonteCarlo):
        n_paths = data.n_paths
        if probabilities is None and targets:
            probabilities = target_probabilities(data, targets)
        data = summary(data, indicators=[indicator], q=FAN_QUANTILES)
    rows = fan_rows(data, indicator)
    table = rows.pivot(index="statistic", columns="year", values="value")
    years = np.asarray(table.columns, dtype=int)
    labels = [_label(x) for x in FAN_QUANTILES]
    q = table.reindex(labels).to_numpy(dtype=float)                       # (9, T+1)
    central = table.reindex(["deterministic"]).to_numpy(dtype=float)[0]
    family = font_family()
    ind = _indicator(indicator, names)
    ok = np.all(np.isfinite(q), axis=0)
    fig, ax = _axes(figsize, dpi, family)
    # bands from the outside in, darker towards the median (Britton et al. 1998)
    for i, alpha in enumerate(FAN_ALPHAS):
        lo, hi = FAN_QUANTILES[i], FAN_QUANTILES[-1 - i]
        ax.fill_between(years[ok], q[i, ok], q[-1 - i, ok], color=FAN_COLOR, alpha=alpha,
                        linewidth=0, label=phrase("band", lang, lo=round(100 * lo),
                                                  hi=round(100 * hi)))
    ax.plot(years[ok], q[4, ok], color=FAN_COLOR, linewidth=1.8, label=phrase("median", lang))
    okc = np.isfinite(central)
    ax.plot(years[okc], central[okc], color="black", linestyle="--", linewidth=1.4,
            label=phrase("central", lang))
    y0 = int(years[0])
    if np.isfinite(central[0]):
        ax.scatter([y0], [central[0]], s=40, color="black", zorder=6,
                   label=phrase("outturn", lang, year=y0))
    probs = {} if probabilities is None else probabilities.set_index("target")
    for t in targets:
        if t.indicator != indicator or not (years[0] <= t.year <= years[-1]):
            continue
        ax.scatter([t.year], [t.value], zorder=8, **TARGET_STAR,
                   label=legend_text(t.label(lang), f"{t.year}: {t.op} {t.value:g}"))
        if len(probs) and t.id in probs.index and probs.loc[t.id, "status"] == "evaluated":
            ax.annotate(phrase("prob", lang, op=t.op, value=t.value, unit=ind.unit,
                               p=probs.loc[t.id, "probability"], se=probs.loc[t.id, "mc_se"]),
                        (t.year, t.value), xytext=(8, 8), textcoords="offset points",
                        fontfamily=family, fontsize=8.5,
                        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#cccccc"})
    default = (phrase("fan_title", lang, label=ind.label(lang), n=n_paths) if n_paths
               else ind.label(lang))
    _heading(fig, title, default, family)
    axis_titles(ax, family, x=phrase("year", lang), y=ind.unit)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.3)
    _legend(ax, family, "upper left", ncol=2)
    return literal(fig)


def tornado_figure(tr: "Tornado", *, lang: str = "en", max_bars: int = 15,
                   title: str | None = None,
                   names: Mapping[str, tuple[str, str]] | None = None,
                   figsize: tuple[float, float] = (8.0, 4.8), dpi: float = 100) -> "Figure":
    """Tornado chart: change of the output when each input moves by −step and +step, the
    largest swing on top.

    Parameters
    ----------
    tr : Tornado
        From :func:`sim.analysis.tornado`.
    lang : str
        ``"en"`` or ``"zh"``.
    max_bars : int
        Show at most this many inputs.
    title : str, optional
        Default: "<indicator>, <year>: one input at a time".
    names : Mapping[str, tuple of str], optional
        Sector labels of the base, sector id → (English, Chinese) (its ``[sector_names]``,
        :func:`sim.results.sector_names`): a sector's indicator and rates are labelled so.
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, an input's two bars a row, labelled with its step and unit.
    """
    family = font_family()
    ind = _indicator(tr.indicator, names)
    f = tr.frame.head(max_bars).iloc[::-1]
    units = ["" if u == "(ratio)" else chart_text(u, UNIT_CHARS) for u in f["unit"]]
    labels = [f"{chart_text(input_label(k, lang, names))}  ±{st:g}" + (f" {u}" if u else "")
              for k, st, u in zip(f["input"], f["step"], units)]
    fig, ax = _axes(figsize, dpi, family, grid_axis="x")
    pos = np.arange(len(f))
    ax.barh(pos, f["delta_low"], color=DOWN_COLOR, height=0.6, label=phrase("down", lang))
    ax.barh(pos, f["delta_high"], color=UP_COLOR, height=0.6, alpha=0.85,
            label=phrase("up", lang))
    ax.axvline(0, color="#333333", linewidth=0.9)
    _bar_labels(ax, labels, family)
    axis_titles(ax, family, x=phrase("change_in", lang, base=tr.base, unit=ind.unit))
    _heading(fig, title, phrase("tornado_title", lang, label=ind.label(lang), year=tr.year),
             family)
    _legend(ax, family, "lower right")
    return literal(fig)


def sobol_figure(sb: "Sobol", *, lang: str = "en", title: str | None = None,
                 figsize: tuple[float, float] = (8.0, 4.4), dpi: float = 100) -> "Figure":
    """First-order and total Sobol indices as paired horizontal bars (with bootstrap
    intervals when the result has them).

    Parameters
    ----------
    sb : Sobol
        From :func:`sim.analysis.sobol` or :func:`sim.analysis.sobol_scenario`.
    lang : str
        ``"en"`` or ``"zh"``.
    title : str, optional
        Default: "Sobol indices of <output> (<n> model runs)".
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, an input's first-order and total index a row.
    """
    family = font_family()
    f = sb.to_frame().iloc[::-1]
    fig, ax = _axes(figsize, dpi, family, grid_axis="x")
    pos = np.arange(len(f))
    kw1, kw2 = {}, {}
    if "first_low" in f:
        kw1["xerr"] = np.abs(np.vstack([f["first_order"] - f["first_low"],
                                        f["first_high"] - f["first_order"]]).astype(float))
        kw2["xerr"] = np.abs(np.vstack([f["total_order"] - f["total_low"],
                                        f["total_high"] - f["total_order"]]).astype(float))
    ax.barh(pos + 0.18, f["first_order"], height=0.36, color=UP_COLOR,
            label=phrase("first_order", lang), **kw1)
    ax.barh(pos - 0.18, f["total_order"], height=0.36, color=DOWN_COLOR,
            label=phrase("total_order", lang), **kw2)
    _bar_labels(ax, [chart_text(input_label(k, lang)) for k in f["factor"]], family)
    ax.set_xlim(0, 1.05)
    axis_titles(ax, family, x=phrase("share", lang))
    _heading(fig, title, phrase("sobol_title", lang, output=chart_text(sb.output),
                                runs=sb.model_runs), family)
    _legend(ax, family, "lower right")
    return literal(fig)


def waterfall_steps(at: "Attribution") -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                 tuple[float, float] | None]:
    """The bars of a waterfall: each input's part, where its bar starts, the level after each
    bar (the baseline's value first), and the value axis' limits (levels in 亿元 are zoomed on
    the differences; else ``None``, from zero).

    Returns
    -------
    (parts, starts, levels, ylim)
        Arrays in the indicator's unit: ``parts`` and ``starts`` one per input, ``levels``
        one per bar before the scenario's.
    """
    parts = np.asarray(at.parts, dtype=float)
    starts = at.baseline_value + np.concatenate([[0.0], np.cumsum(parts)[:-1]])
    levels = np.concatenate([[at.baseline_value], starts + parts])
    lo = min(np.min(levels), at.baseline_value, at.scenario_value)
    hi = max(np.max(levels), at.baseline_value, at.scenario_value)
    ylim = None
    if _indicator(at.indicator).unit == "亿元" and lo > 0:      # levels: zoom on the differences
        pad = 0.15 * (hi - lo) if hi > lo else 0.05 * hi
        ylim = (lo - pad, hi + pad)
    return parts, starts, levels, ylim


def waterfall_figure(at: "Attribution", *, lang: str = "en", title: str | None = None,
                     names: Mapping[str, tuple[str, str]] | None = None,
                     figsize: tuple[float, float] = (8.0, 4.8), dpi: float = 100) -> "Figure":
    """Waterfall: the baseline's value, each input's Shapley part (up or down), the scenario's
    value.

    Parameters
    ----------
    at : Attribution
        From :func:`sim.analysis.attribute`.
    lang : str
        ``"en"`` or ``"zh"``.
    title : str, optional
        Default: "<indicator>, <year>: <scenario> vs <baseline>".
    names : Mapping[str, tuple of str], optional
        Sector labels of the base, sector id → (English, Chinese) (its ``[sector_names]``,
        :func:`sim.results.sector_names`): a sector's indicator and rates are labelled so.
    figsize, dpi
        Size in inches and resolution.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, a bar for each end and for each input's part, connectors between them.
    """
    family = font_family()
    ind = _indicator(at.indicator, names)
    parts, starts, levels, ylim = waterfall_steps(at)
    labels = [chart_text(x) for x in (at.baseline,
                                      *(input_label(k, lang, names) for k in at.inputs),
                                      at.scenario)]
    x = np.arange(len(labels))
    fig, ax = _axes(figsize, dpi, family)
    ends = [at.baseline_value, at.scenario_value]
    ax.bar([x[0], x[-1]], ends, color=TOTAL_COLOR, width=0.6)
    colors = [UP_COLOR if p >= 0 else DOWN_COLOR for p in parts]
    ax.bar(x[1:-1], parts, bottom=starts, color=colors, width=0.6)
    for xi, s, p in zip(x[1:-1], starts, parts):
        ax.text(xi, s + p if p >= 0 else s, f"{p:+.3g}", ha="center", va="bottom",
                fontsize=8, fontfamily=family)
    for xi, lv in zip(x[:-1], levels):          # connectors between bars
        ax.plot([xi + 0.3, xi + 0.7], [lv, lv], color="#999999", linewidth=0.8)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontfamily=family, fontsize=8.5, rotation=30, ha="right")
    axis_titles(ax, family, y=ind.unit)
    _heading(fig, title, phrase("waterfall_title", lang, label=ind.label(lang), year=at.year,
                                scenario=labels[-1], baseline=labels[0]), family)
    return literal(fig)
