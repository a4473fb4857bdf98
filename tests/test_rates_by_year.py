"""Rates keyed by year: paths from start_year, tables by year, and the explicit fill a scenario
needs on a base whose years its rates do not cover (never a silent shift)."""
import io
import re

import numpy as np
import pandas as pd
import pytest

import sim
from sim import analysis as A
from sim.cli import main
from sim.errors import InputError
from sim.scenario import parse_scenario, scenario_from_dict

RATES = {"services_real": 5.0, "non_services_real": 2.0, "retail_sales": 6.0}
B23 = sim.load_base("xihu-2023")
TABLE_YEARS = "years 2024 … 2030 (start_year … end_year), each once"


def base_for(year: int):
    """The built-in two-sector base's figures without their history, dated ``year`` (named
    ``b<year>``)."""
    doc = {**B23.to_dict(), "year": year}
    doc.pop("history")
    return sim.base_from_dict(doc, name=f"b{year}")


def make(base=B23, source="s.toml", **doc):
    rates = {**RATES, **doc.pop("rates", {})}
    return scenario_from_dict({"name": "t", "rates": rates, **doc}, base=base, source=source)


def refused(match: str, **kw):
    with pytest.raises(InputError, match=re.escape(match)):
        make(**kw)


# -- paths from start_year ----------------------------------------------------------------------
def test_a_list_is_a_path_from_start_year_its_last_value_continuing():
    s = make(start_year=2024, rates={"services_real": [6.0, 5.5]})
    assert s.first_year == 2024
    np.testing.assert_array_equal(s.rate_path("services_real"), [6.0, 5.5, 5.5, 5.5, 5.5, 5.5,
                                                                 5.5])
    df = sim.project(s)
    assert sim.value(df, "services_real_growth", 2024) == pytest.approx(6.0)
    assert sim.value(df, "services_real_growth", 2025) == pytest.approx(5.5)
    # start_year left out: the year after the base, the same scenario's projection
    same = make(rates={"services_real": [6.0, 5.5]})
    assert same.first_year == 2024 and same.start_year is None
    sim.testing.assert_results_close(sim.project(same), df, rtol=0)


def test_a_table_by_year_holds_each_value_until_the_next_given_year():
    s = make(start_year=2024, rates={"services_real": {"2024": 5.6, "2026": 5.0, "2029": 4.0}})
    # 2024 2025 | 2026 2027 2028 | 2029 2030
    np.testing.assert_array_equal(s.rate_path("services_real"),
                                  [5.6, 5.6, 5.0, 5.0, 5.0, 4.0, 4.0])
    assert dict(s.rates["services_real"]) == {2024: 5.6, 2026: 5.0, 2029: 4.0}
    # shown as the Python it reads back from (the app's "Reproduce in Python" script prints it)
    assert repr(s.rates["services_real"]) == "{2024: 5.6, 2026: 5.0, 2029: 4.0}"
    assert s.with_rates(services_real=eval(repr(s.rates["services_real"]))) == s
    # years as numbers (Python) or as text (TOML keys) are the same table
    assert make(start_year=2024, rates={"services_real": {2029: 4.0, 2024: 5.6, 2026: 5.0}}) == s
    df = sim.project(s)
    assert [sim.value(df, "services_real_growth", y) for y in (2025, 2026, 2030)] == \
        pytest.approx([5.6, 5.0, 4.0])


def test_a_table_read_from_toml_text_is_the_same_as_a_list():
    text = ('name = "t"\nstart_year = 2024\n[rates]\nservices_real = {2024 = 6.0, 2025 = 5.5}\n'
            'non_services_real = 2.0\nretail_sales = 6.0\n')
    s = parse_scenario(text, source="t.toml")
    listed = make(start_year=2024, rates={"services_real": [6.0, 5.5]})
    np.testing.assert_array_equal(s.rate_path("services_real"), listed.rate_path("services_real"))


