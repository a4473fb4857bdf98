"""The tables the pages show, each a reshaping of the view's tidy frame (pure)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

import sim
from sim.base import Base
from sim.indicators import indicator, sector_label
from sim.results import sector_ids, sector_measures
from sim.targets import PLAN_2024

from . import format as fmt
from .beside_gdp import count_targets
from .i18n import t
from .view import View

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["titles", "comparison_table", "targets_table", "target_status", "contributions_table",
           "structure_table", "sector_columns", "base_table", "targets_quotes",
           "evaluable_targets"]

_GROWTH_BASIS = {"gdp": "real", "services": "real"}


def titles(view: View, lang: str | None = None) -> dict[str, str]:
    """Scenario id → a unique column title in ``lang``."""
    names = view.names(lang)
    seen: dict[str, int] = {}
    for title in names.values():
        seen[title] = seen.get(title, 0) + 1
    return {k: (v if seen[v] == 1 else f"{v} [{k}]") for k, v in names.items()}


def comparison_table(view: View, mode: str = "value", *, lang: str | None = None) -> "pd.DataFrame":
    """Indicators × scenarios in the view's year.

    Parameters
    ----------
    view : View
    mode : str
        ``"value"``; ``"diff"``: scenario minus baseline (亿元 for levels, pp for rates);
        ``"pct"``: scenario relative to baseline in % (levels only, NaN for rates).
    lang : str, optional
        Default the view's.

    Returns
    -------
    pandas.DataFrame
        Columns: indicator label, unit, then one per scenario (titles from :func:`titles`).
    """
    import pandas as pd

    lang = lang or view.lang
    cols = titles(view, lang)
    present = set(view.frame.loc[view.frame["year"] == view.year, "indicator"])
    order = [k for k in view.indicators if k in present]
    rows = sim.compare(view.frame, view.year, ref=view.baseline.id, indicators=order)
    column = {"value": "value", "diff": "diff", "pct": "diff_pct"}[mode]
    table = rows.pivot(index="indicator", columns="scenario", values=column)
    table = table.reindex(index=order, columns=list(cols))
    units = [indicator(k).unit for k in order]
    if mode == "diff":
        units = ["亿元" if u == "亿元" else "pp" for u in units]
    elif mode == "pct":
        units = ["%" if u == "亿元" else "" for u in units]
    out = pd.DataFrame({t("col_indicator", lang): [view.label(k, lang) for k in order],
                        t("col_unit", lang): units})
    for sid, title in cols.items():
        out[title] = np.round(table[sid].to_numpy(dtype=float), 10) + 0.0   # no "-0.00"
    out.index = order
    return out


def evaluable_targets(view: View) -> list:
    """Plan targets the model evaluates for the view's scenarios (GDP growth, R&D intensity)."""
    checks = view.target_checks
    ok = set(checks.loc[checks["status"] != "not evaluable", "target"])
    return [tg for tg in PLAN_2024 if tg.id in ok]


def target_status(view: View) -> "pd.DataFrame":
    """:func:`sim.check_targets` of the view's frame."""
    return view.target_checks


def _cell(value: float, status: str, unit: str, lang: str) -> str:
    return f"{fmt.value(value, unit, lang)} · {t('status.' + status, lang)}"


def targets_table(view: View, *, lang: str | None = None,
                  ids: list[str] | None = None) -> "pd.DataFrame":
    """Scenarios × evaluable 2024 targets: the value and met / missed; when the edited
    scenario's base carries indicators beside GDP (``[indicators]``), the count targets too
    (17万 market entities, …), "not evaluable" until a base gives their 2023 levels.

    Returns
    -------
    pandas.DataFrame
        Columns: scenario title, role, then one per target (``"5.52% · met ✓"``).
    """
    import pandas as pd

    lang = lang or view.lang
    checks = target_status(view).set_index(["scenario", "target"])
    cols = titles(view, lang)
    ids = ids or list(cols)
    roles = view.roles
    data: dict[str, list] = {t("col_scenario", lang): [cols[i] for i in ids],
                             t("col_role", lang): [t("role." + roles[i], lang) for i in ids]}
    shown = {tg.id for tg in evaluable_targets(view)} | {
        tg.id for tg in count_targets(view.edited.scenario.base.indicators, PLAN_2024)}
    for tg in (tg for tg in PLAN_2024 if tg.id in shown):
        op = "≥" if tg.op == ">=" else ">"
        need = (f"{tg.value:,.0f} {tg.unit}" if tg.unit in fmt.WHOLE_UNITS
                else f"{tg.value:g}{tg.unit}")
        head = f"{tg.label(lang)} ({op} {need})"
        data[head] = [_cell(checks.loc[(i, tg.id), "value"], checks.loc[(i, tg.id), "status"],
                            tg.unit, lang) for i in ids]
    return pd.DataFrame(data, index=ids)


