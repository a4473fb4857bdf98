"""Scenarios on bases that list their sectors, in the app: every page renders, the sliders are
the sectors of the edited scenario's base with their labels, a slider moves GDP exactly as
``sim`` computes, the link carries the sector rates (bounded), and the contributions page adds
up (拉动 to real GDP growth, 贡献率 to 100)."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import sim
from sim.errors import InputError
from sim.testing import assert_results_close
from ui.edits import Edits
from ui.pages import PAGES, page_ids, url_params
from ui.state import ViewState
from ui.testing import (app_test, metric_values, page_texts, vega_charts,
                        view_from_url)
from ui.uploads import (decode_base_token, decode_token, encode_base_token, encode_token,
                        read_base_upload, read_upload)
from ui.url import Notice, from_query, to_query

TEXT = (Path(__file__).parent / "data" / "three-sector.toml").read_text(encoding="utf-8")
NAME = "three-sector"
LINK = {"up": [encode_token(TEXT)], "edit": NAME, "baseline": NAME}
SECTORS = ("primary", "secondary", "tertiary")
LABELS = {"en": ("Primary industry", "Secondary industry", "Tertiary industry"),
          "zh": ("第一产业", "第二产业", "第三产业")}
# a district of the user's, its sectors named in [sector_names]
BASE = """region = "Other"
year = 2023
sectors = ["agri", "rest"]
[sector_names]
agri = {en = "Agriculture", zh = "农业"}
[levels]
gdp = 100.0
agri = 40.0
rest = 60.0
retail_sales = 40.0
[growth]
gdp = 5.0
agri = 4.0
retail_sales = 6.0
"""
OTHER = """name = "mine"
base = "other"
[rates]
agri_real = 3.0
rest_real = 6.0
retail_sales = 5.0
"""


@pytest.fixture(scope="module")
def three():
    return sim.parse_scenario(TEXT, source="three-sector.toml")


@pytest.fixture(scope="module")
def shipped():
    return {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


# -- the scenario is accepted ------------------------------------------------------------------
def test_a_scenario_on_a_sector_base_and_a_sector_base_are_accepted_by_upload_and_link():
    assert read_upload(TEXT.encode(), filename="three.toml").base.sectors == SECTORS
    assert decode_token(encode_token(TEXT)).base.sectors == SECTORS
    name, text = read_base_upload(BASE.encode(), filename="other.toml")
    assert (name, text) == ("other", BASE)
    _, base, _ = decode_base_token(encode_base_token("other", BASE))
    assert base.sectors == ("agri", "rest")


def test_a_bad_sector_base_upload_is_one_line_naming_the_file_and_the_key():
    bad = BASE.replace("rest = 60.0", "rest = 70.0")
    with pytest.raises(InputError, match=r"^other\.toml: key 'levels': the sectors add up to "
                                         r"110 亿元 but levels\.gdp is 100 亿元"):
        read_base_upload(bad.encode(), filename="other.toml")


@pytest.mark.parametrize("page", [p.id for p in PAGES])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders_a_three_sector_scenario(page, lang):
    run(app_test({**LINK, "tab": page, "lang": lang}))


# -- the sliders -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sliders_are_the_base_sectors_with_their_labels(three, lang):
    at = run(app_test({**LINK, "lang": lang}))
    keys = {s.key for s in at.slider}
    for sector in SECTORS:
        for rate in ("real", "deflator"):
            assert {f"{sector}_{rate}_first", f"{sector}_{rate}_later"} <= keys
    assert "services_real_first" not in keys and "non_services_real_first" not in keys
    texts = page_texts(at)
    for label in LABELS[lang]:
        growth = (f"{label}, real growth, %" if lang == "en" else f"{label}增加值可比价增速,%")
        prices = (f"{label} prices (deflator), % change" if lang == "en"
                  else f"{label}价格(平减指数)变动,%")
        assert growth in texts and prices in texts
    # each slider shows the file's values, and spans the range of the same kind of rate
    assert at.slider(key="tertiary_real_first").value == 6.2
    assert at.slider(key="tertiary_real_later").value == 5.8
    assert at.slider(key="primary_deflator_first").value == 0.0
    assert (at.slider(key="tertiary_real_first").min, at.slider(key="tertiary_real_first").max) \
        == (-30.0, 30.0)
    assert (at.slider(key="secondary_deflator_later").min,
            at.slider(key="secondary_deflator_later").max) == (-10.0, 10.0)


def test_moving_the_tertiary_slider_changes_gdp_exactly_as_sim_computes(three):
    at = run(app_test(LINK))
    before = metric_values(at)["GDP"][0]
    at.slider(key="tertiary_real_first").set_value(7.5)
    at.selectbox(key="year").set_value(2024)
    run(at)
    expected = sim.project(three.with_rates(tertiary_real=[7.5, 5.8]))
    shown = metric_values(at)
    value, delta = shown["GDP"]
    assert value == pytest.approx(sim.value(expected, "gdp", 2024), abs=0.051)
    assert delta == pytest.approx(sim.value(expected, "gdp", 2024)
                                  - sim.value(sim.project(three), "gdp", 2024), abs=0.051)
    assert shown["Tertiary industry value added"][0] == pytest.approx(
        sim.value(expected, "tertiary", 2024), abs=0.051)
    assert value != before
    assert at.query_params["tertiary_real.first"] == "7.5"
    # the view the link gives is the edited scenario, to the last digit
    view, notices = view_from_url(at)
    assert notices == []
    edited = view.frame[view.frame["scenario"] == view.edited.id].assign(scenario=NAME)
    assert_results_close(edited.reset_index(drop=True),
                         expected.assign(scenario=NAME), rtol=0, atol=0)


def test_the_gdp_slider_scales_every_sector(three):
    at = run(app_test(LINK))
    assert at.slider(key="gdp").value == 1970.1
    at.slider(key="gdp").set_value(2000.0)
    run(at)
    scaled = three.with_levels(**three.start.levels_setting("gdp", 2000.0))
    expected = sim.project(scaled)
    shown = metric_values(at)
    for ind, label in (("gdp", "GDP"), ("tertiary", "Tertiary industry value added"),
                       ("secondary", "Secondary industry value added")):
        assert shown[label][0] == pytest.approx(sim.value(expected, ind, 2023), abs=0.051)
    assert sim.value(expected, "tertiary_share", 2022) == pytest.approx(
        100 * 1813.0 / 1970.1)                                   # the structure is kept
    assert at.query_params["gdp"] == "2000"


def test_switching_the_edited_scenario_swaps_the_slider_set():
    at = run(app_test({"up": [encode_token(TEXT)], "edit": NAME}))
    assert at.slider(key="tertiary_real_first").value == 6.2
    at.selectbox(key="edit").set_value("plan-2024")
    run(at)
    keys = {s.key for s in at.slider}
    assert "services_real_first" in keys and "tertiary_real_first" not in keys
    assert at.slider(key="services_real_first").value == 5.6
    at.selectbox(key="edit").set_value(NAME)
    run(at)
    keys = {s.key for s in at.slider}
    assert "tertiary_real_first" in keys and "services_real_first" not in keys
    assert at.slider(key="tertiary_real_first").value == 6.2


# -- the link ----------------------------------------------------------------------------------
def test_the_link_round_trips_the_sector_rates(shipped, three):
    state = ViewState(edit=NAME, baseline=NAME, year=2025, tab="contributions",
                      edits=Edits(gdp=2000.0, first={"tertiary_real": 7.25},
                                  later={"secondary_deflator": 1.5, "primary_real": -2.0}),
                      uploads={NAME: three.to_toml()})
    query = to_query(state, tabs=page_ids())
    assert query["tertiary_real.first"] == "7.25"
    assert query["secondary_deflator.later"] == "1.5"
    assert query["primary_real.later"] == "-2"
    back, uploads, notices = from_query(query, shipped=shipped, tabs=page_ids(),
                                        extras=url_params())
    assert notices == []
    assert back == state
    assert list(uploads) == [NAME]
    at = run(app_test(query))
    assert at.slider(key="tertiary_real_first").value == 7.25
    assert at.slider(key="secondary_deflator_later").value == 1.5
    assert at.slider(key="primary_real_later").value == -2.0
    assert at.slider(key="gdp").value == 2000.0


@pytest.mark.parametrize("value, reason", [("500", "out_of_range"), ("-31", "out_of_range"),
                                           ("nan", "out_of_range"), ("1e400", "out_of_range"),
                                           ("abc", "not_a_number"),
                                           ("<script>", "not_a_number")])
def test_a_bad_sector_rate_in_a_link_is_ignored_with_a_notice(shipped, value, reason):
    query = {**LINK, "tertiary_real.first": value}
    state, _, notices = from_query(query, shipped=shipped, extras=url_params())
    assert notices == [Notice("tertiary_real.first", value, reason, "-30 … 30")]
    assert state.edits == Edits()
    at = run(app_test(query))
    assert at.slider(key="tertiary_real_first").value == 6.2          # the file's value
    assert any("tertiary_real.first" in w.value for w in at.warning)
    assert metric_values(at)["GDP"][0] == pytest.approx(
        sim.value(sim.project(sim.parse_scenario(TEXT)), "gdp", 2023), abs=0.051)


def test_a_sector_rate_for_another_base_is_not_used_and_an_unknown_one_is_unknown(shipped):
    query = {"up": [encode_token(TEXT)], "tertiary_real.first": "7", "agri_real.first": "3"}
    state, _, notices = from_query(query, shipped=shipped, extras=url_params())
    reasons = {n.param: n.reason for n in notices}
    assert reasons == {"tertiary_real.first": "not_used", "agri_real.first": "unknown_param"}
    assert state.edit == "plan-2024" and state.edits == Edits()


def test_a_page_control_may_name_a_sector_indicator_of_the_link(shipped):
    query = {**LINK, "chart": "tertiary_share", "sens_indicator": "secondary_contribution"}
    state, _, notices = from_query(query, shipped=shipped, extras=url_params())
    assert notices == []
    assert dict(state.extras) == {"chart": "tertiary_share",
                                  "sens_indicator": "secondary_contribution"}
    at = run(app_test(query))
    assert at.selectbox(key="chart").value == "tertiary_share"


# -- the contributions page --------------------------------------------------------------------
def _rows(table, year_col="Year"):
    return {int(r[year_col]): r for _, r in table.iterrows()}


def test_contributions_add_up_to_real_gdp_growth_and_rates_to_100(three):
    at = run(app_test({**LINK, "tab": "contributions"}))
    contrib, structure = at.dataframe[0].value, at.dataframe[1].value
    frame = sim.project(three)
    pp = [f"{x}, pp" for x in LABELS["en"]]
    rate = [f"{x}, % of growth" for x in LABELS["en"]]
    rows = _rows(contrib)
    assert sorted(rows) == list(range(2022, 2031))
    for year in range(2023, 2031):
        row = rows[year]
        growth = sim.value(frame, "gdp_real_growth", year)
        assert row["GDP growth (real), %"] == pytest.approx(growth, rel=1e-12)
        assert sum(row[c] for c in pp) == pytest.approx(growth, abs=1e-9)
        assert sum(row[c] for c in rate) == pytest.approx(100.0, abs=1e-9)
        for sector, c, r in zip(SECTORS, pp, rate):
            assert row[c] == pytest.approx(sim.value(frame, f"{sector}_contribution", year))
            assert row[r] == pytest.approx(
                sim.value(frame, f"{sector}_contribution_rate", year))
    # the base publishes no 2022 growth: no contributions that year, but its structure
    assert all(math.isnan(rows[2022][c]) for c in pp + rate)
    shares = [f"{x}, % of GDP" for x in LABELS["en"]]
    for year, row in _rows(structure).items():
        assert sum(row[c] for c in shares) == pytest.approx(100.0, abs=1e-9)
        assert row[shares[2]] == pytest.approx(sim.value(frame, "tertiary_share", year))
    # the charts draw what the tables show: 拉动 stacked to real GDP growth, 贡献率 to 100,
    # the shares to 100; the outturn year has no bars of growth, only its structure
    (_, pull), (_, rates), (spec, shares) = vega_charts(at)
    for bars, measure, total in ((pull["bars"], "_contribution", None),
                                 (rates["bars"], "_contribution_rate", 100.0),
                                 (shares["shares"], "_share", 100.0)):
        for year, group in bars.groupby("year"):
            expect = sim.value(frame, "gdp_real_growth", year) if total is None else total
            assert list(group["label"]) == list(LABELS["en"])
            assert list(group["value"]) == [sim.value(frame, x + measure, year)
                                            for x in SECTORS]
            assert (group["value"] > 0).all()     # stacked up from 0, the last bar's top
            assert group["top"].iloc[-1] == pytest.approx(expect, abs=1e-9)  # is the total
    assert 2022 not in set(pull["bars"]["year"]) and 2022 in set(shares["shares"]["year"])
    assert list(pull["growth"]["value"]) == [sim.value(frame, "gdp_real_growth", y)
                                             for y in range(2023, 2031)]
    assert spec["title"]["text"] == ["Structure of GDP by the three sectors (% of GDP)"]
    assert len(spec["vconcat"]) == 1                 # the baseline is the same scenario
    assert "产业结构(三次产业结构)" in page_texts(
        run(app_test({**LINK, "tab": "contributions", "lang": "zh"})))


def test_the_two_sector_contributions_page_gives_contribution_rates_too():
    at = run(app_test({"tab": "contributions"}))
    frame = sim.project("plan-2024")
    for year, row in _rows(at.dataframe[0].value).items():
        growth = sim.value(frame, "gdp_real_growth", year)
        assert row["Services, % of growth"] == pytest.approx(
            100 * sim.value(frame, "services_contribution", year) / growth)
        assert row["Services, % of growth"] + row["Non-services, % of growth"] == \
            pytest.approx(100.0, abs=1e-9)
    for _, row in at.dataframe[1].value.iterrows():
        year = int(row["Year"])
        assert row["Services, % of GDP"] == pytest.approx(sim.value(frame, "services_share",
                                                                    year))
        assert row["Services, % of GDP"] + row["Non-services, % of GDP"] == pytest.approx(100.0)


# -- sectors a user names ----------------------------------------------------------------------
def test_user_named_sectors_label_the_sliders_tables_and_exports():
    link = {"ub": [encode_base_token("other", BASE)], "up": [encode_token(OTHER)],
            "edit": "mine", "baseline": "mine"}
    at = run(app_test({**link, "lang": "zh"}))
    texts = page_texts(at)
    assert "农业增加值可比价增速,%" in texts
    assert "rest增加值可比价增速,%" in texts                          # no label: its id
    assert "农业增加值" in metric_values(at)
    at = run(app_test({**link, "tab": "compare"}))
    labels = list(at.dataframe[0].value.iloc[:, 0])
    assert "Agriculture value added" in labels and "Agriculture share of GDP" in labels
    at = run(app_test({**link, "tab": "export"}))
    wide = at.dataframe[0].value
    assert "Contribution rate of agriculture to real GDP growth" in set(wide.iloc[:, 1])
    view, _ = view_from_url(at)
    iamc = sim.to_iamc(view.frame, names=view.sector_names)
    assert {"Value Added|Agriculture", "Growth|Value Added|Agriculture|Real",
            "Value Added|Rest"} <= set(iamc["variable"])


def test_the_command_line_runs_the_sector_base(tmp_path):
    from sim.cli import main

    path = tmp_path / "three.toml"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["run", str(path), "--until", "2024", "--format", "csv"]) == 0


def test_the_reproduce_script_gives_the_app_frame_for_an_edited_sector_scenario():
    at = run(app_test({**LINK, "tab": "reproduce", "tertiary_real.later": "5", "gdp": "2100"}))
    code = at.code[0].value
    scope: dict = {"__name__": "snippet"}
    exec(compile(code, "reproduce_view.py", "exec"), scope)
    view, _ = view_from_url(at)
    np.testing.assert_array_equal(scope["df"]["value"].to_numpy(), view.frame["value"].to_numpy())
