"""A standard deviation that is a path by horizon: the fan widens as the errors say.

``sd = [1, 2]`` gives the 1st projected year an sd of 1 pp and the 2nd and every later year
2 pp; a number stays one sd for every year, and gives the same draws as before.
"""
import numpy as np
import pytest

import sim
from sim.analysis import simulate, sobol_scenario, tornado
from sim.analysis.shocks import effective_uncertainty, shocks_from_normals
from sim.scenario import scenario_from_dict
from sim.uncertainty import MAX_SD_PATH, Uncertainty, sd_by_year, sd_text

RATES = {"services_real": 5.6, "non_services_real": 2.31, "retail_sales": 7.0}
NAMES = ("services_real", "non_services_real", "services_deflator", "non_services_deflator",
         "retail_sales", "retail_sales_elasticity", "rd_intensity")


def scenario(unc):
    return scenario_from_dict({"name": "t", "rates": dict(RATES), "uncertainty": unc},
                              source="t.toml")


def test_sd_by_year_continues_the_last_value_and_cuts_a_longer_path():
    np.testing.assert_array_equal(sd_by_year((1.0, 2.0), 4), [1.0, 2.0, 2.0, 2.0])
    np.testing.assert_array_equal(sd_by_year((1.0, 2.0, 3.0), 2), [1.0, 2.0])
    np.testing.assert_array_equal(sd_by_year(1.5, 3), [1.5, 1.5, 1.5])


def test_a_path_of_sd_1_then_2_gives_the_simulated_growth_sd_1_then_2():
    n = 40_000
    mc = simulate(scenario({"services_real": {"sd": [1.0, 2.0]}}), n_paths=n, rng=11,
                  until=2026)
    sd = mc.paths["services_real_growth"][:, 1:].std(axis=0, ddof=1)
    # the sample sd of n normal draws has standard error sd / sqrt(2 (n - 1)); 5 of them
    tol = 5 / np.sqrt(2 * (n - 1))
    np.testing.assert_allclose(sd, [1.0, 2.0, 2.0], atol=tol * 2.0)
    assert abs(sd[0] - 1.0) < tol * 1.0
    # services weigh w0 = 1939.3 / 2000 in 2024's real GDP growth: its sd is w0 × 1 pp
    g = mc.paths.at("gdp_real_growth", 2024)
    assert g.std(ddof=1) == pytest.approx(1939.3 / 2000.0, abs=tol)


def test_with_persistence_zero_the_years_of_a_path_are_independent():
    mc = simulate(scenario({"services_real": {"sd": [1.0, 2.0]}}), n_paths=40_000, rng=3,
                  until=2025)
    x = mc.paths["services_real_growth"]
    assert abs(np.corrcoef(x[:, 1], x[:, 2])[0, 1]) < 5 / np.sqrt(40_000)


def test_persistence_keeps_its_correlation_across_years_whatever_the_sd_path():
    mc = simulate(scenario({"persistence": 0.6, "services_real": {"sd": [1.0, 3.0]}}),
                  n_paths=40_000, rng=5, until=2025)
    x = mc.paths["services_real_growth"]
    assert np.corrcoef(x[:, 1], x[:, 2])[0, 1] == pytest.approx(0.6, abs=0.02)
    assert x[:, 2].std() == pytest.approx(3.0, rel=0.02)


def test_a_path_with_skew_keeps_each_years_sd_and_moves_the_mean_up():
    e = np.random.default_rng(2).standard_normal((3, 200_000))
    r = shocks_from_normals(e, (1.0, 2.0), 0.4)
    np.testing.assert_allclose(r.std(axis=1), [1.0, 2.0, 2.0], rtol=0.01)
    assert (r.mean(axis=1) > 0).all()
    np.testing.assert_array_equal(r[0], shocks_from_normals(e[0], 1.0, 0.4))


def test_the_years_axis_of_the_draws_can_be_any_axis():
    e = np.random.default_rng(4).standard_normal((2, 3, 5))      # (matrix, years, paths)
    r = shocks_from_normals(e, (1.0, 2.0, 4.0), 0.0, axis=1)
    np.testing.assert_array_equal(r, e * np.array([1.0, 2.0, 4.0])[None, :, None])


def test_a_one_value_path_draws_the_same_numbers_as_the_number():
    a = simulate(scenario({"services_real": {"sd": 1.5}}), n_paths=500, rng=9)
    b = simulate(scenario({"services_real": {"sd": [1.5]}}), n_paths=500, rng=9)
    for k in a.paths.values:
        np.testing.assert_array_equal(a.paths[k], b.paths[k])


def test_a_constant_path_draws_the_same_numbers_as_the_number_with_skew_and_correlation():
    common = {"persistence": 0.5, "correlation": [["services_real", "retail_sales", 0.3]],
              "retail_sales": {"sd": 2.0}}
    a = simulate(scenario({**common, "services_real": {"sd": 1.0, "skew": 0.2}}),
                 n_paths=300, rng=4)
    b = simulate(scenario({**common, "services_real": {"sd": [1.0] * 7, "skew": 0.2}}),
                 n_paths=300, rng=4)
    for k in a.paths.values:
        np.testing.assert_array_equal(a.paths[k], b.paths[k])