def test_with_end_year_cuts_paths_and_tables_to_the_horizon():
    s = make(start_year=2024, rates={"services_real": {"2024": 5.6, "2028": 5.0},
                                     "retail_sales": [6.0, 6.5, 7.0, 7.5, 8.0]})
    short = s.with_end_year(2026)
    assert dict(short.rates["services_real"]) == {2024: 5.6}
    assert short.rates["retail_sales"] == (6.0, 6.5, 7.0)
    np.testing.assert_array_equal(short.rate_path("retail_sales"), [6.0, 6.5, 7.0])


# -- the fill ------------------------------------------------------------------------------------
def test_fill_first_gives_the_uncovered_year_the_first_year_rates_and_says_so():
    s = make(base=base_for(2022), start_year=2024, fill="first",
             rates={"services_real": [6.0, 5.5], "retail_sales": {"2024": 7.0, "2026": 6.0}})
    # projected years 2023 … 2030: 2023 takes 2024's rates
    np.testing.assert_array_equal(s.rate_path("services_real"),
                                  [6.0, 6.0, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5])
    np.testing.assert_array_equal(s.rate_path("retail_sales"),
                                  [7.0, 7.0, 7.0, 6.0, 6.0, 6.0, 6.0, 6.0])
    assert s.assumptions()[0] == ("2023: the 2024 rates (fill = first; the rates start in 2024, "
                                  "the base b2022 is for 2022)")
    df = sim.project(s)
    assert sim.value(df, "services_real_growth", 2023) == pytest.approx(6.0)
    assert sim.value(df, "retail_sales_growth", 2023) == pytest.approx(7.0)
    two = make(base=base_for(2021), start_year=2024, fill="first")
    assert two.fill_note().startswith("2022–2023: the 2024 rates (fill = first")


def test_a_filled_scenario_projects_as_the_same_rates_written_from_the_year_after_the_base():
    b22 = base_for(2022)
    unc = {"persistence": 0.5, "services_real": {"sd": 1.0}, "retail_sales": {"sd": 2.0}}
    filled = make(base=b22, start_year=2024, fill="first", uncertainty=unc,
                  rates={"services_real": [6.0, 5.5]})
    explicit = make(base=b22, start_year=2023, uncertainty=unc,
                    rates={"services_real": [6.0, 6.0, 5.5]})
    sim.testing.assert_results_close(sim.project(filled), sim.project(explicit), rtol=0)
    a = A.simulate(filled, n_paths=2000, rng=7)
    b = A.simulate(explicit, n_paths=2000, rng=7)
    np.testing.assert_array_equal(a.quantiles("gdp_real_growth"),
                                  b.quantiles("gdp_real_growth"))


def test_fill_drop_leaves_out_the_rates_for_years_the_base_has():
    s = make(base=base_for(2024), start_year=2024, fill="drop",
             rates={"services_real": [6.0, 5.5, 5.0], "retail_sales": {"2024": 7.0, "2027": 4.0}})
    # projected years 2025 … 2030
    np.testing.assert_array_equal(s.rate_path("services_real"), [5.5, 5.0, 5.0, 5.0, 5.0, 5.0])
    np.testing.assert_array_equal(s.rate_path("retail_sales"), [7.0, 7.0, 4.0, 4.0, 4.0, 4.0])
    assert s.assumptions()[0] == ("2024: the rates for these years dropped (fill = drop; the base "
                                  "b2024 already has 2024), the projection uses those from 2025")
    assert sim.value(sim.project(s), "services_real_growth", 2025) == pytest.approx(5.5)
    # a path shorter than the dropped years: its last value holds
    late = make(base=base_for(2027), start_year=2024, fill="drop",
                rates={"services_real": [6.0, 5.5, 5.0]})
    np.testing.assert_array_equal(late.rate_path("services_real"), [5.0, 5.0, 5.0])
    assert late.fill_note().startswith("2024–2027: the rates for these years dropped")


