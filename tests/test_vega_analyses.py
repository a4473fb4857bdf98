"""The browser's charts (ui/vega.py): the data drawn is the tidy frame's to the last digit, the
colours, dashes and widths are the figures', the texts are in the chosen language, a tooltip
shows the value as the app writes it, the legend toggles a scenario, and every spec is valid
Vega-Lite. No Streamlit server: the builders are pure."""
from __future__ import annotations

import json

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from matplotlib.colors import to_hex, to_rgba

import sim
from sim import analysis as A
from sim.plotting import (TargetMark, contributions_figure, fan_figure, projection_figure,
                          tornado_figure, waterfall_figure)
from sim.plotting.analyses import waterfall_steps
from sim.plotting.style import (CJK_FAMILY, DOWN_COLOR, FAN_ALPHAS, FAN_COLOR,
                                NON_SERVICES_COLOR, SERVICES_COLOR, TARGET_STAR, TOTAL_COLOR,
                                UP_COLOR, cjk_font_family, phrase)
from sim.targets import PLAN_2024
from ui import format as fmt
from ui import vega

SHIPPED = ["plan-2024", "momentum", "downside", "upside"]
ROLES = {"plan-2024": "baseline", "momentum": "adjusted", "downside": "edited"}
NAMES_ZH = {"plan-2024": "2024年计划", "momentum": "惯性延续", "downside": "下行情景",
            "upside": "上行情景"}


@pytest.fixture(scope="module")
def frame():
    return sim.project(SHIPPED)


def layer(spec: dict, mark: str, data: str | None = None) -> dict:
    """The first layer of ``spec`` (nested layers too) drawing ``mark`` from ``data``."""
    def walk(layers):
        for x in layers:
            yield x
            yield from walk(x.get("layer", []))
    for x in walk(spec["layer"]):
        m = x.get("mark", {})
        if (m.get("type") if isinstance(m, dict) else m) == mark and (
                data is None or x.get("data", {}).get("name") == data):
            return x
    raise AssertionError(f"no {mark} layer of {data}")


def css_rgba(text: str) -> tuple[float, ...]:
    """``"rgba(178, 24, 43, 0.18)"`` as matplotlib's RGBA (0 … 1)."""
    r, g, b, a = (float(x) for x in text.removeprefix("rgba(").removesuffix(")").split(","))
    return (r / 255, g / 255, b / 255, a)


def as_records(spec: dict) -> dict:
    """The spec as the browser receives it: its datasets as rows (JSON)."""
    out = dict(spec)
    out["datasets"] = {k: json.loads(v.to_json(orient="records"))
                       for k, v in spec["datasets"].items()}
    return out


# -- projections -------------------------------------------------------------------------------

def test_projection_data_is_the_tidy_frame_to_the_last_digit(frame):
    spec = vega.projection_spec(frame, "gdp", names={s: s for s in SHIPPED}, base_year=2023)
    lines = spec["datasets"]["lines"]
    rows = frame[frame["indicator"] == "gdp"]
    assert len(lines) == len(rows)
    merged = lines.merge(rows, on=["scenario", "indicator", "year"], suffixes=("", "_sim"))
    assert len(merged) == len(rows)
    assert (merged["value"] == merged["value_sim"]).all()          # exact, not approximate
    assert (merged["unit"] == "亿元").all()
    assert list(dict.fromkeys(lines["scenario"])) == SHIPPED        # the legend's order


@settings(max_examples=25, deadline=None)
@given(services=hs.floats(-20, 25), other=hs.floats(-20, 25), year=hs.integers(2024, 2030))
def test_projection_data_equals_sim_over_random_scenarios(services, other, year):
    plan = sim.load_scenario("plan-2024")
    edited = plan.with_rates(services_real=[round(services, 2), 5.6],
                             non_services_real=round(other, 2)).renamed("edited")
    frame = sim.project([plan, edited])
    spec = vega.projection_spec(frame, "gdp_real_growth", roles={"edited": "edited"},
                                base_year=2023, lang="zh")
    lines = spec["datasets"]["lines"].set_index(["scenario", "year"])
    for name in ("plan-2024", "edited"):
        x = sim.value(frame, "gdp_real_growth", year, scenario=name)
        assert lines.loc[(name, year), "value"] == x
        assert lines.loc[(name, year), "text"] == fmt.value(x, "%", "zh")


