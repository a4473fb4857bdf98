"""History in the app: every page (the Backtest page too) on a base without history; the chart
after the base's history; the lower bound replaced by history's estimate in one click; the
Backtest page's tables against ``sim.backtest``; the calibration and its scenario file; the
Monte Carlo's uncertainty from the file or from history."""
from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
import pytest

import sim
from sim.backtest import backtest, backtest_summary
from sim.calibrate import calibrate_base
from sim.consistency import lower_bound_estimate
from sim.history import history_frame
from sim.testing import assert_results_close
from ui.history_view import assumed_rates, calibrated_toml, history_table
from ui.i18n import t
from ui.pages import PAGES
from ui.testing import app_test, page_texts, unescape, vega_charts, view_from_url
from ui.uploads import encode_base_token, encode_token

# a district of the user's, without history (made-up figures)
BASE = """region = "Other District"
year = 2023

[levels]
gdp = 812.5
services = 540.0
retail_sales = 300.0

[growth]
gdp = 4.0
services = 4.5
retail_sales = 5.0

[sources]
gdp = "A made-up figure for tests."
"""
SCENARIO = """name = "other-plan"
base = "other"
end_year = 2028

[rates]
services_real = 6.0
non_services_real = 3.0
retail_sales = 5.0
"""
NO_HISTORY = {"ub": [encode_base_token("other", BASE)], "up": [encode_token(SCENARIO)],
              "edit": "other-plan", "baseline": "other-plan"}
# plan-2024 with sds of its own, on the built-in base that carries history
OWN_SD = """name = "own-sd"
base = "xihu-2023"
end_year = 2030

[rates]
services_real = 5.6
non_services_real = 3.0
retail_sales = 6.5

[uncertainty]
persistence = 0.0
services_real = {sd = 1.0}
non_services_real = {sd = 2.0}
retail_sales = {sd = 2.0}
"""
OWN = {"up": [encode_token(OWN_SD)], "edit": "own-sd", "baseline": "own-sd",
       "tab": "uncertainty", "mc_paths": "1000"}


@pytest.fixture(scope="module")
def plan():
    return sim.load_scenario("plan-2024")


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def texts(at) -> str:
    return " ".join(unescape(x) for x in page_texts(at))


