"""Sensitivity: tornado against hand-computed effects; Sobol indices against analytic values."""
import numpy as np
import pytest
from scipy import stats

import sim
from sim.scenario import Uncertainty
from sim.sensitivity import sobol, sobol_scenario, tornado

PLAN = sim.load_scenario("plan-2024")
W = 1939.3 / 2000.0           # services share of GDP in 2023: the weight of 2024's real growth


@pytest.fixture(scope="session")
def ishigami_reference():
    """First and total Sobol indices of the Ishigami function (a = 7, b = 0.1).

    Saltelli et al. (2008), *Global Sensitivity Analysis. The Primer*, ch. 4, exercise 5,
    p. 179–182; V13 as corrected in scipy's tests (doi:10.1002/nme.4856).
    """
    a, b = 7.0, 0.1
    var = 0.5 + a ** 2 / 8 + b * np.pi ** 4 / 5 + b ** 2 * np.pi ** 8 / 18
    v1 = 0.5 + b * np.pi ** 4 / 5 + b ** 2 * np.pi ** 8 / 50
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * 8 / 225
    first = np.array([v1, v2, 0.0]) / var
    total = first + np.array([v13, 0.0, v13]) / var
    return first, total


def ishigami(x, a=7.0, b=0.1):
    return np.sin(x[0]) + a * np.sin(x[1]) ** 2 + b * x[2] ** 4 * np.sin(x[0])


# -- tornado ---------------------------------------------------------------------------------------
def test_tornado_moves_each_input_by_its_sd_and_sorts_by_swing():
    tr = tornado(PLAN, indicator="gdp_real_growth", year=2024)
    f = tr.frame.set_index("input")
    # real GDP growth in 2024 = W g_s + (1 − W) g_n: effects are exactly W·sd and (1 − W)·sd
    assert f.loc["rates.services_real", "delta_high"] == pytest.approx(W * 1.0, rel=1e-12)
    assert f.loc["rates.services_real", "delta_low"] == pytest.approx(-W * 1.0, rel=1e-12)
    assert f.loc["rates.non_services_real", "swing"] == pytest.approx(2 * (1 - W) * 4.0,
                                                                      rel=1e-10)
    assert f.loc["rates.services_deflator", "swing"] == 0.0
    assert list(tr.frame["swing"]) == sorted(tr.frame["swing"], reverse=True)
    assert tr.frame["input"].iloc[0] == "rates.services_real"
    assert tr.model_runs == 2 * len(f) + 1
    assert tr.base == pytest.approx(sim.value(sim.project(PLAN), "gdp_real_growth", 2024))
    assert tr.output_unit == "%"


def test_tornado_levels_one_year_inputs_and_custom_steps():
    tr = tornado(PLAN, indicator="gdp", year=2030,
                 inputs=["levels.gdp", "services_real[2024]", "services_real", "retail_sales"],
                 steps={"services_real": 0.5})
    f = tr.frame.set_index("input")
    assert f.loc["levels.gdp", "step"] == pytest.approx(20.0)      # 1 % of 2000亿元
    assert f.loc["rates.services_real", "step"] == 0.5
    assert f.loc["rates.retail_sales", "swing"] == 0.0
    # one year moves the level by the same factor in every later year: S·(1 ± 0.01/1.056)
    s2030 = sim.value(sim.project(PLAN), "services", 2030)
    assert f.loc["rates.services_real[2024]", "delta_high"] == pytest.approx(
        s2030 * 0.01 / 1.056, rel=1e-10)
    # cross-check one row against a projection of the moved scenario
    moved = sim.value(sim.project(PLAN.with_rates(services_real=6.1)), "gdp", 2030)
    assert f.loc["rates.services_real", "high"] == pytest.approx(moved, rel=1e-14)


def test_tornado_without_uncertainty_moves_every_rate_by_one_point():
    tr = tornado(PLAN, indicator="gdp", year=2026, uncertainty=Uncertainty())
    assert set(tr.frame["step"]) == {1.0}
    assert len(tr.frame) == len(PLAN.resolved_rates())
    both = tornado(PLAN, indicator="gdp_real_growth", year=2024, inputs=["gdp_real"])
    assert both.frame["step"].iloc[0] == 1.0                 # composite inputs: 1 pp
    assert both.frame["delta_high"].iloc[0] == pytest.approx(1.0, rel=1e-12)


def test_tornado_bad_input():
    with pytest.raises(sim.InputError, match=r"key 'inputs'.*unknown input 'servics_real'"):
        tornado(PLAN, indicator="gdp", year=2030, inputs=["servics_real"])
    with pytest.raises(sim.InputError, match=r"key 'steps\.services_real'.*allowed: \(0, "):
        tornado(PLAN, indicator="gdp", year=2030, inputs=["services_real"],
                steps={"services_real": -1.0})
    with pytest.raises(sim.InputError, match=r"key 'steps'.*not among the inputs"):
        tornado(PLAN, indicator="gdp", year=2030, inputs=["services_real"],
                steps={"retail_sales": 1.0})
    with pytest.raises(sim.InputError, match=r"key 'inputs'.*does not set rd_intensity"):
        tornado(PLAN.with_rates(rd_intensity=None), indicator="gdp", year=2030,
                inputs=["rd_intensity"])
    with pytest.raises(sim.InputError, match=r"after the output year 2025"):
        tornado(PLAN, indicator="gdp", year=2025, inputs=["services_real[2027]"])
    with pytest.raises(sim.InputError, match=r"key 'year'.*2023"):
        tornado(PLAN, indicator="gdp", year=2023)
    with pytest.raises(sim.InputError, match=r"key 'indicator'.*unknown indicator"):
        tornado(PLAN, indicator="growth", year=2024)


