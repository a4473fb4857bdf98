"""The figures the browser computes while a slider moves (ui/js/model.js) equal sim's to the
last digit: the projection over random inputs of every form (two sectors, listed sectors,
extras, indicators beside GDP of each driver), the sliders' edits over random values of
every scenario, the formats over random numbers and exact ties, and the headline's texts."""
from __future__ import annotations

import math

import numpy as np
import pytest

import sim
from sim.model import project_paths
from sim.results import run_paths
from ui import format as fmt
from ui import instant
from ui.edits import Edits, active_rates, apply_edits
from ui.sidebar import rate_key

pytestmark = pytest.mark.browser

MODEL_JS = (instant._JS_DIR / "model.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def js(browser):
    """A blank page with model.js loaded; ``js(expr_fn, arg)`` evaluates a function in it."""
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=MODEL_JS)
    yield lambda fn, arg=None: page.evaluate(fn, arg)
    page.close()


def _same(a, b) -> bool:
    """Equal to the last digit (NaN equal to NaN)."""
    return (math.isnan(a) and math.isnan(b)) or a == b


def _assert_paths_equal(paths, projected: dict, label: str):
    for k, arr in paths.values.items():
        got = projected[k]
        want = arr[0].tolist()
        bad = [(i, w, g) for i, (w, g) in enumerate(zip(want, got)) if not _same(w, g)]
        assert not bad, f"{label}: {k} differs at (year index, sim, browser) {bad[:3]}"


PROJECT = """([plan, n]) => {
  const out = [];
  const V = simProject(plan, simInputs(plan, {}));
  const r = {};
  for (const k of plan.work) r[k] = Array.from(V[k]);
  return r;
}"""


def _random_inputs(rng, form: str) -> dict:
    """Random kernel arguments of one path for the form ``form``."""
    T = int(rng.integers(1, 12))
    years = np.arange(2023, 2024 + T)
    r = lambda lo, hi: rng.uniform(lo, hi, size=T).round(int(rng.integers(1, 6)))  # noqa: E731
    levels = {"retail_sales": float(rng.uniform(100, 2000))}
    growth = {"gdp": float(rng.uniform(-5, 10)), "retail_sales": float(rng.uniform(-5, 10))}
    if form == "two":
        gdp = float(rng.uniform(500, 5000))
        levels |= {"gdp": gdp, "services": gdp * float(rng.uniform(0.3, 0.99))}
        sectors = None
        rates = {"services_real": r(-10, 15), "non_services_real": r(-30, 20),
                 "services_deflator": r(-3, 5), "non_services_deflator": r(-3, 5)}
        growth["services"] = float(rng.uniform(-5, 10))
    else:
        sectors = ["primary", "secondary", "tertiary"]
        levels |= {s: float(rng.uniform(5, 3000)) for s in sectors}
        rates = {f"{s}_real": r(-10, 15) for s in sectors}
        rates |= {f"{s}_deflator": r(-3, 5) for s in sectors}
        growth |= {s: float(rng.uniform(-5, 10)) for s in sectors[:2]}
        levels["industry"] = float(rng.uniform(10, 900))
        rates["industry"] = r(-10, 10)
        levels |= {"budget_revenue": 150.0, "fiscal_revenue": 300.0,
                   "fixed_asset_investment": 480.0, "population": 120.5,
                   "market_entities": 170000.0, "high_tech_enterprises": 2500.0}
        rates |= {"budget_revenue_buoyancy": r(-1, 3), "fixed_asset_investment": r(-10, 10),
                  "population": r(-2, 3), "market_entities_additions": r(0, 20000).round(0),
                  "high_tech_enterprises": r(-5, 10)}
    if rng.random() < 0.5:
        rates["retail_sales_elasticity"] = r(0, 2)
    else:
        rates["retail_sales"] = r(-10, 15)
    if rng.random() < 0.7:
        rates["rd_intensity"] = r(3, 6)
    return {"levels": levels, "rates": rates, "years": years, "base_growth": growth,
            "base_rd_intensity": float(rng.uniform(3, 5)) if rng.random() < 0.5 else np.nan,
            "sectors": sectors}