def test_projection_colours_dashes_and_widths_are_the_figures(frame):
    # twelve scenarios more than the three roles: the colours cycle into dashed lines
    many = sim.project([sim.load_scenario("momentum").with_rates(services_real=4 + i / 10)
                        .renamed(f"s{i:02d}") for i in range(12)])
    both = pd.concat([frame[frame["indicator"] == "gdp"], many[many["indicator"] == "gdp"]])
    names = {s: s for s in [*SHIPPED, *sorted(set(many["scenario"]))]}
    fig = projection_figure(both, "gdp", names=names, roles=ROLES, base_year=2023)
    spec = vega.projection_spec(both, "gdp", names=names, roles=ROLES, base_year=2023)
    lines = layer(spec, "line", "lines")["encoding"]
    colours = dict(zip(lines["color"]["scale"]["domain"], lines["color"]["scale"]["range"]))
    dashes = dict(zip(lines["strokeDash"]["scale"]["domain"],
                      lines["strokeDash"]["scale"]["range"]))
    widths = dict(zip(lines["strokeWidth"]["scale"]["domain"],
                      lines["strokeWidth"]["scale"]["range"]))
    drawn = {ln.get_label(): ln for ln in fig.axes[0].get_lines() if ln.get_label() in names}
    assert set(colours) == set(names) == set(drawn)
    for label, ln in drawn.items():
        assert to_hex(colours[label]) == to_hex(ln.get_color()), label
        assert widths[label] == ln.get_linewidth(), label
        offset, pattern = ln._dash_pattern                   # matplotlib's scaled dashes
        assert dashes[label] == pytest.approx(list(pattern or [])), label
    assert dashes["plan-2024"] and not dashes["downside"]       # baseline dashed, edited solid


def test_dash_patterns_are_matplotlibs():
    rc = matplotlib.rcParams
    assert vega.DASHES == {"-": (), "--": tuple(rc["lines.dashed_pattern"]),
                           "-.": tuple(rc["lines.dashdot_pattern"]),
                           ":": tuple(rc["lines.dotted_pattern"])}


def test_labels_are_chinese_in_zh(frame):
    spec = vega.projection_spec(frame, "gdp", lang="zh", names=NAMES_ZH, base_year=2023,
                                targets=[TargetMark(2024, 2100.0, "2024年目标")])
    enc = layer(spec, "line", "lines")["encoding"]
    assert spec["title"]["text"] == ["地区生产总值"]
    assert enc["x"]["axis"]["title"] == "年份"
    assert enc["y"]["title"] == "亿元(现价)"
    assert enc["color"]["scale"]["domain"] == list(NAMES_ZH.values())
    tips = [t["title"] for t in layer(spec, "point", "lines")["encoding"]["tooltip"]]
    assert tips == ["情景", "年份", "地区生产总值"]
    note = next(x for x in spec["layer"] if "note" in str(x.get("data")))["data"]["values"][0]
    note = note["note"]
    assert note == "预测 →"
    assert set(spec["datasets"]["targets"]["label"]) == {"2024年目标"}


def test_the_chart_font_is_the_bundled_cjk_font_first():
    spec = vega.projection_spec(sim.project("plan-2024"), "gdp")
    assert cjk_font_family() == CJK_FAMILY           # the family the bundled file registers
    for font in (spec["config"]["font"], spec["config"]["axis"]["labelFont"],
                 spec["config"]["legend"]["labelFont"], spec["config"]["title"]["font"]):
        assert font.startswith(f'"{CJK_FAMILY}", "DejaVu Sans", ')
        assert font.endswith(", sans-serif")
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"     # text as text


