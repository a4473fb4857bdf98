"""Bad input never breaks the app: bad uploads show the validation message and the previous
state stays; failures inside a page show a short message, never a traceback."""
from __future__ import annotations

import logging

import pytest

import sim
from ui.testing import app_test, metric_values, metrics, page_texts, unescape
from ui.uploads import MAX_UPLOAD_BYTES

GOOD = sim.load_scenario("upside").with_rates(services_real=7.0).renamed("good").to_toml()


def run(at):
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="upload").set_value((name, data, "application/toml"))
    return run(at)


@pytest.mark.parametrize("name, data, message", [
    ("bad.toml", b"this is = not [toml", "bad.toml: is not valid TOML"),
    ("latin.toml", "name = 'é'".encode("latin-1"), "latin.toml: is not a UTF-8 text file"),
    ("big.toml", b"#" * (MAX_UPLOAD_BYTES + 1),
     "big.toml: is 65,537 bytes, too large for a scenario file"),
    ("empty.toml", b"   \n", "empty.toml: is empty (TOML expected)"),
    ("range.toml", b'name = "r"\n[rates]\nservices_real = 250\nnon_services_real = 1\n'
                   b'retail_sales = 1\n',
     "range.toml: key 'rates.services_real': is 250, out of range (allowed: [-50, 100] % per "
     "year)"),
    ("path.toml", b'name = "p"\nbase = "/etc/passwd.toml"\n[rates]\nservices_real = 1\n'
                  b'non_services_real = 1\nretail_sales = 1\n',
     "path.toml: key 'base': base '/etc/passwd.toml' is not available here"),
    ("typo.toml", b'name = "t"\n[rates]\nservices_reel = 1\nnon_services_real = 1\n'
                  b'retail_sales = 1\n',
     "typo.toml: key 'rates.services_reel': unknown rate; did you mean 'services_real'?"),
])
def test_bad_upload_shows_the_message_and_keeps_the_state(name, data, message):
    at = run(app_test())
    _upload(at, "good.toml", GOOD.encode())
    at.selectbox(key="edit").set_value("good")
    at.slider(key="gdp").set_value(2050.0)
    run(at)
    before_metrics, before_query = metric_values(at), dict(at.query_params)
    before_compare = list(at.multiselect(key="compare").value)

    _upload(at, name, data)
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert "The file was not loaded" in " ".join(page_texts(at))
    assert metric_values(at) == before_metrics
    assert dict(at.query_params) == before_query
    assert list(at.multiselect(key="compare").value) == before_compare
    assert "Traceback" not in " ".join(page_texts(at))


def test_upload_with_a_taken_name_is_renamed():
    at = run(app_test())
    text = sim.load_scenario("downside").with_rates(non_services_real=0.0).renamed(
        "plan-2024").to_toml()
    _upload(at, "plan.toml", text.encode())
    assert unescape(at.success[0].value) == ("A scenario called plan-2024 exists already: the upload is "
                                   "called plan-2024-upload.")
    assert "plan-2024-upload" in at.multiselect(key="compare").value


def test_unexpected_error_in_a_page_shows_a_short_message(monkeypatch, caplog):
    import ui.pages.overview as overview

    def broken(view):
        raise RuntimeError("SECRET-DETAIL-7")

    monkeypatch.setattr(overview, "chart", broken)
    with caplog.at_level(logging.ERROR, logger="xihu_app"):
        at = run(app_test())
    texts = " ".join(page_texts(at))
    assert "SECRET-DETAIL-7" not in texts and "Traceback" not in texts
    assert [e.value for e in at.error] == [
        "This part of the page could not be shown because of an unexpected error (it has "
        "been logged). Your settings are kept."]
    assert len(metrics(at)) == 6                       # the rest of the page is there
    assert "SECRET-DETAIL-7" in caplog.text          # and the error is logged


def test_input_error_in_a_page_shows_its_message(monkeypatch):
    import ui.pages.compare as compare

    def invalid(view):
        raise sim.InputError("is 3", source="x.toml", key="rates.a", allowed="0 … 1")

    monkeypatch.setattr(compare, "targets", invalid)
    at = run(app_test({"tab": "compare"}))
    assert [e.value for e in at.error] == ["x.toml: key 'rates.a': is 3 (allowed: 0 … 1)"]
    assert len(at.dataframe) == 1


def test_failure_of_the_whole_page_is_contained(monkeypatch):
    import ui.view as view_module

    def broken(*args, **kwargs):
        raise KeyError("SECRET-9")

    monkeypatch.setattr(view_module, "build_view", broken)   # app.py imports it on each run
    at = app_test()
    at.run()
    assert not at.exception
    texts = " ".join(page_texts(at))
    assert "SECRET-9" not in texts and "Traceback" not in texts
    assert "unexpected error" in texts


def test_unexpected_failure_reading_an_upload_is_contained(monkeypatch):
    import ui.uploads

    def broken(data, *, filename):
        raise RecursionError("SECRET-UPLOAD")

    monkeypatch.setattr(ui.uploads, "read_upload", broken)
    at = run(app_test())
    _upload(at, "x.toml", GOOD.encode())
    texts = " ".join(page_texts(at))
    assert "SECRET-UPLOAD" not in texts and "Traceback" not in texts
    assert [unescape(e.value) for e in at.error] == [
        "This part of the page could not be shown because of an unexpected error (it has "
        "been logged). Your settings are kept."]
    assert len(metrics(at)) == 6
