"""The plotting package: one style module owns every chart text; names keep their public home."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import sim.plotting
from sim.plotting import TargetMark, input_label
from sim.plotting.style import TEXT, phrase

PACKAGE = Path(sim.plotting.__file__).parent


def test_target_mark_is_known_by_its_public_name():
    # caches (Streamlit's hash_funcs) and pickles name the class by module and qualname
    assert f"{TargetMark.__module__}.{TargetMark.__qualname__}" == "sim.plotting.TargetMark"
    mark = TargetMark(2024, 5.5, "2024 target")
    assert pickle.loads(pickle.dumps(mark)) == mark


def test_every_bilingual_text_lives_in_the_style_module():
    # a text table entry ("zh": ...) or a text chosen by language (lang == "zh")
    bilingual = re.compile(r'"zh"\s*:|[!=]= *"zh"')
    others = [p for p in PACKAGE.glob("*.py") if p.name != "style.py"]
    assert len(others) == 4                     # __init__, projections, analyses, history
    for path in others:
        assert not bilingual.search(path.read_text(encoding="utf-8")), path.name


def test_every_phrase_the_charts_use_is_in_the_text_table_and_every_entry_is_used():
    used = set()
    for path in PACKAGE.glob("*.py"):
        used |= set(re.findall(r'phrase\("(\w+)"', path.read_text(encoding="utf-8")))
    assert used == set(TEXT)
    assert all(set(entry) == {"en", "zh"} for entry in TEXT.values())


def test_a_phrase_falls_back_to_english_and_keeps_braces_in_its_fields():
    assert phrase("outturn", "zh", year=2023) == "2023年实际"
    assert phrase("outturn", "fr", year=2023) == "2023 outturn"
    assert phrase("contrib_title", "en", name="{x} $y$") == (
        "Contributions to real GDP growth: {x} $y$")


@pytest.mark.parametrize(("key", "lang", "label"), [
    ("rates.services_real[2024]", "en", "Services growth (real) (2024)"),
    ("rates.services_real[2024]", "zh", "服务业增速(可比价) (2024年)"),
    ("retail_sales|retail_sales_elasticity", "zh", "社零方程"),
    ("levels.retail_sales", "en", "Base retail sales"),
    ("levels.gdp", "zh", "基年GDP"),
    ("levels.{x}[2025]", "en", "Base {x} (2025)"),
    ("levels.{x}", "zh", "基年{x}"),
    ("rates.unknown_{0}", "zh", "unknown_{0}"),
    ("rates.services_real", "fr", "Services growth (real)"),
])
def test_input_labels_in_each_language(key, lang, label):
    assert input_label(key, lang) == label
