"""The analysis verbs of the command line: mc, solve, sensitivity, attribute."""
import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import sim
from sim import analysis as A
from sim.analysis import attribute, solve, tornado
from sim.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd)


def blocks(text):
    """The CSV blocks of an output, separated by a blank line."""
    return [pd.read_csv(io.StringIO(b)) for b in text.strip().split("\n\n")]


def test_mc_csv_is_the_api_summary_to_the_last_digit(capsys):
    assert main(["mc", "plan-2024", "--paths", "3000", "--seed", "7", "--format", "csv",
                 "--indicators", "gdp,rd_intensity", "--threshold", "gdp>=2100@2024"]) == 0
    summary, targets = blocks(capsys.readouterr().out)
    mc = A.simulate("plan-2024", n_paths=3000, rng=7)
    expected = A.summary(mc, indicators=["gdp", "rd_intensity"])
    assert list(summary.columns) == ["scenario", "indicator", "year", "statistic", "value",
                                     "unit"]
    np.testing.assert_array_equal(summary["value"].to_numpy(), expected["value"].to_numpy())
    row = targets.set_index("target").loc["gdp>=2100@2024"]
    assert row["probability"] == A.probability(mc, "gdp", 2024, ">=", 2100).p
    assert set(targets["target"]) == {"gdp_growth", "rd_intensity", "gdp>=2100@2024"}


