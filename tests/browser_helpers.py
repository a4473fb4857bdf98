"""Drive the app in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Shared by the browser tests and ``benchmarks/bench_concurrency.py``::

    with streamlit_server(log_path) as server, sync_playwright() as p:
        page = launch_chromium(p).new_page()
        open_app(page, server.url)
        value = move_slider(page, "services_real_first", 5)   # once the app has run with it
        shown_gdp(page)                                      # "2,111.0 亿元"

Every wait is for the state the caller then checks, never for a delay (:func:`settle`, one
``wait_for_function``): the run is over (Streamlit marks its root element with the run state,
``data-test-script-state``), no element still waits for its code (a skeleton) or is left from
the run before (marked stale), the images are loaded, the page holds what the caller expects
(the six headline figures, each a number; a selector; texts; the slider's value in the URL,
which the app writes during each run), and it looks the same at two polls in a row. A first
run reports "not running" before its figures are drawn (they come up to seconds later, and in
stages), so neither the run state nor the first metric alone is a signal; nor is the status
widget, which appears only after half a second of running. Waits time out after ``TIMEOUT``,
a hang guard: no test bounds the app's speed (``benchmarks/`` measure it).

:func:`run_sessions` opens many browser sessions at once, each moving its own sliders, and checks
every move (the concurrent-users test and benchmark).
"""
from __future__ import annotations

import asyncio
import itertools
import math
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import sim
from ui.format import DASH
from ui.pages.overview import HEADLINE

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT = 60_000      # ms; a hang guard, generous for a loaded 2-core machine
VIEWPORT = {"width": 1400, "height": 1100}
METRIC = '[data-testid$="Metric"]'
STEP = 0.01           # a rate slider's step, pp (ui.controls.rate_range)

__all__ = ["ROOT", "CHROMIUM", "CHROMIUM_ARGS", "TIMEOUT", "VIEWPORT", "STEP", "Server",
           "free_port", "wait_until_healthy", "HEALTH_POLL", "streamlit_server", "think",
           "rss_bytes", "cpu_seconds", "launch_chromium",
           "outside_requests", "metric", "metrics", "shown_gdp", "slider", "slider_value",
           "url_param", "url_value", "no_exception", "gdp_text", "HEADLINE_METRICS",
           "POLL_MS", "SETTLED_JS", "settle", "wait_for_run", "wait_for_slider", "open_app",
           "press", "move_slider", "Mover", "MOVERS", "Move", "SessionsResult",
           "run_sessions"]


# --- the server and the browser -------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    """A running ``streamlit run app.py``: its URL, process id and log file."""

    url: str
    pid: int
    log: Path


def free_port() -> int:
    """A TCP port of 127.0.0.1 that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: How often a start-up poll asks the health endpoint (s): a polling step, not a wait for a
#: fixed time; the wait ends as soon as the server answers.
HEALTH_POLL = 0.2


def wait_until_healthy(url: str, proc: subprocess.Popen, *, timeout: float, log: Path | None = None
                       ) -> None:
    """Poll ``url`` (a ``/_stcore/health`` endpoint) until it answers 200.

    Raises ``RuntimeError`` if ``proc`` exits first (with the end of ``log``), ``TimeoutError``
    after ``timeout`` seconds (a hang guard).
    """
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            tail = Path(log).read_text()[-2000:] if log else f"exit code {proc.returncode}"
            raise RuntimeError(f"streamlit exited: {tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer at {url} in {timeout:g} s") from None
            time.sleep(HEALTH_POLL)          # polling step


@contextmanager
def streamlit_server(log: Path, *, script: str | Path = "app.py", start_timeout: float = 120
                     ) -> Iterator[Server]:
    """``streamlit run script`` (default the app) on a free port of 127.0.0.1, its output in
    ``log``.

    Ready when the health endpoint answers; stopped on exit. Raises ``RuntimeError`` if the
    server exits before it is ready, ``TimeoutError`` after ``start_timeout`` seconds.
    """
    log = Path(log)
    port = free_port()
    out = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_healthy(url + "_stcore/health", proc, timeout=start_timeout, log=log)
        yield Server(url=url, pid=proc.pid, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()


def rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` (``VmRSS`` in ``/proc/<pid>/status``), bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS in /proc/{pid}/status")


def cpu_seconds(pid: int) -> float:
    """CPU time process ``pid`` has used (user + system, ``/proc/<pid>/stat``), s."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch_chromium(playwright):
    """Debian's headless Chromium, started by Playwright (sync or async API)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def outside_requests(urls: Sequence[str]) -> list[str]:
    """The requests that did not go to 127.0.0.1 (``data:`` and ``blob:`` URLs aside)."""
    return [u for u in urls if urlparse(u).scheme not in ("data", "blob")
            and urlparse(u).hostname != "127.0.0.1"]


# --- reading the page -----------------------------------------------------------------------


def metric(page, label: str) -> str:
    """The shown value of the ``st.metric`` labelled ``label``."""
    box = page.locator(METRIC).filter(
        has=page.locator('[data-testid$="MetricLabel"]').get_by_text(label, exact=True))
    return box.locator('[data-testid$="MetricValue"]').inner_text().strip()


def metrics(page) -> list[str]:
    """Every metric's shown value, in page order."""
    return [t.strip() for t in
            page.locator('[data-testid$="MetricValue"]').all_inner_texts()]


