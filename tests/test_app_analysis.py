"""The analysis tabs of the app, driven with Streamlit's AppTest."""
import pytest

import sim
from sim import analysis as A
from sim.analysis import attribute, solve
from ui.testing import app_test, metrics, number, page_texts, unescape

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def texts(at):
    return "\n".join(page_texts(at))


def test_uncertainty_tab_shows_the_probabilities_of_the_monte_carlo():
    at = app_test({"tab": "uncertainty"}).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value
    mc = A.simulate(sim.load_scenario("plan-2024"), n_paths=10_000, rng=2024)
    p = A.probability(mc, "gdp_real_growth", 2024, ">=", 5.5).p
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


def test_a_new_seed_reruns_the_10000_path_monte_carlo_with_it():
    """Each new seed shows that seed's probabilities, not the last run's (its server time is
    measured by benchmarks/bench_app.py)."""
    at = app_test({"tab": "uncertainty"}).run()
    plan = sim.load_scenario("plan-2024")
    expected = {}
    for seed in (1, 2, 3):
        mc = A.simulate(plan, n_paths=10_000, rng=seed)
        expected[seed] = f"{A.probability(mc, 'gdp_real_growth', 2024, '>=', 5.5).p:.1%}"
    assert len(set(expected.values())) == 3          # the seeds can be told apart
    for seed, text in expected.items():
        at.number_input(key="mc_seed").set_value(seed).run()
        assert not at.exception, at.exception
        assert at.dataframe[0].value.iloc[0].iloc[1] == text, seed


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


# -- the analysis tabs' controls travel in the link ---------------------------------------------
def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def reopen(at):
    """A new session opened with the link of ``at``."""
    link = dict(at.query_params)
    fresh = run(app_test(link))
    assert dict(fresh.query_params) == link
    assert not any("ignored" in w.value or "not available" in w.value for w in fresh.warning)
    return fresh


def values(at, keys):
    return {k: at.session_state[k] for k in keys}


def test_uncertainty_controls_round_trip_through_the_link():
    at = run(app_test({"tab": "uncertainty"}))
    at.selectbox(key="mc_indicator").set_value("gdp")
    at.selectbox(key="mc_paths").set_value(1_000)
    at.number_input(key="mc_seed").set_value(7)
    at.text_input(key="mc_threshold").set_value("gdp>=2100@2024; retail_sales>950@2025")
    run(at)
    assert at.query_params == {"tab": "uncertainty", "mc_indicator": "gdp", "mc_paths": "1000",
                               "mc_seed": "7",
                               "mc_threshold": "gdp>=2100@2024; retail_sales>950@2025"}
    fresh = reopen(at)
    keys = ["mc_indicator", "mc_paths", "mc_seed", "mc_threshold"]
    assert values(fresh, keys) == values(at, keys)
    shown = fresh.dataframe[0].value
    assert shown.equals(at.dataframe[0].value)
    mc = A.simulate(sim.load_scenario("plan-2024"), n_paths=1_000, rng=7)
    p = A.probability(mc, "gdp", 2024, ">=", 2100).p
    row = shown[shown.iloc[:, 0].str.contains("2100")].iloc[0]
    assert row.iloc[1] == f"{p:.1%}"


def test_goalseek_controls_round_trip_through_the_link():
    at = run(app_test({"tab": "goalseek"}))
    at.selectbox(key="gs_indicator").set_value("gdp")
    at.selectbox(key="gs_year").set_value(2030)
    at.number_input(key="gs_target").set_value(3000.25)
    at.selectbox(key="gs_vary").set_value("gdp_real")
    at.selectbox(key="gs_vary_year").set_value(2027)
    at.button[0].click()
    run(at)
    assert not at.error
    assert at.query_params == {"tab": "goalseek", "gs_indicator": "gdp", "gs_year": "2030",
                               "gs_target": "3000.25", "gs_vary": "gdp_real",
                               "gs_vary_year": "2027"}
    fresh = reopen(at)
    assert [m.value for m in fresh.metric] == [m.value for m in at.metric]
    expected = solve("plan-2024", indicator="gdp", year=2030, target=3000.25,
                     vary="gdp_real", vary_year=2027)
    assert number(fresh.metric[0].value) == pytest.approx(expected.value, abs=1e-4)
    # the first projected year is the default: it stays out of the link
    at.selectbox(key="gs_year").set_value(2024)
    at.selectbox(key="gs_vary_year").set_value(None)
    at.button[0].click()
    run(at)
    assert "gs_year" not in at.query_params and "gs_vary_year" not in at.query_params


