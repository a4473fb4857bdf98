"""Charts of history: the outturns drawn before a projection (solid, a marker per kind, the lower
bound marked "≥"), the history alone, and a backtest's errors by year and method."""
from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import sim
from sim.backtest import backtest
from sim.history import history_frame
from sim.plotting import backtest_figure, history_figure, history_layer, projection_figure
from sim.plotting.history import HISTORY_COLOR, KIND_MARKERS


@pytest.fixture(scope="module")
def plan():
    return sim.load_scenario("plan-2024")


@pytest.fixture(scope="module")
def hist(plan):
    return history_frame(plan.base)


@pytest.fixture(scope="module")
def frame():
    return sim.project(["plan-2024", "momentum"])


def _missing_glyphs(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message).lower()]


def _history_line(ax):
    return next(ln for ln in ax.get_lines() if ln.get_color() == HISTORY_COLOR)


def test_the_history_line_runs_through_consecutive_years_and_breaks_at_an_unknown_one(hist):
    fig = history_figure(hist, "gdp")
    line = _history_line(fig.axes[0])
    assert line.get_linestyle() == "-"
    np.testing.assert_array_equal(line.get_xdata(), [2019, 2020, 2021, 2022, 2023])
    np.testing.assert_array_equal(line.get_ydata(), [1415.83, 1587.6, np.nan, 1970.1, 2000.0])


def test_each_figure_has_the_marker_of_its_kind_and_the_lower_bound_is_annotated(hist):
    fig = history_figure(hist, "gdp", lang="en")
    ax = fig.axes[0]
    by_label = {c.get_label(): c.get_offsets() for c in ax.collections}
    np.testing.assert_array_equal(by_label["secondary source (a copy)"],
                                  [[2019, 1415.83], [2020, 1587.6]])
    np.testing.assert_array_equal(by_label["published"], [[2022, 1970.1]])
    np.testing.assert_array_equal(by_label["lower bound (≥, 突破)"], [[2023, 2000.0]])
    notes = [t.get_text() for t in ax.texts]
    assert notes == ["≥ 2,000"]
    # derived figures are hollow, outturns filled
    fig = history_figure(hist, "non_services")
    hollow = {c.get_label(): tuple(c.get_facecolor()[0]) for c in fig.axes[0].collections}
    assert hollow["derived from published figures"] == (1.0, 1.0, 1.0, 1.0)
    assert hollow["approximate (rests on a lower bound)"] == (1.0, 1.0, 1.0, 1.0)
    assert KIND_MARKERS["published"]["facecolors"] == HISTORY_COLOR


def test_a_past_plans_targets_are_not_drawn_as_outturns():
    hist = pd.DataFrame({"indicator": ["gdp_real_growth"] * 3, "year": [2021, 2022, 2022],
                         "value": [6.0, 5.0, 7.0], "unit": ["%"] * 3, "source": ["x"] * 3,
                         "kind": ["published", "published", "plan"]})
    fig = history_figure(hist, "gdp_real_growth")
    ys = np.concatenate([c.get_offsets()[:, 1] for c in fig.axes[0].collections])
    assert sorted(ys) == [5.0, 6.0]


def test_the_projection_chart_draws_history_before_dashed_projections(frame, hist):
    fig = projection_figure(frame, "gdp", history=hist, base_year=2023,
                            roles={"plan-2024": "edited", "momentum": "baseline"})
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert lines["plan-2024"].get_linestyle() == "--"           # the edited line, after history
    assert lines["momentum"].get_linestyle() == "--"
    np.testing.assert_array_equal(lines["History (outturn)"].get_xdata(),
                                  [2019, 2020, 2021, 2022, 2023])
    assert ax.get_xlim()[0] == pytest.approx(2018.6)
    assert 2019 in ax.get_xticks()
    # without history: as before, the edited line solid and no history line
    fig = projection_figure(frame, "gdp", base_year=2023,
                            roles={"plan-2024": "edited", "momentum": "baseline"})
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    assert lines["plan-2024"].get_linestyle() == "-" and "History (outturn)" not in lines
    assert fig.axes[0].get_xlim()[0] == pytest.approx(2022.6)


def test_an_indicator_without_history_draws_the_projection_only(frame, hist):
    fig = projection_figure(frame, "rd_intensity", history=hist, base_year=2023,
                            roles={"plan-2024": "edited"})
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    assert "History (outturn)" not in lines and lines["plan-2024"].get_linestyle() == "-"


def test_the_backtest_chart_bars_are_the_errors_by_year_and_method(plan, hist):
    table = backtest(hist, plan.base.model_sectors)
    fig = backtest_figure(table, "gdp_real_growth")
    ax = fig.axes[0]
    rows = table[table["indicator"] == "gdp_real_growth"]
    bars = {}
    for container in ax.containers:
        bars[container.get_label()] = [p.get_height() for p in container.patches]
    years = sorted(set(rows["year"]))
    for method, label in (("momentum", "momentum (last year's rates)"),
                          ("trend", "trend (mean of the years so far)")):
        sub = rows[rows["method"] == method].set_index("year")["error"].reindex(years)
        np.testing.assert_array_equal(np.nan_to_num(bars[label], nan=-999),
                                      np.nan_to_num(sub.to_numpy(), nan=-999))
    assert ax.get_ylabel() == "error (projected − outturn), pp"
    levels = backtest_figure(pd.DataFrame({"method": ["trend"], "indicator": ["gdp"],
                                           "year": [2020], "projected": [110.0],
                                           "outturn": [100.0], "error": [10.0],
                                           "unit": ["亿元"]}), "gdp")
    assert levels.axes[0].get_ylabel() == "error (projected − outturn), % of outturn"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_history_charts_draw_chinese_glyphs(frame, hist, plan, lang):
    assert not _missing_glyphs(projection_figure(frame, "gdp", history=hist, lang=lang,
                                                 base_year=2023))
    assert not _missing_glyphs(history_figure(hist, "services_share", lang=lang))
    table = backtest(hist, plan.base.model_sectors)
    fig = backtest_figure(table, "gdp_real_growth", lang=lang)
    assert not _missing_glyphs(fig)
    if lang == "zh":
        labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert labels == ["惯性(延续上年增速)", "趋势(历年均值)"]


def test_method_names_from_a_caller_draw_literally(plan, hist):
    table = backtest(hist, plan.base.model_sectors)
    fig = backtest_figure(table, "gdp_real_growth",
                          names={"momentum": "$x^2$ \\frac{", "trend": "ok"})
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["$x^2$ \\frac{", "ok"]
    fig.savefig(io.BytesIO(), format="png")


def test_history_layer_returns_the_years_it_drew(hist):
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    np.testing.assert_array_equal(history_layer(ax, hist, "gdp_real_growth"),
                                  [2019, 2020, 2021, 2023])
    assert len(history_layer(ax, hist, "no_such_indicator")) == 0
