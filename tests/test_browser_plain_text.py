"""In a real browser, a shared link carrying an uploaded scenario with Markdown in its texts
shows them literally on every page: nothing is fetched from another host, no link leads
elsewhere, no image comes from elsewhere. The upload box states the app's size limit; a link
too long to be read, or holding a broken scenario, gives a notice and the default view."""
from __future__ import annotations

from urllib.parse import urlencode, urlparse

import pytest

from browser_helpers import TIMEOUT, no_exception, open_app, settle
from test_app_plain_text import BASE, SCENARIO, TITLE
from ui.format import JOINER
from ui.pages import PAGES, page_ids
from ui.state import ViewState
from ui.url import to_query
from ui.uploads import encode_token

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]   # a hang guard

#: JavaScript (argument: texts): every text is on the page, the joiners that keep them
#: literal (ui.format.JOINER) left out.
TEXTS_JS = ("(texts) => { const shown = document.body.innerText.replaceAll(%r, '');"
            " return texts.every(t => shown.includes(t)); }" % JOINER)
#: JavaScript: the elements showing a hostile text, with the markup found in them (the
#: heading's own anchor aside).
MARKUP_JS = """(markers) => Array.from(document.querySelectorAll(
        'h1, h2, h3, [data-testid="stMarkdownContainer"]'))
    .filter(e => markers.some(m => e.textContent.includes(m)))
    .map(e => [e.textContent, Array.from(e.querySelectorAll(
        'a, img, strong, em, code, del, .katex, [style], [class*="Colored"]'))
        .filter(x => !x.closest('[data-testid="stHeaderActionElements"]'))
        .map(x => x.outerHTML.slice(0, 120))])
    .filter(([, found]) => found.length > 0)"""


def shared_link(server: str, tab: str) -> str:
    """The app's link to the hostile scenario, edited and as baseline, on ``tab``."""
    state = ViewState(edit="hostile", baseline="hostile", tab=tab,
                      uploads={"hostile": SCENARIO}, bases={"hostile-base": BASE})
    return server + "?" + urlencode(to_query(state, tabs=page_ids()), doseq=True)


def wait_for_texts(page, texts: list[str]) -> None:
    page.wait_for_function(TEXTS_JS, arg=texts, timeout=TIMEOUT)
    settle(page)


def foreign_links(page, server: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    host = urlparse(server).netloc
    return [h for h in hrefs if urlparse(h).scheme not in ("http", "https")
            or urlparse(h).netloc != host]


def foreign_images(page, server: str) -> list[str]:
    srcs = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
    host = urlparse(server).netloc
    return [s for s in srcs if not (urlparse(s).netloc == host
                                    or s.startswith(("data:image/", "blob:")))]


@pytest.mark.parametrize("tab", [p.id for p in PAGES])
def test_a_shared_link_shows_its_texts_literally_on_every_page(server, new_page, tab):
    page = new_page()
    page.goto(shared_link(server, tab))
    wait_for_texts(page, [f"Edit: {TITLE}"])
    no_exception(page)
    # a choice shows its option's text as it is
    assert page.locator(".st-key-edit input").input_value() == f"{TITLE} (hostile)"
    assert not foreign_links(page, server), foreign_links(page, server)
    assert not foreign_images(page, server), foreign_images(page, server)
    markers = ["other-host", "red[red]", "x^2", "**b**", "<img src=x>"]
    assert page.evaluate(MARKUP_JS, markers) == []
    heading = page.locator('[data-testid="stSidebar"] h3').filter(has_text="Edit:")
    assert heading.inner_text().replace(JOINER, "") == f"Edit: {TITLE}"


def test_the_upload_box_states_the_apps_limit(server, new_page):
    page = new_page()
    open_app(page, server)
    box = page.locator(".st-key-upload")
    text = box.inner_text()
    assert "up to 64 KB each" in text and "MB" not in text, text
    assert not box.locator('[data-testid="stFileUploaderDropzoneInstructions"]').is_visible()


def test_a_link_over_the_size_limit_gives_a_notice_and_the_default_view(server, new_page):
    page = new_page()
    query = "&".join(f"x{i}=1" for i in range(1001))
    page.goto(f"{server}?{query}")
    page.wait_for_selector("#link-cut:not([hidden])", timeout=TIMEOUT)
    settle(page)
    notice = page.locator("#link-cut").inner_text()
    assert notice.startswith(f"This link has 1,001 parameters and {len(query):,} characters, "
                             "more than the app reads (at most 1,000 parameters"), notice
    assert page.locator('[data-testid$="Metric"]').count() == 6
    no_exception(page)


def test_a_link_of_an_ordinary_size_shows_no_such_notice(server, new_page):
    page = new_page()
    open_app(page, f"{server}?lang=zh")
    assert page.locator("#link-cut").count() == 0          # drawn only without a query
    open_app(page, server)
    assert page.locator("#link-cut").count() == 1 and not page.locator("#link-cut").is_visible()
    assert page.locator(".st-key-link_cut").evaluate("e => getComputedStyle(e).display") == "none"


def test_a_link_holding_a_broken_scenario_leaves_a_working_session(server, new_page):
    page = new_page()
    token = encode_token("a = " + "[" * 1000 + "]" * 1000)
    open_app(page, f"{server}?up={token}")
    wait_for_texts(page, ["Some settings in the link were ignored", "could not be read"])
    assert page.locator('[data-testid="stSidebar"] .st-key-edit').is_visible()
    no_exception(page)