# -- Sobol -------------------------------------------------------------------------------------------
def test_ishigami_reference_values_through_the_wrapper(ishigami_reference):
    first, total = ishigami_reference
    dist = stats.uniform(loc=-np.pi, scale=2 * np.pi)
    res = sobol(ishigami, dists=[dist] * 3, n=4096, rng=28631265345463262246170309650372465332)
    np.testing.assert_allclose(res.first_order, first, atol=1e-2)
    np.testing.assert_allclose(res.total_order, total, atol=1e-2)
    assert res.model_runs == 4096 * 5
    assert res.variance == pytest.approx(0.5 + 49 / 8 + 0.1 * np.pi ** 4 / 5
                                         + 0.01 * np.pi ** 8 / 18, rel=0.05)


def test_additive_model_indices_are_its_variance_shares():
    c = np.array([1.0, -2.0, 0.5, 3.0])
    sd = np.array([1.0, 0.8, 2.0, 0.1])            # shares 1 : 2.56 : 1 : 0.09
    share = (c * sd) ** 2 / np.sum((c * sd) ** 2)
    res = sobol(lambda x: c @ x, dists=[stats.norm(0, s) for s in sd], n=2 ** 12, rng=3,
                names=["a", "b", "c", "d"])
    np.testing.assert_allclose(res.first_order, share, atol=0.02)
    np.testing.assert_allclose(res.total_order, share, atol=0.02)
    assert abs(res.interactions) < 0.03
    assert res.to_frame()["factor"].iloc[-1] == "d"          # the smallest share last


def test_scenario_sobol_of_first_year_growth_is_analytic():
    # gdp_real_growth(2024) = W g_s + (1 − W) g_n is additive in the two shocks: S_i are the
    # variance shares; the deflator, retail and R&D factors do not move it at all
    res = sobol_scenario(PLAN, indicator="gdp_real_growth", year=2024, n=2 ** 13, rng=1)
    frame = res.to_frame().set_index("factor")
    a, b = (W * 1.0) ** 2, ((1 - W) * 4.0) ** 2
    assert frame.loc["services_real", "first_order"] == pytest.approx(a / (a + b), abs=5e-3)
    assert frame.loc["non_services_real", "total_order"] == pytest.approx(b / (a + b), abs=5e-3)
    for k in ("services_deflator", "non_services_deflator", "retail_sales", "rd_intensity"):
        assert frame.loc[k, "first_order"] == 0.0 and frame.loc[k, "total_order"] == 0.0
    assert res.model_runs == 2 ** 13 * (6 + 2)
    assert res.output == "gdp_real_growth 2024" and res.unit == "%"
    assert any("correlations between rates set to zero" in n for n in res.notes)


def test_scenario_sobol_single_factor_explains_everything():
    unc = Uncertainty(sd={"rd_intensity": 0.2, "retail_sales": 2.0}, persistence=0.7)
    res = sobol_scenario(PLAN, indicator="rd_intensity", year=2027, n=1024, rng=2,
                         uncertainty=unc)
    frame = res.to_frame().set_index("factor")
    assert frame.loc["rd_intensity", "first_order"] == pytest.approx(1.0, abs=0.02)
    assert frame.loc["retail_sales", "total_order"] == 0.0
    assert res.variance == pytest.approx(0.2 ** 2, rel=0.1)


def test_scenario_sobol_is_reproducible_and_bootstraps():
    a = sobol_scenario("downside", indicator="gdp", year=2027, n=512, rng=9)
    b = sobol_scenario("downside", indicator="gdp", year=2027, n=512, rng=9)
    np.testing.assert_array_equal(a.first_order, b.first_order)
    np.testing.assert_array_equal(a.total_order, b.total_order)
    c = sobol_scenario("downside", indicator="gdp", year=2027, n=512, rng=9, bootstrap=True,
                       n_resamples=99)
    i = list(c.names).index("services_real")
    assert c.first_ci[0, i] <= c.first_order[i] <= c.first_ci[1, i]
    assert {"first_low", "total_high"} <= set(c.to_frame().columns)


def test_sobol_bad_input():
    with pytest.raises(sim.InputError, match=r"key 'n'.*1000, not a power of 2"):
        sobol_scenario(PLAN, indicator="gdp", year=2030, n=1000)
    with pytest.raises(sim.InputError, match=r"key 'factors'.*'service_real' is not an uncertain"):
        sobol_scenario(PLAN, indicator="gdp", year=2030, factors=["service_real"])
    with pytest.raises(sim.InputError, match=r"key 'uncertainty'.*no uncertain rate"):
        sobol_scenario(PLAN, indicator="gdp", year=2030, uncertainty=Uncertainty())
    with pytest.raises(sim.InputError, match=r"key 'dists'.*no factors"):
        sobol(lambda x: x[0], dists=[], n=64)
