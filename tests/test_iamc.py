"""The IAMC export: the long format and units of IAMC data sets, read back by ``pyam``."""
from __future__ import annotations

import io

import pandas as pd
import pytest

import sim
from sim.cli import main


def test_iamc_export_writes_units_as_iamc_data_sets_do():
    frame = sim.project("plan-2024")
    iamc = sim.to_iamc(frame)
    assert set(iamc["unit"]) == {"billion CNY/yr", "%"}
    gdp = iamc[(iamc["variable"] == "GDP") & (iamc["year"] == 2024)]["value"].item()
    assert gdp == sim.value(frame, "gdp", 2024) / 10            # 10 亿元 = 1 billion CNY
    growth = iamc[(iamc["variable"] == "Growth|GDP|Real") & (iamc["year"] == 2024)]
    assert growth["value"].item() == sim.value(frame, "gdp_real_growth", 2024)


def test_pyam_reads_the_command_lines_iamc_export(capsys):
    import pyam          # in the dev group: the test runs wherever the suite runs
    assert main(["run", "plan-2024", "downside", "--format", "iamc"]) == 0
    csv = capsys.readouterr().out
    df = pyam.IamDataFrame(pd.read_csv(io.StringIO(csv)))
    assert set(df.scenario) == {"plan-2024", "downside"}
    assert set(df.region) == {"Xihu District, Hangzhou"}
    assert set(df.unit) == {"billion CNY/yr", "%"}
    gdp = df.filter(scenario="plan-2024", variable="GDP", year=2024).timeseries()
    assert gdp.iloc[0, 0] == pytest.approx(sim.value(sim.project("plan-2024"), "gdp", 2024) / 10,
                                           rel=1e-12)
    assert len(df.filter(variable="Growth|GDP|Real").data) == 2 * (2030 - 2023 + 1)
