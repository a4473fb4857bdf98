"""The app's Vega-Lite charts (ui.vega): valid specs that draw the tidy frame's numbers, stacked
as sim.plotting stacks them (拉动 to real GDP growth, 贡献率 and shares to 100), in the same
labels and colours as the matplotlib figures, with text from files as data only."""
from __future__ import annotations

import json

import numpy as np
import pytest

import sim
from sim import analysis as A
from sim.plotting import TargetMark, contributions_figure, structure_figure
from sim.plotting.style import sector_colors, sector_names
from sim.results import sector_measures
from ui import vega

THREE = ("primary", "secondary", "tertiary")
LABELS = ("Primary industry", "Secondary industry", "Tertiary industry")



@pytest.fixture(scope="module")
def mine():
    """A district of two sectors, one named in [sector_names], and a second scenario on it."""
    base = sim.base_from_dict({
        "region": "Other", "year": 2023, "sectors": ["agri", "rest"],
        "sector_names": {"agri": {"en": "Agriculture", "zh": "农业"}},
        "levels": {"gdp": 100.0, "agri": 40.0, "rest": 60.0, "retail_sales": 10.0}})
    a = sim.scenario_from_dict({"name": "mine", "rates": {
        "agri_real": 2.0, "rest_real": 6.0, "retail_sales": 5.0}}, base=base)
    b = sim.scenario_from_dict({"name": "theirs", "rates": {
        "agri_real": 1.0, "rest_real": 5.0, "retail_sales": 5.0}}, base=base)
    return a, b


def _value(frame, scenario, ind, year):
    return sim.value(frame, ind, year, scenario=scenario)


def _hex(rgba) -> str:
    from matplotlib.colors import to_hex

    return to_hex(rgba, keep_alpha=False)


def _records(spec: dict) -> dict:
    """The spec as the browser receives it: datasets as lists of records."""
    out = dict(spec)
    out["datasets"] = {k: json.loads(v.to_json(orient="records"))
                       for k, v in spec["datasets"].items()}
    return out


# -- stacking ----------------------------------------------------------------------------------
def test_bars_stack_positive_parts_up_and_negative_parts_down_from_zero():
    bottom, top = vega._stacked(np.array([[1.0, -2.0, np.nan], [3.0, -1.0, 2.0],
                                          [-0.5, 4.0, 1.0]]))
    np.testing.assert_array_equal(bottom, [[0, 0, 0], [1, -2, 0], [0, 0, 2]])
    np.testing.assert_array_equal(top, [[1, -2, 0], [4, -3, 2], [-0.5, 4, 3]])


def test_three_sectors_pull_stacks_to_real_gdp_growth_with_the_plan_target(three):
    spec = vega.contributions_spec(three, "three", base_year=2022,
                                   targets=[TargetMark(2024, 5.5, "2024 target")])
    bars, growth = spec["datasets"]["bars"], spec["datasets"]["growth"]
    assert sorted(set(bars["year"])) == list(range(2023, 2031))   # no published 2022 growth
    for year, group in bars.groupby("year"):
        g = _value(three, "three", "gdp_real_growth", year)
        assert list(group["indicator"]) == [f"{s}_contribution" for s in THREE]
        assert list(group["value"]) == [_value(three, "three", f"{s}_contribution", year)
                                        for s in THREE]
        assert group["value"].sum() == pytest.approx(g, abs=1e-9)
        pos, neg = group["value"].clip(lower=0).sum(), group["value"].clip(upper=0).sum()
        assert group["top"].max() == pytest.approx(pos) and group[["top", "bottom"]].min().min() \
            == pytest.approx(min(neg, 0.0))
    shrinking = bars[bars["value"] < 0]
    assert set(shrinking["indicator"]) == {"primary_contribution"} and len(shrinking)
    assert (shrinking["bottom"] == 0).all()             # the first sector, down from zero
    assert list(growth["value"]) == [_value(three, "three", "gdp_real_growth", y)
                                     for y in range(2023, 2031)]
    assert spec["datasets"]["targets"][["year", "value"]].values.tolist() == [[2024, 5.5]]
    assert not bars["outturn"].any()                    # no bar in the outturn year
    # the line's legend is its own: one on the bars' field would take the sectors' entries
    # and draw them as strokes of the line's scale, without a colour
    layers = spec["layer"]
    assert layers[2]["encoding"]["stroke"]["field"] != layers[0]["encoding"]["color"]["field"]