def shown_gdp(page) -> str:
    """The GDP headline figure (the first metric), e.g. ``"2,110.0 亿元"``."""
    return page.locator('[data-testid$="MetricValue"]').first.inner_text().strip()


def slider(page, key: str):
    """The slider's range input (its value is the slider's)."""
    return page.locator(f".st-key-{key} input[type='range']")


def slider_value(page, key: str) -> float:
    """The value the slider shows (the user's; the app may not have run with it yet)."""
    return float(slider(page, key).input_value())


def url_param(key: str) -> str:
    """The query parameter of a slider: ``services_real_first`` → ``services_real.first``."""
    return re.sub(r"_(first|later)$", r".\1", key)


def url_value(page, key: str) -> float | None:
    """The slider's value in the page's URL, which the app writes in each run from the values
    it runs with; ``None`` when the URL leaves it out (the file's value)."""
    text = page.evaluate("(k) => new URLSearchParams(location.search).get(k)", url_param(key))
    return None if text is None else float(text)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def gdp_text(scenario, year: int = 2024) -> str:
    """GDP of ``scenario`` in ``year`` as the app shows it (亿元)."""
    return f"{sim.value(sim.project(scenario), 'gdp', year):,.1f} 亿元"


# --- waiting for the app --------------------------------------------------------------------

#: The overview's headline figures (``ui.pages.overview.HEADLINE``): a page opened on the
#: overview shows this many ``st.metric`` once the app has run.
HEADLINE_METRICS = len(HEADLINE)
#: How often a wait looks at the page, ms; "stable" means unchanged between two looks.
POLL_MS = 100
#: JavaScript: no script run going on or requested, and every image loaded.
IDLE_JS = ("document.querySelector('[data-testid=\"stApp\"]')"
           "?.getAttribute('data-test-script-state') === 'notRunning'"
           " && Array.from(document.images).every(i => i.complete)")
#: JavaScript (argument ``[param, value]``): the URL holds the slider's value.
URL_HOLDS_JS = ("(([k, v]) => { const p = new URLSearchParams(location.search).get(k);"
                " return p !== null && Math.abs(parseFloat(p) - v) < 1e-9; })")
#: JavaScript (argument: :func:`_want`): the page shows a finished run that holds what the
#: caller waits for, and its text, figures and URL are those of the previous look. A finished
#: run: no script run going on, no element still waiting for its code (Streamlit's skeleton)
#: or left from the run before (marked stale), every image loaded. What the caller waits for:
#: ``metrics`` figures (unless null), none empty or a dash; an element matching ``selector``;
#: every text of ``texts``; the URL holding ``param`` = ``value``. The previous look is kept
#: in ``window`` under the wait's own token, so that no earlier wait's look counts.
SETTLED_JS = f"""(want) => {{
    const values = Array.from(document.querySelectorAll('[data-testid$="MetricValue"]'),
                              e => e.textContent.trim());
    const text = document.body ? document.body.innerText : '';
    const ready = {IDLE_JS}
        && document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]') === null
        && (want.metrics === null || (values.length === want.metrics
                                      && values.every(v => v !== '' && v !== want.dash)))
        && (want.selector === null || document.querySelector(want.selector) !== null)
        && want.texts.every(t => text.includes(t))
        && (want.param === null || {URL_HOLDS_JS}([want.param, want.value]));
    const look = ready ? JSON.stringify([location.href, values, text]) : null;
    const previous = window.__settled;
    window.__settled = {{token: want.token, look}};
    return ready && previous !== undefined && previous.token === want.token
        && previous.look === look;
}}"""
_tokens = itertools.count()


