"""Backtest: each method projects every known outturn from the year before, with the model's
arithmetic; the errors are hand-computed here, and the analytic cases hold exactly (a steady
economy has no error; a year in which every rate rises by 1 pp finds momentum 1 pp short)."""
import math

import numpy as np
import pandas as pd
import pytest

import sim
from sim.backtest import (COLUMNS, SUMMARY_COLUMNS, backtest, backtest_summary, check_history,
                          error_unit, years_text)

from history_helpers import YEARS, frame, steady


def test_the_table_has_exactly_the_columns_and_each_method_indicator_and_year_once():
    t = backtest(frame(steady()), ("a", "b"))
    assert tuple(t.columns) == COLUMNS
    assert not t.duplicated(["method", "indicator", "year"]).any()
    assert list(dict.fromkeys(t["indicator"])) == [
        "gdp_real_growth", "gdp", "a_real_growth", "b_real_growth", "a_deflator", "b_deflator",
        "retail_sales_growth", "retail_sales"]
    assert set(t["method"]) == {"momentum", "trend"}      # no plan rows in this history
    # momentum needs year t's own rates: outturns from the 3rd year on; trend from the 3rd too
    assert sorted(set(t["year"])) == YEARS[2:]
    assert set(t.loc[t["indicator"] == "gdp", "unit"]) == {"亿元"}


def test_a_steady_economy_backtests_with_zero_error_by_both_methods():
    t = backtest(frame(steady()), ("a", "b"))
    assert len(t) == 2 * 8 * 6
    np.testing.assert_allclose(t["error"], 0.0, atol=1e-10)
    # the shares move (a grows faster), so real GDP growth is not constant, yet it is met
    g = t[(t["indicator"] == "gdp_real_growth") & (t["method"] == "trend")]["outturn"]
    assert g.is_monotonic_increasing and g.iloc[-1] - g.iloc[0] > 0.05


def test_a_steady_economy_has_zero_error_years_ahead_too():
    for h in (2, 3, 5):
        t = backtest(frame(steady()), ("a", "b"), horizon=h)
        assert sorted(set(t["year"])) == YEARS[1 + h:]
        np.testing.assert_allclose(t["error"], 0.0, atol=1e-9)


def test_a_year_in_which_every_rate_rises_1pp_finds_momentum_exactly_1pp_short():
    t = backtest(frame(steady(rise_from=2020)), ("a", "b"), methods="momentum")
    rates = t[t["unit"] == "%"]
    moved = rates[~rates["indicator"].str.endswith("_deflator")]
    for ind, part in moved.groupby("indicator"):
        err = dict(zip(part["year"], part["error"]))
        assert err[2020] == pytest.approx(-1.0, abs=1e-12), ind
        for y in (2018, 2019, 2021, 2022, 2023):
            assert err[y] == pytest.approx(0.0, abs=1e-12), (ind, y)
    # the levels: retail sales 2020 = R2019 × 1.05 projected against R2019 × 1.06
    r = t[(t["indicator"] == "retail_sales") & (t["year"] == 2020)]["error"].item()
    assert r == pytest.approx(100 * (1.05 / 1.06 - 1), rel=1e-12)


def test_trend_errors_after_a_1pp_rise_are_the_means_of_the_years_before():
    t = backtest(frame(steady(rise_from=2020)), ("a", "b"), methods="trend")
    a = t[t["indicator"] == "a_real_growth"].set_index("year")["error"]
    # 2017–2019 at 6 %, 7 % from 2020: the mean of 2017 … t less 7
    expected = {2020: 6 - 7, 2021: (3 * 6 + 7) / 4 - 7, 2022: (3 * 6 + 2 * 7) / 5 - 7,
                2023: (3 * 6 + 3 * 7) / 6 - 7}
    for y, e in expected.items():
        assert a[y] == pytest.approx(e, abs=1e-12)


GDP_ONLY = {"gdp_real_growth": {2019: 8.0, 2020: 7.2, 2021: 10.7, 2023: 5.1}}


