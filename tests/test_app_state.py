"""The app's pure parts: edits of a scenario, the URL encoding, uploads and their tokens."""
from __future__ import annotations

import dataclasses
import zlib
import base64

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sim
from sim.limits import Limits
from sim.testing import assert_results_close
from ui.edits import Edits, apply_edits, describe, untouched
from ui.controls import gdp_range, rate_range, until_range
from ui.pages import url_params
from ui.state import ViewState
from ui.url import Notice, UrlParam, from_query, to_query
from ui.uploads import (MAX_TOKEN_CHARS, MAX_UPLOAD_BYTES, decode_token, encode_token,
                        read_upload, unique_name)


@pytest.fixture(scope="module")
def shipped():
    return {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}


# --- edits -----------------------------------------------------------------------------------


def test_no_edit_leaves_the_file_scenario(shipped):
    s = shipped["plan-2024"]
    assert apply_edits(s, Edits()) is s
    assert Edits().empty


def test_first_year_edit_changes_that_year_only(shipped):
    s = shipped["plan-2024"]                                # services_real = 5.6 constant
    edited = apply_edits(s, Edits(first={"services_real": 6.5}))
    np.testing.assert_allclose(edited.rate_path("services_real"), [6.5] + [5.6] * 6)


def test_later_edit_keeps_the_first_year(shipped):
    s = shipped["downside"]                                 # services_real = [4.8, 4.5, 4.3, 4.0]
    edited = apply_edits(s, Edits(later={"services_real": 3.0}))
    np.testing.assert_allclose(edited.rate_path("services_real"), [4.8] + [3.0] * 6)


def test_first_year_edit_keeps_a_file_path(shipped):
    s = shipped["downside"]
    edited = apply_edits(s, Edits(first={"services_real": 5.0}))
    np.testing.assert_allclose(edited.rate_path("services_real"),
                               [5.0, 4.5, 4.3, 4.0, 4.0, 4.0, 4.0])


def test_both_edits_give_a_two_value_path(shipped):
    s = shipped["plan-2024"]
    edited = apply_edits(s, Edits(first={"non_services_real": 1.0},
                                  later={"non_services_real": 2.0}))
    assert edited.rates["non_services_real"] == (1.0, 2.0)


def test_edits_equal_the_sim_api_by_hand(shipped):
    """The edited scenario projects exactly as the same change written with the sim API."""
    s = shipped["plan-2024"]
    edits = Edits(gdp=2100.0, first={"services_real": 6.0}, later={"retail_sales": 8.0})
    by_hand = s.with_levels(gdp=2100.0).with_rates(services_real=[6.0, 5.6],
                                                  retail_sales=[7.0, 8.0])
    assert_results_close(sim.project(apply_edits(s, edits)), sim.project(by_hand))


def test_base_rates_are_resolved_at_the_edited_level(shipped):
    """momentum's non-services "base" rate is what history determines (the 2023 growth at the
    2022 shares), whatever the base-year GDP level; without history it is implied by the level."""
    s = shipped["momentum"]
    from_history = untouched(s, "non_services_real")[0]
    assert from_history == pytest.approx(-6.44, abs=0.005)
    assert untouched(s.with_levels(gdp=2100.0), "non_services_real")[0] == from_history
    bare = sim.load_scenario("momentum", base=dataclasses.replace(s.base, history={}))
    implied_2000 = untouched(bare, "non_services_real")[0]
    implied_2100 = untouched(bare.with_levels(gdp=2100.0), "non_services_real")[0]
    assert implied_2000 == pytest.approx(-19.2, abs=0.05)
    assert implied_2100 > implied_2000
    edited = apply_edits(s, Edits(gdp=2100.0, first={"services_real": 6.0}))
    assert edited.rates["non_services_real"] == "base"        # not edited: stays "base"


def test_switching_retail_to_elasticity(shipped):
    s = shipped["plan-2024"]
    edited = apply_edits(s, Edits(retail="elasticity"))
    assert "retail_sales" not in edited.rates
    assert edited.rates["retail_sales_elasticity"] == 1.0
    frame = sim.project(edited)
    nominal = sim.value(frame, "gdp_nominal_growth", 2024)
    assert sim.value(frame, "retail_sales_growth", 2024) == pytest.approx(nominal)


def test_switching_rd_on_for_a_file_without_it(shipped):
    s = shipped["plan-2024"].with_rates(rd_intensity=None)
    assert "rd_intensity" not in s.rates
    assert apply_edits(s, Edits(rd=True)).rates["rd_intensity"] == 4.4
    assert apply_edits(s, Edits(rd=True, first={"rd_intensity": 4.6})).rates[
        "rd_intensity"] == (4.6, 4.4)


def test_paths_are_cut_to_a_one_year_horizon(shipped):
    s = shipped["plan-2024"].with_end_year(2024)
    edited = apply_edits(s, Edits(first={"services_real": 6.0}, later={"services_real": 7.0}))
    assert edited.rates["services_real"] == 6.0


