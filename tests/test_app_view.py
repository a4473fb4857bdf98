"""The view, its tables and the "Reproduce in Python" script, without Streamlit."""
from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest

import sim
from sim.testing import assert_results_close
from ui import format as fmt
from ui.edits import Edits
from ui.i18n import t
from ui.snippet import python_snippet
from ui.state import ViewState
from ui.tables import base_table, comparison_table, contributions_table, targets_table
from ui.uploads import encode_token
from ui.view import build_view


@pytest.fixture(scope="module")
def shipped():
    return {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}


def _view(shipped, **kw):
    return build_view(ViewState(**kw), shipped, shipped_order=list(shipped))


def test_view_holds_the_three_reference_lines_then_the_others(shipped):
    view = _view(shipped, edit="momentum", compare=("plan-2024", "momentum", "downside"),
                 edits=Edits(gdp=2100.0))
    assert [(m.id, m.role) for m in view.members] == [
        ("plan-2024", "baseline"), ("plan-2024-adjusted", "adjusted"),
        ("momentum-edited", "edited"), ("downside", "other")]
    assert list(dict.fromkeys(view.frame["scenario"])) == [m.id for m in view.members]


def test_reference_lines_are_the_sim_projections(shipped):
    """baseline = the file; adjusted = the baseline with the edited level and deflators;
    edited = the file with the slider values; all computed by sim directly."""
    view = _view(shipped, edit="downside", edits=Edits(gdp=2100.0,
                                                       first={"services_real": 5.5}))
    plan, down = shipped["plan-2024"], shipped["downside"]
    expected = sim.project([
        plan,
        plan.with_levels(gdp=2100.0).with_rates(services_deflator=-0.5,
                                                non_services_deflator=-2.0)
            .renamed("plan-2024-adjusted"),
        down.with_levels(gdp=2100.0).with_rates(services_real=[5.5, 4.5, 4.3, 4.0])
            .renamed("downside-edited"),
        shipped["momentum"], shipped["upside"]])
    assert_results_close(view.frame, expected)


def test_a_views_value_is_the_one_sim_reads(shipped):
    from dataclasses import replace

    view = _view(shipped, edit="downside", edits=Edits(first={"services_real": 7.5}))
    for row in view.frame.sample(200, random_state=1).itertuples():
        assert view.value(row.indicator, row.year, row.scenario) == sim.value(
            view.frame, row.indicator, row.year, scenario=row.scenario)
    assert np.isnan(view.value("gdp", 2099, view.edited.id))              # not in the frame
    twice = replace(view, frame=pd.concat([view.frame, view.frame.iloc[:1]]))  # sim.value refuses
    first = view.frame.iloc[0]
    assert np.isnan(twice.value(first["indicator"], first["year"], first["scenario"]))
    assert twice.value("gdp", 2025, view.edited.id) == view.value("gdp", 2025, view.edited.id)


def test_unedited_scenario_keeps_its_name(shipped):
    view = _view(shipped, edit="upside")
    assert view.edited.id == "upside"
    assert view.edited.title("en", view.edits) == "Upside (being edited)"
    same = _view(shipped)                        # edit = baseline = plan-2024
    assert same.edited.id == "plan-2024-edited"


def test_horizon_and_year(shipped):
    view = _view(shipped, year=2040, edits=Edits(until=2035))
    assert view.until == 2035 and view.year == 2035          # clamped to the horizon
    assert view.frame["year"].max() == 2035
    assert view.exported_scenario().end_year == 2035


def test_exported_scenario_says_it_is_edited(shipped):
    view = _view(shipped, edit="upside", edits=Edits(gdp=2050.0, until=2035,
                                                     first={"services_real": 7.0}))
    s = view.exported_scenario()
    assert s.name == "upside-edited" and s.end_year == 2035
    assert s.title_en == "Upside (edited)" and s.title_zh == "上行情景(已修改)"
    assert s.notes == ("Edited in the app: upside with levels.gdp = 2050, "
                       "rates.services_real = [7, 6.3, 6].")
    assert_results_close(sim.project(s), view.frame[view.frame["scenario"] == "upside-edited"])
    assert _view(shipped, edit="upside").exported_scenario().title_en == "Upside"


def test_invalid_edits_fall_back_to_the_file(shipped):
    view = _view(shipped, edits=Edits(first={"services_real": 500.0}))
    assert "out of range" in view.edit_error
    assert_results_close(view.frame[view.frame["scenario"] == "plan-2024-edited"]
                         .replace("plan-2024-edited", "plan-2024"),
                         sim.project("plan-2024"))


def test_comparison_table_values_and_differences(shipped):
    view = _view(shipped, year=2026, compare=("momentum",))
    frame = sim.project(["plan-2024", "momentum"])
    values = comparison_table(view, "value")
    diffs = comparison_table(view, "diff")
    pct = comparison_table(view, "pct")
    for ind, unit in (("gdp", "亿元"), ("gdp_real_growth", "%"), ("rd_intensity", "%")):
        m = sim.value(frame, ind, 2026, scenario="momentum")
        p = sim.value(frame, ind, 2026, scenario="plan-2024")
        assert values.loc[ind, "Momentum"] == pytest.approx(m)
        assert diffs.loc[ind, "Momentum"] == pytest.approx(m - p)
        if unit == "亿元":
            assert pct.loc[ind, "Momentum"] == pytest.approx(100 * (m / p - 1))
        else:
            assert np.isnan(pct.loc[ind, "Momentum"])
    assert diffs.loc["gdp_real_growth", "Unit"] == "pp"
    assert list(values.columns[:2]) == ["Indicator", "Unit"]


