"""The analysis tabs of the app, driven with Streamlit's AppTest."""
import time

import numpy as np
import pytest

import sim
from sim import uncertainty as U
from sim.attribution import attribute
from sim.solve import solve
from ui.testing import app_test, number, page_texts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def texts(at):
    return "\n".join(page_texts(at))


def test_uncertainty_tab_shows_the_probabilities_of_the_monte_carlo():
    at = app_test({"tab": "uncertainty"}).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value
    mc = U.simulate(sim.load_scenario("plan-2024"), n_paths=10_000, rng=2024)
    p = U.probability(mc, "gdp_real_growth", 2024, ">=", 5.5).p
    first = table.iloc[0]
    assert first.iloc[1] == f"{p:.1%}"                 # the same seed, the same numbers
    assert "assumption of the scenario file" in texts(at)


def test_uncertainty_tab_threshold_paths_seed_and_progress():
    at = app_test({"tab": "uncertainty", "lang": "zh"}).run()
    at.text_input(key="mc_threshold").set_value("gdp>=2100@2024").run()
    assert not at.exception and not at.error
    assert any("2100" in str(x) for x in at.dataframe[0].value.iloc[:, 0])
    at.selectbox(key="mc_paths").set_value(100_000).run()      # with a progress bar
    assert not at.exception and not at.error
    at.text_input(key="mc_threshold").set_value("gdp is large").run()
    assert any("--threshold" in e.value for e in at.error)
    assert not at.exception


def test_a_10000_path_update_is_fast():
    at = app_test({"tab": "uncertainty"}).run()
    times = []
    for seed in (1, 2, 3, 4, 5):
        t0 = time.perf_counter()
        at.number_input(key="mc_seed").set_value(seed).run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
    # server time of a rerun with a new Monte Carlo (AppTest adds its own overhead)
    assert np.median(times) < 1.0


def test_goalseek_tab_solves_and_reports_unreachable_targets():
    at = app_test({"tab": "goalseek"}).run()
    at.selectbox(key="gs_indicator").set_value("gdp")
    at.selectbox(key="gs_year").set_value(2030)
    at.number_input(key="gs_target").set_value(3000.0)
    at.selectbox(key="gs_vary").set_value("gdp_real")
    at.button[0].click().run()
    assert not at.exception and not at.error
    expected = solve("plan-2024", indicator="gdp", year=2030, target=3000, vary="gdp_real")
    assert number(at.metric[0].value) == pytest.approx(expected.value, abs=1e-4)
    at.number_input(key="gs_target").set_value(1e6)
    at.button[0].click().run()
    assert not at.exception
    assert any("closest reachable" in e.value for e in at.error)


def test_sensitivity_tab_tornado_and_sobol():
    at = app_test({"tab": "sensitivity", "lang": "zh"}).run()
    assert not at.exception and not at.error
    tornado_table, sobol_table = at.dataframe[0].value, at.dataframe[1].value
    assert len(tornado_table) == 6 and len(sobol_table) == 6
    assert "32,768" in texts(at)                          # 4096 · (6 + 2) model runs
    at.selectbox(key="sens_indicator").set_value("gdp_real_growth")
    at.selectbox(key="sens_year").set_value(2024).run()
    assert not at.exception
    first = at.dataframe[1].value.iloc[0]
    w = 1939.3 / 2000
    assert first.iloc[1] == pytest.approx(w ** 2 / (w ** 2 + ((1 - w) * 4) ** 2), abs=0.01)


def test_attribution_tab_waterfall_parts_sum_to_the_total():
    at = app_test({"tab": "attribution", "edit": "upside"}).run()
    assert not at.exception and not at.error
    parts = at.dataframe[0].value.iloc[:, 2].to_numpy(float)
    api = attribute("upside", "plan-2024", indicator="gdp", year=2030)
    assert parts.sum() == pytest.approx(api.total, abs=1e-3)
    at2 = app_test({"tab": "attribution"}).run()        # edited = baseline: nothing to split
    assert not at2.exception and at2.info
