"""sim.compare: scenarios side by side in one year, the table behind ``python -m sim compare``."""
import io

import numpy as np
import pandas as pd
import pytest

import sim
from sim.cli import main
from sim.results import COMPARE_INDICATORS

NAMES = ["plan-2024", "momentum", "upside"]


@pytest.fixture(scope="module")
def frame():
    return sim.project(NAMES)


def test_differences_are_from_the_first_scenario_by_hand(frame):
    table = sim.compare(frame, 2024)
    row = table[(table["indicator"] == "gdp") & (table["scenario"] == "upside")].iloc[0]
    plan, upside = (sim.value(frame, "gdp", 2024, n) for n in ("plan-2024", "upside"))
    assert row["value"] == upside
    assert row["diff"] == pytest.approx(upside - plan, rel=1e-12)
    assert row["diff_pct"] == pytest.approx(100.0 * (upside - plan) / plan, rel=1e-12)
    rate = table[(table["indicator"] == "gdp_real_growth") & (table["scenario"] == "momentum")]
    assert rate["diff"].iloc[0] == pytest.approx(
        sim.value(frame, "gdp_real_growth", 2024, "momentum")
        - sim.value(frame, "gdp_real_growth", 2024, "plan-2024"), rel=1e-12)
    assert np.isnan(rate["diff_pct"].iloc[0])                  # pp for rates, no relative change
    ref = table[table["scenario"] == "plan-2024"]
    assert (ref["diff"] == 0).all()


def test_rows_follow_the_indicator_order_and_a_named_reference(frame):
    table = sim.compare(frame, 2026, ref="momentum")
    assert list(table.columns) == ["indicator", "unit", "scenario", "value", "diff", "diff_pct"]
    shown = list(dict.fromkeys(table["indicator"]))
    assert shown == [k for k in COMPARE_INDICATORS if k in shown]
    assert (table[table["scenario"] == "momentum"]["diff"] == 0).all()
    assert set(table["scenario"]) == set(NAMES)


def test_indicators_choose_the_rows_and_their_order(frame):
    table = sim.compare(frame, 2025, indicators=["retail_sales", "gdp", "no_such_indicator"])
    assert list(table["indicator"]) == ["retail_sales"] * 3 + ["gdp"] * 3
    full = sim.compare(frame, 2025)
    pd.testing.assert_frame_equal(
        table[table["indicator"] == "gdp"].reset_index(drop=True),
        full[full["indicator"] == "gdp"].reset_index(drop=True))


def test_equals_the_command_line_comparison(frame, capsys):
    assert main(["compare", *NAMES, "--year", "2026", "--ref", "momentum",
                 "--format", "csv"]) == 0
    first_block = capsys.readouterr().out.split("\n\n")[0]
    printed = pd.read_csv(io.StringIO(first_block))
    expected = sim.compare(frame, 2026, ref="momentum")
    pd.testing.assert_frame_equal(printed, expected, check_exact=False, rtol=1e-12)

