"""Bases that list their sectors: levels adding up to GDP, each sector's growth, share,
contribution (拉动) and contribution rate (贡献率), and every error a bad sector input gives."""
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.cli import main
from sim.errors import InputError
from sim.model import project_paths

THREE = {"region": "测试区", "year": 2023, "sectors": ["primary", "secondary", "tertiary"],
         "levels": {"gdp": 100.0, "primary": 10.0, "secondary": 30.0, "tertiary": 60.0,
                    "retail_sales": 40.0}}
RATES = {"primary_real": 2.0, "secondary_real": 5.0, "tertiary_real": 10.0,
         "tertiary_deflator": 1.0, "retail_sales": 4.0}


def base(**changes):
    doc = {**THREE, **changes}
    return sim.base_from_dict(doc, name="three", source="three.toml")


def scenario(b=None, **rates):
    return sim.scenario_from_dict({"name": "s", "end_year": 2025, "rates": {**RATES, **rates}},
                                  base=b or base(), source="s.toml")


def error(fn, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    return str(info.value)


# -- the projection ---------------------------------------------------------------------------
def test_hand_computed_two_years_of_three_sectors():
    p = sim.run_paths(scenario())
    gdp1 = 10 * 1.02 + 30 * 1.05 + 60 * 1.10 * 1.01
    assert p.at("gdp", 2024)[0] == pytest.approx(gdp1, rel=1e-14)
    assert p.at("gdp_real_growth", 2024)[0] == pytest.approx(0.1 * 2 + 0.3 * 5 + 0.6 * 10,
                                                             rel=1e-14)
    assert p.at("tertiary_contribution", 2024)[0] == pytest.approx(6.0, rel=1e-14)
    assert p.at("tertiary_contribution_rate", 2024)[0] == pytest.approx(600 / 7.7, rel=1e-13)
    # the second year weights sectors by the first year's nominal shares
    w = np.array([10 * 1.02, 30 * 1.05, 60 * 1.10 * 1.01]) / gdp1
    assert p.at("gdp_real_growth", 2025)[0] == pytest.approx(w @ [2, 5, 10], rel=1e-13)
    assert p.at("secondary_contribution", 2025)[0] == pytest.approx(w[1] * 5, rel=1e-13)
    assert p.at("tertiary_share", 2024)[0] == pytest.approx(100 * w[2], rel=1e-14)
    assert p.at("tertiary", 2025)[0] == pytest.approx(60 * (1.1 * 1.01) ** 2, rel=1e-14)
    assert p.at("tertiary_deflator", 2025)[0] == 1.0
    assert p.at("primary_real_growth", 2025)[0] == 2.0


def test_three_sectors_growing_alike_give_the_two_sector_gdp_path():
    two = sim.load_scenario("plan-2024")
    b = sim.base_from_dict({
        "region": "西湖区", "year": 2023, "sectors": ["primary", "secondary", "tertiary"],
        "levels": {"gdp": 2000.0, "primary": 10.0, "secondary": 50.7, "tertiary": 1939.3,
                   "retail_sales": 906.3}})
    rates = {"primary_real": 2.31, "secondary_real": 2.31, "tertiary_real": 5.6,
             "retail_sales": 7.0}
    three = sim.scenario_from_dict({"name": "three", "rates": rates}, base=b)
    p2, p3 = sim.run_paths(two), sim.run_paths(three)
    for ind in ("gdp", "gdp_real_growth", "gdp_nominal_growth", "gdp_constant_prices"):
        np.testing.assert_allclose(p3[ind][:, 1:], p2[ind][:, 1:], rtol=1e-13)
    np.testing.assert_allclose(p3["tertiary"], p2["services"], rtol=1e-15)
    np.testing.assert_allclose(p3["primary"] + p3["secondary"], p2["non_services"], rtol=1e-12)
    np.testing.assert_allclose(p3["primary_contribution"][:, 1:]
                               + p3["secondary_contribution"][:, 1:],
                               p2["non_services_contribution"][:, 1:], rtol=1e-12)


def test_contributions_add_up_to_real_gdp_growth_and_rates_to_100():
    p = sim.run_paths(scenario(primary_real=-3.0, secondary_deflator=2.0))
    sectors = ("primary", "secondary", "tertiary")
    total = sum(p[f"{s}_contribution"][0, 1:] for s in sectors)
    np.testing.assert_allclose(total, p["gdp_real_growth"][0, 1:], rtol=1e-14)
    rates = sum(p[f"{s}_contribution_rate"][0, 1:] for s in sectors)
    np.testing.assert_allclose(rates, 100.0, rtol=1e-13)
    shares = sum(p[f"{s}_share"][0] for s in sectors)
    np.testing.assert_allclose(shares, 100.0, rtol=1e-14)


def test_contribution_rate_is_undefined_when_gdp_does_not_grow():
    p = sim.run_paths(scenario(primary_real=0.0, secondary_real=0.0, tertiary_real=0.0))
    assert np.isnan(p.at("tertiary_contribution_rate", 2024)[0])
    frame = sim.project(scenario(primary_real=0.0, secondary_real=0.0, tertiary_real=0.0))
    assert "tertiary_contribution_rate" not in set(frame["indicator"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 1e4), st.floats(-50, 100), st.floats(-50, 100)),
                min_size=2, max_size=6),
       st.integers(1, 6))
