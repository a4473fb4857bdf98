"""Packaging checks: bundled CJK font, Streamlit configuration, browser tooling."""

from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import sys
import tomllib
import warnings

import pytest

from browser_helpers import wait_until_healthy

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
STREAMLIT_CONFIG = REPO_ROOT / ".streamlit" / "config.toml"
CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
CHINESE_TITLE = "西湖区 地区生产总值 (亿元)"


def _render_and_collect_warnings(family: str, text: str) -> list[str]:
    """Draw ``text`` with font ``family`` on an Agg canvas; return warning messages."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = Figure(figsize=(4, 2))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.plot([0, 1], [-1, 1])
        ax.set_title(text, fontfamily=family)
        ax.set_xlabel("年份", fontfamily=family)
        ax.set_ylabel("亿元（人民币）", fontfamily=family)
        fig.canvas.draw()
    return [str(w.message) for w in caught]


# --- font -------------------------------------------------------------------


def test_font_file_and_license_are_shipped():
    from sim.plotting import cjk_font_path

    path = cjk_font_path()
    assert path.is_file(), path
    assert path.stat().st_size > 1_000_000
    license_text = (path.parent / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in license_text
    assert path.name in license_text


def test_font_is_registered_with_matplotlib():
    from matplotlib import font_manager

    from sim.plotting import cjk_font_family, cjk_font_path

    family = cjk_font_family()
    assert family == "WenQuanYi Micro Hei"
    assert cjk_font_family() == family  # cached

    registered = [
        f for f in font_manager.fontManager.ttflist if pathlib.Path(f.fname) == cjk_font_path()
    ]
    assert family in {f.name for f in registered}

    found = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert pathlib.Path(found) == cjk_font_path()


def test_chinese_text_renders_without_missing_glyphs():
    from sim.plotting import cjk_font_family

    messages = _render_and_collect_warnings(cjk_font_family(), CHINESE_TITLE)
    assert not [m for m in messages if "missing from font" in m.lower()], messages


def test_missing_glyph_detection_works_for_latin_only_font():
    # DejaVu Sans ships with matplotlib and has no CJK glyphs, so the same check
    # must report missing glyphs; otherwise the test above proves nothing.
    messages = _render_and_collect_warnings("DejaVu Sans", CHINESE_TITLE)
    assert any("missing from font" in m.lower() for m in messages), messages


def test_fonts_module_does_not_import_matplotlib_eagerly():
    code = "import sys, sim.plotting; sys.exit('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT)
    assert result.returncode == 0


# --- Streamlit configuration ---------------------------------------------------


@pytest.fixture(scope="module")
def streamlit_config() -> dict:
    with STREAMLIT_CONFIG.open("rb") as fh:
        return tomllib.load(fh)


def test_streamlit_does_not_gather_usage_stats(streamlit_config):
    assert streamlit_config["browser"]["gatherUsageStats"] is False


def test_streamlit_binds_loopback_only(streamlit_config):
    assert streamlit_config["server"]["address"] == "127.0.0.1"
    assert streamlit_config["server"]["port"] == 8501


def test_streamlit_hides_error_details(streamlit_config):
    assert streamlit_config["client"]["showErrorDetails"] == "none"
    assert streamlit_config["server"]["maxUploadSize"] == 1


def test_streamlit_caches_no_message(streamlit_config):
    # a cached message may be sent as a reference the browser can no longer resolve, and the
    # page then applies no more of the server's messages (docs/performance.md, lever 11);
    # nothing Streamlit sends is this large, so nothing is cached
    assert streamlit_config["global"]["minCachedMessageSize"] >= 1e15


# --- browser -----------------------------------------------------------------


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("SIM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} not found and SIM_REQUIRE_BROWSER=1 (CI must run browser tests)")
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run browser tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]




@pytest.mark.browser
@pytest.mark.timeout(180)
def test_streamlit_redacts_uncaught_exceptions_in_browser(tmp_path):
    """With the project's config, an uncaught error shows no message or traceback."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    script = tmp_path / "boom.py"
    script.write_text(
        "import streamlit as st\n"
        "st.title('西湖区')\n"
        "raise RuntimeError('SECRET-DETAIL-42')\n",
        encoding="utf-8",
    )
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    # cwd=REPO_ROOT so Streamlit reads the project's .streamlit/config.toml.
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)],
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, timeout=120)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/")
                error_box = page.locator("[data-testid='stException']")
                error_box.wait_for(timeout=60_000)
                shown = error_box.inner_text()
                body = page.inner_text("body")
            finally:
                browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()

    assert "redacted" in shown.lower()
    assert "SECRET-DETAIL-42" not in body
    assert "RuntimeError" not in body
    assert "Traceback" not in body
    assert "SECRET-DETAIL-42" in (tmp_path / "streamlit.log").read_text(encoding="utf-8")
