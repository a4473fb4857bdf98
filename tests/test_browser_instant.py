"""In a real browser, the headline follows the sliders before the server runs (ui.instant):
while a slider's thumb is held down — when the server cannot know its value — the GDP figure
is the one sim computes for the value the thumb shows, at every position; after the release,
the server's run shows the same; a moved GDP level marks the figures pending until its run."""
from __future__ import annotations

import pytest

import sim
from browser_helpers import (HEADLINE_METRICS, metrics, open_app, shown_gdp, slider,
                             slider_value, wait_for_run)

pytestmark = pytest.mark.browser

KEY = "services_real_first"
#: JavaScript: the headline's figures and where they were computed.
_SHOWN_JS = """() => {
  const grid = document.querySelector('[data-testid="simHeadline"]');
  return grid && {source: grid.dataset.source, pending: grid.classList.contains('sim-pending'),
                  values: Array.from(grid.querySelectorAll('[data-testid="simMetricValue"]'),
                                     (e) => e.textContent)};
}"""


def _plan_gdp(value: float) -> float:
    """2024 GDP (亿元) of the 2024 plan with the services slider's first year at ``value``."""
    plan = sim.load_scenario("plan-2024")
    edited = plan.with_rates(services_real=[round(value, 4), plan.rates["services_real"]])
    return sim.value(sim.project(edited), "gdp", 2024)


def _expected_gdp(value: float) -> str:
    """:func:`_plan_gdp` as the headline writes it."""
    return f"{_plan_gdp(value):,.1f} 亿元"


def _thumb(page, key: str):
    """The slider's thumb (it holds the visually hidden range input) and its track."""
    thumb = slider(page, key).locator("xpath=../..")
    thumb.scroll_into_view_if_needed()
    return thumb, thumb.locator("xpath=..")


def _hold_thumb(page, key: str):
    """Press the mouse on the slider's thumb and hold it; return ``drag(dx)``, which moves
    the mouse ``dx`` px right of where it was pressed (short of the track's end)."""
    thumb, track = _thumb(page, key)
    box, bar = thumb.bounding_box(), track.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    return lambda dx: page.mouse.move(min(x + dx, bar["x"] + bar["width"] - 2), y)


def test_the_headline_follows_a_dragged_thumb_before_the_server_runs(server, new_page):
    page = new_page()
    open_app(page, server)
    drag = _hold_thumb(page, KEY)
    seen = set()
    for dx in (12, 30, 55, 80):
        drag(dx)
        value = slider_value(page, KEY)
        # the value is the thumb's alone: st.slider sends it on release
        page.wait_for_function(
            "(w) => document.querySelector('[data-testid=\"simMetricValue\"]')"
            "?.textContent === w", arg=_expected_gdp(value))
        shown = page.evaluate(_SHOWN_JS)
        assert shown["source"] == "browser" and not shown["pending"]
        seen.add(shown["values"][0])
    page.mouse.up()
    assert len(seen) >= 3                                  # it moved with the thumb
    final = slider_value(page, KEY)
    wait_for_run(page, KEY, final, metrics=HEADLINE_METRICS)
    assert shown_gdp(page) == _expected_gdp(final)         # the server's run agrees


#: JavaScript: the edited scenario's value in 2024 as the browser's chart holds it now.
_CHART_JS = """() => {
  const s = window.__simLive;
  if (!s || !s.view) return null;
  const row = s.view.data('lines').find((r) => r.scenario === s.live.chart.edited
                                               && r.year === 2024);
  return row ? row.value : null;
}"""


def test_the_chart_follows_a_dragged_thumb_before_the_server_runs(server, new_page):
    page = new_page()
    open_app(page, server)
    page.wait_for_selector('[data-testid="simChart"] svg')
    page.wait_for_function(f"() => ({_CHART_JS})() !== null")
    drag = _hold_thumb(page, KEY)
    seen = set()
    for dx in (10, 25, 45):
        drag(dx)
        want = _plan_gdp(slider_value(page, KEY))
        page.wait_for_function(f"(w) => ({_CHART_JS})() === w", arg=want)   # to the last digit
        seen.add(want)
    page.mouse.up()
    assert len(seen) >= 2
    final = slider_value(page, KEY)
    wait_for_run(page, KEY, final, metrics=HEADLINE_METRICS)
    assert page.evaluate(_CHART_JS) == _plan_gdp(final)


def test_a_key_press_repaints_the_headline_with_sims_figure_and_the_run_agrees(server,
                                                                              new_page):
    page = new_page()
    open_app(page, server)
    before = metrics(page)
    slider(page, KEY).focus()
    page.keyboard.press("ArrowRight")
    value = slider_value(page, KEY)
    page.wait_for_function(
        "(w) => document.querySelector('[data-testid=\"simMetricValue\"]')?.textContent === w",
        arg=_expected_gdp(value))
    wait_for_run(page, KEY, value, metrics=HEADLINE_METRICS)
    after = metrics(page)
    assert after[0] == _expected_gdp(value) and after != before
    assert page.evaluate(_SHOWN_JS)["source"] == "browser"


