"""The history on the command line: backtest and calibrate, and Monte Carlo uncertainty taken
from past errors (``--uncertainty history``, ``[uncertainty] from = "history"``)."""
import io
import json
import math
import re

import numpy as np
import pandas as pd
import pytest

import sim
from sim.analysis import effective_uncertainty, simulate
from sim.backtest import COLUMNS, SUMMARY_COLUMNS, backtest
from sim.calibrate import calibrate_base
from sim.cli import main
from sim.history import history_frame

XIHU = sim.load_base("xihu-2023")
#: The one-year-ahead errors of the trend method on Xihu's history: 2023's outturns less the
#: means of the years before (services 2020: 7.9; non-services 2020: the derived −0.69).
SERVICES_ERROR = 7.9 - 6.1
NO_HISTORY = """region = "X"
year = 2020
[levels]
gdp = 100.0
services = 60.0
retail_sales = 40.0
[growth]
gdp = 4.0
services = 5.0
retail_sales = 6.0
"""


@pytest.fixture(scope="module")
def cal():
    return calibrate_base(XIHU)


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def scenario_file(tmp_path, uncertainty: str, base: str = "xihu-2023") -> str:
    path = tmp_path / "mine.toml"
    path.write_text(f'base = "{base}"\n[rates]\nservices_real = 5.6\nnon_services_real = 2.31\n'
                    f'retail_sales = 7.0\n{uncertainty}', encoding="utf-8")
    return str(path)


# -- backtest ------------------------------------------------------------------------------------
def test_backtest_csv_has_exactly_the_columns_and_the_errors_of_sim_backtest(capsys):
    code, out, _ = run(capsys, "backtest", "xihu-2023", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "method,indicator,year,projected,outturn,error,unit"
    table = pd.read_csv(io.StringIO(out))
    assert tuple(table.columns) == COLUMNS
    expected = backtest(history_frame(XIHU), XIHU.model_sectors)
    assert table["method"].tolist() == expected["method"].tolist()
    np.testing.assert_array_equal(table["error"], expected["error"])
    services = table[(table["indicator"] == "services_real_growth")].iloc[0]
    assert (services["method"], services["year"]) == ("trend", 2023)
    assert services["error"] == pytest.approx(SERVICES_ERROR, abs=1e-12)
    momentum = table[(table["method"] == "momentum") & (table["year"] == 2020)].iloc[0]
    assert momentum["error"] == pytest.approx(8.0 - 7.2, abs=1e-12)   # 2019's rate carried on


def test_backtest_summary_csv_is_the_mean_error_and_rmse(capsys):
    code, out, _ = run(capsys, "backtest", "xihu-2023", "--format", "csv", "--summary")
    assert code == 0
    summary = pd.read_csv(io.StringIO(out))
    assert tuple(summary.columns) == SUMMARY_COLUMNS
    trend = summary.set_index(["method", "indicator"]).loc[("trend", "gdp_real_growth")]
    errors = backtest(history_frame(XIHU), XIHU.model_sectors, "trend")
    e = errors[errors["indicator"] == "gdp_real_growth"]["error"].to_numpy()
    assert (trend["n"], trend["years"]) == (3, "2020–2021, 2023")
    assert trend["rmse"] == pytest.approx(math.sqrt(np.mean(e ** 2)), rel=1e-12)
    assert trend["mean_error"] == pytest.approx(e.mean(), rel=1e-12)


def test_backtest_table_shows_the_errors_then_the_summary(capsys):
    code, out, _ = run(capsys, "backtest", "xihu-2023")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Backtest of 西湖区 Xihu District, Hangzhou (base xihu-2023): "
                               "history 2019–2023, each outturn projected 1 year ahead")
    row = next(x.split() for x in lines if x.split()[:3] == ["trend", "services_real_growth",
                                                             "2023"])
    assert row[3:] == ["7.90", "6.10", "1.80", "%"]
    at = lines.index("Mean error and RMSE per method and indicator")
    summary = [x.split() for x in lines[at + 3:] if x.strip()]
    assert ["trend", "services_real_growth", "1", "2023", "1.80", "1.80", "pp"] in summary
    code, out, _ = run(capsys, "backtest", "xihu-2023", "--summary")
    assert "Mean error and RMSE" in out
    assert not [x for x in out.splitlines() if x.split()[:4] == ["method", "indicator", "year",
                                                                "projected"]]


