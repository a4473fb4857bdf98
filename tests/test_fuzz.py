"""Hostile input: generated documents either load and project to finite numbers, or raise the
project's InputError naming the key. Any other exception is a failure.

About 11,000 documents per run: mutations of a valid scenario, random documents, random bases,
and random TOML text.
"""
import copy
import math
import tomllib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.base import base_from_dict, parse_toml
from sim.scenario import _TOP_KEYS, scenario_from_dict
from sim.model import RATE_NAMES

VALID = tomllib.loads((sim.shipped_scenarios()["plan-2024"]).read_text(encoding="utf-8"))
BASE = sim.load_base("xihu-2023").to_dict()
KEYS = list(_TOP_KEYS) + list(RATE_NAMES) + ["gdp", "services", "retail_sales", "sd", "skew",
                                             "persistence", "correlation", "region", "year"]

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-200, 200),
    st.integers(-10**40, 10**40),
    st.sampled_from([0, -0.0, 1e-320, 5e-324, 1e308, -1e308, 49.999, 100.0, -50.0, 100.0001]),
)
texts = st.one_of(st.text(max_size=30), st.sampled_from(
    ["base", "xihu-2023", "/etc/passwd", "../../x", "../../x.toml", "/etc/passwd.toml",
     "西湖区", "\x00", "nan", "🙂" * 5, "a" * 500, "C:\\windows\\system.ini.toml"]))
scalars = st.one_of(numbers, texts, st.booleans())
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=15))
values = st.recursive(scalars, lambda c: st.one_of(st.lists(c, max_size=5),
                                                   st.dictionaries(keys, c, max_size=5)),
                      max_leaves=12)
def fuzz(n):
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck),
                    database=None)


def paths_in(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from paths_in(v, prefix + (k,))


@st.composite
def mutated(draw, original):
    doc = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 4))):
        candidates = [p for p in paths_in(doc) if p]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        action = draw(st.sampled_from(["replace", "delete", "add", "number"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        else:
            parent[path[-1]] = draw(numbers)
    return doc


def accept_or_refuse_with_key(load):
    try:
        scenario = load()
    except sim.InputError as err:
        assert err.key is not None or "TOML" in err.problem or "UTF-8" in err.problem, str(err)
        assert "\n" not in str(err)
        return None
    if isinstance(scenario, sim.Scenario):
        try:
            frame = sim.project(scenario)
        except sim.InputError as err:   # e.g. an elasticity that drives retail out of range
            assert err.key is not None, str(err)
            return None
        assert np.isfinite(frame["value"].to_numpy()).all()
        assert len(frame) > 0
    return scenario


@fuzz(5000)
@given(mutated(VALID))
def test_mutated_scenarios_load_and_project_or_name_the_key(doc):
    accept_or_refuse_with_key(lambda: scenario_from_dict(doc, source="<fuzz>",
                                                         allow_base_paths=False))


@fuzz(2000)
@given(st.dictionaries(keys, values, max_size=8))
def test_random_documents_are_refused_with_the_key(doc):
    accept_or_refuse_with_key(lambda: scenario_from_dict(doc, source="<fuzz>",
                                                         allow_base_paths=False))


@fuzz(2500)
@given(mutated(BASE))
def test_mutated_bases_load_or_name_the_key(doc):
    base = accept_or_refuse_with_key(lambda: base_from_dict(doc, source="<fuzz>"))
    if base is not None:
        rates = {"services_real": 5.0, "non_services_real": 2.0, "retail_sales": 6.0,
                 **{x: 5.0 for x in base.extras}}
        accept_or_refuse_with_key(lambda: scenario_from_dict({"rates": rates}, base=base))
        report = sim.consistency_report(base)
        assert not any(math.isinf(f.value) for f in report.findings)
        assert "nan" not in (report.text("en") + report.text("zh")).lower()


@fuzz(1500)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_random_text_is_toml_or_refused(text):
    try:
        parse_toml(text, source="<upload>")
    except sim.InputError as err:
        assert err.source == "<upload>"
        return
    accept_or_refuse_with_key(lambda: sim.parse_scenario(text, allow_base_paths=False))


@pytest.mark.parametrize("ref", ["/etc/passwd", "../../x", "../../x.toml", "/etc/passwd.toml",
                                 "xihu-2023/../../etc.toml"])
def test_an_upload_cannot_name_a_server_file_as_its_base(ref):
    text = f'base = "{ref}"\n[rates]\nservices_real = 5\nnon_services_real = 1\nretail_sales = 5\n'
    with pytest.raises(sim.InputError, match=r"<upload>: key 'base': base .* is not available here"):
        sim.parse_scenario(text, allow_base_paths=False)


@pytest.mark.parametrize("rate", [-50.0, 100.0])
def test_extreme_valid_rates_to_2050_stay_finite(rate):
    everything = {k: rate for k in ("services_real", "non_services_real", "services_deflator",
                                     "non_services_deflator", "retail_sales")}
    s = scenario_from_dict({"end_year": 2050, "rates": {**everything, "rd_intensity": 100.0}})
    frame = sim.project(s)
    assert frame["year"].max() == 2050
    assert np.isfinite(frame["value"]).all()
    tiny = s.with_levels(gdp=1e-6, services=1e-6, retail_sales=1e-6).with_end_year(2123)
    huge = s.with_levels(gdp=1e8, services=1e8, retail_sales=1e8).with_end_year(2123)
    for t in (tiny, huge):
        assert np.isfinite(sim.project(t)["value"]).all()


def test_an_elasticity_that_drives_retail_out_of_range_is_refused():
    s = scenario_from_dict({"rates": {"services_real": 60.0, "non_services_real": 60.0,
                                      "services_deflator": 20.0, "retail_sales_elasticity": 5.0}})
    nominal = (1939.3 * 1.6 * 1.2 + 60.7 * 1.6) / 2000 - 1
    with pytest.raises(sim.InputError, match=r"rates.retail_sales_elasticity.*retail growth of "
                                             rf"{500 * nominal:.1f}% in 2024"):
        sim.project(s)
