"""History before the base year: its tables and their sources, every refusal of bad input, the
rows it derives (hand-checked for Xihu), its flags, the level it implies for a lower bound, and
``python -m sim history``."""
import copy
import dataclasses
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

import sim
from sim.cli import main
from sim.consistency import implied_level, lower_bound_estimate, share_estimate
from sim.history import FRAME_COLUMNS, History, history_flags, history_frame

XIHU = sim.load_base("xihu-2023")
XIHU22 = sim.load_base("xihu-2022")
WORK_REPORT = "Xihu government work report 2023, summary (zjnews.zjol.com.cn, 2023-02-08)"


def doc_with(history):
    """The xihu-2023 base document with ``history`` in place of its own."""
    doc = copy.deepcopy(XIHU.to_dict())
    doc["history"] = history
    return doc


def load(history):
    return sim.base_from_dict(doc_with(history), name="b", source="b.toml")


def error(history):
    with pytest.raises(sim.InputError) as info:
        load(history)
    return str(info.value)


Y2020 = {"source": {"where": "a yearbook"}, "levels": {"gdp": 1587.6, "services": 1467.7},
         "growth": {"gdp": 7.2, "services": 7.9},
         "structure": {"services": 92.45, "non_services": 7.55},
         "sources": {"gdp": "GDP sentence", "services": "services sentence",
                     "structure": "structure sentence"}}


def row(frame, indicator, year):
    sub = frame[(frame["indicator"] == indicator) & (frame["year"] == year)
                & (frame["kind"] != "plan")]
    assert len(sub) == 1, (indicator, year)
    return sub.iloc[0]


# -- the built-in history ------------------------------------------------------------------

def test_xihu_2023_carries_2019_to_2022_and_xihu_2022_2019_to_2021():
    assert [h.year for h in XIHU.history] == [2019, 2020, 2021, 2022]
    assert [h.year for h in XIHU22.history] == [2019, 2020, 2021]
    assert XIHU.history.get(2021).growth == {"gdp": 10.7}
    assert "gdp" not in XIHU.history.get(2021).levels          # the 2021 level is unknown
    assert XIHU.history.get(2022).growth == {}                  # so are 2022's growth rates


def test_every_built_in_figure_has_its_quote_and_where_and_encyclopedia_copies_are_secondary():
    for base in (XIHU, XIHU22):
        for h in base.history:
            for key, src in h.sources.items():
                assert src.where and (src.quote or src.note), (base.name, h.year, key)
                assert src.secondary == (h.year in (2019, 2020)), (base.name, h.year, key)
    y20 = XIHU.history.get(2020)
    assert y20.sources["gdp"].quote == ("全区实现地区生产总值(GDP)1587.6亿元,按可比价格计算,"
                                        "比上年增长7.2%")
    assert y20.sources["structure"].quote == "三次产业比重调整为0.19:7.36:92.45"
    assert y20.levels["population"] == 108.9229
    assert "not captured" in y20.sources["population"].note and not y20.sources["population"].quote
    y22 = XIHU.history.get(2022)
    assert y22.sources["fixed_asset_investment"].quote == "固定资产投资484亿元"
    assert y22.sources["gdp"].where == WORK_REPORT
    # two-sector form: tertiary is services, primary + secondary is non-services
    assert y22.structure == {"services": 92.0, "non_services": 8.0}
    assert XIHU22.history.get(2020).structure == {"primary": 0.19, "secondary": 7.36,
                                                  "tertiary": 92.45}


def test_history_round_trips_through_the_base_dict_and_with_levels():
    again = sim.base_from_dict(XIHU.to_dict(), name=XIHU.name, source=XIHU.source)
    assert again.history == XIHU.history and again == XIHU
    assert XIHU.with_levels(gdp=2070.6).history == XIHU.history
    assert isinstance(XIHU.history, History)


