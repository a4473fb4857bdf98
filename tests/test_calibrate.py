"""Calibration: trends, sds by horizon and persistence estimated from history by hand-checked
arithmetic, each labelled with the years it rests on; what history cannot estimate is left
unestimated and said so; the scenario it writes is one sim.scenario accepts and runs."""
import dataclasses
import math

import numpy as np
import pytest

import sim
from sim.calibrate import MIN_HORIZON_ERRORS, SMALL_SAMPLE, calibrate
from sim.scenario import scenario_from_dict

from history_helpers import YEARS, frame, steady

TWO = ("services", "non_services")
SERVICES = {2017: 7.0, 2018: 8.0, 2019: 6.0, 2020: 9.0, 2021: 7.0, 2022: 8.0, 2023: 6.0}
HISTORY = {
    "services_real_growth": SERVICES,
    "non_services_real_growth": {2017: 1.0, 2018: 3.0, 2019: 2.0, 2020: 4.0, 2021: 2.0,
                                 2022: 3.0, 2023: 1.0},
    "retail_sales_growth": {2019: 8.0, 2020: 6.0, 2021: 10.0, 2022: 7.0, 2023: 7.2},
    "services_deflator": {2021: 1.0, 2022: 2.0, 2023: 0.5},
    "gdp_real_growth": {2019: 5.0, 2020: 8.5, 2021: 6.7, 2022: 7.7, 2023: 5.7},
}
# The trend method's errors for services, by hand: the mean of 2017 … t less the outturn t + h
ONE_AHEAD = {2018: 7 - 8, 2019: 7.5 - 6, 2020: 7 - 9, 2021: 7.5 - 7, 2022: 7.4 - 8,
             2023: 7.5 - 6}
AHEAD = {2: [7 - 6, 7.5 - 9, 7 - 7, 7.5 - 8, 7.4 - 6], 3: [7 - 9, 7.5 - 7, 7 - 8, 7.5 - 6],
         4: [7 - 7, 7.5 - 8, 7 - 6], 5: [7 - 8, 7.5 - 6]}


def rmse(e):
    e = np.asarray(e, float)
    return math.sqrt(np.mean(e * e))


@pytest.fixture(scope="module")
def cal():
    return calibrate(frame(HISTORY), TWO, 2023)


def test_the_trend_is_the_mean_over_the_years_available(cal):
    s = cal.rates["services_real"].trend
    assert s.value == pytest.approx(51 / 7, rel=1e-12)
    assert s.years == tuple(range(2017, 2024))
    assert s.label == "estimated from 7 years (2017–2023)" and s.warning == ""
    d = cal.rates["services_deflator"].trend
    assert d.value == pytest.approx(3.5 / 3, rel=1e-12)
    assert d.label == "estimated from 3 years (2021–2023)"
    assert d.warning == f"only 3 years, fewer than {SMALL_SAMPLE}: a rough estimate"
    assert cal.rates["retail_sales"].trend.value == pytest.approx(38.2 / 5, rel=1e-12)


def test_the_sd_is_the_trend_methods_rmse_at_each_horizon_history_allows(cal):
    sd = cal.rates["services_real"].sd
    assert [e.value for e in sd] == pytest.approx(
        [rmse(list(ONE_AHEAD.values()))] + [rmse(AHEAD[h]) for h in (2, 3, 4, 5)], rel=1e-12)
    assert sd[0].years == tuple(ONE_AHEAD)
    assert sd[0].label == "estimated from 6 years (2018–2023)"
    # 6 years ahead there is one error (2017 → 2023), fewer than MIN_HORIZON_ERRORS
    assert MIN_HORIZON_ERRORS == 2 and cal.rates["services_real"].horizons == 5


def test_beyond_the_last_estimated_horizon_the_sd_grows_as_sqrt_h_and_says_it_is_assumed(cal):
    rc = cal.rates["services_real"]
    path = rc.sd_path(8)
    s5 = rmse(AHEAD[5])
    assert path[:5] == pytest.approx([e.value for e in rc.sd], rel=1e-12)
    assert path[5:] == pytest.approx([s5 * math.sqrt(6 / 5), s5 * math.sqrt(7 / 5),
                                      s5 * math.sqrt(8 / 5)], rel=1e-12)
    assert rc.sd_path(3) == pytest.approx(path[:3])
    assert ("6 or more years ahead: 1.27 pp × √(h/5), an assumed scaling (a random walk's)"
            in rc.sd_text())


