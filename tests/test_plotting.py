"""Charts: the data drawn is the tidy frame's, Chinese renders as glyphs, nothing global changes."""
from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib
import numpy as np
import pytest

import sim
from sim.plotting import ROLE_STYLES, TargetMark, contributions_figure, projection_figure


@pytest.fixture(scope="module")
def frame():
    return sim.project(["plan-2024", "momentum", "downside"])


def _draw(fig) -> list[str]:
    """Render to PNG; return the warnings raised while drawing."""
    import io

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught]


def test_one_line_per_scenario_with_the_frame_values(frame):
    fig = projection_figure(frame, "gdp", names={"plan-2024": "Plan", "momentum": "Mom",
                                                  "downside": "Down"})
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    for name, label in (("plan-2024", "Plan"), ("momentum", "Mom"), ("downside", "Down")):
        sub = frame[(frame["scenario"] == name) & (frame["indicator"] == "gdp")]
        np.testing.assert_array_equal(lines[label].get_xdata(), sub["year"])
        np.testing.assert_array_equal(lines[label].get_ydata(), sub["value"])


def test_reference_line_styles_and_order(frame):
    fig = projection_figure(frame, "gdp_real_growth",
                            roles={"plan-2024": "baseline", "momentum": "edited"})
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    assert lines["momentum"].get_linewidth() == ROLE_STYLES["edited"]["linewidth"]
    assert lines["plan-2024"].get_linestyle() == "--"
    assert lines["momentum"].get_zorder() > lines["downside"].get_zorder()


def test_outturn_and_target_marks(frame):
    fig = projection_figure(frame, "gdp_real_growth",
                            targets=[TargetMark(2024, 5.5, "2024 target")])
    ax = fig.axes[0]
    offsets = [c.get_offsets() for c in ax.collections if len(c.get_offsets())]
    outturn = offsets[0]
    assert set(outturn[:, 0]) == {2023}
    np.testing.assert_allclose(outturn[:, 1], 5.1)                 # the published 5.1%
    np.testing.assert_allclose(offsets[1], [[2024, 5.5]])
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "2023 outturn" in legend and "2024 target" in legend


def test_contribution_bars_add_up_to_growth(frame):
    fig = contributions_figure(frame, "downside")
    ax = fig.axes[0]
    bars = [p for p in ax.patches]
    years = range(2023, 2031)
    heights = np.zeros(len(years))
    for p in bars:
        x = round(p.get_x() + p.get_width() / 2)
        heights[x - 2023] += p.get_height()
    sub = frame[frame["scenario"] == "downside"].pivot_table(index="year", columns="indicator",
                                                             values="value")
    np.testing.assert_allclose(heights, sub["gdp_real_growth"], atol=1e-9)
    hatched = {round(p.get_x() + p.get_width() / 2) for p in bars if p.get_hatch()}
    assert hatched == {2023}                                       # the outturn


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_text_renders_without_missing_glyphs(frame, lang):
    fig = projection_figure(frame, "retail_sales", lang=lang,
                            names={"plan-2024": "2024年计划", "momentum": "惯性延续",
                                   "downside": "下行情景"},
                            targets=[TargetMark(2024, 5.5, "2024年目标 ≥5.5%")])
    assert not [m for m in _draw(fig) if "missing from font" in m.lower()]
    fig = contributions_figure(frame, "momentum", lang=lang, name="惯性延续")
    assert not [m for m in _draw(fig) if "missing from font" in m.lower()]


def test_labels_are_in_the_chosen_language(frame):
    from sim.fonts import cjk_font_family

    fig = projection_figure(frame, "gdp", lang="zh")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "地区生产总值"
    assert ax.get_xlabel() == "年份"
    assert ax.get_ylabel() == "亿元(现价)"
    from matplotlib.text import Text

    title = [c for c in ax.get_children() if isinstance(c, Text) and c.get_text() == "地区生产总值"]
    assert title[0].get_fontfamily()[0] == cjk_font_family()
    fig = contributions_figure(frame, "momentum", lang="en", name="Momentum")
    assert fig.axes[0].get_title(loc="left") == "Contributions to real GDP growth: Momentum"


def test_no_global_state_changes(frame):
    before = dict(matplotlib.rcParams)
    projection_figure(frame, "gdp", lang="zh")
    contributions_figure(frame, "momentum", lang="zh")
    assert dict(matplotlib.rcParams) == before


def test_plotting_does_not_import_pyplot():
    code = ("import sys, sim; from sim.plotting import projection_figure; "
            "projection_figure(sim.project('plan-2024'), 'gdp', lang='zh').savefig("
            "__import__('io').BytesIO()); sys.exit('matplotlib.pyplot' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