def test_history_does_not_change_a_projection():
    doc = {k: x for k, x in XIHU.to_dict().items() if k != "history"}
    bare = sim.base_from_dict(doc, name="xihu-2023", source=XIHU.source)
    rates = dict(sim.load_scenario("plan-2024").rates)
    with_history = sim.run_paths(sim.scenario_from_dict({"rates": rates}, base=XIHU))
    without = sim.run_paths(sim.scenario_from_dict({"rates": rates}, base=bare))
    assert with_history.values.keys() == without.values.keys()
    for k, x in with_history.values.items():
        assert ((x == without.values[k]) | (x != x)).all(), k


def test_a_year_is_partial_and_takes_its_sources_default():
    base = load({"2021": {"source": {"where": "a bulletin", "secondary": True},
                          "growth": {"retail_sales": 9.0},
                          "sources": {"retail_sales": {"quote": "q", "secondary": False}}},
                 "2022": {"levels": {"population": 110.0},
                          "sources": {"population": {"quote": "p", "where": "census"}}}})
    src = base.history.get(2021).sources["retail_sales"]
    assert (src.where, src.secondary) == ("a bulletin", False)
    assert base.history.get(2022).sources["population"].where == "census"


def test_years_may_be_integers_from_python():
    assert load({2020: Y2020}).history.get(2020).levels["gdp"] == 1587.6


# -- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize("history, message", [
    ({"2023": Y2020}, "b.toml: key 'history.2023': year 2023 is not before the base year 2023 "
                      "(allowed: years up to 2022; the base year's own figures go in [levels] "
                      "and [growth])"),
    ({"2031": Y2020}, "key 'history.2031': year 2031 is not before the base year 2023"),
    ({"2020": Y2020, "02020": Y2020}, "b.toml: key 'history.02020': year 2020 is given twice "
                                      "('2020' and '02020') (allowed: each year once)"),
    ({"last": Y2020}, "b.toml: key 'history.last': is not a year (allowed: a year before the "
                      "base year 2023, e.g. [history.2022])"),
    ({"20.5": Y2020}, "key 'history.20.5': is not a year"),
    ({"1066": Y2020}, "key 'history.1066': year 1066 is out of range"),
    ({"2020": {**Y2020, "levels": {**Y2020["levels"], "gdp": 0.0}}},
     "b.toml: key 'history.2020.levels.gdp': is 0, out of range (allowed: [1e-06, 1e+08] 亿元)"),
    ({"2020": {**Y2020, "levels": {**Y2020["levels"], "gdp": -5.0}}},
     "key 'history.2020.levels.gdp': is -5, out of range"),
    ({"2020": {**Y2020, "levels": {**Y2020["levels"], "gdp": float("nan")}}},
     "key 'history.2020.levels.gdp': must be a finite number"),
    ({"2020": {**Y2020, "levels": {"population": -1.0}, "growth": {}, "structure": {},
               "sources": {"population": "p"}}},
     "key 'history.2020.levels.population': is -1, out of range (allowed: [1e-06, 1e+08] 万人)"),
    ({"2020": {**Y2020, "growth": {"gdp": 500}}},
     "b.toml: key 'history.2020.growth.gdp': is 500, out of range (allowed: [-50, 100] % per "
     "year)"),
    ({"2020": {**Y2020, "structure": {"services": 92.45, "non_services": 9.0}}},
     "b.toml: key 'history.2020.structure': sums to 101.45% (allowed: shares of GDP summing to "
     "100 ± 0.1 (rounding))"),
    ({"2020": {**Y2020, "structure": {"services": 92.45}}},
     "key 'history.2020.structure.non_services': missing the share of sector 'non_services'"),
    ({"2020": {**Y2020, "structure": {"services": 92.45, "secondary": 7.55}}},
     "key 'history.2020.structure.secondary': is not a sector of the base (allowed: services, "
     "non_services)"),
    ({"2020": {**Y2020, "structure": {"services": 95.0, "non_services": 5.0}}},
     "key 'history.2020.structure.services': levels.services is 92.45% of GDP but the "
     "structure gives 95%"),
    ({"2020": {**Y2020, "levels": {"gdp": 1000.0, "services": 1467.7}, "structure": {}}},
     "key 'history.2020.levels.services': services (1467.7) is larger than GDP (1000)"),
    ({"2020": {**Y2020, "sources": {"services": "s", "structure": "t"}}},
     "b.toml: key 'history.2020.sources.gdp': levels.gdp has no source (allowed: the sentence "
     "the figure comes from, sources.gdp = \"…\" (every published figure needs a quote and where "
     "it was published))"),
    ({"2020": {**Y2020, "sources": {**Y2020["sources"], "gdp": {"where": "x"}}}},
     "key 'history.2020.sources.gdp': has no quote (allowed: the sentence the figure comes "
     "from (quote = \"…\"), or a note saying why it is not quoted)"),
    ({"2020": {**Y2020, "sources": {**Y2020["sources"], "gdp": "  "}}},
     "key 'history.2020.sources.gdp': has no quote"),
    ({"2020": {**Y2020, "source": {}}},
     "key 'history.2020.sources.gdp': does not say where the figure was published"),
    ({"2020": {**Y2020, "source": {"where": "w", "secondary": "yes"}}},
     "key 'history.2020.source.secondary': must be true or false"),
    ({"2020": {**Y2020, "sources": {**Y2020["sources"], "retail_sales": "r"}}},
     "key 'history.2020.sources.retail_sales': source given for a figure that 2020 does not "
     "give"),
    ({"2020": {**Y2020, "levels": {**Y2020["levels"], "gpd": 1.0}}},
     "key 'history.2020.levels.gpd': unknown indicator; did you mean 'gdp'?"),
    ({"2020": {**Y2020, "growth": {"populaton": 1.0}}},
     "key 'history.2020.growth.populaton': unknown indicator; did you mean 'population'?"),
    ({"2020": {**Y2020, "level": {}}},
     "key 'history.2020.level': unknown key; did you mean 'levels'?"),
    ({"2020": {**Y2020, "plan": {"gdp_real_growht": 7.0}}},
     "key 'history.2020.plan.gdp_real_growht': unknown target; did you mean 'gdp_real_growth'?"),
    ({"2020": {**Y2020, "plan": {"gdp_real_growth": 7.0}}},
     "key 'history.2020.plan_sources.gdp_real_growth': plan.gdp_real_growth has no source"),
    ({"2020": {**Y2020, "lower_bounds": ["retail_sales"]}},
     "key 'history.2020.lower_bounds': names 'retail_sales', which is not a level of 2020"),
    ({"2020": [1, 2]}, "key 'history.2020': must be a table, got a list"),
])
def test_bad_history_is_refused_naming_the_file_the_year_and_the_key(history, message):
    assert message in error(history)