def _want(*, metrics: int | None, selector: str | None = None, texts: Sequence[str] = (),
          url: tuple[str, float] | None = None) -> dict:
    """The argument of :data:`SETTLED_JS`, with a token of its own."""
    return {"token": f"{os.getpid()}-{next(_tokens)}", "metrics": metrics, "dash": DASH,
            "selector": selector, "texts": list(texts),
            "param": None if url is None else url_param(url[0]),
            "value": None if url is None else url[1]}


def settle(page, *, metrics: int | None = None, selector: str | None = None,
           texts: Sequence[str] = (), url: tuple[str, float] | None = None,
           timeout: float = TIMEOUT) -> None:
    """Wait until the page shows a finished run holding what is asked for, and stays so.

    Parameters
    ----------
    page : playwright Page
    metrics : int or None
        Number of ``st.metric`` figures the page must show, each a value (not empty, not the
        app's dash); ``None``: any number.
    selector : str or None
        A CSS selector that must match an element.
    texts : sequence of str
        Texts that must all be on the page.
    url : (slider key, value) or None
        The URL must hold the slider's value (the app writes it during the run with it).
    timeout : float
        ms; a hang guard, not a bound on the app's speed.

    Notes
    -----
    One :data:`SETTLED_JS` wait, every :data:`POLL_MS` ms: besides the conditions, the page's
    text, figures and URL must be the same at two looks in a row.
    """
    page.wait_for_function(SETTLED_JS, timeout=timeout, polling=POLL_MS,
                           arg=_want(metrics=metrics, selector=selector, texts=texts, url=url))


def wait_for_run(page, key: str, value: float, *, metrics: int | None = None,
                 timeout: float = TIMEOUT) -> None:
    """Wait until the page shows the run with slider ``key`` at ``value``: the URL holds the
    value (written during that run), the run is over and the page stable (:func:`settle`),
    with ``metrics`` figures if given."""
    settle(page, metrics=metrics, url=(key, value), timeout=timeout)


#: JavaScript (argument ``[key, value, equal]``): the slider shows ``value`` (``equal``) or a
#: value other than ``value`` (not ``equal``).
_SLIDER_JS = ("([k, v, equal]) => {"
              " const i = document.querySelector(`.st-key-${k} input[type=range]`);"
              " return i !== null && (Math.abs(parseFloat(i.value) - v) < 1e-9) === equal; }")


def wait_for_slider(page, key: str, value: float, *, equal: bool = True,
                    timeout: float = TIMEOUT) -> None:
    """Wait until the slider shows ``value`` (the browser has applied the key presses), or
    with ``equal=False`` any other value."""
    page.wait_for_function(_SLIDER_JS, arg=[key, value, equal], timeout=timeout,
                           polling=POLL_MS)


def open_app(page, url: str, ready: str = METRIC, *, metrics: int | None = None,
             texts: Sequence[str] = (), timeout: float = TIMEOUT) -> None:
    """Open ``url`` and wait until the page shows the app's finished first run (:func:`settle`).

    With the default ``ready`` (a metric) the page must show all :data:`HEADLINE_METRICS`
    headline figures; with another selector, an element matching it and ``metrics`` figures
    if given. ``texts`` must all be on the page.
    """
    if metrics is None and ready == METRIC:
        metrics = HEADLINE_METRICS
    page.goto(url)
    settle(page, metrics=metrics, selector=ready, texts=texts, timeout=timeout)


