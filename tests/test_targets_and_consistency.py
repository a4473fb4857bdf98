"""The 2024 plan's targets and the base-year consistency report."""
import math

import numpy as np
import pytest

import sim
from sim.accounts import gdp_for_non_services_growth, implied_prior_year


def test_every_shipped_scenario_is_checked_against_gdp_and_rd_targets():
    df = sim.project(list(sim.shipped_scenarios()))
    checked = sim.check_targets(df).set_index(["scenario", "target"])
    assert checked.loc[("plan-2024", "gdp_growth"), "status"] == "met"
    assert checked.loc[("plan-2024", "rd_intensity"), "status"] == "met"
    assert checked.loc[("downside", "gdp_growth"), "status"] == "missed"
    assert checked.loc[("upside", "gdp_growth"), "status"] == "met"
    # momentum holds R&D at exactly 4.4%: the target is "above 4.4%"
    assert checked.loc[("momentum", "rd_intensity"), "status"] == "missed"
    assert checked.loc[("momentum", "rd_intensity"), "value"] == 4.4
    assert checked.loc[("plan-2024", "ic_output"), "status"] == "not evaluable"


def test_extra_targets_are_evaluated_once_a_base_supplies_them():
    base = sim.load_base("xihu-2023")
    b = sim.base_from_dict({**base.to_dict(), "levels": {**base.levels, "digital_core": 500.0,
                                                         "ic_output": 20.0}})
    s = sim.scenario_from_dict({"rates": {"services_real": 6, "non_services_real": 2,
                                          "retail_sales": 7, "digital_core": 6.0,
                                          "ic_output": 8.0}}, base=b)
    checked = sim.check_targets(sim.project(s)).set_index("target")
    assert checked.loc["digital_core_growth", "status"] == "met"    # 6.0 >= 6
    assert checked.loc["ic_output", "value"] == pytest.approx(20.0 * 1.08)
    assert checked.loc["ic_output", "status"] == "missed"            # 21.6 < 22亿元


def test_target_comparison_is_at_least_or_strictly_above():
    gdp, rd = sim.PLAN_2024[0], sim.PLAN_2024[1]
    assert gdp.met(5.5) and gdp.met(5.5 - 1e-12) and not gdp.met(5.49)
    assert not rd.met(4.4) and rd.met(4.4000001)
    np.testing.assert_array_equal(gdp.met(np.array([5.0, 6.0])), [False, True])


def test_backcast_matches_hand_computation():
    w, gn = implied_prior_year(2000.0, 1939.3, 5.1, 6.1)
    assert float(w) == pytest.approx((1939.3 / 1.061) / (2000 / 1.051), rel=1e-15)
    assert float(gn) == pytest.approx(-19.2235, abs=1e-4)


@pytest.mark.parametrize("target", [-10.0, 0.0, 3.0])
def test_gdp_level_hint_solves_for_the_non_services_rate(target):
    level = gdp_for_non_services_growth(1939.3, 5.1, 6.1, target)
    _, gn = implied_prior_year(level, 1939.3, 5.1, 6.1)
    assert float(gn) == pytest.approx(target, abs=1e-9)


def test_consistency_report_warns_about_non_services_and_says_what_to_change():
    report = sim.consistency_report(sim.load_base("xihu-2023"))
    codes = [f.code for f in report.warnings]
    assert codes == ["non_services_growth", "gdp_level_hint"]
    hint = report.warnings[1]
    assert math.isclose(hint.value, gdp_for_non_services_growth(1939.3, 5.1, 6.1, -10.0))
    assert "2048亿元" in hint.en and "2298亿元" in hint.en and "2048亿元" in hint.zh


def test_consistency_report_is_quiet_when_the_figures_are_plausible():
    b = sim.load_base("xihu-2023").with_levels(gdp=2300.0)
    report = sim.consistency_report(b)
    assert report.warnings == ()
    assert any(f.code == "non_services_growth" and f.level == "info" for f in report.findings)


def test_an_overridden_gdp_level_is_reported_as_an_assumption_not_a_lower_bound():
    start = sim.load_scenario("plan-2024").with_levels(gdp=2030.0).start
    assert start.lower_bounds == () and dict(start.overridden) == {"gdp": 2000.0}
    report = sim.consistency_report(start)
    codes = [f.code for f in report.findings]
    assert "gdp_override" in codes and "gdp_lower_bound" not in codes
    assert "2030亿元 is a user assumption, replacing the base's 2000亿元" in report.text()
    assert [f.code for f in report.warnings] == ["non_services_growth", "gdp_level_hint"]


@pytest.mark.parametrize("growth", [{"gdp": -3.0, "services": 20.0}, {"gdp": 0.0, "services": 6.1},
                                    {"gdp": 3.0, "services": 1.0}])
def test_consistency_report_wording_for_unusual_growth(growth):
    b = sim.load_base("xihu-2023")
    report = sim.consistency_report(sim.base_from_dict({**b.to_dict(), "growth": growth}))
    text = report.text("en") + report.text("zh")
    assert "nan" not in text.lower() and "+-" not in text
    assert f"GDP {growth['gdp']:+g}%" in report.text("en")


def test_consistency_report_names_the_missing_growth():
    b = sim.load_base("xihu-2023")
    report = sim.consistency_report(sim.base_from_dict({**b.to_dict(), "growth": {"gdp": 5.0}}))
    assert "no real growth for services." in report.text()