def test_a_history_that_is_not_a_table_is_refused():
    assert "b.toml: key 'history': must be a table" in error([2020])


# -- derived rows, hand-checked --------------------------------------------------------------

FRAME = history_frame(XIHU)


def test_the_frame_has_the_contract_columns_one_row_per_indicator_and_year_sorted():
    assert list(FRAME.columns) == list(FRAME_COLUMNS) == ["indicator", "year", "value", "unit",
                                                          "source", "kind"]
    assert not FRAME.duplicated(["indicator", "year"]).any()
    assert FRAME[["indicator", "year"]].apply(tuple, axis=1).is_monotonic_increasing
    assert sorted(set(FRAME["year"])) == [2019, 2020, 2021, 2022, 2023]
    assert set(FRAME["kind"]) <= {"published", "secondary", "lower bound", "derived",
                                  "approximate"}


def test_2020_nominal_growth_and_implied_deflator():
    nominal = 100 * (1587.6 / 1415.83 - 1)
    assert row(FRAME, "gdp_nominal_growth", 2020)["value"] == pytest.approx(nominal, abs=1e-9)
    assert nominal == pytest.approx(12.13, abs=0.005)
    deflator = row(FRAME, "gdp_deflator", 2020)
    assert deflator["value"] == pytest.approx(100 * (1587.6 / 1415.83 / 1.072 - 1), abs=1e-9)
    assert deflator["value"] == pytest.approx(4.60, abs=0.005)
    assert (deflator["kind"], deflator["unit"]) == ("derived", "%")
    assert deflator["source"] == "= (1 + gdp_nominal_growth) / (1 + gdp_real_growth) − 1 (2020)"


