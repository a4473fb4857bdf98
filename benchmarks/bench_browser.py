"""What a user waits for in the browser: the app side by side with a bare Streamlit page.

    .venv/bin/python benchmarks/bench_browser.py [--moves 30] [--views 5] [--presses 3]

Two servers on 127.0.0.1 — ``streamlit run app.py`` and ``streamlit run
benchmarks/bare_app.py`` (one slider and six ``st.metric``: the framework's floor) — and one
headless Chromium (``tests/browser_helpers.py``). Every figure of the app is measured in the
same run as the bare page's, interleaved move by move, so that the ratio holds on a loaded
machine.

* Slider → repaint: one arrow-key press on the services slider (``services_real_first``, a
  step of 0.01 pp, always to a value not shown before), timed in the page with
  ``performance.now()`` from the key's ``keydown`` to the moment a ``MutationObserver`` sees the
  first headline metric read the text expected: for the app the GDP ``sim`` computes for the
  2024 plan with the new first-year rate, for the bare page :func:`bare_app.figures`. After
  each move the page must settle (run over, six figures, stable; for the app the URL holding
  the value) and still show that text. Median and 90th percentile; goals: within 1.5× and 2×
  of the bare page's. The app's headline is computed in the browser as the slider moves
  (:mod:`ui.instant`), so its repaint does not wait for the server; the time until the end of
  the server's run (which redraws the rest of the page: the chart, the targets table) is
  reported beside it, against the bare page's.
* First view: a new browser context opens the URL of a warm server; the time from the start
  of the navigation (``performance.now()`` is 0 there) to the moment the six headline figures
  first showed the texts they still show once the page is complete (every change of their
  texts is recorded from the document's start). Median; goal: within 1.5× of the bare page's.
  Beside it, for information, the time until the page is complete with them (script run over,
  nothing stale, no skeleton), which waits for every element's script and the chart.
* Three fast presses: three arrow-key presses without waiting; once the page settles, the GDP
  shown must be the one ``sim`` computes for the slider's final value (pass/fail, each trial).
* Drag (stretch goal): the slider's thumb dragged with the mouse for two seconds; the number
  of times the GDP figure changed while the button was down, per second, and of times the
  projection chart's lines were redrawn; goal: at least 20.
  (``st.slider`` sends its value when the mouse is released: the bare page shows 0; the app's
  headline and chart follow the thumb in the browser.)
* For the profile (``docs/performance.md``), per move: when the server's first message, the
  GDP metric's message and the end-of-run message arrived after the key press (their arrival
  recorded in the page, their kinds read by decoding the same frames as ``ForwardMsg``);
  websocket frames and bytes the server sent (one frame per ``ForwardMsg``, so about one per
  element drawn); the bytes of the images fetched; and the browser main thread's task, script
  and layout + style time (Chrome DevTools ``Performance.getMetrics``). ``--frames`` prints the
  messages per move by kind.

Nothing here bounds the app in a test: the goals are checked only in this benchmark's table.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(HERE), str(ROOT), str(ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from browser_helpers import streamlit_server  # noqa: E402
from report import report  # noqa: E402

KEY = "services_real_first"
#: Message kinds that carry the headline figures: the bare page's metrics, the app's component.
HEADLINE_MESSAGES = {"delta.new_element.metric", "delta.new_element.bidi_component"}
GOAL_MEDIAN_RATIO = 1.5
GOAL_P90_RATIO = 2.0
GOAL_FIRST_VIEW_RATIO = 1.5
GOAL_DRAG_PER_S = 20.0
DRAG_S = 2.0

#: JavaScript, once per page: the time of the last ``keydown`` (ms since navigation start).
_KEY_JS = """() => {
    performance.setResourceTimingBufferSize(100000);
    window.__keyAt = null;
    document.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true);
}"""
#: JavaScript (init script): the arrival time of every websocket message (ms since navigation
#: start), recorded before the page's own handler sees it.
_WS_JS = """(() => {
    const Native = window.WebSocket;
    window.__arrivals = [];
    function Recorded(...args) {
        const ws = new Native(...args);
        ws.addEventListener('message', () => window.__arrivals.push(performance.now()));
        return ws;
    }
    Recorded.prototype = Native.prototype;
    Object.assign(Recorded, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
    window.WebSocket = Recorded;
})();"""
#: JavaScript (argument: the text expected): arm a one-shot observer that records when the
#: first metric, drawn in the current run (not stale), reads the text.
_ARM_JS = """(want) => {
    window.__shownAt = null;
    const check = () => {
        const box = document.querySelector('[data-testid$="Metric"]');
        const v = box && box.querySelector('[data-testid$="MetricValue"]');
        if (v && !box.closest('[data-stale="true"]') && v.textContent.trim() === want) {
            window.__shownAt = performance.now();
            return true;
        }
        return false;
    };
    const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
    obs.observe(document, {childList: true, subtree: true, characterData: true,
                           attributes: true, attributeFilter: ['data-stale']});
    window.__armed = obs;
}"""
_LATENCY_JS = "() => { window.__armed?.disconnect(); return window.__shownAt - window.__keyAt; }"
#: JavaScript (init script; placeholders N and DASH): from the start of the document, every
#: change of the headline figures' texts (``__looks``: time, texts), and the time the page
#: last changed its look with all of them shown, its run over and nothing stale (``__lookAt``).
_FIRST_VIEW_JS = """(() => {
    window.__look = undefined;
    window.__lookAt = null;
    window.__looks = [];
    const check = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        const values = Array.from(document.querySelectorAll('[data-testid$="MetricValue"]'),
                                  e => e.textContent.trim());
        const texts = JSON.stringify(values);
        const last = window.__looks[window.__looks.length - 1];
        if (!last || last[1] !== texts) window.__looks.push([performance.now(), texts]);
        const ready = app !== null
            && app.getAttribute('data-test-script-state') === 'notRunning'
            && document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]') === null
            && values.length === __N__ && values.every(v => v !== '' && v !== __DASH__);
        const look = ready ? texts : null;
        if (look !== window.__look) { window.__look = look; window.__lookAt = performance.now(); }
    };
    new MutationObserver(check).observe(document, {childList: true, subtree: true,
        characterData: true, attributes: true,
        attributeFilter: ['data-test-script-state', 'data-stale', 'data-testid']});
})();"""
#: JavaScript: when the headline figures first showed the texts they show now, and kept them
#: (ms since the navigation's start).
_FIGURES_AT_JS = """() => {
    const looks = window.__looks, now = looks[looks.length - 1][1];
    let i = looks.length - 1;
    while (i > 0 && looks[i - 1][1] === now) i -= 1;
    return looks[i][0];
}"""
#: JavaScript: count the changes of the first metric's text from now on, and the redraws of
#: the app's projection chart (observer callbacks that saw its SVG's lines change).
_COUNT_JS = """() => {
    window.__changes = 0;
    window.__chartChanges = 0;
    let last = document.querySelector('[data-testid$="MetricValue"]')?.textContent;
    const obs = new MutationObserver(() => {
        const now = document.querySelector('[data-testid$="MetricValue"]')?.textContent;
        if (now !== last) { last = now; window.__changes += 1; }
    });
    obs.observe(document, {childList: true, subtree: true, characterData: true});
    const chart = document.querySelector('[data-testid="simChart"]');
    const lines = new MutationObserver(() => { window.__chartChanges += 1; });
    if (chart) lines.observe(chart, {attributes: true, attributeFilter: ['d'], subtree: true});
    window.__counter = {disconnect: () => { obs.disconnect(); lines.disconnect(); }};
}"""
#: JavaScript: bytes of each image the page has fetched from the server's media endpoint.
_MEDIA_JS = """() => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/media/')).map(e => e.encodedBodySize)"""
_ELEMENTS_JS = "() => document.querySelectorAll('[data-testid=\"stElementContainer\"]').length"


