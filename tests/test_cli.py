"""The command line, run as a user runs it."""
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

import sim
from sim.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd)


def test_run_csv_is_the_tidy_frame_to_the_last_digit(root, tmp_path):
    out = run("run", str(root / "scenarios" / "plan-2024.toml"), "--format", "csv", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "scenario,indicator,year,value,unit"
    frame = pd.read_csv(io.StringIO(out.stdout))
    expected = sim.project("plan-2024")
    sim.testing.assert_results_close(frame, expected, rtol=0)
    assert frame["year"].min() == 2023 and frame["year"].max() == 2030


def test_run_table_shows_every_year_and_the_lower_bound_note(capsys):
    assert main(["run", "plan-2024"]) == 0
    text = capsys.readouterr().out
    assert "2024 plan / 2024年计划" in text and "lower bound" in text
    gdp_row = next(line for line in text.splitlines() if line.startswith("gdp "))
    gdp = sim.value(sim.project("plan-2024"), "gdp", 2024)
    assert f"{gdp:,.1f}" in gdp_row and "2,000.0" in gdp_row


def test_run_until_base_json_and_out(tmp_path, capsys):
    target = tmp_path / "out.json"
    assert main(["run", "upside", "momentum", "--until", "2050", "--format", "json",
                 "--out", str(target)]) == 0
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert {r["scenario"] for r in rows} == {"upside", "momentum"}
    assert max(r["year"] for r in rows) == 2050
    assert rows[0].keys() == {"scenario", "indicator", "year", "value", "unit"}


def test_run_iamc_has_the_pyam_columns(capsys):
    assert main(["run", "plan-2024", "--format", "iamc", "--indicators", "gdp,gdp_real_growth"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(frame.columns) == ["model", "scenario", "region", "variable", "unit", "year",
                                   "value"]
    assert set(frame["variable"]) == {"GDP|Nominal", "GDP|Growth|Real"}
    assert frame["model"].iloc[0] == f"sim {sim.__version__}"


def test_compare_shows_differences_from_the_first_and_targets(capsys):
    assert main(["compare", "plan-2024", "downside", "--year", "2024"]) == 0
    text = capsys.readouterr().out
    df = sim.project(["plan-2024", "downside"])
    d = sim.value(df, "gdp", 2024, "downside") - sim.value(df, "gdp", 2024, "plan-2024")
    gdp_row = next(line for line in text.splitlines() if line.startswith("gdp "))
    assert f"{d:+,.2f}" in gdp_row
    assert any(line.split()[:2] == ["plan-2024", "gdp_growth"] and line.split()[-2] == "met"
               for line in text.splitlines())
    assert any(line.split()[:2] == ["downside", "rd_intensity"] and line.split()[-2] == "missed"
               for line in text.splitlines())
    assert "not evaluable: ic_output" in text


def test_compare_csv_has_value_and_difference_columns(capsys):
    assert main(["compare", "plan-2024", "upside", "--format", "csv"]) == 0
    first = capsys.readouterr().out.split("\n\n")[0]
    frame = pd.read_csv(io.StringIO(first))
    row = frame[(frame.indicator == "gdp_real_growth") & (frame.scenario == "upside")].iloc[0]
    df = sim.project(["plan-2024", "upside"])
    assert row["diff"] == pytest.approx(sim.value(df, "gdp_real_growth", 2024, "upside")
                                        - sim.value(df, "gdp_real_growth", 2024, "plan-2024"))


def test_check_and_list(root, capsys):
    assert main(["check", str(root / "scenarios" / "plan-2024.toml"),
                 str(root / "sim" / "data" / "bases" / "xihu-2023.toml")]) == 0
    text = capsys.readouterr().out
    assert "plan-2024.toml: ok" in text and "xihu-2023.toml: ok (base 西湖区 2023)" in text
    assert "-19.2%" in text
    assert main(["list"]) == 0
    text = capsys.readouterr().out
    for name in ("plan-2024", "momentum", "downside", "upside", "xihu-2023"):
        assert name in text


@pytest.mark.parametrize("args, fragment", [
    (["run", "nope.toml"], "nope.toml: scenario file not found"),
    (["run", "plan-2024", "--until", "2000"], "key '--until / end_year'"),
    (["run", "plan-2024", "--until", "20x0"], "not a year"),
    (["run", "plan-2024", "--format", "xml"], "invalid choice"),
    (["run", "plan-2024", "--indicators", "gpd"], "did you mean 'gdp'?"),
    (["run", "plan-2024", "--base", "xihu-2032"], "did you mean 'xihu-2023'?"),
    (["compare", "plan-2024", "--year", "2040"], "key '--year'"),
    (["check", "pyproject.toml"], "unknown key"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line_and_no_traceback(root, args, fragment):
    out = run(*args, cwd=root)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert fragment in lines[0]
    assert "Traceback" not in out.stderr


def test_every_verb_has_help():
    for verb in ("run", "compare", "check", "list"):
        out = run(verb, "--help")
        assert out.returncode == 0 and "usage:" in out.stdout and len(out.stdout) > 100
