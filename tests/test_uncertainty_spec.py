"""The uncertainty spec validates its own values: one pass, one message per fault, whether the
spec comes from a scenario file, an object given to a scenario, or one given to an analysis."""
import numpy as np
import pytest

import sim
from sim.uncertainty import Uncertainty, correlation_matrix

RATES = {"services_real": 5.6, "non_services_real": 2.31, "retail_sales": 7.0}
NAMES = ("services_real", "non_services_real", "services_deflator", "non_services_deflator",
         "retail_sales", "retail_sales_elasticity", "rd_intensity")


def from_file(unc: dict):
    return sim.scenario_from_dict({"name": "t", "rates": RATES, "uncertainty": unc},
                                  source="t.toml")


def given_to_scenario(unc: Uncertainty):
    return sim.Scenario(name="t", base=sim.load_base("xihu-2023"), rates=RATES, uncertainty=unc,
                        source="t.toml")


def given_to_monte_carlo(unc: Uncertainty):
    return sim.simulate(sim.scenario_from_dict({"name": "t", "rates": RATES}), n_paths=10,
                        rng=1, uncertainty=unc)


def test_from_dict_reads_a_table_into_floats_and_back():
    doc = {"persistence": 0.5, "correlation": [["services_real", "retail_sales", 0.25]],
           "services_real": {"sd": 1, "skew": 0.2}, "retail_sales": {"sd": 2}}
    unc = Uncertainty.from_dict(doc, NAMES)
    assert unc == Uncertainty(sd={"services_real": 1.0, "retail_sales": 2.0},
                              skew={"services_real": 0.2}, persistence=0.5,
                              correlation=(("services_real", "retail_sales", 0.25),))
    assert isinstance(unc.sd["services_real"], float)
    assert Uncertainty.from_dict(unc.to_dict(), NAMES) == unc


def test_validated_returns_the_same_spec_with_float_values():
    unc = Uncertainty(sd={"services_real": 1}, persistence=0, correlation=[["services_real",
                                                                           "retail_sales", 1]])
    checked = unc.validated(NAMES)
    assert checked == unc
    assert [type(x) for x in (checked.sd["services_real"], checked.persistence,
                              checked.correlation[0][2])] == [float, float, float]


def test_correlation_matrix_puts_each_pair_in_both_triangles_and_zeros_elsewhere():
    unc = Uncertainty(correlation=(("a", "c", 0.3), ("b", "a", -0.2)))
    np.testing.assert_array_equal(correlation_matrix(unc, ["a", "b", "c"]),
                                  [[1.0, -0.2, 0.3], [-0.2, 1.0, 0.0], [0.3, 0.0, 1.0]])


PAIR_FAULTS = {
    "a pair with itself": ([["services_real", "services_real", 0.2]],
                           r"key 'uncertainty\.correlation\[0\]': pairs a rate with itself "
                           r"\(allowed: two different rates\)"),
    "an unknown rate": ([["services_real", "servics_real", 0.2]],
                        r"key 'uncertainty\.correlation\[0\]': names unknown rate 'servics_real'; "
                        r"did you mean 'services_real'\? \(allowed: services_real, "),
    "two rates only": ([["services_real", "retail_sales"]],
                       r"key 'uncertainty\.correlation\[0\]': must be \[rate, rate, correlation\]"),
    "a correlation above 1": ([["services_real", "retail_sales", 1.5]],
                              r"key 'uncertainty\.correlation\[0\]': is 1\.5, out of range "
                              r"\(allowed: \[-1, 1\]\)"),
    "a pair given twice": ([["services_real", "retail_sales", 0.2],
                            ["retail_sales", "services_real", 0.3]],
                           r"key 'uncertainty\.correlation\[1\]': gives retail_sales–services_real "
                           r"a second value \(0\.2, then 0\.3\) \(allowed: each pair once\)"),
    "inconsistent correlations": ([["services_real", "non_services_real", 0.9],
                                   ["services_real", "retail_sales", 0.9],
                                   ["non_services_real", "retail_sales", -0.9]],
                                  r"key 'uncertainty\.correlation': the correlations do not form "
                                  r"a positive semi-definite matrix \(smallest eigenvalue -0\.8\)"),
}