def test_2020_non_services_level_share_and_growth_backcast():
    assert row(FRAME, "non_services", 2020)["value"] == pytest.approx(1587.6 - 1467.7)
    assert row(FRAME, "non_services", 2020)["source"] == "= gdp − services (2020)"
    assert row(FRAME, "non_services_share", 2020)["value"] == 7.55          # published, not 7.552
    # one price change common to both sectors: 2019 shares backcast from 2020's
    w = (1467.7 / 1.079) / (1587.6 / 1.072)
    g = row(FRAME, "non_services_real_growth", 2020)
    assert g["value"] == pytest.approx((7.2 - w * 7.9) / (1 - w), abs=1e-9)
    assert g["value"] == pytest.approx(-0.69, abs=0.005)
    assert g["kind"] == "derived" and "backcast" in g["source"]


def test_2023_non_services_growth_uses_the_2022_shares_history_gives():
    w = 1813.0 / 1970.1
    g = row(FRAME, "non_services_real_growth", 2023)
    assert g["value"] == pytest.approx((5.1 - w * 6.1) / (1 - w), abs=1e-9)
    assert g["value"] == pytest.approx(-6.44, abs=0.005)
    assert "2022 levels" in g["source"]


def test_2023_rows_rest_on_the_lower_bound_and_say_so():
    assert row(FRAME, "gdp", 2023)["kind"] == "lower bound"
    nominal = row(FRAME, "gdp_nominal_growth", 2023)
    assert nominal["value"] == pytest.approx(100 * (2000 / 1970.1 - 1))
    assert "rests on a lower bound (gdp 2023 ≥ 2000)" in nominal["source"]
    services = row(FRAME, "services_nominal_growth", 2023)
    assert services["value"] == pytest.approx(100 * (1939.3 / 1813 - 1))
    assert "lower bound" not in services["source"]
    assert row(FRAME, "services_deflator", 2023)["value"] == pytest.approx(
        100 * (1939.3 / 1813 / 1.061 - 1))
    assert row(FRAME, "non_services", 2023)["value"] == pytest.approx(60.7)


def test_kinds_units_and_sources_of_published_rows():
    assert row(FRAME, "gdp", 2019)["kind"] == "secondary"
    assert row(FRAME, "gdp_real_growth", 2021)["kind"] == "published"
    assert row(FRAME, "gdp", 2022)["kind"] == "published"
    pop = row(FRAME, "population", 2020)
    assert (pop["value"], pop["unit"], pop["kind"]) == (108.9229, "万人", "secondary")
    gdp20 = row(FRAME, "gdp", 2020)
    assert gdp20["source"] == ("全区实现地区生产总值(GDP)1587.6亿元,按可比价格计算,比上年增长7.2% — "
                               "encyclopedia copy of the Xihu District entry (wtabcd.cn) "
                               "(secondary source)")
    assert row(FRAME, "fiscal_revenue", 2022)["source"].endswith(WORK_REPORT)
    assert row(FRAME, "gdp", 2023)["source"].startswith("全区地区生产总值突破2000亿元")
    for _, r in FRAME[~FRAME["kind"].isin(["derived", "approximate"])].iterrows():
        assert " — " in r["source"], (r["indicator"], r["year"])
    for _, r in FRAME[FRAME["kind"] == "derived"].iterrows():
        assert r["source"].startswith("= "), (r["indicator"], r["year"])
    # retail's own growth wins over its levels' (906.3 / 845.7 − 1 = 7.17%)
    assert row(FRAME, "retail_sales_growth", 2023)["value"] == 7.2


def test_a_three_sector_history_derives_the_sectors_from_the_structure():
    frame = history_frame(XIHU22)
    rest = 1587.6 - 1467.7
    assert row(frame, "primary", 2020)["value"] == pytest.approx(rest * 0.19 / 7.55)
    assert row(frame, "secondary", 2020)["value"] == pytest.approx(rest * 7.36 / 7.55)
    assert row(frame, "primary_share", 2022)["value"] == 0.2
    assert row(frame, "primary", 2022)["value"] == pytest.approx(XIHU22.levels["primary"])
    assert row(frame, "gdp_deflator", 2020)["value"] == pytest.approx(
        100 * (1587.6 / 1415.83 / 1.072 - 1))
    assert not (frame["indicator"] == "primary_real_growth").any()     # two sectors lack growth