# --- servers ---------------------------------------------------------------------------------


@contextmanager
def serve(script: Path, log: Path, *, start_timeout: float = 120) -> Iterator[str]:
    """``streamlit run script`` on a free port of 127.0.0.1 (output in ``log``); its URL once the
    health endpoint answers. Stopped on exit."""
    with streamlit_server(log, script=script, start_timeout=start_timeout) as server:
        yield server.url


# --- one measured page -----------------------------------------------------------------------


@dataclass
class Target:
    """One page under measurement: its URL, the GDP text expected for a slider value, whether
    the URL carries the slider's value, and what was measured on it."""

    name: str
    url: str
    expected: Callable[[float], str]
    url_holds_value: bool
    latencies: list[float] = field(default_factory=list)       # ms
    views: list[float] = field(default_factory=list)           # s, page complete
    figures: list[float] = field(default_factory=list)         # s, headline figures final
    presses: list[tuple[bool, str]] = field(default_factory=list)
    frames: list[bytes] = field(default_factory=list)          # websocket frames received
    phases: list[tuple[float, float, float]] = field(default_factory=list)  # ms, see move()
    page: object = None
    cdp: object = None

    def open(self, browser) -> None:
        from browser_helpers import TIMEOUT, VIEWPORT, open_app

        ctx = browser.new_context(viewport=VIEWPORT)
        ctx.add_init_script(_WS_JS)
        page = ctx.new_page()
        page.set_default_timeout(TIMEOUT)
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda payload: self.frames.append(
                payload if isinstance(payload, bytes) else payload.encode())))
        open_app(page, self.url)
        page.evaluate(_KEY_JS)
        self.page = page
        self.cdp = ctx.new_cdp_session(page)
        self.cdp.send("Performance.enable")

    def settle(self, value: float, timeout: float | None = None) -> None:
        from browser_helpers import HEADLINE_METRICS, TIMEOUT, settle

        settle(self.page, metrics=HEADLINE_METRICS,
               url=(KEY, value) if self.url_holds_value else None,
               timeout=timeout or TIMEOUT)

    def move(self) -> float:
        """One arrow-key step to the right; the latency to the expected text, ms.

        Also records in :attr:`phases` when, after the key press, the server's first message,
        the headline (the first ``st.metric`` or the app's headline component) and the end of
        the run arrived (ms), if the
        page's and Playwright's counts of messages agree.
        """
        from browser_helpers import STEP, press, shown_gdp, slider_value

        value = round(slider_value(self.page, KEY) + STEP, 2)
        want = self.expected(value)
        start = self.page.evaluate("() => window.__arrivals.length")
        self.page.evaluate(_ARM_JS, want)
        press(self.page, KEY, 1)
        self.page.wait_for_function("() => window.__shownAt !== null", polling="raf")
        latency = self.page.evaluate(_LATENCY_JS)
        self.settle(value)
        shown = shown_gdp(self.page)
        if shown != want:
            raise RuntimeError(f"{self.name}: shows {shown} after the move to {value}, "
                               f"expected {want}")
        arrivals, key_at = self.page.evaluate("() => [window.__arrivals, window.__keyAt]")
        if len(arrivals) == len(self.frames):
            kinds = list(frame_tally([f]) for f in self.frames[start:])
            times = [a - key_at for a in arrivals[start:]]
            first_metric = next((t for t, k in zip(times, kinds)
                                 if HEADLINE_MESSAGES & set(k)), None)
            finished = next((t for t, k in zip(times, kinds) if "script_finished" in k), None)
            if times and first_metric is not None and finished is not None:
                self.phases.append((times[0], first_metric, finished))
        return latency

    def three_presses(self) -> None:
        """Three key presses without waiting; record whether the settled page shows the GDP of
        the slider's final value."""
        from playwright.sync_api import Error as PlaywrightError

        from browser_helpers import (POLL_MS, STEP, press, shown_gdp, slider_value,
                                     wait_for_slider)

        final = round(slider_value(self.page, KEY) + 3 * STEP, 2)
        want = self.expected(final)
        press(self.page, KEY, 3)
        try:
            wait_for_slider(self.page, KEY, final, timeout=20_000)
            self.settle(final, timeout=30_000)
        except PlaywrightError as err:
            self.presses.append((False, f"no settled run with {final}: "
                                        f"{str(err).splitlines()[0]}"))
            return
        if not self.url_holds_value:
            # the page has no mark of the value its run used: allow a later run to come
            try:
                self.page.wait_for_function(
                    "(w) => document.querySelector('[data-testid$=\"MetricValue\"]')"
                    "?.textContent.trim() === w", arg=want, timeout=5_000, polling=POLL_MS)
            except PlaywrightError:
                pass
        shown = shown_gdp(self.page)
        self.presses.append((shown == want, f"{self.name} at {final}: shows {shown}, "
                                            f"expected {want}"))

    def first_view(self, browser) -> tuple[float, float]:
        """Open the URL in a new context; seconds until the headline figures first showed the
        texts they keep, and until the page was complete with them (its run over, nothing
        stale)."""
        from browser_helpers import HEADLINE_METRICS, TIMEOUT, VIEWPORT, settle
        from ui.format import DASH

        ctx = browser.new_context(viewport=VIEWPORT)
        try:
            ctx.add_init_script(_FIRST_VIEW_JS.replace("__N__", str(HEADLINE_METRICS))
                                .replace("__DASH__", json.dumps(DASH)))
            page = ctx.new_page()
            page.goto(self.url)
            settle(page, metrics=HEADLINE_METRICS, timeout=TIMEOUT)
            return (page.evaluate(_FIGURES_AT_JS) / 1e3,
                    page.evaluate("() => window.__lookAt") / 1e3)
        finally:
            ctx.close()

    def drag(self) -> tuple[float, float]:
        """Drag the slider's thumb for :data:`DRAG_S` seconds; GDP changes and chart redraws
        per second."""
        page = self.page
        # the thumb holds the (visually hidden) range input; the track holds the thumb
        thumb = page.locator(f".st-key-{KEY} input[type='range']").locator("xpath=../..")
        track = thumb.locator("xpath=..")
        box, bar = thumb.bounding_box(timeout=5_000), track.bounding_box(timeout=5_000)
        if box is None or bar is None:
            raise RuntimeError(f"{self.name}: the slider's thumb is not on the page")
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.evaluate(_COUNT_JS)
        page.mouse.move(x, y)
        page.mouse.down()
        t0 = time.perf_counter()
        i = 0
        while time.perf_counter() - t0 < DRAG_S:
            i += 1
            # back and forth over a tenth of the track, one pixel per step
            span = max(10, int(bar["width"] / 10))
            offset = i % (2 * span)
            page.mouse.move(x + (offset if offset <= span else 2 * span - offset), y)
        elapsed = time.perf_counter() - t0
        changes, redraws = page.evaluate(
            "() => { window.__counter.disconnect(); return [window.__changes,"
            " window.__chartChanges]; }")
        page.mouse.up()
        return changes / elapsed, redraws / elapsed

    def main_thread(self) -> dict[str, float]:
        """The browser's cumulative main-thread times (s) and the bytes of every image fetched
        from the media endpoint (``media``)."""
        got = self.cdp.send("Performance.getMetrics")["metrics"]
        return {**{m["name"]: m["value"] for m in got},
                "media": self.page.evaluate(_MEDIA_JS)}


