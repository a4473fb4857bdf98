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
    from sim.plotting import cjk_font_family

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


# -- any number of scenarios, any text -------------------------------------------------------------
from dataclasses import replace  # noqa: E402

from matplotlib.text import Text  # noqa: E402

from sim import export  # noqa: E402
from sim import analysis as A  # noqa: E402
from sim.analysis import Sobol, attribute, sobol_scenario, tornado  # noqa: E402
from sim.plotting import (NAME_CHARS, TITLE_CHARS, TITLE_LINE, UNIT_CHARS,  # noqa: E402
                          chart_text, fan_figure, line_style, sobol_figure, tornado_figure,
                          waterfall_figure)
from sim.plotting.style import chart_title as _title  # noqa: E402
from sim.targets import Target  # noqa: E402

#: Texts a file, an upload or a link may carry into a chart.
HOSTILE = [
    r"$\frac{1}{$", "$x^2$", "$x$", "\n", "a\nb\tc\r\nd", "x" * 10_000, "مرحبا بالعالم",
    "\u202eevil\u202c", "\x00\x07\x1b[31mred\x7f\x85", "\ud800 lone surrogate",
    "<b>bold</b> [link](http://x) ![img](y.png)", r"100% {name} %s \n \\ $", "", "   ",
    "年度 \u200b零宽", "\\mathrm{x}", "_hidden",
]
PNG = b"\x89PNG\r\n\x1a\n"


def _drawn(fig) -> list[Text]:
    """Export the figure as PNG (as the app's downloads do) and return its texts, drawn."""
    data = export.png_bytes(fig, meta=export.metadata(["plan-2024"]), dpi=40)
    assert data[:8] == PNG
    return list(fig.findobj(Text))


def _assert_literal(fig) -> list[str]:
    texts = _drawn(fig)
    assert not [t.get_text() for t in texts if t.get_parse_math() or t.get_usetex()]
    return [t.get_text() for t in texts]


@pytest.fixture(scope="module")
def forty():
    """Forty scenarios: plan-2024 and momentum, each copied twenty times with scaled values."""
    base = sim.project(["plan-2024", "momentum"])
    import pandas as pd

    parts = []
    for i in range(20):
        for name, sub in base.groupby("scenario", sort=False):
            parts.append(sub.assign(scenario=f"{name}-{i:02d}", value=sub["value"] * (1 + i / 100)))
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def analyses():
    plan = sim.load_scenario("plan-2024")
    return {"mc": A.simulate(plan, n_paths=200, rng=1, indicators=["gdp_real_growth"]),
            "tornado": tornado(plan, indicator="gdp", year=2026),
            "sobol": sobol_scenario(plan, indicator="gdp", year=2026, n=64, rng=1,
                                    bootstrap=True, n_resamples=49),
            "attribution": attribute("upside", plan, indicator="gdp", year=2026)}


