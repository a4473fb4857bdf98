"""A rate slider's move, applied by its callback (ui/live.py) for the results' own run, gives
the edits a full run reads from every slider (ui.sidebar.edit_controls)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

import sim
from ui.edits import Edits, untouched
from ui.live import moved
from ui.testing import app_test, view_from_url


def test_a_move_away_from_the_files_value_is_an_edit():
    e = moved(Edits(gdp=2100.0, until=2028), "services_real", "first", 6.0, 5.6)
    assert e == Edits(gdp=2100.0, until=2028, first={"services_real": 6.0})
    e = moved(e, "services_real", "later", 4.25, 5.6)
    assert e.first == {"services_real": 6.0} and e.later == {"services_real": 4.25}


def test_a_move_back_to_the_files_value_removes_the_edit():
    e = Edits(first={"services_real": 6.0, "retail_sales": 8.0}, rd=True)
    e = moved(e, "services_real", "first", 5.6000004, 5.6)          # within 1e-6
    assert e == Edits(first={"retail_sales": 8.0}, rd=True)
    assert moved(e, "retail_sales", "first", 7.2, 7.2).empty is False    # rd stays on
    assert moved(Edits(), "retail_sales", "first", 7.2, 7.2) == Edits()


def test_edits_keep_their_rounding():
    e = moved(Edits(), "non_services_real", "first", 0.1 + 0.2, 0.0)
    assert e.first == {"non_services_real": 0.3}


RATES = ["services_real", "non_services_real", "services_deflator", "retail_sales"]


@settings(max_examples=6, deadline=None)
@given(hs.lists(hs.tuples(hs.sampled_from(RATES), hs.sampled_from(["first", "later"]),
                          hs.integers(-300, 300)), min_size=1, max_size=4))
def test_the_callbacks_edits_are_the_full_runs(moves):
    plan = sim.load_scenario("plan-2024")
    at = app_test().run()
    expected = Edits()
    for rate, part, hundredths in moves:
        value = round(untouched(plan, rate)[part == "later"] + hundredths / 100, 2)
        expected = moved(expected, rate, part, value,
                         untouched(plan, rate)[part == "later"])
        at.slider(key=f"{rate}_{part}").set_value(value).run()
        assert not at.exception
        assert at.session_state["_live_edits"] == expected          # edit_controls' edits


@pytest.mark.parametrize("query", [{}, {"services_real.first": "6.5", "gdp": "2100"}])
def test_a_full_run_keeps_the_edits_it_shows(query):
    at = app_test(query).run()
    view, _ = view_from_url(at)
    assert at.session_state["_live_edits"] == view.edits