def test_persistence_is_the_lag_1_autocorrelation_of_the_one_year_ahead_errors(cal):
    e = np.array(list(ONE_AHEAD.values()))
    d = e - e.mean()
    r1 = np.sum(d[:-1] * d[1:]) / np.sum(d * d)
    p = cal.rates["services_real"].persistence
    assert p.value == pytest.approx(r1, rel=1e-12) and r1 < 0
    assert p.years == tuple(ONE_AHEAD)
    # retail sales: 4 errors (2020–2023), one fewer than it needs
    assert cal.rates["retail_sales"].persistence.value is None
    assert cal.rates["retail_sales"].persistence.label == (
        "no estimate: 4 one-year-ahead errors, fewer than the 5 it needs")


def test_persistence_pairs_only_consecutive_years():
    data = {"services_real_growth": {2015: 5.0, 2016: 6.0, 2017: 4.0, 2018: 7.0, 2020: 5.0,
                                     2021: 6.0, 2022: 4.0, 2023: 8.0}}
    p = calibrate(frame(data), TWO, 2023).rates["services_real"].persistence
    # errors by year (mean before less outturn); 2019 has none and 2020 has none (no 2019)
    means = {2016: 5.0, 2017: 5.5, 2018: 5.0, 2020: 5.5, 2021: 5.4, 2022: 5.5, 2023: 37 / 7}
    out = data["services_real_growth"]
    e = {y: m - out[y] for y, m in means.items()}
    d = {y: x - np.mean(list(e.values())) for y, x in e.items()}
    pairs = [(2016, 2017), (2017, 2018), (2020, 2021), (2021, 2022), (2022, 2023)]
    expected = sum(d[a] * d[b] for a, b in pairs) / sum(x * x for x in d.values())
    assert p.value == pytest.approx(expected, rel=1e-12)


def test_a_rate_history_cannot_estimate_keeps_no_estimate_and_says_why(cal):
    nd = cal.rates["non_services_deflator"]
    assert nd.trend.value is None
    assert nd.trend.label == "no estimate: the history gives no non_services_deflator up to 2023"
    assert nd.sd_path(7) is None and nd.sd[0].value is None
    assert cal.to_frame().query("rate == 'non_services_deflator'")["value"].isna().all()


def test_the_frame_lists_every_estimate_with_its_years_and_how(cal):
    f = cal.to_frame()
    assert list(f.columns) == ["rate", "quantity", "horizon", "value", "unit", "n", "years",
                               "how"]
    sd = f[(f["rate"] == "services_real") & (f["quantity"] == "sd")]
    assert list(sd["horizon"]) == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert list(sd["n"]) == [6, 5, 4, 3, 2]
    assert sd.iloc[4]["how"] == ("estimated from 2 years (2022–2023); only 2 years, fewer than "
                                 "5: a rough estimate")


def test_rows_after_the_base_year_are_not_used():
    c = calibrate(frame(HISTORY), TWO, 2021)
    assert c.rates["services_real"].trend.value == pytest.approx(37 / 5, rel=1e-12)
    assert c.rates["services_real"].sd[0].years == (2018, 2019, 2020, 2021)
    assert c.years[-1] == 2021


def test_a_steady_history_has_zero_sd_and_no_persistence_to_estimate():
    c = calibrate(frame(steady()), ("a", "b"), 2023)
    a = c.rates["a_real"]
    assert a.trend.value == pytest.approx(6.0) and a.sd_path(3) == (0.0, 0.0, 0.0)
    assert a.persistence.label == "no estimate: the errors do not vary"
    assert c.shares["a"] == pytest.approx(100 * 900 * 1.06 ** 7 / (
        900 * 1.06 ** 7 + 100 * 1.02 ** 7), rel=1e-12)
    assert c.years == tuple(YEARS)