def test_a_fill_with_nothing_to_fill_does_nothing_and_is_not_stated():
    s = make(start_year=2024, fill="first")
    assert s.fill_note() == "" and not any("fill" in a for a in s.assumptions())
    sim.testing.assert_results_close(sim.project(s), sim.project(make(start_year=2024)), rtol=0)


# -- the analyses take the rate in a year from the scenario --------------------------------------
def test_a_rate_in_start_year_moves_the_years_filled_from_it_in_every_analysis():
    s = make(base=base_for(2022), start_year=2024, fill="first",
             rates={"services_real": [6.0, 5.5]})
    np.testing.assert_array_equal(s.rate_columns("services_real", 2024), [0, 1])  # 2023, 2024
    np.testing.assert_array_equal(s.rate_columns("services_real", 2026), [3])
    inp = A.parse_input(s, "services_real[2024]")
    moved = inp.apply(s, 7.0)
    assert moved.rates["services_real"][:2] == (7.0, 5.5)
    np.testing.assert_array_equal(moved.rate_path("services_real")[:3], [7.0, 7.0, 5.5])
    sol = A.solve(s, indicator="services_real_growth", year=2023, target=6.5,
                  vary="services_real", vary_year=2024)
    assert sol.value == pytest.approx(6.5)
    assert sim.value(sim.project(sol.scenario), "services_real_growth", 2024) == \
        pytest.approx(6.5)
    t = A.tornado(s, indicator="gdp", year=2024, inputs=["services_real[2024]"],
                  steps={"services_real[2024]": 1.0})
    high = sim.value(sim.project(inp.apply(s, 7.0)), "gdp", 2024)
    assert t.frame["high"].iloc[0] == pytest.approx(high, rel=1e-12)


def test_a_year_filled_from_start_year_varied_alone_becomes_the_rate_own():
    s = make(base=base_for(2022), start_year=2024, fill="first")
    moved = A.parse_input(s, "services_real", year=2023).apply(s, 7.0)
    assert dict(moved.rates["services_real"]) == {2023: 7.0, 2024: 5.0}
    np.testing.assert_array_equal(moved.rate_path("services_real")[:3], [7.0, 5.0, 5.0])
    assert moved.fill_note().endswith("; services_real gives these years itself")
    sol = A.solve(s, indicator="services_real_growth", year=2023, target=6.5,
                  vary="services_real", vary_year=2023)
    assert sim.value(sim.project(sol.scenario), "services_real_growth", 2024) == \
        pytest.approx(5.0)


def test_paths_over_the_projected_years_are_written_back_from_start_year():
    dropped = make(base=base_for(2024), start_year=2024, fill="drop",
                   rates={"services_real": [6.0, 5.5]})
    edited = dropped.with_paths(services_real=[4.0, 3.0])
    assert edited.rates["services_real"] == (6.0, 4.0, 3.0)            # 2024 kept, dropped
    np.testing.assert_array_equal(edited.rate_path("services_real")[:3], [4.0, 3.0, 3.0])
    filled = make(base=base_for(2022), start_year=2024, fill="first")
    assert filled.with_paths(services_real=[4.0, 4.0, 3.0]).rates["services_real"] == (4.0, 3.0)
    # a value of its own for the filled year 2023: a table from 2023, stated
    own = filled.with_paths(services_real=[4.0, 3.0])
    assert dict(own.rates["services_real"]) == {2023: 4.0, 2024: 3.0}
    np.testing.assert_array_equal(own.rate_path("services_real")[:3], [4.0, 3.0, 3.0])
    assert own.fill_note().endswith("is for 2022); services_real gives these years itself")
    np.testing.assert_array_equal(own.rate_columns("services_real", 2024), [1])
    np.testing.assert_array_equal(own.rate_columns("retail_sales", 2024), [0, 1])
    assert parse_scenario(own.to_toml(), source=own.source,
                          extra_bases={"b2022": own.base}) == own