@pytest.mark.parametrize("form", ["two", "sectors"])
def test_the_browser_projection_equals_sims_to_the_last_digit_over_random_inputs(js, form):
    rng = np.random.default_rng(20261201 + (form == "sectors"))
    cases = [_random_inputs(rng, form) for _ in range(60)]
    plans = [instant.plan_data(**c) for c in cases]
    got = js("(plans) => plans.map((plan) => {"
             " const V = simProject(plan, simInputs(plan, {})); const r = {};"
             " for (const k of plan.work) r[k] = Array.from(V[k]); return r; })", plans)
    for i, (case, projected) in enumerate(zip(cases, got)):
        _assert_paths_equal(project_paths(**case), projected, f"{form} case {i}")


def _variants() -> dict[str, sim.Scenario]:
    """The plan written other ways: rates from a later year (fill = "first"), from an earlier
    one (fill = "drop") as tables by year, and paths whose last values nearly repeat (the
    server drops a trailing value within 1e-9 of the one before)."""
    from sim.scenario import scenario_from_dict

    plan = sim.load_scenario("plan-2024")
    doc = plan.to_dict()
    first = dict(doc, name="fill-first", start_year=2025, fill="first",
                 rates=dict(doc["rates"], rd_intensity=[4.5, 4.6], services_real=[5.9, 5.2]))
    drop = dict(doc, name="fill-drop", start_year=2022, fill="drop",
                rates=dict(doc["rates"], services_real={2022: 4.0, 2024: 5.6, 2026: 5.0},
                           non_services_real={2022: 1.0, 2025: 2.5}))
    near = plan.with_rates(services_real=[6.0, 5.5, 5.5000000001],
                           non_services_real=[2.1200000001, 2.6]).renamed("near-ties")
    return {"fill-first": scenario_from_dict(first, source="fill-first"),
            "fill-drop": scenario_from_dict(drop, source="fill-drop"), "near-ties": near}


def _scenarios() -> dict[str, sim.Scenario]:
    shipped = {n: sim.load_scenario(n) for n in sim.shipped_scenarios()}
    shipped["three-sector"] = sim.load_scenario(
        str(instant._JS_DIR.parent.parent / "tests" / "data" / "three-sector.toml"))
    return shipped | _variants()


def _random_edits(rng, file_s: sim.Scenario, edits: Edits, live: dict) -> tuple[dict, Edits]:
    """Random slider values (some on the slider's 0.01 grid as the browser gives them, some
    left untouched, some anywhere) and the edits the server makes of them."""
    values, first, later = {}, {}, {}
    for s in live["sliders"]:
        u = rng.random()
        if u < 0.25:
            v = s["untouched"]
        elif u < 0.3:
            v = float(np.round(s["untouched"], 2)) + 1e-10        # a near tie
        elif u < 0.8:
            v = float(np.float64(s["untouched"]) + rng.integers(-300, 300) * 0.01)
        else:
            v = float(s["untouched"] + rng.uniform(-3, 3))
        values[s["key"]] = v
        if not math.isclose(v, s["untouched"], abs_tol=1e-6):
            (first if s["part"] == "first" else later)[s["rate"]] = v
    return values, Edits(gdp=edits.gdp, until=edits.until, retail=edits.retail, rd=edits.rd,
                         first=first, later=later)


EDITED = """(cases) => cases.map(([live, values]) => {
  const V = simProject(live.plan, simInputs(live.plan, simRates(live, values)));
  const r = {};
  for (const k of live.plan.work) r[k] = Array.from(V[k]);
  return r;
})"""


@pytest.mark.parametrize("setting", ["file", "gdp", "until", "elasticity", "rd"])
def test_slider_values_give_in_the_browser_the_projection_sim_gives_for_their_edits(js, setting):
    rng = np.random.default_rng(abs(hash(setting)) % 2**32)
    cases, expected = [], []
    for name, file_s in _scenarios().items():
        edits = {"file": Edits(), "gdp": Edits(gdp=file_s.start.levels["gdp"] * 1.031),
                 "until": Edits(until=file_s.end_year + 3),
                 "elasticity": Edits(retail="elasticity"),
                 "rd": Edits(rd="rd_intensity" not in file_s.rates)}[setting]
        until = edits.until or file_s.end_year
        live = instant.live_inputs(file_s, edits, until, rate_key, {})
        assert live is not None, name
        assert {s["rate"] for s in live["sliders"]} == set(active_rates(file_s, edits))
        for _ in range(12):
            values, full = _random_edits(rng, file_s, edits, live)
            try:
                paths = run_paths(apply_edits(file_s, full), until=until)
            except sim.InputError:
                continue        # the server refuses these edits; the browser shows its figures
            cases.append([live, values])
            expected.append((f"{name} {setting} {values}", paths))
    assert len(cases) > 40
    for (label, paths), projected in zip(expected, js(EDITED, cases)):
        _assert_paths_equal(paths, projected, label)