def test_gdp_is_the_sum_of_the_sectors_for_any_inputs(rows, n_years):
    names = [f"s{i}" for i in range(len(rows))]
    levels = {n: x for n, (x, _, _) in zip(names, rows)} | {"retail_sales": 1.0}
    rates = {f"{n}_real": g for n, (_, g, _) in zip(names, rows)}
    rates |= {f"{n}_deflator": d for n, (_, _, d) in zip(names, rows)}
    p = project_paths(levels, rates | {"retail_sales": 0.0},
                      years=range(2023, 2024 + n_years), sectors=names)
    np.testing.assert_allclose(sum(p[n] for n in names), p["gdp"], rtol=1e-12)
    np.testing.assert_allclose(sum(p[f"{n}_contribution"][:, 1:] for n in names),
                               p["gdp_real_growth"][:, 1:], rtol=1e-9, atol=1e-9)


def test_one_kernel_projects_many_paths_of_sectors():
    kw = scenario().model_inputs()
    rates = dict(kw["rates"], tertiary_real=np.array([[10.0] * 2, [0.0] * 2]))
    p = project_paths(kw["levels"], rates, years=kw["years"], sectors=kw["sectors"])
    assert p.n_paths == 2
    assert p.at("tertiary", 2024)[1] == pytest.approx(60 * 1.01)
    assert p.at("tertiary", 2024)[0] == pytest.approx(60 * 1.1 * 1.01)


def test_base_year_column_backcasts_the_one_sector_without_growth():
    b = base(growth={"gdp": 7.0, "primary": 1.0, "tertiary": 9.0})
    p = sim.run_paths(scenario(b))
    x = np.array([10 / 1.01, 30.0, 60 / 1.09]) / (100 / 1.07)   # prior-year shares
    x[1] = 1 - x[0] - x[2]
    implied = (7.0 - x[0] * 1.0 - x[2] * 9.0) / x[1]
    assert p.at("secondary_real_growth", 2023)[0] == pytest.approx(implied, rel=1e-12)
    total = sum(p.at(f"{s}_contribution", 2023)[0] for s in ("primary", "secondary", "tertiary"))
    assert total == pytest.approx(7.0, rel=1e-13)
    assert p.at("gdp_real_growth", 2023)[0] == 7.0


def test_base_year_growth_with_every_sector_known_is_their_weighted_sum():
    b = base(growth={"primary": 1.0, "secondary": 4.0, "tertiary": 9.0})
    p = sim.run_paths(scenario(b))
    prior = np.array([10 / 1.01, 30 / 1.04, 60 / 1.09])
    expected = prior @ [1.0, 4.0, 9.0] / prior.sum()
    assert p.at("gdp_real_growth", 2023)[0] == pytest.approx(expected, rel=1e-13)


def test_extras_are_memo_items_shown_as_a_share_of_gdp_never_added_in():
    b = base(levels={**THREE["levels"], "digital_core": 25.0})
    p = sim.run_paths(scenario(b, digital_core=6.0))
    assert p.at("digital_core", 2024)[0] == pytest.approx(25 * 1.06)
    assert p.at("digital_core_share", 2024)[0] == pytest.approx(
        100 * 25 * 1.06 / p.at("gdp", 2024)[0], rel=1e-14)
    assert p.at("gdp", 2023)[0] == 100.0


