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