def test_chart_text_is_one_line_without_controls_and_cut_to_fit():
    assert chart_text("$x^2$") == "$x^2$"                       # kept: drawn literally
    assert chart_text(r"$\frac{1}{$") == r"$\frac{1}{$"
    assert chart_text("a\nb\tc\r\n  d ") == "a b c d"
    assert chart_text("\x00\x07\x1b[31mred\x7f") == "[31mred"
    assert chart_text("\u202eevil\u202c \ud800!") == "evil !"
    assert chart_text("x" * 10_000) == "x" * (NAME_CHARS - 1) + "…"
    assert chart_text("x" * 10_000, TITLE_CHARS) == "x" * (TITLE_CHARS - 1) + "…"
    assert chart_text("y" * NAME_CHARS) == "y" * NAME_CHARS
    assert chart_text("地区生产总值 مرحبا") == "地区生产总值 مرحبا"
    assert chart_text("地" * 100) == "地" * ((NAME_CHARS - 1) // 2) + "…"   # two columns each
    assert chart_text(None) == "None" and chart_text(2024) == "2024"


def test_titles_are_cut_and_wrapped_in_lines_that_fit():
    from sim.plotting.style import char_columns as _columns

    words = "Scenario with a long descriptive title $x$ " * 5
    title = _title(words, "default")
    lines = title.split("\n")
    assert len(lines) == 2 and " ".join(lines) == chart_text(words, TITLE_CHARS)
    assert all(sum(map(_columns, x)) <= TITLE_LINE for x in lines)
    assert _title("x" * 10_000, "d") == "x" * TITLE_LINE + "\n" + "x" * (TITLE_CHARS - 1
                                                                       - TITLE_LINE) + "…"
    assert _title("地" * 100, "d").split("\n")[0] == "地" * (TITLE_LINE // 2)
    assert _title(" \n\x00 ", "GDP") == _title(None, "GDP") == "GDP"
    assert _title("$x^2$", "GDP") == "$x^2$"


def test_forty_scenarios_draw_each_in_its_own_style(forty):
    fig = projection_figure(forty, "gdp", roles={"plan-2024-00": "baseline"})
    lines = [ln for ln in fig.axes[0].get_lines() if ln.get_label() in set(forty["scenario"])]
    assert len(lines) == 40
    styles = {(ln.get_color(), ln.get_linestyle(), ln.get_marker()) for ln in lines}
    assert len(styles) == 40                                       # no two alike
    assert len(fig.legends[0].get_texts()) == 40 + 1               # and the outturn
    _assert_literal(fig)
    # the axes keep the height they have with a short legend; the figure grows instead
    few = projection_figure(forty[forty["scenario"].isin(["plan-2024-00", "momentum-00"])], "gdp")
    assert fig.get_figheight() > few.get_figheight() == 4.6
    height = lambda f: f.axes[0].get_position().height * f.get_figheight()  # noqa: E731
    assert height(fig) == pytest.approx(height(few), abs=0.25)
    assert {line_style(i)["color"] for i in range(8)} == {line_style(i)["color"]
                                                           for i in range(8, 160)}
    assert len({tuple(sorted(line_style(i).items())) for i in range(160)}) == 160


def test_forty_of_everything_draws_in_every_chart(forty, analyses):
    _assert_literal(contributions_figure(forty, "momentum-19"))
    tr = analyses["tornado"]
    many = tr.frame.sample(40, replace=True, random_state=1).reset_index(drop=True)
    many["input"] = [f"rates.factor_{i}" for i in range(40)]
    assert len(tornado_figure(replace(tr, frame=many), max_bars=40).axes[0].patches) == 80
    names = tuple(f"factor_{i}" for i in range(40))
    big = Sobol(names=names, first_order=np.linspace(0, 0.5, 40),
                total_order=np.linspace(0, 0.6, 40), n=64, model_runs=64 * 42)
    ticks = [t.get_text() for t in sobol_figure(big).axes[0].get_yticklabels()]
    assert sorted(ticks) == sorted(names)
    at = analyses["attribution"]
    wide = replace(at, inputs=tuple(f"rates.input_{i}" for i in range(40)),
                   descriptions=("",) * 40, parts=np.full(40, at.total / 40))
    labels = [t.get_text() for t in waterfall_figure(wide).axes[0].get_xticklabels()]
    assert len(labels) == 42 and labels[0] == at.baseline and labels[-1] == at.scenario


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_draws_literally_in_the_projection_charts(frame, text):
    shown = chart_text(text)
    fig = projection_figure(frame, "gdp", names={"plan-2024": text, "momentum": "m"},
                            title=text, outturn_label=text,
                            targets=[TargetMark(2024, 2100.0, text)])
    texts = _assert_literal(fig)
    # nothing left of a title or a name: the default; a leading "_" is shown, not dropped
    assert fig.axes[0].get_title(loc="left") == _title(text, "GDP")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    entry = " " + shown if shown.startswith("_") else shown
    assert legend == ([entry, "m", entry, entry] if shown else
                      ["plan-2024", "m", "2023 outturn", "2024: 2100"])
    assert all(len(t) <= TITLE_CHARS + 1 for t in texts)          # + 1: a line break
    fig = contributions_figure(frame, "momentum", name=text, title=text,
                               targets=[TargetMark(2024, 5.5, text)])
    _assert_literal(fig)
    if text in ("$x^2$", "$x$", r"$\frac{1}{$"):
        assert fig.axes[0].get_title(loc="left") == text            # the characters as given
        assert shown in [t.get_text() for t in fig.legends[0].get_texts()]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_draws_literally_in_the_analysis_charts(analyses, text):
    shown, title = chart_text(text), _title(text, "GDP growth (real): 200 Monte Carlo paths")
    target = Target("t", "gdp_real_growth", 2024, ">=", 5.5, "%", text, text, "")
    probs = A.target_probabilities(analyses["mc"], [replace(target, en="t", zh="t")])
    fig = fan_figure(analyses["mc"], "gdp_real_growth", targets=[target], title=text,
                     probabilities=probs)
    _assert_literal(fig)
    assert fig.get_suptitle() == title
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[-1] == ((" " + shown if shown.startswith("_") else shown) or "2024: >= 5.5")

    tr = analyses["tornado"]
    cell = text.replace("\ud800", "\ufffd")         # a pandas column cannot hold a lone surrogate
    frame = tr.frame.assign(input=[cell + str(i) for i in range(len(tr.frame))], unit=cell)
    fig = tornado_figure(replace(tr, frame=frame, scenario=text), title=text)
    _assert_literal(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == [f"{chart_text(k)}  ±{st:g} {chart_text(cell, UNIT_CHARS)}".rstrip()
                     for k, st in zip(frame["input"][::-1], frame["step"][::-1])]

    sb = analyses["sobol"]
    names = tuple(f"{cell}{i}" for i in range(len(sb.names)))
    fig = sobol_figure(replace(sb, names=names, output=text), title=text)
    _assert_literal(fig)
    ticks = {t.get_text() for t in fig.axes[0].get_yticklabels()}
    assert ticks == {chart_text(n) for n in names}

    at = analyses["attribution"]
    hostile = replace(at, scenario=text, baseline=text + "b",
                      inputs=tuple(text + str(i) for i in range(len(at.inputs))))
    fig = waterfall_figure(hostile, title=None)
    _assert_literal(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == [chart_text(x) for x in (text + "b", *hostile.inputs, text)]
    assert fig.get_suptitle() == _title(f"GDP, 2026: {shown} vs {chart_text(text + 'b')}", "")
    fig = tornado_figure(analyses["tornado"], title=text)
    assert fig.get_suptitle() == _title(text, "GDP, 2026: one input at a time")


def test_a_fan_chart_of_an_indicator_the_summary_lacks_is_an_input_error(analyses):
    table = A.summary(analyses["mc"])
    with pytest.raises(sim.InputError, match=r"key 'indicator': 'gdp' has no rows in the summary "
                                             r"\(allowed: gdp_real_growth\)"):
        fan_figure(table, "gdp")


# -- sectors of a base that lists them -------------------------------------------------------------
from sim.plotting import structure_figure  # noqa: E402



def _stacks(ax) -> dict[int, float]:
    """Year → the sum of the bar heights drawn at it."""
    out: dict[int, float] = {}
    for p in ax.patches:
        x = round(p.get_x() + p.get_width() / 2)
        out[x] = out.get(x, 0.0) + p.get_height()
    return out


def _series(frame, scenario, ind):
    sub = frame[(frame["scenario"] == scenario) & (frame["indicator"] == ind)]
    return dict(zip(sub["year"], sub["value"]))


def test_three_sectors_contributions_stack_to_growth_and_their_rates_to_100(three):
    fig = contributions_figure(three, "three", base_year=2022)
    growth = _series(three, "three", "gdp_real_growth")
    stacks = _stacks(fig.axes[0])
    assert sorted(stacks) == list(range(2023, 2031))       # no published 2022 growth
    for year, total in stacks.items():
        assert total == pytest.approx(growth[year], abs=1e-9)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert {"Primary industry", "Secondary industry", "Tertiary industry"} <= set(legend)
    assert "2022 outturn (//)" not in legend                # no bar of the outturn to mark
    fig = contributions_figure(three, "three", measure="contribution_rate", lang="zh")
    for year, total in _stacks(fig.axes[0]).items():
        assert total == pytest.approx(100.0, abs=1e-9)
    assert fig.axes[0].get_title(loc="left") == "各产业对地区生产总值增长的贡献率:three"
    assert {"第一产业", "第二产业", "第三产业"} <= {t.get_text() for t in
                                                   fig.legends[0].get_texts()}
    # the two-sector form's rates follow from its contributions: they add up to 100 too
    fig = contributions_figure(three, "plan-2024", measure="contribution_rate")
    assert all(x == pytest.approx(100.0, abs=1e-9) for x in _stacks(fig.axes[0]).values())
    with pytest.raises(ValueError, match="measure must be"):
        contributions_figure(three, "three", measure="share")


def test_a_negative_contribution_stacks_below_zero(three):
    fig = contributions_figure(three, "three")
    primary = _series(three, "three", "primary_contribution")
    below = {round(p.get_x() + p.get_width() / 2): p.get_height() for p in fig.axes[0].patches
             if p.get_height() < 0}
    assert set(below) == {y for y, x in primary.items() if x < 0} and below
    for year, h in below.items():
        assert h == pytest.approx(primary[year])


def test_structure_bars_are_the_shares_adding_up_to_100(three):
    fig = structure_figure(three, ["three", "plan-2024"], names={"three": "Three sectors"})
    top, bottom = fig.axes[0], fig.axes[1]
    assert top.get_title(loc="left") == "Three sectors"
    assert top.get_title(loc="right").startswith("2022: 0.2:7.8:92.0 → 2030: ")
    heights = {}
    for p in top.patches:
        heights.setdefault(round(p.get_x() + p.get_width() / 2), []).append(p.get_height())
    for year, parts in heights.items():
        expected = [_series(three, "three", f"{s}_share")[year]
                    for s in ("primary", "secondary", "tertiary")]
        assert [h for h in parts if h] == pytest.approx([x for x in expected if x], abs=1e-12)
    for year, total in _stacks(bottom).items():            # services and the residual
        assert total == pytest.approx(100.0, abs=1e-9)
        assert _series(three, "plan-2024", "services_share")[year] == pytest.approx(
            sorted(p.get_height() for p in bottom.patches
                   if round(p.get_x() + p.get_width() / 2) == year)[-1])
    hatched = {round(p.get_x() + p.get_width() / 2) for p in bottom.patches if p.get_hatch()}
    assert hatched == {2023}                                # the outturn of plan-2024's base


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_structure_chart_draws_chinese_glyphs_and_hostile_names_literally(three, lang):
    fig = structure_figure(three, ["three"], lang=lang, names={"three": "$x^2$ 情景"})
    assert not [m for m in _draw(fig) if "missing from font" in m.lower()]
    texts = _assert_literal(fig)
    assert "$x^2$ 情景" in texts
    if lang == "zh":
        assert "三次产业结构(占地区生产总值比重,%)" in texts
        assert {"第一产业", "第二产业", "第三产业"} <= set(texts)


def test_user_sector_labels_name_the_bars():
    b = sim.base_from_dict({"region": "Other", "year": 2023, "sectors": ["agri", "rest"],
                            "sector_names": {"agri": {"en": "Agriculture", "zh": "农业"}},
                            "levels": {"gdp": 100.0, "agri": 40.0, "rest": 60.0,
                                       "retail_sales": 10.0}})
    s = sim.scenario_from_dict({"name": "mine", "rates": {"agri_real": 2.0, "rest_real": 6.0,
                                                          "retail_sales": 5.0}}, base=b)
    frame = sim.project(s)
    names = sim.results.sector_names(s)
    fig = structure_figure(frame, lang="zh", sector_labels=names)
    assert {"农业", "rest"} <= {t.get_text() for t in fig.legends[0].get_texts()}
    fig = contributions_figure(frame, "mine", names=names)
    assert "Agriculture" in {t.get_text() for t in fig.legends[0].get_texts()}


def test_the_analysis_charts_label_a_bases_own_sectors():
    b = sim.base_from_dict({"region": "Other", "year": 2023, "sectors": ["agri", "rest"],
                            "sector_names": {"agri": {"en": "Agriculture", "zh": "农业"}},
                            "levels": {"gdp": 100.0, "agri": 40.0, "rest": 60.0,
                                       "retail_sales": 10.0}})
    mine, theirs = (sim.scenario_from_dict({"name": n, "rates": {
        "agri_real": g, "rest_real": 6.0, "retail_sales": 5.0}}, base=b)
        for n, g in (("mine", 2.0), ("theirs", 1.0)))
    names = sim.results.sector_names(mine)
    fig = tornado_figure(tornado(mine, indicator="agri", year=2025), lang="zh", names=names)
    ticks = {t.get_text() for t in fig.axes[0].get_yticklabels()}
    assert "农业增速(可比价)  ±2 %" in ticks and "rest增速(可比价)  ±2 %" in ticks
    assert fig.texts[0].get_text() == "农业增加值(2025年):逐项敏感性"
    fig = waterfall_figure(attribute(mine, theirs, indicator="agri", year=2025), names=names)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [
        "theirs", "Agriculture growth (real)", "mine"]
    mc = A.simulate(mine, n_paths=64, rng=1, indicators=["agri"])
    fig = fan_figure(mc, "agri", names=names)
    assert fig.texts[0].get_text() == "Agriculture value added: 64 Monte Carlo paths"
