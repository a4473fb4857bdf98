"""Every control of the app, driven with Streamlit's AppTest: set a value, run, and check that the
numbers shown equal what ``sim`` computes for the same inputs."""
from __future__ import annotations

import math

import pytest

import sim
from sim.consistency import consistency_report
from sim.indicators import INDICATORS
from ui.testing import (app_test, metric_values, metrics, number, page_texts, unescape,
                        vega_charts, view_from_url)

HEADLINE = ("gdp", "gdp_real_growth", "services", "non_services", "retail_sales", "rd_intensity")
TOL = {"亿元": 0.051, "%": 0.0051}          # shown with one and two decimals


@pytest.fixture(scope="module")
def plan():
    return sim.load_scenario("plan-2024")


def assert_headline(at, expected, baseline, year, lang="en"):
    """The six headline metrics equal ``expected`` in ``year``; deltas equal expected − baseline."""
    shown = metric_values(at)
    assert len(shown) == 6
    for ind_id in HEADLINE:
        ind = INDICATORS[ind_id]
        value, delta = shown[ind.label(lang)]
        try:
            x = sim.value(expected, ind_id, year)
        except KeyError:                # not defined (no R&D assumption): shown as "–"
            assert math.isnan(value) and delta is None, ind_id
            continue
        ref = sim.value(baseline, ind_id, year)
        assert value == pytest.approx(x, abs=TOL[ind.unit]), ind_id
        assert delta == pytest.approx(x - ref, abs=TOL[ind.unit]), ind_id


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_first_view_shows_the_plan_against_itself(plan):
    at = run(app_test())
    base = sim.project(plan)
    assert_headline(at, base, base, 2024)
    assert at.query_params == {}
    assert at.title[0].value == "Xihu District economy: scenario simulator"


@pytest.mark.parametrize("rate, part, value, path, year", [
    ("services_real", "first", 6.3, [6.3, 5.6], 2024),
    ("services_real", "later", 4.0, [5.6, 4.0], 2026),
    ("non_services_real", "first", 8.0, [8.0, 2.31], 2024),
    ("non_services_real", "later", -3.0, [2.31, -3.0], 2027),
    ("services_deflator", "first", 2.0, [2.0, 0.0], 2024),
    ("services_deflator", "later", 1.5, [0.0, 1.5], 2026),
    ("non_services_deflator", "first", -4.0, [-4.0, 0.0], 2024),
    ("non_services_deflator", "later", 3.0, [0.0, 3.0], 2028),
    ("retail_sales", "first", 9.5, [9.5, 7.0], 2024),
    ("retail_sales", "later", 3.0, [7.0, 3.0], 2026),
    ("rd_intensity", "first", 5.2, [5.2, 4.5, 4.55, 4.6, 4.65, 4.7, 4.75], 2024),
    ("rd_intensity", "later", 3.9, [4.45, 3.9], 2027),
])
def test_each_rate_slider(plan, rate, part, value, path, year):
    at = run(app_test())
    at.slider(key=f"{rate}_{part}").set_value(value)
    at.selectbox(key="year").set_value(year)
    run(at)
    expected = sim.project(plan.with_rates(**{rate: path}))
    assert_headline(at, expected, sim.project(plan), year)
    assert at.query_params[f"{rate}.{part}"] == f"{value:g}"


def test_gdp_level_slider_and_the_consistency_warnings(plan):
    at = run(app_test())
    warnings_before = [w.value for w in at.warning]
    assert warnings_before == [f.text("en") for f in
                               consistency_report(plan.start).warnings]
    at.slider(key="gdp").set_value(2100.0)
    run(at)
    edited = plan.with_levels(gdp=2100.0)
    assert_headline(at, sim.project(edited), sim.project(plan), 2024)
    assert [w.value for w in at.warning] == [
        f.text("en") for f in consistency_report(edited.start).warnings]
    assert at.query_params["gdp"] == "2100"


def test_horizon_slider_extends_the_years(plan):
    at = run(app_test())
    at.slider(key="until").set_value(2035)
    run(at)
    assert at.selectbox(key="year").options[-1] == "2035"
    at.selectbox(key="year").set_value(2035)
    run(at)
    full = sim.project(plan, until=2035)
    assert_headline(at, full, full, 2035)
    assert at.query_params["until"] == "2035" and at.query_params["year"] == "2035"


