"""A hostile link never breaks a session: whatever fails while the link is read, the session
gets the default view and a notice, and goes on working; a link too long for Streamlit (which
then passes on none of its parameters) is announced by the page."""
from __future__ import annotations

import logging

import pytest

from ui import link_limit
from ui.testing import app_test, metric_values, page_texts, unescape
from ui.uploads import encode_token

#: TOML texts that once made reading a link raise something other than InputError.
HOSTILE_TOML = {
    "deep arrays": "a = " + "[" * 1000 + "]" * 1000,
    "400-digit integer": "x = " + "9" * 400,
    "4301-digit integer": "x = " + "9" * 4301,
    "32,000-deep dotted key": ("a." * 32_000)[: 64 * 1024 - 4].rstrip(".") + " = 1",
}
UNREADABLE = "the link could not be read: this is the default view"


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_session_goes_on(at) -> None:
    """The sidebar is there, and moving a slider changes the numbers."""
    assert at.selectbox(key="edit").value == "plan-2024"
    before = metric_values(at)["GDP"]
    at.slider(key="services_real_first").set_value(9.0)
    run(at)
    assert metric_values(at)["GDP"][0] > before[0]
    assert at.query_params["services_real.first"] == "9"


@pytest.mark.parametrize("text", list(HOSTILE_TOML.values()), ids=list(HOSTILE_TOML))
def test_a_hostile_scenario_in_a_link_gives_a_notice_and_the_session_goes_on(text):
    at = run(app_test({"up": encode_token(text), "services_real.first": "7"}))
    assert not at.error, [e.value for e in at.error]
    notices = [unescape(w.value) for w in at.warning]
    assert any("a scenario in the link could not be read" in n or UNREADABLE in n
               for n in notices), notices
    assert_session_goes_on(at)


def test_any_failure_reading_the_link_gives_the_default_view_and_a_notice(monkeypatch, caplog):
    import ui.url

    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise RecursionError("SECRET-LINK")

    monkeypatch.setattr(ui.url, "from_query", broken)
    with caplog.at_level(logging.ERROR, logger="xihu_app"):
        at = run(app_test({"edit": "momentum", "lang": "zh", "mc_seed": "7"}))
    assert unescape(at.warning[0].value) == (
        f"Some settings in the link were ignored:\n- {UNREADABLE}")
    assert not at.error, [e.value for e in at.error]
    assert "SECRET-LINK" not in " ".join(page_texts(at))
    assert "SECRET-LINK" in caplog.text                       # logged with its traceback
    assert at.segmented_control(key="lang").value == "en"     # the default view
    assert "mc_seed" not in at.session_state
    assert_session_goes_on(at)
    assert len(calls) == 1                                    # the link is read once only


def test_a_failure_after_part_of_the_link_was_seeded_leaves_nothing_of_it(monkeypatch):
    import ui.sidebar

    seed = ui.sidebar.seed
    calls = []

    def seed_once_broken(state, catalog, tab_label):
        calls.append(state)
        if len(calls) == 1:
            seed(state, catalog, tab_label)          # the widgets hold the link's values ...
            raise ValueError("SECRET")               # ... and then something fails
        seed(state, catalog, tab_label)

    monkeypatch.setattr(ui.sidebar, "seed", seed_once_broken)
    at = run(app_test({"edit": "momentum", "year": "2026", "mc_seed": "7"}))
    assert [w for w in at.warning if UNREADABLE in unescape(w.value)]
    assert at.selectbox(key="edit").value == "plan-2024"
    assert at.selectbox(key="year").value == 2024
    assert "mc_seed" not in at.session_state
    assert_session_goes_on(at)


# -- a link over Streamlit's size limit ------------------------------------------------------


def _link_cut(at):
    return [h for h in at.get("html") if 'id="link-cut"' in h.value]


@pytest.mark.parametrize("lang, text", [
    ("en", "This link has <b class=\"link-params\"></b> parameters and "
           "<b class=\"link-chars\"></b> characters, more than the app reads (at most 1,000 "
           "parameters and 524,288 characters): none of its settings were read, and this is "
           "the default view."),
    ("zh", "此链接含有<b class=\"link-params\"></b>个参数、<b class=\"link-chars\"></b>个字符,"
           "超出应用可读取的上限(最多1,000个参数、524,288个字符):其中的设置均未读取,现显示默认视图。"),
])
def test_the_link_limit_notice_states_the_limits_in_each_language(lang, text):
    html = link_limit.notice_html(lang)
    assert f'<div id="link-cut" role="alert" hidden>{text}</div>' in html
    assert "if (params <= 1000 && query.length <= 524288) return;" in html


def test_the_link_limit_notice_is_on_the_page_while_the_app_has_no_query():
    at = run(app_test())
    assert [h.value for h in _link_cut(at)] == [link_limit.notice_html("en")]
    at.slider(key="services_real_first").set_value(9.0)
    run(at)
    assert not _link_cut(at)                        # the URL holds the app's own query now
    assert not _link_cut(run(app_test({"lang": "zh"})))
