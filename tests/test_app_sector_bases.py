"""Bases that list their sectors are refused by the app with a message (its sliders are the
two-sector form's), never a crash; the command line and Python run them."""
from __future__ import annotations

import pytest

from sim.errors import InputError
from ui.testing import app_test
from ui.uploads import (SECTORS_NOT_IN_APP, decode_base_token, encode_base_token, encode_token,
                        read_base_upload, read_upload)

SCENARIO = """name = "three"
base = "xihu-2022"
[rates]
primary_real = 1.0
secondary_real = 3.0
tertiary_real = 6.0
retail_sales = 5.0
industry_above_size = 4.0
fixed_asset_investment = 4.0
"""
BASE = """region = "Other"
year = 2023
sectors = ["a", "b"]
[levels]
gdp = 100.0
a = 40.0
b = 60.0
retail_sales = 40.0
[growth]
gdp = 5.0
a = 4.0
b = 5.666666666666667
retail_sales = 6.0
"""


def test_an_uploaded_scenario_on_a_sector_base_is_refused_naming_the_base():
    with pytest.raises(InputError, match="three.toml: key 'base': lists sectors") as err:
        read_upload(SCENARIO.encode(), filename="three.toml")
    assert SECTORS_NOT_IN_APP in str(err.value)


def test_an_uploaded_sector_base_is_refused_naming_its_sectors():
    with pytest.raises(InputError, match="other.toml: key 'sectors': lists sectors"):
        read_base_upload(BASE.encode(), filename="other.toml")
    with pytest.raises(InputError, match="key 'ub': lists sectors"):
        decode_base_token(encode_base_token("other", BASE))


def test_a_link_to_a_scenario_on_a_sector_base_gives_a_notice_and_a_working_app():
    at = app_test({"up": [encode_token(SCENARIO)], "edit": "three"}).run()
    assert not at.exception
    assert any("lists sectors" in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.metric, "the default view is shown"


def test_the_command_line_runs_the_sector_base(tmp_path):
    from sim.cli import main

    path = tmp_path / "three.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    assert main(["run", str(path), "--until", "2024", "--format", "csv"]) == 0
