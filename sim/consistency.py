"""Base-year consistency: backcast the year before the base and say what the figures imply.

The backcast is the accounting identity of :mod:`sim.accounts`: the prior-year services share
:math:`w_{-1}` and the non-services real growth :math:`g_N` that GDP and services growth imply
(one price change common to both sectors, an assumption). The report states them, flags an
implausible :math:`g_N`, and, when GDP is a lower bound or a user assumption, the GDP levels
that would make it plausible.

When the base's history (:mod:`sim.history`) gives the year before's level of a lower-bound
figure, the report also gives the base-year level that history implies (:func:`implied_level`):
last year's level grown by the base year's real growth, :math:`X_{-1}(1+g)` at last year's
prices, and the range :math:`X_{-1}(1+g)(1+p)` for a deflator change :math:`p` in
:data:`DEFLATOR_BAND` (an assumption); and, for GDP, the sector shares that level implies.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .accounts import backcast, gdp_for_non_services_growth, implied_prior_year
from .base import Base
from .history import DEFLATOR_BAND
from .indicators import SECTOR_LABELS

__all__ = ["Finding", "ConsistencyReport", "consistency_report", "PLAUSIBLE_SECTOR_GROWTH",
           "Estimate", "implied_level", "lower_bound_estimate", "share_estimate",
           "DEFLATOR_BAND"]

#: Real growth of a sector outside this band (%) is flagged as implausible.
PLAUSIBLE_SECTOR_GROWTH = (-10.0, 30.0)


@dataclass(frozen=True)
class Finding:
    """One statement of the consistency report.

    Parameters
    ----------
    level : str
        ``"info"`` or ``"warning"``.
    code : str
        Stable id, e.g. ``"non_services_growth"``.
    en, zh : str
        The statement in English and Chinese.
    value : float
        The figure it is about (unit in the text), NaN if none.
    """

    level: str
    code: str
    en: str
    zh: str
    value: float = float("nan")

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ConsistencyReport:
    """What a base's figures imply about the year before it."""

    base_year: int
    findings: tuple[Finding, ...]

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level == "warning")

    def text(self, lang: str = "en") -> str:
        return "\n".join(f"[{f.level}] {f.text(lang)}" for f in self.findings)


@dataclass(frozen=True)
class Estimate:
    """A base-year figure that history implies: an estimate, never a published figure.

    Parameters
    ----------
    indicator : str
        What it estimates, e.g. ``"gdp"`` or ``"services_share"``.
    year : int
        The base year.
    value : float
        The central estimate: for a level with real growth, last year's level grown at the
        base year's real growth (last year's prices, i.e. no price change); 亿元 or %.
    low, high : float
        The range for a deflator change in :data:`DEFLATOR_BAND` (equal to ``value`` for a
        nominal figure).
    unit : str
        ``"亿元"`` or ``"%"``.
    how : str
        How it was estimated, in one sentence.
    years : tuple of int
        The years whose figures it uses.
    """

    indicator: str
    year: int
    value: float
    low: float
    high: float
    unit: str
    how: str
    years: tuple[int, ...]


def implied_level(base: Base, indicator: str = "gdp") -> Estimate | None:
    """The base-year level of ``indicator`` that the base's history implies.

    :math:`X_0 = X_{-1}(1+g_0)` at last year's prices, with :math:`X_{-1}` the level the
    history gives for the year before the base year and :math:`g_0` the base year's growth
    (real for GDP and the sectors); the range is :math:`X_0(1+p)` for a deflator change
    :math:`p` in :data:`DEFLATOR_BAND`. For an indicator with nominal growth (retail sales,
    extras) the level follows exactly and the range is the value itself.

    Parameters
    ----------
    base : Base
    indicator : str
        A level id of the base.

    Returns
    -------
    Estimate or None
        ``None`` when the history gives no level of ``indicator`` for the year before, or the
        base no growth for it. E.g. Xihu: 1970.1 × 1.051 = 2070.6亿元 (2049.9 … 2132.7亿元).
    """
    prev, y0 = base.year - 1, base.year
    prior = base.history.get(prev)
    if prior is None or indicator not in prior.levels or indicator not in base.growth:
        return None
    x, g = prior.levels[indicator], base.growth[indicator]
    value = x * (1.0 + g / 100.0)
    name = "GDP" if indicator == "gdp" else indicator
    how = f"{name} {prev} {x:g}亿元 × (1 + {g:g}%)"
    if indicator == "gdp" or indicator in base.model_sectors:
        lo, hi = DEFLATOR_BAND
        low, high = value * (1.0 + lo / 100.0), value * (1.0 + hi / 100.0)
        how += (f" real growth in {y0} = {value:.1f}亿元 at {prev} prices; {low:.1f} … "
                f"{high:.1f}亿元 for a deflator change of {lo:g} … {hi:+g}% (an assumed band)")
    else:
        low = high = value
        how += f" nominal growth in {y0} = {value:.1f}亿元"
    return Estimate(indicator, y0, value, low, high, "亿元", how, (prev, y0))


