"""Every page in both languages, and the numbers each shows against ``sim``."""
from __future__ import annotations

import contextlib
import io

import pytest

import sim
from sim.indicators import INDICATORS
from sim.results import sector_measures
from sim.testing import assert_results_close
from ui.pages import PAGES
from ui.testing import app_test, metrics, page_texts, vega_charts


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", [p.id for p in PAGES])
def test_every_page_renders_in_both_languages(page, lang):
    at = run(app_test({"tab": page, "lang": lang, "edit": "momentum",
                       "services_real.first": "6.4"}))
    texts = " ".join(page_texts(at))
    assert "Traceback" not in texts
    labels = at.segmented_control(key="tab").options
    assert labels == [p.title[lang] for p in PAGES]


def test_comparison_page_numbers_equal_sim():
    at = run(app_test({"tab": "compare", "compare": "momentum,upside", "year": "2027"}))
    table = at.dataframe[0].value.set_index("Indicator")
    frame = sim.project(["plan-2024", "momentum", "upside"])
    for ind_id, ind in INDICATORS.items():
        for title, name in (("2024 plan", "plan-2024"), ("Momentum", "momentum"),
                            ("Upside", "upside")):
            try:
                x = sim.value(frame, ind_id, 2027, scenario=name)
            except KeyError:
                continue
            assert table.loc[ind.label("en"), title] == pytest.approx(x, abs=1e-9), ind_id


def test_comparison_page_percent_differences():
    at = app_test({"tab": "compare", "compare": "downside", "table": "pct"})
    run(at)
    table = at.dataframe[0].value.set_index("Indicator")
    frame = sim.project(["plan-2024", "downside"])
    d, p = (sim.value(frame, "retail_sales", 2024, s) for s in ("downside", "plan-2024"))
    assert table.loc["Retail sales of consumer goods", "Downside"] == pytest.approx(
        100 * (d / p - 1))


def test_targets_by_scenario_equal_check_targets():
    at = run(app_test({"tab": "compare", "compare": "momentum,downside,upside"}))
    targets = at.dataframe[1].value.set_index("Scenario")
    checks = sim.check_targets(sim.project(["plan-2024", "momentum", "downside", "upside"]))
    words = {"met": "met ✓", "missed": "missed"}
    col = "GDP growth 5.5% (real) (≥ 5.5%)"
    for title, name in (("Momentum", "momentum"), ("Downside", "downside"),
                        ("Upside", "upside"), ("2024 plan", "plan-2024")):
        row = checks[(checks["scenario"] == name) & (checks["target"] == "gdp_growth")].iloc[0]
        assert targets.loc[title, col] == f"{row['value']:.2f}% · {words[row['status']]}"


def test_contributions_page_equals_sim():
    at = run(app_test({"tab": "contributions", "edit": "upside", "gdp": "2200"}))
    table = at.dataframe[0].value
    frame = sim.project(sim.load_scenario("upside").with_levels(gdp=2200.0))
    for _, row in table.iterrows():
        year = int(row["Year"])
        assert row["Services, pp"] == pytest.approx(sim.value(frame, "services_contribution",
                                                              year))
        assert row["GDP growth (real), %"] == pytest.approx(sim.value(frame, "gdp_real_growth",
                                                                      year))
    # the charts draw the same numbers: 拉动, 贡献率 and the structure of GDP beside the
    # baseline's
    (_, contrib), (_, rates), (_, structure) = vega_charts(at)
    for _, row in contrib["bars"].iterrows():
        assert row["value"] == sim.value(frame, row["indicator"], row["year"])
    assert len(contrib["bars"]) == 2 * len(table)
    measures = {"upside-edited": sector_measures(frame, frame["scenario"].iloc[0]),
                "plan-2024": sector_measures(sim.project("plan-2024"), "plan-2024")}
    measures = {k: m.set_index(["indicator", "year"])["value"] for k, m in measures.items()}
    assert set(rates["bars"]["indicator"]) == {"services_contribution_rate",
                                               "non_services_contribution_rate"}
    assert set(structure["shares"]["scenario"]) == set(measures)
    for bars in (rates["bars"], structure["shares"]):
        for _, row in bars.iterrows():
            assert row["value"] == measures[row["scenario"]][row["indicator"], row["year"]]


def test_export_page_table_equals_sim_wide():
    at = run(app_test({"tab": "export", "compare": "momentum"}))
    table = at.dataframe[0].value
    rows = table[table["Scenario"] == "Momentum"].set_index("Indicator")
    wide = sim.wide(sim.project("momentum")).reset_index().set_index("label")
    assert rows.loc["GDP", "2030"] == pytest.approx(wide.loc["GDP", 2030])
    keys = {b.key for b in at.download_button}
    assert {"export_dl_csv", "export_dl_excel", "export_dl_iamc", "export_dl_toml",
            "export_dl_png_projection", "export_dl_png_contrib"} <= keys


def test_reproduce_page_code_gives_the_numbers_shown():
    at = run(app_test({"tab": "reproduce", "edit": "downside", "baseline": "momentum",
                       "compare": "upside", "gdp": "2075.5", "services_real.later": "3.5",
                       "retail": "elasticity", "until": "2033", "year": "2031"}))
    code = at.code[0].value
    ns: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<reproduce>", "exec"), ns)
    # the same numbers as the app's headline (read from the overview of the same link)
    overview = run(app_test({k: v for k, v in at.query_params.items() if k != "tab"}))
    gdp_shown = [m for m in metrics(overview) if m.label == "GDP"][0].value
    edited = "downside-edited"
    assert gdp_shown == f"{sim.value(ns['df'], 'gdp', 2031, scenario=edited):,.1f} 亿元"
    expected = sim.load_scenario("downside").with_levels(gdp=2075.5).with_rates(
        services_real=[4.8, 3.5], retail_sales_elasticity=1.0).renamed(edited)
    assert_results_close(ns["df"][ns["df"]["scenario"] == edited],
                         sim.project(expected, until=2033))
    assert "downside-edited" in out.getvalue()


def test_sources_page_quotes_the_article():
    at = run(app_test({"tab": "sources"}))
    base = sim.load_base("xihu-2023")
    table = at.dataframe[0].value
    assert list(table["Source sentence"]) == list(base.sources.values())
    assert list(table["Level"]) == [2000.0, 1939.3, 906.3]
    quotes = at.dataframe[1].value
    assert "实现地区生产总值增长5.5%" in list(quotes["Source sentence"])
    texts = " ".join(page_texts(at))
    assert "implies non-services" in texts


def test_model_page_states_the_conventions():
    at = run(app_test({"tab": "model", "lang": "zh"}))
    texts = " ".join(page_texts(at))
    assert "可比价" in texts and "亿元 = 10⁸元" in texts
    assert len(at.get("latex")) == 4