def test_tooltip_shows_the_value_as_the_app_writes_it(frame):
    spec = vega.projection_spec(frame, "gdp_real_growth", base_year=2023)
    tip = layer(spec, "point", "lines")["encoding"]["tooltip"]
    assert {"field": "text", "title": "GDP growth (real)"} in tip
    lines = spec["datasets"]["lines"]
    assert list(lines["text"]) == [fmt.value(v, "%", "en") for v in lines["value"]]
    assert lines["text"].iloc[1] == f"{lines['value'].iloc[1]:.2f}%"


def test_the_legend_toggles_a_scenario_and_the_x_axis_zooms(frame):
    spec = vega.projection_spec(frame, "gdp", base_year=2023)
    lines = layer(spec, "line", "lines")
    params = {p["name"]: p for p in lines["params"]}
    assert params[vega.LEGEND_PARAM] == {"name": vega.LEGEND_PARAM, "bind": "legend",
                                         "select": {"type": "point", "fields": ["name"]}}
    assert params[vega.ZOOM_PARAM]["bind"] == "scales"
    assert params[vega.ZOOM_PARAM]["select"]["encodings"] == ["x"]
    for drawn in (lines, layer(spec, "point", "lines")):
        opacity = drawn["encoding"]["opacity"]
        assert opacity["condition"]["param"] == vega.LEGEND_PARAM
        assert opacity["condition"]["value"] == 1 and opacity["value"] < 0.5


def test_kind_marks_history_outturn_and_projection(frame):
    spec = vega.projection_spec(frame, "gdp", base_year=2025)
    lines = spec["datasets"]["lines"]
    assert set(lines.loc[lines["year"] < 2025, "kind"]) == {"history"}
    assert set(lines.loc[lines["year"] == 2025, "kind"]) == {"outturn"}
    assert set(lines.loc[lines["year"] > 2025, "kind"]) == {"projection"}
    outturn = next(x for x in spec["layer"] if x.get("transform"))
    assert outturn["transform"] == [{"filter": {"field": "kind", "equal": "outturn"}}]
    assert outturn["mark"]["color"] == "black"


def test_targets_are_stars_at_their_year_and_value(frame):
    spec = vega.projection_spec(frame, "gdp_real_growth", base_year=2023,
                                targets=[TargetMark(2024, 5.5, "2024 target 5.5%")])
    star = layer(spec, "point", "targets")["mark"]
    assert star["shape"] == vega.SHAPES["*"]
    assert (star["color"], star["stroke"]) == (TARGET_STAR["color"], TARGET_STAR["edgecolor"])
    assert spec["datasets"]["targets"].to_dict("records") == [
        {"year": 2024, "value": 5.5, "label": "2024 target 5.5%", "text": "5.50%"}]