def targets_quotes(*, lang: str = "en") -> "pd.DataFrame":
    """Every 2024 target with its threshold and source sentence."""
    import pandas as pd

    return pd.DataFrame({
        t("col_target", lang): [tg.label(lang) for tg in PLAN_2024],
        t("col_required", lang): [f"{'≥' if tg.op == '>=' else '>'} {tg.value:g} {tg.unit}"
                                  for tg in PLAN_2024],
        t("col_source", lang): [tg.quote for tg in PLAN_2024],
        t("col_note", lang): [tg.needs for tg in PLAN_2024],
    })


def sector_columns(view: View, scenario_id: str, *, lang: str | None = None) -> dict[str, str]:
    """The sectors of one scenario of the view, sector id → label in ``lang`` (services and
    non-services in the two-sector form; else the base's, :func:`sim.indicators.sector_label`)."""
    lang = lang or view.lang
    scenario = next(m.scenario for m in view.members if m.id == scenario_id)
    if not scenario.base.sectors:
        return {"services": t("sector.services", lang),
                "non_services": t("sector.non_services", lang)}
    names = scenario.base.sector_labels()
    return {s: sector_label(s, lang, names) for s in sector_ids(view.frame, scenario_id)}


def _by_year(view: View, scenario_id: str) -> "pd.DataFrame":
    """Years × ``<sector><measure>`` of :func:`sim.results.sector_measures`."""
    rows = sector_measures(view.frame, scenario_id)
    return rows.pivot_table(index="year", columns="indicator", values="value", aggfunc="first")


def contributions_table(view: View, scenario_id: str, *, lang: str | None = None
                        ) -> "pd.DataFrame":
    """Years × each sector's contribution to real GDP growth (拉动, pp), real GDP growth (%),
    and each sector's contribution rate (贡献率, % of real GDP growth).

    The contributions add up to real GDP growth and the rates to 100 (a year without real
    growth has no rates: NaN); any number of sectors (:func:`sector_columns`).
    """
    import pandas as pd

    lang = lang or view.lang
    sectors = sector_columns(view, scenario_id, lang=lang)
    wide = _by_year(view, scenario_id)
    sub = view.frame[(view.frame["scenario"] == scenario_id)
                     & (view.frame["indicator"] == "gdp_real_growth")]
    growth = sub.set_index("year")["value"]
    years = sorted(set(wide.index) | set(growth.index))
    wide = wide.reindex(index=years)
    data: dict[str, object] = {t("col_year", lang): [str(y) for y in years]}
    for sid, name in sectors.items():
        data[t("col_contribution", lang, sector=name)] = _column(wide, sid + "_contribution")
    data[t("col_gdp_growth", lang)] = growth.reindex(years).to_numpy(dtype=float)
    for sid, name in sectors.items():
        data[t("col_contribution_rate", lang, sector=name)] = _column(
            wide, sid + "_contribution_rate")
    return pd.DataFrame(data)


def structure_table(view: View, scenario_id: str, *, lang: str | None = None
                    ) -> "pd.DataFrame":
    """Years × each sector's share of GDP (%, current prices): the structure (三次产业结构),
    adding up to 100."""
    import pandas as pd

    lang = lang or view.lang
    sectors = sector_columns(view, scenario_id, lang=lang)
    wide = _by_year(view, scenario_id)
    data: dict[str, object] = {t("col_year", lang): [str(y) for y in wide.index]}
    for sid, name in sectors.items():
        data[t("col_share", lang, sector=name)] = _column(wide, sid + "_share")
    return pd.DataFrame(data)


def _column(wide: "pd.DataFrame", ind_id: str) -> np.ndarray:
    if ind_id not in wide.columns:
        return np.full(len(wide), np.nan)
    return wide[ind_id].to_numpy(dtype=float)


def base_table(base: Base, *, lang: str = "en") -> "pd.DataFrame":
    """The base year's figures: level, growth and the sentence each comes from; a sector's
    level derived from the structure is marked so (never a published figure); then the
    indicators beside GDP the base carries, each in its own unit (one without a source is a
    user assumption)."""
    import pandas as pd

    names = base.sector_labels()
    rows = []
    for key, level in base.levels.items():
        growth = base.growth.get(key, float("nan"))
        basis = "real" if key in base.sectors else _GROWTH_BASIS.get(key, "nominal")
        note = (t("lower_bound", lang) if key in base.lower_bounds
                else t("derived_level", lang) if key in base.derived else "")
        rows.append({
            t("col_figure", lang): indicator(key, names).label(lang),
            t("col_level", lang): level,
            t("col_unit", lang): "亿元",
            t("col_growth", lang): growth,
            t("col_growth_basis", lang): t("basis." + basis, lang) if np.isfinite(growth) else "",
            t("col_note", lang): note,
            t("col_source", lang): base.sources.get(key, ""),
        })
    for key, level in base.indicators.items():
        ind = indicator(key)
        rows.append({
            t("col_figure", lang): ind.label(lang), t("col_level", lang): float(level),
            t("col_unit", lang): ind.unit, t("col_growth", lang): float("nan"),
            t("col_growth_basis", lang): "",
            t("col_note", lang): "" if key in base.sources else t("user_assumption", lang),
            t("col_source", lang): base.sources.get(key, ""),
        })
    return pd.DataFrame(rows)
