"""Text from files and links is shown as plain text: every element that renders Markdown gets
it through :func:`ui.format.plain`, on every page; elements that do not render Markdown
(selectbox options, tables, code) show it as it is."""
from __future__ import annotations

import pytest
from google.protobuf.message import Message
from hypothesis import given
from hypothesis import strategies as hs

from sim.errors import InputError
from ui.format import JOINER, plain
from ui.pages import PAGES
from ui.testing import app_test, unescape, vega_charts
from ui.uploads import base_name, encode_base_token, encode_token

J = JOINER
#: Markdown a shared link could carry: a tracking pixel, a data: link, a style, HTML, a
#: formula, a bare URL (autolinked) and bold text.
HOSTILE = ("![px](http://other-host/px.png)", "[x](data:text/html,hi)", ":red[red]",
           "<img src=x>", "$x^2$", "http://other-host/", "**b**")
TITLE = " ".join(HOSTILE)
TITLE_ZH = "标题 " + TITLE
DESCRIPTION = "\n".join(HOSTILE) + "\n\n# heading\n- item\n1. one"
REGION = "<img src=x> :red[red] 区"
BASE_NOTES = "$x^2$ http://other-host/ **b**"
SOURCE = "![px](http://other-host/px.png)"

BASE = f'''region = "{REGION}"
region_en = "{TITLE}"
year = 2023
notes = "{BASE_NOTES}"

[levels]
gdp = 2000.0
services = 1939.3
retail_sales = 906.3

[growth]
gdp = 5.1

[sources]
gdp = "{SOURCE}"
'''
SCENARIO = f'''name = "hostile"
title_en = "{TITLE}"
title_zh = "{TITLE_ZH}"
description = """{DESCRIPTION}"""
description_zh = """{DESCRIPTION}"""
notes = "{BASE_NOTES}"
base = "hostile-base"
end_year = 2027

[rates]
services_real = 5.0
non_services_real = 2.0
retail_sales = 5.0
'''
#: Link values echoed by the notices.
BAD_VALUES = {"gdp": HOSTILE[0], "tab": HOSTILE[2], HOSTILE[6]: "1"}
#: Element types whose text the browser shows as it is.
PLAIN_TYPES = {"code", "html", "text", "dataframe", "image"}


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def link(**extra) -> dict:
    return {"ub": [encode_base_token("hostile-base", BASE)], "up": [encode_token(SCENARIO)],
            "edit": "hostile", "baseline": "hostile", **extra}


def _strings(msg, out: list[str]) -> None:
    """The ``body``, ``label`` and ``help`` texts of a proto message and its sub-messages."""
    for fd, value in msg.ListFields():
        if fd.name in ("body", "label", "help") and isinstance(value, str):
            out.append(value)
        elif isinstance(value, Message):
            _strings(value, out)