def test_plan_rows_follow_the_outturn_of_their_year():
    plan = {**Y2020, "plan": {"gdp_real_growth": 7.0, "retail_sales_growth": 9.0},
            "plan_sources": {"gdp_real_growth": {"quote": "增长7%", "where": "plan 2020"},
                             "retail_sales_growth": {"quote": "增长9%", "where": "plan 2020"}}}
    frame = history_frame(load({"2020": plan}))
    sub = frame[(frame["indicator"] == "gdp_real_growth") & (frame["year"] == 2020)]
    assert list(sub["kind"]) == ["published", "plan"] and list(sub["value"]) == [7.2, 7.0]
    r = frame[frame["indicator"] == "retail_sales_growth"].iloc[0]
    assert (r["year"], r["kind"], r["unit"], r["source"]) == (2020, "plan", "%",
                                                               "增长9% — plan 2020")


def test_a_level_the_user_replaced_is_an_assumption():
    frame = history_frame(XIHU.with_levels(gdp=2070.6))
    gdp = row(frame, "gdp", 2023)
    assert (gdp["value"], gdp["kind"]) == (2070.6, "assumption")
    assert "replacing the base's 2000" in gdp["source"]


# -- flags ---------------------------------------------------------------------------------

def test_xihu_flags_the_2020_deflator_and_the_2023_non_services_fall():
    flags = {(f.level, f.year, f.indicator): f for f in history_flags(XIHU)}
    assert set(flags) == {("note", 2020, "gdp_deflator"), ("note", 2023, "gdp_deflator"),
                          ("warning", 2023, "non_services_deflator"),
                          ("warning", 2023, "non_services_nominal_growth")}
    d20 = flags[("note", 2020, "gdp_deflator")]
    assert d20.value == pytest.approx(4.60, abs=0.005)
    assert "outside the usual -1…+3%" in d20.problem
    assert d20.causes[0].startswith("a revision between publications: the 2019 and 2020 figures "
                                    "come from different sources")
    assert any("secondary source" in c for c in d20.causes)
    fall = flags[("warning", 2023, "non_services_nominal_growth")]
    assert fall.value == pytest.approx(100 * (60.7 / 157.1 - 1))
    assert fall.problem == "non_services falls by 61.4% (nominal), by double digits"
    assert fall.causes[0] == ("a lower-bound headline: gdp 2023 is given only as passing 2000 "
                              "(突破), so what is derived from it is approximate")
    assert "beyond ±8%" in flags[("warning", 2023, "non_services_deflator")].problem
    assert [f.indicator for f in history_flags(XIHU22)] == ["gdp_deflator"]


def test_a_fall_across_hangzhous_2021_boundary_change_names_it():
    history = {"2020": {"source": {"where": "bulletin 2020"}, "levels": {"gdp": 1500.0},
                        "sources": {"gdp": "a"}},
               "2021": {"source": {"where": "bulletin 2021"}, "levels": {"gdp": 1300.0},
                        "growth": {"gdp": 6.0}, "sources": {"gdp": "b"}}}
    flags = [f for f in history_flags(load(history)) if f.year == 2021]
    assert [(f.level, f.indicator) for f in flags] == [("warning", "gdp_deflator")]
    assert flags[0].value == pytest.approx(100 * (1300 / 1500 / 1.06 - 1))
    assert "a boundary change: Hangzhou redrew several of its districts in 2021" in flags[0].causes


def test_a_published_nominal_growth_far_from_its_levels_is_noted():
    history = {"2022": {"source": {"where": "w"}, "levels": {"retail_sales": 800.0},
                        "sources": {"retail_sales": "r"}}}
    flags = [f for f in history_flags(load(history)) if f.indicator.startswith("retail")]
    assert [(f.level, f.year, f.value) for f in flags] == [("note", 2023, 7.2)]
    assert "the levels' +13.29%" in flags[0].problem