def press(page, key: str, steps: int) -> None:
    """Press an arrow key ``abs(steps)`` times on the slider (right when ``steps > 0``)."""
    slider(page, key).focus()
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")


def move_slider(page, key: str, steps: int, *, timeout: float = TIMEOUT) -> float:
    """Move a slider by ``steps`` with the keyboard, as a user does; return its value once the
    page shows the app's run with it (:func:`wait_for_run`), with as many figures as before."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    start = slider_value(page, key)
    shown = len(metrics(page))
    press(page, key, steps)
    try:
        wait_for_slider(page, key, start, equal=False, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"{key} stayed at {start} after {steps} key presses") from None
    value = slider_value(page, key)
    wait_for_run(page, key, value, metrics=shown, timeout=timeout)
    return value


async def think(done: asyncio.Event, seconds: float) -> None:
    """A simulated user's pause between moves: wait for the run to end (``done``), for at
    most ``seconds`` (the pacing of the load; every move is then checked by waiting for the
    page to show it)."""
    try:
        await asyncio.wait_for(done.wait(), seconds)
    except asyncio.TimeoutError:
        pass


# --- many users at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Mover:
    """One simulated user of the 2024 plan: moves the first-year slider of each rate of
    ``rates`` in turn, ``steps`` key presses per move (negative: to the left), pausing
    ``pause`` seconds on average between moves."""

    rates: tuple[str, ...]
    steps: tuple[int, ...]
    pause: float = 1.0


#: Ten users: every rate of GDP, both directions, one or two sliders each, a move of one to
#: five key presses about every second.
MOVERS = (
    Mover(("services_real",), (2,)),
    Mover(("services_real",), (-1,)),
    Mover(("services_deflator",), (3,)),
    Mover(("services_deflator",), (-2,)),
    Mover(("non_services_real",), (5,)),
    Mover(("non_services_real",), (-4,)),
    Mover(("non_services_deflator",), (4,)),
    Mover(("non_services_deflator",), (-5,)),
    Mover(("services_real", "non_services_real"), (1, -3)),
    Mover(("services_deflator", "non_services_deflator"), (-3, 2)),
)
_SWING = 10.0         # pp: a mover turns back this far from the file's value
_POLL_MS = 25         # how often a session's page checks for the update (sets the latency's
                      # resolution)


@dataclass(frozen=True)
class Move:
    """One checked slider move of one session.

    ``latency`` is the time from the last key press to the page showing the expected GDP for
    the new value (s, measured in the page); ``ok`` says the settled page showed the session's
    own state: the slider at the value of the key presses, the URL holding exactly the
    session's edits, and the GDP ``sim`` computes for them.
    """

    session: int
    at: float                 # s since the moves began
    key: str
    value: float
    expected: str
    shown: str
    latency: float
    ok: bool
    detail: str = ""


@dataclass
class SessionsResult:
    """Moves of all sessions, the server's resident memory (seconds since the moves began,
    bytes; the first sample is taken before the sessions open), the time the moves took (s)
    and the server's CPU time in it (s)."""

    moves: list[Move]
    rss: list[tuple[float, int]]
    duration: float
    server_cpu: float
    requests: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[Move]:
        return [m for m in self.moves if not m.ok]

    def latency(self, q: float, *, after: float = 0.0) -> float:
        """The ``q`` quantile (0–1) of the latencies of the successful moves begun ``after``
        seconds or later, s (linear interpolation between the order statistics)."""
        xs = sorted(m.latency for m in self.moves if m.ok and m.at >= after)
        if not xs:
            return math.nan
        pos = q * (len(xs) - 1)
        lo = math.floor(pos)
        return xs[lo] + (xs[min(lo + 1, len(xs) - 1)] - xs[lo]) * (pos - lo)

    def warm(self, moves: int = 1) -> float:
        """When every session had finished its first ``moves`` moves (its caches and page
        filled), s: the latest start of a session's move number ``moves + 1``; the end if a
        session made no more moves."""
        starts: dict[int, list[float]] = {}
        for m in self.moves:
            starts.setdefault(m.session, []).append(m.at)
        return max((sorted(a)[moves] if len(a) > moves else self.duration
                    for a in starts.values()), default=self.duration)

    def rss_at(self, t: float) -> int:
        """The first memory sample at or after ``t`` seconds (the last one if none)."""
        for at, value in self.rss:
            if at >= t:
                return value
        return self.rss[-1][1]