def test_trend_and_momentum_errors_of_a_gdp_series_with_a_gap_by_hand():
    t = backtest(frame(GDP_ONLY), ("services", "non_services"))
    trend = t[t["method"] == "trend"].set_index("year")
    # trend from 2019: 8.0; from 2020: (8.0 + 7.2)/2 = 7.6; from 2022 (no 2022 figure): the
    # mean of 2019–2021, (8.0 + 7.2 + 10.7)/3 = 8.6333
    np.testing.assert_allclose(trend["projected"], [8.0, 7.6, 25.9 / 3], rtol=1e-12)
    np.testing.assert_allclose(trend["error"], [0.8, -3.1, 25.9 / 3 - 5.1], atol=1e-12)
    momentum = t[t["method"] == "momentum"].set_index("year")
    assert list(momentum.index) == [2020, 2021]             # 2022's own rate is not known
    np.testing.assert_allclose(momentum["error"], [0.8, -3.5], atol=1e-12)
    assert set(t["unit"]) == {"%"}


def test_trend_errors_two_years_ahead_by_hand():
    t = backtest(frame(GDP_ONLY), ("services", "non_services"), methods=["trend"], horizon=2)
    err = t.set_index("year")["error"]
    # from 2019 to 2021: 8.0 − 10.7; from 2021 to 2023: 8.6333 − 5.1 (2020 → 2022: no outturn)
    assert list(err.index) == [2021, 2023]
    np.testing.assert_allclose(err, [-2.7, 25.9 / 3 - 5.1], atol=1e-12)


def test_the_summary_gives_n_years_mean_error_and_rmse():
    s = backtest_summary(backtest(frame(GDP_ONLY), ("services", "non_services")))
    assert tuple(s.columns) == SUMMARY_COLUMNS
    trend = s[s["method"] == "trend"].iloc[0]
    e = np.array([0.8, -3.1, 25.9 / 3 - 5.1])
    assert (trend["indicator"], trend["n"], trend["years"], trend["unit"]) == (
        "gdp_real_growth", 3, "2020–2021, 2023", "pp")
    assert trend["mean_error"] == pytest.approx(e.mean(), abs=1e-12)
    assert trend["rmse"] == pytest.approx(math.sqrt((e ** 2).mean()), abs=1e-12)
    momentum = s[s["method"] == "momentum"].iloc[0]
    assert momentum["rmse"] == pytest.approx(math.sqrt((0.8 ** 2 + 3.5 ** 2) / 2), abs=1e-12)


def test_plan_targets_are_scored_as_a_third_forecaster():
    data = {**GDP_ONLY, "retail_sales": {2021: 800.0, 2022: 845.7}}
    data["gdp_real_growth"] = {**GDP_ONLY["gdp_real_growth"]}
    plan = pd.DataFrame([
        {"indicator": "gdp_real_growth", "year": 2020, "value": 7.5, "unit": "%",
         "source": "plan 2020", "kind": "plan"},
        {"indicator": "gdp_real_growth", "year": 2021, "value": 7.0, "unit": "%",
         "source": "plan 2021", "kind": "plan"},
        {"indicator": "gdp_real_growth", "year": 2024, "value": 5.5, "unit": "%",
         "source": "plan 2024", "kind": "plan"},                  # no outturn yet: not scored
        {"indicator": "retail_sales", "year": 2022, "value": 900.0, "unit": "亿元",
         "source": "plan 2022", "kind": "plan"}])
    t = backtest(pd.concat([frame(data), plan]), ("services", "non_services"))
    p = t[t["method"] == "plan"]
    assert list(zip(p["indicator"], p["year"])) == [("gdp_real_growth", 2020),
                                                    ("gdp_real_growth", 2021),
                                                    ("retail_sales", 2022)]
    np.testing.assert_allclose(p["projected"], [7.5, 7.0, 900.0])
    np.testing.assert_allclose(p["error"], [0.3, -3.7, 100 * 54.3 / 845.7], atol=1e-12)
    assert list(t["method"].drop_duplicates()) == ["momentum", "trend", "plan"]
    assert backtest(pd.concat([frame(data), plan]), ("services", "non_services"),
                    methods=["trend"])["method"].eq("trend").all()
    assert backtest(pd.concat([frame(data), plan]), ("services", "non_services"),
                    horizon=2)["method"].ne("plan").all()    # a plan looks one year ahead


