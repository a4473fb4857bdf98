"""Limits per request: every limit's message, how limits are set, and the peak memory of the
largest request the defaults allow."""
import tracemalloc

import numpy as np
import pytest

import sim
from sim import analysis as A
from sim.analysis import sobol_scenario, solve, tornado
from sim.errors import InputError
from sim.indicators import INDICATORS
from sim.limits import DEFAULT_LIMITS, Limits, from_env, parse_args
from ui.uploads import app_limits, decode_token, encode_token, read_upload

GiB = 2**30
PLAN = "plan-2024"


def peak_bytes(fn):
    """Peak memory traced (Python and numpy allocations, every thread) while ``fn()`` runs."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        out = fn()
        return tracemalloc.get_traced_memory()[1], out
    finally:
        tracemalloc.stop()


# -- the largest requests the defaults allow ----------------------------------------------------
def test_defaults_are_the_documented_ones():
    assert DEFAULT_LIMITS == Limits(max_upload_bytes=65_536, max_horizon=27, max_paths=100_000,
                                    max_sobol_samples=16_384, max_bootstrap_resamples=999,
                                    max_grid=1_000)


def test_largest_monte_carlo_of_the_app_stays_under_1_gib():
    """The app's Monte Carlo at the most paths, to the farthest year, keeping every indicator
    (a threshold on each), through the function the Uncertainty tab calls."""
    from ui.pages.uncertainty import mc_summary

    lim = DEFAULT_LIMITS
    s = sim.load_scenario(PLAN)
    until = s.base.year + lim.max_horizon
    thresholds = tuple(f"{k}>=0@{until}" for k in INDICATORS)
    peak, out = peak_bytes(lambda: mc_summary(s, until, lim.max_paths, 1, "gdp", thresholds,
                                              limits=lim))
    assert out["n_paths"] == lim.max_paths
    assert len(out["targets"]) >= len(INDICATORS)            # every indicator was kept
    print(f"peak {peak / GiB:.2f} GiB")
    assert peak < 1 * GiB


def test_largest_sobol_analysis_of_the_app_stays_under_1_gib():
    """Sobol indices at the most base samples, to the farthest year, through the function the
    Sensitivity tab calls."""
    from ui.pages.sensitivity import sobol_summary

    lim = DEFAULT_LIMITS
    s = sim.load_scenario(PLAN)
    year = s.base.year + lim.max_horizon
    peak, out = peak_bytes(lambda: sobol_summary(s, "gdp", year, lim.max_sobol_samples,
                                                 limits=lim))
    assert out["runs"] == lim.max_sobol_samples * (len(out["frame"]) + 2)
    print(f"peak {peak / GiB:.2f} GiB")
    assert peak < 1 * GiB


def test_sobol_projects_one_matrix_at_a_time_with_the_same_numbers():
    """Blocks of n runs give the indices of one call over all n(d + 2) runs, to the last
    digit (the core is elementwise over paths)."""
    from sim.model import project_paths

    s = sim.load_scenario("downside")
    res = sobol_scenario(s, indicator="gdp", year=2027, n=256, rng=5)
    calls = []

    def record(*args, **kwargs):
        out = project_paths(*args, **kwargs)
        calls.append(out.n_paths)
        return out

    import sim.analysis.sensitivity as S
    original = S.project_paths
    S.project_paths = record
    try:
        again = sobol_scenario(s, indicator="gdp", year=2027, n=256, rng=5)
    finally:
        S.project_paths = original
    d = len(res.names)
    assert calls[1:] == [256] * (d + 2)              # after the one-path check of the output
    np.testing.assert_array_equal(res.first_order, again.first_order)


def test_largest_bootstrap_stays_under_0_4_gib():
    """Sobol indices at the most base samples, to the farthest year, with the most bootstrap
    resamples: the resamples are count vectors in batches, and the jackknife is computed from
    sums, so nothing holds n² or resamples × n values."""
    lim = DEFAULT_LIMITS
    year = sim.load_scenario(PLAN).base.year + lim.max_horizon
    peak, res = peak_bytes(lambda: sobol_scenario(
        PLAN, indicator="gdp", year=year, n=lim.max_sobol_samples, rng=3, bootstrap=True,
        n_resamples=lim.max_bootstrap_resamples, limits=lim))
    print(f"peak {peak / GiB:.2f} GiB")
    assert peak < 0.4 * GiB
    assert res.n == lim.max_sobol_samples
    i = list(res.names).index("services_real")
    assert res.first_ci[0, i] < res.first_order[i] < res.first_ci[1, i]


# -- every limit's message -----------------------------------------------------------------------
@pytest.mark.parametrize("field, value, message", [
    ("max_upload_bytes", 10, r"key 'max_upload_bytes': is 10, out of range \(allowed: 1,024 … "
                             r"1,048,576 bytes\)"),
    ("max_horizon", 101, r"key 'max_horizon': is 101, out of range \(allowed: 1 … 100 years"),
    ("max_paths", 0, r"key 'max_paths': is 0, out of range \(allowed: 1 … 50,000,000 paths\)"),
    ("max_sobol_samples", 1000, r"key 'max_sobol_samples': is 1,000, not a power of 2"),
    ("max_sobol_samples", 2**23, r"key 'max_sobol_samples': is 8,388,608, out of range"),
    ("max_grid", 1, r"key 'max_grid': is 1, out of range \(allowed: 2 … 10,000 grid points\)"),
    ("max_bootstrap_resamples", 0, r"key 'max_bootstrap_resamples': is 0, out of range "
                                   r"\(allowed: 1 … 1,000,000 bootstrap resamples\)"),
    ("max_paths", 1.5, r"key 'max_paths': must be a whole number, got 1.5"),
    ("max_paths", True, r"key 'max_paths': must be a whole number, got True"),
])
def test_invalid_limits_are_refused_naming_the_field(field, value, message):
    with pytest.raises(InputError, match=message):
        Limits(**{field: value})


def test_paths_over_the_limit():
    with pytest.raises(InputError, match=r"key 'n_paths': is 100,001 paths, over the limit per "
                                         r"request \(allowed: 1 … 100,000 paths; raise the "
                                         r"limit with --max-paths or SIM_MAX_PATHS\)"):
        DEFAULT_LIMITS.check_paths(100_001)
    assert DEFAULT_LIMITS.check_paths(np.int64(100_000)) == 100_000
    with pytest.raises(InputError, match=r"key 'n_paths': must be a whole number, got '10'"):
        DEFAULT_LIMITS.check_paths("10")


def test_horizon_over_the_limit():
    with pytest.raises(InputError, match=r"key 'until': is 2051, 28 years after the base year "
                                         r"2023, over the limit per request \(allowed: 2024 … "
                                         r"2050, at most 27 years; raise the limit with "
                                         r"--max-horizon or SIM_MAX_HORIZON\)"):
        DEFAULT_LIMITS.check_horizon(2023, 2051)
    assert DEFAULT_LIMITS.check_horizon(2023, 2050) == 2050


def test_sobol_samples_over_the_limit():
    with pytest.raises(InputError, match=r"key 'n': is 32,768 base samples, over the limit per "
                                         r"request \(allowed: 2 … 16,384 base samples; raise the "
                                         r"limit with --max-sobol-samples or "
                                         r"SIM_MAX_SOBOL_SAMPLES\)"):
        DEFAULT_LIMITS.check_sobol_samples(32_768)


def test_bootstrap_resamples_over_the_limit():
    with pytest.raises(InputError, match=r"key 'n_resamples': is 1,000 resamples, over the limit "
                                         r"per request \(allowed: 1 … 999 resamples; raise the "
                                         r"limit with --max-bootstrap-resamples or "
                                         r"SIM_MAX_BOOTSTRAP_RESAMPLES\)"):
        DEFAULT_LIMITS.check_bootstrap_resamples(1_000)
    assert DEFAULT_LIMITS.check_bootstrap_resamples(np.int64(999)) == 999


def test_grid_over_the_limit():
    with pytest.raises(InputError, match=r"key 'grid': is 1,001 grid points, over the limit per "
                                         r"request \(allowed: 2 … 1,000 grid points; raise the "
                                         r"limit with --max-grid or SIM_MAX_GRID\)"):
        DEFAULT_LIMITS.check_grid(1_001)


def test_upload_over_the_limit():
    small = Limits(max_upload_bytes=2048)
    with pytest.raises(InputError, match=r"mine\.toml: is 2,049 bytes, too large for a scenario "
                                         r"file \(allowed: up to 2,048 bytes \(2 KB\)\)"):
        read_upload(b"#" * 2049, filename="mine.toml", limits=small)


def test_an_upload_projecting_beyond_the_horizon_is_refused():
    text = sim.load_scenario("upside").with_end_year(2060).renamed("far").to_toml()
    with pytest.raises(InputError, match=r"far\.toml: key 'end_year': is 2060, 37 years after "
                                         r"the base year 2023, over the limit per request"):
        read_upload(text.encode(), filename="far.toml", limits=DEFAULT_LIMITS)
    with pytest.raises(InputError, match=r"link: key 'end_year': is 2060"):
        decode_token(encode_token(text), limits=DEFAULT_LIMITS)
    assert read_upload(text.encode(), filename="far.toml",
                       limits=Limits(max_horizon=40)).end_year == 2060


# -- the analyses check the limits they are given, before allocating -----------------------------
def test_analyses_refuse_requests_beyond_their_limits():
    lim = Limits(max_paths=1_000, max_horizon=10, max_sobol_samples=256, max_grid=100)
    with pytest.raises(InputError, match=r"key 'n_paths': is 1,001 paths, over the limit"):
        A.simulate(PLAN, n_paths=1_001, limits=lim)
    with pytest.raises(InputError, match=r"key 'until': is 2034, 11 years after"):
        A.simulate(PLAN, n_paths=10, until=2034, limits=lim)
    assert A.simulate(PLAN, n_paths=1_000, until=2033, limits=lim).n_paths == 1_000
    with pytest.raises(InputError, match=r"key 'n': is 512 base samples, over the limit"):
        sobol_scenario(PLAN, indicator="gdp", year=2030, n=512, limits=lim)
    with pytest.raises(InputError, match=r"key 'year': is 2034, 11 years after"):
        sobol_scenario(PLAN, indicator="gdp", year=2034, n=256, limits=lim)
    with pytest.raises(InputError, match=r"key 'n_resamples': is 1,000 resamples, over the limit"):
        sobol_scenario(PLAN, indicator="gdp", year=2030, n=256, bootstrap=True, n_resamples=1000,
                       limits=Limits(max_sobol_samples=256, max_bootstrap_resamples=999))
    # without a bootstrap, the resamples are not asked for and not checked
    assert sobol_scenario(PLAN, indicator="gdp", year=2030, n=64, n_resamples=10 ** 4,
                          limits=lim).first_ci is None
    with pytest.raises(InputError, match=r"key 'grid': is 101 grid points, over the limit"):
        solve(PLAN, indicator="gdp", year=2030, target=3000, vary="gdp_real", grid=101,
              limits=lim)
    with pytest.raises(InputError, match=r"key 'year': is 2040, 17 years after"):
        solve(PLAN, indicator="gdp", year=2040, target=3000, vary="gdp_real", limits=lim)
    with pytest.raises(InputError, match=r"key 'year': is 2040, 17 years after"):
        tornado(PLAN, indicator="gdp", year=2040, limits=lim)
    # without limits, only each function's own valid range applies
    assert A.simulate(PLAN, n_paths=10, until=2060).years[-1] == 2060


# -- setting the limits --------------------------------------------------------------------------
def test_environment_variables_set_the_limits():
    lim = from_env({"SIM_MAX_PATHS": "200_000", "SIM_MAX_HORIZON": " 40 ", "SIM_MAX_GRID": "",
                    "SIM_MAX_BOOTSTRAP_RESAMPLES": "9999", "OTHER": "x"})
    assert lim == Limits(max_paths=200_000, max_horizon=40, max_bootstrap_resamples=9_999)
    with pytest.raises(InputError, match=r"key 'SIM_MAX_PATHS': is 'many', not a whole number "
                                         r"\(allowed: 1 … 50,000,000 paths\)"):
        from_env({"SIM_MAX_PATHS": "many"})
    with pytest.raises(InputError, match=r"key 'SIM_MAX_SOBOL_SAMPLES': is 5,000, not a power"):
        from_env({"SIM_MAX_SOBOL_SAMPLES": "5000"})


def test_arguments_override_the_environment():
    lim = parse_args(["--max-paths", "300000", "--max-upload-bytes=131072"],
                     {"SIM_MAX_PATHS": "200000", "SIM_MAX_HORIZON": "30"})
    assert lim == Limits(max_paths=300_000, max_horizon=30, max_upload_bytes=131_072)
    with pytest.raises(InputError, match=r"unrecognized arguments: --max-path 3"):
        parse_args(["--max-path", "3"], {})
    with pytest.raises(InputError, match=r"key '--max-grid': is 20,000, out of range"):
        parse_args(["--max-grid", "20000"], {})


def test_the_app_reads_its_own_arguments_only(monkeypatch):
    from ui.uploads import APP_SCRIPT

    monkeypatch.delenv("SIM_MAX_PATHS", raising=False)
    monkeypatch.setattr("sys.argv", [str(APP_SCRIPT), "--max-paths", "250000"])
    assert app_limits().max_paths == 250_000
    monkeypatch.setattr("sys.argv", ["pytest", "--max-paths", "250000"])
    assert app_limits() == DEFAULT_LIMITS            # another program's arguments
    monkeypatch.setenv("SIM_MAX_PATHS", "5000")
    assert app_limits().max_paths == 5_000