def test_a_table_from_the_year_after_the_base_gives_the_filled_years_itself():
    s = make(base=base_for(2022), start_year=2024, fill="first",
             rates={"services_real": {"2023": 4.0, "2024": 6.0}})
    np.testing.assert_array_equal(s.rate_path("services_real")[:3], [4.0, 6.0, 6.0])
    # without a fill, or on the base it was written for, 2023 is not a year of the scenario
    refused("s.toml: key 'rates.services_real': gives the year 2023, outside the years of the "
            "scenario (allowed: years 2024 … 2030 (start_year … end_year), each once)",
            start_year=2024, rates={"services_real": {"2023": 4.0, "2024": 6.0}})


# -- round trip ----------------------------------------------------------------------------------
def test_start_year_tables_and_fill_survive_the_toml_round_trip():
    b22 = base_for(2022)
    s = make(base=b22, start_year=2024, fill="first",
             rates={"services_real": {"2024": 5.6, "2026": 5.0}, "retail_sales": [7.0, 6.5]})
    text = s.to_toml()
    assert "start_year = 2024" in text and 'fill = "first"' in text
    assert "[rates.services_real]\n2024 = 5.6\n2026 = 5.0\n" in text
    back = parse_scenario(text, source=s.source, extra_bases={"b2022": b22})
    assert back == s
    assert back.fill_note() == s.fill_note()
    # a scenario without start_year writes none, and still follows its base
    plain = make()
    assert "start_year" not in plain.to_toml()
    assert parse_scenario(plain.to_toml(), source=plain.source) == plain


# -- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("table,message", [
    ({"2024": 5.6, "next": 5.0}, "has the key 'next', which is not a year"),
    ({"2024": 5.6, "02024": 5.5}, "gives the year 2024 twice (as '2024' and '02024')"),
    ({"2024": 5.6, "2031": 5.0}, "gives the year 2031, outside the years of the scenario"),
    ({"2023": 5.0, "2024": 5.6}, "gives the year 2023, outside the years of the scenario"),
    ({"2024.5": 5.6}, "has the key '2024.5', which is not a year"),
    ({}, "is an empty table"),
])
def test_a_table_with_a_key_that_is_not_a_year_of_the_scenario_is_refused(table, message):
    allowed = ("values by year, for " if not table else "") + TABLE_YEARS
    refused(f"s.toml: key 'rates.services_real': {message} (allowed: {allowed})",
            start_year=2024, rates={"services_real": table})


def test_a_table_must_give_the_first_year():
    refused("s.toml: key 'rates.services_real': starts in 2025, so its first year 2024 "
            "(start_year) has no value (allowed: a table whose first year is 2024)",
            start_year=2024, rates={"services_real": {"2025": 5.6, "2027": 5.0}})
    refused("s.toml: key 'rates.services_real': starts in 2025, so its first year 2026 "
            "(start_year) has no value (allowed: a table whose first year is 2026, or 2024, "
            "giving the years filled from 2026 itself)", base=base_for(2023), start_year=2026,
            fill="first", rates={"services_real": {"2025": 5.6, "2027": 5.0}})


@pytest.mark.parametrize("value,shown", [(500, "is 500, out of range"),
                                         (float("nan"), "must be a finite number, got nan"),
                                         ("6", "must be a number, got text '6'")])
def test_a_table_value_out_of_the_rate_range_is_refused(value, shown):
    refused(f"s.toml: key 'rates.services_real.2025': {shown} (allowed: [-50, 100] % per year)",
            start_year=2024, rates={"services_real": {"2024": 5.6, "2025": value}})


def test_a_list_longer_than_the_years_from_start_year_is_refused():
    refused("s.toml: key 'rates.services_real': path has 6 values but the horizon 2026–2030 has "
            "5 years (allowed: 1 … 5 values (or raise end_year))", base=base_for(2025),
            start_year=2026, rates={"services_real": [5.0] * 6})