def test_backtest_method_and_horizon_choose_the_rows(capsys):
    code, out, _ = run(capsys, "backtest", "xihu-2023", "--format", "csv", "--method",
                       "momentum")
    table = pd.read_csv(io.StringIO(out))
    assert code == 0 and set(table["method"]) == {"momentum"}
    assert table["year"].tolist() == [2020, 2021]
    code, out, _ = run(capsys, "backtest", "xihu-2023", "--format", "csv", "--horizon", "2",
                       "--method", "trend")
    table = pd.read_csv(io.StringIO(out))
    expected = backtest(history_frame(XIHU), XIHU.model_sectors, "trend", horizon=2)
    np.testing.assert_array_equal(table["error"], expected["error"])
    assert table["year"].min() >= 2021                 # two years after the first, 2019
    code, out, _ = run(capsys, "backtest", "xihu-2023", "--method", "plan")
    assert code == 0 and "No outturn of this history can be scored" in out


@pytest.mark.parametrize("args, message", [
    (["backtest", "xihu-2032"], r"^error: key 'base': unknown base 'xihu-2032'; did you mean "
                                r"'xihu-2023'\?"),
    (["backtest", "xihu-2023", "--horizon", "0"], r"^error: xihu-2023: key '--horizon': is 0, "
                                                  r"out of range \(allowed: \[1, 100\]"),
    (["calibrate", "xihu-2032"], r"^error: key 'base': unknown base 'xihu-2032'"),
])
def test_bad_input_is_one_line_naming_the_key(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and not out
    assert len(err.splitlines()) == 1
    assert re.match(message, err), err


@pytest.mark.parametrize("command", ["backtest", "calibrate"])
def test_a_base_without_history_is_refused_naming_the_file_and_key(capsys, tmp_path, command):
    base = tmp_path / "bare.toml"
    base.write_text(NO_HISTORY, encoding="utf-8")
    code, out, err = run(capsys, command, str(base))
    assert code == 2 and not out
    purpose = "to backtest" if command == "backtest" else "to estimate from"
    assert err == (f"error: {base}: key 'history': the base 'bare' has no history: no "
                   f"[history.YEAR] table gives a year before 2020, so there is nothing "
                   f"{purpose} (allowed: a base with [history.YEAR] tables (see sim.history), "
                   "e.g. xihu-2023)\n")


# -- calibrate -----------------------------------------------------------------------------------
def test_calibrate_writes_a_scenario_that_runs_with_the_calibrations_numbers(capsys, tmp_path,
                                                                            cal):
    out_file = tmp_path / "calibrated.toml"
    code, out, err = run(capsys, "calibrate", "xihu-2023", "--out", str(out_file))
    assert code == 0 and not out
    s = sim.load_scenario(out_file)
    assert s.base.name == "xihu-2023" and s.end_year == 2030
    rates = s.resolved_rates()
    # the trends by hand: services (7.9 + 6.1)/2, non-services the mean of the derived 2020
    # and 2023 rates, the services deflator and retail growth from 2023 alone
    assert rates["services_real"] == (7.0,)
    assert rates["non_services_real"] == (round((-0.686814 - 6.440420) / 2, 2),)
    for k in ("services_real", "non_services_real", "services_deflator", "retail_sales"):
        assert rates[k] == (round(cal.rates[k].trend.value, 2),), k
    assert rates["non_services_deflator"] == (0.0,)       # no estimate: the default
    assert s.uncertainty.sd == {k: x for k, x in cal.sd_paths(7).items()}
    assert s.uncertainty.sd["services_real"][0] == pytest.approx(SERVICES_ERROR, abs=1e-12)
    assert "estimated from 2 years (2020, 2023)" in s.description
    # the file runs on the command line and gives what the calibration says
    code, out, _ = run(capsys, "run", str(out_file), "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert sim.value(frame, "services_real_growth", 2027) == 7.0
    sim.testing.assert_results_close(frame, sim.project(s), rtol=1e-15)


def test_calibrate_warns_of_few_years_on_stderr_and_in_the_file(capsys, tmp_path):
    out_file = tmp_path / "c.toml"
    code, _, err = run(capsys, "calibrate", "xihu-2023", "--out", str(out_file))
    warnings = [x for x in err.splitlines() if x.startswith("warning: ")]
    assert "warning: services_real trend: only 2 years, fewer than 5: a rough estimate" in warnings
    assert err.splitlines()[-1] == f"wrote {out_file}"
    text = sim.load_scenario(out_file).description
    assert "Warnings: services_real trend: only 2 years, fewer than 5: a rough estimate" in text


def test_a_rate_history_cannot_estimate_needs_assume_naming_it(capsys, tmp_path):
    code, out, err = run(capsys, "calibrate", "xihu-2022")
    assert code == 2 and not out
    assert err == ("error: xihu-2022: key 'rates.primary_real': history gives no estimate (no "
                   "estimate: the history gives no primary_real_growth up to 2022); give it "
                   "with --assume primary_real=VALUE (allowed: [-50, 100] % per year)\n")
    out_file = tmp_path / "c.toml"
    code, _, err = run(capsys, "calibrate", "xihu-2022", "--out", str(out_file), "--assume",
                       "primary_real=1", "--assume", "secondary_real=5.5", "--assume",
                       "retail_sales=6", "--assume", "industry_above_size=4", "--assume",
                       "fixed_asset_investment=5",
                       "--end-year", "2026", "--name", "my-2022")
    assert code == 0, err
    s = sim.load_scenario(out_file)
    assert (s.name, s.end_year) == ("my-2022", 2026)
    assert s.rates["secondary_real"] == 5.5 and s.rates["tertiary_real"] == 7.9
    assert "secondary_real = 5.5 %: a user assumption" in s.description


@pytest.mark.parametrize("assume, message", [
    ("servics_real=5", r"key '--assume servics_real': is not a rate of this calibration; did "
                       r"you mean 'services_real'\?"),
    ("services_real=500", r"key '--assume services_real': is 500, out of range"),
    ("services_real", r"key '--assume': cannot read 'services_real' \(allowed: RATE=VALUE"),
    ("services_real=fast", r"key '--assume': cannot read 'services_real=fast'"),
])
def test_a_bad_assumption_is_refused_naming_the_option(capsys, assume, message):
    code, out, err = run(capsys, "calibrate", "xihu-2023", "--assume", assume)
    assert code == 2 and not out
    assert re.search(message, err), err


def test_calibrate_end_year_cuts_the_sd_paths(capsys, cal):
    code, out, _ = run(capsys, "calibrate", "xihu-2023", "--end-year", "2026")
    s = sim.parse_scenario(out)
    assert s.end_year == 2026
    assert s.uncertainty.sd["services_real"] == cal.sd_paths(3)["services_real"]
    assert len(s.uncertainty.sd["services_real"]) == 3
    code, _, err = run(capsys, "calibrate", "xihu-2023", "--end-year", "2023")
    assert code == 2 and "key '--end-year'" in err


# -- Monte Carlo uncertainty from past errors ----------------------------------------------------
def test_the_uncertainty_switch_changes_the_sds_and_the_text_says_which(capsys, tmp_path, cal):
    path = scenario_file(tmp_path, "[uncertainty.services_real]\nsd = 1.0\n"
                                   "[uncertainty.retail_sales]\nsd = 2.0\n")
    docs = {}
    for switch in ("file", "history"):
        code, out, err = run(capsys, "mc", path, "--paths", "500", "--seed", "3",
                             "--uncertainty", switch, "--format", "json")
        assert code == 0, err
        docs[switch] = json.loads(out)
    assert docs["file"]["assumptions"][0] == ("uncertainty.services_real.sd = 1 pp (assumption "
                                              "of the scenario file)")
    assert docs["file"]["uncertainty"].startswith("uncertainty of the scenario file: ")
    services = cal.sd_paths(7)["services_real"]
    first = docs["history"]["assumptions"][0]
    assert first.startswith("uncertainty.services_real.sd = 1.8 pp in 2024, 2.55 pp in 2025, ")
    assert first.endswith("(sd from the backtest of 1 year (2023) of the history of xihu-2023: "
                          "the trend method's RMSE 1 year ahead, × √(h/1) beyond (assumed), a "
                          "rough estimate (fewer than 5 years))")
    assert services[:2] == (1.8, 2.55)
    # non-services: the file gives no sd, history does; retail keeps the file's, stated
    assert any(x.startswith("uncertainty.non_services_real.sd = 5.75 pp in 2024")
               for x in docs["history"]["assumptions"])
    assert ("uncertainty.retail_sales.sd = 2 pp (assumption of the scenario file, the history "
            "of xihu-2023 giving none)") in docs["history"]["assumptions"]
    assert docs["history"]["uncertainty"].startswith(
        "uncertainty from history where it gives an sd: sd from the backtest of 1 year (2023)")
    # the probability of meeting 5.5% states the uncertainty it rests on
    gdp = {k: next(t for t in d["targets"] if t["target"] == "gdp_growth")
           for k, d in docs.items()}
    assert gdp["history"]["uncertainty"] == docs["history"]["uncertainty"]
    assert gdp["file"]["probability"] != gdp["history"]["probability"]


def test_the_table_states_the_uncertainty_beside_the_probabilities(capsys, tmp_path):
    path = scenario_file(tmp_path, "[uncertainty.services_real]\nsd = 1.0\n")
    code, out, _ = run(capsys, "mc", path, "--paths", "300", "--uncertainty", "history")
    lines = out.splitlines()
    assert lines[1].startswith("  uncertainty from history where it gives an sd: ")
    at = lines.index("Probability of meeting each target (± Monte Carlo standard error)")
    assert lines[at + 1] == "  with the " + lines[1].strip()
    code, out, _ = run(capsys, "mc", path, "--paths", "300", "--format", "csv")
    probs = pd.read_csv(io.StringIO(out[out.index("scenario,target,"):]))
    assert set(probs["uncertainty"]) == {"uncertainty of the scenario file: assumption of the "
                                         "scenario file, for services_real"}


def test_from_history_in_the_file_is_what_the_switch_gives_and_file_overrides_it(tmp_path, cal):
    path = scenario_file(tmp_path, '[uncertainty]\nfrom = "history"\npersistence = 0.2\n'
                                   "[uncertainty.services_real]\nsd = 1.0\nskew = 0.3\n")
    s = sim.load_scenario(path)
    assert s.uncertainty.origin == "history"
    mc = simulate(s, n_paths=50, rng=1, until=2026)        # sd paths cut to the 3 years run
    assert mc.uncertainty.sd["services_real"] == cal.sd_paths(3)["services_real"]
    assert mc.uncertainty.skew == {"services_real": 0.3}   # skews are not estimated: kept
    assert mc.uncertainty.persistence == 0.2               # no estimate in 1 year: the file's
    plain = scenario_file(tmp_path, "[uncertainty]\npersistence = 0.2\n"
                                    "[uncertainty.services_real]\nsd = 1.0\nskew = 0.3\n")
    same = simulate(plain, n_paths=50, rng=1, until=2026, uncertainty="history")
    np.testing.assert_array_equal(same.paths["gdp"], mc.paths["gdp"])
    own = simulate(s, n_paths=50, rng=1, until=2026, uncertainty="file")
    assert own.uncertainty.sd == {"services_real": 1.0}
    assert own.uncertainty.origin == "file"
    # the file round trip keeps the choice
    assert sim.parse_scenario(s.to_toml()).uncertainty.origin == "history"


def test_history_fills_every_rate_it_estimates_over_the_defaults(cal):
    bare = sim.scenario_from_dict({"rates": {"services_real": 5.6, "non_services_real": 2.31,
                                             "retail_sales": 7.0}})
    unc, lines = effective_uncertainty(bare, "history")
    assert unc.sd["services_real"] == cal.sd_paths(7)["services_real"]
    assert unc.sd["retail_sales"] == 2.0                   # the default, stated as such
    assert ("uncertainty.retail_sales.sd = 2 pp (default assumption (the scenario names no "
            "uncertainty), the history of xihu-2023 giving none)") in lines


def test_the_shipped_sds_are_the_backtests_where_it_gives_one(cal):
    paths = cal.sd_paths(7)
    assert set(paths) == {"services_real", "non_services_real"}
    for name in sim.shipped_scenarios():
        s = sim.load_scenario(name)
        for k, path in paths.items():
            assert s.uncertainty.sd[k] == path, (name, k)
            assert s.uncertainty.sd_basis[k] == cal.rates[k].sd_basis("xihu-2023"), (name, k)
        # so the switch changes nothing the file re-derived, and states it either way
        file_unc, _ = effective_uncertainty(s, "file")
        hist_unc, _ = effective_uncertainty(s, "history")
        assert {k: hist_unc.sd[k] for k in paths} == {k: file_unc.sd[k] for k in paths}


def test_history_asked_of_a_base_without_history_names_the_file_and_key(tmp_path, capsys):
    (tmp_path / "bare.toml").write_text(NO_HISTORY, encoding="utf-8")
    path = scenario_file(tmp_path, '[uncertainty]\nfrom = "history"\n', base="bare.toml")
    with pytest.raises(sim.InputError, match=(
            r"^.*mine\.toml: key 'uncertainty\.from': is \"history\", but the base 'bare' has no "
            r"history \(no \[history\.YEAR\] table before 2020\) to estimate the uncertainty "
            r"from \(allowed: \"file\"")):
        sim.load_scenario(path)
    # the switch on such a base names the switch
    other = scenario_file(tmp_path, "", base="bare.toml")
    code, out, err = run(capsys, "mc", other, "--paths", "10", "--uncertainty", "history")
    assert code == 2 and not out
    assert err.startswith(f"error: {other}: key '--uncertainty': history asked for, but the "
                          "base 'bare' has no history")


@pytest.mark.parametrize("value, message", [
    ('"histroy"', r"key 'uncertainty\.from': is 'histroy'; did you mean 'history'\?"),
    ("1", r"key 'uncertainty\.from': must be a string, got"),
])
def test_a_bad_from_is_refused_naming_it(tmp_path, value, message):
    path = scenario_file(tmp_path, f"[uncertainty]\nfrom = {value}\n")
    with pytest.raises(sim.InputError, match=message):
        sim.load_scenario(path)


def test_a_basis_without_an_sd_is_refused(tmp_path):
    path = scenario_file(tmp_path, '[uncertainty.services_real]\nbasis = "mine"\n')
    with pytest.raises(sim.InputError, match=r"key 'uncertainty\.services_real\.basis': says "
                                             r"where an sd comes from, but the rate has no sd"):
        sim.load_scenario(path)


def test_a_bad_uncertainty_argument_is_refused():
    with pytest.raises(sim.InputError, match=r"^key 'uncertainty': is 'histry'; did you mean "
                                             r"'history'\?"):
        simulate("plan-2024", n_paths=10, uncertainty="histry")


def test_a_calibrated_file_of_a_base_file_loads_from_anywhere(capsys, tmp_path, monkeypatch, root):
    base = tmp_path / "bases" / "mine.toml"
    base.parent.mkdir()
    base.write_text((root / "sim" / "data" / "bases" / "xihu-2023.toml").read_text(
        encoding="utf-8"), encoding="utf-8")
    out_file = tmp_path / "elsewhere" / "c.toml"
    out_file.parent.mkdir()
    monkeypatch.chdir(base.parent)
    code, _, err = run(capsys, "calibrate", "mine.toml", "--out", str(out_file))
    assert code == 0, err
    monkeypatch.chdir(tmp_path)
    s = sim.load_scenario(out_file)
    assert s.base_ref == str(base.resolve()) and s.base.name == "mine"
    assert s.resolved_rates()["services_real"] == (7.0,)


def test_a_bad_name_is_refused_before_anything_is_written(capsys, tmp_path):
    out_file = tmp_path / "c.toml"
    code, out, err = run(capsys, "calibrate", "xihu-2023", "--name", "my name!", "--out",
                         str(out_file))
    assert code == 2 and not out and not out_file.exists()
    assert f"{out_file}: key 'name': is not a valid scenario name" in err


def long_history_base(tmp_path) -> str:
    """A made-up base whose history gives services and GDP growth every year 2015–2022
    (enough one-year-ahead errors for a persistence and sds two and more years ahead)."""
    services = [7.0, 6.0, 8.0, 7.5, 6.5, 9.0, 5.0, 6.0]
    text = ('region = "Test"\nyear = 2023\n[levels]\ngdp = 100.0\nservices = 60.0\n'
            'retail_sales = 40.0\n[growth]\ngdp = 5.0\nservices = 6.0\nretail_sales = 7.0\n')
    for year, g in zip(range(2015, 2023), services):
        text += (f'[history.{year}]\nsource = {{where = "a test"}}\ngrowth = {{gdp = {g - 1}, '
                 f'services = {g}}}\n[history.{year}.sources]\ngdp = "q"\nservices = "q"\n')
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_history_gives_the_persistence_and_sds_by_horizon_where_it_has_the_years(tmp_path):
    base = sim.load_base(long_history_base(tmp_path))
    cal = calibrate_base(base)
    rc = cal.rates["services_real"]
    assert rc.persistence.value is not None and rc.horizons > 1
    path = scenario_file(tmp_path, '[uncertainty]\nfrom = "history"\npersistence = 0.5\n'
                                   "[uncertainty.services_real]\nsd = 1.0\n", base="long.toml")
    unc, lines = effective_uncertainty(sim.load_scenario(path))
    rho, how = cal.persistence_estimate(["services_real"])
    assert rho == round(min(max(rc.persistence.value, 0.0), 0.99), 2)
    assert unc.persistence == rho
    assert f"uncertainty.persistence = {rho:g} (from the backtest of the history of long: " \
           f"{how})" in lines
    assert unc.sd["services_real"] == cal.sd_paths(7)["services_real"]
    assert unc.sd_basis["services_real"] == (
        f"sd from the backtest of {rc.sd[0].n} years (2016–2023) of the history of long: the "
        f"trend method's RMSE 1 … {rc.horizons} years ahead, × √(h/{rc.horizons}) beyond "
        "(assumed)")
    # the RMSE one year ahead, by hand: each year's growth less the mean of the years before
    g = np.array([7.0, 6.0, 8.0, 7.5, 6.5, 9.0, 5.0, 6.0, 6.0])
    e = np.array([g[:t].mean() - g[t] for t in range(1, len(g))])
    assert unc.sd["services_real"][0] == round(float(np.sqrt(np.mean(e ** 2))), 2)
