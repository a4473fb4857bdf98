"""Ten users at once: real browser sessions (one headless Chromium, a context each) move
different sliders for 20 s; each must always see the numbers for its own inputs.

The minute-long version with its figures is ``benchmarks/bench_concurrency.py``.
"""
from __future__ import annotations

import pytest

from browser_helpers import MOVERS, outside_requests, run_sessions, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

DURATION = 20.0           # s of moves
WARMUP = 5.0              # s: the first move of each session, as its page has just loaded
P95_BOUND = 5.0           # s; generous: about 1–2.5 s here, with Chromium on the same 2 cores
RSS_GROWTH_BOUND = 200 * 2**20


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The moves and memory samples (conftest skips the module without Chromium)."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server(log) as server:
        out = run_sessions(server, MOVERS, duration=DURATION)
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
    return out


def test_every_session_shows_the_numbers_for_its_own_inputs(result):
    assert {m.session for m in result.moves} == set(range(len(MOVERS)))
    assert len(result.moves) >= 2 * len(MOVERS)
    failed = [f"session {m.session} at {m.at:.1f} s, {m.key}={m.value:g}: {m.detail}"
              for m in result.failures]
    assert not failed, "\n".join(failed[:10])


def test_updates_arrive_within_a_bounded_time(result):
    p95 = result.latency(0.95, after=WARMUP)
    slow = sorted((round(m.latency, 1), round(m.at)) for m in result.moves)[-5:]
    assert p95 < P95_BOUND, (f"95th percentile of slider-to-update latency after the warm-up "
                             f"{p95:.2f} s; slowest (s, at s): {slow}")


def test_server_memory_stays_flat(result):
    """From the end of the warm-up (caches and sessions filled) to the end."""
    growth = result.rss[-1][1] - result.rss_at(WARMUP)
    samples = [f"{t:.0f} s: {b / 2**20:.0f} MB" for t, b in result.rss]
    assert growth < RSS_GROWTH_BOUND, ", ".join(samples)


def test_no_request_leaves_the_machine(result):
    assert result.requests and not outside_requests(result.requests)