def test_a_moved_gdp_level_marks_the_headline_pending_until_its_run(server, new_page):
    page = new_page()
    open_app(page, server)
    thumb, _ = _thumb(page, "gdp")
    box = thumb.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y)
    page.wait_for_function("() => document.querySelector('[data-testid=\"simHeadline\"]')"
                           ".classList.contains('sim-pending')")
    assert page.evaluate(_SHOWN_JS)["source"] == "server"
    page.mouse.up()
    level = slider_value(page, "gdp")
    wait_for_run(page, "gdp", level, metrics=HEADLINE_METRICS)
    shown = page.evaluate(_SHOWN_JS)
    assert not shown["pending"] and shown["source"] == "browser"
    plan = sim.load_scenario("plan-2024").with_levels(gdp=round(level, 2))
    assert shown["values"][0] == f"{sim.value(sim.project(plan), 'gdp', 2024):,.1f} 亿元"


def test_the_chinese_headline_shows_chinese_labels_as_text(server, new_page):
    page = new_page()
    open_app(page, f"{server}?lang=zh")
    labels = page.locator('[data-testid="simMetricLabel"]').all_inner_texts()
    assert any("地区生产总值" in x for x in labels)
    assert page.locator('[data-testid="simHeadline"] img, [data-testid="simHeadline"] a'
                        ).count() == 0


#: JavaScript (argument: texts): the centre of the chart's first point whose accessible label
#: (Vega writes each point's fields and tooltip into it) holds every text, scrolled into the
#: window; or null.
_POINT_JS = """(texts) => {
  for (const p of document.querySelectorAll('[data-testid="simChart"] svg g.mark-symbol path')) {
    const label = p.getAttribute('aria-label') || '';
    if (texts.every((t) => label.includes(t))) {
      p.scrollIntoView({block: 'center'});
      const r = p.getBoundingClientRect();
      return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }
  }
  return null;
}"""
#: JavaScript (argument: texts): the chart's tooltip is shown holding every text.
_TOOLTIP_JS = """(texts) => {
  const tip = document.querySelector('.vg-tooltip.visible');
  return tip !== null && texts.every((t) => tip.innerText.includes(t));
}"""
#: JavaScript: the texts of the chart's year axis.
_YEARS_JS = """() => Array.from(
  document.querySelectorAll('[data-testid="simChart"] svg g.role-axis'))
  .filter((a) => (a.getAttribute('aria-label') || '').startsWith('X-axis'))
  .flatMap((a) => Array.from(a.querySelectorAll('g.role-axis-label text'), (t) => t.textContent))"""
#: JavaScript: the opacity of each line of the chart, in drawing order.
_LINE_OPACITY_JS = """() => Array.from(
  document.querySelectorAll('[data-testid="simChart"] svg g.mark-line path'),
  (p) => Number(p.getAttribute('opacity') ?? p.getAttribute('stroke-opacity') ?? 1))"""


def test_the_live_chart_reads_a_value_on_hover_and_toggles_a_scenario_in_its_legend(
        server, new_page):
    """The chart the browser draws keeps the interactions of the spec: hovering the edited
    line's 2030 point (the later years' services rate raised, so that the line stands apart)
    shows its year and value as sim computes it; a click on a legend entry fades every other
    scenario's line; the mouse wheel zooms the years."""
    from browser_helpers import move_slider
    from ui.vega import _FADED

    page = new_page()
    open_app(page, server)
    value = move_slider(page, "services_real_later", 60)
    plan = sim.load_scenario("plan-2024")
    edited = plan.with_rates(services_real=[plan.rates["services_real"], round(value, 4)])
    gdp = f"{sim.value(sim.project(edited), 'gdp', 2030):,.1f} 亿元"
    want = ["Year: 2030", f"GDP: {gdp}", "(edited)"]
    page.wait_for_function(f"(t) => ({_POINT_JS})(t) !== null", arg=want)
    point = page.evaluate(_POINT_JS, want)
    page.mouse.move(point["x"] - 30, point["y"] + 30)
    page.mouse.move(point["x"], point["y"], steps=5)
    page.wait_for_function(_TOOLTIP_JS, arg=["2030", gdp])
    page.mouse.move(5, 5)
    assert set(page.evaluate(_LINE_OPACITY_JS)) == {1}
    page.locator('[data-testid="simChart"] svg g.role-legend-label text').first.click()
    page.wait_for_function(f"(f) => ({_LINE_OPACITY_JS})().includes(f)", arg=_FADED)
    shown = page.evaluate(_LINE_OPACITY_JS)
    assert 1 in shown and shown.count(_FADED) >= 4     # one scenario left, the others faded
    years = page.evaluate(_YEARS_JS)
    assert years[0] == "2019" and years[-1] == "2030"
    page.mouse.move(point["x"] - 200, point["y"])
    page.mouse.wheel(0, -400)                          # zoom in: fewer years on the axis
    page.wait_for_function(f"() => {{ const y = ({_YEARS_JS})(); return y.length > 0 && "
                           "(y[0] !== '2019' || y[y.length - 1] !== '2030'); }")
