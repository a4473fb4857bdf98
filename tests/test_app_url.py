"""Sharing by link: the whole edited state lives in the URL; opening the link in a new session
reproduces the view; invalid values are ignored with a visible notice."""
from __future__ import annotations

import pytest

import sim
from sim.testing import assert_results_close
from ui.testing import app_test, metric_values, unescape, view_from_url


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _widgets(at) -> dict:
    keys = ["lang", "compare", "edit", "baseline", "year", "gdp", "until", "retail",
            *[f"{r}_{p}" for r in ("services_real", "non_services_real", "services_deflator",
                                   "non_services_deflator", "retail_sales_elasticity",
                                   "rd_intensity") for p in ("first", "later")]]
    return {k: at.session_state[k] for k in keys if k in at.session_state}


def test_a_link_reproduces_the_view_in_a_new_session():
    at = run(app_test())
    at.segmented_control(key="lang").set_value("zh")
    at.multiselect(key="compare").set_value(["momentum", "upside"])
    at.selectbox(key="edit").set_value("downside")
    at.selectbox(key="baseline").set_value("momentum")
    run(at)
    at.slider(key="gdp").set_value(2150.5)
    at.slider(key="until").set_value(2034)
    at.segmented_control(key="retail").set_value("elasticity")
    run(at)
    at.slider(key="services_real_first").set_value(5.55)
    at.slider(key="non_services_real_later").set_value(-2.25)
    at.slider(key="retail_sales_elasticity_later").set_value(1.3)
    at.selectbox(key="year").set_value(2033)
    run(at)
    shown = metric_values(at)
    link = dict(at.query_params)

    fresh = run(app_test(link))
    assert metric_values(fresh) == shown
    assert _widgets(fresh) == _widgets(at)
    assert dict(fresh.query_params) == link
    assert not fresh.warning or all("link" not in w.value for w in fresh.warning)


def test_the_link_alone_gives_the_numbers_shown():
    """Rebuilding the view from the URL with sim (no cache, no session) gives the metrics."""
    at = run(app_test({"edit": "upside", "gdp": "2080", "services_real.later": "5.1",
                       "year": "2027"}))
    view, notices = view_from_url(at)
    assert notices == []
    gdp = sim.value(view.frame, "gdp", 2027, scenario=view.edited.id)
    assert metric_values(at)["GDP"][0] == pytest.approx(gdp, abs=0.051)
    expected = sim.load_scenario("upside").with_levels(gdp=2080.0).with_rates(
        services_real=[6.5, 5.1])
    assert sim.value(sim.project(expected), "gdp", 2027) == pytest.approx(gdp)


def test_invalid_values_are_ignored_with_a_visible_notice():
    query = {"services_real.first": "lots", "gdp": "99999", "edit": "ghost", "year": "1900",
             "lang": "klingon", "colour": "red", "up": "%%%"}
    at = run(app_test(query))
    assert not at.error
    notice = unescape(at.warning[0].value)
    assert notice.startswith("Some settings in the link were ignored:")
    for part in ("services_real.first=lots: not a number (allowed: -30 … 30)",
                 "gdp=99999: out of range (allowed: 2000 … 2600)",
                 "edit=ghost: unknown value (allowed: plan-2024, momentum, downside, upside)",
                 "year=1900: out of range (allowed: 2023 … 2030)",
                 "lang=klingon: unknown value (allowed: en, zh)",
                 "colour: unknown setting",
                 "a scenario in the link could not be read: link (up #1): key 'up'"):
        assert part in notice, part
    base = sim.project("plan-2024")
    assert metric_values(at)["GDP"][0] == pytest.approx(sim.value(base, "gdp", 2024), abs=0.05)
    assert at.query_params == {}                  # the URL now holds only valid values


def test_notice_in_chinese():
    at = run(app_test({"lang": "zh", "gdp": "abc"}))
    assert "链接中的部分设置无效,已忽略" in unescape(at.warning[0].value)
    assert "gdp=abc:不是数字" in unescape(at.warning[0].value)


def test_uploaded_scenario_travels_in_the_link():
    at = run(app_test())
    mine = sim.load_scenario("upside").with_rates(services_real=7.25).renamed("mine")
    at.file_uploader(key="upload").set_value(("mine.toml", mine.to_toml().encode(),
                                              "application/toml"))
    run(at)
    at.selectbox(key="edit").set_value("mine")
    run(at)
    at.slider(key="non_services_real_first").set_value(6.0)
    run(at)
    link = dict(at.query_params)
    assert "up" in link and link["edit"] == "mine"

    fresh = run(app_test(link))
    assert not fresh.warning or "ignored" not in fresh.warning[0].value
    assert metric_values(fresh) == metric_values(at)
    expected = mine.with_rates(non_services_real=[6.0, 5.0])
    assert metric_values(fresh)["GDP"][0] == pytest.approx(
        sim.value(sim.project(expected), "gdp", 2024), abs=0.051)


def test_every_tab_opens_from_its_link():
    from ui.pages import PAGES

    for page in PAGES:
        at = run(app_test({"tab": page.id}))
        assert at.session_state["tab"] == page.title["en"]
        assert dict(at.query_params) == ({} if page.id == "overview" else {"tab": page.id})


def test_link_view_equals_the_app_frame():
    query = {"compare": "momentum", "edit": "downside", "services_deflator.first": "1.5",
             "until": "2032"}
    at = run(app_test(query))
    view, _ = view_from_url(at)
    expected = sim.project([
        sim.load_scenario("plan-2024"),
        sim.load_scenario("plan-2024").with_rates(services_deflator=[1.5, -0.5],
                                                  non_services_deflator=-2.0)
        .renamed("plan-2024-adjusted"),
        sim.load_scenario("downside").with_rates(services_deflator=[1.5, -0.5])
        .renamed("downside-edited"),
        sim.load_scenario("momentum")], until=2032)
    assert_results_close(view.frame, expected)


def test_a_pages_own_control_travels_in_the_link(monkeypatch):
    """A tab added later declares its controls as UrlParam; they round-trip like the rest."""
    import streamlit as st

    import ui.pages as pages
    from ui.pages import Page, UrlParam

    def parse(text: str) -> int:
        if text not in ("100", "1000"):
            raise ValueError("100 or 1000")
        return int(text)

    def render(view):
        n = st.selectbox("Paths", [100, 1000], index=1, key="demo_paths",
                         persist_state="session")
        st.markdown(f"paths = {n}")

    demo = Page("demo", {"en": "Demo", "zh": "演示"}, render,
                params=(UrlParam("demo_paths", parse, 1000),))
    monkeypatch.setattr(pages, "PAGES", [*pages.PAGES, demo])
    at = run(app_test({"tab": "demo"}))
    at.selectbox(key="demo_paths").set_value(100)
    run(at)
    assert at.query_params == {"tab": "demo", "demo_paths": "100"}
    fresh = run(app_test(dict(at.query_params)))
    assert fresh.selectbox(key="demo_paths").value == 100
    bad = run(app_test({"tab": "demo", "demo_paths": "5"}))
    assert "demo_paths=5: not valid (100 or 1000)" in unescape(bad.warning[0].value)
    assert bad.selectbox(key="demo_paths").value == 1000
