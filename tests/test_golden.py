"""Golden outputs: each shipped scenario projects to its reviewed CSV (tests/golden)."""
import io

import pandas as pd
import pytest

import sim

GOLDEN = sorted(sim.shipped_scenarios())


@pytest.mark.parametrize("name", GOLDEN)
def test_shipped_scenario_matches_its_golden_output(root, name):
    golden = pd.read_csv(root / "tests" / "golden" / f"{name}.csv")
    sim.testing.assert_results_close(sim.project(name), golden, rtol=1e-12, atol=1e-10)


def test_golden_outputs_spot_check_by_hand(root):
    golden = pd.read_csv(root / "tests" / "golden" / "plan-2024.csv")
    gdp_2024 = 1939.3 * 1.056 + 60.7 * 1.0231
    assert sim.value(golden, "gdp", 2024) == pytest.approx(gdp_2024, rel=1e-12)
    assert sim.value(golden, "services", 2030) == pytest.approx(1939.3 * 1.056 ** 7, rel=1e-12)


def test_csv_output_is_byte_identical_across_runs():
    first = sim.project(GOLDEN).to_csv(index=False)
    second = sim.project(GOLDEN).to_csv(index=False)
    assert first == second
    assert pd.read_csv(io.StringIO(first)).shape[1] == 5