def _quantile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _app_expected() -> Callable[[float], str]:
    import sim
    from browser_helpers import gdp_text

    plan = sim.load_scenario("plan-2024")
    later = plan.rates["services_real"]
    return lambda v: gdp_text(plan.with_rates(services_real=[v, later]))


def run(moves: int = 30, views: int = 5, presses: int = 3, warmup: int = 2, *,
        frames: bool = False) -> list[dict]:
    """Measure; return rows of (name, value, unit, goal, ok) as the other benchmarks do.

    With ``frames``, print (to stderr) the messages the server sent per measured move, by kind.
    """
    import logging

    import streamlit  # noqa: F401 - creates its loggers, quietened here

    for name in ["streamlit", *logging.root.manager.loggerDict]:
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    import bare_app
    from playwright.sync_api import sync_playwright

    from browser_helpers import launch_chromium

    with tempfile.TemporaryDirectory() as tmp:
        logs = Path(tmp) / "app.log", Path(tmp) / "bare.log"
        with serve(ROOT / "app.py", logs[0]) as app_url, \
                serve(HERE / "bare_app.py", logs[1]) as bare_url, sync_playwright() as p:
            browser = launch_chromium(p)
            app = Target("app", app_url, _app_expected(), True)
            bare = Target("bare", bare_url, lambda v: bare_app.figures(v)[0], False)
            try:
                pair = (app, bare)
                for t in pair:
                    t.open(browser)
                for _ in range(warmup):
                    for t in pair:
                        t.move()
                for t in pair:
                    t.phases.clear()
                before = {t.name: (t.main_thread(), len(t.frames)) for t in pair}
                for i in range(moves):
                    for t in (pair if i % 2 == 0 else pair[::-1]):
                        t.latencies.append(t.move())
                after = {t.name: (t.main_thread(), len(t.frames)) for t in pair}
                if frames:
                    for t in pair:
                        print(f"{t.name}: messages per move (count, bytes)", file=sys.stderr)
                        tally = frame_tally(t.frames[before[t.name][1]:after[t.name][1]])
                        for kind, (n, b) in tally.items():
                            print(f"  {kind:<40} {n / moves:6.1f} {b / moves:9.0f}",
                                  file=sys.stderr)
                elements = {t.name: t.page.evaluate(_ELEMENTS_JS) for t in pair}
                for _ in range(presses):
                    for t in pair:
                        t.three_presses()
                drag = {}
                for t in pair:
                    try:
                        drag[t.name] = t.drag()
                    except Exception as err:  # noqa: BLE001 - the stretch figure is optional
                        print(f"drag on {t.name} not measured: {err}", file=sys.stderr)
                        drag[t.name] = (float("nan"), float("nan"))
                for i in range(views):
                    for t in (pair if i % 2 == 0 else pair[::-1]):
                        figures, complete = t.first_view(browser)
                        t.figures.append(figures)
                        t.views.append(complete)
            finally:
                browser.close()
        for log in logs:
            if "Traceback" in log.read_text():
                raise RuntimeError(f"{log.name}: {log.read_text()[-2000:]}")
    return _rows(app, bare, before, after, elements, drag, moves)