def test_contribution_rates_stack_to_100_in_both_forms(three):
    for scenario in ("three", "plan-2024"):
        spec = vega.contributions_spec(three, scenario, measure="contribution_rate",
                                       targets=[TargetMark(2024, 5.5, "2024 target")])
        bars = spec["datasets"]["bars"]
        rates = sector_measures(three, scenario)
        rates = rates[rates["indicator"].str.endswith("_contribution_rate")]
        assert len(bars) == len(rates)
        np.testing.assert_array_equal(bars["value"], rates["value"])
        for _, group in bars.groupby("year"):
            assert group["value"].sum() == pytest.approx(100.0, abs=1e-9)
        assert set(spec["datasets"]["growth"]["value"]) == {100.0}
        assert "targets" not in spec["datasets"]           # a target is for growth, not 贡献率
    assert spec["title"]["text"] == ["Contribution rates to real GDP growth: plan-2024"]
    outturn = bars[bars["outturn"]]
    assert set(outturn["year"]) == {2023} and set(outturn["name"]) == {
        "Services (2023 outturn)", "Non-services (primary + secondary) (2023 outturn)"}


def test_a_measure_other_than_pull_or_rate_is_refused(three):
    with pytest.raises(ValueError, match="measure must be 'contribution' or "
                                         "'contribution_rate', not 'share'"):
        vega.contributions_spec(three, "three", measure="share")


# -- the structure -----------------------------------------------------------------------------
def test_structure_panels_hold_each_scenarios_shares_adding_up_to_100(three):
    names = {"three": "Three sectors", "plan-2024": "Plan"}
    spec = vega.structure_spec(three, ["three", "plan-2024"], names=names)
    shares = spec["datasets"]["shares"]
    for i, scenario in enumerate(("three", "plan-2024")):
        rows = shares[shares["panel"] == i]
        assert set(rows["scenario"]) == {scenario}
        expected = sector_measures(three, scenario)
        expected = expected[expected["indicator"].str.endswith("_share")]
        np.testing.assert_array_equal(rows["value"], expected["value"])
        for _, group in rows.groupby("year"):
            assert group["value"].sum() == pytest.approx(100.0, abs=1e-9)
            assert group["top"].iloc[-1] == pytest.approx(100.0, abs=1e-9)
        assert set(rows.loc[rows["outturn"], "year"]) == {2022 if i == 0 else 2023}
    # each panel's title and its structure as published, as the figure writes them
    fig = structure_figure(three, ["three", "plan-2024"], names=names)
    for panel, ax in zip(spec["vconcat"], fig.axes):
        assert panel["title"]["text"] == ax.get_title(loc="left")
        assert panel["title"]["subtitle"] == ax.get_title(loc="right")
        assert panel["transform"] == [{"filter": {"field": "panel",
                                                  "equal": spec["vconcat"].index(panel)}}]
    assert spec["vconcat"][0]["title"]["subtitle"].startswith("2022: 0.2:7.8:92.0 → 2030: ")
    assert spec["title"]["text"] == ["Structure of GDP by sector (% of GDP)"]
    one = vega.structure_spec(three, ["three"], lang="zh")
    assert one["title"]["text"] == ["三次产业结构(占地区生产总值比重,%)"]
    assert len(one["vconcat"]) == 1


# -- the same labels and colours as the figures ------------------------------------------------
def test_sector_bars_have_the_figures_labels_and_colours(three):
    for scenario, lang, sectors in (("three", "zh", THREE),
                                    ("plan-2024", "en", ("services", "non_services"))):
        spec = vega.contributions_spec(three, scenario, lang=lang)
        scale = spec["layer"][0]["encoding"]["color"]["scale"]
        assert scale == {"domain": sector_names(sectors, lang),
                         "range": sector_colors(sectors)}
        fig = contributions_figure(three, scenario, lang=lang)
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert [x for x in legend if x in scale["domain"]] == scale["domain"]
        drawn = {_hex(p.get_facecolor()) for p in fig.axes[0].patches}
        assert drawn == set(scale["range"])
    spec = vega.structure_spec(three, ["three", "plan-2024"])
    scale = spec["vconcat"][1]["encoding"]["color"]["scale"]
    assert scale["domain"] == [*LABELS, "Services", "Non-services (primary + secondary)"]
    assert scale == spec["vconcat"][0]["encoding"]["color"]["scale"]   # one legend