def table_with(at, column: str) -> pd.DataFrame:
    """The first table shown with a column called ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


# -- a base without history --------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", [p.id for p in PAGES])
def test_every_page_renders_on_an_uploaded_base_without_history(page, lang):
    at = run(app_test({**NO_HISTORY, "tab": page, "lang": lang}))
    assert "Traceback" not in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_backtest_page_of_a_base_without_history_says_so(lang):
    at = run(app_test({**NO_HISTORY, "tab": "backtest", "lang": lang}))
    assert [unescape(i.value) for i in at.info] == [t("backtest.no_history", lang, name="other")]
    assert not at.dataframe


@pytest.mark.parametrize("page", ["overview", "backtest", "uncertainty"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_history_pages_render_plan_2024(page, lang):
    run(app_test({"tab": page, "lang": lang, "mc_paths": "1000"}))


# -- the chart ---------------------------------------------------------------------------------
def test_the_overview_chart_draws_the_bases_history(plan):
    from ui.charts import history_rows
    from ui.state import ViewState
    from ui.view import build_view

    shipped = {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}
    view = build_view(ViewState(), shipped, shipped_order=list(shipped))
    rows = history_rows(view, "gdp")
    expected = history_frame(plan.start)
    expected = expected[expected["indicator"] == "gdp"].reset_index(drop=True)
    pd.testing.assert_frame_equal(rows, expected)
    assert list(rows["year"]) == [2019, 2020, 2022, 2023]
    assert list(rows["kind"]) == ["secondary", "secondary", "published", "lower bound"]
    at = run(app_test())
    assert any(c.value.startswith("Before 2023: the base's history") for c in at.caption)
    # a base without history draws no history and says nothing of it
    other = run(app_test(NO_HISTORY))
    assert not any("history" in c.value for c in other.caption)


# -- the lower bound in one click --------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_estimate_button_names_the_estimate_and_how_it_was_made(plan, lang):
    est = lower_bound_estimate(plan.base)
    assert round(est.value, 1) == 2070.6
    at = run(app_test({"lang": lang}))
    label = at.button(key="use_estimate").label
    if lang == "en":
        assert label == ("Use the estimate 2070.6亿元 (estimated from history: 2022 GDP "
                         "1970.1亿元 × (1 + 5.1%, the 2023 real growth))")
    else:
        assert label == "采用估计值2070.6亿元(据历史推算:2022年地区生产总值1970.1亿元 × (1 + 2023年可比价增速5.1%))"


def test_one_click_sets_gdp_to_the_estimate_exactly_as_with_levels_and_reset_undoes_it(plan):
    at = run(app_test())
    at.button(key="use_estimate").click()
    run(at)
    assert at.slider(key="gdp").value == 2070.6
    assert at.query_params["gdp"] == "2070.6"
    expected = sim.project(plan.with_levels(gdp=2070.6))
    view, notices = view_from_url(at)
    assert notices == []
    edited = view.frame[view.frame["scenario"] == view.edited.id].assign(scenario="plan-2024")
    assert_results_close(edited.reset_index(drop=True), expected.assign(scenario="plan-2024"),
                         rtol=0, atol=0)
    assert sim.value(edited, "gdp", 2024) == sim.value(expected, "gdp", 2024)
    # labelled an estimate and a user assumption; the button is gone, the warnings too
    shown = [unescape(i.value) for i in at.info]
    assert any(x.startswith("The 2023 GDP level is 2070.6亿元, the estimate from history")
               and "a user assumption, not a published figure" in x for x in shown)
    assert not [b for b in at.button if b.key == "use_estimate"]
    assert not at.warning
    # the history's 2023 GDP is the user's level now
    assert history_frame(view.edited.scenario.start).query(
        "indicator == 'gdp' and year == 2023")["kind"].tolist() == ["assumption"]
    at.button(key="reset").click()
    run(at)
    assert at.slider(key="gdp").value == 2000.0
    assert "gdp" not in at.query_params
    assert at.button(key="use_estimate").label.startswith("Use the estimate 2070.6亿元")


def test_no_estimate_is_offered_without_a_lower_bound_or_history():
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "three-sector.toml").read_text(encoding="utf-8")
    for link in ({"up": [encode_token(text)], "edit": "three-sector"}, NO_HISTORY):
        at = run(app_test(link))
        assert not [b for b in at.button if b.key == "use_estimate"]


# -- the Backtest page -------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["all", "momentum", "trend"])
def test_the_backtest_table_equals_sim_backtest(plan, method):
    at = run(app_test({"tab": "backtest", "bt_method": method}))
    shown = table_with(at, "Projected")
    rows = backtest(history_frame(plan.base), plan.base.model_sectors)
    if method != "all":
        rows = rows[rows["method"] == method]
    assert len(shown) == len(rows) > 0
    np.testing.assert_array_equal(shown["Year"], rows["year"])
    for col, src in (("Projected", "projected"), ("Outturn", "outturn"), ("Error", "error")):
        np.testing.assert_array_equal(shown[col].to_numpy(), rows[src].to_numpy())
    assert list(shown["Method"]) == [t("backtest.method." + m) for m in rows["method"]]
    assert set(shown["Error in"]) == {"pp"}
    assert at.segmented_control(key="bt_method").value == method


def test_the_backtest_summary_equals_sim_and_the_method_travels_in_the_link(plan):
    at = run(app_test({"tab": "backtest"}))
    summary = backtest_summary(backtest(history_frame(plan.base), plan.base.model_sectors))
    shown = table_with(at, "RMSE")
    np.testing.assert_array_equal(shown["RMSE"].to_numpy(), summary["rmse"].to_numpy())
    np.testing.assert_array_equal(shown["Mean error"].to_numpy(),
                                  summary["mean_error"].to_numpy())
    assert list(shown["Years"]) == list(summary["years"])
    at.segmented_control(key="bt_method").set_value("trend")
    run(at)
    assert at.query_params["bt_method"] == "trend"
    assert set(table_with(at, "Projected")["Method"]) == {"trend"}
    # the errors' chart, drawn by the browser: the trend's errors of the indicator charted
    (spec, data), = vega_charts(at)
    errors = data["errors"]
    assert set(errors["method"]) == {"trend"} and not at.image
    trend = backtest(history_frame(plan.base), plan.base.model_sectors)
    trend = trend[(trend["method"] == "trend")
                  & (trend["indicator"] == at.selectbox(key="bt_indicator").value)]
    np.testing.assert_array_equal(errors["error"].to_numpy(), trend["error"].to_numpy())
    assert list(errors["year"]) == list(trend["year"])


def test_the_history_table_lists_every_figure_with_its_source_and_kind_and_the_flags(plan):
    at = run(app_test({"tab": "backtest"}))
    frame = history_frame(plan.base)
    shown = table_with(at, "Kind")
    assert len(shown) == len(frame)
    assert set(shown["Kind"]) == {t("history.kind." + k) for k in frame["kind"]}
    gdp = shown[shown["Indicator"] == "GDP"]
    assert list(gdp["Year"]) == [2019, 2020, 2022, 2023]
    assert list(gdp["Kind"]) == ["secondary source (a copy)"] * 2 + ["published",
                                                                      "lower bound (突破)"]
    assert gdp["Source sentence"].iloc[2].startswith("全区实现地区生产总值1970.1亿元 — Xihu government")
    flagged = [unescape(w.value) for w in [*at.warning, *at.info]]
    assert any(x.startswith("Non-services deflator change 2023: an implied deflator change of "
                            "-58.7% is beyond ±8%. Likely causes: a lower-bound headline")
               for x in flagged)
    assert any(x.startswith("GDP deflator change 2020: an implied GDP deflator change of +4.6%")
               for x in flagged)
    assert history_table(frame, plan.base, lang="zh").columns[-2] == "类别"


def test_the_history_table_escapes_sources_from_an_uploaded_base():
    hostile = BASE.replace('gdp = "A made-up figure for tests."',
                           'gdp = "**bold** :red[x] <b>hi</b>"') + """