def test_a_path_zero_at_first_is_uncertain_only_from_the_year_its_sd_is_positive():
    mc = simulate(scenario({"services_real": {"sd": [0.0, 1.0]}}), n_paths=200, rng=1,
                  until=2025)
    x = mc.paths["services_real_growth"]
    assert (x[:, 1] == 5.6).all() and x[:, 2].std() > 0.5
    assert Uncertainty(sd={"a": (0.0, 0.0), "b": (0.0, 1.0), "c": 0.0}).uncertain() == {
        "b": (0.0, 1.0)}


def test_the_results_state_the_sd_of_each_year():
    s = scenario({"services_real": {"sd": [1.0, 2.5]}, "retail_sales": {"sd": 2.0}})
    _, lines = effective_uncertainty(s)
    assert lines[0] == ("uncertainty.services_real.sd = 1 pp in 2024, 2.5 pp in 2025 and after "
                        "(assumption of the scenario file)")
    assert lines[1] == "uncertainty.retail_sales.sd = 2 pp (assumption of the scenario file)"
    assert sd_text((3.0,), 2024) == "3 pp"


def test_a_basis_says_where_the_numbers_come_from_in_every_line():
    s = scenario({"basis": "estimated from the backtest errors of 2019–2023",
                  "services_real": {"sd": [1.0, 2.0]}})
    _, lines = effective_uncertainty(s)
    assert all(x.endswith("(estimated from the backtest errors of 2019–2023)") for x in lines)
    mc = simulate(s, n_paths=10, rng=1)
    assert mc.assumptions == lines


def test_a_path_and_a_basis_go_through_the_file_layout_and_back():
    s = scenario({"basis": "estimated", "services_real": {"sd": [1, 2], "skew": 0.1}})
    assert s.uncertainty.sd["services_real"] == (1.0, 2.0)
    doc = s.to_dict()
    assert doc["uncertainty"] == {"basis": "estimated",
                                  "services_real": {"sd": [1.0, 2.0], "skew": 0.1}}
    again = sim.parse_scenario(s.to_toml(), source="again.toml")
    assert again.uncertainty == s.uncertainty
    assert Uncertainty.from_dict(doc["uncertainty"], NAMES) == s.uncertainty


def test_tornado_steps_a_rate_by_its_first_years_sd_and_sobol_draws_the_path():
    s = scenario({"services_real": {"sd": [0.5, 2.0]}, "non_services_real": {"sd": 3.0}})
    t = tornado(s, indicator="gdp_real_growth", year=2025)
    step = dict(zip(t.frame["input"], t.frame["step"]))
    assert step == {"rates.services_real": 0.5, "rates.non_services_real": 3.0}
    sob = sobol_scenario(s, indicator="gdp", year=2026, n=256, rng=1)
    assert np.isfinite(sob.first_order).all()


SD_PATH_FAULTS = {
    "an empty path": ([], r"key 'uncertainty\.services_real\.sd': is a path of 0 values "
                          r"\(allowed: a number in \[0, 50\] pp, or a list of 1 … 100 such "
                          r"numbers, one per projected year \(the last continuing\)\)"),
    "a path too long": ([1.0] * (MAX_SD_PATH + 1),
                        r"key 'uncertainty\.services_real\.sd': is a path of 101 values"),
    "a negative value": ([1.0, -2.0], r"key 'uncertainty\.services_real\.sd\[1\]': is -2, out "
                                      r"of range \(allowed: \[0, 50\] pp\)"),
    "a value too large": ([1.0, 2.0, 60.0], r"key 'uncertainty\.services_real\.sd\[2\]': is 60, "
                                            r"out of range \(allowed: \[0, 50\] pp\)"),
    "not a number": ([1.0, "2"], r"key 'uncertainty\.services_real\.sd\[1\]': must be a number, "
                                 r"got text '2' \(allowed: \[0, 50\] pp\)"),
    "NaN": ([1.0, float("nan")], r"key 'uncertainty\.services_real\.sd\[1\]': must be a finite "
                                 r"number, got nan"),
    "infinity": ([float("inf")], r"key 'uncertainty\.services_real\.sd\[0\]': must be a finite "
                                 r"number, got inf"),
}


@pytest.mark.parametrize("fault", SD_PATH_FAULTS, ids=list(SD_PATH_FAULTS))
def test_a_bad_sd_path_is_refused_by_the_file_the_scenario_and_the_monte_carlo(fault):
    path, message = SD_PATH_FAULTS[fault]
    with pytest.raises(sim.InputError, match=r"^t\.toml: " + message):
        scenario({"services_real": {"sd": path}})
    with pytest.raises(sim.InputError, match=r"^t\.toml: " + message):
        sim.Scenario(name="t", base=sim.load_base("xihu-2023"), rates=RATES, source="t.toml",
                     uncertainty=Uncertainty(sd={"services_real": path}))
    with pytest.raises(sim.InputError, match=message):
        simulate(scenario_from_dict({"name": "t", "rates": RATES}), n_paths=10, rng=1,
                 uncertainty=Uncertainty(sd={"services_real": path}))


def test_a_basis_that_is_not_text_is_refused():
    with pytest.raises(sim.InputError, match=r"key 'uncertainty\.basis': must be a string, "
                                             r"got 3"):
        scenario({"basis": 3})
    with pytest.raises(sim.InputError, match=r"key 'uncertainty\.basis': contains the control "
                                             r"character '\\x1b'"):
        scenario({"basis": "\x1b[2J"})