def test_year_selector_includes_the_outturn(plan):
    at = run(app_test())
    assert at.selectbox(key="year").options[0] == "2023 (outturn)"
    at.selectbox(key="year").set_value(2023)
    run(at)
    base = sim.project(plan)
    assert_headline(at, base, base, 2023)
    assert "2023 is the outturn" in " ".join(page_texts(at))


def test_edit_selector_loads_the_file_values():
    at = run(app_test())
    at.selectbox(key="edit").set_value("downside")
    run(at)
    assert at.slider(key="services_real_first").value == 4.8
    assert at.slider(key="services_real_later").value == 4.0
    assert at.slider(key="non_services_deflator_first").value == -2.0
    assert_headline(at, sim.project("downside"), sim.project("plan-2024"), 2024)
    assert at.query_params == {"edit": "downside"}


def test_switching_the_edited_scenario_drops_the_edits():
    at = run(app_test())
    at.slider(key="services_real_first").set_value(7.0)
    run(at)
    at.selectbox(key="edit").set_value("upside")
    run(at)
    assert at.slider(key="services_real_first").value == 6.5
    assert at.query_params == {"edit": "upside"}


def test_baseline_selector_changes_the_differences():
    at = run(app_test())
    at.selectbox(key="baseline").set_value("momentum")
    run(at)
    assert_headline(at, sim.project("plan-2024"), sim.project("momentum"), 2024)
    assert at.query_params == {"baseline": "momentum"}


def test_compare_selector_sets_the_scenarios_shown():
    at = run(app_test())
    at.multiselect(key="compare").set_value(["upside"])
    run(at)
    assert at.query_params == {"compare": "upside"}
    view, _ = view_from_url(at)
    assert [m.id for m in view.members] == ["plan-2024", "plan-2024-adjusted",
                                            "plan-2024-edited", "upside"]


def test_language_switch_changes_every_label(plan):
    at = run(app_test())
    at.segmented_control(key="lang").set_value("zh")
    run(at)
    assert at.title[0].value == "西湖区经济情景模拟器"
    base = sim.project(plan)
    assert_headline(at, base, base, 2024, lang="zh")
    from ui.pages import PAGES

    assert at.segmented_control(key="tab").options == [p.title["zh"] for p in PAGES]
    assert at.segmented_control(key="tab").options[0] == "概览"
    assert at.slider(key="services_real_first").label == "2024年"
    assert at.query_params == {"lang": "zh"}


def test_language_switch_keeps_the_open_tab():
    at = app_test({"tab": "contributions"})
    run(at)
    at.segmented_control(key="lang").set_value("zh")
    run(at)
    assert at.session_state["tab"] == "增长贡献"
    assert at.subheader[0].value == "对地区生产总值增长的拉动"


def test_retail_mode_switch_to_elasticity(plan):
    at = run(app_test())
    at.segmented_control(key="retail").set_value("elasticity")
    run(at)
    assert at.slider(key="retail_sales_elasticity_first").value == 1.0
    assert_headline(at, sim.project(plan.with_rates(retail_sales_elasticity=1.0)),
                    sim.project(plan), 2024)
    at.slider(key="retail_sales_elasticity_first").set_value(1.5)
    run(at)
    assert_headline(at, sim.project(plan.with_rates(retail_sales_elasticity=[1.5, 1.0])),
                    sim.project(plan), 2024)
    assert at.query_params == {"retail": "elasticity", "retail_sales_elasticity.first": "1.5"}


def test_reset_restores_the_file_values(plan):
    at = run(app_test({"gdp": "2100", "services_real.first": "7", "until": "2040"}))
    assert at.slider(key="services_real_first").value == 7.0
    at.button(key="reset").click()
    run(at)
    assert at.slider(key="services_real_first").value == 5.6
    assert at.slider(key="gdp").value == 2000.0
    assert at.slider(key="until").value == 2030
    base = sim.project(plan)
    assert_headline(at, base, base, 2024)
    assert at.query_params == {}


def _no_rd_upload(plan) -> bytes:
    return plan.with_rates(rd_intensity=None).renamed("no-rd").to_toml().encode()


