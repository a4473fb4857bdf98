"""The projection's equations: hand-computed values, identities, analytic cases."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.model import project_paths

XIHU = {"gdp": 2000.0, "services": 1939.3, "retail_sales": 906.3}
GROWTH_2023 = {"gdp": 5.1, "services": 6.1, "retail_sales": 7.2}


def one_year(**rates):
    full = {"services_real": 0.0, "non_services_real": 0.0, "retail_sales": 0.0, **rates}
    return project_paths(XIHU, full, years=[2023, 2024], base_growth=GROWTH_2023)


def test_services_grow_at_real_rate_when_prices_are_flat():
    p = one_year(services_real=6.1)
    assert p.at("services", 2024)[0] == pytest.approx(1939.3 * 1.061, rel=1e-15)


def test_nominal_level_compounds_real_growth_and_deflator():
    p = one_year(services_real=5.0, services_deflator=2.0, non_services_real=-3.0,
                 non_services_deflator=-1.0)
    assert p.at("services", 2024)[0] == pytest.approx(1939.3 * 1.05 * 1.02, rel=1e-15)
    assert p.at("non_services", 2024)[0] == pytest.approx(60.7 * 0.97 * 0.99, rel=1e-13)


def test_real_gdp_growth_weights_sectors_by_last_years_nominal_share():
    p = one_year(services_real=5.6, non_services_real=2.31, services_deflator=3.0)
    expected = (1939.3 * 5.6 + 60.7 * 2.31) / 2000.0   # prices do not enter real growth
    assert p.at("gdp_real_growth", 2024)[0] == pytest.approx(expected, rel=1e-14)
    assert p.at("services_contribution", 2024)[0] == pytest.approx(1939.3 * 5.6 / 2000, rel=1e-14)
    assert p.at("non_services_contribution", 2024)[0] == pytest.approx(60.7 * 2.31 / 2000,
                                                                       rel=1e-13)


def test_gdp_deflator_is_nominal_over_real_growth():
    p = one_year(services_real=5.0, services_deflator=2.0, non_services_real=1.0,
                 non_services_deflator=-4.0)
    gdp1 = 1939.3 * 1.05 * 1.02 + 60.7 * 1.01 * 0.96
    nominal = gdp1 / 2000 - 1
    real = (1939.3 * 0.05 + 60.7 * 0.01) / 2000
    assert p.at("gdp", 2024)[0] == pytest.approx(gdp1, rel=1e-14)
    assert p.at("gdp_nominal_growth", 2024)[0] == pytest.approx(100 * nominal, rel=1e-12)
    assert p.at("gdp_deflator", 2024)[0] == pytest.approx(100 * ((1 + nominal) / (1 + real) - 1),
                                                          rel=1e-11)
    assert p.at("gdp_constant_prices", 2024)[0] == pytest.approx(2000 * (1 + real), rel=1e-14)


def test_retail_grows_at_nominal_rate_or_with_elasticity_to_nominal_gdp():
    assert one_year(retail_sales=7.2).at("retail_sales", 2024)[0] == pytest.approx(906.3 * 1.072)
    rates = {"services_real": 6.0, "non_services_real": 6.0, "services_deflator": 1.0,
             "non_services_deflator": 1.0, "retail_sales_elasticity": 1.5}
    p = project_paths(XIHU, rates, years=[2023, 2024])
    nominal = 1.06 * 1.01 - 1
    assert p.at("retail_sales", 2024)[0] == pytest.approx(906.3 * (1 + 1.5 * nominal), rel=1e-14)
    assert p.at("retail_sales_growth", 2024)[0] == pytest.approx(150 * nominal, rel=1e-13)


def test_rd_expenditure_is_intensity_times_gdp():
    p = one_year(services_real=5.0, rd_intensity=4.45)
    assert p.at("rd_expenditure", 2024)[0] == pytest.approx(0.0445 * p.at("gdp", 2024)[0],
                                                            rel=1e-15)
    assert np.isnan(p.at("rd_expenditure", 2023)[0])   # no base-year R&D figure


def test_base_year_column_holds_the_base_and_its_implied_non_services_growth():
    p = one_year()
    assert p.at("gdp", 2023)[0] == 2000.0
    assert p.at("non_services", 2023)[0] == pytest.approx(60.7)
    assert p.at("gdp_real_growth", 2023)[0] == 5.1
    prior_share = (1939.3 / 1.061) / (2000 / 1.051)
    gn = (0.051 - prior_share * 0.061) / (1 - prior_share)
    assert p.at("non_services_real_growth", 2023)[0] == pytest.approx(100 * gn, rel=1e-12)
    assert (p.at("services_contribution", 2023)[0] + p.at("non_services_contribution", 2023)[0]
            == pytest.approx(5.1, rel=1e-14))
    assert np.isnan(p.at("gdp_nominal_growth", 2023)[0])


def test_plan_scenario_reaches_the_plan_targets_in_2024():
    df = sim.project("plan-2024")
    g = sim.value(df, "gdp_real_growth", 2024)
    assert g == pytest.approx((1939.3 * 5.6 + 60.7 * 2.31) / 2000, rel=1e-14)
    assert g >= 5.5
    assert sim.value(df, "rd_intensity", 2024) > 4.4


rate = st.floats(-50, 100, allow_nan=False, allow_subnormal=False)
level = st.floats(1.0, 1e6, allow_nan=False)


@st.composite
def inputs(draw, n_years=5, n_paths=3):
    gdp = np.array(draw(st.lists(level, min_size=n_paths, max_size=n_paths)))
    shares = st.one_of(st.just(0.0), st.floats(1e-6, 1.0))   # no subnormal levels
    share = np.array(draw(st.lists(shares, min_size=n_paths, max_size=n_paths)))
    levels = {"gdp": gdp, "services": gdp * share,
              "retail_sales": np.array(draw(st.lists(level, min_size=n_paths, max_size=n_paths)))}
    names = ["services_real", "non_services_real", "services_deflator", "non_services_deflator",
             "retail_sales"]
    rates = {k: np.array(draw(st.lists(rate, min_size=n_paths * n_years,
                                       max_size=n_paths * n_years))).reshape(n_paths, n_years)
             for k in names}
    rates["rd_intensity"] = draw(st.floats(0, 100, allow_subnormal=False))
    return levels, rates


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_identities_hold_for_any_valid_inputs(args):
    levels, rates = args
    p = project_paths(levels, rates, years=range(2023, 2029))
    np.testing.assert_allclose(p["gdp"], p["services"] + p["non_services"], rtol=1e-12)
    np.testing.assert_allclose(p["gdp_real_growth"][:, 1:],
                               p["services_contribution"][:, 1:]
                               + p["non_services_contribution"][:, 1:], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(p["rd_expenditure"][:, 1:],
                               p["rd_intensity"][:, 1:] / 100 * p["gdp"][:, 1:], rtol=1e-12)
    np.testing.assert_allclose(p["services_share"], 100 * p["services"] / p["gdp"], rtol=1e-12,
                               atol=1e-12)
    for v in p.values.values():
        assert np.all(np.isfinite(v[:, 1:]) | np.isnan(v[:, 1:]))


@settings(max_examples=100, deadline=None)
@given(inputs(n_years=2))
def test_two_year_projection_equals_two_one_year_steps(args):
    levels, rates = args
    two = project_paths(levels, rates, years=[2023, 2024, 2025])
    first = project_paths(levels, {k: (v[:, :1] if np.ndim(v) else v) for k, v in rates.items()},
                          years=[2023, 2024])
    mid = {k: first[k][:, 1] for k in ("gdp", "services", "retail_sales")}
    second = project_paths(mid, {k: (v[:, 1:] if np.ndim(v) else v) for k, v in rates.items()},
                           years=[2024, 2025])
    for k in ("gdp", "services", "non_services", "retail_sales", "gdp_real_growth",
              "gdp_nominal_growth", "services_contribution", "rd_expenditure"):
        np.testing.assert_allclose(two[k][:, 2], second[k][:, 1], rtol=1e-9, atol=1e-9)


@settings(max_examples=50, deadline=None)
@given(inputs())
def test_zero_growth_and_flat_prices_leave_levels_unchanged(args):
    levels, _ = args
    zero = {k: 0.0 for k in ("services_real", "non_services_real", "services_deflator",
                             "non_services_deflator", "retail_sales")}
    p = project_paths(levels, zero, years=range(2023, 2030))
    for k in ("gdp", "services", "retail_sales", "gdp_constant_prices"):
        np.testing.assert_array_equal(p[k], np.repeat(p[k][:, :1], 7, axis=1))
    assert np.all(p["gdp_real_growth"][:, 1:] == 0)


@settings(max_examples=50, deadline=None)
@given(inputs())
def test_many_paths_equal_each_path_projected_alone(args):
    levels, rates = args
    many = project_paths(levels, rates, years=range(2023, 2029))
    for i in range(3):
        one = project_paths({k: v[i] for k, v in levels.items()},
                            {k: (v[i] if np.ndim(v) else v) for k, v in rates.items()},
                            years=range(2023, 2029))
        for k in many.values:
            np.testing.assert_array_equal(many[k][i], one[k][0])


def test_extra_levels_grow_at_their_own_nominal_rate():
    p = project_paths({**XIHU, "digital_core": 500.0},
                      {"services_real": 5, "non_services_real": 5, "retail_sales": 5,
                       "digital_core": [6.0, 7.0]}, years=[2023, 2024, 2025],
                      base_growth={"digital_core": 8.0})
    np.testing.assert_allclose(p["digital_core"][0], [500, 530, 530 * 1.07])
    np.testing.assert_allclose(p["digital_core_growth"][0], [8.0, 6.0, 7.0])
