"""Sensitivity: tornado against hand-computed effects; Sobol indices against analytic values."""
import numpy as np
import pytest
from scipy import stats

import sim
from sim.analysis import sobol, sobol_scenario, tornado
from sim.uncertainty import Uncertainty

PLAN = sim.load_scenario("plan-2024")
W = 1939.3 / 2000.0           # services share of GDP in 2023: the weight of 2024's real growth
# the plan's sds in 2024, pp: the backtest's one-year RMSE of services and non-services growth
SD_S, SD_N = 1.8, 5.75


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
    assert (PLAN.uncertainty.sd["services_real"][0],
            PLAN.uncertainty.sd["non_services_real"][0]) == (SD_S, SD_N)
    tr = tornado(PLAN, indicator="gdp_real_growth", year=2024)
    f = tr.frame.set_index("input")
    # real GDP growth in 2024 = W g_s + (1 − W) g_n: effects are exactly W·sd and (1 − W)·sd
    assert f.loc["rates.services_real", "delta_high"] == pytest.approx(W * SD_S, rel=1e-12)
    assert f.loc["rates.services_real", "delta_low"] == pytest.approx(-W * SD_S, rel=1e-12)
    assert f.loc["rates.non_services_real", "swing"] == pytest.approx(2 * (1 - W) * SD_N,
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
    # one year moves the level by the same factor in every later year: S·(1 ± sd/100/1.056),
    # the step the 2024 sd
    s2030 = sim.value(sim.project(PLAN), "services", 2030)
    assert f.loc["rates.services_real[2024]", "delta_high"] == pytest.approx(
        s2030 * SD_S / 100 / 1.056, rel=1e-10)
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
    a, b = (W * SD_S) ** 2, ((1 - W) * SD_N) ** 2
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


@pytest.mark.parametrize("kwargs, key", [
    ({"uncertainty": Uncertainty(sd={"services_real": 1.0})}, "uncertainty"),
    ({"factors": ["services_real"]}, "factors")])
def test_sobol_of_one_uncertain_rate_is_refused_naming_it(kwargs, key):
    # scipy's estimator fails on a single factor; the answer (S1 = ST = 1) needs no estimate
    with pytest.raises(sim.InputError, match=rf"key '{key}': has one uncertain rate "
                       r"\(services_real\), which explains all the variance \(S1 = ST = 1\).*"
                       r"\(allowed: two or more uncertain rates\)"):
        sobol_scenario(PLAN, indicator="gdp", year=2025, n=64, **kwargs)


# -- bootstrap intervals -----------------------------------------------------------------------------
def _saltelli_resampled(f_A, f_B, f_AB):
    """scipy.stats.bootstrap's statistic of the indices: the estimators of
    scipy.stats.sobol_indices (Saltelli et al. 2010, Table 2 (b), (f)) on resampled rows."""
    def statistic(idx, axis=-1):
        idx = np.asarray(idx, dtype=np.intp)
        a, b, ab = f_A[idx], f_B[idx], f_AB[:, idx]
        var = np.var(np.concatenate([a, b], axis=-1), axis=-1)
        return np.stack([np.mean(b * (ab - a), axis=-1) / var,
                         0.5 * np.mean((a - ab) ** 2, axis=-1) / var])
    return statistic


def test_bootstrap_intervals_are_scipys_bca_to_rounding():
    """The intervals equal scipy.stats.bootstrap(method="BCa") on the same draws: the same
    function evaluations (captured) and the generator in the same state."""
    dist = stats.uniform(loc=-np.pi, scale=2 * np.pi)
    res = sobol(ishigami, dists=[dist] * 3, n=512, rng=11, bootstrap=True, n_resamples=299,
                confidence_level=0.9)
    calls, gen = [], np.random.default_rng(11)
    stats.sobol_indices(func=lambda x: calls.append(ishigami(x)) or calls[-1], n=512,
                        dists=[dist] * 3, rng=gen)
    f_A, f_B = calls[0], calls[1]
    f_AB = np.ravel(calls[2]).reshape(512, 3).T
    mean = np.mean(np.concatenate([f_A, f_B]))
    ref = stats.bootstrap([np.arange(512)], _saltelli_resampled(f_A - mean, f_B - mean,
                                                                f_AB - mean),
                          method="BCa", n_resamples=299, confidence_level=0.9, rng=gen)
    low, high = ref.confidence_interval
    np.testing.assert_allclose(res.first_ci, [low[0], high[0]], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(res.total_ci, [low[1], high[1]], rtol=1e-12, atol=1e-14)
    assert np.all(res.first_ci[0] < res.first_order) and np.all(res.first_order < res.first_ci[1])


def test_bootstrap_intervals_cover_the_true_indices_at_their_level():
    """Linear model c·x, independent normal x: S_i = S_Ti = (c_i sd_i)² / Σ (c_j sd_j)².
    With independent (not quasi-random) samples, 95 % intervals cover the true indices in
    about 95 % of 100 seeded replications, and narrow as 1/√n."""
    from sim.analysis.sensitivity import _bootstrap

    c, sd = np.array([1.0, -2.0, 0.5]), np.array([1.0, 0.8, 2.0])
    share = (c * sd) ** 2 / np.sum((c * sd) ** 2)

    def intervals(n, seed):
        rng = np.random.default_rng(seed)
        A, B = (rng.normal(size=(3, n)) * sd[:, None] for _ in range(2))
        f_AB = np.stack([c @ np.where(np.arange(3)[:, None] == i, B, A) for i in range(3)])
        return np.hstack(_bootstrap(c @ A, c @ B, f_AB, confidence_level=0.95,
                                    n_resamples=199, rng=rng))          # (2, 6)

    ci = np.array([intervals(1024, seed) for seed in range(100)])      # (100, 2, 6)
    truth = np.tile(share, 2)
    covered = (ci[:, 0] <= truth) & (truth <= ci[:, 1])
    assert 0.90 <= covered.mean() <= 0.99
    assert covered.mean(axis=0).min() >= 0.85
    width_1024 = np.mean(ci[:, 1] - ci[:, 0])
    width_256 = np.mean([np.ptp(intervals(256, seed), axis=0) for seed in range(20)])
    assert width_256 / width_1024 == pytest.approx(2.0, rel=0.15)


def test_ishigami_bootstrap_intervals_contain_the_reference_values(ishigami_reference):
    first, total = ishigami_reference
    dist = stats.uniform(loc=-np.pi, scale=2 * np.pi)
    res = sobol(ishigami, dists=[dist] * 3, n=4096, rng=2, bootstrap=True, n_resamples=499)
    assert np.all((res.first_ci[0] <= first) & (first <= res.first_ci[1]))
    assert np.all((res.total_ci[0] <= total) & (total <= res.total_ci[1]))
    assert np.all(res.first_ci[1] - res.first_ci[0] < 0.1)


def test_a_factor_without_effect_has_the_interval_zero_to_zero():
    res = sobol_scenario(PLAN, indicator="gdp_real_growth", year=2024, n=1024, rng=4,
                         bootstrap=True, n_resamples=199)
    frame = res.to_frame().set_index("factor")
    for k in ("services_deflator", "retail_sales", "rd_intensity"):
        assert list(frame.loc[k, ["first_low", "first_high", "total_low", "total_high"]]) == [
            0.0, 0.0, 0.0, 0.0]
    assert frame.loc["services_real", "first_low"] < frame.loc["services_real", "first_high"]


@pytest.mark.parametrize("kwargs, message", [
    ({"n_resamples": 0}, r"key 'n_resamples': is 0, out of range \(allowed: \[1, 1e\+06\] "
                         r"resamples\)"),
    ({"n_resamples": 10 ** 7}, r"key 'n_resamples': is 10000000, out of range"),
    ({"n_resamples": 99.5}, r"key 'n_resamples': must be a whole number, got 99\.5"),
    ({"confidence_level": 95}, r"key 'confidence_level': is 95, out of range \(allowed: "
                               r"\(0, 1\) \(a probability\)\)"),
    ({"confidence_level": float("nan")}, r"key 'confidence_level': must be a finite number"),
    ({"confidence_level": 1.0}, r"key 'confidence_level': is 1, out of range"),
])
def test_bad_bootstrap_options_are_refused(kwargs, message):
    with pytest.raises(sim.InputError, match=message):
        sobol_scenario(PLAN, indicator="gdp", year=2030, n=64, bootstrap=True, **kwargs)
    with pytest.raises(sim.InputError, match=message):
        sobol(lambda x: x[0], dists=[stats.norm()], n=64, bootstrap=True, **kwargs)