def test_upload_adds_a_scenario_to_compare_and_edit(plan):
    at = run(app_test())
    mine = plan.with_rates(services_real=6.8).renamed("mine", title_en="Mine")
    at.file_uploader(key="upload").set_value(("mine.toml", mine.to_toml().encode(),
                                              "application/toml"))
    run(at)
    assert unescape(at.success[0].value) == "Loaded scenario mine from mine.toml."
    assert "mine" in at.multiselect(key="compare").value
    at.selectbox(key="edit").set_value("mine")
    run(at)
    assert_headline(at, sim.project(mine), sim.project(plan), 2024)
    assert "up" in at.query_params


def test_r_and_d_switch_for_a_file_without_it(plan):
    at = run(app_test())
    at.file_uploader(key="upload").set_value(("no-rd.toml", _no_rd_upload(plan), "text/plain"))
    run(at)
    at.selectbox(key="edit").set_value("no-rd")
    run(at)
    assert [m.value for m in metrics(at) if m.label.startswith("R&D")] == ["–"]
    at.checkbox(key="rd").check()
    run(at)
    at.slider(key="rd_intensity_first").set_value(4.9)
    run(at)
    expected = plan.with_rates(rd_intensity=[4.9, 4.4])
    assert_headline(at, sim.project(expected), sim.project(plan), 2024)
    assert at.query_params["rd_intensity.first"] == "4.9"


def test_scenario_download_is_offered():
    at = run(app_test())
    keys = [b.key for b in at.download_button]
    assert "dl_toml_sidebar" in keys and "dl_chart_overview" in keys


def test_chart_indicator_selector():
    at = run(app_test())
    (spec, data), = vega_charts(at)
    assert set(data["lines"]["indicator"]) == {"gdp"}
    at.selectbox(key="chart").set_value("gdp_real_growth")
    run(at)
    assert at.query_params == {"chart": "gdp_real_growth"}
    (spec, data), = vega_charts(at)
    assert set(data["lines"]["indicator"]) == {"gdp_real_growth"}
    frame = sim.project(sim.shipped_scenarios())
    for _, row in data["lines"].iterrows():         # the shipped scenarios' own numbers
        if row["scenario"] in sim.shipped_scenarios():
            assert row["value"] == sim.value(frame, "gdp_real_growth", row["year"],
                                             scenario=row["scenario"])


def test_table_mode_control_on_the_comparison_tab():
    at = app_test({"tab": "compare", "compare": "momentum"})
    run(at)
    at.segmented_control(key="table").set_value("diff")
    run(at)
    table = at.dataframe[0].value.set_index("Indicator")
    frame = sim.project(["plan-2024", "momentum"])
    gdp_label = INDICATORS["gdp"].label("en")
    assert table.loc[gdp_label, "Momentum"] == pytest.approx(
        sim.value(frame, "gdp", 2024, "momentum") - sim.value(frame, "gdp", 2024, "plan-2024"))
    assert at.query_params == {"tab": "compare", "compare": "momentum", "table": "diff"}


def test_contributions_scenario_selector():
    at = app_test({"tab": "contributions"})
    run(at)
    at.selectbox(key="contrib").set_value("downside")
    run(at)
    table = at.dataframe[0].value
    frame = sim.project("downside")
    for _, row in table.iterrows():
        year = int(row["Year"])
        assert row["Services, pp"] == pytest.approx(
            sim.value(frame, "services_contribution", year))
        assert row["Non-services, pp"] == pytest.approx(
            sim.value(frame, "non_services_contribution", year))
    assert at.query_params["contrib"] == "downside"


def test_tabs_switch_and_stay_in_the_url():
    at = run(app_test())
    at.session_state["tab"] = "Model"
    run(at)
    assert at.query_params == {"tab": "model"}
    assert len(at.get("latex")) == 4


def test_dismissing_the_link_notices():
    at = run(app_test({"services_real.first": "fast"}))
    assert "services_real.first=fast: not a number (allowed: -30 … 30)" in unescape(
        at.warning[0].value)
    at.button(key="dismiss_notices").click()
    run(at)
    assert not any("services_real.first" in unescape(w.value) for w in at.warning)


def test_share_link_holds_the_query():
    at = run(app_test())
    assert not [c for c in at.code if c.value.startswith("http")]    # drawn once opened
    at.session_state["share"] = True                                # the box opened
    at.slider(key="services_real_first").set_value(6.1)
    run(at)
    link = [c.value for c in at.code if c.value.startswith("http")][0]
    assert link == "http://127.0.0.1:8501/?services_real.first=6.1"
    assert number(link.split("=")[-1]) == 6.1
