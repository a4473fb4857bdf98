"""Goal-seek: solving then projecting hits the target; unreachable targets; bad input."""
import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.analysis import UnreachableTarget, parse_input, solve

PLAN = sim.load_scenario("plan-2024")


def projected(solution):
    """The indicator as sim.project gives it for the solved scenario."""
    df = sim.project(solution.scenario, until=max(solution.year, solution.scenario.end_year))
    return sim.value(df, solution.indicator, solution.year)


@pytest.mark.parametrize("indicator,year,target,vary,vary_year", [
    ("gdp_real_growth", 2024, 5.5, "services_real", None),
    ("gdp_real_growth", 2024, 6.0, "services_real", 2024),
    ("non_services", 2027, 80.0, "non_services_real[2026]", None),
    ("gdp", 2030, 3000.0, "gdp_real", None),
    ("gdp", 2030, 3000.0, "deflator", None),
    ("retail_sales", 2025, 1000.0, "retail_sales", None),
    ("retail_sales", 2026, 1100.0, "retail_sales_elasticity", None),
    ("rd_expenditure", 2030, 150.0, "rd_intensity", None),
    ("gdp", 2024, 2150.0, "levels.gdp", None),
    ("gdp_nominal_growth", 2028, 7.0, "services_deflator", 2028),
])
def test_solve_then_project_hits_the_target(indicator, year, target, vary, vary_year):
    s = PLAN.with_rates(non_services_real=3.0)
    sol = solve(s, indicator=indicator, year=year, target=target, vary=vary, vary_year=vary_year)
    assert abs(projected(sol) - target) < 1e-9
    assert abs(sol.achieved - target) < 1e-9
    assert sol.scenario.name == "plan-2024-solved"
    np.testing.assert_array_equal(sol.paths["gdp"], sim.run_paths(sol.scenario)["gdp"])


def test_the_issues_questions_have_economic_answers():
    # what services growth gives 5.5 % GDP growth if non-services grow 3 %? Eq.: w·g_s +
    # (1−w)·3 = 5.5 with w = 1939.3/2000 (last year's nominal share)
    w = 1939.3 / 2000.0
    sol = solve(PLAN.with_rates(non_services_real=3.0), indicator="gdp_real_growth", year=2024,
                target=5.5, vary="services_real")
    assert sol.value == pytest.approx((5.5 - (1 - w) * 3.0) / w, rel=1e-12)
    # what constant real GDP growth reaches 3000亿元 by 2030 (prices flat)? 2000·(1+g)^7 = 3000
    sol = solve(PLAN, indicator="gdp", year=2030, target=3000, vary="gdp_real")
    assert sol.value == pytest.approx(100 * (1.5 ** (1 / 7) - 1), rel=1e-12)
    # what retail growth reaches 1000亿元 in 2025? 906.3·(1+r)^2 = 1000
    sol = solve(PLAN, indicator="retail_sales", year=2025, target=1000, vary="retail_sales")
    assert sol.value == pytest.approx(100 * ((1000 / 906.3) ** 0.5 - 1), rel=1e-12)
    assert sol.previous == 7.0 and sol.unit == "%"


def test_one_year_input_leaves_the_other_years_alone():
    sol = solve(PLAN, indicator="gdp_real_growth", year=2025, target=6.0, vary="services_real",
                vary_year=2025)
    path = sol.scenario.rate_path("services_real")
    assert path[0] == 5.6 and path[2:].tolist() == [5.6] * 5
    assert sol.input.key == "rates.services_real[2025]"


def test_base_rate_is_rederived_when_a_level_is_solved():
    # without history, non_services_real = "base" is the backcast: it depends on base GDP
    bare = dataclasses.replace(sim.load_base("xihu-2023"), history={})
    m = sim.load_scenario("momentum", base=bare)
    assert m.backcast_rates == ("non_services_real",)
    sol = solve(m, indicator="gdp", year=2026, target=2500, vary="levels.gdp")
    assert abs(projected(sol) - 2500) < 1e-9
    assert sol.scenario.resolved_rates()["non_services_real"] != \
        m.resolved_rates()["non_services_real"]


def test_a_base_rate_history_determines_stays_when_a_level_is_solved():
    m = sim.load_scenario("momentum")    # history: the 2023 growth at the 2022 shares
    assert m.backcast_rates == ()
    sol = solve(m, indicator="gdp", year=2026, target=2500, vary="levels.gdp")
    assert abs(projected(sol) - 2500) < 1e-9
    assert sol.scenario.resolved_rates()["non_services_real"] == \
        m.resolved_rates()["non_services_real"]


@settings(max_examples=25, deadline=None)
@given(target=st.floats(4.0, 7.0), ns=st.floats(-5.0, 8.0))
def test_solve_hits_any_reachable_gdp_growth(target, ns):
    s = PLAN.with_rates(non_services_real=ns)
    sol = solve(s, indicator="gdp_real_growth", year=2024, target=target, vary="services_real")
    assert abs(projected(sol) - target) < 1e-9


