"""Indicators beside GDP in the app: a base that carries ``[indicators]`` gives each a slider for
the rate the scenario drives it with (growth, buoyancy or additions), which moves the indicator
exactly as ``sim`` computes; the indicators are among the chart's choices and in the tables
with their units and Chinese names; the count targets show in the targets table."""
from __future__ import annotations

from pathlib import Path

import pytest

import sim
from sim.testing import assert_results_close
from ui.controls import rate_range
from ui.edits import Edits, active_rates, slider_rates
from ui.i18n import t
from ui.tables import targets_table
from ui.testing import app_test, metric_values, page_texts, unescape, vega_charts, view_from_url
from ui.uploads import encode_base_token, encode_token

# made-up figures of a district of the user's: every value is a test's assumption
BASE = """region = "Side District"
year = 2023

[levels]
gdp = 1000.0
services = 600.0
retail_sales = 300.0

[growth]
gdp = 5.0
services = 6.0
retail_sales = 6.0

[indicators]
budget_revenue = 100.0
fiscal_revenue = 200.0
fixed_asset_investment = 400.0
population = 100.0
market_entities = 165000
enterprises = 108000
high_tech_enterprises = 1000
tech_smes = 3000
"""
SCENARIO = """name = "side-plan"
base = "side"
end_year = 2027

[rates]
services_real = 5.0
non_services_real = 5.0
services_deflator = 2.0
non_services_deflator = 2.0
retail_sales = 5.0
fixed_asset_investment = 3.0
population = [1.0, 0.5]
market_entities = 3.5
enterprises_additions = 1500
high_tech_enterprises_additions = 200
tech_smes_additions = 800
"""
LINK = {"ub": [encode_base_token("side", BASE)], "up": [encode_token(SCENARIO)],
        "edit": "side-plan", "baseline": "side-plan"}
THREE = (Path(__file__).parent / "data" / "three-sector.toml").read_text(encoding="utf-8")
SIDE_RATES = ["budget_revenue_buoyancy", "fiscal_revenue_buoyancy", "fixed_asset_investment",
              "population", "market_entities", "enterprises_additions",
              "high_tech_enterprises_additions", "tech_smes_additions"]


@pytest.fixture(scope="module")
def side():
    from ui.uploads import base_from_text

    base = base_from_text("side", BASE)
    return sim.scenario_from_dict(sim.base.parse_toml(SCENARIO, source="s"), base=base,
                                  source="side-plan")


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def edited_frame(at, name: str = "side-plan"):
    view, notices = view_from_url(at)
    assert notices == []
    rows = view.frame[view.frame["scenario"] == view.edited.id]
    return rows.assign(scenario=name).reset_index(drop=True)


# -- which rates have sliders ------------------------------------------------------------------
def test_each_indicator_gets_the_rate_the_scenario_drives_it_with(side):
    assert active_rates(side, Edits())[-len(SIDE_RATES):] == SIDE_RATES
    # every rate that may drive them can take a slider (the link may set it)
    assert {"budget_revenue", "market_entities_additions", "tech_smes"} <= set(slider_rates(side))
    plan = sim.load_scenario("plan-2024")
    assert active_rates(plan, Edits()) == ["services_real", "non_services_real",
                                           "services_deflator", "non_services_deflator",
                                           "retail_sales", "rd_intensity"]


