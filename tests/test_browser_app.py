"""The app in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

One Streamlit server on a free port of 127.0.0.1 serves the whole module. Screenshots go to
``$SIM_SCREENSHOT_DIR`` (default: a pytest temporary folder). The helpers are in
``browser_helpers.py``.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sim
from browser_helpers import (HEADLINE_METRICS, ROOT, STEP, gdp_text, metric, metrics,
                             move_slider, no_exception, open_app, press, settle, shown_gdp,
                             slider_value, url_value, wait_for_run, wait_for_slider)
from sim.testing import assert_results_close

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]   # a hang guard


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("SIM_SCREENSHOT_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def expect_gdp(page, text: str, key: str, screenshot: Path) -> None:
    """Wait until the GDP figure reads ``text``; on a timeout, save a screenshot and fail with
    what the page shows (the slider, the URL's value, the GDP)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "(t) => document.querySelector('[data-testid$=\"MetricValue\"]')"
            "?.innerText.trim() === t", arg=text)
    except PlaywrightTimeout:
        page.screenshot(path=str(screenshot), full_page=True)
        pytest.fail(f"GDP shown {shown_gdp(page)!r}, expected {text!r}; slider {key} at "
                    f"{slider_value(page, key)}, URL value {url_value(page, key)}, "
                    f"URL {page.url}; screenshot {screenshot}")


# --- tests ----------------------------------------------------------------------------------


def test_slider_move_changes_2024_gdp_to_the_right_value(server, new_page, shots):
    page = new_page()
    open_app(page, server)
    plan = sim.load_scenario("plan-2024")
    assert metric(page, "GDP") == gdp_text(plan)
    key = "services_real_first"
    value = move_slider(page, key, 20)
    assert value == 5.8                      # 20 presses of 0.01 pp from 5.6, none lost
    assert url_value(page, key) == value     # the value the app ran with
    expected = plan.with_rates(services_real=[value, 5.6])
    expect_gdp(page, gdp_text(expected), key, shots / "slider-moved-failed.png")
    assert metric(page, "GDP") == gdp_text(expected)
    assert metric(page, "GDP growth (real)") == (
        f"{sim.value(sim.project(expected), 'gdp_real_growth', 2024):.2f}%")
    page.screenshot(path=str(shots / "slider-moved.png"), full_page=True)
    no_exception(page)


# Records the slider's value whenever it changes, tagged with window.__burst.
_RECORD_SLIDER = """(key) => {
    window.__seen = [];
    const tick = () => {
        const input = document.querySelector(`.st-key-${key} input[type=range]`);
        const last = window.__seen[window.__seen.length - 1];
        if (input && (!last || last[1] !== input.value))
            window.__seen.push([window.__burst, input.value]);
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
}"""


def test_fast_key_presses_are_all_kept_while_the_app_catches_up(server, new_page, shots):
    """Each key press starts a run; a run that ends after later presses must not send its
    slider value back to the browser (the slider would jump back and drop presses)."""
    page = new_page()
    open_app(page, server)
    key = "services_deflator_first"
    page.evaluate(_RECORD_SLIDER, key)
    bursts = (15, -25, 15)
    for i, steps in enumerate(bursts):
        page.evaluate("(i) => { window.__burst = i; }", i)
        start = slider_value(page, key)
        press(page, key, steps)
        value = round(start + steps * STEP, 2)
        wait_for_slider(page, key, value)
        wait_for_run(page, key, value, metrics=HEADLINE_METRICS)
    seen = page.evaluate("window.__seen")
    for i, steps in enumerate(bursts):
        values = [float(v) for b, v in seen if b == i]
        backwards = [(a, b) for a, b in zip(values, values[1:]) if (b - a) * steps < 0]
        assert not backwards, f"burst {i} ({steps:+d} presses): the slider went back {backwards}"
    assert slider_value(page, key) == url_value(page, key) == 0.05
    plan = sim.load_scenario("plan-2024")
    expect_gdp(page, gdp_text(plan.with_rates(services_deflator=[0.05, 0.0])), key,
               shots / "fast-presses-failed.png")
    no_exception(page)


def test_no_message_is_sent_as_a_reference_to_the_browsers_cache(server, new_page):
    """Streamlit may send a large message that the browser was sent before as a reference to
    its copy; after fast presses the browser can have dropped the copy, and then it applies no
    more of the server's messages (its run shown unfinished for good). The app's config caches
    nothing: going back and forth between two values (the same large messages again), every
    message arrives whole, none marked for the cache."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    received: list[bytes] = []
    page = new_page()
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: received.append(payload)
        if isinstance(payload, bytes) else None))
    open_app(page, server)
    key = "services_real_first"
    for steps in (2, -1, 1, -1, 1):          # never back at the file's value
        move_slider(page, key, steps)
    messages = [ForwardMsg.FromString(b) for b in received]
    kinds = [m.WhichOneof("type") for m in messages]
    assert kinds.count("script_finished") >= 6          # the first run and five moves
    assert "ref_hash" not in kinds
    assert not any(m.metadata.cacheable for m in messages)
    # and there were messages Streamlit's default would cache (10 kB and more), a run's each
    assert sum(len(b) >= 10_000 for b in received) >= 6
    no_exception(page)


#: JavaScript: the text of every Vega-Lite chart the page shows, in page order.
_CHART_TEXTS = ("Array.from(document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg'),"
                " s => s.textContent)")
#: JavaScript (argument: a text): the page shows three charts, the third holding the text.
_THREE_CHARTS_JS = (f"(note) => {{ const t = {_CHART_TEXTS};"
                    " return t.length === 3 && t[2].includes(note); }")


def _structure_note(scenario) -> str:
    """The edited scenario's structure as the structure chart's panel writes it, from sim."""
    frame = sim.project(scenario)
    return " → ".join(f"{y}: " + ":".join(f"{sim.value(frame, s + '_share', y):.1f}"
                                         for s in scenario.base.sectors) for y in (2022, 2030))


def test_a_sector_slider_moves_gdp_and_the_sector_charts_drawn_by_the_browser(
        server, new_page, shots):
    """On a three-sector scenario the sector sliders rerun the results: the headline, then on
    the contributions page the 拉动, 贡献率 and structure charts, drawn as SVG by the browser."""
    from urllib.parse import urlencode

    from ui.uploads import encode_token

    text = (ROOT / "tests" / "data" / "three-sector.toml").read_text(encoding="utf-8")
    three = sim.parse_scenario(text, source="three-sector.toml")
    page = new_page()
    query = {"up": encode_token(text), "edit": three.name, "baseline": three.name}
    open_app(page, f"{server}?{urlencode(query)}", metrics=7)
    key = "tertiary_real_first"
    assert move_slider(page, key, 10) == 6.3
    edited = three.with_rates(tertiary_real=[6.3, 5.8])
    expect_gdp(page, gdp_text(edited, 2023), key, shots / "sector-slider-failed.png")
    page.get_by_text("Growth contributions", exact=True).click()
    note = _structure_note(edited)
    page.wait_for_function(_THREE_CHARTS_JS, arg=note)
    pull, rates, structure = page.evaluate(_CHART_TEXTS)
    assert "Contributions to real GDP growth" in pull and "Tertiary industry" in pull
    assert "Contribution rates to real GDP growth" in rates and "100% of real GDP growth" in rates
    assert "Structure of GDP by the three sectors" in structure
    assert note in structure and _structure_note(three) in structure   # beside the baseline's
    # a move on this page reruns the open page with the new number
    assert move_slider(page, key, 10) == 6.4
    note = _structure_note(three.with_rates(tertiary_real=[6.4, 5.8]))
    page.wait_for_function(_THREE_CHARTS_JS, arg=note)
    page.screenshot(path=str(shots / "sector-charts.png"), full_page=True)
    no_exception(page)


def test_switch_to_chinese(server, new_page, shots):
    page = new_page()
    open_app(page, server)
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    settle(page, metrics=HEADLINE_METRICS, texts=["西湖区经济情景模拟器", "地区生产总值"])
    assert metric(page, "地区生产总值") == gdp_text(sim.load_scenario("plan-2024"))
    labels = page.locator('[data-testid$="MetricLabel"]').all_inner_texts()
    assert {x.strip() for x in labels} == {sim.INDICATORS[k].zh for k in (
        "gdp", "gdp_real_growth", "services", "non_services", "retail_sales", "rd_intensity")}
    assert "lang=zh" in page.url
    # choices keep their selection and show it in the new language
    assert page.locator(".st-key-edit input").input_value() == "2024年计划 (plan-2024)"
    # the chart, drawn by the browser, in Chinese and in a font that has the glyphs
    page.wait_for_selector(".vega-embed svg text")
    chart = page.locator(".vega-embed").first
    texts = chart.locator("svg text").all_text_contents()
    assert "地区生产总值" in texts and "年份" in texts            # title, x axis
    assert {"2024年计划", "惯性延续"} <= set(texts)               # legend
    assert _draws_glyphs(chart, "地区生产总值"), "Chinese drawn as empty boxes"
    page.screenshot(path=str(shots / "chinese.png"), full_page=True)
    chart.screenshot(path=str(shots / "chinese-chart.png"))
    no_exception(page)


#: JavaScript (argument: a text): whether the chart's font draws each character of the text
#: as a glyph of its own. A missing glyph is drawn as the same empty box whatever the
#: character, so two characters drawn alike mean no glyphs.
_GLYPHS_JS = """(el, text) => {
    const font = getComputedStyle(el.querySelector('svg text')).fontFamily;
    const draw = ch => {
        const c = document.createElement('canvas');
        c.width = c.height = 40;
        const g = c.getContext('2d');
        g.font = `32px ${font}`;
        g.fillText(ch, 2, 32);
        return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
    };
    const bitmaps = Array.from(text, draw);
    return new Set(bitmaps).size === bitmaps.length;
}"""


def _draws_glyphs(chart, text: str) -> bool:
    return chart.evaluate(_GLYPHS_JS, text)


def test_bad_upload_shows_the_error_and_the_app_keeps_working(server, new_page, shots):
    page = new_page()
    open_app(page, server)
    before = metrics(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "bad.toml", "mimeType": "application/toml",
                "buffer": b'name = "bad"\n[rates]\nservices_real = 250\n'
                          b'non_services_real = 1\nretail_sales = 5\n'}])
    error = page.locator('[data-testid="stAlertContentError"]')
    settle(page, metrics=HEADLINE_METRICS, selector='[data-testid="stAlertContentError"]')
    assert error.inner_text().startswith(
        "bad.toml: key 'rates.services_real': is 250, out of range")
    assert metrics(page) == before
    page.screenshot(path=str(shots / "bad-upload.png"), full_page=True)
    no_exception(page)
    # still working: a slider move updates the figures
    move_slider(page, "services_real_first", 5)
    assert metrics(page) != before
    no_exception(page)


def test_shared_link_opens_the_same_view_in_a_new_browser(server, new_page, shots):
    page = new_page()
    open_app(page, server + "?edit=downside&compare=plan-2024,momentum,downside")
    move_slider(page, "non_services_real_first", 30)
    link = page.url
    shown = metrics(page)
    assert "non_services_real.first=" in link and "edit=downside" in link

    other = new_page()                      # a new context: no shared session or cookies
    open_app(other, link)
    assert metrics(other) == shown
    value = slider_value(other, "non_services_real_first")
    assert value == slider_value(page, "non_services_real_first")
    expected = sim.load_scenario("downside").with_rates(non_services_real=[value, -5.0])
    assert metric(other, "GDP") == gdp_text(expected)
    other.screenshot(path=str(shots / "shared-link.png"), full_page=True)
    no_exception(other)


def test_invalid_link_values_show_a_notice(server, new_page):
    page = new_page()
    open_app(page, server + "?gdp=abc&services_real.first=999",
             texts=["Some settings in the link were ignored"])
    notice = page.locator('[data-testid="stAlertContentWarning"]').first
    text = notice.inner_text()
    assert "Some settings in the link were ignored" in text
    assert "gdp=abc: not a number" in text and "services_real.first=999: out of range" in text
    assert metric(page, "GDP") == gdp_text(sim.load_scenario("plan-2024"))
    no_exception(page)


def test_downloaded_scenario_loads_with_the_same_numbers(server, new_page, tmp_path):
    page = new_page()
    open_app(page, server + "?edit=upside&gdp=2120")
    shown = metric(page, "GDP")
    with page.expect_download() as info:
        page.get_by_text("Download the edited scenario (TOML)").click()
    path = tmp_path / "edited.toml"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^# model_version: ", text, re.M)
    scenario = sim.load_scenario(path)
    assert scenario.levels["gdp"] == 2120.0
    assert gdp_text(scenario) == shown
    cli = subprocess.run([sys.executable, "-m", "sim", "run", str(path), "--until", "2024"],
                         cwd=ROOT, capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    no_exception(page)


def test_exports_from_the_results_tab(server, new_page, tmp_path):
    import io

    import pandas as pd
    from PIL import Image

    labels = ("Results, tidy (CSV)", "Results (Excel: tidy + a wide sheet per indicator)",
              "Chart: GDP (PNG)")
    page = new_page()
    open_app(page, server + "?tab=export&compare=momentum&services_real.first=6",
             ready='[data-testid="stDownloadButton"]', metrics=0, texts=labels)
    plan = sim.load_scenario("plan-2024")
    expected = sim.project([plan, plan.renamed("plan-2024-adjusted"),
                            plan.with_rates(services_real=[6.0, 5.6]).renamed("plan-2024-edited"),
                            sim.load_scenario("momentum")])
    files = {}
    for label in labels:
        with page.expect_download() as info:
            page.get_by_text(label, exact=True).click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        files[label] = path
    csv = pd.read_csv(files["Results, tidy (CSV)"], comment="#", encoding="utf-8-sig")
    assert_results_close(csv, expected)
    assert f"# model_version: {sim.__version__}" in files["Results, tidy (CSV)"].read_text(
        encoding="utf-8-sig")
    sheets = pd.read_excel(files["Results (Excel: tidy + a wide sheet per indicator)"],
                           sheet_name=None)
    assert_results_close(sheets["tidy"], expected)
    assert "gdp_real_growth" in sheets
    image = Image.open(io.BytesIO(files["Chart: GDP (PNG)"].read_bytes()))
    assert image.text["Description"] == ("scenarios: plan-2024, plan-2024-adjusted, "
                                         "plan-2024-edited, momentum")
    assert image.size[0] >= 1500                   # 8 in at 200 dpi
    no_exception(page)
