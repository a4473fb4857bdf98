"""The browser benchmark's own pieces: the bare page shows the figures the benchmark expects,
and the helpers that count and summarize what was measured."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import bare_app  # noqa: E402
import bench_browser  # noqa: E402


def test_bare_figures_are_hand_computed_functions_of_the_slider():
    # GDP 2000 × (1 + 5.6 / 100) = 2112.0; services 70 %, non-services 30 %, retail 40 %
    assert bare_app.figures(5.6) == ["2,112.0 亿元", "5.60%", "1,478.4 亿元", "633.6 亿元",
                                     "844.8 亿元", "3.06%"]
    assert bare_app.figures(5.61)[0] != bare_app.figures(5.6)[0]   # one step shows


def test_bare_page_shows_the_figures_for_the_slider_value():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(BENCH / "bare_app.py"), default_timeout=60).run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown == dict(zip(bare_app.LABELS, bare_app.figures(bare_app.START)))
    at.slider(key=bare_app.KEY).set_value(5.63).run()
    shown = {m.label: m.value for m in at.metric}
    assert shown == dict(zip(bare_app.LABELS, bare_app.figures(5.63)))
    assert shown["GDP"] == "2,112.6 亿元"                  # 2000 × 1.0563
    assert len(at.slider) == 1 and len(at.metric) == 6


def test_quantile_interpolates_between_order_statistics():
    xs = [40.0, 10.0, 30.0, 20.0]
    assert bench_browser._quantile(xs, 0.5) == pytest.approx(25.0)
    assert bench_browser._quantile(xs, 0.9) == pytest.approx(37.0)   # 30 + 0.7 × 10
    assert bench_browser._quantile(xs, 0.0) == 10.0
    assert bench_browser._quantile(xs, 1.0) == 40.0


def test_frame_tally_counts_streamlit_messages_by_kind():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    metric = ForwardMsg()
    metric.delta.new_element.metric.label = "GDP"
    block = ForwardMsg()
    block.delta.add_block.SetInParent()
    done = ForwardMsg()
    done.script_finished = 1
    frames = [m.SerializeToString() for m in (metric, metric, block, done)]
    tally = bench_browser.frame_tally(frames)
    assert tally["delta.new_element.metric"] == (2, 2 * len(frames[0]))
    assert tally["delta.add_block"] == (1, len(frames[2]))
    assert tally["script_finished"] == (1, len(frames[3]))
    assert list(tally)[0] == "delta.new_element.metric"      # most frequent first


def test_the_press_bursts_go_back_and_forth_and_never_back_to_the_start():
    import bench_presses

    steps = [bench_presses.burst_steps(i) for i in range(6)]
    assert steps == [20, -10, 10, -10, 10, -10]
    positions = [sum(steps[:i + 1]) for i in range(len(steps))]
    assert positions == [20, 10, 20, 10, 20, 10]           # the same values again, never 0
