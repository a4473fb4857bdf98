"""The app in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

One Streamlit server on a free port of 127.0.0.1 serves the whole module. Screenshots go to
``$SIM_SCREENSHOT_DIR`` (default: a pytest temporary folder).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

import sim
from sim.testing import assert_results_close

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT = 60_000      # ms; generous for a loaded 2-core machine


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("SIM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} not found and SIM_REQUIRE_BROWSER=1")
    pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium to run browser tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a free port; its URL."""
    _require_chromium()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError("streamlit did not start in 60 s") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    assert "Traceback" not in log_path.read_text(), log_path.read_text()[-3000:]


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    """Pages in fresh browser contexts; afterwards, check that every request the app made went
    to the local server (the app makes no outbound connection)."""
    contexts, requests = [], []

    def make(**kw):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1100},
                                  accept_downloads=True, **kw)
        ctx.on("request", lambda r: requests.append(r.url))
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(TIMEOUT)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    outside = [u for u in requests if urlparse(u).scheme not in ("data", "blob")
               and urlparse(u).hostname != "127.0.0.1"]
    assert requests and not outside, outside[:5]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("SIM_SCREENSHOT_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- helpers --------------------------------------------------------------------------------


def open_app(page, url: str, ready: str = '[data-testid="stMetric"]') -> None:
    page.goto(url)
    page.wait_for_selector(ready)
    settle(page)


def settle(page) -> None:
    """Wait until the script run has finished (no running indicator) and images are loaded."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && Array.from(document.images).every(i => i.complete)", timeout=TIMEOUT)
    page.wait_for_timeout(300)


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]').get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def metrics(page) -> list[str]:
    return [t.strip() for t in
            page.locator('[data-testid="stMetricValue"]').all_inner_texts()]


def slider(page, key: str):
    """The slider's range input (its value is the slider's)."""
    return page.locator(f".st-key-{key} input[type='range']")


def slider_value(page, key: str) -> float:
    return float(slider(page, key).input_value())


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def move_slider(page, key: str, steps: int) -> float:
    """Move a slider by ``steps`` with the keyboard, as a user does; return its value once the
    page has re-run with it (the URL holds it and the run is over)."""
    thumb = slider(page, key)
    start = slider_value(page, key)
    thumb.focus()
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    param = re.sub(r"_(first|later)$", r".\1", key)
    value = None
    for _ in range(20):
        page.wait_for_timeout(400)
        current = slider_value(page, key)
        if current == value:
            break
        value = current
        page.wait_for_function("([k, v]) => new URLSearchParams(location.search).get(k) == v",
                               arg=[param, f"{value:g}"])
        settle(page)
    assert value is not None and value != start
    return value


def gdp_text(scenario, year: int = 2024) -> str:
    return f"{sim.value(sim.project(scenario), 'gdp', year):,.1f} 亿元"


# --- tests ----------------------------------------------------------------------------------


def test_slider_move_changes_2024_gdp_to_the_right_value(server, new_page, shots):
    page = new_page()
    open_app(page, server)
    plan = sim.load_scenario("plan-2024")
    assert metric(page, "GDP") == gdp_text(plan)
    value = move_slider(page, "services_real_first", 20)
    assert 5.6 < value <= 5.8
    expected = plan.with_rates(services_real=[value, 5.6])
    page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=gdp_text(expected))
    assert metric(page, "GDP") == gdp_text(expected)
    assert metric(page, "GDP growth (real)") == (
        f"{sim.value(sim.project(expected), 'gdp_real_growth', 2024):.2f}%")
    page.screenshot(path=str(shots / "slider-moved.png"), full_page=True)
    no_exception(page)


def test_switch_to_chinese(server, new_page, shots):
    page = new_page()
    open_app(page, server)
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    page.wait_for_selector("text=西湖区经济情景模拟器")
    settle(page)
    assert metric(page, "地区生产总值") == gdp_text(sim.load_scenario("plan-2024"))
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert {x.strip() for x in labels} == {sim.INDICATORS[k].zh for k in (
        "gdp", "gdp_real_growth", "services", "non_services", "retail_sales", "rd_intensity")}
    assert "lang=zh" in page.url
    # choices keep their selection and show it in the new language
    assert page.locator(".st-key-edit input").input_value() == "2024年计划 (plan-2024)"
    chart = page.locator('[data-testid="stImage"] img').first
    assert chart.evaluate("img => img.naturalWidth") > 500
    page.screenshot(path=str(shots / "chinese.png"), full_page=True)
    chart.screenshot(path=str(shots / "chinese-chart.png"))
    no_exception(page)


def test_bad_upload_shows_the_error_and_the_app_keeps_working(server, new_page, shots):
    page = new_page()
    open_app(page, server)
    before = metrics(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "bad.toml", "mimeType": "application/toml",
                "buffer": b'name = "bad"\n[rates]\nservices_real = 250\n'
                          b'non_services_real = 1\nretail_sales = 5\n'}])
    error = page.locator('[data-testid="stAlertContentError"]')
    error.wait_for()
    settle(page)
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
    open_app(page, server + "?gdp=abc&services_real.first=999")
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

    page = new_page()
    open_app(page, server + "?tab=export&compare=momentum&services_real.first=6",
             ready='[data-testid="stDownloadButton"]')
    plan = sim.load_scenario("plan-2024")
    expected = sim.project([plan, plan.renamed("plan-2024-adjusted"),
                            plan.with_rates(services_real=[6.0, 5.6]).renamed("plan-2024-edited"),
                            sim.load_scenario("momentum")])
    files = {}
    for label in ("Results, tidy (CSV)", "Results (Excel: tidy + a wide sheet per indicator)",
                  "Chart: GDP (PNG)"):
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