def test_two_sector_extras_get_their_share_too():
    b = sim.load_base("xihu-2023").to_dict()
    b["levels"]["digital_core"] = 500.0
    doc = {"rates": {**sim.load_scenario("plan-2024").rates, "digital_core": 6.0}}
    p = sim.run_paths(sim.scenario_from_dict(doc, base=sim.base_from_dict(b)))
    assert p.at("digital_core_share", 2023)[0] == pytest.approx(25.0)


# -- the shipped three-sector base -------------------------------------------------------------
def test_xihu_2022_derives_primary_and_secondary_from_the_structure():
    b = sim.load_base("xihu-2022")
    assert b.sectors == ("primary", "secondary", "tertiary")
    assert b.levels["tertiary"] == 1813.0 and b.levels["gdp"] == 1970.1
    assert b.derived == ("primary", "secondary")
    assert b.levels["primary"] == pytest.approx(157.1 * 0.2 / 8.0, rel=1e-12)
    assert b.levels["secondary"] == pytest.approx(157.1 * 7.8 / 8.0, rel=1e-12)
    assert sum(b.levels[s] for s in b.sectors) == pytest.approx(1970.1, rel=1e-15)
    assert not b.growth      # 2022 growth rates are not published
    assert b.extras == ("industry_above_size",)


def test_xihu_2022_figures_appear_in_their_source_sentences():
    b = sim.load_base("xihu-2022")
    for key, sentence in b.sources.items():
        if key == "structure":
            assert "0.2:7.8:92" in sentence
        else:
            assert f"{b.levels.get(key, b.indicators.get(key)):g}" in sentence, key


def test_a_scenario_on_xihu_2022_must_give_every_sector_rate():
    b = sim.load_base("xihu-2022")
    rates = {"primary_real": 1.0, "secondary_real": 3.0, "tertiary_real": "base",
             "retail_sales": 7.0, "industry_above_size": 5.0, "fixed_asset_investment": 4.0}
    msg = error(sim.scenario_from_dict, {"rates": rates}, base=b, source="s.toml")
    assert msg.startswith("s.toml: key 'rates.tertiary_real': \"base\" needs growth.tertiary")


def test_derived_levels_are_assumptions_and_follow_a_new_gdp():
    s = sim.scenario_from_dict({"rates": {"primary_real": 1.0, "secondary_real": 3.0,
                                          "tertiary_real": 6.0, "retail_sales": 7.0,
                                          "industry_above_size": 5.0,
                                          "fixed_asset_investment": 4.0},
                                "levels": {"gdp": 1980.1}}, base=sim.load_base("xihu-2022"))
    assert s.start.levels["primary"] + s.start.levels["secondary"] == pytest.approx(167.1)
    assert any(a.startswith("levels.primary = ") and "derived" in a for a in s.assumptions())


# -- labels -----------------------------------------------------------------------------------
def test_sector_labels_in_chinese_and_english_and_from_the_base():
    assert sim.indicator("primary").zh == "第一产业增加值"
    assert sim.indicator("tertiary_contribution").zh == "第三产业对GDP增长的拉动"
    assert sim.indicator("secondary_contribution_rate").zh == "第二产业对GDP增长的贡献率"
    assert sim.indicator("tertiary_contribution").unit == "pp"
    assert sim.indicator("agri_deflator").unit == "%"
    b = base(sectors=["agri", "secondary", "tertiary"],
             levels={"gdp": 100.0, "agri": 10.0, "secondary": 30.0, "tertiary": 60.0,
                     "retail_sales": 1.0},
             sector_names={"agri": {"en": "Agriculture", "zh": "农业"}})
    names = b.sector_labels()
    assert sim.indicator("agri_share", names).label("zh") == "农业占GDP比重"
    assert sim.indicator("agri", names).label("en") == "Agriculture value added"
    assert sim.indicator("agri_real_growth").label("en") == "Agri growth (real)"


# -- errors -----------------------------------------------------------------------------------
def test_sectors_that_do_not_add_up_name_both_sums():
    msg = error(base, levels={**THREE["levels"], "tertiary": 61.0})
    assert msg == ("three.toml: key 'levels': the sectors add up to 101 亿元 but levels.gdp is "
                   "100 亿元 (allowed: sectors (primary + secondary + tertiary) within 0.05% of "
                   "GDP (0.05 亿元))")


