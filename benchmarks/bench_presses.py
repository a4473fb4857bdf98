"""Bursts of fast key presses: does every burst end in a finished run with the burst's value?

    .venv/bin/python benchmarks/bench_presses.py [--bursts 40]

One ``streamlit run app.py`` on 127.0.0.1 and one headless Chromium (``tests/browser_helpers.py``).
On the services deflator slider (``services_deflator_first``, a step of 0.01 pp) the page gets
bursts of arrow-key presses sent without waiting: twenty to the right first, then ten to the
left and ten to the right in turn, so that the same values — and the same large messages of the
server — come back in every other burst, and the slider never returns to the file's own value
(where the URL drops it). After each burst the page must settle within 30 s: the slider at the
burst's value, the run over, the URL holding the value, the six headline figures shown and
stable (:func:`browser_helpers.wait_for_run`). A burst that does not is a stall, and the
benchmark stops there.

This is the check behind ``docs/performance.md``, lever 11: with Streamlit's message cache on,
the app stalled at the ninth burst of such a run (the browser's "Cached ForwardMsg MISS"); the
goal is no stall and no such error. Figures: bursts settled, stalls, the browser's cache-miss
errors, and the time from a burst's last press until the page settled (median, for
information).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(HERE), str(ROOT), str(ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from browser_helpers import streamlit_server  # noqa: E402
from report import report  # noqa: E402

KEY = "services_deflator_first"
PRESSES = 10
SETTLE_MS = 30_000


def burst_steps(i: int) -> int:
    """Presses of burst ``i`` (right when positive): +20, then -10 and +10 in turn (the
    slider at +20, +10, +20, … steps from its start, never back at it)."""
    return 2 * PRESSES if i == 0 else PRESSES if i % 2 == 0 else -PRESSES


def run(bursts: int = 40) -> list[dict]:
    """Measure; return rows of (name, value, unit, goal, ok) as the other benchmarks do."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from browser_helpers import (HEADLINE_METRICS, STEP, VIEWPORT, launch_chromium, open_app,
                                 press, slider_value, wait_for_run, wait_for_slider)

    misses: list[str] = []
    settled: list[float] = []
    stalls = 0
    with tempfile.TemporaryDirectory() as tmp, \
            streamlit_server(Path(tmp) / "streamlit.log") as srv, sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport=VIEWPORT)
        page.on("console", lambda m: misses.append(m.text)
                if "Cached ForwardMsg MISS" in m.text else None)
        open_app(page, srv.url)
        for i in range(bursts):
            steps = burst_steps(i)
            value = round(slider_value(page, KEY) + steps * STEP, 2)
            press(page, KEY, steps)
            t0 = time.perf_counter()
            try:
                wait_for_slider(page, KEY, value, timeout=SETTLE_MS)
                wait_for_run(page, KEY, value, metrics=HEADLINE_METRICS, timeout=SETTLE_MS)
            except PlaywrightTimeout:
                stalls += 1
                break
            settled.append(time.perf_counter() - t0)
        browser.close()
    median = statistics.median(settled) if settled else float("nan")
    return [
        {"name": f"presses: bursts of fast presses settled (of {bursts})",
         "value": len(settled), "unit": "", "goal": f"{bursts}", "ok": len(settled) == bursts},
        {"name": "presses: bursts stalled (no finished run with the value in 30 s)",
         "value": stalls, "unit": "", "goal": "0", "ok": stalls == 0},
        {"name": "presses: browser errors \"Cached ForwardMsg MISS\"",
         "value": len(misses), "unit": "", "goal": "0", "ok": not misses},
        {"name": "presses: last press → page settled, median", "value": median, "unit": "s",
         "goal": "(for information)", "ok": True},
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bursts", type=int, default=40, help="bursts of presses (default 40)")
    args = ap.parse_args(argv)
    rows = run(args.bursts)
    print(report(rows))
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