def test_a_bases_own_sector_names_label_every_chart(mine):
    a, b = mine
    frame = sim.project([a, b])
    names = sim.results.sector_names(a)
    spec = vega.contributions_spec(frame, "mine", names=names)
    assert list(dict.fromkeys(spec["datasets"]["bars"]["label"])) == ["Agriculture", "rest"]
    spec = vega.structure_spec(frame, ["mine"], lang="zh", sector_labels=names)
    assert list(dict.fromkeys(spec["datasets"]["shares"]["label"])) == ["农业", "rest"]
    spec = vega.projection_spec(frame, "agri", title="Agriculture value added")
    tips = spec["layer"][3]["encoding"]["tooltip"]
    assert tips[-1]["title"] == "Agriculture value added"
    tr = A.tornado(a, indicator="agri", year=2025)
    spec = vega.tornado_spec(tr, names=names)
    assert spec["title"]["text"] == ["Agriculture value added, 2025: one input at a time"]
    assert "Agriculture growth (real)  ±2 %" in set(spec["datasets"]["bars"]["label"])
    at = A.attribute(a, b, indicator="agri", year=2025)
    spec = vega.waterfall_spec(at, names=names)
    bars = spec["datasets"]["bars"]
    assert list(bars["label"]) == ["theirs", "Agriculture growth (real)", "rest growth (real)",
                                   "mine"]
    assert bars["top"].iloc[-2] == pytest.approx(at.scenario_value)   # the steps sum to it
    mc = A.simulate(a, n_paths=64, rng=1, indicators=["agri"])
    spec = vega.fan_spec(A.summary(mc, indicators=["agri"]), "agri", names=names, n_paths=64)
    assert spec["title"]["text"] == ["Agriculture value added: 64 Monte Carlo paths"]


# -- what the browser receives -----------------------------------------------------------------
def test_every_chart_is_a_valid_vega_lite_spec(three, mine):
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    a, b = mine
    mc = A.simulate(a, n_paths=64, rng=1, indicators=["agri"])
    specs = [vega.projection_spec(three, "gdp", targets=[TargetMark(2024, 5.5, "target")]),
             vega.contributions_spec(three, "three"),
             vega.contributions_spec(three, "three", measure="contribution_rate"),
             vega.structure_spec(three, ["three", "plan-2024"]),
             vega.fan_spec(A.summary(mc, indicators=["agri"]), "agri"),
             vega.tornado_spec(A.tornado(a, indicator="agri", year=2025)),
             vega.waterfall_spec(A.attribute(a, b, indicator="agri", year=2025))]
    schema = load_schema()
    for spec in specs:
        validate_jsonschema(_records(spec), schema)


def _strings_under(node, keys: set[str], out: list) -> list:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in keys and isinstance(v, str):
                out.append(v)
            _strings_under(v, keys, out)
    elif isinstance(node, list):
        for v in node:
            _strings_under(v, keys, out)
    return out


def test_names_from_files_travel_as_text_never_in_an_expression(three):
    hostile = "x' || alert(1) || '\"; datum.value"
    spec = vega.structure_spec(three, ["three"], names={"three": hostile})
    contrib = vega.contributions_spec(three, "three", name=hostile)
    for s in (spec, contrib):
        body = {k: v for k, v in s.items() if k != "datasets"}
        assert not _strings_under(body, {"expr", "calculate", "filter", "test"}, [])
    assert spec["vconcat"][0]["title"]["text"] == hostile
    fig = contributions_figure(three, "three", name=hostile)     # in the figure's lines
    assert contrib["title"]["text"] == fig.axes[0].get_title(loc="left").split("\n")
    assert " ".join(contrib["title"]["text"]) == f"Contributions to real GDP growth: {hostile}"