def test_a_gap_within_rounding_is_accepted():
    assert base(levels={**THREE["levels"], "tertiary": 60.04}).levels["tertiary"] == 60.04


def test_a_structure_that_does_not_sum_to_100_is_an_error():
    levels = {"gdp": 100.0, "retail_sales": 1.0}
    msg = error(base, levels=levels, structure=[1.0, 8.0, 92.0])
    assert msg == ("three.toml: key 'structure': sums to 101% (allowed: shares of GDP summing "
                   "to 100 ± 0.1 (rounding))")


def test_a_structure_derives_the_levels_it_lacks():
    b = base(levels={"gdp": 200.0, "retail_sales": 1.0}, structure=[10.0, 30.0, 60.0])
    assert dict(b.levels) | {} == {"gdp": 200.0, "retail_sales": 1.0, "primary": 20.0,
                                   "secondary": 60.0, "tertiary": 120.0}
    assert b.derived == ("primary", "secondary", "tertiary")
    assert "primary" not in b.to_dict()["levels"]


def test_a_structure_disagreeing_with_a_level_is_an_error():
    msg = error(base, structure=[10.0, 35.0, 55.0])
    assert msg == ("three.toml: key 'structure': levels.secondary is 30.00% of GDP but the "
                   "structure gives 35% (allowed: each share within 0.1 pp of the level's share "
                   "of GDP)")


@pytest.mark.parametrize("changes, expected", [
    ({"structure": [50.0, 50.0]}, "key 'structure': has 2 shares for 3 sectors"),
    ({"structure": [-1.0, 41.0, 60.0]}, "key 'structure[0] (primary)'"),
    ({"sectors": ["tertiary"]}, "key 'sectors': lists 1 sector (allowed: 2 … 20 sector ids)"),
    ({"sectors": [f"s{i}" for i in range(21)]}, "key 'sectors': lists 21 sectors"),
    ({"sectors": ["primary", "gdp"]}, "key 'sectors[1]': sector 'gdp' is named like the "
                                      "built-in indicator or input 'gdp'"),
    ({"sectors": ["primary", "retail_sales"]}, "key 'sectors[1]': sector 'retail_sales' is "
                                               "named like"),
    ({"sectors": ["primary", "secondary_share"]}, "key 'sectors[1]': sector 'secondary_share' "
                                                  "ends like an id the model derives"),
    ({"sectors": ["primary", "primary"]}, "key 'sectors[1]': sector 'primary' gives the id "
                                          "'primary' that sector 'primary' gives too"),
    ({"sectors": ["primary", "Bad-Name"]}, "key 'sectors[1]': is not a valid sector id"),
    ({"sectors": "primary"}, "key 'sectors': must be a list of sector ids"),
    ({"sector_names": {"agri": {"en": "A"}}}, "key 'sector_names.agri': names a sector the "
                                              "base does not list"),
])
def test_bad_sector_lists_name_the_key_and_what_is_allowed(changes, expected):
    msg = error(base, **changes)
    assert msg.startswith("three.toml: ") and expected in msg and "(allowed: " in msg


def test_a_negative_sector_is_an_error():
    msg = error(base, levels={**THREE["levels"], "primary": -10.0, "tertiary": 80.0})
    assert msg.startswith("three.toml: key 'levels.primary': ")
    assert "(allowed: " in msg


def test_a_missing_sector_level_names_it():
    levels = {k: x for k, x in THREE["levels"].items() if k != "secondary"}
    assert error(base, levels=levels).startswith(
        "three.toml: key 'levels.secondary': missing level of sector 'secondary'")


def test_a_structure_without_sectors_is_an_error():
    doc = sim.load_base("xihu-2023").to_dict() | {"structure": [3.0, 97.0]}
    assert "key 'structure': is given but the base lists no sectors" in error(
        sim.base_from_dict, doc, source="b.toml")