def test_describe_names_every_change(shipped):
    text = describe(shipped["plan-2024"], Edits(gdp=2050.0, first={"services_real": 6.0}))
    assert text == "plan-2024 with levels.gdp = 2050, rates.services_real = [6, 5.6]"
    assert describe(shipped["plan-2024"], Edits()) == "plan-2024 (as in its file)"


def test_edits_out_of_the_model_range_raise_input_error(shipped):
    with pytest.raises(sim.InputError, match=r"rates\.services_real.*out of range"):
        apply_edits(shipped["plan-2024"], Edits(first={"services_real": 500.0}))


# --- slider ranges ---------------------------------------------------------------------------


def test_gdp_slider_starts_at_the_lower_bound(shipped):
    r = gdp_range(shipped["plan-2024"])
    assert r.lo == 2000.0                     # 突破2000亿元: not below
    assert r.hi == 2600.0


def test_rate_ranges_hold_the_file_values(shipped):
    for s in shipped.values():
        for key in ("services_real", "non_services_real", "rd_intensity"):
            r = rate_range(s, key)
            for x in s.resolved_rates().get(key, ()):
                assert x in r


def test_horizon_reaches_2050(shipped):
    assert until_range(shipped["plan-2024"]) == (2024, 2050)


def test_horizon_reaches_the_apps_limit(shipped):
    assert until_range(shipped["plan-2024"], limits=Limits(max_horizon=40)) == (2024, 2063)
    assert until_range(shipped["plan-2024"], limits=Limits(max_horizon=3)) == (2024, 2030)


# --- URL ------------------------------------------------------------------------------------


def test_default_state_has_an_empty_query():
    assert to_query(ViewState()) == {}


def test_query_round_trip(shipped):
    state = ViewState(lang="zh", edit="downside", baseline="momentum",
                      compare=("upside",), year=2026,
                      edits=Edits(gdp=2123.4, until=2035, retail="elasticity",
                                  first={"services_real": 5.25},
                                  later={"retail_sales_elasticity": 1.35}),
                      tab="compare",
                      extras={"chart": "retail_sales", "table": "pct", "contrib": "baseline"})
    query = to_query(state, tabs=("overview", "compare"))
    assert query["services_real.first"] == "5.25"
    assert query["gdp"] == "2123.4"
    back, uploads, notices = from_query(query, shipped=shipped, tabs=("overview", "compare"),
                                        extras=url_params())
    assert notices == []
    assert uploads == {}
    assert back == state


def test_every_invalid_value_is_ignored_with_a_notice(shipped):
    query = {"lang": "fr", "edit": "nope", "baseline": "momentum", "compare": "upside,ghost",
             "year": "1999", "until": "x", "gdp": "1e9", "retail": "both", "rd": "yes",
             "services_real.first": "abc", "services_real.later": "nan",
             "retail_sales_elasticity.first": "1.2", "tab": "secret", "chart": "pizza",
             "table": "sum", "contrib": "ghost", "colour": "red", "up": "!!!"}
    state, uploads, notices = from_query(query, shipped=shipped, tabs=("overview",),
                                         extras=url_params())
    reasons = {n.param: n.reason for n in notices}
    assert reasons == {
        "lang": "unknown_value", "edit": "unknown_value", "compare": "unknown_value",
        "year": "out_of_range", "until": "not_a_number", "gdp": "out_of_range",
        "retail": "unknown_value", "rd": "unknown_value", "services_real.first": "not_a_number",
        "services_real.later": "out_of_range", "retail_sales_elasticity.first": "not_used",
        "tab": "unknown_value", "chart": "unknown_value", "table": "unknown_value",
        "contrib": "unknown_value", "colour": "unknown_param", "up": "bad_upload"}
    # the valid values are kept
    assert state.baseline == "momentum"
    assert state.compare == ("upside",)
    assert state.edits == Edits()
    assert state.lang == "en" and state.edit == "plan-2024"


def test_notice_shows_the_allowed_range(shipped):
    _, _, notices = from_query({"gdp": "1500"}, shipped=shipped)
    assert notices == [Notice("gdp", "1500", "out_of_range", "2000 … 2600")]


def test_repeated_parameter_takes_the_last_value(shipped):
    state, _, _ = from_query({"year": ["2025", "2027"]}, shipped=shipped)
    assert state.year == 2027


def test_r_and_d_value_in_link_switches_the_assumption_on(shipped):
    toml = shipped["plan-2024"].with_rates(rd_intensity=None).renamed("no-rd").to_toml()
    query = {"up": encode_token(toml), "edit": "no-rd", "rd_intensity.first": "4.7"}
    state, uploads, notices = from_query(query, shipped=shipped)
    assert notices == []
    assert state.edits.rd and state.edits.first == {"rd_intensity": 4.7}


@settings(max_examples=60, deadline=None)
@given(first=st.floats(-30, 30), later=st.floats(-10, 10), gdp=st.floats(2000, 2600),
       year=st.integers(2023, 2030))