def markdown_texts(at) -> list[str]:
    """Every text of the page the browser renders as Markdown: headings, Markdown, captions,
    alerts, metric, widget, expander and tab labels, tooltips."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") not in PLAIN_TYPES:
            _strings(proto, out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.sidebar)
    walk(at.main)
    return out


def assert_no_raw_markup(at) -> list[str]:
    texts = markdown_texts(at)
    for text in texts:
        for raw in (*HOSTILE, REGION, BASE_NOTES):
            assert raw not in text, (raw, text)
    return texts


# -- plain() itself ------------------------------------------------------------------------


@pytest.mark.parametrize("text, shown", [
    (HOSTILE[0], rf"!\[px\](http:{J}//other-host/px.png)"),
    (HOSTILE[1], rf"\[x\](data:{J}text/html,hi)"),
    (HOSTILE[2], rf":{J}red\[red\]"),
    (HOSTILE[3], r"\<img src=x\>"),
    (HOSTILE[4], r"\$x^2\$"),
    (HOSTILE[5], f"http:{J}//other-host/"),
    (HOSTILE[6], r"\*\*b\*\*"),
    (":material/home: :smile: :streamlit: :+1:",
     f":{J}material/home: :{J}smile: :{J}streamlit: :{J}+1:"),
    ("www.other-host.org and WWW.x.org", f"ww{'w' + J}.other-host.org and WW{'W' + J}.x.org"),
    ("mail me@other-host.org", f"mail me@{J}other-host.org"),
    ("a -> b <- c <-> d -- e >= f <= g ~= h", rf"a -{J}\> b \<{J}- c \<{J}-\> d -{J}- e "
                                             rf"\>{J}= f \<{J}= g \~{J}= h"),
    ("__init__ _a_ a_b snake_case_name", r"\_\_init\_\_ \_a\_ a_b snake_case_name"),
    ("&amp; &#58; &#x3a; R&D", r"\&amp; \&#58; \&#x3a; R&D"),
    ("`code` ~~s~~ a | b \\", r"\`code\` \~\~s\~\~ a \| b \\"),
    ("# heading", r"\# heading"), ("> quote", r"\> quote"), ("- item", r"\- item"),
    ("+ item", r"\+ item"), ("=== x", r"\=== x"), ("1. one", r"1\. one"),
    ("12) twelve", r"12\) twelve"),
    ("line one\n\n    indented\tcode\r\n--- ", "line one indented code ---"),
])
def test_plain_escapes_each_markdown_construct(text, shown):
    assert plain(text) == shown


def test_plain_leaves_ordinary_messages_as_they_are():
    for text in ["x.toml: key 'rates.a': is 3 (allowed: 0 … 1)",
                 "key 'until': is 2030 (allowed: 2024 … 2028; raise it with --max-horizon or "
                 "SIM_MAX_HORIZON)", "Loaded scenario mine from mine.toml.",
                 "西湖区:服务业 2023年"]:
        assert plain(text) == text


@given(hs.text(alphabet=hs.characters(exclude_characters=JOINER), max_size=60))
def test_unescape_gives_back_the_text_plain_shows(text):
    assert unescape(plain(text)) == " ".join(text.split())


@given(hs.text(alphabet=hs.characters(exclude_characters=JOINER), max_size=60))
def test_plain_leaves_no_markup_character_unescaped(text):
    shown = plain(text)
    literal = shown.replace("\\\\", "")                  # escaped backslashes
    for ch in "`*~[]<>$|":
        assert literal.count(ch) == literal.count("\\" + ch), (text, shown)
    assert "\n" not in shown
    for i, ch in enumerate(shown[:-1]):
        if ch == ":" and (shown[i + 1].isascii() and shown[i + 1].isalnum()):
            raise AssertionError((text, shown))          # a directive, emoji or URL scheme


# -- the app: every page, the sidebar, the notices ------------------------------------------


def test_link_values_echoed_by_notices_are_shown_as_plain_text():
    at = run(app_test(link(**BAD_VALUES)))
    notices = "\n".join(w.value for w in at.warning)
    assert f"gdp={plain(HOSTILE[0])}: not a number" in notices
    assert f"tab={plain(HOSTILE[2])}: unknown value" in notices
    assert f"{plain(HOSTILE[6])}: unknown setting" in notices
    assert_no_raw_markup(at)


@pytest.mark.parametrize("page", [p.id for p in PAGES])
def test_every_page_shows_file_text_as_plain_text(page):
    at = run(app_test(link(tab=page, **({"table": "diff"} if page == "compare" else {}))))
    assert not at.error, [e.value for e in at.error]
    texts = assert_no_raw_markup(at)
    assert f"Edit: {plain(TITLE)}" in [s.value for s in at.sidebar.subheader]
    # choice options and tables show the text as it is
    assert f"{TITLE} (hostile)" in at.selectbox(key="edit").options
    shown = {
        "overview": [f"{plain(TITLE)} (being edited): headline figures, 2024",
                     f"Differences from the baseline, {plain(TITLE)}, below each figure."],
        "compare": [f"Scenario minus baseline ({plain(TITLE)}) in 2024: 亿元 for levels, "
                    "percentage points for rates."],
        "uncertainty": [f"Uncertainty: {plain(TITLE)} (being edited)"],
        "goalseek": [f"Goal-seek: {plain(TITLE)} (being edited)"],
        "sensitivity": [f"Sensitivity: {plain(TITLE)} (being edited)"],
        "attribution": [f"Attribution: {plain(TITLE)} (being edited) vs {plain(TITLE)}"],
        "sources": [f"The 2023 outturn: {plain(TITLE)}", plain(BASE_NOTES)],
        "model": [f"The edited scenario: {plain(TITLE)} (being edited)",
                  plain(" ".join(DESCRIPTION.split()))],
    }.get(page, [])
    for text in shown:
        assert text in texts, (text, texts)
    if page == "overview":                          # st.table renders Markdown: made literal
        assert f"{plain(TITLE)} (being edited)" in list(at.table[0].value.iloc[:, 0])
    if page == "compare":
        assert any(TITLE in str(c) for c in at.dataframe[0].value.columns)
    if page == "sources":
        assert SOURCE in list(at.dataframe[0].value["Source sentence"])
    if page == "reproduce":
        assert f'title_en = "{TITLE}"' in at.code[0].value          # st.code is plain text


def test_chinese_titles_and_region_are_plain_text():
    at = run(app_test(link(lang="zh", tab="sources")))
    texts = assert_no_raw_markup(at)
    assert f"编辑:{plain(TITLE_ZH)}" in texts
    assert f"2023年实际数据:{plain(REGION)}" in texts


def test_uploaded_file_names_and_error_messages_are_plain_text():
    at = run(app_test())
    name = "![px](data:text,hi) :red[x] **b**.toml"
    bad = (f'name = "{HOSTILE[1]}"\n[rates]\nservices_real = 5.0\nnon_services_real = 2.0\n'
           'retail_sales = 5.0\n').encode()
    at.file_uploader(key="upload").set_value([
        (name, BASE.encode(), "application/toml"), ("bad.toml", bad, "application/toml")])
    run(at)
    assert plain(f"Loaded base {base_name(name)} from {name}.") in [s.value for s in at.success]
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and plain(HOSTILE[1]) in errors[0], errors
    assert_no_raw_markup(at)


def test_messages_of_a_failing_page_are_plain_text(monkeypatch):
    import ui.pages.compare as compare

    def invalid(view):
        raise InputError(f"is {HOSTILE[0]}", source="x.toml", key="title_en")

    monkeypatch.setattr(compare, "targets", invalid)
    at = run(app_test({"tab": "compare"}))
    assert [e.value for e in at.error] == [plain(f"x.toml: key 'title_en': is {HOSTILE[0]}")]


def test_chart_labels_with_dollars_are_drawn_as_text():
    formula = SCENARIO.replace(f'title_en = "{TITLE}"', 'title_en = "$\\\\frac$ costs 5"')
    at = run(app_test({"ub": link()["ub"], "up": [encode_token(formula)],
                       "edit": "hostile", "baseline": "hostile"}))
    assert not at.error, [e.value for e in at.error]      # the chart was drawn
    (spec, data), = vega_charts(at)
    assert "$\\frac$ costs 5 (being edited)" in set(data["lines"]["name"])   # as it is


@pytest.mark.parametrize("lang, label", [
    ("en", "Upload scenario or base files (TOML, up to {kb} KB each)"),
    ("zh", "上传情景或基年文件(TOML,每个不超过{kb} KB)"),
])
def test_the_upload_box_states_the_apps_size_limit(monkeypatch, lang, label):
    at = run(app_test({"lang": lang}))
    assert at.file_uploader(key="upload").label == label.format(kb=64)
    # Streamlit's own size text (whole megabytes of server.maxUploadSize) is hidden
    hidden = ("<style>.st-key-upload [data-testid='stFileUploaderDropzoneInstructions'] "
              "{ display: none; }</style>")
    assert hidden in [h.value for h in at.get("html")]
    monkeypatch.setenv("SIM_MAX_UPLOAD_BYTES", "131072")
    assert run(app_test({"lang": lang})).file_uploader(key="upload").label == label.format(
        kb=128)
