"""Indicators beside GDP: fiscal revenue with a buoyancy, fixed-asset investment, population
and GDP per capita, counts of firms with additions per year; the 2024 count targets; the
Monte Carlo, goal-seek and tornado over their rates; exports; every error a bad input gives."""
import io
import re

import numpy as np
import pandas as pd
import pytest

import sim
from sim import export
from sim.cli import main
from sim.errors import InputError

# both sectors 5% real and 2% prices: nominal GDP grows 1.05 × 1.02 − 1 = 7.1% every year
LEVELS = {"gdp": 1000.0, "services": 600.0, "retail_sales": 300.0}
INDICATORS = {"budget_revenue": 100.0, "fiscal_revenue": 200.0, "fixed_asset_investment": 400.0,
              "population": 100.0, "market_entities": 165_000, "enterprises": 108_000,
              "high_tech_enterprises": 1_000, "tech_smes": 3_000}
RATES = {"services_real": 5.0, "non_services_real": 5.0, "services_deflator": 2.0,
         "non_services_deflator": 2.0, "retail_sales": 5.0,
         "budget_revenue_buoyancy": 1.2, "fixed_asset_investment": 3.0, "population": 1.0,
         "market_entities": 3.5, "enterprises_additions": 1_500,
         "high_tech_enterprises_additions": 200, "tech_smes_additions": 800}
NOMINAL = 100 * (1.05 * 1.02 - 1)
#: Leaves out every rate of an indicator beside GDP (for a base with fewer of them).
NO_SIDE = {k: None for k in RATES if sim.side_indicators.driver_of(k)}


def base(indicators=None, **doc):
    return sim.base_from_dict({"region": "测试区", "year": 2023, "levels": LEVELS,
                               "indicators": INDICATORS if indicators is None else indicators,
                               **doc}, name="side", source="side.toml")


def scenario(b=None, *, end_year=2026, uncertainty=None, **rates):
    merged = {k: x for k, x in {**RATES, **rates}.items() if x is not None}
    return sim.scenario_from_dict({"name": "s", "end_year": end_year, "rates": merged,
                                   "uncertainty": uncertainty or {}},
                                  base=b or base(), source="s.toml")