def test_rates_that_start_after_the_year_after_the_base_need_fill_first():
    refused("s.toml: key 'start_year': the rates start in 2024 but the base b2022 is for 2022, "
            "so 2023 is not covered (allowed: fill = \"first\" (command line: --fill first) to "
            "give 2023 the 2024 rates, or rates from start_year = 2023)",
            base=base_for(2022), start_year=2024)
    refused("key 'start_year': the rates start in 2024 but the base b2021 is for 2021, so "
            "2022–2023 are not covered", base=base_for(2021), start_year=2024)
    # a fill that does the other thing is no way out
    refused("key 'start_year': the rates start in 2024 but the base b2022 is for 2022",
            base=base_for(2022), start_year=2024, fill="drop")


def test_rates_for_years_the_base_has_need_fill_drop():
    refused("s.toml: key 'start_year': the rates start in 2024 but the base b2024 is for 2024: "
            "the base already has 2024 (allowed: fill = \"drop\" (command line: --fill drop) to "
            "drop the rates for 2024 and project with those from 2025, or a base for 2023)",
            base=base_for(2024), start_year=2024)
    refused("key 'start_year': the rates start in 2022 but the base xihu-2023 is for 2023: the "
            "base already has 2022–2023", start_year=2022, fill="first")


@pytest.mark.parametrize("doc,match", [
    ({"start_year": "2024"}, "s.toml: key 'start_year': must be a whole number, got text "
                             "'2024' (allowed: [1900, 2200])"),
    ({"start_year": 2031}, "s.toml: key 'start_year': is 2031, after end_year 2030 (allowed: "
                           "a year up to end_year 2030)"),
    ({"start_year": 2024, "fill": "last"},
     "s.toml: key 'fill': is 'last' (allowed: \"first\": the years between the base year and "
     "start_year take start_year's rates; \"drop\": the rates for years the base already has "
     "are dropped)"),
])
def test_a_bad_start_year_or_fill_is_refused(doc, match):
    refused(match, **doc)


def test_a_shipped_scenario_on_an_earlier_base_names_the_uncovered_year(tmp_path):
    with pytest.raises(InputError, match=re.escape(
            "plan-2024: key 'start_year': the rates start in 2024 but the base b2022 is for "
            "2022, so 2023 is not covered")):
        sim.load_scenario("plan-2024", base=base_for(2022))
    s = sim.load_scenario("plan-2024", base=base_for(2022), fill="first")
    assert s.fill == "first" and s.rate_path("rd_intensity")[:3].tolist() == [4.45, 4.45, 4.5]


# -- the command line ----------------------------------------------------------------------------
BASE_2022 = ('region = "Testland"\nregion_en = "Testland"\nyear = 2022\n[levels]\ngdp = 100.0\n'
             'services = 60.0\nretail_sales = 40.0\n')


def test_run_on_an_earlier_base_is_an_error_until_fill_first_and_then_states_it(tmp_path,
                                                                                  capsys):
    base = tmp_path / "b2022.toml"
    base.write_text(BASE_2022, encoding="utf-8")
    assert main(["run", "plan-2024", "--base", str(base)]) == 2
    err = capsys.readouterr().err
    assert "key 'start_year'" in err and "2023 is not covered" in err and "--fill first" in err
    assert main(["run", "plan-2024", "--base", str(base), "--fill", "first"]) == 0
    out = capsys.readouterr().out
    assert "assumption: 2023: the 2024 rates (fill = first; the rates start in 2024, the base " \
           "b2022 is for 2022)" in out
    assert main(["run", "plan-2024", "--base", str(base), "--fill", "first", "--format",
                 "csv"]) == 0
    got = capsys.readouterr()
    assert "note: plan-2024: 2023: the 2024 rates (fill = first" in got.err
    frame = pd.read_csv(io.StringIO(got.out))
    # services 60 and non-services 40 at 5.6% and 2.31% in 2023, as in 2024
    assert sim.value(frame, "gdp_real_growth", 2023) == pytest.approx(0.6 * 5.6 + 0.4 * 2.31)
    assert sim.value(frame, "rd_intensity", 2023) == pytest.approx(4.45)
    assert sim.value(frame, "rd_intensity", 2025) == pytest.approx(4.5)