TIES = [0.0, -0.0, 0.05, 0.25, 0.125, 2.25, -2.25, 0.375, 1.5, 2.5, -0.5, 0.03125, 1e6 + 0.25,
        1234567.45, -0.04, 999.95, 9999.995, 0.005, 1e-7, -1e-7, 5.5 - 1e-9, 123456789.125,
        2.675, 1.7592186044416e21, -3.2e22, 1e25, 9.99e20]


def test_formats_equal_ui_formats_over_random_numbers_and_exact_ties(js):
    rng = np.random.default_rng(7)
    xs = TIES + list(rng.normal(0, 50, 300)) + list(rng.normal(0, 1e5, 100)) + [
        float(x) for x in rng.integers(-10**6, 10**6, 100) / 8] + [math.nan, math.inf]
    units = ["亿元", "%", "pp", "户", "家", "元", "万人", "(ratio)", ""]
    cases = [(x, u, lang, ref) for x in xs for u in units for lang in ("en", "zh")
             for ref in ([None, 2000.0, 0.0, 1e-22] if u == "亿元" else [None])]
    got = js("(cases) => cases.map(([x, u, lang, ref]) => [simValue(x, u, lang),"
             " simDelta(x, u, lang, ref === null ? undefined : ref)])", cases)
    for (x, u, lang, ref), (value, delta) in zip(cases, got):
        assert value == fmt.value(x, u, lang), (x, u, lang)
        assert delta == fmt.delta(x, u, lang, reference=ref), (x, u, lang, ref)


def test_rounding_equals_pythons_round_over_random_numbers_and_exact_ties(js):
    rng = np.random.default_rng(11)
    xs = TIES + [float(x) for x in rng.normal(0, 10, 500)] + [
        float(x) for x in rng.integers(-10**5, 10**5, 300) / 32] + [
        float(np.float64(5) + k * 0.01) for k in range(-200, 200)]
    got = js("(xs) => xs.map((x) => [simRound(x, 4), simRound(x, 2), simRound(x, 0)])", xs)
    for x, (r4, r2, r0) in zip(xs, got):
        assert [r4, r2, r0] == [round(x, 4) + 0.0, round(x, 2) + 0.0, round(x, 0) + 0.0], x
        assert math.copysign(1, r4) == math.copysign(1, round(x, 4) + 0.0), x


def test_is_close_is_pythons_math_isclose_with_the_sliders_tolerance(js):
    pairs = [(5.6, 5.6 + 1e-7), (5.6, 5.6 + 2e-6), (0.0, 1e-6), (0.0, 1.0000001e-6),
             (1e6, 1e6 + 1e-3), (1e6, 1e6 + 1e-2), (-3.0, -3.0000009), (2.0, 2.1)]
    got = js("(ps) => ps.map(([a, b]) => simIsClose(a, b, 1e-6))", pairs)
    assert got == [math.isclose(a, b, abs_tol=1e-6) for a, b in pairs]


HEADLINE = """(cases) => cases.map(([live, values]) => {
  const cards = simHeadline(live, simLive(live, values));
  return cards && cards.map((c) => [c.label, c.value, c.delta, c.arrow, c.note]);
})"""