def test_sensitivity_controls_round_trip_through_the_link():
    at = run(app_test({"tab": "sensitivity"}))
    at.selectbox(key="sens_indicator").set_value("gdp_real_growth")
    at.selectbox(key="sens_year").set_value(2024)
    at.selectbox(key="sens_n").set_value(1024)
    run(at)
    assert at.query_params == {"tab": "sensitivity", "sens_indicator": "gdp_real_growth",
                               "sens_year": "2024", "sens_n": "1024"}
    fresh = reopen(at)
    for i in (0, 1):                                  # tornado and Sobol tables
        assert fresh.dataframe[i].value.equals(at.dataframe[i].value)
    assert "8,192" in texts(fresh)                    # 1024 · (6 + 2) model runs


def test_attribution_controls_round_trip_through_the_link():
    at = run(app_test({"tab": "attribution", "edit": "upside"}))
    at.selectbox(key="attr_indicator").set_value("retail_sales")
    at.selectbox(key="attr_year").set_value(2027)
    run(at)
    assert at.query_params == {"tab": "attribution", "edit": "upside",
                               "attr_indicator": "retail_sales", "attr_year": "2027"}
    fresh = reopen(at)
    parts = fresh.dataframe[0].value.iloc[:, 2].to_numpy(float)
    assert fresh.dataframe[0].value.equals(at.dataframe[0].value)
    api = attribute("upside", "plan-2024", indicator="retail_sales", year=2027)
    assert parts.sum() == pytest.approx(api.total, abs=1e-3)


def test_the_last_year_default_follows_the_horizon():
    """A year left at its default (the horizon's last) is not in the link and moves with it."""
    at = run(app_test({"tab": "sensitivity", "until": "2034", "sens_year": "2034"}))
    assert at.query_params == {"tab": "sensitivity", "until": "2034"}
    assert at.selectbox(key="sens_year").value is None       # shown as 2034
    assert at.selectbox(key="sens_year").options[-1] == "2034"


@pytest.mark.parametrize("query, notice", [
    ({"tab": "uncertainty", "mc_paths": "250"}, "mc_paths=250: not valid (one of 1000, 10000, "
                                                "100000)"),
    ({"tab": "uncertainty", "mc_seed": "-1"}, "mc_seed=-1: not valid (a whole number 0 … "),
    ({"tab": "uncertainty", "mc_indicator": "gpd"}, "mc_indicator=gpd: not valid (an indicator"),
    ({"tab": "uncertainty", "mc_threshold": "gdp big"}, "mc_threshold=gdp big: not valid"),
    ({"tab": "goalseek", "gs_target": "lots"}, "gs_target=lots: not valid (a number"),
    ({"tab": "goalseek", "gs_year": "20x4"}, "gs_year=20x4: not valid (a year"),
    ({"tab": "goalseek", "gs_vary": "../x"}, "gs_vary=../x: not valid (an input"),
    ({"tab": "sensitivity", "sens_n": "1000"}, "sens_n=1000: not valid (one of 1024, 4096, "
                                               "16384)"),
    ({"tab": "attribution", "attr_year": "soon"}, "attr_year=soon: not valid (a year"),
])
def test_an_invalid_link_value_gives_a_notice(query, notice):
    at = run(app_test(query))
    assert notice in unescape(at.warning[0].value)
    assert not at.error                                # the tab shows its default instead
    key = next(k for k in query if k != "tab")
    assert key not in at.query_params


@pytest.mark.parametrize("query, notice", [
    ({"tab": "goalseek", "gs_year": "2045"}, "gs_year=2045: not available here (allowed: 2024, "
                                             "2025, 2026, 2027, 2028, 2029, 2030); showing "
                                             "2024."),
    ({"tab": "goalseek", "gs_vary": "levels.zzz"}, "gs_vary=levels.zzz: not available here"),
    ({"tab": "sensitivity", "sens_year": "2040"}, "sens_year=2040: not available here"),
    ({"tab": "attribution", "attr_year": "2020"}, "attr_year=2020: not available here"),
    ({"tab": "goalseek", "gs_vary_year": "2040"}, "gs_vary_year=2040: not available here"),
])
def test_a_link_value_the_view_does_not_have_gives_a_notice(query, notice):
    at = run(app_test(query))
    assert any(notice in unescape(w.value) for w in at.warning), [w.value for w in at.warning]
    assert not at.error
    key = next(k for k in query if k != "tab")
    assert key not in at.query_params                 # the link now holds what is shown