def test_a_steady_history_raises_no_flag():
    # both sectors grow 5% in real terms and prices rise 1%: 1000 → 1000 × 1.05 × 1.01
    base = sim.base_from_dict({
        "region": "Steady", "year": 2023,
        "levels": {"gdp": 1060.5, "services": 954.45, "retail_sales": 106.0},
        "growth": {"gdp": 5.0, "services": 5.0, "retail_sales": 6.0},
        "history": {"2022": {"source": {"where": "w"},
                             "levels": {"gdp": 1000.0, "services": 900.0, "retail_sales": 100.0},
                             "sources": {"gdp": "g", "services": "s", "retail_sales": "r"}}}})
    frame = history_frame(base)
    for ind in ("gdp_deflator", "services_deflator", "non_services_deflator"):
        assert row(frame, ind, 2023)["value"] == pytest.approx(1.0)
    assert row(frame, "non_services_real_growth", 2023)["value"] == pytest.approx(5.0)
    assert history_flags(base) == []


# -- the lower bound, estimated ----------------------------------------------------------------

def test_history_implies_2070_6_for_the_2000_lower_bound():
    est = lower_bound_estimate(XIHU)
    assert est.indicator == "gdp" and est.year == 2023 and est.years == (2022, 2023)
    assert est.value == pytest.approx(1970.1 * 1.051) and round(est.value, 1) == 2070.6
    assert est.low == pytest.approx(1970.1 * 1.051 * 0.99)
    assert est.high == pytest.approx(1970.1 * 1.051 * 1.03)
    assert est.unit == "亿元" and "1970.1亿元 × (1 + 5.1%)" in est.how
    with pytest.raises(dataclasses.FrozenInstanceError):
        est.value = 2000.0
    share = share_estimate(XIHU, est, "services")
    assert share.value == pytest.approx(100 * 1939.3 / (1970.1 * 1.051))
    assert round(share.value, 1) == 93.7
    assert share.low == pytest.approx(100 * 1939.3 / est.high)


def test_the_consistency_report_gives_the_estimate_and_the_share_it_implies():
    report = sim.consistency_report(XIHU)
    found = {f.code: f for f in report.findings}
    assert found["history_level"].level == "info"
    assert found["history_level"].value == pytest.approx(2070.5751)
    assert "that is 2070.6亿元 at 2022 prices, 2049.9 … 2132.7亿元" in found["history_level"].en
    assert "not a published figure" in found["history_level"].en
    assert "推算为2070.6亿元" in found["history_level"].zh
    assert ("services would be 93.66% of GDP (90.93 … 94.61%), not the 96.97%"
            in found["history_share"].en)
    assert [f.code for f in report.warnings] == ["non_services_growth", "gdp_level_hint"]


def test_the_estimate_taken_as_the_level_is_a_user_assumption():
    est = lower_bound_estimate(XIHU)
    report = sim.consistency_report(XIHU.with_levels(gdp=round(est.value, 1)))
    codes = [f.code for f in report.findings]
    assert "gdp_override" in codes and "history_level" in codes
    assert "history_share" not in codes                  # the share is the one it gives
    assert lower_bound_estimate(XIHU.with_levels(gdp=2070.6)) is None   # no longer a bound


def test_no_estimate_without_the_prior_years_level():
    assert lower_bound_estimate(XIHU22) is None                # no lower bound
    base = load({"2021": {"source": {"where": "w"}, "growth": {"gdp": 10.7},
                          "sources": {"gdp": "g"}}})
    assert lower_bound_estimate(base) is None
    assert "history_level" not in [f.code for f in sim.consistency_report(base).findings]


def test_a_nominal_figure_follows_exactly_and_a_history_below_the_bound_is_a_warning():
    retail = implied_level(XIHU, "retail_sales")
    assert retail.value == retail.low == retail.high == pytest.approx(845.7 * 1.072)
    low = load({"2022": {"source": {"where": "w"}, "levels": {"gdp": 1800.0},
                         "sources": {"gdp": "g"}}})
    report = sim.consistency_report(low)
    below = [f for f in report.warnings if f.code == "history_below_bound"]
    assert below and below[0].value == pytest.approx(1800 * 1.051 * 1.03)