def test_the_browsers_headline_texts_are_the_servers_for_the_same_slider_values(js):
    from ui.pages.overview import headline_ids
    from ui.state import ViewState
    from ui.view import build_view

    catalog = _scenarios()
    rng = np.random.default_rng(5)
    cases, expected = [], []
    for edit in catalog:
        for lang, baseline, year in (("en", "plan-2024", 2024), ("zh", "momentum", 2027),
                                     ("en", "upside", 2030)):
            file_s = catalog[edit]
            start = build_view(ViewState(lang=lang, edit=edit, baseline=baseline, year=year),
                               catalog)
            live = instant.live_data(start, headline_ids(start), rate_key, {}, {})
            for _ in range(4):
                values, edits = _random_edits(rng, file_s, Edits(), live)
                view = build_view(ViewState(lang=lang, edit=edit, baseline=baseline,
                                            year=year, edits=edits), catalog)
                if view.edit_error:
                    continue
                cases.append([live, values])
                expected.append([[c["label"], c["value"], c["delta"], c["arrow"], c["note"]]
                                 for c in instant.server_cards(view, headline_ids(view))])
    assert len(cases) > 40
    got = js(HEADLINE, cases)
    assert got == expected


CHART = """(cases) => cases.map(([chart, live, values]) =>
  simChartRows(chart, live, simLive(live, values)).map(
    (r) => [r.scenario === chart.edited, r.year, r.value, r.text, r.kind, r.name]))"""


@pytest.mark.parametrize("indicator", ["gdp", "gdp_real_growth", "services_share",
                                       "retail_sales", "gdp_deflator"])
def test_the_browsers_chart_rows_are_the_servers_for_the_same_slider_values(js, indicator):
    from ui.charts import projection_spec
    from ui.state import ViewState
    from ui.view import build_view

    catalog = _scenarios()
    rng = np.random.default_rng(len(indicator))
    cases, expected = [], []
    for edit, baseline in (("plan-2024", "plan-2024"), ("momentum", "plan-2024"),
                           ("upside", "downside"), ("three-sector", "plan-2024"),
                           ("three-sector", "three-sector"), ("momentum", "fill-first"),
                           ("fill-drop", "momentum"), ("fill-first", "fill-drop")):
        if indicator == "services_share" and edit == "three-sector":
            continue
        file_s = catalog[edit]
        start = build_view(ViewState(edit=edit, baseline=baseline), catalog)
        live = instant.live_data(start, [], rate_key, {}, {})
        chart = instant.chart_data(start, indicator, projection_spec(start, indicator))
        for _ in range(5):
            values, edits = _random_edits(rng, file_s, Edits(), live)
            view = build_view(ViewState(edit=edit, baseline=baseline, edits=edits), catalog)
            if view.edit_error:
                continue
            rows = projection_spec(view, indicator)["datasets"]["lines"]
            cases.append([chart, live, values])
            expected.append([[r.scenario == view.edited.id, int(r.year), float(r.value),
                              r.text, r.kind, r.name] for r in rows.itertuples()])
    assert len(cases) >= 20
    got = js(CHART, cases)
    for want, shown in zip(expected, got):
        # every row, number, text and kind as the server's, and every line's name but the
        # edited one's, which is the server's last until a run has the edits ("being
        # edited", then "edited": its legend entry)
        assert [r[:5] for r in shown] == [r[:5] for r in want]
        assert [r[5] for r in shown if not r[0]] == [r[5] for r in want if not r[0]]


def test_a_label_from_a_file_stays_one_line_of_escaped_text_in_the_cards():
    hostile = ("Foo\n![x](https://evil.example/p.png) **b**\r\n# h <img src=x onerror=alert(1)>"
               " :red[r] $x$ &amp;")
    cards = [{"id": "x", "label": hostile, "unit": "亿元", "value": "1.0 亿元",
              "delta": "+0.0 亿元", "arrow": False, "note": "a\nb <b>", "ref": 1.0}]
    html = instant.cards_html(cards)
    assert "\n" not in html and "\r" not in html           # one HTML block for Markdown
    assert "<img" not in html and "<b>" not in html
    assert ("Foo ![x](https://evil.example/p.png) **b** # h &lt;img src=x onerror=alert(1)&gt;"
            " :red[r] $x$ &amp;amp;") in html
    assert 'title="a b &lt;b&gt;"' in html
    from ui.testing import _cards

    (shown,) = _cards(html)
    assert shown.label == " ".join(hostile.split()) and shown.help == "a b <b>"


#: JavaScript: Vega and vega-embed stood in for by a view that counts its finalizations.
_VEGA_STUB = """window.vega = {}; window.vegaLite = {}; window.__finalized = 0; window.__given = 0;
window.vegaEmbed = async (box, spec) => {
  box.appendChild(document.createElement('svg'));
  return { view: { finalize() { window.__finalized += 1; },
                   data(name, rows) { if (rows) window.__given += 1; return this; },
                   runAsync: async () => {} } };
};"""

