"""Monte Carlo: analytic moments, the shock structure, reproducibility, probabilities, errors."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.special import ndtr

import sim
from sim import analysis as A
from sim.analysis.montecarlo import CHUNK, MAX_QUANTILES
from sim.analysis.shocks import DEFAULT_SD
from sim.scenario import scenario_from_dict
from sim.uncertainty import Uncertainty

RATES = {"services_real": 5.6, "non_services_real": 2.31, "retail_sales": 7.0,
         "rd_intensity": 4.45}


def scenario(**extra):
    return scenario_from_dict({"name": "t", "rates": dict(RATES), **extra})


def gauss_hermite_moments(f, mu, sd, n=120):
    """E f(X) and var f(X) for X ~ N(mu, sd^2), by Gauss–Hermite quadrature (exact for
    polynomials of degree < 2n; here f is smooth and the error is at machine precision)."""
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / w.sum()
    y = f(mu + sd * x)
    m = np.sum(w * y)
    return m, np.sum(w * (y - m) ** 2)


# -- the two-piece normal -------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(sd=st.floats(0.01, 20.0), skew=st.floats(-0.95, 0.95))
def test_two_piece_scales_keep_the_standard_deviation(sd, skew):
    s1, s2 = A.two_piece_scales(sd, skew)
    mean, var = A.two_piece_moments(0.0, s1, s2)
    assert var == pytest.approx(sd ** 2, rel=1e-12)
    assert s2 / s1 == pytest.approx(math.sqrt((1 + skew) / (1 - skew)), rel=1e-12)
    if abs(skew) > 1e-6:                      # positive skew: upside risk, mean above the mode
        assert np.sign(mean) == np.sign(skew)


def test_two_piece_ppf_inverts_cdf_and_matches_the_normal_map():
    d = A.TwoPieceNormal(mode=5.0, sd=1.2, skew=-0.3)
    u = np.linspace(0.001, 0.999, 101)
    np.testing.assert_allclose(d.cdf(d.ppf(u)), u, rtol=1e-12, atol=1e-14)
    z = stats.norm.ppf(u)
    np.testing.assert_allclose(d.from_normal(z), d.ppf(ndtr(z)), rtol=1e-12)
    assert d.cdf(5.0) == pytest.approx(d.p_below_mode, rel=1e-14)
    # the density integrates to 1 and has the stated mean and variance
    x = np.linspace(-5, 15, 200_001)
    pdf = np.gradient(d.cdf(x), x)
    assert np.trapezoid(pdf, x) == pytest.approx(1.0, abs=1e-6)
    assert np.trapezoid(x * pdf, x) == pytest.approx(d.mean(), abs=1e-6)
    assert np.trapezoid((x - d.mean()) ** 2 * pdf, x) == pytest.approx(1.44, rel=1e-5)


def test_zero_skew_is_the_normal():
    d = A.TwoPieceNormal(mode=1.0, sd=2.0, skew=0.0)
    u = np.array([0.1, 0.5, 0.9])
    np.testing.assert_allclose(d.ppf(u), stats.norm(1.0, 2.0).ppf(u), rtol=1e-14)


# -- analytic checks of the Monte Carlo ------------------------------------------------------------
def test_mean_and_variance_of_log_level_match_the_closed_form():
    # independent normal shocks to one rate (retail sales, nominal %, sd 2 pp, no persistence):
    # log R_T = log R_0 + sum_t log(1 + (m_t + 2 z_t)/100), a sum of i.i.d. terms
    s = scenario()
    n = 200_000
    mc = A.simulate(s, n_paths=n, rng=20240101, uncertainty=Uncertainty(sd={"retail_sales": 2.0}),
                    indicators=["retail_sales"], until=2028)
    m1, v1 = gauss_hermite_moments(lambda x: np.log1p(x / 100), 7.0, 2.0)
    for year in (2024, 2026, 2028):
        t = year - 2023
        logs = np.log(mc.paths.at("retail_sales", year))
        mean, var = np.log(906.3) + t * m1, t * v1
        assert logs.mean() == pytest.approx(mean, abs=4 * math.sqrt(var / n))
        assert logs.var(ddof=1) == pytest.approx(var, rel=4 * math.sqrt(2 / n))
        # and the level's own moments, exact: E R_T = R_0 (1+m)^T, E R_T^2 = R_0^2 ((1+m)^2+s^2)^T
        lv = mc.paths.at("retail_sales", year)
        e1 = 906.3 * 1.07 ** t
        e2 = 906.3 ** 2 * (1.07 ** 2 + 0.02 ** 2) ** t
        assert lv.mean() == pytest.approx(e1, abs=4 * math.sqrt((e2 - e1 ** 2) / n))
        assert lv.var() == pytest.approx(e2 - e1 ** 2, rel=0.02)


def test_persistence_and_correlation_of_the_shocks():
    # the growth indicators equal the drawn rates: their moments are the shocks' moments (eq. 1)
    unc = Uncertainty(sd={"services_real": 1.0, "non_services_real": 4.0, "rd_intensity": 0.1},
                      persistence=0.6,
                      correlation=(("services_real", "non_services_real", 0.5),))
    n = 100_000
    mc = A.simulate(scenario(), n_paths=n, rng=7, uncertainty=unc)
    rd = mc.paths["rd_intensity"][:, 1:]
    tol = 4 / math.sqrt(n)
    for k in (1, 2, 3):
        r = np.corrcoef(rd[:, 2], rd[:, 2 + k])[0, 1]
        assert r == pytest.approx(0.6 ** k, abs=tol)
    assert rd.std(axis=0, ddof=1) == pytest.approx(np.full(7, 0.1), rel=0.02)
    gs = mc.paths["services_real_growth"][:, 1:]
    gn = mc.paths["non_services_real_growth"][:, 1:]
    for t in range(7):
        assert np.corrcoef(gs[:, t], gn[:, t])[0, 1] == pytest.approx(0.5, abs=tol)
        assert np.corrcoef(gs[:, t], rd[:, t])[0, 1] == pytest.approx(0.0, abs=tol)
    # a lagged cross-correlation is rho * phi^k
    assert np.corrcoef(gs[:, 0], gn[:, 1])[0, 1] == pytest.approx(0.5 * 0.6, abs=tol)
    assert gn.mean(axis=0) == pytest.approx(np.full(7, 2.31), abs=4 * 4 / math.sqrt(n))


def test_skew_moves_the_mean_off_the_mode_and_keeps_the_sd():
    n = 100_000
    for skew in (-0.5, 0.4):
        unc = Uncertainty(sd={"services_real": 1.5}, skew={"services_real": skew})
        x = A.simulate(scenario(), n_paths=n, rng=3, uncertainty=unc,
                       indicators=["services_real_growth"]).paths.at("services_real_growth", 2024)
        d = A.TwoPieceNormal(5.6, 1.5, skew)
        assert x.mean() == pytest.approx(d.mean(), abs=4 * 1.5 / math.sqrt(n))
        assert np.sign(x.mean() - 5.6) == np.sign(skew)
        assert x.std() == pytest.approx(1.5, rel=0.02)
        assert np.mean(x < 5.6) == pytest.approx(d.p_below_mode, abs=4 * 0.5 / math.sqrt(n))
        assert stats.kstest(x, d.cdf).pvalue > 1e-3


def test_median_of_a_zero_uncertainty_run_is_the_deterministic_path():
    s = sim.load_scenario("plan-2024")
    mc = A.simulate(s, n_paths=101, rng=1, uncertainty=Uncertainty())
    det = sim.run_paths(s)
    for k in mc.indicators:
        q = A.quantiles(mc, k, [0.1, 0.5, 0.9])
        np.testing.assert_array_equal(q[1], det[k][0])
        np.testing.assert_array_equal(q[0], det[k][0])
    table = mc.summary(indicators=["gdp"])
    p50 = table[table["statistic"] == "p50"]["value"].to_numpy()
    np.testing.assert_array_equal(p50, det["gdp"][0])


def test_zero_sd_named_by_the_scenario_means_no_uncertainty():
    s = scenario(uncertainty={"services_real": {"sd": 0.0}})
    mc = A.simulate(s, n_paths=10, rng=1)
    assert np.ptp(mc.paths["gdp"], axis=0).max() == 0.0


# -- reproducibility ------------------------------------------------------------------------------
def test_same_seed_same_numbers_to_the_last_digit_whatever_the_threads():
    s = sim.load_scenario("downside")          # skewed, correlated, persistent
    a = A.simulate(s, n_paths=40_000, rng=123, workers=1)
    b = A.simulate(s, n_paths=40_000, rng=123, workers=3)
    c = A.simulate(s, n_paths=40_000, rng=np.random.default_rng(123), workers=2)
    for k in a.indicators:
        np.testing.assert_array_equal(a.paths[k], b.paths[k])
        np.testing.assert_array_equal(a.paths[k], c.paths[k])
    d = A.simulate(s, n_paths=40_000, rng=124)
    assert not np.array_equal(a.paths["gdp"], d.paths["gdp"])
    assert a.seed == 123


def test_the_same_scenario_written_another_way_draws_the_same_paths_for_a_seed():
    s = sim.load_scenario("downside")          # skewed, correlated, persistent
    unc = s.uncertainty
    flipped = Uncertainty(sd=dict(reversed(list(unc.sd.items()))), skew=unc.skew,
                          persistence=unc.persistence, correlation=unc.correlation,
                          basis=unc.basis, sd_basis=unc.sd_basis, origin=unc.origin)
    assert list(flipped.sd) != list(unc.sd)
    again = sim.parse_scenario(s.to_toml(), source="round trip")
    a = A.simulate(s, n_paths=20_000, rng=7)
    b = A.simulate(s, n_paths=20_000, rng=7, uncertainty=flipped)
    c = A.simulate(again, n_paths=20_000, rng=7)
    for k in a.indicators:
        np.testing.assert_array_equal(a.paths[k], b.paths[k])
        np.testing.assert_array_equal(a.paths[k], c.paths[k])


def test_every_chunk_has_its_own_stream():
    mc = A.simulate("plan-2024", n_paths=3 * CHUNK, rng=5, indicators=["gdp_real_growth"])
    x = mc.paths.at("gdp_real_growth", 2024)
    first, second = x[:CHUNK], x[CHUNK:2 * CHUNK]
    assert not np.array_equal(first, second)
    assert abs(np.corrcoef(first, second)[0, 1]) < 4 / math.sqrt(CHUNK)


def test_progress_is_reported_to_one():
    seen = []
    A.simulate("plan-2024", n_paths=2 * CHUNK + 1, rng=1, progress=seen.append,
               indicators=["gdp"])
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == 3


# -- probabilities and summaries ------------------------------------------------------------------
def test_target_probabilities_with_monte_carlo_standard_errors():
    mc = A.simulate("plan-2024", n_paths=20_000, rng=11)
    table = mc.target_probabilities()
    row = table.set_index("target").loc["gdp_growth"]
    x = mc.paths.at("gdp_real_growth", 2024)
    p = np.mean(x >= 5.5 - sim.targets.TOLERANCE)
    assert row["probability"] == p
    assert row["mc_se"] == pytest.approx(math.sqrt(p * (1 - p) / 20_000))
    assert row["ci_low"] < p < row["ci_high"]
    assert row["deterministic_met"] is True or row["deterministic_met"] == True  # noqa: E712
    assert 0.45 < p < 0.55              # the plan is built to hit 5.5 % at its centre
    rd = table.set_index("target").loc["rd_intensity"]
    assert rd["probability"] == np.mean(mc.paths.at("rd_intensity", 2024) > 4.4)
    assert (table.set_index("target").loc["ic_output", "status"]) == "not evaluable"


def test_user_thresholds_such_as_gdp_above_2100():
    mc = A.simulate("plan-2024", n_paths=5_000, rng=2)
    t = A.parse_threshold("gdp>=2100@2024")
    assert (t.indicator, t.year, t.op, t.value) == ("gdp", 2024, ">=", 2100.0)
    row = A.target_probabilities(mc, [t]).iloc[0]
    assert row["probability"] == np.mean(mc.paths.at("gdp", 2024) >= 2100 - 1e-9)
    low = A.probability(mc, "gdp", 2024, "<", 2100)
    assert low.p == pytest.approx(1 - row["probability"])
    certain = A.probability(mc, "gdp", 2024, ">", 0)
    assert certain.p == 1.0 and certain.se == 0.0 and certain.low < 1.0


def test_summary_is_tidy_with_quantiles_mean_and_standard_error():
    mc = A.simulate("momentum", n_paths=4_000, rng=9)
    table = mc.summary(indicators=["gdp", "gdp_nominal_growth"], years=[2023, 2025])
    assert list(table.columns) == ["scenario", "indicator", "year", "statistic", "value", "unit"]
    g = table[(table.indicator == "gdp") & (table.year == 2025)].set_index("statistic")["value"]
    x = mc.paths.at("gdp", 2025)
    assert g["p50"] == pytest.approx(np.quantile(x, 0.5), rel=1e-15)
    assert g["p10"] == pytest.approx(np.quantile(x, 0.1), rel=1e-15)
    assert g["mean_se"] == pytest.approx(x.std(ddof=1) / math.sqrt(4_000))
    assert g["deterministic"] == sim.run_paths(sim.load_scenario("momentum")).at("gdp", 2025)[0]
    # nominal growth is not defined in the base year: no rows, not NaN rows
    assert table[(table.indicator == "gdp_nominal_growth") & (table.year == 2023)].empty
    assert set(table.unit) == {"亿元", "%"}


def test_defaults_are_used_and_labelled_when_the_scenario_names_none():
    s = scenario()
    unc, notes = A.effective_uncertainty(s)
    assert unc.sd["services_real"] == DEFAULT_SD["services_real"]
    assert "services_deflator" in unc.sd          # defaulted rates the scenario uses
    assert "retail_sales_elasticity" not in unc.sd
    assert all("default assumption" in line for line in notes)
    mc = A.simulate(s, n_paths=100, rng=1)
    assert mc.assumptions == notes
    unc2, notes2 = A.effective_uncertainty(sim.load_scenario("plan-2024"))
    # each line names where its number comes from: the file's assumption, or the backtest the
    # file's sd was re-derived from
    own = [line for line in notes2 if "sd from the backtest" not in line]
    assert [line.split(" = ")[0] for line in notes2 if line not in own] == [
        "uncertainty.services_real.sd", "uncertainty.non_services_real.sd"]
    assert own and all(line.endswith("(assumption of the scenario file)") for line in own)


def test_draws_outside_a_rate_range_are_clipped_and_reported():
    unc = Uncertainty(sd={"non_services_real": 50.0})
    mc = A.simulate(scenario(), n_paths=20_000, rng=4, uncertainty=unc)
    assert mc.clipped["non_services_real"] > 0.05
    assert mc.paths["non_services_real_growth"][:, 1:].min() >= -50.0
    assert np.all(mc.paths["non_services"] > 0)


def test_only_requested_indicators_are_kept():
    mc = A.simulate("plan-2024", n_paths=100, rng=1, indicators=["gdp", "rd_intensity"])
    assert mc.indicators == ["gdp", "rd_intensity"]
    with pytest.raises(sim.InputError, match="was not kept"):
        mc.quantiles("services")


# -- bad input: one clear message each -------------------------------------------------------------
def test_negative_sd_is_refused_by_the_loader_and_the_monte_carlo():
    with pytest.raises(sim.InputError, match=r"uncertainty\.services_real\.sd.*allowed: \[0, 50\]"):
        scenario(uncertainty={"services_real": {"sd": -1.0}})
    with pytest.raises(sim.InputError, match=r"uncertainty\.services_real\.sd.*-1"):
        A.simulate(scenario(), n_paths=10, uncertainty=Uncertainty(sd={"services_real": -1.0}))


def test_non_psd_correlation_is_refused_with_its_smallest_eigenvalue():
    unc = Uncertainty(sd={"services_real": 1.0, "non_services_real": 1.0, "retail_sales": 1.0},
                      correlation=(("services_real", "non_services_real", 0.9),
                                   ("services_real", "retail_sales", 0.9),
                                   ("non_services_real", "retail_sales", -0.9)))
    with pytest.raises(sim.InputError,
                       match=r"uncertainty\.correlation.*not.*positive semi-definite.*"
                             r"smallest eigenvalue -0\.\d+"):
        A.simulate(scenario(), n_paths=10, uncertainty=unc)
    # a PSD but singular matrix (rho = 1) is fine
    ok = Uncertainty(sd={"services_real": 1.0, "non_services_real": 1.0},
                     correlation=(("services_real", "non_services_real", 1.0),))
    mc = A.simulate(scenario(), n_paths=1000, rng=1, uncertainty=ok)
    gs = mc.paths.at("services_real_growth", 2024) - 5.6
    gn = mc.paths.at("non_services_real_growth", 2024) - 2.31
    np.testing.assert_allclose(gs, gn, atol=1e-12)


def test_a_pair_given_twice_with_different_values_is_refused():
    unc = Uncertainty(sd={"services_real": 1.0},
                      correlation=(("services_real", "retail_sales", 0.2),
                                   ("retail_sales", "services_real", 0.3)))
    with pytest.raises(sim.InputError, match=r"uncertainty\.correlation\[1\].*second value"):
        A.simulate(scenario(), n_paths=10, uncertainty=unc)


@pytest.mark.parametrize("n", [0, -5, 2.5, True])
def test_zero_or_invalid_number_of_paths(n):
    with pytest.raises(sim.InputError, match=r"n_paths.*allowed: \[1, 5e\+07\] paths"):
        A.simulate("plan-2024", n_paths=n)


def test_other_bad_inputs():
    with pytest.raises(sim.InputError, match=r"key 'rng'.*allowed: an integer >= 0"):
        A.simulate("plan-2024", n_paths=10, rng=-1)
    with pytest.raises(sim.InputError, match=r"key 'rng'.*Generator"):
        A.simulate("plan-2024", n_paths=10, rng="seed")
    with pytest.raises(sim.InputError, match=r"key 'indicators'.*did you mean 'gdp'"):
        A.simulate("plan-2024", n_paths=10, indicators=["gpd"])
    mc = A.simulate("plan-2024", n_paths=10, rng=1)
    with pytest.raises(sim.InputError, match=r"key 'quantiles'.*\[0, 1\]"):
        mc.quantiles("gdp", [0.5, 1.5])
    with pytest.raises(sim.InputError, match=r"key '--threshold'.*gdp>=2100@2024"):
        A.parse_threshold("gdp is big")
    with pytest.raises(sim.InputError, match=r"key 'year'.*2023–2030"):
        mc.probability("gdp", 2040, ">=", 1.0)
    with pytest.raises(sim.InputError, match=r"key 'op'"):
        mc.probability("gdp", 2024, "==", 1.0)
    with pytest.raises(sim.InputError, match=r"uncertainty\.persistence.*\[0, 0\.99\]"):
        A.simulate("plan-2024", n_paths=10, uncertainty=Uncertainty(persistence=1.0))
    with pytest.raises(sim.InputError, match=r"uncertainty\.services_real\.skew.*\[-0\.99, 0\.99\]"):
        A.simulate("plan-2024", n_paths=10,
                   uncertainty=Uncertainty(sd={"services_real": 1.0}, skew={"services_real": 1}))


# -- quantiles: what a summary accepts -------------------------------------------------------------
Q_ALLOWED = r" \(allowed: distinct probabilities in \[0, 1\], e\.g\. 0\.1, 0\.5, 0\.9\)$"


@pytest.fixture(scope="module")
def small_mc():
    return A.simulate("plan-2024", n_paths=50, rng=3, indicators=["gdp"])


@pytest.mark.parametrize("q, message", [
    ([0.5, 0.5], r"quantile 0\.5 is given twice"),
    ([0.1, 0.9, 0.1], r"quantile 0\.1 is given twice"),
    ([0.0, -0.0], r"quantile 0 is given twice"),
    ([0.5, 0.5000001], r"quantiles 0\.5 and 0\.5000001 are both p50"),
    ([0.5, float("nan")], r"quantile nan is not in \[0, 1\]"),
    ([float("inf")], r"quantile inf is not in \[0, 1\]"),
    ([-0.1, 0.5], r"quantile -0\.1 is not in \[0, 1\]"),
    ([0.5, 1.01], r"quantile 1\.01 is not in \[0, 1\]"),
    ([], r"no quantiles given"),
    ([[0.1, 0.2]], r"must be a flat list of numbers, got shape \(1, 2\)"),
    (["half"], r"cannot read \"\['half'\]\" as numbers"),
])
def test_bad_quantiles_are_refused_by_summary_and_quantiles(small_mc, q, message):
    for call in (lambda: A.summary(small_mc, q=q), lambda: small_mc.summary(q=q),
                 lambda: A.quantiles(small_mc, "gdp", q), lambda: small_mc.quantiles("gdp", q)):
        with pytest.raises(sim.InputError, match=r"^key 'quantiles': " + message + Q_ALLOWED):
            call()


def test_too_many_quantiles_are_refused(small_mc):
    q = np.arange(MAX_QUANTILES + 1) / MAX_QUANTILES
    with pytest.raises(sim.InputError, match=r"key 'quantiles': 1,001 quantiles, more than "
                                             r"1,000 \(allowed: 1 … 1,000 distinct"):
        A.summary(small_mc, q=q)
    assert A.summary(small_mc, q=q[:-1], years=[2024])["statistic"].nunique() == 1_000 + 4


def test_distinct_quantiles_each_get_their_own_row(small_mc):
    table = A.summary(small_mc, q=[0.025, 0.5, 0.975, 0.0, 1.0], years=[2024])
    stats_ = list(table["statistic"])
    assert stats_ == ["p2.5", "p50", "p97.5", "p0", "p100", "mean", "sd", "mean_se",
                      "deterministic"]
    x = np.sort(small_mc.paths.at("gdp", 2024))
    value = table.set_index("statistic")["value"]
    assert value["p0"] == x[0] and value["p100"] == x[-1]
    assert value["p50"] == pytest.approx(np.quantile(x, 0.5), rel=1e-15)
