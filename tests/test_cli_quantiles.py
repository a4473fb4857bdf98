"""``python -m sim mc --quantiles``: bad quantiles are one line on stderr and exit status 2."""
import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True,
                          encoding="utf-8")


@pytest.mark.parametrize("quantiles, message", [
    ("0.5,0.5", "key 'quantiles': quantile 0.5 is given twice"),
    ("0.5,nan", "key 'quantiles': quantile nan is not in [0, 1]"),
    ("-0.1", "key 'quantiles': quantile -0.1 is not in [0, 1]"),
    ("0.5,1.5", "key 'quantiles': quantile 1.5 is not in [0, 1]"),
    (",", "key 'quantiles': no quantiles given"),
])
def test_bad_quantiles_exit_2_with_one_line(quantiles, message):
    out = run("mc", "plan-2024", "--paths", "100", f"--quantiles={quantiles}")
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr == (f"error: {message} (allowed: distinct probabilities in [0, 1], "
                          "e.g. 0.1, 0.5, 0.9)\n")


def test_distinct_quantiles_are_reported():
    out = run("mc", "plan-2024", "--paths", "100", "--quantiles", "0.05,0.5,0.95",
              "--indicators", "gdp")
    assert out.returncode == 0, out.stderr
    header = next(line for line in out.stdout.splitlines() if line.startswith("year"))
    assert header.split()[:4] == ["year", "p5", "p50", "p95"]


def test_an_empty_quantiles_option_is_refused_not_replaced_by_the_deciles():
    out = run("mc", "plan-2024", "--paths", "100", "--quantiles=")
    assert out.returncode == 2
    assert out.stderr.startswith("error: key 'quantiles': no quantiles given")


def test_bootstrap_resamples_over_the_limit_name_the_option_and_the_limit():
    out = run("sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2030",
              "--method", "sobol", "--n", "64", "--bootstrap", "--resamples", "50",
              "--max-bootstrap-resamples", "10")
    assert out.returncode == 2
    assert out.stderr == ("error: key '--resamples': is 50 resamples, over the limit per request "
                          "(allowed: 1 … 10 resamples; raise the limit with "
                          "--max-bootstrap-resamples or SIM_MAX_BOOTSTRAP_RESAMPLES)\n")


def test_bootstrap_resamples_within_the_limit_give_intervals():
    out = run("sensitivity", "plan-2024", "--indicator", "gdp", "--year", "2030",
              "--method", "sobol", "--n", "64", "--bootstrap", "--resamples", "20",
              "--format", "csv")
    assert out.returncode == 0, out.stderr
    header = out.stdout.splitlines()[0].split(",")
    assert {"first_low", "first_high", "total_low", "total_high"} <= set(header), header