def test_the_two_sector_residual_takes_gdps_trend_when_its_own_history_is_silent():
    data = {"gdp_real_growth": {2019: 8.0, 2020: 7.2, 2021: 10.7, 2023: 5.1},
            "services_real_growth": {2020: 7.9, 2023: 6.1}, "services_share": {2023: 97.0}}
    rc = calibrate(frame(data), TWO, 2023).rates["non_services_real"]
    assert rc.trend.value == pytest.approx((7.75 - 0.97 * 7.0) / 0.03, rel=1e-12)
    assert rc.trend.years == (2019, 2020, 2021, 2023)
    assert rc.trend.label == (
        "estimated from 4 years (2019–2021, 2023); implied by GDP's trend 7.75 % and services' "
        "7.00 % at the 2023 services share 97.0 %: (g_Y − w g_S)/(1 − w)")
    # with sectors that are not the two-sector form, there is no residual to derive
    data3 = {"gdp_real_growth": data["gdp_real_growth"], "a_real_growth": {2020: 7.0},
             "a_share": {2023: 97.0}, "b_share": {2023: 3.0}}
    assert calibrate(frame(data3), ("a", "b"), 2023).rates["b_real"].trend.value is None


def test_the_scenario_doc_is_a_scenario_that_runs_with_sds_widening_by_horizon(cal):
    doc = cal.to_scenario_doc("xihu-2023", name="calibrated-2023")
    s = scenario_from_dict(doc, source="calibrated.toml")
    assert s.name == "calibrated-2023" and s.end_year == 2030
    assert dict(s.rates) == {"services_real": 7.29, "non_services_real": 2.29,
                             "services_deflator": 1.17, "retail_sales": 7.64}
    path = s.uncertainty.sd["services_real"]
    assert len(path) == 7 and path == tuple(round(x, 2) for x in
                                            cal.rates["services_real"].sd_path(7))
    assert path[-1] > path[4]
    # the persistence: the mean of the rates' estimates, kept inside [0, 0.99]
    est = [cal.rates[k].persistence.value for k in ("services_real", "non_services_real")]
    assert s.uncertainty.persistence == round(min(max(np.mean(est), 0.0), 0.99), 2)
    mc = sim.simulate(s, n_paths=20, rng=1)
    assert all("estimated from the history of xihu-2023 up to 2023" in x
               for x in mc.assumptions)
    assert "rates.non_services_deflator = 0 (default)" in s.assumptions()


def test_the_description_says_how_each_figure_was_estimated(cal):
    text = cal.to_scenario_doc("xihu-2023")["description"]
    lines = text.split("\n")
    assert lines[0].startswith("Calibrated from the history of xihu-2023 up to 2023 "
                               "(2017–2023): each rate is its trend")
    services = next(x for x in lines if x.startswith("services_real ="))
    assert services.startswith("services_real = 7.29 %: the trend, estimated from 7 years "
                               "(2017–2023). sd, the RMSE of the trend method's errors: 1.30 pp "
                               "1 year ahead (estimated from 6 years (2018–2023))")
    assert "non_services_deflator: not set, no estimate: the history gives no " \
           "non_services_deflator up to 2023; the scenario's default 0 % applies (an " \
           "assumption)." in lines
    assert any(x.startswith("Warnings: services_deflator trend: only 3 years") for x in lines)


def test_a_rate_without_an_estimate_must_be_assumed_and_is_labelled_so():
    data = {"a_real_growth": {2021: 5.0, 2022: 6.0, 2023: 5.5},
            "retail_sales_growth": {2022: 7.0, 2023: 7.2}}
    c = calibrate(frame(data), ("a", "b"), 2023)
    with pytest.raises(sim.InputError, match=r"^key 'rates\.b_real': history gives no estimate "
                                             r"\(no estimate: the history gives no b_real_growth "
                                             r"up to 2023\); give the rate in assumed \(allowed: "
                                             r"\[-50, 100\] % per year\)"):
        c.to_scenario_doc("b.toml")
    doc = c.to_scenario_doc("b.toml", assumed={"b_real": 3})
    assert doc["rates"]["b_real"] == 3.0
    assert "b_real = 3 %: a user assumption" in doc["description"]


