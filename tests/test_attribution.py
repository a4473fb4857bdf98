"""Shapley attribution: parts sum to the total, analytic cases, the retail switch, errors."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.analysis.attribution import MAX_PLAYERS, attribute, shapley_values

PLAN = sim.load_scenario("plan-2024")
W = 1939.3 / 2000.0


def test_shapley_values_of_known_games():
    # symmetric game v(S) = |S|^2 with 3 players: each gets v(N)/3
    v = np.array([bin(m).count("1") ** 2 for m in range(8)], float)
    np.testing.assert_allclose(shapley_values(v), [3.0, 3.0, 3.0], rtol=1e-15)
    # additive game: each player's own value; a dummy player (bit 2) gets 0
    own = np.array([2.0, -1.0, 0.0])
    v = np.array([sum(own[i] for i in range(3) if m >> i & 1) for m in range(8)])
    np.testing.assert_allclose(shapley_values(v), own, atol=1e-15)
    # pure interaction of two players (v = 1 only when both are in): split half and half
    np.testing.assert_allclose(shapley_values(np.array([0, 0, 0, 1.0])), [0.5, 0.5])
    with pytest.raises(ValueError, match="2\\*\\*d"):
        shapley_values(np.ones(3))


@pytest.mark.parametrize("scenario,baseline,indicator,year", [
    ("upside", "plan-2024", "gdp", 2030),
    ("downside", "plan-2024", "gdp_real_growth", 2026),
    ("momentum", "plan-2024", "retail_sales", 2027),
    ("upside", "downside", "rd_expenditure", 2028),
    ("downside", "upside", "services_share", 2030),
])
def test_parts_sum_to_the_total_and_the_ends_are_the_projections(scenario, baseline, indicator,
                                                                 year):
    at = attribute(scenario, baseline, indicator=indicator, year=year)
    assert at.parts.sum() == pytest.approx(at.total, rel=1e-12, abs=1e-12)
    df = sim.project([scenario, baseline], until=year)
    assert at.scenario_value == sim.value(df, indicator, year, scenario)
    assert at.baseline_value == sim.value(df, indicator, year, baseline)
    assert at.model_runs == 2 ** len(at.inputs)
    frame = at.to_frame()
    assert list(frame.columns) == ["input", "change", "contribution", "share"]
    if at.total:
        assert frame["share"].sum() == pytest.approx(1.0, rel=1e-10)


@settings(max_examples=30, deadline=None)
@given(gs=st.floats(-5, 15), gn=st.floats(-20, 20), ps=st.floats(-3, 5), pn=st.floats(-5, 5),
       rd=st.floats(3.0, 6.0), gdp=st.floats(1950.0, 2100.0), year=st.integers(2024, 2032))
def test_parts_sum_to_the_total_for_any_scenario(gs, gn, ps, pn, rd, gdp, year):
    s = PLAN.with_rates(services_real=gs, non_services_real=gn, services_deflator=ps,
                        non_services_deflator=pn, rd_intensity=rd).with_levels(gdp=gdp)
    for ind in ("gdp", "rd_expenditure", "gdp_real_growth"):
        at = attribute(s, PLAN, indicator=ind, year=year)
        assert math.isclose(at.parts.sum(), at.total, rel_tol=1e-11, abs_tol=1e-9)


def test_linear_output_splits_exactly_by_weights():
    # gdp_real_growth(2024) = W g_s + (1 − W) g_n: parts are W Δg_s and (1 − W) Δg_n
    s = PLAN.with_rates(services_real=6.5, non_services_real=-1.0, services_deflator=2.0)
    at = attribute(s, PLAN, indicator="gdp_real_growth", year=2024)
    parts = dict(zip(at.inputs, at.parts))
    assert parts["rates.services_real"] == pytest.approx(W * 0.9, rel=1e-12)
    assert parts["rates.non_services_real"] == pytest.approx((1 - W) * -3.31, rel=1e-12)
    assert parts["rates.services_deflator"] == 0.0


def test_interaction_is_shared_equally_between_real_growth_and_prices():
    # services in 2024 = S0 (1+g)(1+p): phi_g = S0 Δg ((1+p_b) + (1+p_s))/2, and symmetric
    s = PLAN.with_rates(services_real=7.6, services_deflator=3.0)
    at = attribute(s, PLAN, indicator="services", year=2024)
    parts = dict(zip(at.inputs, at.parts))
    assert parts["rates.services_real"] == pytest.approx(1939.3 * 0.02 * (1 + 1.03) / 2,
                                                         rel=1e-12)
    assert parts["rates.services_deflator"] == pytest.approx(1939.3 * 0.03 * (1.056 + 1.076) / 2,
                                                             rel=1e-12)


def test_order_of_groups_does_not_matter():
    s = sim.load_scenario("upside").with_levels(gdp=2050.0)
    g1 = {"sectors": ["services_real", "non_services_real"], "prices": ["services_deflator",
                                                                        "non_services_deflator"]}
    g2 = dict(reversed(list(g1.items())))
    a = attribute(s, PLAN, indicator="gdp", year=2030, groups=g1)
    b = attribute(s, PLAN, indicator="gdp", year=2030, groups=g2)
    pa, pb = dict(zip(a.inputs, a.parts)), dict(zip(b.inputs, b.parts))
    assert pa.keys() == pb.keys() and "levels.gdp" in pa
    for k in pa:
        assert pa[k] == pytest.approx(pb[k], rel=1e-12, abs=1e-12)
    assert a.parts.sum() == pytest.approx(a.total, rel=1e-12)


def test_switch_between_growth_rate_and_elasticity_is_one_player():
    e = PLAN.with_rates(retail_sales_elasticity=1.2, services_real=6.0).renamed("elastic")
    at = attribute(e, PLAN, indicator="retail_sales", year=2026)
    assert "rates.retail_sales|retail_sales_elasticity" in at.inputs
    assert at.parts.sum() == pytest.approx(at.total, rel=1e-12)
    df = sim.project([e, PLAN], until=2026)
    assert at.scenario_value == pytest.approx(sim.value(df, "retail_sales", 2026, "elastic"),
                                              rel=1e-14)
    # services growth moves retail only through the elasticity: a positive part
    assert dict(zip(at.inputs, at.parts))["rates.services_real"] > 0


def test_identical_scenarios_have_no_parts():
    at = attribute(PLAN, PLAN, indicator="gdp", year=2030)
    assert at.inputs == () and at.total == 0.0 and at.model_runs == 1


def test_bad_input():
    with pytest.raises(sim.InputError, match=r"key 'indicator'.*unknown indicator 'gpd'"):
        attribute("upside", PLAN, indicator="gpd", year=2030)
    with pytest.raises(sim.InputError, match=r"key 'year'.*2023"):
        attribute("upside", PLAN, indicator="gdp", year=2023)
    with pytest.raises(sim.InputError, match=r"key 'groups\.g'.*unknown input 'servics'"):
        attribute("upside", PLAN, indicator="gdp", year=2030, groups={"g": ["servics"]})
    with pytest.raises(sim.InputError, match=r"key 'groups\.b'.*in two groups"):
        attribute("upside", PLAN, indicator="gdp", year=2030,
                  groups={"a": ["services_real"], "b": ["services_real"]})
    no_rd = PLAN.with_rates(rd_intensity=None)
    with pytest.raises(sim.InputError, match=r"rd_intensity is not defined in 2025 in the baseline"):
        attribute(PLAN, no_rd, indicator="rd_intensity", year=2025)
    doc22 = {k: x for k, x in PLAN.base.to_dict().items() if k != "history"}  # 2022 is history
    base22 = sim.base_from_dict({**doc22, "year": 2022}, name="b22")
    other = sim.scenario_from_dict({"name": "o", "rates": {"services_real": 5.0,
                                    "non_services_real": 1.0, "retail_sales": 5.0}}, base=base22)
    with pytest.raises(sim.InputError, match=r"key 'baseline'.*base year is 2023.*2022"):
        attribute(PLAN, other, indicator="gdp", year=2025)
    assert MAX_PLAYERS == 16