def test_mc_json_and_table(capsys):
    assert main(["mc", "downside", "--paths", "2000", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["seed"] == 2024 and doc["n_paths"] == 2000
    assert any("skew = -0.3" in a for a in doc["assumptions"])
    assert {r["indicator"] for r in doc["summary"]} == set(sim.cli.MC_INDICATORS)
    assert main(["mc", "plan-2024", "--paths", "2000", "--quantiles", "0.05,0.5,0.95"]) == 0
    text = capsys.readouterr().out
    assert "Probability of meeting each target" in text and "p5" in text and "p95" in text
    assert "assumption of the scenario file" in text


def test_mc_defaults_are_labelled_for_a_scenario_without_uncertainty(tmp_path, capsys):
    f = tmp_path / "plain.toml"
    f.write_text('name = "plain"\n[rates]\nservices_real = 5.6\nnon_services_real = 2.31\n'
                 'retail_sales = 7.0\n', encoding="utf-8")
    assert main(["mc", str(f), "--paths", "500"]) == 0
    assert "default assumption (the scenario names no uncertainty)" in capsys.readouterr().out


def test_solve_answers_and_saves_a_scenario_that_hits_the_target(tmp_path, capsys):
    saved = tmp_path / "solved.toml"
    assert main(["solve", "plan-2024", "--set", "non_services_real=3", "--vary",
                 "services_real", "--indicator", "gdp_real_growth", "--year", "2024",
                 "--target", "5.5", "--format", "json", "--save", str(saved)]) == 0
    doc = json.loads(capsys.readouterr().out)
    api = solve(sim.load_scenario("plan-2024").with_rates(non_services_real=3.0),
                indicator="gdp_real_growth", year=2024, target=5.5, vary="services_real")
    assert doc["solution"]["value"] == api.value
    df = sim.project(sim.load_scenario(saved))
    assert abs(sim.value(df, "gdp_real_growth", 2024) - 5.5) < 1e-9
    assert main(["solve", "plan-2024", "--vary", "retail_sales", "--indicator",
                 "retail_sales", "--year", "2025", "--target", "1000", "--format", "csv"]) == 0
    sol, proj = blocks(capsys.readouterr().out)
    assert sol["input"].iloc[0] == "rates.retail_sales"
    assert proj.query("indicator == 'retail_sales' and year == 2025")["value"].iloc[0] == \
        pytest.approx(1000, abs=1e-9)
    assert main(["solve", "plan-2024", "--vary", "gdp_real", "--indicator", "gdp", "--year",
                 "2030", "--target", "3000", "--bounds", "0,20"]) == 0
    assert "rates.gdp_real = 5.9634" in capsys.readouterr().out


def test_sensitivity_csv_and_json_match_the_api(capsys):
    assert main(["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2027",
                 "--method", "tornado", "--format", "csv"]) == 0
    (frame,) = blocks(capsys.readouterr().out)
    api = tornado("plan-2024", indicator="gdp", year=2027).frame
    np.testing.assert_allclose(frame["swing"], api["swing"], rtol=1e-15)
    assert main(["sensitivity", "plan-2024", "--indicator", "gdp_real_growth", "--year",
                 "2024", "--n", "512", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["sobol"]["model_runs"] == 512 * 8 and doc["tornado"]["model_runs"] == 13
    assert doc["sobol"]["rows"][0]["factor"] == "services_real"
    assert main(["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2026",
                 "--inputs", "services_real,levels.gdp", "--method", "tornado"]) == 0
    assert "levels.gdp" in capsys.readouterr().out


def test_attribute_parts_sum_to_the_total(capsys):
    assert main(["attribute", "upside", "--baseline", "plan-2024", "--indicator", "gdp",
                 "--year", "2030", "--format", "json", "--group",
                 "prices=services_deflator,non_services_deflator"]) == 0
    doc = json.loads(capsys.readouterr().out)
    parts = [p["contribution"] for p in doc["parts"]]
    assert sum(parts) == pytest.approx(doc["total"], rel=1e-12)
    assert "prices" in [p["input"] for p in doc["parts"]]
    api = attribute("upside", "plan-2024", indicator="gdp", year=2030)
    assert doc["total"] == api.total
    assert main(["attribute", "downside", "--indicator", "gdp_real_growth", "--year",
                 "2024"]) == 0
    assert "split by input (Shapley values" in capsys.readouterr().out


@pytest.mark.parametrize("args,fragment", [
    (["mc", "plan-2024", "--paths", "0"], "key '--paths': is 0"),
    (["mc", "plan-2024", "--seed", "-1"], "key '--seed'"),
    (["mc", "plan-2024", "--threshold", "gdp big"], "key '--threshold'"),
    (["mc", "plan-2024", "--quantiles", "0.5,2"], "key 'quantiles'"),
    (["solve", "plan-2024", "--vary", "services_real", "--indicator", "gdp_real_growth",
      "--year", "2024", "--target", "150"], "closest reachable is 97.0351 %"),
    (["solve", "plan-2024", "--vary", "servics_real", "--indicator", "gdp", "--year", "2024",
      "--target", "2100"], "did you mean 'services_real'?"),
    (["solve", "plan-2024", "--set", "services_real", "--vary", "services_real",
      "--indicator", "gdp", "--year", "2024", "--target", "2100"], "key '--set'"),
    (["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2030", "--n", "1000"],
     "not a power of 2"),
    (["attribute", "upside", "--indicator", "gpd", "--year", "2030"], "unknown indicator"),
    (["attribute", "upside", "--indicator", "gdp", "--year", "2030", "--group", "x"],
     "key '--group'"),
    # limits per request (sim.limits)
    (["mc", "plan-2024", "--paths", "100001"],
     "key '--paths': is 100,001 paths, over the limit per request (allowed: 1 … 100,000 paths; "
     "raise the limit with --max-paths or SIM_MAX_PATHS)"),
    (["mc", "plan-2024", "--paths", "100", "--until", "2051"],
     "key '--until': is 2051, 28 years after the base year 2023, over the limit per request "
     "(allowed: 2024 … 2050, at most 27 years; raise the limit with --max-horizon"),
    (["mc", "plan-2024", "--max-paths", "many"],
     "key '--max-paths': is 'many', not a whole number (allowed: 1 … 50,000,000 paths)"),
    (["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2030", "--n", "32768"],
     "key '--n': is 32,768 base samples, over the limit per request (allowed: 2 … 16,384 base "
     "samples; raise the limit with --max-sobol-samples or SIM_MAX_SOBOL_SAMPLES)"),
    (["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2030",
      "--max-sobol-samples", "1000"], "key '--max-sobol-samples': is 1,000, not a power of 2"),
    (["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2051", "--method",
      "tornado"], "key '--year': is 2051, 28 years after the base year 2023"),
    (["solve", "plan-2024", "--vary", "gdp_real", "--indicator", "gdp", "--year", "2030",
      "--target", "3000", "--grid", "1001"],
     "key '--grid': is 1,001 grid points, over the limit per request (allowed: 2 … 1,000 grid "
     "points; raise the limit with --max-grid or SIM_MAX_GRID)"),
    (["solve", "plan-2024", "--vary", "gdp_real", "--indicator", "gdp", "--year", "2051",
      "--target", "3000"], "key '--year': is 2051, 28 years after the base year 2023"),
    (["attribute", "upside", "--indicator", "gdp", "--year", "2051"],
     "key '--year': is 2051, 28 years after the base year 2023"),
])
def test_bad_input_exits_2_with_one_line_and_no_traceback(root, args, fragment):
    out = run(*args, cwd=root)
    assert out.returncode == 2, out.stderr
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert fragment in lines[0] and "Traceback" not in out.stderr


def test_uncertainty_errors_from_a_scenario_file_exit_2(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('name = "bad"\n[rates]\nservices_real = 5.6\nnon_services_real = 2.31\n'
                 'retail_sales = 7.0\n[uncertainty]\ncorrelation = [["services_real", '
                 '"non_services_real", 0.9], ["services_real", "retail_sales", 0.9], '
                 '["non_services_real", "retail_sales", -0.9]]\n[uncertainty.services_real]\n'
                 'sd = 1.0\n', encoding="utf-8")
    out = run("mc", str(f), "--paths", "10")
    assert out.returncode == 2 and "positive semi-definite" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_every_analysis_verb_has_help():
    for verb in ("mc", "solve", "sensitivity", "attribute"):
        out = run(verb, "--help")
        assert out.returncode == 0 and "usage:" in out.stdout and "--format" in out.stdout


def test_limits_are_raised_by_options_and_set_by_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("SIM_MAX_PATHS", "500")
    assert main(["mc", "plan-2024", "--paths", "1000"]) == 2
    assert "key '--paths': is 1,000 paths, over the limit" in capsys.readouterr().err
    assert main(["mc", "plan-2024", "--paths", "1000", "--max-paths", "1000", "--until", "2060",
                 "--max-horizon", "40", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["n_paths"] == 1000 and max(r["year"] for r in doc["summary"]) == 2060
    assert main(["sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2024", "--n",
                 "32768", "--max-sobol-samples", "32768", "--method", "sobol",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["sobol"]["n"] == 32768
    assert main(["solve", "plan-2024", "--vary", "gdp_real", "--indicator", "gdp", "--year",
                 "2030", "--target", "3000", "--grid", "5000", "--max-grid", "5000"]) == 0
    assert "rates.gdp_real = 5.9634" in capsys.readouterr().out


def test_mc_keeps_only_the_indicators_it_reports(monkeypatch, capsys):
    """Memory is paths × years × indicators kept: the reported ones and those of the targets."""
    seen = []
    simulate = A.simulate

    def spy(*args, **kwargs):
        seen.append(kwargs.get("indicators"))
        return simulate(*args, **kwargs)

    monkeypatch.setattr("sim.analysis.montecarlo.simulate", spy)   # what the mc verb calls
    assert main(["mc", "plan-2024", "--paths", "500", "--indicators", "gdp",
                 "--threshold", "retail_sales>=950@2024"]) == 0
    assert seen[-1] == ["gdp", "gdp_real_growth", "rd_intensity", "retail_sales"]
    assert "Probability of meeting each target" in capsys.readouterr().out
    assert main(["mc", "plan-2024", "--paths", "500", "--indicators", "all"]) == 0
    assert seen[-1] is None                                       # every indicator