def test_fill_on_the_command_line_overrides_the_file(tmp_path, capsys):
    base = tmp_path / "b2022.toml"
    base.write_text(BASE_2022, encoding="utf-8")
    f = tmp_path / "mine.toml"
    f.write_text('start_year = 2024\nfill = "drop"\n[rates]\nservices_real = 5\n'
                 'non_services_real = 1\nretail_sales = 5\n', encoding="utf-8")
    assert main(["run", str(f), "--base", str(base)]) == 2
    assert "key 'start_year'" in capsys.readouterr().err
    assert main(["run", str(f), "--base", str(base), "--fill", "first"]) == 0
    assert "(fill = first" in capsys.readouterr().out
    assert sim.load_scenario(f, base=str(base), fill="first").fill == "first"


# -- the app -------------------------------------------------------------------------------------
APP_BASE = (b'region = "Other District"\nyear = 2023\n[levels]\ngdp = 812.5\nservices = 540.0\n'
            b'retail_sales = 300.0\n[growth]\ngdp = 4.0\n[sources]\ngdp = "A made-up figure for '
            b'tests."\n')
APP_SCENARIO = (b'name = "later-plan"\nbase = "other-district"\nstart_year = 2025\n'
                b'fill = "first"\nend_year = 2028\n[rates]\nservices_real = [6.0, 5.0]\n'
                b'non_services_real = 3.0\nretail_sales = 5.0\n')


def _app_upload(*files, query=None):
    from ui.testing import app_test

    at = app_test(query or {})
    at.run()
    at.file_uploader(key="upload").set_value([(n, d, "application/toml") for n, d in files])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_app_states_an_uploaded_scenario_fill_on_its_sources_page():
    from ui.testing import page_texts, unescape

    at = _app_upload(("Other District.toml", APP_BASE), ("plan.toml", APP_SCENARIO),
                     query={"tab": "sources"})
    assert not at.error, [e.value for e in at.error]
    at.selectbox(key="edit").set_value("later-plan")
    at.run()
    texts = unescape(" ".join(page_texts(at)))
    assert "2024: the 2025 rates (fill = first; the rates start in 2025, the base " \
           "other-district is for 2023)" in texts


def test_the_app_refuses_an_uploaded_scenario_whose_rates_leave_a_year_uncovered():
    from ui.testing import unescape

    at = _app_upload(("Other District.toml", APP_BASE),
                     ("plan.toml", APP_SCENARIO.replace(b'fill = "first"\n', b"")))
    errors = [unescape(e.value) for e in at.error]
    assert any(e.startswith("plan.toml: key 'start_year': the rates start in 2025 but the base "
                            "other-district is for 2023, so 2024 is not covered") for e in errors
               ), errors
    assert "later-plan" not in at.selectbox(key="edit").options


def test_every_command_that_takes_fill_states_it(tmp_path, capsys):
    base = tmp_path / "b2022.toml"
    base.write_text(BASE_2022, encoding="utf-8")
    assert main(["compare", "plan-2024", "upside", "--base", str(base), "--fill", "first",
                 "--year", "2024"]) == 0
    err = capsys.readouterr().err
    for name in ("plan-2024", "upside"):
        assert f"note: {name}: 2023: the 2024 rates (fill = first" in err
    assert main(["solve", "plan-2024", "--base", str(base), "--fill", "first", "--vary",
                 "services_real", "--indicator", "gdp_real_growth", "--year", "2023",
                 "--target", "5.5"]) == 0
    assert "note: plan-2024: 2023: the 2024 rates (fill = first" in capsys.readouterr().err