# -- the command line ----------------------------------------------------------------------

def test_history_csv_is_the_frame_with_the_exact_header(capsys):
    assert main(["history", "xihu-2023", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "indicator,year,value,unit,source,kind"
    assert len(text.splitlines()) == len(FRAME) + 1
    assert "gdp_deflator,2020,4.60" in text and ",lower bound\n" in text


def test_history_table_shows_each_year_the_marks_sources_and_flags(capsys):
    assert main(["history", "xihu-2023"]) == 0
    text = capsys.readouterr().out
    header = next(line for line in text.splitlines() if line.startswith("indicator"))
    assert header.split() == ["indicator", "unit", "2019", "2020", "2021", "2022", "2023"]
    gdp = next(line for line in text.splitlines() if line.startswith("gdp "))
    assert gdp.split() == ["gdp", "亿元", "1,415.8", "s", "1,587.6", "s", "1,970.1", "2,000.0", "≥"]
    deflator = next(line for line in text.splitlines() if line.startswith("gdp_deflator"))
    assert deflator.split() == ["gdp_deflator", "%", "4.60", "d", "-3.41", "~"]
    assert "固定资产投资484亿元 — " + WORK_REPORT in text
    flags = text[text.index("\nFlags\n"):]
    assert "[note] 2020 gdp_deflator = 4.60%" in flags
    assert "[warning] 2023 non_services_nominal_growth = -61.36%" in flags


def test_history_of_a_bad_base_is_one_line_and_exit_2(root):
    out = subprocess.run([sys.executable, "-m", "sim", "history", "xihu-2032"],
                         capture_output=True, text=True, encoding="utf-8", cwd=root)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == ("error: key 'base': unknown base 'xihu-2032'; did you mean "
                                  "'xihu-2023'? (allowed: a built-in base (xihu-2022, xihu-2023) "
                                  "or a path to a .toml file)")


def test_history_of_a_base_file_with_a_bad_year_names_the_file(tmp_path, capsys):
    import tomli_w

    path = tmp_path / "b.toml"
    path.write_text(tomli_w.dumps(doc_with({"2024": Y2020})), encoding="utf-8")
    assert main(["history", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: key 'history.2024': year 2024 is not before")


# -- identities over random histories --------------------------------------------------------

levels = st.floats(1.0, 5000.0)
rates = st.floats(-30.0, 40.0)


@settings(max_examples=150, database=None)
@given(gdp=st.tuples(levels, levels), share=st.tuples(st.floats(0.05, 0.95), st.floats(0.05, 0.95)),
       growth=st.tuples(rates, rates))
def test_derived_rows_keep_the_identities(gdp, share, growth):
    history = {"2021": {"source": {"where": "w"},
                        "levels": {"gdp": gdp[0], "services": gdp[0] * share[0]},
                        "sources": {"gdp": "g", "services": "s"}},
               "2022": {"source": {"where": "w"},
                        "levels": {"gdp": gdp[1], "services": gdp[1] * share[1]},
                        "growth": {"gdp": growth[0], "services": growth[1]},
                        "sources": {"gdp": "g", "services": "s"}}}
    base = load(history)
    frame = history_frame(base)
    value = {(r.indicator, r.year): r.value for r in frame.itertuples()}
    for k in ("gdp", "services", "non_services"):
        n, g, p = (value.get((f"{k}_{x}", 2022)) for x in ("nominal_growth", "real_growth",
                                                          "deflator"))
        assert n == pytest.approx(100 * (value[(k, 2022)] / value[(k, 2021)] - 1))
        if g is not None:
            assert 1 + n / 100 == pytest.approx((1 + g / 100) * (1 + p / 100))
    assert value[("services_share", 2022)] + value[("non_services_share", 2022)] == \
        pytest.approx(100.0)
    if ("non_services_real_growth", 2022) in value:      # eq. (3) with the 2021 shares
        w = share[0]
        assert growth[0] == pytest.approx(w * growth[1] + (1 - w)
                                          * value[("non_services_real_growth", 2022)], abs=1e-6)
    for f in history_flags(base):
        assert f.causes and f.level in ("warning", "note")
