"""The browser helpers wait for the state a test checks, not for the first sign of it.

The pages here are made up and served by the browser itself (no Streamlit server, no
network): they mimic what Streamlit's page does while the app's first run is drawn, stage by
stage, each stage started by the page's own timer.
"""
from __future__ import annotations

import math

import pytest

from browser_helpers import HEADLINE_METRICS, TIMEOUT, Move, SessionsResult, metrics, settle

# Stages of a first run as Streamlit draws it: "not running" while the figures' code is still
# loading (skeletons) and only one figure is there, then four of them with an element left from
# the run before (stale), then six with one still a dash, then six numbers.
_STAGED_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div data-testid="stApp" data-test-script-state="notRunning"><div id="main"></div></div>
<script>
const fig = (v) => `<div data-testid="stMetric"><div data-testid="stMetricValue">${v}</div></div>`;
const stages = [
  () => fig('2,110.0 亿元') + '<div data-testid="stSkeleton"></div>',
  () => [1, 2, 3, 4].map(i => fig(`${i}.00%`)).join('') + '<div data-stale="true">old</div>',
  () => [1, 2, 3, 4, 5].map(i => fig(`${i}.00%`)).join('') + fig('–'),
  () => [1, 2, 3, 4, 5, 6].map(i => fig(`${i}.00%`)).join(''),
];
window.__stage = -1;
const next = () => {
  window.__stage += 1;
  document.getElementById('main').innerHTML = stages[window.__stage]();
  if (window.__stage < stages.length - 1) setTimeout(next, 400);
};
next();
</script></body></html>"""


_URL = "http://127.0.0.1/app"


@pytest.fixture
def page(browser):
    """A page showing :data:`_STAGED_PAGE` at :data:`_URL`."""
    ctx = browser.new_context()
    ctx.route("**/*", lambda route: route.fulfill(body=_STAGED_PAGE, content_type="text/html"))
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    pg.goto(_URL)
    yield pg
    ctx.close()


@pytest.mark.browser
def test_settle_waits_until_every_headline_figure_is_drawn(page):
    settle(page, metrics=HEADLINE_METRICS)
    assert page.evaluate("window.__stage") == 3
    assert metrics(page) == ["1.00%", "2.00%", "3.00%", "4.00%", "5.00%", "6.00%"]


@pytest.mark.browser
def test_settle_waits_for_the_texts_and_the_url_value_asked_for(page):
    page.evaluate("""() => setTimeout(() => {
        history.replaceState(null, '', '?services_real.first=5.8');
        document.body.insertAdjacentHTML('beforeend', '<p>西湖区经济情景模拟器</p>');
        window.__extra = true;
    }, 2000)""")
    settle(page, metrics=HEADLINE_METRICS, texts=["西湖区经济情景模拟器"],
           url=("services_real_first", 5.8))
    assert page.evaluate("window.__extra") is True
    assert page.evaluate("window.__stage") == 3


def _move(session: int, at: float) -> Move:
    return Move(session, at, "services_real_first", 5.6, "", "", math.nan, True)


def test_warm_is_when_every_session_had_finished_its_first_moves():
    moves = [_move(0, 0.1), _move(1, 0.5), _move(1, 1.5), _move(0, 2.0), _move(0, 3.0)]
    result = SessionsResult(moves, rss=[(0.0, 1)], duration=4.0, server_cpu=0.0)
    assert result.warm() == 2.0            # session 0's second move began at 2.0 s
    assert result.warm(2) == 4.0           # session 1 made no third move: the end