def test_comparison_table_in_chinese(shipped):
    table = comparison_table(_view(shipped, lang="zh"), "value")
    assert list(table.columns[:2]) == ["指标", "单位"]
    assert table.loc["gdp", "指标"] == "地区生产总值"
    assert "2024年计划" in table.columns


def test_targets_table_agrees_with_check_targets(shipped):
    view = _view(shipped, compare=("downside", "upside"))
    table = targets_table(view)
    checks = sim.check_targets(view.frame).set_index(["scenario", "target"])
    col = [c for c in table.columns if c.startswith("GDP growth")][0]
    for sid in table.index:
        status = checks.loc[(sid, "gdp_growth"), "status"]
        cell = table.loc[sid, col]
        assert cell.endswith(t("status." + status))
        assert float(cell.split("%")[0]) == pytest.approx(checks.loc[(sid, "gdp_growth"),
                                                                     "value"], abs=0.005)
    assert table.loc["downside", col].endswith("missed")
    assert table.loc["upside", col].endswith("met ✓")


def test_contributions_table_adds_up(shipped):
    view = _view(shipped)
    table = contributions_table(view, "plan-2024")
    assert list(table["Year"]) == [str(y) for y in range(2023, 2031)]
    total = table["Services, pp"] + table["Non-services, pp"]
    np.testing.assert_allclose(total, table["GDP growth (real), %"], atol=1e-9)


def test_base_table_quotes_every_source(shipped):
    base = sim.load_base("xihu-2023")
    table = base_table(base)
    assert list(table["Level"]) == [2000.0, 1939.3, 906.3]
    assert list(table["Source sentence"]) == list(base.sources.values())
    assert table["Note"].iloc[0] == "lower bound (突破: passed)"


# --- the "Reproduce in Python" script ---------------------------------------------------------


def _exec(code: str) -> dict:
    ns: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "<reproduce>", "exec"), ns)
    return ns


@pytest.mark.parametrize("kw", [
    {},
    {"edit": "momentum", "baseline": "downside", "edits": Edits(gdp=2222.2, until=2040,
                                                                first={"services_real": 7.0})},
    {"edit": "upside", "compare": ("plan-2024",), "year": 2030,
     "edits": Edits(retail="elasticity", later={"retail_sales_elasticity": 1.4,
                                                "non_services_deflator": -1.0})},
])
def test_snippet_computes_the_view(shipped, kw):
    view = _view(shipped, **kw)
    ns = _exec(python_snippet(view))
    assert_results_close(ns["df"], view.frame)
    assert ns["year"] == view.year


def test_snippet_carries_an_uploaded_scenario(shipped):
    text = shipped["upside"].with_rates(services_real=6.9).renamed("mine").to_toml()
    from ui.url import from_query

    state, uploads, _ = from_query({"up": encode_token(text), "edit": "mine",
                                    "services_real.first": "7.5"}, shipped=shipped)
    view = build_view(state, {**shipped, **uploads}, shipped_order=list(shipped))
    code = python_snippet(view)
    assert "sim.parse_scenario(UPLOAD_MINE" in code
    assert_results_close(_exec(code)["df"], view.frame)


def test_snippet_carries_an_uploaded_base(shipped):
    from ui.url import from_query
    from ui.uploads import base_from_text

    base_text = ('region = "Other"\nyear = 2023\n[levels]\ngdp = 800.0\nservices = 500.0\n'
                 'retail_sales = 300.0\n[growth]\ngdp = 4.0\nservices = 5.0\n')
    base = base_from_text("other", base_text)
    mine = sim.parse_scenario('name = "mine"\nbase = "other"\n[rates]\nservices_real = 6.0\n'
                              'non_services_real = 3.0\nretail_sales = 5.0\n',
                              allow_base_paths=False, extra_bases={"other": base})
    state, _, _ = from_query({"edit": "plan-2024"}, shipped=shipped)
    from dataclasses import replace
    state = replace(state, compare=("plan-2024", "mine"))
    view = build_view(state, {**shipped, "mine": mine}, shipped_order=list(shipped))
    code = python_snippet(view)
    assert "extra_bases={'other': sim.base_from_dict(tomllib.loads(BASE_OTHER)" in code
    assert_results_close(_exec(code)["df"], view.frame)


def test_number_formats():
    assert fmt.value(2110.00297, "亿元") == "2,110.0 亿元"
    assert fmt.value(5.50015, "%") == "5.50%"
    assert fmt.delta(7.8, "亿元", reference=2110.0) == "+7.8 亿元 (+0.37%)"
    assert fmt.delta(-0.2, "%") == "-0.20 pp"
    assert fmt.delta(0.39, "%", "zh") == "+0.39个百分点"
    assert fmt.value(float("nan"), "%") == "–"
    assert fmt.plain("a_b*[x]") == r"a_b\*\[x\]"