def test_a_scenario_for_another_bases_sectors_names_them():
    msg = error(scenario, services_real=5.0)
    assert msg.startswith("s.toml: key 'rates.services_real': rate for the sector 'services', "
                          "which the base three does not have (its sectors: primary, secondary, "
                          "tertiary)")
    two = sim.load_base("xihu-2023")
    msg = error(sim.scenario_from_dict, {"rates": {"primary_real": 1.0}}, base=two,
                source="s.toml")
    assert msg.startswith("s.toml: key 'rates.primary_real': rate for the sector 'primary', "
                          "which the base xihu-2023 does not have (its sectors: services, "
                          "non_services)")


def test_a_sector_without_a_rate_names_it_and_the_base_sectors():
    rates = {k: x for k, x in RATES.items() if k != "secondary_real"}
    msg = error(sim.scenario_from_dict, {"rates": rates}, base=base(), source="s.toml")
    assert msg == ("s.toml: key 'rates.secondary_real': missing the real growth of sector "
                   "'secondary'; the base three has the sectors primary, secondary, tertiary "
                   "(allowed: a number in [-50, 100] % per year)")


def test_sector_rates_are_range_checked():
    msg = error(scenario, tertiary_real=500.0)
    assert msg.startswith("s.toml: key 'rates.tertiary_real': ")
    assert re.search(r"allowed: \[-50, 100\] % per year", msg)


# -- analyses and the command line ------------------------------------------------------------
def test_monte_carlo_varies_the_sector_rates():
    mc = sim.simulate(scenario(), n_paths=200, rng=1)
    names = set(mc.uncertainty.sd)
    assert {"primary_real", "secondary_real", "tertiary_real"} <= names
    gdp = mc.paths["gdp"]
    total = sum(mc.paths[s] for s in ("primary", "secondary", "tertiary"))
    np.testing.assert_allclose(total, gdp, rtol=1e-12)
    assert np.std(gdp[:, -1]) > 0


def test_goal_seek_varies_every_sector_for_gdp_real():
    sol = sim.solve(scenario(), indicator="gdp_real_growth", year=2024, target=5.5,
                    vary="gdp_real")
    p = sim.run_paths(sol.scenario)
    assert p.at("gdp_real_growth", 2024)[0] == pytest.approx(5.5, abs=1e-9)
    assert p.at("primary_real_growth", 2024)[0] == pytest.approx(5.5, abs=1e-9)


