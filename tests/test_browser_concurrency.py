"""Ten users at once: real browser sessions (one headless Chromium, a context each) move
different sliders for 20 s, and on until each has made three moves; each must always see the
numbers for its own inputs.

Correctness and isolation only: how fast the updates arrive is measured, with its figures, by
``benchmarks/bench_concurrency.py``.
"""
from __future__ import annotations

from collections import Counter

import pytest

from browser_helpers import MOVERS, outside_requests, run_sessions, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]     # a hang guard

DURATION = 20.0           # s of moves
MIN_MOVES = 3             # moves of each session, however long they take
RSS_GROWTH_BOUND = 200 * 2**20


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The moves and memory samples (conftest skips the module without Chromium)."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server(log) as server:
        out = run_sessions(server, MOVERS, duration=DURATION, min_moves=MIN_MOVES)
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
    return out


def test_every_session_shows_the_numbers_for_its_own_inputs(result):
    made = Counter(m.session for m in result.moves)
    assert set(made) == set(range(len(MOVERS)))
    assert min(made.values()) >= MIN_MOVES, made
    failed = [f"session {m.session} at {m.at:.1f} s, {m.key}={m.value:g}: {m.detail}"
              for m in result.failures]
    assert not failed, "\n".join(failed[:10])


def test_server_memory_stays_flat(result):
    """From the moment every session had made its first move (caches and sessions filled) to
    the end."""
    growth = result.rss[-1][1] - result.rss_at(result.warm())
    samples = [f"{t:.0f} s: {b / 2**20:.0f} MB" for t, b in result.rss]
    assert growth < RSS_GROWTH_BOUND, ", ".join(samples)


def test_no_request_leaves_the_machine(result):
    assert result.requests and not outside_requests(result.requests)