#: JavaScript (argument: the component's data): mount twice in one parent, then run the first
#: mount's cleanup (as Streamlit does for a mount whose data was replaced while its script
#: loaded), then the second's (the component leaving the page); what is left after each.
_MOUNTS = """async (data) => {
  const parent = document.getElementById('parent');
  const look = () => ({ boxes: parent.querySelectorAll('.sim-chart').length,
                        box: !!(window.__simLive.box && window.__simLive.box.isConnected),
                        observer: !!window.__simLive.observer, finalized: window.__finalized,
                        view: !!window.__simLive.view,
                        error: window.__simLive.box ? window.__simLive.box.dataset.error || null : null });
  const first = window.__simMount({ data, parentElement: parent });
  const second = window.__simMount({ data, parentElement: parent });
  for (let i = 0; i < 200 && !window.__simLive.view; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const drawn = look();
  first();
  const after_first = look();
  second();
  return [drawn, after_first, look()];
}"""


def _component_data(view) -> dict:
    """What the server gives the component for ``view``: the headline's data and the GDP
    chart's."""
    from ui.charts import projection_spec

    data = instant.live_data(view, [], rate_key, {}, {})
    data["chart"] = instant.chart_data(view, "gdp", projection_spec(view, "gdp"))
    return data


def _in_stand_in_page(browser, script: str, arg):
    """Evaluate ``script`` with ``arg`` in a blank page with a ``#parent`` element, the
    component's script (its default export as ``window.__simMount``) and :data:`_VEGA_STUB`."""
    page = browser.new_page()
    try:
        page.set_content('<html><body><div id="parent"></div></body></html>')
        page.add_script_tag(content=_VEGA_STUB + instant.JS.replace(
            "export default function", "window.__simMount = function"))
        return page.evaluate(script, arg)
    finally:
        page.close()


def test_only_the_latest_mount_tears_the_live_chart_down(browser):
    from ui.state import ViewState
    from ui.view import build_view

    view = build_view(ViewState(edit="plan-2024", baseline="plan-2024"), _scenarios())
    drawn, after_first, after_second = _in_stand_in_page(browser, _MOUNTS,
                                                         _component_data(view))
    assert drawn == {"boxes": 1, "box": True, "observer": True, "finalized": 0, "view": True,
                     "error": None}
    assert after_first == drawn                  # the replaced mount leaves the chart alone
    assert after_second == {"boxes": 0, "box": False, "observer": False, "finalized": 1,
                            "view": False, "error": None}


#: JavaScript (argument: [data, the same data with a slider's value moved]): mount, wait for
#: the rows' drawing; mount again with the same data (the server's run for the values drawn),
#: then with the moved data; the number of times the view was given rows after each.
_REDRAWS = """async ([data, moved]) => {
  const parent = document.getElementById('parent');
  const settled = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => requestAnimationFrame(r));
  };
  window.__simMount({ data, parentElement: parent });
  for (let i = 0; i < 200 && !window.__simLive.view; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  await settled();
  const first = window.__given;
  window.__simMount({ data, parentElement: parent });
  await settled();
  const again = window.__given;
  window.__simMount({ data: moved, parentElement: parent });
  await settled();
  return [first, again, window.__given];
}"""


def test_the_live_chart_is_given_rows_only_when_they_change(browser):
    from ui.state import ViewState
    from ui.view import build_view

    catalog = _scenarios()
    plan = catalog["plan-2024"]
    start = build_view(ViewState(edit="plan-2024", baseline="plan-2024"), catalog)
    moved_view = build_view(ViewState(edit="plan-2024", baseline="plan-2024",
                                      edits=Edits(first={"services_real": 6.0})), catalog)
    assert plan.rates["services_real"] != 6.0
    first, again, moved = _in_stand_in_page(
        browser, _REDRAWS, [_component_data(start), _component_data(moved_view)])
    assert first == 1               # the rows for the sliders shown, once
    assert again == 1               # the same run's data again: the same rows, not given
    assert moved == 2               # another run's rows (its server rows differ)