[history.2022]
source = {where = "[a link](http://x.org)"}
levels = {gdp = 780.0}

[history.2022.sources]
gdp = "# a heading"
"""
    link = {**NO_HISTORY, "ub": [encode_base_token("other", hostile)], "tab": "backtest"}
    at = run(app_test(link))
    assert t("backtest.none") in [unescape(i.value) for i in at.info]
    table = table_with(at, "Kind")                 # tables show text as it is
    assert "# a heading — [a link](http://x.org)" in list(table["Source sentence"])
    assert "**bold** :red[x] <b>hi</b> — the base other" in list(table["Source sentence"])


# -- the calibration ---------------------------------------------------------------------------
def test_the_calibration_table_gives_each_rates_trend_and_sd_by_horizon(plan):
    at = run(app_test({"tab": "backtest"}))
    cal = calibrate_base(plan.base)
    shown = table_with(at, "Rate").set_index("Rate")
    assert list(shown.index) == list(cal.rates)
    for k, rc in cal.rates.items():
        trend = np.nan if rc.trend.value is None else rc.trend.value
        np.testing.assert_equal(shown.loc[k, "Trend, %"], trend)
    assert shown.loc["services_real", "sd 1 yr ahead, pp"] == cal.rates["services_real"].sd[0].value
    assert shown.loc["gdp_real", "sd 2 yr ahead, pp"] == cal.rates["gdp_real"].sd[1].value
    assert "estimated from 2 years (2020, 2023)" in shown.loc["services_real",
                                                              "How it is estimated"]
    captions = [unescape(c.value) for c in at.caption]
    assert "⚠ services_real trend: only 2 years, fewer than 5: a rough estimate" in captions
    assert "dl_calibrated" in {b.key for b in at.download_button}


def test_the_calibrated_file_projects_the_calibrations_trends(plan):
    cal = calibrate_base(plan.base)
    assert assumed_rates(cal, plan) == {}
    text = calibrated_toml(cal, plan, end_year=2030)
    s = sim.parse_scenario(text, source="calibrated.toml")
    assert s.rates["services_real"] == round(cal.rates["services_real"].trend.value, 2)
    assert s.uncertainty.sd["services_real"] == cal.sd_paths(7)["services_real"]
    assert s.end_year == 2030


def test_rates_history_cannot_estimate_take_the_edited_scenarios_values_labelled_so():
    from pathlib import Path

    three = sim.load_scenario(Path(__file__).parent / "data" / "three-sector.toml")
    cal = calibrate_base(three.base)
    assumed = assumed_rates(cal, three)
    assert assumed == {"primary_real": 1.5, "secondary_real": 3.0, "retail_sales": 7.0,
                       "fixed_asset_investment": 5.0, "industry_above_size": 4.0}
    assert set(assumed) == set(cal.unestimated())
    text = calibrated_toml(cal, three, end_year=2029)
    doc = tomllib.loads(text)
    assert doc["rates"]["primary_real"] == 1.5 and doc["rates"]["tertiary_real"] == 7.9
    assert "primary_real = 1.5 %: a user assumption" in doc["description"]
    assert ("Rates the history cannot estimate are the edited scenario three-sector's 2023 "
            "values (user assumptions, not estimates)") in doc["description"]
    s = sim.scenario_from_dict(doc, base=three.base, source="calibrated.toml")
    assert s.end_year == 2029


# -- the Monte Carlo switch --------------------------------------------------------------------
def _sd_lines(at) -> list[str]:
    return [line for m in at.markdown for line in unescape(m.value).split("\n")
            if line.startswith("- uncertainty.services_real.sd")]


def test_the_uncertainty_switch_takes_the_sds_from_history_and_says_which():
    at = run(app_test(OWN))
    assert at.segmented_control(key="mc_uncertainty").value == "file"
    assert _sd_lines(at) == ["- uncertainty.services_real.sd = 1 pp (assumption of the "
                             "scenario file)"]
    captions = [unescape(c.value) for c in at.caption]
    assert "Uncertainty used: uncertainty of the scenario file: assumption of the scenario " \
           "file, for non_services_real, retail_sales, services_real" in captions
    at.segmented_control(key="mc_uncertainty").set_value("history")
    run(at)
    assert at.query_params["mc_uncertainty"] == "history"
    lines = _sd_lines(at)
    assert len(lines) == 1 and lines[0].startswith(
        "- uncertainty.services_real.sd = 1.8 pp in 2024, 2.55 pp in 2025")
    captions = [unescape(c.value) for c in at.caption]
    assert any(c.startswith("Uncertainty used: uncertainty from history where it gives an sd: "
                            "sd from the backtest of 1 year (2023) of the history of xihu-2023")
               for c in captions)


def test_the_switch_gives_the_probability_simulate_gives_under_each_uncertainty():
    from sim import analysis as A
    from sim.targets import PLAN_2024

    shown = {}
    for origin in ("file", "history"):
        at = run(app_test({**OWN, "mc_uncertainty": origin}))
        view, notices = view_from_url(at)
        assert notices == []
        mc = A.simulate(view.edited.scenario, n_paths=1000, rng=2024, uncertainty=origin)
        p = A.target_probabilities(mc, PLAN_2024).set_index("target").loc["gdp_growth",
                                                                          "probability"]
        shown[origin] = table_with(at, "probability")["probability"].iloc[0]
        assert shown[origin] == f"{p:.1%}"
    assert shown["file"] != shown["history"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_base_without_history_disables_the_switch_and_a_link_asking_for_it_gets_a_notice(lang):
    at = run(app_test({**NO_HISTORY, "tab": "uncertainty", "mc_paths": "1000", "lang": lang}))
    switch = at.segmented_control(key="mc_uncertainty")
    assert switch.value == "file" and switch.disabled
    assert t("uncertainty.no_history", lang, name="other") in [unescape(c.value)
                                                               for c in at.caption]
    at = run(app_test({**NO_HISTORY, "tab": "uncertainty", "mc_paths": "1000", "lang": lang,
                       "mc_uncertainty": "history"}))
    assert [unescape(w.value) for w in at.warning] == [
        t("uncertainty.no_history", lang, name="other")]
    assert at.segmented_control(key="mc_uncertainty").value == "file"
    assert "mc_uncertainty" not in at.query_params