def lower_bound_estimate(base: Base) -> Estimate | None:
    """:func:`implied_level` of the first of the base's lower bounds that history can grow,
    or ``None``.

    The app offers its ``value`` as the base-year level in one click, labelled as an estimate
    (``base.with_levels(**{est.indicator: est.value})`` then makes it a user assumption).
    """
    for key in base.lower_bounds:
        est = implied_level(base, key)
        if est is not None:
            return est
    return None


def share_estimate(base: Base, gdp: Estimate, sector: str = "services") -> Estimate:
    """The share of GDP (%) that ``sector``'s base-year level has at the GDP of ``gdp``
    (an :func:`implied_level` of ``"gdp"``): :math:`100\\,X_0/Y_0`, its range from the range
    of :math:`Y_0`. E.g. Xihu: 1939.3 / 2070.6 = 93.66% (90.93 … 94.60%)."""
    x = base.levels[sector]
    value, low, high = (100.0 * x / y for y in (gdp.value, gdp.high, gdp.low))
    how = (f"{sector} {base.year} {x:g}亿元 / GDP {gdp.value:.1f}亿元 ({gdp.low:.1f} … "
           f"{gdp.high:.1f}亿元, estimated from history)")
    return Estimate(f"{sector}_share", base.year, value, low, high, "%", how, gdp.years)


def consistency_report(base: Base) -> ConsistencyReport:
    """Backcast the year before ``base.year`` and report what the figures imply.

    Parameters
    ----------
    base : Base
        The base (with any level overrides already applied).

    Returns
    -------
    ConsistencyReport
        Findings: the base-year and prior-year services shares, the implied real growth of
        non-services, a warning when it lies outside :data:`PLAUSIBLE_SECTOR_GROWTH`, and the
        GDP levels that would make it plausible when GDP is a lower bound.
    """
    y0 = base.year
    prev = y0 - 1
    out: list[Finding] = []
    if base.sectors:
        return _sector_report(base, out)
    gdp, services = base.levels["gdp"], base.levels["services"]
    share = 100.0 * services / gdp
    out.append(Finding("info", "services_share", f"Services are {share:.2f}% of GDP in {y0}.",
                       f"{y0}年服务业增加值占地区生产总值的{share:.2f}%。", share))
    _level_findings(base, out)
    missing = [k for k in ("gdp", "services") if k not in base.growth]
    if missing:
        en = {"gdp": "GDP", "services": "services"}
        zh = {"gdp": "地区生产总值", "services": "服务业"}
        out.append(Finding("info", "no_backcast",
                           "No backcast: the base gives no real growth for "
                           + " and ".join(en[k] for k in missing) + ".",
                           "基年未给出" + "和".join(zh[k] for k in missing)
                           + "的可比价增速,无法回推上一年。"))
        return ConsistencyReport(y0, tuple(out))
    gy, gs = base.growth["gdp"], base.growth["services"]
    w_prev, gn = (float(x) for x in implied_prior_year(gdp, services, gy, gs))
    out.append(Finding(
        "info", "prior_services_share",
        f"Backcast to {prev} (one price change common to both sectors, an assumption): "
        f"services were {100 * w_prev:.2f}% of GDP.",
        f"回推至{prev}年(假设两部门价格变动相同):服务业占地区生产总值的{100 * w_prev:.2f}%。",
        100 * w_prev))
    if not np.isfinite(gn):
        out.append(Finding(
            "warning", "non_services_negative",
            f"The figures leave no room for non-services in {prev}: services would exceed GDP. "
            "Check the GDP level and the growth rates.",
            f"按这些数字,{prev}年服务业将超过地区生产总值,非服务业为负。请检查GDP水平和增速。"))
        return ConsistencyReport(y0, tuple(out))
    lo, hi = PLAUSIBLE_SECTOR_GROWTH
    plausible = lo <= gn <= hi
    out.append(Finding(
        "info" if plausible else "warning", "non_services_growth",
        f"GDP {gy:+g}% with services {gs:+g}% implies non-services (primary + secondary) "
        f"grew {gn:+.1f}% in real terms in {y0}"
        + ("." if plausible else f", outside the plausible {lo:g}…{hi:g}% band."),
        f"地区生产总值增长{gy:g}%、服务业增长{gs:g}%,意味着{y0}年非服务业(一产+二产)可比价增长{gn:+.1f}%"
        + ("。" if plausible else f",超出合理区间{lo:g}%…{hi:g}%。"),
        gn))
    if not plausible:
        edge_rate = lo if gn < lo else hi
        flat = gdp_for_non_services_growth(services, gy, gs, 0.0)
        edge = gdp_for_non_services_growth(services, gy, gs, edge_rate)
        lower_bound = "gdp" in base.lower_bounds
        if np.isfinite(edge) and (edge > gdp if lower_bound else "gdp" in base.overridden):
            lead_en = ("GDP is only a lower bound" if lower_bound
                       else "The GDP level is a user assumption")
            lead_zh = "GDP仅为下限" if lower_bound else "GDP水平为用户假设"
            flat_en = f", and {flat:.0f}亿元 to 0%" if np.isfinite(flat) else ""
            flat_zh = f";为{flat:.0f}亿元时为0%" if np.isfinite(flat) else ""
            out.append(Finding(
                "warning", "gdp_level_hint",
                f"{lead_en}: a {y0} GDP of {edge:.0f}亿元 would bring the implied non-services "
                f"growth to {edge_rate:g}%{flat_en}. Set another GDP level (scenario [levels] "
                "gdp, or the slider) to test it.",
                f"{lead_zh}:若{y0}年地区生产总值为{edge:.0f}亿元,隐含的非服务业增速为"
                f"{edge_rate:g}%{flat_zh}。可在情景[levels]或滑块中调整GDP水平。",
                edge))
        else:
            out.append(Finding(
                "warning", "growth_hint",
                "Check the base-year growth rates and levels: the share-weighted sum of sector "
                "growth cannot match them with a plausible non-services rate.",
                "请检查基年增速与水平:按份额加权的部门增速无法以合理的非服务业增速与之吻合。"))
    return ConsistencyReport(y0, tuple(out))


