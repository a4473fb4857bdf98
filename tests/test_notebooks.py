"""The notebooks run top to bottom in a fresh kernel and print what the command line and
the app show.

Each notebook is executed once (nbclient, kernel ``python3``, working directory ``notebooks/``)
and its outputs are checked by several tests. A notebook that projects a scenario prints its 2024
rows once as CSV (header ``scenario,indicator,year,value,unit``); those lines must equal the 2024
lines of ``python -m sim run ... --format csv`` for the same scenarios, and the app's comparison
table for 2024.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = (
    "01_from_seed_to_2024",
    "02_comparing_scenarios",
    "03_uncertainty_and_targets",
    "04_goal_seek_and_sensitivity",
    "05_your_own_district",
    "06_would_it_have_forecast_the_past",
)
HEADER = "scenario,indicator,year,value,unit"

#: The command line equivalent of each notebook's printed 2024 figures: the arguments after
#: ``python -m sim run``, given the folder the notebook's kernel used as TMPDIR.
CLI_ARGS = {
    "01_from_seed_to_2024": lambda tmp: ["plan-2024"],
    "02_comparing_scenarios": lambda tmp: ["plan-2024", "momentum", "downside", "upside"],
    "05_your_own_district": lambda tmp: [str(_one(tmp.rglob("my-plan.toml")))],
    "06_would_it_have_forecast_the_past":
        lambda tmp: [str(_one(tmp.rglob("calibrated-xihu-2023.toml")))],
}


def _one(paths) -> Path:
    paths = list(paths)
    assert len(paths) == 1, f"expected one file, found {paths}"
    return paths[0]


def notebook_names() -> list[str]:
    return sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))


_RUNS: dict[str, tuple] = {}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """``executed(name)`` → (executed notebook, seconds, the kernel's TMPDIR), run once each."""

    def run(name: str):
        if name not in _RUNS:
            tmp = tmp_path_factory.mktemp(name)
            nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
            # a student's kernel: no MPLBACKEND (so the inline backend renders the charts),
            # temporary files under this test's folder
            env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
            env["TMPDIR"] = str(tmp)
            client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=120,
                                             resources={"metadata": {"path": str(NOTEBOOKS)}})
            start = time.perf_counter()
            error = None
            try:
                client.execute(env=env)
            except nbclient.exceptions.CellExecutionError as err:
                error = err
            _RUNS[name] = (nb, time.perf_counter() - start, tmp, error)
        return _RUNS[name]

    return run


def outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


def printed_csv_blocks(nb) -> list[list[str]]:
    """Every block of printed lines that starts with the tidy CSV header."""
    blocks = []
    for out in outputs(nb):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            lines = out["text"].splitlines()
            for i, line in enumerate(lines):
                if line == HEADER:
                    block = []
                    for row in lines[i + 1:]:
                        if not row.strip() or row == HEADER:
                            break
                        block.append(row)
                    blocks.append(block)
    return blocks


def test_the_notebooks_exist():
    names = notebook_names()
    for name in EXPECTED:
        assert name in names, f"notebooks/{name}.ipynb is missing"


def test_kernel_python3_is_the_projects_python():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")])
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=60,
                            resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    printed = nb.cells[0].outputs[0]["text"].strip()
    assert Path(printed).resolve() == Path(sys.prefix).resolve()


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_runs_without_error(executed, name):
    nb, _, _, error = executed(name)
    assert error is None, f"{name}: {error}"


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_writes_nothing_to_stderr_and_draws_its_charts(executed, name):
    nb, _, _, error = executed(name)
    assert error is None, f"{name}: {error}"
    for out in outputs(nb):
        text = out.get("text", "") or "".join(str(v) for k, v in out.get("data", {}).items()
                                              if k.startswith("text/"))
        assert "Glyph" not in text, f"{name}: a character is missing from the chart font: {text}"
        assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), \
            f"{name} wrote to stderr: {text}"
    # a chart cell ends with plt.show() (pyplot) or with the figure itself (sim's plotting)
    charts = sum(c.source.strip().splitlines()[-1] in ("plt.show()", "fig")
                 for c in nb.cells if c.cell_type == "code" and c.source.strip())
    images = sum("image/png" in out.get("data", {}) for out in outputs(nb))
    assert charts and images == charts, f"{name}: {charts} charts, {images} images rendered"


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_ends_with_exercises(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    last = nb.cells[-1]
    assert last.cell_type == "markdown" and "Exercises" in last.source
    items = [line for line in last.source.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert 2 <= len(items) <= 3


@pytest.mark.parametrize("name", sorted(CLI_ARGS))
def test_printed_2024_figures_equal_the_command_line(executed, name):
    nb, _, tmp, error = executed(name)
    assert error is None, f"{name}: {error}"
    blocks = printed_csv_blocks(nb)
    assert len(blocks) == 1, f"{name} should print its 2024 figures once as CSV, printed {len(blocks)}"
    printed = blocks[0]
    assert printed and all(row.split(",")[2] == "2024" for row in printed)

    args = CLI_ARGS[name](tmp)
    cli = subprocess.run([sys.executable, "-m", "sim", "run", *args, "--format", "csv"],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert cli.returncode == 0, cli.stderr
    lines = cli.stdout.splitlines()
    assert lines[0] == HEADER
    expected = [row for row in lines[1:] if row.split(",")[2] == "2024"]
    assert printed == expected
    scenarios = {row.split(",")[0] for row in printed}
    assert len(scenarios) == len(args)
    for scen in scenarios:
        assert f"{scen},gdp,2024," in "\n".join(printed)


@pytest.mark.parametrize("name", ["01_from_seed_to_2024", "02_comparing_scenarios"])
def test_printed_2024_figures_equal_the_app(executed, name):
    pytest.importorskip("streamlit")
    import sim
    from ui.testing import app_test

    nb, _, _, error = executed(name)
    assert error is None, f"{name}: {error}"
    printed = [row.split(",") for row in printed_csv_blocks(nb)[0]]
    at = app_test({"tab": "compare", "compare": "momentum,downside,upside", "year": "2024"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value                  # index: indicator id; a column per scenario
    titles = {n: sim.load_scenario(n).title_en for n in sim.shipped_scenarios()}
    compared = 0
    for scenario, indicator, year, value, unit in printed:
        if indicator in table.index:
            assert table.loc[indicator, "Unit"] == unit
            # the app's table holds values rounded to 10 decimals (ui/tables.py)
            assert table.loc[indicator, titles[scenario]] == pytest.approx(float(value), rel=0,
                                                                           abs=1e-9), indicator
            compared += 1
    assert compared >= 15 * len({row[0] for row in printed})


def test_committed_notebooks_have_no_outputs_or_checkpoints():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-s", "--", "notebooks"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    entries = {line.split("\t", 1)[1]: line.split()[1] for line in listed}
    assert not [p for p in entries if ".ipynb_checkpoints" in p], "checkpoints are committed"
    tracked = sorted(p for p in entries if p.endswith(".ipynb"))
    assert tracked, "no notebook is committed"
    for path in tracked:
        blob = subprocess.run(["git", "cat-file", "blob", entries[path]], cwd=ROOT,
                              capture_output=True, check=True).stdout.decode("utf-8")
        nb = nbformat.reads(blob, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata.get("kernelspec", {}).get("name") == "python3", path
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path} cell {i} has outputs"
                assert cell.execution_count is None, f"{path} cell {i} has an execution count"
