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
    assert set(frame["variable"]) == {"GDP", "Growth|GDP|Real"}
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
    assert "not evaluable for plan-2024, downside: ic_output" in text


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
    (["run", "plan2024"], "did you mean 'plan-2024'?"),
    (["run", "sim/data/bases/xihu-2023.toml"], "is a base file, not a scenario"),
    (["run", "plan-2024", "--base", "nope"], "key '--base'"),
    (["compare", "plan-2024", "upside", "--ref", "upsid"], "did you mean 'upside'?"),
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


BASE_2025 = ('region = "Testland"\nregion_en = "Testland"\nyear = 2025\n[levels]\ngdp = 100.0\n'
             'services = 60.0\nretail_sales = 40.0\n[growth]\ngdp = 4.0\nservices = 5.0\n'
             'retail_sales = 6.0\n')


def test_shipped_scenarios_run_on_a_later_base_once_told_to_drop_the_years_it_has(tmp_path,
                                                                                  capsys):
    base = tmp_path / "b2025.toml"
    base.write_text(BASE_2025, encoding="utf-8")
    assert main(["run", "plan-2024", "momentum", "--base", str(base), "--format", "csv"]) == 2
    assert "key 'start_year'" in capsys.readouterr().err
    assert main(["run", "plan-2024", "momentum", "--base", str(base), "--format", "csv",
                 "--fill", "drop"]) == 0
    out = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(out.out))
    assert frame["year"].min() == 2025 and frame["year"].max() == 2030
    assert "note: plan-2024: 2024–2025: the rates for these years dropped" in out.err
    later = tmp_path / "b2030.toml"
    later.write_text(BASE_2025.replace("year = 2025", "year = 2030"), encoding="utf-8")
    assert main(["run", "upside", "--base", str(later), "--format", "csv", "--fill", "drop"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (frame["year"].min(), frame["year"].max()) == (2030, 2037)
    # upside's services path 6.5, 6.3, 6.0 is for 2024–2026: from 2031 its last value holds
    assert sim.value(frame, "services_real_growth", 2031) == pytest.approx(6.0)


def test_a_scenario_on_another_base_saves_that_base(tmp_path):
    base = tmp_path / "b2025.toml"
    base.write_text(BASE_2025, encoding="utf-8")
    s = sim.load_scenario("momentum", base=base)
    saved = tmp_path / "elsewhere" / "m.toml"
    saved.parent.mkdir()
    saved.write_text(s.to_toml(), encoding="utf-8")
    back = sim.load_scenario(saved)
    assert back.base.year == 2025
    sim.testing.assert_results_close(sim.project(back), sim.project(s), rtol=0)


def test_indicators_missing_from_one_scenario_do_not_break_the_table(tmp_path, capsys):
    no_rd = tmp_path / "no-rd.toml"
    no_rd.write_text('[rates]\nservices_real = 5\nnon_services_real = 1\nretail_sales = 5\n',
                     encoding="utf-8")
    assert main(["run", "momentum", str(no_rd), "--indicators", "rd_intensity"]) == 0
    assert "(no values for these indicators)" in capsys.readouterr().out


def test_output_is_utf8_whatever_the_terminal_encoding(root):
    out = subprocess.run([sys.executable, "-m", "sim", "run", "plan-2024", "--format", "csv"],
                         capture_output=True, cwd=root,
                         env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert "亿元" in out.stdout.decode("utf-8")


def test_table_rounds_as_the_numbers_do(capsys):
    assert main(["run", "plan-2024", "--indicators", "services_share,gdp_deflator"]) == 0
    text = capsys.readouterr().out
    share = next(line for line in text.splitlines() if line.startswith("services_share"))
    assert share.split()[2] == "96.97"          # 96.965000000000003
    assert "-0.00" not in text


def test_iamc_rows_carry_each_scenarios_region_and_are_unique(tmp_path, capsys):
    base = tmp_path / "b2025.toml"
    base.write_text(BASE_2025, encoding="utf-8")
    scen = tmp_path / "t.toml"
    scen.write_text(f'name = "testland"\nbase = "{base.name}"\n[rates]\nservices_real = 5\n'
                    'non_services_real = 1\nretail_sales = 5\n', encoding="utf-8")
    assert main(["run", "plan-2024", str(scen), "--format", "iamc"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    regions = frame.groupby("scenario")["region"].unique()
    assert list(regions["plan-2024"]) == ["Xihu District, Hangzhou"]
    assert list(regions["testland"]) == ["Testland"]
    key = ["model", "scenario", "region", "variable", "unit", "year"]
    assert not frame.duplicated(key).any()
    assert frame["year"].dtype.kind == "i" and frame["value"].dtype.kind == "f"


def test_compare_with_a_reference_and_a_year_without_targets(capsys):
    assert main(["compare", "plan-2024", "upside", "--ref", "upside", "--year", "2026"]) == 0
    text = capsys.readouterr().out
    header = text.splitlines()[1].split()
    assert header[2:5] == ["upside", "plan-2024", "Δ"]
    assert "No target of the 2024 plan is set for 2026." in text


def test_check_tells_a_base_from_a_scenario(tmp_path, capsys):
    typo = tmp_path / "typo.toml"
    typo.write_text(BASE_2025.replace("[levels]", "[level]"), encoding="utf-8")
    assert main(["check", str(typo)]) == 2
    assert "key 'level'" in capsys.readouterr().err