def error(fn, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    return str(info.value)


# -- the projection ---------------------------------------------------------------------------
def test_buoyancy_grows_revenue_at_buoyancy_times_nominal_gdp_growth():
    p = sim.run_paths(scenario())
    assert p.at("gdp_nominal_growth", 2024)[0] == pytest.approx(7.1, rel=1e-13)
    assert p.at("budget_revenue_growth", 2024)[0] == pytest.approx(1.2 * 7.1, rel=1e-13)
    assert p.at("budget_revenue", 2026)[0] == pytest.approx(100 * 1.0852 ** 3, rel=1e-13)
    gdp = 1000 * 1.071 ** 3
    assert p.at("budget_revenue_share", 2026)[0] == pytest.approx(
        100 * 100 * 1.0852 ** 3 / gdp, rel=1e-13)
    assert p.at("budget_revenue_share", 2023)[0] == pytest.approx(10.0, rel=1e-15)


def test_a_revenue_without_a_rate_grows_with_nominal_gdp_as_a_default_assumption():
    s = scenario()
    assert s.defaults["fiscal_revenue_buoyancy"] == 1.0
    assert "rates.fiscal_revenue_buoyancy = 1 (default)" in s.assumptions()
    p = sim.run_paths(s)
    np.testing.assert_allclose(p["fiscal_revenue_growth"][0, 1:],
                               p["gdp_nominal_growth"][0, 1:], rtol=1e-15)
    np.testing.assert_allclose(p["fiscal_revenue_share"][0], 20.0, rtol=1e-13)
    # a nominal rate instead: no default, and the buoyancy is gone
    g = s.with_rates(fiscal_revenue=4.0)
    assert "fiscal_revenue_buoyancy" not in g.resolved_rates()
    assert sim.run_paths(g).at("fiscal_revenue", 2024)[0] == pytest.approx(208.0, rel=1e-14)
    assert "budget_revenue_buoyancy" in s.with_rates(budget_revenue=5.0).with_rates(
        budget_revenue_buoyancy=0.9).rates


def test_gdp_per_capita_is_gdp_over_the_year_end_population_in_yuan():
    p = sim.run_paths(scenario(population=[1.0, 0.5]))
    assert p.at("gdp_per_capita", 2023)[0] == pytest.approx(1000e8 / 100e4, rel=1e-15)
    assert p.at("population", 2024)[0] == pytest.approx(101.0, rel=1e-15)
    assert p.at("population", 2026)[0] == pytest.approx(101 * 1.005 ** 2, rel=1e-14)
    assert p.at("gdp_per_capita", 2024)[0] == pytest.approx(1071e8 / 101e4, rel=1e-13)
    assert p.at("population_growth", 2025)[0] == 0.5


def test_additions_of_200_a_year_over_three_years():
    p = sim.run_paths(scenario())
    np.testing.assert_array_equal(p["high_tech_enterprises"][0], [1000, 1200, 1400, 1600])
    np.testing.assert_array_equal(p["high_tech_enterprises_additions"][0, 1:], [200] * 3)
    np.testing.assert_allclose(p["high_tech_enterprises_growth"][0, 1:],
                               [20.0, 100 * 200 / 1200, 100 * 200 / 1400], rtol=1e-15)
    # a count grown at a rate reports what it adds
    assert p.at("market_entities", 2024)[0] == pytest.approx(165_000 * 1.035, rel=1e-15)
    assert p.at("market_entities_additions", 2024)[0] == pytest.approx(5775.0, rel=1e-12)


def test_a_count_from_zero_grows_by_its_additions_and_has_no_growth_rate():
    p = sim.run_paths(scenario(base({**INDICATORS, "tech_smes": 0})))
    np.testing.assert_array_equal(p["tech_smes"][0], [0, 800, 1600, 2400])
    assert np.isnan(p.at("tech_smes_growth", 2024)[0])
    assert p.at("tech_smes_growth", 2025)[0] == 100.0


def test_fixed_asset_investment_grows_beside_gdp_never_into_it():
    with_fai = sim.run_paths(scenario())
    without = sim.run_paths(scenario(base({}), **NO_SIDE))
    assert with_fai.at("fixed_asset_investment", 2025)[0] == pytest.approx(400 * 1.03 ** 2)
    np.testing.assert_array_equal(with_fai["gdp"], without["gdp"])
    assert "fixed_asset_investment_share" not in with_fai.values


def test_outputs_appear_only_when_the_base_has_the_indicator():
    ids = set(sim.project("plan-2024")["indicator"])
    assert not ids & set(sim.side_indicators.output_ids(sim.side_indicators.SIDE_INDICATORS))
    only = sim.run_paths(scenario(base({"population": 50.0}), **{**NO_SIDE, "population": 0.0}))
    beside = [k for k in only.values if k in sim.side_indicators.RESERVED]
    assert beside == ["population", "population_growth", "gdp_per_capita"]


def test_many_paths_of_the_kernel_equal_one_path_each():
    s = scenario()
    kw = s.model_inputs()
    buoy = np.array([[0.5], [1.2], [2.0]]) * np.ones((1, 3))
    adds = np.array([[0.0], [200.0], [50.0]]) * np.ones((1, 3))
    many = sim.project_paths(kw["levels"], {**kw["rates"], "budget_revenue_buoyancy": buoy,
                                            "high_tech_enterprises_additions": adds},
                             years=kw["years"])
    for i in range(3):
        one = sim.run_paths(s.with_rates(budget_revenue_buoyancy=float(buoy[i, 0]),
                                         high_tech_enterprises_additions=float(adds[i, 0])))
        for ind in ("budget_revenue", "high_tech_enterprises", "gdp_per_capita"):
            np.testing.assert_allclose(many[ind][i], one[ind][0], rtol=1e-15)


# -- assumptions and the shipped base --------------------------------------------------------
def test_an_indicator_without_a_source_is_a_user_assumption():
    b = base({"population": 110.0, "budget_revenue": 233.5},
             sources={"budget_revenue": "一般公共预算收入233.5亿元"})
    s = scenario(b, **{**NO_SIDE, "population": 0.5})
    lines = s.assumptions()
    assert "indicators.population = 110 万人 (no source in the base: a user assumption, not a " \
           "published figure)" in lines
    assert not any(a.startswith("indicators.budget_revenue") for a in lines)


def test_xihu_2022_carries_the_2022_revenue_and_investment_with_their_quotes():
    b = sim.load_base("xihu-2022")
    assert dict(b.indicators) == {"fiscal_revenue": 463.4, "budget_revenue": 233.5,
                                  "fixed_asset_investment": 484.0}
    assert b.sources["fiscal_revenue"] == "财政总收入463.4亿元,一般公共预算收入233.5亿元"
    assert b.sources["budget_revenue"] == b.sources["fiscal_revenue"]
    assert b.sources["fixed_asset_investment"] == "固定资产投资484亿元"
    assert sim.load_base("xihu-2023").indicators == {}
    s = sim.scenario_from_dict({"end_year": 2024, "rates": {
        "primary_real": 1.0, "secondary_real": 3.0, "tertiary_real": 6.0, "retail_sales": 7.0,
        "industry_above_size": 5.0, "fixed_asset_investment": 4.0}}, base=b)
    assert not any(a.startswith("indicators.") for a in s.assumptions())    # all published
    df = sim.project(s)
    assert sim.value(df, "fiscal_revenue_share", 2022) == pytest.approx(100 * 463.4 / 1970.1)
    assert sim.value(df, "fixed_asset_investment", 2023) == pytest.approx(484 * 1.04)


def test_a_base_with_indicators_round_trips_through_its_dict():
    b = base(sources={"population": "a census"})
    again = sim.base_from_dict(b.to_dict(), name="side")
    assert dict(again.indicators) == dict(b.indicators)
    assert isinstance(again.indicators["market_entities"], int)


# -- targets ----------------------------------------------------------------------------------
def test_count_targets_are_not_evaluable_without_the_counts_and_say_what_to_supply():
    checked = sim.check_targets(sim.project("plan-2024")).set_index("target")
    for tid in ("market_entities", "enterprises", "high_tech_additions", "tech_smes_additions"):
        assert checked.loc[tid, "status"] == "not evaluable"
    needs = {t.id: t.needs for t in sim.PLAN_2024}
    assert needs["market_entities"].startswith("indicators.market_entities (户, its 2023 level)")


def test_a_base_with_counts_meets_and_misses_the_count_targets():
    checked = sim.check_targets(sim.project(scenario())).set_index("target")
    assert checked.loc["market_entities", "status"] == "met"          # 170,775 > 170,000
    assert checked.loc["market_entities", "value"] == pytest.approx(170_775.0)
    assert checked.loc["enterprises", "status"] == "missed"           # 109,500, not > 110,000
    assert checked.loc["enterprises", "margin"] == pytest.approx(-500.0)
    assert checked.loc["high_tech_additions", "status"] == "met"      # 200 ≥ 200
    assert checked.loc["tech_smes_additions", "status"] == "met"      # 800 ≥ 800
    short = sim.check_targets(sim.project(scenario(tech_smes_additions=799)))
    assert short.set_index("target").loc["tech_smes_additions", "status"] == "missed"


def test_count_targets_keep_their_quotes_and_read_tupo_as_a_lower_bound():
    by_id = {t.id: t for t in sim.PLAN_2024}
    assert by_id["market_entities"].quote == "市场经营主体总量突破17万户、企业总量突破11万户"
    assert by_id["high_tech_additions"].quote == "新增国家高新技术企业200家、省科技型中小企业800家"
    assert by_id["market_entities"].op == ">" and not by_id["market_entities"].met(170_000)
    assert by_id["high_tech_additions"].met(200) and not by_id["high_tech_additions"].met(199)


# -- analyses ---------------------------------------------------------------------------------
def test_monte_carlo_over_a_buoyancy_gives_a_probability_strictly_between_0_and_1():
    s = scenario(uncertainty={"budget_revenue_buoyancy": {"sd": 0.5}})
    assert "budget_revenue_buoyancy" in s.rate_names
    mc = sim.simulate(s, n_paths=4000, rng=7)
    ratio = mc.paths["budget_revenue_growth"][:, 1] / mc.paths["gdp_nominal_growth"][:, 1]
    assert np.std(ratio) == pytest.approx(0.5, rel=0.05)        # the buoyancy's spread
    np.testing.assert_allclose(mc.paths["gdp_nominal_growth"][:, 1], NOMINAL, rtol=1e-13)
    p = mc.probability("budget_revenue", 2024, ">", 100 * (1 + 1.2 * NOMINAL / 100))
    assert 0.4 < p.p < 0.6
    assert any(a.startswith("uncertainty.budget_revenue_buoyancy.sd = 0.5 (")
               for a in mc.assumptions)


def test_monte_carlo_over_additions_gives_the_count_target_a_probability():
    s = scenario(uncertainty={"tech_smes_additions": {"sd": 100.0}})
    table = sim.simulate(s, n_paths=2000, rng=3).target_probabilities()
    row = table.set_index("target").loc["tech_smes_additions"]
    assert row["status"] == "evaluated" and 0.3 < row["probability"] < 0.7


def test_goal_seek_finds_the_additions_and_switches_a_revenue_to_a_rate():
    sol = sim.solve(scenario(), indicator="high_tech_enterprises", year=2026, target=1750.0,
                    vary="high_tech_enterprises_additions")
    assert sol.value == pytest.approx(250.0, abs=1e-9) and sol.unit == "家 per year"
    sol = sim.solve(scenario(), indicator="budget_revenue", year=2024, target=110.0,
                    vary="budget_revenue")
    assert sol.value == pytest.approx(10.0, abs=1e-9)
    assert "budget_revenue_buoyancy" not in sol.scenario.rates


def test_tornado_moves_a_buoyancy_by_a_tenth():
    tr = sim.tornado(scenario(), indicator="budget_revenue", year=2024,
                     inputs=["budget_revenue_buoyancy"])
    row = tr.frame.iloc[0]
    assert row["step"] == 0.1 and row["unit"] == "(ratio)"
    assert row["low"] == pytest.approx(100 * (1 + 1.1 * 0.071), rel=1e-13)
    assert row["high"] == pytest.approx(100 * (1 + 1.3 * 0.071), rel=1e-13)


def test_attribution_splits_a_buoyancy_difference():
    s, b = scenario(budget_revenue_buoyancy=1.5), scenario()
    at = sim.attribute(s, b, indicator="budget_revenue", year=2024)
    assert at.inputs == ("rates.budget_revenue_buoyancy",)
    assert at.total == pytest.approx(100 * 0.3 * 0.071, rel=1e-12)
    msg = error(sim.attribute, scenario(budget_revenue=5.0, budget_revenue_buoyancy=None), b,
                indicator="budget_revenue", year=2024)
    assert msg.startswith("key 'baseline': the scenario and the baseline drive budget_revenue "
                          "by different rates (allowed:")


# -- exports and the command line -------------------------------------------------------------
def test_iamc_csv_and_excel_carry_the_indicators_with_their_units():
    df = sim.project(scenario())
    iamc = sim.to_iamc(df).set_index(["variable", "year"])
    assert iamc.loc[("Population", 2024), "unit"] == "million"
    assert iamc.loc[("Population", 2024), "value"] == pytest.approx(1.01)
    assert iamc.loc[("GDP per Capita", 2023), "unit"] == "CNY"
    assert iamc.loc[("Market Entities", 2023), ["unit", "value"]].tolist() == ["count", 165000]
    assert iamc.loc[("Additions|National High-Tech Enterprises", 2024), "unit"] == "count"
    assert iamc.loc[("General Public Budget Revenue", 2023), "value"] == pytest.approx(10.0)
    assert iamc.loc[("General Public Budget Revenue", 2023), "unit"] == "billion CNY/yr"
    assert iamc.loc[("Share of GDP|General Public Budget Revenue", 2023), "unit"] == "%"
    meta = export.metadata(["s"])
    csv = pd.read_csv(io.BytesIO(export.to_csv(df, meta=meta)), comment="#")
    units = csv.drop_duplicates("indicator").set_index("indicator")["unit"]
    assert units["population"] == "万人" and units["gdp_per_capita"] == "元"
    assert units["market_entities"] == "户" and units["tech_smes_additions"] == "家"
    book = pd.read_excel(io.BytesIO(export.to_excel(df, meta=meta, lang="zh")),
                         sheet_name=None, header=None)
    assert book["gdp_per_capita"].iloc[0, 0] == "人均地区生产总值 (元)"
    assert book["budget_revenue_share"].iloc[0, 0] == "一般公共预算收入占GDP比重 (%)"


def _files(tmp_path, indicators: str, rates: str):
    b = tmp_path / "side.toml"
    b.write_text('region = "测试区"\nyear = 2023\n[levels]\ngdp = 1000.0\nservices = 600.0\n'
                 f'retail_sales = 300.0\n[indicators]\n{indicators}', encoding="utf-8")
    s = tmp_path / "s.toml"
    s.write_text('name = "s"\nbase = "side.toml"\nend_year = 2025\n[rates]\nservices_real = 5.0'
                 '\nnon_services_real = 5.0\nretail_sales = 5.0\n' + rates, encoding="utf-8")
    return b, s


def test_command_line_shows_the_indicators_and_the_count_targets(tmp_path, capsys):
    _, s = _files(tmp_path, "population = 100.0\nmarket_entities = 165000\n",
                  "population = 1.0\nmarket_entities_additions = 6000\n")
    assert main(["run", str(s)]) == 0
    out = capsys.readouterr().out
    assert "assumption: indicators.population = 100 万人 (no source in the base" in out
    assert re.search(r"gdp_per_capita\s+元\s+100,000\s+103,960\s+108,078\n", out), out
    assert re.search(r"market_entities\s+户\s+165,000\s+171,000\s+177,000", out), out
    assert main(["run", str(s), "--indicators", "market_entities_additions", "--format",
                 "iamc"]) == 0
    assert ",Additions|Market Entities,count,2024,6000.0" in capsys.readouterr().out
    assert main(["compare", str(s), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"s\s+market_entities\s+> 170000 户\s+171,000\s+met", out), out
    assert "not evaluable for s: enterprises (Enterprises above 110,000); needs " \
           "indicators.enterprises (户, its 2023 level) in the base" in out


def test_command_line_names_the_file_and_key_of_a_bad_indicator(tmp_path, capsys):
    b, s = _files(tmp_path, "populaton = 100.0\n", "population = 1.0\n")
    assert main(["run", str(s)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {b}: key 'indicators.populaton': unknown indicator; did you "
                          "mean 'population'? (allowed: budget_revenue, fiscal_revenue, ")


# -- bad input --------------------------------------------------------------------------------
def test_an_unknown_indicator_is_refused_with_a_suggestion():
    msg = error(base, {"budget_revenu": 100.0})
    assert msg == ("side.toml: key 'indicators.budget_revenu': unknown indicator; did you mean "
                   "'budget_revenue'? (allowed: budget_revenue, fiscal_revenue, "
                   "fixed_asset_investment, population, market_entities, enterprises, "
                   "high_tech_enterprises, tech_smes)")
    msg = error(base, {"retail_sales": 100.0})
    assert msg.startswith("side.toml: key 'indicators.retail_sales': unknown indicator (retail "
                          "sales and GDP are [levels]")


@pytest.mark.parametrize("key, value, problem, allowed", [
    ("budget_revenue", -5.0, "is -5, out of range", "[1e-06, 1e+08] 亿元"),
    ("population", 0.0, "is 0, out of range", "(0, 200000] 万人"),
    ("market_entities", -1, "is -1, out of range", "[0, 1e+09] 户"),
    ("market_entities", 170000.5, "must be a whole number of 户, got 170000",
     "a whole number in [0, 1e+09] 户"),
    ("tech_smes", "800", "must be a number, got text '800'", "[0, 1e+09] 家"),
    ("fixed_asset_investment", float("nan"), "must be a finite number, got nan",
     "[1e-06, 1e+08] 亿元"),
])
def test_a_bad_indicator_value_names_file_key_and_range(key, value, problem, allowed):
    msg = error(base, {key: value})
    assert msg.startswith(f"side.toml: key 'indicators.{key}': {problem}"), msg
    assert msg.endswith(f"(allowed: {allowed})"), msg


def test_a_level_or_sector_named_like_an_indicator_is_refused():
    msg = error(base, {}, levels={**LEVELS, "population": 100.0})
    assert msg.startswith("side.toml: key 'levels.population': is an indicator beside GDP or an "
                          "id the model derives from one; give it in [indicators] (allowed: ")
    msg = error(sim.base_from_dict, {"region": "X", "year": 2023,
                                     "sectors": ["population", "rest"],
                                     "levels": {"gdp": 10.0, "population": 4.0, "rest": 6.0,
                                                "retail_sales": 3.0}}, source="b.toml")
    assert msg.startswith("b.toml: key 'sectors[0]': sector 'population' is named like the "
                          "built-in indicator or input 'population' (allowed: ")


def test_a_source_for_an_indicator_the_base_lacks_is_refused():
    msg = error(base, {"population": 10.0}, sources={"populaton": "x"})
    assert msg.startswith("side.toml: key 'sources.populaton': source given for an unknown "
                          "figure; did you mean 'population'? (allowed: gdp, services, "
                          "retail_sales, population)")


def test_a_rate_for_an_indicator_the_base_lacks_names_what_the_base_has():
    plan = sim.load_scenario("plan-2024")
    msg = error(plan.with_rates, population=1.0)
    assert msg == ("plan-2024: key 'rates.population': rate for the indicator population "
                   "(常住人口, 万人), which the base xihu-2023 does not have (its indicators: "
                   "none) (allowed: rates for the base's indicators (none), or give "
                   "indicators.population in the base)")
    b = base({"budget_revenue": 10.0})
    msg = error(scenario, b, **{**NO_SIDE, "tech_smes_additions": 5})
    assert msg == ("s.toml: key 'rates.tech_smes_additions': rate for the indicator tech_smes "
                   "(省科技型中小企业, 家), which the base side does not have (its indicators: "
                   "budget_revenue) (allowed: rates for the base's indicators (budget_revenue, "
                   "budget_revenue_buoyancy), or give indicators.tech_smes in the base)")


def test_both_a_rate_and_a_buoyancy_are_refused():
    msg = error(scenario, budget_revenue=5.0)
    assert msg == ("s.toml: key 'rates.budget_revenue_buoyancy': give exactly one of "
                   "budget_revenue (nominal growth in %) and budget_revenue_buoyancy "
                   "(elasticity to nominal GDP growth) (allowed: one of budget_revenue, "
                   "budget_revenue_buoyancy)")
    msg = error(scenario, market_entities_additions=10)
    assert msg.startswith("s.toml: key 'rates.market_entities_additions': give exactly one of "
                          "market_entities (growth in %) and market_entities_additions "
                          "(additions per year)")


def test_an_indicator_without_a_rate_and_no_neutral_default_is_refused():
    msg = error(scenario, fixed_asset_investment=None)
    assert msg == ("s.toml: key 'rates.fixed_asset_investment': the base has the indicator "
                   "fixed_asset_investment (固定资产投资, 亿元); give its nominal growth in % as "
                   "rates.fixed_asset_investment (allowed: fixed_asset_investment in [-50, 100] "
                   "% per year)")
    msg = error(scenario, enterprises_additions=None)
    assert msg == ("s.toml: key 'rates.enterprises': the base has the indicator enterprises "
                   "(企业, 户); give its growth in % as rates.enterprises or its additions per "
                   "year as rates.enterprises_additions (allowed: enterprises in [-50, 100] % "
                   "per year or enterprises_additions in [0, 1e+06] 户 per year)")


@pytest.mark.parametrize("key, value, problem, allowed", [
    ("budget_revenue_buoyancy", 6.0, "is 6, out of range", "[-5, 5] (ratio to nominal GDP "
                                                           "growth)"),
    ("tech_smes_additions", -1, "is -1, out of range", "[0, 1e+06] 家 per year"),
    ("population", 500.0, "is 500, out of range", "[-50, 100] % per year"),
    ("high_tech_enterprises_additions", [200, 2e6], "is 2e+06, out of range",
     "[0, 1e+06] 家 per year"),
])
def test_a_rate_out_of_its_range_names_file_key_and_range(key, value, problem, allowed):
    msg = error(scenario, **{key: value})
    k = f"rates.{key}" + ("[1] (2025)" if isinstance(value, list) else "")
    assert msg == f"s.toml: key '{k}': {problem} (allowed: {allowed})"


def test_a_buoyancy_that_drives_revenue_growth_out_of_range_is_refused():
    s = scenario(services_real=20.0, non_services_real=20.0, services_deflator=5.0,
                 non_services_deflator=5.0, budget_revenue_buoyancy=5.0)
    msg = error(sim.run_paths, s)
    assert msg == ("s.toml: key 'rates.budget_revenue_buoyancy': gives budget_revenue growth of "
                   "130.0% in 2024 (buoyancy × nominal GDP growth) (allowed: budget_revenue "
                   "growth in [-50, 100] % per year)")


def test_an_uncertainty_for_additions_has_its_own_unit():
    s = scenario(uncertainty={"tech_smes_additions": {"sd": 300.0}})
    assert s.uncertainty.sd["tech_smes_additions"] == 300.0
    msg = error(scenario, uncertainty={"population": {"sd": 300.0}})
    assert msg == ("s.toml: key 'uncertainty.population.sd': is 300, out of range (allowed: "
                   "[0, 50] pp)")


def test_docs_name_every_indicator_beside_gdp_and_its_rates(root):
    text = (root / "docs" / "model.md").read_text(encoding="utf-8")
    from sim.indicators import BESIDE_GDP

    assert list(BESIDE_GDP) == sim.side_indicators.output_ids(sim.side_indicators.SIDE_INDICATORS)
    for ind in BESIDE_GDP:
        assert f"`{ind}`" in text, f"indicator {ind} is not documented"
    for name in sim.side_indicators.rate_names(sim.side_indicators.SIDE_INDICATORS):
        assert f"`{name}`" in text, f"rate {name} is not documented"