def _level_findings(base: Base, out: list[Finding]) -> None:
    """Findings on the GDP level: a user assumption, or a lower bound."""
    y0, gdp = base.year, base.levels["gdp"]
    if "gdp" in base.overridden:
        was = base.overridden["gdp"]
        out.append(Finding(
            "info", "gdp_override",
            f"The {y0} GDP level {gdp:g}亿元 is a user assumption, replacing the base's "
            f"{was:g}亿元.",
            f"{y0}年地区生产总值{gdp:g}亿元为用户假设,替代基年数据中的{was:g}亿元。", gdp))
    if "gdp" in base.lower_bounds:
        out.append(Finding(
            "info", "gdp_lower_bound",
            f"The {y0} GDP level {gdp:g}亿元 is a lower bound (the source says it passed it); "
            "every level and share that uses it is approximate.",
            f"{y0}年地区生产总值{gdp:g}亿元为下限(原文为“突破”),据此计算的水平和比重均为近似值。",
            gdp))
    _history_findings(base, out)


def _history_findings(base: Base, out: list[Finding]) -> None:
    """Findings on the level that history implies for a lower bound or a user's level."""
    y0, prev = base.year, base.year - 1
    lo, hi = DEFLATOR_BAND
    for key in dict.fromkeys([*base.lower_bounds, *base.overridden]):
        est = implied_level(base, key)
        if est is None:
            continue
        x, g, now = base.history.get(prev).levels[key], base.growth[key], base.levels[key]
        name_en, name_zh = ("GDP", "地区生产总值") if key == "gdp" else (key, key)
        real = est.low != est.high
        band_en = (f" at {prev} prices, {est.low:.1f} … {est.high:.1f}亿元 for a deflator change "
                   f"of {lo:g} … {hi:+g}% (an assumed band)" if real else "")
        band_zh = (f"(按{prev}年价格);若价格指数变动在{lo:g}%…{hi:+g}%(假设区间)则为"
                   f"{est.low:.1f}…{est.high:.1f}亿元" if real else "")
        used_en = (f"the base gives only the lower bound {now:g}亿元" if key in base.lower_bounds
                   else f"the level used, {now:g}亿元, is a user assumption")
        used_zh = (f"基年数据仅给出下限{now:g}亿元" if key in base.lower_bounds
                   else f"所用水平{now:g}亿元为用户假设")
        out.append(Finding(
            "info", "history_level",
            f"History gives {name_en} {x:g}亿元 in {prev}; with {y0}'s {'real ' * real}growth of "
            f"{g:g}% that is {est.value:.1f}亿元{band_en}. An estimate from history, not a "
            f"published figure; {used_en}.",
            f"历史数据:{prev}年{name_zh}{x:g}亿元,按{y0}年{'可比价' * real}增速{g:g}%推算为"
            f"{est.value:.1f}亿元{band_zh}。此为据历史推算的估计值,非公布数据;{used_zh}。",
            est.value))
        if key in base.lower_bounds and est.high < now:
            out.append(Finding(
                "warning", "history_below_bound",
                f"History implies {name_en} {y0} of at most {est.high:.1f}亿元, below the lower "
                f"bound {now:g}亿元 the source gives: the figures of {prev} and {y0} disagree (a "
                "revision or a boundary change between them?).",
                f"历史数据推算的{y0}年{name_zh}至多{est.high:.1f}亿元,低于原文下限{now:g}亿元:"
                f"{prev}年与{y0}年数据不一致(可能有修订或区划调整)。", est.high))
        if key != "gdp":
            continue
        labels = {**SECTOR_LABELS, **base.sector_labels()}
        for s in base.model_sectors:
            if s not in base.levels or s in base.derived:
                continue
            sh = share_estimate(base, est, s)
            cur = 100.0 * base.levels[s] / now
            if round(cur, 2) == round(sh.value, 2):
                continue
            en, zh = labels.get(s, (s, s))
            en = en[:1].lower() + en[1:]
            rng_en = f" ({sh.low:.2f} … {sh.high:.2f}%)" if real else ""
            rng_zh = f"({sh.low:.2f}%…{sh.high:.2f}%)" if real else ""
            out.append(Finding(
                "info", "history_share",
                f"At that GDP, {en} would be {sh.value:.2f}% of GDP{rng_en}, not the {cur:.2f}% "
                f"that {now:g}亿元 gives.",
                f"按此GDP估计,{zh}占地区生产总值{sh.value:.2f}%{rng_zh},而非按{now:g}亿元计算的"
                f"{cur:.2f}%。", sh.value))