def test_gdp_level_compounds_each_sectors_level_with_its_real_growth_and_deflator():
    data = {"a": {2020: 900.0}, "b": {2020: 100.0}, "gdp": {2020: 1000.0, 2021: 1070.0},
            "a_real_growth": {2020: 5.0}, "b_real_growth": {2020: 10.0},
            "a_deflator": {2020: 1.0}, "b_deflator": {2020: 2.0},
            "gdp_real_growth": {2020: 5.4, 2021: 6.0}}
    t = backtest(frame(data), ("a", "b"), methods="momentum").set_index("indicator")
    level = 900 * 1.05 * 1.01 + 100 * 1.10 * 1.02
    assert t.loc["gdp", "projected"] == pytest.approx(level, rel=1e-12)
    assert t.loc["gdp", "error"] == pytest.approx(100 * (level - 1070) / 1070, rel=1e-12)
    # real GDP growth: the sectors' growth at 2020's shares 0.9 and 0.1, not GDP's own 5.4
    assert t.loc["gdp_real_growth", "projected"] == pytest.approx(0.9 * 5 + 0.1 * 10, rel=1e-12)


def test_without_sector_figures_gdp_takes_its_own_rate_and_deflator():
    data = {"gdp": {2020: 1000.0, 2021: 1080.0}, "gdp_real_growth": {2020: 6.0, 2021: 7.0},
            "gdp_deflator": {2020: 2.0}}
    t = backtest(frame(data), ("services", "non_services"), methods="momentum")
    t = t.set_index("indicator")
    assert t.loc["gdp_real_growth", "projected"] == pytest.approx(6.0, rel=1e-12)
    assert t.loc["gdp", "projected"] == pytest.approx(1000 * 1.06 * 1.02, rel=1e-12)


def test_without_a_known_deflator_the_gdp_level_is_not_projected():
    data = {"gdp": {2020: 1000.0, 2021: 1080.0}, "gdp_real_growth": {2020: 6.0, 2021: 7.0}}
    t = backtest(frame(data), ("services", "non_services"))
    assert set(t["indicator"]) == {"gdp_real_growth"}


def test_shares_weigh_the_sectors_when_their_levels_are_not_known():
    data = {"a_share": {2020: 80.0}, "b_share": {2020: 20.0}, "a_real_growth": {2020: 5.0},
            "b_real_growth": {2020: 0.0}, "gdp_real_growth": {2021: 4.5}}
    t = backtest(frame(data), ("a", "b"), methods="momentum").set_index("indicator")
    assert t.loc["gdp_real_growth", "projected"] == pytest.approx(4.0, rel=1e-12)
    assert t.loc["gdp_real_growth", "error"] == pytest.approx(-0.5, abs=1e-12)


def test_a_lower_bound_is_neither_an_outturn_nor_a_starting_level():
    data = {"gdp": {2022: 1970.1, 2023: 2000.0}, "gdp_real_growth": {2022: 5.0, 2023: 5.1},
            "gdp_deflator": {2022: 1.0}, "retail_sales": {2022: 845.7, 2023: 906.3},
            "retail_sales_growth": {2022: 6.0, 2023: 7.2}}
    kinds = {("gdp", 2023): "lower bound"}
    t = backtest(frame(data, kinds), ("services", "non_services"), methods="momentum")
    assert "gdp" not in set(t["indicator"])
    assert t.set_index("indicator").loc["retail_sales", "projected"] == pytest.approx(
        845.7 * 1.06)
    kinds = {("gdp", 2022): "lower bound"}
    data["gdp"] = {2022: 1900.0, 2023: 2070.6}
    t = backtest(frame(data, kinds), ("services", "non_services"), methods="momentum")
    assert "gdp" not in set(t["indicator"])


def test_other_indicators_growth_is_backtested_too():
    data = {"budget_revenue_growth": {2020: 4.0, 2021: 6.0, 2022: 2.0}}
    t = backtest(frame(data), ("services", "non_services"), methods="trend")
    np.testing.assert_allclose(t["error"], [4.0 - 6.0, 5.0 - 2.0])


def test_a_history_too_short_gives_an_empty_table_with_the_columns():
    t = backtest(frame({"gdp_real_growth": {2023: 5.1}}), ("services", "non_services"))
    assert t.empty and tuple(t.columns) == COLUMNS
    s = backtest_summary(t)
    assert s.empty and tuple(s.columns) == SUMMARY_COLUMNS


def test_years_text_and_error_units():
    assert years_text([2023, 2019, 2020, 2021]) == "2019–2021, 2023"
    assert years_text([2020]) == "2020" and years_text([]) == ""
    assert (error_unit("%"), error_unit("亿元"), error_unit("万人")) == (
        "pp", "% of outturn", "% of outturn")


