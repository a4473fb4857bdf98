import os
import pathlib

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# A busy machine runs examples several times slower: no per-example deadline and no health
# check on slow data generation, for every @given (a test's own @settings keeps these unless it
# sets them). Examples, shrinking and the failure report are unchanged.
settings.register_profile("sim", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sim")

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = pathlib.Path("/usr/bin/chromium")


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") and not CHROMIUM.exists():
        if os.environ.get("SIM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} missing and SIM_REQUIRE_BROWSER=1: CI must run browser tests",
                        pytrace=False)
        pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium to run browser tests")


@pytest.fixture(autouse=True)
def _default_limits(monkeypatch):
    """Tests see the default per-request limits, whatever the machine's SIM_MAX_* variables."""
    for name in list(os.environ):
        if name.startswith("SIM_MAX_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="module")
def three():
    """A three-sector scenario on xihu-2022 whose primary sector shrinks after 2024 (rates are
    the test's assumptions), and plan-2024 in the two-sector form, projected."""
    import sim

    rates = {"primary_real": [1.5, -0.5], "secondary_real": [3.0, 2.5], "tertiary_real": 6.2,
             "secondary_deflator": 0.5, "retail_sales": 7.0, "industry_above_size": 4.0,
             "fixed_asset_investment": 5.0}
    s = sim.scenario_from_dict({"name": "three", "rates": rates},
                               base=sim.load_base("xihu-2022"))
    return sim.project([s, "plan-2024"])


# --- browser tests: one server and one Chromium per module, fresh contexts per test ----------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a free port (for a browser test module); its URL. Afterwards,
    the server log holds no traceback."""
    from browser_helpers import streamlit_server

    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server(log) as srv:
        yield srv.url
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium (Playwright)."""
    from playwright.sync_api import sync_playwright

    from browser_helpers import launch_chromium

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def new_page(browser):
    """``new_page(**context_options)``: pages in fresh browser contexts; afterwards, every
    request the app made went to the local server (the app makes no outbound connection)."""
    from browser_helpers import TIMEOUT, VIEWPORT, outside_requests

    contexts, requests = [], []

    def make(**kw):
        ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, **kw)
        ctx.on("request", lambda r: requests.append(r.url))
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(TIMEOUT)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    outside = outside_requests(requests)
    assert requests and not outside, outside[:5]
