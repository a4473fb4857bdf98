"""Start-up: ``import sim`` and the app's first render.

    .venv/bin/python benchmarks/bench_startup.py

Goals: ``import sim`` under 0.3 s (scipy and matplotlib imported only where needed); the app's
first render (from ``streamlit run`` to every headline figure shown and stable in headless
Chromium) under 3 s.
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_helpers import HEADLINE_METRICS, settle  # noqa: E402
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IMPORT = "import time; t = time.perf_counter(); import sim; print(time.perf_counter() - t)"


def import_time(repeat: int = 7) -> float:
    """Median seconds of ``import sim`` in a fresh interpreter."""
    times = [float(subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True,
                                  check=True, cwd=ROOT).stdout) for _ in range(repeat)]
    return statistics.median(times)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_render() -> float | None:
    """Seconds from ``streamlit run app.py`` to every headline figure shown and stable
    (``browser_helpers.settle``); None without a browser."""
    if not (ROOT / "app.py").exists() or not os.path.exists(CHROMIUM):
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        port = _free_port()
        t0 = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true"], cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                    break
                except OSError:
                    if time.perf_counter() - t0 > 60:
                        raise TimeoutError("the app did not start within 60 s") from None
                    time.sleep(0.02)
            page.goto(f"http://127.0.0.1:{port}/")
            settle(page, metrics=HEADLINE_METRICS)
            return time.perf_counter() - t0
        finally:
            server.terminate()
            server.wait(timeout=10)
            browser.close()


def run() -> list[dict]:
    t_import = import_time()
    rows = [{"name": "import sim", "value": t_import, "unit": "s", "goal": "< 0.3 s",
             "ok": t_import < 0.3}]
    render = first_render()
    if render is not None:
        rows.append({"name": "app first render after `streamlit run`", "value": render,
                     "unit": "s", "goal": "< 3 s", "ok": render < 3.0})
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']:<42} {r['value']:.3f} {r['unit']}  goal {r['goal']}  "
              f"{'met' if r['ok'] else 'NOT MET'}")