def test_file_text_travels_as_data_never_in_an_expression(frame):
    hostile = "$\\frac{1}{$ <img src=x> datum.x '\" {x}"     # 36 columns: not cut
    spec = vega.projection_spec(frame, "gdp", names={"plan-2024": hostile, "momentum": "M"},
                                title=hostile)
    assert hostile in set(spec["datasets"]["lines"]["name"])
    assert spec["title"]["text"] == [hostile]

    def strings(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from strings(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v, key)
        elif isinstance(node, str):
            yield key, node
    spec_only = {k: v for k, v in spec.items() if k != "datasets"}
    for key, text in strings(spec_only):
        if key in ("expr", "labelExpr", "calculate", "test", "filter", "signal"):
            assert hostile not in text, key


def test_repeated_legend_names_stay_distinct(frame):
    spec = vega.projection_spec(frame, "gdp", names={"plan-2024": "Same", "momentum": "Same"})
    assert set(spec["datasets"]["lines"]["name"]) == {"Same", "Same (2)"}


# -- contributions and structure ---------------------------------------------------------------

@pytest.fixture(scope="module")
def mc():
    return A.simulate(sim.load_scenario("plan-2024"), n_paths=2000, rng=7)


def test_fan_bands_are_the_summary_and_the_figures_colours(mc):
    summary = A.summary(mc, indicators=["gdp_real_growth"])
    probs = A.target_probabilities(mc, PLAN_2024)
    spec = vega.fan_spec(summary, "gdp_real_growth", lang="zh", targets=PLAN_2024,
                         probabilities=probs, n_paths=mc.n_paths)
    table = summary.pivot(index="year", columns="statistic", values="value")
    bands = spec["datasets"]["bands"]
    for lo, hi in (("p10", "p90"), ("p20", "p80"), ("p30", "p70"), ("p40", "p60")):
        label = phrase("band", "zh", lo=int(lo[1:]), hi=int(hi[1:]))
        b = bands[bands["band"] == label].set_index("year")
        assert (b["lo"] == table[lo]).all() and (b["hi"] == table[hi]).all()
        assert list(b["lo_text"]) == [fmt.value(x, "%", "zh") for x in table[lo]]
    lines = spec["datasets"]["lines"]
    assert list(lines.loc[lines["series"] == "中位数", "value"]) == list(table["p50"])
    area = layer(spec, "area", "bands")["encoding"]["color"]["scale"]["range"]
    fig = fan_figure(summary, "gdp_real_growth", lang="zh")
    drawn = [to_rgba(c.get_facecolor()[0]) for c in fig.axes[0].collections[:4]]
    assert np.allclose(drawn, [css_rgba(c) for c in area], atol=1 / 255)
    assert [c[3] for c in drawn] == pytest.approx(list(FAN_ALPHAS))
    assert FAN_COLOR in layer(spec, "line", "lines")["encoding"]["stroke"]["scale"]["range"]
    note = spec["datasets"]["targets"]["note"].iloc[0]
    p = probs.set_index("target").loc["gdp_growth"]
    assert note == phrase("prob", "zh", op=">=", value=5.5, unit="%", p=p["probability"],
                          se=p["mc_se"])


def test_tornado_bars_are_the_tornado_largest_on_top():
    tr = A.tornado(sim.load_scenario("plan-2024"), indicator="gdp", year=2027)
    spec = vega.tornado_spec(tr, lang="en")
    bars = spec["datasets"]["bars"]
    n = len(tr.frame)
    assert list(bars["delta"][:n]) == list(tr.frame["delta_low"])
    assert list(bars["delta"][n:]) == list(tr.frame["delta_high"])
    enc = layer(spec, "bar", "bars")["encoding"]
    assert enc["y"]["sort"] == list(bars["label"][:n])       # the frame's order: largest first
    assert enc["color"]["scale"]["range"] == [DOWN_COLOR, UP_COLOR]
    fig = tornado_figure(tr)
    assert to_hex(fig.axes[0].patches[0].get_facecolor()) == DOWN_COLOR


def test_waterfall_steps_are_the_attribution():
    at = A.attribute(sim.load_scenario("upside"), sim.load_scenario("plan-2024"),
                     indicator="gdp", year=2027)
    spec = vega.waterfall_spec(at, lang="zh")
    bars = spec["datasets"]["bars"]
    parts, starts, levels, ylim = waterfall_steps(at)
    assert list(bars["value"]) == [at.baseline_value, *parts, at.scenario_value]
    assert list(bars["bottom"][1:-1]) == list(starts)
    assert list(bars["top"][1:-1]) == list(starts + parts)
    assert bars["top"].iloc[-1] == at.scenario_value
    assert list(spec["datasets"]["steps"]["level"]) == list(levels)
    enc = layer(spec, "bar", "bars")["encoding"]
    assert enc["y"]["scale"]["domain"] == list(ylim)          # zoomed as the figure is
    assert enc["color"]["scale"]["range"] == [TOTAL_COLOR, UP_COLOR, DOWN_COLOR]
    fig = waterfall_figure(at, lang="zh")
    assert fig.axes[0].get_ylim() == pytest.approx(ylim)


# -- every spec is Vega-Lite -------------------------------------------------------------------

def test_every_spec_is_valid_vega_lite(frame, mc, tmp_path):
    alt = pytest.importorskip("altair")
    summary = A.summary(mc, indicators=["gdp"])
    specs = [
        vega.projection_spec(frame, "gdp", roles=ROLES, base_year=2023,
                             targets=[TargetMark(2024, 2100.0, "t")]),
        # the contributions and structure charts: tests/test_vega.py
        vega.fan_spec(summary, "gdp", targets=PLAN_2024),
        vega.tornado_spec(A.tornado(sim.load_scenario("plan-2024"), indicator="gdp",
                                    year=2026)),
        vega.waterfall_spec(A.attribute(sim.load_scenario("upside"),
                                        sim.load_scenario("plan-2024"), indicator="gdp",
                                        year=2026)),
    ]
    for spec in specs:
        alt.Chart.from_dict(as_records(spec))             # raises if the schema refuses it


def test_history_is_drawn_solid_before_dashed_projections_with_the_lower_bound_marked():
    from sim.history import history_frame
    from sim.plotting.history import drawn_rows

    alt = pytest.importorskip("altair")
    frame = sim.project(["plan-2024"])
    hist = history_frame(sim.load_base("xihu-2023"))
    plain = vega.projection_spec(frame, "gdp", roles={"plan-2024": "edited"}, base_year=2023)
    spec = vega.projection_spec(frame, "gdp", roles={"plan-2024": "edited"}, base_year=2023,
                                history=hist)
    drawn = spec["datasets"]["history"]
    want = drawn_rows(hist, "gdp")
    assert list(zip(drawn["year"], drawn["value"], drawn["kind"])) == list(
        zip(want["year"], want["value"], want["kind"]))
    assert list(drawn["year"]) == [2019, 2020, 2022, 2023]
    assert drawn["text"].iloc[-1] == "2,000.0 亿元"               # the "≥ X" label's text
    line = next(l for l in spec["layer"] if l.get("mark", {}).get("color") == "#2c3e50")
    assert [r["value"] for r in line["data"]["values"]] == [1415.83, 1587.6, None, 1970.1, 2000.0]
    bound = [l for l in spec["layer"] if l.get("mark", {}).get("type") == "text"
             and l["data"].get("name") == "history"]
    assert bound and bound[0]["transform"][0] == {"filter": {"field": "kind",
                                                             "equal": "lower bound"}}
    dash = lambda s: next(l for l in s["layer"] if "strokeDash" in l.get("encoding", {}))[
        "encoding"]["strokeDash"]["scale"]["range"]
    assert dash(spec) != dash(plain) and len(dash(spec)[0]) == 2    # dashed after history
    assert spec["layer"][2]["encoding"]["x"]["scale"]["domain"][0] == 2018.6
    alt.Chart.from_dict(as_records(spec))


def test_backtest_bars_are_the_errors_by_year_and_method_in_the_figures_colours():
    from sim.backtest import backtest
    from sim.history import history_frame
    from sim.plotting.history import METHOD_COLORS
    from ui.vega import backtest_spec

    base = sim.load_scenario("plan-2024").base
    table = backtest(history_frame(base), base.model_sectors)
    rows = table[table["indicator"] == "gdp_real_growth"]
    spec = backtest_spec(rows, "gdp_real_growth", lang="zh", methods=["momentum", "trend"])
    errors = spec["datasets"]["errors"]
    for method in ("momentum", "trend"):
        want = rows[rows["method"] == method].sort_values("year")
        got = errors[errors["method"] == method]
        np.testing.assert_array_equal(got["error"].to_numpy(), want["error"].to_numpy())
        assert list(got["error_text"]) == [f"{x:+.2f}个百分点" for x in want["error"]]
    bars = spec["layer"][0]["encoding"]
    assert bars["color"]["scale"]["range"] == [METHOD_COLORS["momentum"], METHOD_COLORS["trend"]]
    assert bars["xOffset"]["field"] == "label" and bars["x"]["type"] == "ordinal"
    assert spec["layer"][1]["mark"]["type"] == "rule"            # the zero line
    json.dumps({k: v for k, v in spec.items() if k != "datasets"})   # plain JSON