def test_command_line_runs_and_checks_a_three_sector_scenario(tmp_path, capsys):
    path = tmp_path / "three.toml"
    path.write_text('name = "three"\nbase = "xihu-2022"\nend_year = 2025\n[rates]\n'
                    "primary_real = 1.0\nsecondary_real = 3.0\ntertiary_real = 6.0\n"
                    "retail_sales = 7.0\nindustry_above_size = 5.0\n"
                    "fixed_asset_investment = 4.0\n", encoding="utf-8")
    assert main(["run", str(path), "--indicators", "tertiary_contribution_rate"]) == 0
    out = capsys.readouterr().out
    assert "derived from the base's structure" in out
    assert "tertiary_contribution_rate" in out
    assert main(["check", str(path)]) == 0
    assert main(["compare", str(path), "upside", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "tertiary_contribution" in out and "services_share" in out
    assert main(["mc", str(path), "--paths", "100"]) == 0
    assert "tertiary_real_growth" in capsys.readouterr().out


# -- the consistency report --------------------------------------------------------------------
def test_consistency_report_states_structure_derived_levels_and_no_backcast():
    report = sim.consistency_report(sim.load_base("xihu-2022"))
    assert [f.code for f in report.findings] == ["sector_structure", "derived_levels",
                                                 "no_backcast"]
    assert report.findings[0].en == ("Structure of GDP in 2022 (primary:secondary:tertiary): "
                                     "0.20:7.77:92.03.")
    assert "primary 3.927亿元, secondary 153.2亿元" in report.findings[1].en


def test_consistency_report_backcasts_the_sector_without_growth_and_flags_it():
    b = base(growth={"gdp": 7.0, "primary": 1.0, "tertiary": 9.0})
    found = {f.code: f for f in sim.consistency_report(b).findings}
    implied = sim.run_paths(scenario(b)).at("secondary_real_growth", 2023)[0]
    assert found["sector_growth"].value == pytest.approx(implied, rel=1e-12)
    assert found["sector_growth"].level == "info"
    bad = base(growth={"gdp": 1.0, "primary": 1.0, "tertiary": 9.0})
    finding = {f.code: f for f in sim.consistency_report(bad).findings}["sector_growth"]
    assert finding.level == "warning" and "outside the plausible" in finding.en


# -- levels.gdp as an input of the analyses ----------------------------------------------------
def test_levels_gdp_scales_every_sector_keeping_the_structure():
    s = scenario()                                     # GDP 100 = 10 + 30 + 60
    assert s.start.levels_setting("gdp", 120.0) == {"gdp": 120.0, "primary": 12.0,
                                                    "secondary": 36.0, "tertiary": 72.0}
    assert s.start.levels_setting("tertiary", 70.0) == {"tertiary": 70.0, "gdp": 110.0}
    assert s.start.levels_setting("retail_sales", 50.0) == {"retail_sales": 50.0}
    two = sim.load_scenario("plan-2024").start           # services kept, the residual moves
    assert two.levels_setting("gdp", 2100.0) == {"gdp": 2100.0}
    from sim.analysis.inputs import batch_inputs, parse_input

    kw = batch_inputs(s, n=3, set_levels={"gdp": [100.0, 120.0, 80.0]})
    p = project_paths(**kw)
    np.testing.assert_allclose(p["gdp"][:, 0], [100.0, 120.0, 80.0], rtol=1e-15)
    np.testing.assert_allclose(p["tertiary"][:, 0], [60.0, 72.0, 48.0], rtol=1e-15)
    # every level scaled, the rates alike: every level of every year scales by as much
    np.testing.assert_allclose(p["gdp"][1] / p["gdp"][0], 1.2, rtol=1e-14)
    np.testing.assert_allclose(p["tertiary_share"],
                               np.broadcast_to(p["tertiary_share"][0], (3, 3)), rtol=1e-14)
    solved = parse_input(s, "levels.gdp").apply(s, 120.0)
    np.testing.assert_allclose(sim.run_paths(solved)["gdp"], p["gdp"][[1]], rtol=1e-14)
    # a sector moves GDP by as much, in the batch and in the solved scenario alike
    kw = batch_inputs(s, n=1, set_levels={"tertiary": [70.0]})
    moved = parse_input(s, "levels.tertiary").apply(s, 70.0)
    assert moved.start.levels["gdp"] == 110.0
    np.testing.assert_allclose(sim.run_paths(moved)["gdp"], project_paths(**kw)["gdp"],
                               rtol=1e-14)


def test_goal_seek_and_the_tornado_vary_levels_gdp_on_a_sector_base():
    s = sim.load_scenario(Path(__file__).parent / "data" / "three-sector.toml")
    before = sim.value(sim.project(s), "gdp", 2025)
    sol = sim.solve(s, indicator="gdp", year=2025, target=2500.0, vary="levels.gdp")
    # GDP of every year is proportional to its base-year level: the solution by hand
    assert sol.value == pytest.approx(1970.1 * 2500.0 / before, rel=1e-12)
    assert sol.achieved == pytest.approx(2500.0, rel=1e-12)
    shares = [sol.scenario.start.levels[x] / sol.value for x in s.base.sectors]
    assert shares == pytest.approx([s.start.levels[x] / 1970.1 for x in s.base.sectors],
                                   rel=1e-12)
    tr = sim.tornado(s, indicator="gdp", year=2025, inputs=["levels.gdp"],
                     steps={"levels.gdp": 10.0})
    row = tr.frame.iloc[0]
    assert row["delta_high"] == pytest.approx(before * 10.0 / 1970.1, rel=1e-12)
    assert row["delta_low"] == pytest.approx(-before * 10.0 / 1970.1, rel=1e-12)


def test_attribution_splits_the_difference_by_each_sectors_rate_and_level():
    s = scenario()
    edited = s.with_rates(tertiary_real=12.0, secondary_deflator=2.0).with_levels(
        **s.start.levels_setting("gdp", 110.0)).renamed("e")
    at = sim.attribute(edited, s, indicator="gdp", year=2025)
    assert set(at.inputs) == {"rates.tertiary_real", "rates.secondary_deflator",
                              "levels.primary", "levels.secondary", "levels.tertiary"}
    diff = sim.value(sim.project(edited), "gdp", 2025) - sim.value(sim.project(s), "gdp", 2025)
    assert at.total == pytest.approx(diff, rel=1e-12)
    assert sum(at.parts) == pytest.approx(diff, rel=1e-12)