def _expected(plan, state: dict[str, float]) -> str:
    """GDP text for the 2024 plan with first-year rates ``state`` (the later years as in the
    file: ``with_rates(rate=[first, file value])``)."""
    return gdp_text(plan.with_rates(**{r: [v, plan.rates[r]] for r, v in state.items()}))


_INSTALL_JS = """() => {
    window.__lastKey = null;
    document.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, true);
}"""
# Argument [param, value, text]: the page shows the GDP of the run with the value: the URL
# holds the value (written before the figures are drawn), the GDP figure has been drawn in
# the current run (not marked stale) and reads the text. Records the moment.
_SHOWN_JS = f"""(a) => {{
    const box = document.querySelector('[data-testid$="Metric"]');
    const gdp = box && box.querySelector('[data-testid$="MetricValue"]');
    const stale = box && box.closest('[data-stale="true"]');
    if (!({URL_HOLDS_JS}([a[0], a[1]]) && gdp && !stale && gdp.textContent.trim() === a[2]))
        return false;
    window.__shownAt = performance.now();
    return true;
}}"""
_READ_JS = """(key) => ({
    slider: document.querySelector(`.st-key-${key} input[type=range]`)?.value ?? 'NaN',
    gdp: document.querySelector('[data-testid$="MetricValue"]')?.textContent.trim() ?? '',
    query: Array.from(new URLSearchParams(location.search).keys()),
    latency: window.__shownAt - window.__lastKey,
})"""


@dataclass
class _Clock:
    """The moves begin when every session has opened its page; ``done`` when all ended."""

    sessions: int
    opened: int = 0
    start: float = math.nan
    stop: float = math.nan
    go: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)


async def _session(browser, url: str, number: int, mover: Mover, plan, *, clock: _Clock,
                   duration: float, min_moves: int, moves: list[Move], requests: list[str],
                   timeout: float) -> None:
    ctx = await browser.new_context(viewport=VIEWPORT)
    ctx.on("request", lambda r: requests.append(r.url))
    try:
        page = await ctx.new_page()
        page.set_default_timeout(timeout)
        await page.goto(url)
        await page.wait_for_function(SETTLED_JS, arg=_want(metrics=HEADLINE_METRICS),
                                     polling=POLL_MS)
        await page.evaluate(_INSTALL_JS)
        clock.opened += 1
        if clock.opened == clock.sessions:
            clock.start = time.monotonic()
            clock.stop = clock.start + duration
            clock.go.set()
        await clock.go.wait()
        start, stop = clock.start, clock.stop
        rng = random.Random(number)
        await think(clock.done, mover.pause * number / clock.sessions)  # not in step
        state: dict[str, float] = {}
        signs = {r: 1 for r in mover.rates}
        n = 0
        while time.monotonic() < stop or n < min_moves:
            i = n % len(mover.rates)
            rate, key = mover.rates[i], f"{mover.rates[i]}_first"
            file_value = plan.rates[rate]
            current = state.get(rate, file_value)
            steps = mover.steps[i] * signs[rate]
            if abs(current + steps * STEP - file_value) > _SWING:
                signs[rate] *= -1
                steps = -steps
            state[rate] = round(current + steps * STEP, 2)
            expected = _expected(plan, state)
            at = time.monotonic() - start
            thumb = page.locator(f".st-key-{key} input[type='range']")
            await thumb.focus()
            for _ in range(abs(steps)):
                await page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
            param, detail = url_param(key), ""
            try:
                await page.wait_for_function(_SHOWN_JS, arg=[param, state[rate], expected],
                                             polling=_POLL_MS)
                await page.wait_for_function(
                    SETTLED_JS, arg=_want(metrics=HEADLINE_METRICS, url=(key, state[rate])),
                    polling=POLL_MS)
            except Exception as err:  # noqa: BLE001 - recorded as a failed move
                detail = f"{type(err).__name__}: {str(err).splitlines()[0]}"
            seen = await page.evaluate(_READ_JS, key)
            latency = seen["latency"] / 1e3 if seen["latency"] is not None else math.nan
            wanted_query = {url_param(f"{r}_first") for r, v in state.items()
                            if not math.isclose(v, plan.rates[r], abs_tol=1e-9)}
            problems = [detail] if detail else []
            if not math.isclose(float(seen["slider"]), state[rate], abs_tol=1e-9):
                problems.append(f"slider at {seen['slider']}, key presses gave {state[rate]}")
            if seen["gdp"] != expected:
                problems.append(f"GDP {seen['gdp']}, sim gives {expected}")
            if set(seen["query"]) != wanted_query:
                problems.append(f"URL has {sorted(seen['query'])}, the session set "
                                f"{sorted(wanted_query)}")
            moves.append(Move(number, at, key, state[rate], expected, seen["gdp"],
                              latency if not detail else math.nan, not problems,
                              "; ".join(problems)))
            n += 1
            await think(clock.done, mover.pause * rng.uniform(0.5, 1.5))
    finally:
        await ctx.close()


