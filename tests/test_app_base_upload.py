"""Uploading a base file with scenarios: a scenario may name the base uploaded with it (and
only that or a built-in base); the base travels in the shared link."""
from __future__ import annotations

import pytest

import sim
from sim.base import base_from_dict, parse_toml
from ui.testing import app_test, metric_values, page_texts, unescape

BASE = b'''region = "Other District"
year = 2023
lower_bounds = ["gdp"]

[levels]
gdp = 812.5
services = 540.0
retail_sales = 300.0

[growth]
gdp = 4.0

[sources]
gdp = "A made-up figure for tests."

[assumptions]
rd_intensity = 2.5
'''

SCENARIO = b'''name = "other-plan"
base = "other-district"
end_year = 2028

[rates]
services_real = 6.0
non_services_real = 3.0
retail_sales = 5.0
'''


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _upload(at, *files):
    at.file_uploader(key="upload").set_value([(n, d, "application/toml") for n, d in files])
    return run(at)


def _expected_gdp_2024() -> float:
    base = base_from_dict(parse_toml(BASE, source="b"), name="other-district")
    df = sim.project(sim.scenario_from_dict(parse_toml(SCENARIO, source="s"), base=base))
    row = df[(df.indicator == "gdp") & (df.year == 2024)]
    return float(row.value.iloc[0])


def _uploaded_view():
    at = run(app_test())
    _upload(at, ("Other District.toml", BASE), ("plan.toml", SCENARIO))
    assert not at.error, [e.value for e in at.error]
    assert "other-plan" in at.multiselect(key="compare").value
    at.selectbox(key="edit").set_value("other-plan")
    return run(at)


def test_upload_box_accepts_several_files_and_shows_the_limit(monkeypatch):
    at = run(app_test())
    box = at.file_uploader(key="upload")
    assert box.accept_multiple_files
    assert "64 KB" in box.help
    monkeypatch.setenv("SIM_MAX_UPLOAD_BYTES", "131072")
    assert "128 KB" in run(app_test()).file_uploader(key="upload").help


def test_base_and_scenario_naming_it():
    at = _uploaded_view()
    texts = " ".join(unescape(s.value) for s in at.success)
    assert "Loaded base other-district from Other District.toml" in texts
    assert "other-plan" in at.selectbox(key="edit").options
    gdp, _ = metric_values(at)["GDP"]
    assert gdp == pytest.approx(_expected_gdp_2024(), abs=0.051)
    assert gdp != pytest.approx(metric_values(run(app_test()))["GDP"][0], abs=1)


def test_link_round_trips():
    at = _uploaded_view()
    query = dict(at.query_params)
    assert "ub" in query and "up" in query
    again = run(app_test(query))
    assert not again.warning, [w.value for w in again.warning]
    assert again.selectbox(key="edit").value == "other-plan"
    assert repr(metric_values(again)) == repr(metric_values(at))  # NaN-safe
    assert metric_values(again)["GDP"][0] == pytest.approx(_expected_gdp_2024(), abs=0.051)


@pytest.mark.parametrize("ref, message", [
    ("no-such-base", "bad.toml: key 'base': base 'no-such-base' is not available here"),
    ("/etc/passwd", "bad.toml: key 'base': base '/etc/passwd' is not available here"),
    ("../../x", "bad.toml: key 'base': base '../../x' is not available here"),
])
def test_scenario_naming_an_unknown_base_or_a_path_is_refused(ref, message):
    at = _uploaded_view()
    before_metrics, before_query = repr(metric_values(at)), dict(at.query_params)
    before_compare = list(at.multiselect(key="compare").value)
    bad = SCENARIO.replace(b'"other-district"', f'"{ref}"'.encode()).replace(
        b"other-plan", b"bad-plan")
    _upload(at, ("bad.toml", bad))
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert "other-district" in errors[0]          # the uploaded base is among the allowed
    assert "The file was not loaded" in " ".join(page_texts(at))
    assert repr(metric_values(at)) == before_metrics
    assert dict(at.query_params) == before_query
    assert list(at.multiselect(key="compare").value) == before_compare


@pytest.mark.parametrize("data, message", [
    (BASE.replace(b"gdp = 812.5", b'gdp = "lots"'), "broken.toml: key 'levels.gdp'"),
    (BASE.replace(b"year = 2023", b"year = 2023\ncolour = 1"), "broken.toml: key 'colour'"),
    (BASE + b"[levels\n", "broken.toml: is not valid TOML"),
])
def test_malformed_base_shows_its_error(data, message):
    at = run(app_test())
    before = repr(metric_values(at))
    _upload(at, ("broken.toml", data), ("plan.toml", SCENARIO))
    errors = [unescape(e.value) for e in at.error]
    assert any(e.startswith(message) for e in errors), errors
    # the scenario naming it is refused too, and the view is unchanged
    assert any(e.startswith("plan.toml: key 'base'") for e in errors), errors
    assert repr(metric_values(at)) == before
    assert "other-plan" not in at.selectbox(key="edit").options