def test_an_estimate_outside_the_rates_range_must_be_assumed():
    c = calibrate(frame({"services_real_growth": {2022: -60.0, 2023: -45.0},
                         "non_services_real_growth": {2023: 2.0},
                         "retail_sales_growth": {2023: 5.0}}), TWO, 2023)
    with pytest.raises(sim.InputError, match=r"^key 'rates\.services_real': history's trend is "
                                             r"-52\.5 %, estimated from 2 years \(2022–2023\); "
                                             r"give the rate in assumed \(allowed: \[-50, 100\]"):
        c.to_scenario_doc("xihu-2023")


def test_unestimated_names_exactly_the_rates_the_scenario_file_needs_assumed():
    data = {"a_real_growth": {2021: 5.0, 2022: 6.0, 2023: 5.5},
            "b_real_growth": {2022: -60.0, 2023: -45.0}}
    c = calibrate(frame(data), ("a", "b"), 2023)
    # b's trend is out of range, retail sales have none; the deflators keep their default
    assert c.unestimated() == ("b_real", "retail_sales")
    doc = c.to_scenario_doc("b.toml", assumed=dict.fromkeys(c.unestimated(), 2.0))
    assert doc["rates"] == {"a_real": 5.5, "b_real": 2.0, "retail_sales": 2.0}
    for k in c.unestimated():
        with pytest.raises(sim.InputError, match=rf"^key 'rates\.{k}'"):
            c.to_scenario_doc("b.toml", assumed={x: 2.0 for x in c.unestimated() if x != k})
    assert calibrate(frame(HISTORY), TWO, 2023).unestimated() == ()


def test_a_three_sector_base_with_an_extra_level_gets_every_rate_it_needs():
    data = {"primary_real_growth": {2021: 1.0, 2022: 2.0}, "secondary_real_growth": {2021: 4.0,
            2022: 5.0}, "tertiary_real_growth": {2021: 7.0, 2022: 6.0},
            "retail_sales_growth": {2021: 9.0, 2022: 5.0},
            "industry_above_size": {2022: 111.3}, "industry_above_size_growth": {2022: 3.0},
            "gdp": {2022: 1970.1}, "tertiary": {2022: 1813.0},
            # beside GDP: investment has no default and needs its growth; the revenues keep
            # the scenario's default buoyancy when history gives no growth of them
            "fixed_asset_investment": {2022: 484.0},
            "fixed_asset_investment_growth": {2021: 4.0, 2022: 6.0},
            "budget_revenue": {2022: 233.5}}
    c = calibrate(frame(data), ("primary", "secondary", "tertiary"), 2022)
    doc = c.to_scenario_doc("xihu-2022")
    s = scenario_from_dict(doc)
    assert s.base.name == "xihu-2022"
    assert dict(s.rates) == {"primary_real": 1.5, "secondary_real": 4.5, "tertiary_real": 6.5,
                             "retail_sales": 7.0, "industry_above_size": 3.0,
                             "fixed_asset_investment": 5.0}
    assert "budget_revenue: not set" in doc["description"]
    assert s.resolved_rates()["budget_revenue_buoyancy"] == (1.0,)
    assert c.shares == {"tertiary": pytest.approx(100 * 1813 / 1970.1)}
    assert sim.project(s)["value"].notna().any()


def test_calibration_is_frozen(cal):
    with pytest.raises(dataclasses.FrozenInstanceError):
        cal.base_year = 2020
    with pytest.raises(TypeError):
        cal.rates["services_real"] = None


@pytest.mark.parametrize("call, message", [
    (lambda c: c.to_scenario_doc("xihu-2023", assumed={"servics_real": 5.0}),
     r"^key 'assumed\.servics_real': is not a rate of this calibration; did you mean "
     r"'services_real'\?"),
    (lambda c: c.to_scenario_doc("xihu-2023", assumed={"services_real": 500}),
     r"^key 'assumed\.services_real': is 500, out of range \(allowed: \[-50, 100\] % per year\)"),
    (lambda c: c.to_scenario_doc("xihu-2023", end_year=2023),
     r"^key 'end_year': is 2023, out of range \(allowed: \[2024, 2123\] \(base year 2023"),
    (lambda c: calibrate(frame(HISTORY), TWO, "2023"),
     r"^key 'base_year': must be a whole number, got text '2023'"),
])
def test_bad_options_are_refused(cal, call, message):
    with pytest.raises(sim.InputError, match=message):
        call(cal)
