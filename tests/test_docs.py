"""docs/model.md: every Python block runs as written, and the document keeps up with the package."""
import re
from pathlib import Path

import pytest

import sim

ROOT = Path(__file__).resolve().parent.parent


def python_blocks(root=ROOT) -> list[str]:
    text = (root / "docs" / "model.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_model_doc_has_python_examples(root):
    assert len(python_blocks(root)) >= 4


@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_model_doc_python_block_runs(root, tmp_path, monkeypatch, capsys, index):
    monkeypatch.chdir(tmp_path)
    block = python_blocks(root)[index]
    exec(compile(block, f"docs/model.md block {index + 1}", "exec"), {"__name__": "docs"})
    assert capsys.readouterr().out, "each example prints what it shows"


def test_model_doc_names_every_indicator_and_shipped_scenario(root):
    text = (root / "docs" / "model.md").read_text(encoding="utf-8")
    for ind in sim.INDICATORS:
        assert f"`{ind}`" in text or ind in text, f"indicator {ind} is not documented"
    for name in sim.shipped_scenarios():
        assert f"**{name}**" in text, f"scenario {name} is not explained"


def test_model_doc_quotes_the_base_figures_and_targets_as_the_code_has_them(root):
    text = (root / "docs" / "model.md").read_text(encoding="utf-8")
    base = sim.load_base("xihu-2023")
    for key in base.sources:
        clause = f"{base.levels[key]:g}亿元,增长{base.growth[key]:g}%"
        assert clause in text and clause in base.sources[key], f"{key}: {clause} not quoted"
    for target in sim.PLAN_2024:
        assert target.quote in text, f"target {target.id}: sentence not quoted"