def test_slider_ranges_growth_buoyancy_and_whole_additions(side):
    assert str(rate_range(side, "fixed_asset_investment")) == "-30 … 30"
    assert str(rate_range(side, "population")) == "-5 … 5"
    assert str(rate_range(side, "budget_revenue_buoyancy")) == "-1 … 3"
    r = rate_range(side, "market_entities_additions")
    assert (r.lo, r.hi, r.step, r.fmt) == (0.0, 17000.0, 1.0, "%.0f")   # a tenth of 165,000
    r = rate_range(side, "tech_smes_additions")
    assert (r.lo, r.hi, r.step) == (0.0, 2000.0, 1.0)                  # twice the file's 800


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sidebar_shows_a_labelled_slider_pair_per_indicator(side, lang):
    at = run(app_test({**LINK, "lang": lang}))
    keys = {s.key for s in at.slider}
    for rate in SIDE_RATES:
        assert {f"{rate}_first", f"{rate}_later"} <= keys
    texts = page_texts(at)
    if lang == "en":
        expected = ["General public budget revenue: buoyancy (its growth ÷ nominal GDP growth)",
                    "Fixed-asset investment, nominal growth, %",
                    "Resident population (year-end), growth, %",
                    "Market entities, growth, %", "Enterprises: added per year, 户"]
    else:
        expected = ["一般公共预算收入弹性(其增速 ÷ 名义GDP增速)", "固定资产投资名义增速,%",
                    "常住人口增速,%", "市场经营主体增速,%", "企业每年新增(户)"]
    for label in expected:
        assert label in texts
    assert at.slider(key="budget_revenue_buoyancy_first").value == 1.0     # the default
    assert at.slider(key="population_later").value == 0.5
    assert at.slider(key="enterprises_additions_first").value == 1500
    assert at.slider(key="enterprises_additions_first").step == 1


def test_no_slider_beside_gdp_for_a_base_without_indicators():
    at = run(app_test())
    assert not [s for s in at.slider if s.key.startswith(("budget", "market", "population"))]


# -- the sliders move the indicators as sim computes ------------------------------------------
@pytest.mark.parametrize("key, value, rates, checks", [
    ("budget_revenue_buoyancy_first", 1.3, {"budget_revenue_buoyancy": [1.3, 1.0]},
     ("budget_revenue", "budget_revenue_share")),
    ("fixed_asset_investment_later", 6.0, {"fixed_asset_investment": [3.0, 6.0]},
     ("fixed_asset_investment",)),
    ("population_first", 2.0, {"population": [2.0, 0.5]}, ("population", "gdp_per_capita")),
    ("enterprises_additions_first", 2500.0, {"enterprises_additions": [2500.0, 1500.0]},
     ("enterprises", "enterprises_additions")),
])
def test_a_side_slider_moves_its_indicator_exactly_as_sim_computes(side, key, value, rates,
                                                                   checks):
    at = run(app_test(LINK))
    at.slider(key=key).set_value(value)
    run(at)
    expected = sim.project(side.with_rates(**rates).renamed("side-plan"))
    assert_results_close(edited_frame(at), expected, rtol=0, atol=0)
    before = sim.project(side)
    for ind in checks:
        assert any(sim.value(expected, ind, y) != sim.value(before, ind, y)
                   for y in range(2024, 2028)), ind
    rate, part = key.rsplit("_", 1)
    assert at.query_params[f"{rate}.{part}"] == f"{value:g}"


def test_an_untouched_default_buoyancy_is_no_edit(side):
    at = run(app_test(LINK))
    view, _ = view_from_url(at)
    assert view.edits.empty
    assert view.edited.scenario.to_toml() == side.renamed(view.edited.id).to_toml()


def test_the_link_bounds_an_additions_rate():
    at = run(app_test({**LINK, "tech_smes_additions.first": "5000000"}))
    assert [unescape(w.value) for w in at.warning][0].startswith(
        "Some settings in the link were ignored:")
    assert at.slider(key="tech_smes_additions_first").value == 800
    at = run(app_test({**LINK, "tech_smes_additions.first": "900"}))
    assert at.slider(key="tech_smes_additions_first").value == 900