def test_methods_all_and_a_single_name_are_accepted():
    f = frame(GDP_ONLY)
    assert backtest(f, ("services", "non_services"), "all").equals(
        backtest(f, ("services", "non_services")))


GOOD = {"indicator": "gdp", "year": 2022, "value": 1970.1, "unit": "亿元", "kind": "published",
        "source": "report"}
FRAME_FAULTS = {
    "a missing column": (pd.DataFrame([{k: x for k, x in GOOD.items() if k != "kind"}]),
                         r"^history: key 'kind': has no column 'kind' \(allowed: the columns "
                         r"indicator, year, value, unit, kind \(and source\)\)"),
    "an unknown kind": (pd.DataFrame([{**GOOD, "kind": "publshed"}]),
                        r"^history: key 'gdp \(2022\)': kind 'publshed' is not a kind of history "
                        r"row; did you mean 'published'\? \(allowed: published, secondary, "
                        r"lower bound, derived, approximate, plan, assumption\)"),
    "NaN": (pd.DataFrame([{**GOOD, "value": float("nan")}]),
            r"^history: key 'gdp \(2022\)': value is nan, not a finite number"),
    "text as a value": (pd.DataFrame([{**GOOD, "value": "1970"}]),
                        r"^history: key 'gdp \(2022\)': value '1970' is not a number"),
    "a year that is not whole": (pd.DataFrame([{**GOOD, "year": 2022.5}]),
                                 r"^history: key 'gdp \(2022\.5\)': year 2022\.5 is not a whole "
                                 r"number"),
    "a year out of range": (pd.DataFrame([{**GOOD, "year": 20222}]),
                            r"^history: key 'gdp \(20222\)': year 20222 is out of range "
                            r"\(allowed: years \[1900, 2200\]\)"),
    "an outturn given twice": (pd.DataFrame([GOOD, {**GOOD, "kind": "secondary"}]),
                               r"^history: key 'gdp \(2022\)': is given twice \(published, "
                               r"secondary\) \(allowed: one outturn per indicator and year\)"),
    "not a table": ([GOOD], r"^history: must be a table of history rows, got list"),
}


@pytest.mark.parametrize("fault", FRAME_FAULTS, ids=list(FRAME_FAULTS))
def test_a_bad_history_frame_gets_one_line_naming_the_indicator_and_year(fault):
    bad, message = FRAME_FAULTS[fault]
    with pytest.raises(sim.InputError, match=message):
        backtest(bad, ("services", "non_services"))


def test_a_plan_target_beside_the_outturn_is_not_a_duplicate():
    f = pd.DataFrame([GOOD, {**GOOD, "kind": "plan", "value": 2000.0}])
    assert len(check_history(f)) == 2


def test_a_plan_in_another_unit_than_its_outturn_is_refused():
    f = pd.DataFrame([GOOD, {**GOOD, "kind": "plan", "unit": "%"}])
    with pytest.raises(sim.InputError, match=r"^history: key 'gdp \(2022\)': the plan target is "
                                             r"in '%' but the outturn in '亿元'"):
        backtest(f, ("services", "non_services"))


@pytest.mark.parametrize("kwargs, message", [
    ({"methods": ["momentum", "trnd"]}, r"^key 'method': unknown method 'trnd'; did you mean "
                                        r"'trend'\? \(allowed: momentum, trend, plan, all\)"),
    ({"methods": []}, r"^key 'method': names no method"),
    ({"horizon": 0}, r"^key 'horizon': is 0, out of range \(allowed: \[1, 100\] years ahead\)"),
    ({"horizon": 1.5}, r"^key 'horizon': must be a whole number"),
    ({"sectors": "services"}, r"^key 'sectors': must be a list of sector ids"),
])
def test_bad_options_are_refused(kwargs, message):
    args = {"sectors": ("services", "non_services"), **kwargs}
    with pytest.raises(sim.InputError, match=message):
        backtest(frame(GDP_ONLY), **args)


def test_a_summary_of_something_else_is_refused():
    with pytest.raises(sim.InputError, match=r"^backtest table: key 'error': has no column"):
        backtest_summary(pd.DataFrame({"method": [], "indicator": [], "year": [],
                                       "projected": [], "outturn": [], "unit": []}))
