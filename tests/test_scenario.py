"""Scenario files: loading, rate paths, "base" rates, overrides, round trips."""
import dataclasses
import os

import numpy as np
import pytest

import sim
from sim.scenario import load_scenario, parse_scenario, scenario_from_dict

MINIMAL = {"rates": {"services_real": 6.0, "non_services_real": 1.0, "retail_sales": 5.0}}


def test_every_shipped_scenario_loads_with_titles_and_description(root):
    names = list(sim.shipped_scenarios())
    assert names[:4] == ["plan-2024", "momentum", "downside", "upside"]
    for name in names:
        s = load_scenario(root / "scenarios" / f"{name}.toml")
        assert s.name == name and s.title_zh and s.title_en and s.description
        assert s.base_ref == "xihu-2023" and s.end_year == 2030


def test_shipped_scenarios_load_by_name_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_scenario("plan-2024").name == "plan-2024"
    assert sim.load_base("xihu-2023").levels["services"] == 1939.3


def test_a_path_continues_its_last_value():
    s = scenario_from_dict({"rates": {**MINIMAL["rates"], "services_real": [6.0, 5.0]}})
    np.testing.assert_array_equal(s.rate_path("services_real"), [6, 5, 5, 5, 5, 5, 5])
    np.testing.assert_array_equal(s.rate_path("services_deflator"), np.zeros(7))


def test_momentum_carries_the_base_years_own_rates():
    s = load_scenario("momentum")
    r = s.resolved_rates()
    assert r["services_real"] == (6.1,) and r["retail_sales"] == (7.2,)
    # non-services: what history determines, real GDP growth less services' contribution at
    # the 2022 shares (1813 of 1970.1), not the backcast from the 2000亿元 lower bound
    w = 1813 / 1970.1
    assert r["non_services_real"][0] == pytest.approx((5.1 - w * 6.1) / (1 - w), rel=1e-12)
    assert r["non_services_real"][0] == pytest.approx(-6.4404, abs=5e-5)
    (line,) = [a for a in s.assumptions() if a.startswith("rates.non_services_real")]
    assert line.startswith('rates.non_services_real = "base" = -6.44 % a year: the 2023 growth '
                           "derived from history (2022, 2023)")


def test_base_falls_back_to_the_backcast_where_history_does_not_determine_it():
    base = sim.load_base("xihu-2023")
    bare = dataclasses.replace(base, history={})
    s = load_scenario("momentum", base=bare)
    w = (1939.3 / 1.061) / (2000 / 1.051)
    assert s.resolved_rates()["non_services_real"][0] == pytest.approx(
        100 * (0.051 - w * 0.061) / (1 - w))
    (line,) = [a for a in s.assumptions() if a.startswith("rates.non_services_real")]
    assert "a backcast" in line and "history does not determine it" in line
    assert "2000 亿元 is a lower bound" in line


def test_momentum_works_on_any_base_with_growth(tmp_path):
    base = tmp_path / "other.toml"
    base.write_text('region = "X"\nyear = 2020\n[levels]\ngdp = 100.0\nservices = 60.0\n'
                    'retail_sales = 40.0\n[growth]\ngdp = 4.0\nservices = 5.0\n'
                    'retail_sales = 6.0\n', encoding="utf-8")
    s = load_scenario("momentum", base=base)
    df = sim.project(s)
    assert df["year"].min() == 2020 and df["year"].max() == 2030
    w = (60 / 1.05) / (100 / 1.04)
    gn = (0.04 - w * 0.05) / (1 - w)
    assert sim.value(df, "non_services_real_growth", 2021) == pytest.approx(100 * gn)
    assert sim.value(df, "gdp_real_growth", 2021) == pytest.approx(100 * (0.6 * 0.05 + 0.4 * gn))


def test_level_override_changes_the_start_not_the_base():
    s = load_scenario("plan-2024").with_levels(gdp=2060.0)
    assert s.start.levels["gdp"] == 2060.0 and s.base.levels["gdp"] == 2000.0
    df = sim.project(s)
    expected = (1939.3 * 5.6 + (2060 - 1939.3) * 2.31) / 2060
    assert sim.value(df, "gdp_real_growth", 2024) == pytest.approx(expected, rel=1e-14)


def test_with_rates_returns_a_new_validated_scenario():
    s = load_scenario("plan-2024")
    t = s.with_rates(services_real=6.5, retail_sales_elasticity=1.2)
    assert s.rates["services_real"] == 5.6 and t.rates["services_real"] == 6.5
    assert "retail_sales" not in t.rates
    with pytest.raises(sim.InputError, match="services_real"):
        s.with_rates(services_real=500)


def test_toml_round_trip_gives_the_same_projection(tmp_path):
    s = load_scenario("plan-2024").with_levels(gdp=2050.0).with_rates(services_real=[6.0, 5.5])
    path = tmp_path / "edited.toml"
    path.write_text(s.to_toml(), encoding="utf-8")
    back = load_scenario(path)
    sim.testing.assert_results_close(sim.project(back), sim.project(s), rtol=0)


def test_until_cuts_or_extends_the_horizon():
    df = sim.project(load_scenario("plan-2024", end_year=2050))
    assert df["year"].max() == 2050
    assert sim.value(df, "rd_intensity", 2050) == 4.75
    short = load_scenario("plan-2024", end_year=2025)
    assert short.rates["rd_intensity"] == (4.45, 4.5)
    assert sim.project(short)["year"].max() == 2025


def test_parse_scenario_from_upload_refuses_paths_to_server_files():
    text = 'base = "/etc/passwd.toml"\n[rates]\nservices_real = 5\nnon_services_real = 1\n' \
           'retail_sales = 5\n'
    with pytest.raises(sim.InputError, match="not available here"):
        parse_scenario(text, allow_base_paths=False)


def test_uncertainty_is_read_and_written_back():
    s = load_scenario("plan-2024")
    assert s.uncertainty.sd["services_real"] == (1.8, 2.55, 3.12, 3.6, 4.02, 4.41, 4.76)
    assert s.uncertainty.sd["services_deflator"] == 1.0
    assert s.uncertainty.sd_basis["services_real"].startswith("sd from the backtest of 1 year")
    assert s.uncertainty.correlation == (("services_real", "non_services_real", 0.3),)
    assert parse_scenario(s.to_toml()).uncertainty == s.uncertainty