# -- choices, tables and targets ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_indicators_are_chart_choices_with_units_and_chinese_names(lang):
    at = run(app_test({**LINK, "lang": lang}))
    options = at.selectbox(key="chart").options
    if lang == "en":
        assert "Market entities (户)" in options
        assert "GDP per capita (year-end resident population) (元)" in options
        assert "General public budget revenue (% of GDP) (%)" in options
    else:
        assert "市场经营主体 (户)" in options and "人均地区生产总值 (元)" in options
        assert "常住人口 (万人)" in options
    at = run(app_test({**LINK, "chart": "market_entities"}))
    assert at.selectbox(key="chart").value == "market_entities"
    (spec, data), = vega_charts(at)                    # the chart drawn is the indicator's
    assert set(data["lines"]["indicator"]) == {"market_entities"}


def test_the_comparison_table_gives_them_with_their_units(side):
    at = run(app_test({**LINK, "tab": "compare", "lang": "zh"}))
    table = at.dataframe[0].value.set_index("指标")
    frame = sim.project(side)
    assert table.loc["市场经营主体", "单位"] == "户"
    assert table.loc["人均地区生产总值", "单位"] == "元"
    assert table.loc["市场经营主体"].iloc[1] == pytest.approx(        # the baseline
        sim.value(frame, "market_entities", 2024), abs=1e-6)


def test_the_count_targets_are_checked_once_the_base_gives_their_levels(side):
    at = run(app_test({**LINK, "tab": "compare"}))
    table = at.dataframe[1].value.set_index("Scenario")
    row = table.iloc[0]
    frame = sim.project(side)
    assert sim.value(frame, "market_entities", 2024) == pytest.approx(165000 * 1.035)
    assert row["Market entities above 170,000 (> 170,000 户)"] == "170,775 户 · met ✓"
    assert row["Enterprises above 110,000 (> 110,000 户)"] == "109,500 户 · missed"
    assert row["200 new national high-tech enterprises (≥ 200 家)"] == "200 家 · met ✓"
    assert row["800 new provincial tech SMEs (≥ 800 家)"] == "800 家 · met ✓"


def test_the_count_targets_show_as_not_evaluable_until_a_base_gives_their_levels():
    at = run(app_test({"up": [encode_token(THREE)], "edit": "three-sector"}))
    table = at.table[0].value                 # cells escaped as plain text (st.table)
    table = table.rename(columns=unescape).map(unescape)
    col = "Market entities above 170,000 (> 170,000 户)"
    assert set(table[col]) == {"– · " + t("status.not evaluable")}
    plan = run(app_test())
    assert not [c for c in plan.table[0].value.columns if c.startswith("Market")]


def test_targets_table_lists_count_targets_for_a_base_with_indicators(side):
    from ui.state import ViewState
    from ui.view import build_view

    catalog = {"side-plan": side}
    view = build_view(ViewState(edit="side-plan", baseline="side-plan"), catalog)
    heads = list(targets_table(view, lang="zh").columns)
    assert "市场经营主体总量突破17万户 (> 170,000 户)" in heads
    assert "新增省科技型中小企业800家 (≥ 800 家)" in heads


def test_headline_metrics_are_unchanged_by_the_side_sliders(side):
    at = run(app_test(LINK))
    gdp = metric_values(at)["GDP"][0]
    at.slider(key="market_entities_first").set_value(9.0)
    run(at)
    assert metric_values(at)["GDP"][0] == gdp
    assert at.query_params["market_entities.first"] == "9"


def test_the_sources_table_lists_the_indicators_in_their_units(side):
    from ui.tables import base_table

    table = base_table(side.base, lang="zh").set_index("指标")
    assert table.loc["市场经营主体", "单位"] == "户"
    assert table.loc["市场经营主体", "水平"] == 165000
    assert table.loc["常住人口", "备注"] == "用户假设(基年数据未注明来源)"
    three = sim.load_base("xihu-2022")
    table = base_table(three).set_index("Figure")
    assert table.loc["Fixed-asset investment", "Source sentence"] == "固定资产投资484亿元"
    assert table.loc["Fixed-asset investment", "Note"] == ""