def test_any_slider_values_round_trip(shipped, first, later, gdp, year):
    state = ViewState(year=None if year == 2024 else year,
                      edits=Edits(gdp=gdp, first={"non_services_real": first},
                                  later={"services_deflator": later}))
    back, _, notices = from_query(to_query(state), shipped=shipped)
    assert notices == []
    assert back.edits.first["non_services_real"] == pytest.approx(state.edits.first[
        "non_services_real"], abs=1e-6)
    assert back.edits.later == pytest.approx(state.edits.later, abs=1e-6)
    assert back.edits.gdp == pytest.approx(state.edits.gdp, abs=1e-6)
    assert back.year == state.year


def _paths(text: str) -> int:
    n = int(text)
    if n not in (100, 1000, 10000):
        raise ValueError("one of 100, 1000, 10000")
    return n


def test_a_pages_own_parameters_round_trip(shipped):
    extras = [UrlParam("mc_paths", _paths, 1000)]
    state, _, notices = from_query({"mc_paths": "10000"}, shipped=shipped, extras=extras)
    assert notices == [] and state.extras == {"mc_paths": "10000"}
    assert to_query(state) == {"mc_paths": "10000"}
    state, _, notices = from_query({"mc_paths": "1000"}, shipped=shipped, extras=extras)
    assert state.extras == {}                                    # the default: left out
    _, _, notices = from_query({"mc_paths": "7"}, shipped=shipped, extras=extras)
    assert notices == [Notice("mc_paths", "7", "invalid", "one of 100, 1000, 10000")]
    _, _, notices = from_query({"mc_paths": "7"}, shipped=shipped)
    assert notices == [Notice("mc_paths", "7", "unknown_param")]   # no page declares it


# --- uploads --------------------------------------------------------------------------------


def test_upload_token_round_trip(shipped):
    text = shipped["upside"].renamed("mine").to_toml()
    token = encode_token(text)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode_token(token).to_toml() == text


def test_uploaded_scenario_in_link_is_loaded(shipped):
    text = shipped["upside"].with_rates(services_real=7.0).renamed("mine").to_toml()
    state, uploads, notices = from_query({"up": encode_token(text), "compare": "mine"},
                                         shipped=shipped)
    assert notices == [] and list(uploads) == ["mine"]
    assert state.compare == ("mine",)
    assert state.uploads == {"mine": text}


def test_upload_named_like_a_shipped_scenario_is_renamed(shipped):
    text = shipped["upside"].with_rates(services_real=7.0).renamed("plan-2024").to_toml()
    _, uploads, _ = from_query({"up": encode_token(text)}, shipped=shipped)
    assert list(uploads) == ["plan-2024-upload"]
    assert uploads["plan-2024-upload"].rates["services_real"] == 7.0
    assert unique_name("x", {"x": 1, "x-upload": 1}) == "x-upload2"


def test_token_that_expands_too_much_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"#" * (MAX_UPLOAD_BYTES * 4), 9)).decode()
    with pytest.raises(sim.InputError, match="expands beyond the scenario size limit"):
        decode_token(bomb.rstrip("="))


def test_token_too_long_is_refused():
    with pytest.raises(sim.InputError, match=f"up to {MAX_TOKEN_CHARS}"):
        decode_token("A" * (MAX_TOKEN_CHARS + 1))


@pytest.mark.parametrize("token", ["!!!", "AAAA", encode_token("not = [valid")[:-5]])
def test_garbage_token_is_refused(token):
    with pytest.raises(sim.InputError):
        decode_token(token)


def test_token_naming_a_file_as_base_is_refused():
    text = 'name = "x"\nbase = "../sim/data/bases/xihu-2023.toml"\n[rates]\nservices_real = 1\n' \
           'non_services_real = 1\nretail_sales = 1\n'
    with pytest.raises(sim.InputError, match="base '../sim/data/bases/xihu-2023.toml' is not "
                                             "available here"):
        decode_token(encode_token(text))


def test_read_upload_limits_the_size():
    with pytest.raises(sim.InputError, match=r"big\.toml: is 65,537 bytes, too large for a "
                                             r"scenario file \(allowed: up to 65,536 bytes "
                                             r"\(64 KB\)\)"):
        read_upload(b"#" * (MAX_UPLOAD_BYTES + 1), filename="big.toml")


@pytest.mark.parametrize("data, message", [
    (b"", "empty.toml: is empty"),
    (b"\xff\xfe\x00", "empty.toml: is not a UTF-8 text file"),
    (b"name = [", "empty.toml: is not valid TOML"),
    (b'name = "x"\n[rates]\nservices_real = 500\nnon_services_real = 1\nretail_sales = 1\n',
     "empty.toml: key 'rates.services_real': is 500, out of range"),
])
def test_read_upload_messages_name_the_file(data, message):
    with pytest.raises(sim.InputError) as info:
        read_upload(data, filename="empty.toml")
    assert str(info.value).startswith(message)
