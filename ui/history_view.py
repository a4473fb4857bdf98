"""What the app shows of a base's history: the tables of the history (sources and kinds), of
the backtest (errors by year and method, and their summary) and of the calibration (trend and
sd by horizon per rate), and the calibrated scenario file (pure: no Streamlit).

Every number comes from :mod:`sim.history`, :mod:`sim.backtest` and :mod:`sim.calibrate`; the
tables only rename and label their columns in the app's language, as :mod:`ui.tables` does.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sim.backtest import METHODS, error_unit
from sim.base import Base
from sim.calibrate import Calibration
from sim.history import Flag, indicator_order
from sim.indicators import indicator
from sim.scenario import Scenario

from .edits import untouched
from .i18n import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["METHOD_CHOICES", "history_label", "history_table", "flag_text", "backtest_rows",
           "backtest_table", "summary_table", "calibration_table", "assumed_rates",
           "calibrated_toml", "MEMO_LABELS"]

#: The Backtest page's method choices: every method, or one.
METHOD_CHOICES = ("all", *METHODS)
#: Labels (English, Chinese) of the memo items a history may give beside the model's ids.
MEMO_LABELS = {"industry_above_size": ("Industrial value added above designated size (memo)",
                                       "规上工业增加值(备忘项)")}
_NOMINAL = "_nominal_growth"


def history_label(ind_id: str, base: Base, lang: str) -> str:
    """The label of a history row's indicator: the model's (:func:`sim.indicators.indicator`,
    the base's sector labels), a memo item's (:data:`MEMO_LABELS`), or for a sector's nominal
    growth, which only the history derives, its level's label with "growth (nominal)"."""
    if ind_id in MEMO_LABELS:
        en, zh = MEMO_LABELS[ind_id]
        return zh if lang == "zh" else en
    names = base.sector_labels()
    if ind_id.endswith(_NOMINAL) and ind_id != "gdp" + _NOMINAL:
        level = indicator(ind_id[: -len(_NOMINAL)], names).label(lang)
        return t("history.nominal_growth", lang, label=level)
    return indicator(ind_id, names).label(lang)


def history_table(frame: "pd.DataFrame", base: Base, *, lang: str = "en") -> "pd.DataFrame":
    """The history frame (:func:`sim.history.history_frame`) as the page shows it: indicator
    (label), year, value, unit, kind and source, in the order of
    :func:`sim.history.indicator_order`, then by year."""
    import pandas as pd

    order = {k: i for i, k in enumerate(indicator_order(base))}
    rows = frame.assign(_o=frame["indicator"].map(lambda k: order.get(k, len(order))))
    rows = rows.sort_values(["_o", "indicator", "year"], kind="stable")
    return pd.DataFrame({
        t("col_indicator", lang): [history_label(k, base, lang) for k in rows["indicator"]],
        t("col_year", lang): rows["year"].astype(int).to_numpy(),
        t("history.col_value", lang): rows["value"].to_numpy(dtype=float),
        t("col_unit", lang): rows["unit"].to_numpy(),
        t("history.col_kind", lang): [t("history.kind." + k, lang) for k in rows["kind"]],
        t("col_source", lang): rows["source"].to_numpy(),
    })


def flag_text(flag: Flag, base: Base, lang: str) -> str:
    """One line for a flag of :func:`sim.history.history_flags`: the row, what is implausible
    and the likely causes (their words are the model's, in English)."""
    head = f"{history_label(flag.indicator, base, lang)} {flag.year}: {flag.problem}"
    return t("history.flag", lang, head=head, causes="; ".join(flag.causes))


def backtest_rows(table: "pd.DataFrame", method: str) -> "pd.DataFrame":
    """The rows of a backtest (:func:`sim.backtest.backtest`) of ``method`` (``"all"``: every
    method's)."""
    if method == "all":
        return table.reset_index(drop=True)
    return table[table["method"] == method].reset_index(drop=True)


def backtest_table(table: "pd.DataFrame", base: Base, *, lang: str = "en") -> "pd.DataFrame":
    """A backtest's rows as the page shows them: method, indicator (label), year, projected,
    outturn, error (projected − outturn) and the error's unit (pp for rates, % of the outturn
    for levels); the numbers are the backtest's."""
    import pandas as pd

    return pd.DataFrame({
        t("backtest.col_method", lang): [t("backtest.method." + m, lang) for m in table["method"]],
        t("col_indicator", lang): [history_label(k, base, lang) for k in table["indicator"]],
        t("col_year", lang): table["year"].astype(int).to_numpy(),
        t("backtest.col_projected", lang): table["projected"].to_numpy(dtype=float),
        t("backtest.col_outturn", lang): table["outturn"].to_numpy(dtype=float),
        t("col_unit", lang): table["unit"].to_numpy(),
        t("backtest.col_error", lang): table["error"].to_numpy(dtype=float),
        t("backtest.col_error_unit", lang): [error_unit(u) for u in table["unit"]],
    })


def summary_table(summary: "pd.DataFrame", base: Base, *, lang: str = "en") -> "pd.DataFrame":
    """:func:`sim.backtest.backtest_summary` as the page shows it: method, indicator, number
    of errors, their years, mean error (the bias) and RMSE, in the errors' unit."""
    import pandas as pd

    return pd.DataFrame({
        t("backtest.col_method", lang): [t("backtest.method." + m, lang)
                                         for m in summary["method"]],
        t("col_indicator", lang): [history_label(k, base, lang) for k in summary["indicator"]],
        t("backtest.col_n", lang): summary["n"].astype(int).to_numpy(),
        t("backtest.col_years", lang): summary["years"].to_numpy(),
        t("backtest.col_mean_error", lang): summary["mean_error"].to_numpy(dtype=float),
        t("backtest.col_rmse", lang): summary["rmse"].to_numpy(dtype=float),
        t("backtest.col_error_unit", lang): summary["unit"].to_numpy(),
    })


def calibration_table(cal: Calibration, base: Base, *, lang: str = "en") -> "pd.DataFrame":
    """One row per rate of a calibration: the rate, what it is estimated from, its trend (%),
    its sd one, two … years ahead (pp; as many columns as the history estimates for any
    rate), the persistence of its errors, and how each was estimated (years, warnings)."""
    import pandas as pd

    horizons = max((rc.horizons for rc in cal.rates.values()), default=0)
    data: dict[str, list[Any]] = {t("calibration.col_rate", lang): [],
                                  t("col_indicator", lang): [],
                                  t("calibration.col_trend", lang): []}
    for h in range(1, horizons + 1):
        data[t("calibration.col_sd", lang, h=h)] = []
    data[t("calibration.col_persistence", lang)] = []
    data[t("calibration.col_how", lang)] = []
    for k, rc in cal.rates.items():
        data[t("calibration.col_rate", lang)].append(k)
        data[t("col_indicator", lang)].append(history_label(rc.indicator, base, lang))
        data[t("calibration.col_trend", lang)].append(_number(rc.trend.value))
        for h in range(1, horizons + 1):
            est = rc.sd[h - 1] if h <= len(rc.sd) else None
            data[t("calibration.col_sd", lang, h=h)].append(
                _number(est.value) if est is not None else math.nan)
        data[t("calibration.col_persistence", lang)].append(_number(rc.persistence.value))
        how = [f"trend {rc.trend.label}", rc.sd_text()]
        if rc.persistence.value is not None:
            how.append(f"persistence {rc.persistence.label}")
        warnings = [w for w in (rc.trend.warning, rc.sd[0].warning) if w]
        data[t("calibration.col_how", lang)].append(
            "; ".join(how) + (" — " + "; ".join(dict.fromkeys(warnings)) if warnings else ""))
    return pd.DataFrame(data)


def _number(x: float | None) -> float:
    return math.nan if x is None else float(x)


def assumed_rates(cal: Calibration, scenario: Scenario) -> dict[str, float]:
    """The rates history cannot estimate (:meth:`sim.calibrate.Calibration.unestimated`),
    each the edited scenario's value for its first projected year (for a rate it does not
    give, the value its slider shows: :func:`ui.edits.untouched`), %."""
    resolved = scenario.resolved_rates()
    return {k: float(resolved[k][0]) if k in resolved else float(untouched(scenario, k)[0])
            for k in cal.unestimated()}


def calibrated_toml(cal: Calibration, scenario: Scenario, *, end_year: int,
                    assumed: Mapping[str, float] | None = None) -> str:
    """The scenario estimated from the history of ``scenario``'s base, as a TOML file
    (:meth:`sim.calibrate.Calibration.to_scenario_doc`): the rates history cannot estimate are
    ``assumed`` (default :func:`assumed_rates`), labelled as the edited scenario's values.

    Raises
    ------
    sim.InputError
        If the document does not load as a scenario on the base (it always should).
    """
    import tomli_w

    from sim.scenario import scenario_from_dict

    base = scenario.base
    assumed = dict(assumed_rates(cal, scenario) if assumed is None else assumed)
    doc = cal.to_scenario_doc(base.ref, name=f"calibrated-{base.name}"[:60], end_year=end_year,
                              assumed=assumed)
    if assumed:
        doc["description"] += (
            f"\nRates the history cannot estimate are the edited scenario {scenario.name}'s "
            f"{base.year + 1} values (user assumptions, not estimates): "
            + ", ".join(f"{k} = {x:g}" for k, x in assumed.items()) + ".")
    scenario_from_dict(doc, base=base, source="calibrated scenario")      # it loads
    return ("# Calibrated in the app from the history of the base "
            f"{base.name}: every figure is estimated\n# from the base's history or a user "
            "assumption; the description says how.\n"
            + tomli_w.dumps(doc, multiline_strings=True))