@pytest.mark.parametrize("fault", PAIR_FAULTS, ids=list(PAIR_FAULTS))
def test_a_bad_correlation_gets_one_message_wherever_the_spec_comes_from(fault):
    pairs, message = PAIR_FAULTS[fault]
    with pytest.raises(sim.InputError, match="^t.toml: " + message):
        from_file({"correlation": pairs})
    unc = Uncertainty(sd={"services_real": 1.0}, correlation=tuple(map(tuple, pairs)))
    with pytest.raises(sim.InputError, match="^t.toml: " + message):
        given_to_scenario(unc)
    with pytest.raises(sim.InputError, match="^" + message):
        given_to_monte_carlo(unc)


@pytest.mark.parametrize("part, value, message", [
    ("sd", -1.0, r"key 'uncertainty\.services_real\.sd': is -1, out of range "
                 r"\(allowed: \[0, 50\] pp\)"),
    ("skew", 1.0, r"key 'uncertainty\.services_real\.skew': is 1, out of range "
                  r"\(allowed: \[-0\.99, 0\.99\] \(two-piece normal balance\)\)"),
])
def test_a_value_out_of_range_gets_one_message_wherever_the_spec_comes_from(part, value,
                                                                            message):
    with pytest.raises(sim.InputError, match="^t.toml: " + message):
        from_file({"services_real": {part: value}})
    sd = {"services_real": value if part == "sd" else 1.0}
    skew = {"services_real": value} if part == "skew" else {}
    with pytest.raises(sim.InputError, match="^t.toml: " + message):
        given_to_scenario(Uncertainty(sd=sd, skew=skew))
    with pytest.raises(sim.InputError, match="^" + message):
        given_to_monte_carlo(Uncertainty(sd=sd, skew=skew))


def test_an_object_naming_an_unknown_rate_gets_one_message_from_a_scenario_and_an_analysis():
    unc = Uncertainty(sd={"servics_real": 1.0})
    message = (r"key 'uncertainty\.servics_real\.sd': names an unknown rate; did you mean "
               r"'services_real'\? \(allowed: services_real, non_services_real, ")
    with pytest.raises(sim.InputError, match="^t.toml: " + message):
        given_to_scenario(unc)
    with pytest.raises(sim.InputError, match="^" + message):
        given_to_monte_carlo(unc)


def test_a_file_naming_an_unknown_rate_gets_the_unknown_key_message():
    with pytest.raises(sim.InputError,
                       match=r"^t.toml: key 'uncertainty\.servics_real': unknown key; did you "
                             r"mean 'services_real'\? \(allowed: persistence, correlation, "
                             r"services_real, "):
        from_file({"servics_real": {"sd": 1.0}})


@pytest.mark.parametrize("doc, message", [
    (5, r"key 'uncertainty': must be a table, got 5"),
    ({"correlation": 5}, r"key 'uncertainty\.correlation': must be a list of "
                         r"\[rate, rate, correlation\]"),
    ({"correlation": [5]}, r"key 'uncertainty\.correlation\[0\]': must be "
                           r"\[rate, rate, correlation\]"),
    ({"correlation": [["services_real", 5, 0.2]]},
     r"key 'uncertainty\.correlation\[0\]': must be a string, got 5"),
    ({"services_real": 1.0}, r"key 'uncertainty\.services_real': must be a table, got 1\.0"),
    ({"services_real": {"sdd": 1.0}}, r"key 'uncertainty\.services_real\.sdd': unknown key; "
                                      r"did you mean 'sd'\? \(allowed: sd, skew, basis\)"),
    ({"persistence": "x"}, r"key 'uncertainty\.persistence': must be a number, got text 'x' "
                           r"\(allowed: \[0, 0\.99\] \(year-to-year correlation of shocks\)\)"),
])
def test_a_malformed_table_is_refused_naming_its_key(doc, message):
    with pytest.raises(sim.InputError, match="^t.toml: " + message):
        from_file(doc)
