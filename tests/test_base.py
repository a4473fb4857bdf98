"""The built-in base: every figure traceable to its source sentence."""
import pytest

import sim


def test_builtin_base_holds_the_2023_outturn():
    b = sim.load_base("xihu-2023")
    assert (b.region, b.year) == ("西湖区", 2023)
    assert dict(b.levels) == {"gdp": 2000.0, "services": 1939.3, "retail_sales": 906.3}
    assert dict(b.growth) == {"gdp": 5.1, "services": 6.1, "retail_sales": 7.2}
    assert b.lower_bounds == ("gdp",)


def test_every_figure_appears_in_its_source_sentence():
    b = sim.load_base("xihu-2023")
    for key, level in b.levels.items():
        sentence = b.sources[key]
        assert f"{level:g}" in sentence and f"{b.growth[key]:g}%" in sentence


def test_source_sentences_are_quoted_verbatim_from_the_article(root):
    seeds = list((root.parent / "shared" / "seed").glob("*.txt"))
    if not seeds:
        pytest.skip("the source article (../shared/seed) is not beside this checkout")
    text = seeds[0].read_text(encoding="utf-8")
    for quote in sim.load_base("xihu-2023").sources.values():
        assert quote in text, quote
    for target in sim.PLAN_2024:
        assert target.quote in text, target.quote


def test_a_base_for_another_district_with_extras_and_assumptions(tmp_path):
    path = tmp_path / "binjiang-2022.toml"
    path.write_text('region = "滨江区"\nyear = 2022\n[levels]\ngdp = 2000.0\nservices = 900.0\n'
                    'retail_sales = 300.0\ndigital_core = 1200.0\n[growth]\ndigital_core = 7.0\n'
                    '[assumptions]\nrd_intensity = 9.0\n', encoding="utf-8")
    b = sim.load_base(path)
    assert b.extras == ("digital_core",) and b.assumptions["rd_intensity"] == 9.0
    s = sim.scenario_from_dict({"rates": {"services_real": 6, "non_services_real": 6,
                                          "retail_sales": 5, "digital_core": 6.0}}, base=b)
    df = sim.project(s)
    assert sim.value(df, "rd_intensity", 2022) == 9.0
    assert sim.value(df, "rd_expenditure", 2022) == pytest.approx(180.0)
    assert sim.value(df, "digital_core", 2023) == pytest.approx(1272.0)
    targets = sim.check_targets(df).set_index("target")
    assert targets.loc["digital_core_growth", "status"] == "met"      # 6.0% in 2024
    assert targets.loc["ic_output", "status"] == "not evaluable"      # no ic_output level