async def _sample_rss(pid: int, clock: _Clock, out: list[tuple[float, int]],
                      every: float) -> float:
    """Sample the memory of ``pid`` while the sessions move; return its CPU time before."""
    await clock.go.wait()
    cpu = cpu_seconds(pid)
    while not clock.done.is_set():
        out.append((time.monotonic() - clock.start, rss_bytes(pid)))
        try:
            await asyncio.wait_for(clock.done.wait(), every)
        except asyncio.TimeoutError:
            pass
    return cpu


async def _run_sessions(server: Server, movers: Sequence[Mover], duration: float,
                        min_moves: int, timeout: float, rss_every: float) -> SessionsResult:
    from playwright.async_api import async_playwright

    plan = sim.load_scenario("plan-2024")
    moves: list[Move] = []
    requests: list[str] = []
    rss: list[tuple[float, int]] = []
    clock = _Clock(len(movers))
    async with async_playwright() as p:
        browser = await launch_chromium(p)
        try:
            before = (time.monotonic(), rss_bytes(server.pid))
            sampler = asyncio.ensure_future(_sample_rss(server.pid, clock, rss, rss_every))
            try:
                await asyncio.gather(*(
                    _session(browser, server.url, i, m, plan, clock=clock, duration=duration,
                             min_moves=min_moves, moves=moves, requests=requests,
                             timeout=timeout)
                    for i, m in enumerate(movers)))
            finally:
                clock.done.set()
            cpu = cpu_seconds(server.pid) - await sampler
            end = time.monotonic() - clock.start
            rss.insert(0, (before[0] - clock.start, before[1]))
            rss.append((end, rss_bytes(server.pid)))
        finally:
            await browser.close()
    return SessionsResult(sorted(moves, key=lambda m: m.at), rss, end, cpu, requests)


def run_sessions(server: Server, movers: Sequence[Mover] = MOVERS, *, duration: float = 60,
                 min_moves: int = 1, timeout: float = 2 * TIMEOUT,
                 rss_every: float = 1.0) -> SessionsResult:
    """Open one browser session per mover on ``server`` (one Chromium, a context each) and,
    once all are open, move sliders in all of them at once for ``duration`` seconds, and on
    until each session has made ``min_moves`` moves; check every move.

    Parameters
    ----------
    server : Server
    movers : sequence of Mover
        One per session (:data:`MOVERS`: ten).
    duration : float
        Seconds of moves; a move under way at the end is finished and checked.
    min_moves : int
        Moves each session makes however long they take (a busy machine makes fewer in
        ``duration``).
    timeout : float
        ms a move may take before it is recorded as failed; a hang guard (a lost update
        never arrives), not a bound on the latency, which :class:`Move` records.
    rss_every : float
        Seconds between samples of the server's resident memory.

    Returns
    -------
    SessionsResult
        Times in seconds since the moves began; the first memory sample is taken before the
        sessions open (a negative time).
    """
    return asyncio.run(_run_sessions(server, movers, duration, min_moves, timeout, rss_every))