# -- limits per request in the app ---------------------------------------------------------------
def test_paths_offered_stop_at_the_limit_and_more_gives_a_notice(monkeypatch):
    monkeypatch.setenv("SIM_MAX_PATHS", "5000")
    at = run(app_test({"tab": "uncertainty", "mc_paths": "10000"}))
    assert ("mc_paths=10000: not valid (one of 1000, 5000; at most 5,000 per request here)"
            in unescape(at.warning[0].value))
    assert at.selectbox(key="mc_paths").options == ["1,000", "5,000"]
    assert at.selectbox(key="mc_paths").value == 5_000 and not at.error
    assert "5,000" in texts(at)                        # the caption: "Share of the 5,000 paths"


def test_over_the_limit_request_shows_the_message_and_the_app_keeps_working(monkeypatch):
    monkeypatch.setenv("SIM_MAX_HORIZON", "5")
    at = run(app_test({"tab": "uncertainty"}))
    assert [e.value for e in at.error] == [
        "key 'until': is 2030, 7 years after the base year 2023, over the limit per request "
        "(allowed: 2024 … 2028, at most 5 years; raise the limit with --max-horizon or "
        "SIM_MAX_HORIZON)"]
    at.slider(key="until").set_value(2028)
    run(at)
    assert not at.error and at.dataframe              # within the limit: the Monte Carlo runs
    at.session_state["tab"] = "Sensitivity"
    at.slider(key="until").set_value(2030)
    run(at)
    assert any("key 'sens_year': is 2030" in e.value for e in at.error)
    at.selectbox(key="sens_year").set_value(2026)
    run(at)
    assert not at.error and len(at.dataframe) == 2
    at.session_state["tab"] = "Overview"
    run(at)
    assert not at.error and metrics(at)                # the other tabs never noticed


def test_sobol_samples_and_grid_follow_their_limits(monkeypatch):
    monkeypatch.setenv("SIM_MAX_SOBOL_SAMPLES", "1024")
    monkeypatch.setenv("SIM_MAX_GRID", "16")
    at = run(app_test({"tab": "sensitivity", "sens_n": "4096"}))
    assert "sens_n=4096: not valid (one of 1024; at most 1,024 per request here)" in unescape(
        at.warning[0].value)
    assert at.selectbox(key="sens_n").options == ["1,024"] and not at.error
    gs = run(app_test({"tab": "goalseek"}))
    assert not gs.error
    expected = solve("plan-2024", indicator="gdp_real_growth", year=2024, target=5.5,
                     vary="services_real", grid=16)
    assert number(gs.metric[0].value) == pytest.approx(expected.value, abs=1e-4)


def test_an_upload_over_a_limit_is_refused_with_its_message(monkeypatch):
    monkeypatch.setenv("SIM_MAX_UPLOAD_BYTES", "2048")
    at = run(app_test())
    big = b"# padding\n" * 300
    at.file_uploader(key="upload").set_value(("big.toml", big, "application/toml"))
    run(at)
    assert any("big.toml: is 3,000 bytes, too large for a scenario file (allowed: up to 2,048 "
               "bytes (2 KB))" in unescape(e.value) for e in at.error)
    far = sim.load_scenario("upside").with_end_year(2060).renamed("far").to_toml().encode()
    at.file_uploader(key="upload").set_value(("far.toml", far, "application/toml"))
    run(at)
    assert any("far.toml: key 'end_year': is 2060, 37 years after the base year 2023"
               in unescape(e.value) for e in at.error)
    assert metrics(at) and "far" not in at.selectbox(key="edit").options


def test_an_invalid_limit_setting_is_shown_not_raised(monkeypatch):
    monkeypatch.setenv("SIM_MAX_PATHS", "lots")
    at = run(app_test())
    assert [unescape(e.value) for e in at.error] == [
        "The app was started with an invalid limit: key 'SIM_MAX_PATHS': is 'lots', not a "
        "whole number (allowed: 1 … 50,000,000 paths)"]


# -- the model documentation ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_model_page_links_and_shows_the_model_documentation(root, lang):
    at = run(app_test({"tab": "model", "lang": lang}))
    path = root / "docs" / "model.md"
    shown = texts(at)
    assert f"`{path}`" in shown and "`docs/model.md`" in shown
    assert "### The model · 模型说明" in shown                # the document, headings demoted
    assert "#### 8. Uncertainty: Monte Carlo and fan charts" in shown
    assert at.get("download_button")