def _sector_report(base: Base, out: list[Finding]) -> ConsistencyReport:
    """The report of a base that lists its sectors: its structure, derived levels, and the
    backcast of :func:`sim.accounts.backcast` (a sector's implied growth when it alone lacks
    one)."""
    y0, prev = base.year, base.year - 1
    sectors, lv = base.sectors, base.levels
    total = sum(lv[s] for s in sectors)
    shares = [100.0 * lv[s] / total for s in sectors]
    ratio = ":".join(f"{x:.2f}" for x in shares)
    out.append(Finding("info", "sector_structure",
                       f"Structure of GDP in {y0} ({':'.join(sectors)}): {ratio}.",
                       f"{y0}年产业结构({':'.join(sectors)}):{ratio}。"))
    if base.derived:
        names = ", ".join(f"{s} {lv[s]:.4g}亿元" for s in base.derived)
        out.append(Finding("info", "derived_levels",
                           f"Derived from the structure, not published: {names}.",
                           f"由产业结构推算,非公布数据:{names}。"))
    _level_findings(base, out)
    growth = [base.growth.get(s) for s in sectors]
    unknown = [s for s, g in zip(sectors, growth) if g is None]
    gy = base.growth.get("gdp")
    if (gy is None and unknown) or len(unknown) > 1:
        out.append(Finding("info", "no_backcast",
                           "No backcast: the base gives no real growth for "
                           + ", ".join(["GDP"] * (gy is None) + unknown) + "; a scenario "
                           "must give every sector's rate.",
                           "基年未给出" + "、".join(["地区生产总值"] * (gy is None) + unknown)
                           + "的可比价增速,无法回推上一年;情景须给出各产业增速。"))
        return ConsistencyReport(y0, tuple(out))
    prior, _, g, _ = backcast([lv[s] for s in sectors], growth, gy)
    ratio = ":".join(f"{100 * float(w):.2f}" for w in prior)
    out.append(Finding("info", "prior_structure",
                       f"Backcast to {prev} (one price change common to all sectors, an "
                       f"assumption): structure {ratio}.",
                       f"回推至{prev}年(假设各产业价格变动相同):产业结构{ratio}。"))
    if unknown:
        k = unknown[0]
        gk = float(g[sectors.index(k)])
        lo, hi = PLAUSIBLE_SECTOR_GROWTH
        plausible = bool(np.isfinite(gk)) and lo <= gk <= hi
        out.append(Finding(
            "info" if plausible else "warning", "sector_growth",
            f"GDP {gy:+g}% with the other sectors' growth implies {k} grew {gk:+.1f}% in real "
            f"terms in {y0}" + ("." if plausible else
                                f", outside the plausible {lo:g}…{hi:g}% band."),
            f"地区生产总值增长{gy:g}%及其他产业增速意味着{y0}年{k}可比价增长{gk:+.1f}%"
            + ("。" if plausible else f",超出合理区间{lo:g}%…{hi:g}%。"), gk))
    return ConsistencyReport(y0, tuple(out))