@pytest.mark.parametrize("method", ["brentq", "brenth", "bisect", "ridder", "toms748"])
def test_every_root_finder_agrees(method):
    sol = solve(PLAN, indicator="gdp", year=2030, target=3000, vary="services_real",
                method=method)
    assert abs(sol.achieved - 3000) < 1e-9
    assert sol.method == method and sol.model_calls >= 2


def test_bounds_restrict_the_search_and_can_make_a_target_unreachable():
    sol = solve(PLAN, indicator="gdp_real_growth", year=2024, target=5.5, vary="services_real",
                bounds=(5.0, 6.0))
    assert 5.0 <= sol.value <= 6.0 and sol.bracket[0] >= 5.0
    with pytest.raises(UnreachableTarget, match=r"no value of rates\.services_real in \[0, 5\]"):
        solve(PLAN, indicator="gdp_real_growth", year=2024, target=5.5, vary="services_real",
              bounds=(0.0, 5.0))


def test_unreachable_target_gives_the_closest_reachable_value():
    with pytest.raises(sim.InputError,
                       match=r"key 'target': no value of rates\.services_real in \[-50, 100\] % "
                             r"gives gdp_real_growth = 150 % in 2024; the closest reachable is "
                             r"97\.03\d* %, at rates\.services_real = 100 %.*allowed: -48\.4\d* … "
                             r"97\.03\d* %") as info:
        solve(PLAN, indicator="gdp_real_growth", year=2024, target=150, vary="services_real")
    err = info.value
    assert isinstance(err, UnreachableTarget)
    w = 1939.3 / 2000
    assert err.closest == pytest.approx(w * 100 + (1 - w) * 2.31, rel=1e-12)
    assert err.at == 100.0
    assert err.reachable[1] == pytest.approx(err.closest)


def test_a_non_monotone_interior_optimum_is_found_as_closest():
    # GDP in 2024 as a function of base services (with GDP fixed) is flat-ish; ask too much
    with pytest.raises(UnreachableTarget, match=r"closest reachable") as info:
        solve(PLAN, indicator="gdp", year=2024, target=2500, vary="levels.services")
    assert info.value.closest < 2500


def test_solution_reports_and_frame():
    sol = solve(PLAN, indicator="gdp", year=2024, target=2120, vary="services_real")
    d = sol.to_dict()
    assert d["input"] == "rates.services_real" and d["residual"] == sol.residual
    assert "gives gdp = 2120" in sol.describe()
    assert "地区生产总值" in sol.describe("zh")
    frame = sol.to_frame()
    assert list(frame.columns) == ["scenario", "indicator", "year", "value", "unit"]
    assert sim.value(frame, "gdp", 2024) == pytest.approx(2120, abs=1e-9)


def test_parse_input_forms():
    assert parse_input(PLAN, "rates.services_real").key == "rates.services_real"
    assert parse_input(PLAN, "services_real[2025]").year == 2025
    assert parse_input(PLAN, "gdp").kind == "level"
    assert parse_input(PLAN, "gdp_real").names == ("services_real", "non_services_real")


def test_bad_input_messages():
    with pytest.raises(sim.InputError, match=r"key 'vary'.*unknown input 'servces_real'; "
                                             r"did you mean 'services_real'"):
        solve(PLAN, indicator="gdp", year=2024, target=1, vary="servces_real")
    with pytest.raises(sim.InputError, match=r"key 'indicator'.*unknown indicator 'gpd'"):
        solve(PLAN, indicator="gpd", year=2024, target=1, vary="services_real")
    with pytest.raises(sim.InputError, match=r"key 'vary year'.*2031.*\[2024, 2030\]"):
        solve(PLAN, indicator="gdp", year=2024, target=1, vary="services_real", vary_year=2031)
    with pytest.raises(sim.InputError, match=r"cannot change gdp in 2024.*allowed: 2024 … 2024"):
        solve(PLAN, indicator="gdp", year=2024, target=1, vary="services_real", vary_year=2025)
    with pytest.raises(sim.InputError, match=r"key 'method'.*brentq"):
        solve(PLAN, indicator="gdp", year=2024, target=1, vary="services_real", method="newton")
    with pytest.raises(sim.InputError, match=r"key 'bounds'.*within \[-50, 100\]"):
        solve(PLAN, indicator="gdp", year=2024, target=1, vary="services_real", bounds=(-60, 0))
    with pytest.raises(sim.InputError, match=r"key 'bounds'.*not an interval"):
        solve(PLAN, indicator="gdp", year=2024, target=1, vary="services_real", bounds=(2, 1))
    with pytest.raises(sim.InputError, match=r"key 'target'.*must be a finite number"):
        solve(PLAN, indicator="gdp", year=2024, target=float("nan"), vary="services_real")
    with pytest.raises(sim.InputError, match=r"key 'indicator'.*not defined in 2024"):
        solve(PLAN.with_rates(rd_intensity=None), indicator="rd_intensity", year=2024,
              target=4.5, vary="services_real")
    elastic = PLAN.with_rates(retail_sales_elasticity=1.0)
    with pytest.raises(sim.InputError, match=r"elasticity; vary retail_sales for every year"):
        solve(elastic, indicator="retail_sales", year=2024, target=1000, vary="retail_sales",
              vary_year=2024)