def _rows(app: Target, bare: Target, before, after, elements, drag, moves) -> list[dict]:
    info = "(for information)"
    med = {t.name: statistics.median(t.latencies) for t in (app, bare)}
    p90 = {t.name: _quantile(t.latencies, 0.9) for t in (app, bare)}
    view = {t.name: statistics.median(t.figures) for t in (app, bare)}
    complete = {t.name: statistics.median(t.views) for t in (app, bare)}
    r_med, r_p90 = med["app"] / med["bare"], p90["app"] / p90["bare"]
    r_view = view["app"] / view["bare"]
    failed = [d for ok, d in app.presses if not ok]
    bare_failed = [d for ok, d in bare.presses if not ok]
    for d in failed + bare_failed:
        print(f"three presses: {d}", file=sys.stderr)
    rows = [
        {"name": f"browser: slider→repaint, app, median of {moves}", "value": med["app"],
         "unit": "ms", "goal": info, "ok": True},
        {"name": f"browser: slider→repaint, bare page, median of {moves}",
         "value": med["bare"], "unit": "ms", "goal": info, "ok": True},
        {"name": "browser: slider→repaint median, app / bare", "value": r_med, "unit": "×",
         "goal": f"<= {GOAL_MEDIAN_RATIO:g}", "ok": r_med <= GOAL_MEDIAN_RATIO},
        {"name": "browser: slider→repaint, app, 90th percentile", "value": p90["app"],
         "unit": "ms", "goal": info, "ok": True},
        {"name": "browser: slider→repaint, bare page, 90th percentile", "value": p90["bare"],
         "unit": "ms", "goal": info, "ok": True},
        {"name": "browser: slider→repaint 90th percentile, app / bare", "value": r_p90,
         "unit": "×", "goal": f"<= {GOAL_P90_RATIO:g}", "ok": r_p90 <= GOAL_P90_RATIO},
        {"name": f"browser: first view (headline figures shown), app, median of "
                 f"{len(app.figures)}", "value": view["app"], "unit": "s", "goal": info,
         "ok": True},
        {"name": f"browser: first view (headline figures shown), bare page, median of "
                 f"{len(bare.figures)}", "value": view["bare"], "unit": "s", "goal": info,
         "ok": True},
        {"name": "browser: first view (headline figures shown), app / bare", "value": r_view,
         "unit": "×", "goal": f"<= {GOAL_FIRST_VIEW_RATIO:g}",
         "ok": r_view <= GOAL_FIRST_VIEW_RATIO},
        {"name": "browser: first view, page complete (run over, nothing stale), app",
         "value": complete["app"], "unit": "s", "goal": info, "ok": True},
        {"name": "browser: first view, page complete, bare page", "value": complete["bare"],
         "unit": "s", "goal": info, "ok": True},
        {"name": "browser: first view, page complete, app / bare",
         "value": complete["app"] / complete["bare"], "unit": "×", "goal": info, "ok": True},
        {"name": f"browser: three fast presses, app, trials showing a stale value "
                 f"(of {len(app.presses)})", "value": len(failed), "unit": "",
         "goal": "0", "ok": not failed},
        {"name": "browser: three fast presses, bare page, stale trials", "value":
         len(bare_failed), "unit": "", "goal": info, "ok": True},
        {"name": f"browser: drag, app, GDP updates per second ({DRAG_S:g} s)",
         "value": drag["app"][0], "unit": "/s", "goal": f">= {GOAL_DRAG_PER_S:g} (stretch)",
         "ok": drag["app"][0] >= GOAL_DRAG_PER_S},
        {"name": f"browser: drag, app, chart redraws per second ({DRAG_S:g} s)",
         "value": drag["app"][1], "unit": "/s", "goal": f">= {GOAL_DRAG_PER_S:g} (stretch)",
         "ok": drag["app"][1] >= GOAL_DRAG_PER_S},
        {"name": "browser: drag, bare page, updates per second", "value": drag["bare"][0],
         "unit": "/s", "goal": info, "ok": True},
    ]
    for t in (app, bare):
        label = "app" if t is app else "bare page"
        if t.phases:
            for i, what in enumerate(("server's first message", "headline message",
                                      "end-of-run message")):
                rows.append({"name": f"browser: key → {what} arrives, {label}, median of "
                                     f"{len(t.phases)}",
                             "value": statistics.median(p[i] for p in t.phases), "unit": "ms",
                             "goal": info, "ok": True})
    if app.phases and bare.phases:
        end = [statistics.median(p[2] for p in t.phases) for t in (app, bare)]
        rows.append({"name": "browser: key → end of the server's run (the rest of the page), "
                             "app / bare", "value": end[0] / end[1], "unit": "×",
                     "goal": info, "ok": True})
    for t in (app, bare):
        (m0, n0), (m1, n1) = before[t.name], after[t.name]
        sent = t.frames[n0:n1]
        per = {k: (m1[k] - m0[k]) / moves * 1e3 for k in
               ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")}
        label = "app" if t is app else "bare page"
        rows += [
            {"name": f"browser: per move, {label}, websocket frames received",
             "value": len(sent) / moves, "unit": "", "goal": info, "ok": True},
            {"name": f"browser: per move, {label}, websocket bytes received",
             "value": sum(map(len, sent)) / moves / 1e3, "unit": "kB", "goal": info,
             "ok": True},
            {"name": f"browser: per move, {label}, main-thread tasks", "value":
             per["TaskDuration"], "unit": "ms", "goal": info, "ok": True},
            {"name": f"browser: per move, {label}, script", "value": per["ScriptDuration"],
             "unit": "ms", "goal": info, "ok": True},
            {"name": f"browser: per move, {label}, layout + style", "value":
             per["LayoutDuration"] + per["RecalcStyleDuration"], "unit": "ms", "goal": info,
             "ok": True},
            {"name": f"browser: per move, {label}, images fetched", "value":
             sum(m1["media"][len(m0["media"]):]) / moves / 1e3, "unit": "kB", "goal": info,
             "ok": True},
            {"name": f"browser: {label}, element containers on the page",
             "value": elements[t.name], "unit": "", "goal": info, "ok": True},
        ]
    return rows


def frame_tally(frames: list[bytes]) -> dict[str, tuple[int, int]]:
    """Streamlit's messages in ``frames`` by kind (``delta.new_element.metric``, ...): count and
    bytes."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out: dict[str, tuple[int, int]] = {}
    for raw in frames:
        msg = ForwardMsg()
        try:
            msg.ParseFromString(raw)
        except Exception:  # noqa: BLE001 - a frame that is not a ForwardMsg is counted as such
            kind = "(not a ForwardMsg)"
        else:
            kind = msg.WhichOneof("type") or "(empty)"
            if kind == "delta":
                d = msg.delta.WhichOneof("type")
                kind += f".{d}"
                if d == "new_element":
                    kind += f".{msg.delta.new_element.WhichOneof('type')}"
        n, b = out.get(kind, (0, 0))
        out[kind] = (n + 1, b + len(raw))
    return dict(sorted(out.items(), key=lambda kv: -kv[1][0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=30, help="measured moves per page (default 30)")
    ap.add_argument("--views", type=int, default=5, help="first views per page (default 5)")
    ap.add_argument("--presses", type=int, default=3,
                    help="three-fast-presses trials per page (default 3)")
    ap.add_argument("--frames", action="store_true",
                    help="print the messages sent per move, by kind (to stderr)")
    args = ap.parse_args(argv)
    rows = run(args.moves, args.views, args.presses, frames=args.frames)
    print(report(rows))
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
