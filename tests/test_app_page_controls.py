"""Every page's controls are declared the same way (``UrlParam``), travel in the link by that
declaration alone, and follow a language switch; the horizon slider reaches the app's limit."""
from __future__ import annotations

import pytest

import sim
from ui.pages import PAGES, url_params
from ui.session import translated_keys
from ui.testing import app_test
from ui.uploads import encode_token
from ui.url import Notice, from_query, to_query


@pytest.fixture(scope="module")
def shipped():
    return {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_the_first_pages_controls_are_declared_by_their_pages():
    declared = {page.id: [p.key for p in page.params] for page in PAGES}
    assert declared["overview"] == ["chart"]
    assert declared["compare"] == ["table"]
    assert declared["contributions"] == ["contrib"]


def test_the_link_knows_a_pages_control_only_from_its_declaration(shipped):
    query = {"chart": "retail_sales", "table": "pct", "contrib": "adjusted"}
    _, _, notices = from_query(query, shipped=shipped)
    assert notices == [Notice(k, v, "unknown_param") for k, v in query.items()]
    state, _, notices = from_query(query, shipped=shipped, extras=url_params())
    assert notices == [] and state.extras == query
    assert to_query(state) == query


def test_a_control_naming_an_uploaded_scenario_carries_it_in_the_link(shipped):
    text = shipped["upside"].with_rates(services_real=7.0).renamed("mine").to_toml()
    query = {"up": encode_token(text), "contrib": "mine"}
    state, uploads, notices = from_query(query, shipped=shipped, extras=url_params())
    assert notices == [] and state.uploads == {"mine": text}
    assert to_query(state)["up"] == [encode_token(text)]
    state, _, _ = from_query({"up": encode_token(text)}, shipped=shipped, extras=url_params())
    assert state.uploads == {}                          # not in use: left out of the link


def _choices(at) -> dict[str, list[str]]:
    """Key → the option labels shown, of every choice widget on the page."""
    widgets = [*at.selectbox, *at.multiselect, *at.segmented_control, *at.radio]
    return {w.key: list(w.options) for w in widgets if w.key}


@pytest.mark.parametrize("page", [p.id for p in PAGES])
def test_every_control_with_translated_options_is_relabelled_on_a_language_switch(page):
    at = run(app_test({"tab": page}))
    english = _choices(at)
    at.segmented_control(key="lang").set_value("zh")
    chinese = _choices(run(at))
    translated = {k for k in english if k in chinese and english[k] != chinese[k]}
    assert translated <= set(translated_keys())
    assert {"compare", "edit", "baseline", "year", "retail"} <= translated


def test_the_pages_translated_choices_are_the_ones_relabelled():
    pages = {"overview": "chart", "compare": "table", "uncertainty": "mc_indicator",
             "goalseek": "gs_vary_year", "sensitivity": "sens_indicator",
             "attribution": "attr_indicator"}
    assert set(pages.values()) <= set(translated_keys())
    assert "mc_paths" not in translated_keys()          # numbers: the same in each language


def test_the_horizon_slider_reaches_the_limit_the_app_was_started_with(monkeypatch):
    monkeypatch.setenv("SIM_MAX_HORIZON", "40")
    at = run(app_test())
    assert at.slider(key="until").max == 2063           # 2023 + 40
    at.slider(key="until").set_value(2060)
    run(at)
    assert at.query_params == {"until": "2060"}
    assert run(app_test({"until": "2060"})).slider(key="until").value == 2060
