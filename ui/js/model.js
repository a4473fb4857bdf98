// The projection of sim.model for one path, in the browser, and the app's number formats.
//
// The same IEEE-754 double operations as sim.model._fill, in the same order, so that every
// value equals the one sim computes to the last digit (tests/test_live_model.py proves it over
// random inputs); and ui.format's formats, with Python's rounding (half to even on exact ties).
// Plain functions, no DOM: the overview's live component (component.js) and the tests call
// them.
"use strict";

// Growth factor (1 + a/100)(1 + b/100)… of rates in %, as numpy computes it.
function simFactor(a, b) {
  let f = a * 0.01 + 1.0;
  if (b !== undefined) f = f * (b * 0.01 + 1.0);
  return f;
}

// The kernel's inputs for one path: the plan's (sim.model.kernel_plan), rates replaced by
// `rates` (input name -> array of T values).
function simInputs(plan, rates) {
  const out = Object.assign({}, plan.inputs);
  for (const k in rates) out[k] = rates[k];
  return out;
}

// Every indicator of the plan for each year (index 0 the base year, from plan.base),
// as Float64Arrays of length T+1; NaN where a value is not defined.
function simProject(plan, x) {
  const T = plan.T, secs = plan.sectors, n = T + 1;
  const V = {};
  for (const id of plan.work) {
    const a = new Float64Array(n).fill(NaN);
    const b = plan.base[id];
    a[0] = (b === null || b === undefined) ? NaN : b;
    V[id] = a;
  }
  const num = (v) => (v === null || v === undefined ? NaN : v);
  const Y = V.gdp, real = V.gdp_real_growth;
  for (let t = 1; t < n; t++) Y[t] = 0.0;
  for (const s of secs) {
    const g = x["g_" + s], p = x["p_" + s], X = V[s];
    const G = V[s + "_real_growth"], P = V[s + "_deflator"];
    X[0] = num(x["l0_" + s]);
    for (let t = 1; t < n; t++) {
      G[t] = num(g[t - 1]); P[t] = num(p[t - 1]);
      X[t] = X[t - 1] * simFactor(G[t], P[t]);
      Y[t] = Y[t] + X[t];
    }
  }
  const rest = new Float64Array(n);
  for (let t = 1; t < n; t++) real[t] = 0.0;
  secs.forEach((s, i) => {
    const share = V[s + "_share"], c = V[s + "_contribution"], g = V[s + "_real_growth"];
    const X = V[s];
    const share0 = X[0] / Y[0];                       // a fraction until the end
    for (let t = 1; t < n; t++) {
      const prev = t === 1 ? share0 : X[t - 1] / Y[t - 1];
      if (i < secs.length - 1) {
        c[t] = prev * g[t];
        rest[t] = rest[t] + prev;
      } else {
        c[t] = g[t] - rest[t] * g[t];
      }
      real[t] = real[t] + c[t];
    }
    for (let t = 1; t < n; t++) share[t] = (X[t] / Y[t]) * 100.0;
  });
  const nominal = V.gdp_nominal_growth, defl = V.gdp_deflator;
  for (let t = 1; t < n; t++) {
    nominal[t] = (Y[t] / Y[t - 1] - 1.0) * 100.0;
    defl[t] = ((nominal[t] - real[t]) / (real[t] + 100.0)) * 100.0;
  }
  const rg = V.retail_sales_growth, R = V.retail_sales;
  R[0] = num(x.r0);
  for (let t = 1; t < n; t++) {
    rg[t] = "elasticity" in x ? num(x.elasticity[t - 1]) * nominal[t] : num(x.rg[t - 1]);
    R[t] = R[t - 1] * simFactor(rg[t]);
  }
  const K = V.gdp_constant_prices;
  K[0] = "gdp0" in x ? num(x.gdp0) : Y[0];
  for (let t = 1; t < n; t++) K[t] = K[t - 1] * simFactor(real[t]);
  const ri = V.rd_intensity, D = V.rd_expenditure;
  ri[0] = num(x.ri0);
  for (let t = 1; t < n; t++) ri[t] = num(x.ri[t - 1]);
  for (let t = 0; t < n; t++) D[t] = (ri[t] * Y[t]) * 0.01;
  for (const s of secs) {                              // 贡献率: % of real GDP growth
    const r = V[s + "_contribution_rate"], c = V[s + "_contribution"];
    for (let t = 1; t < n; t++) {
      const v = (c[t] / real[t]) * 100.0;
      r[t] = Number.isFinite(v) ? v : NaN;
    }
  }
  for (const k of plan.extras) {
    const X = V[k], XG = V[k + "_growth"], S = V[k + "_share"];
    X[0] = num(x["x0_" + k]);
    for (let t = 1; t < n; t++) {
      XG[t] = num(x["x_" + k][t - 1]);
      X[t] = X[t - 1] * simFactor(XG[t]);
      S[t] = (X[t] / Y[t]) * 100.0;
    }
  }
  for (const spec of plan.side) simSide(V, x, spec, n);
  return V;
}

// One indicator beside GDP (sim.model._fill_side), projected years.
function simSide(V, x, spec, n) {
  const id = spec.id, X = V[id], G = V[id + "_growth"], Y = V.gdp;
  const A = V[id + "_additions"];
  X[0] = x["s0_" + id];
  if (spec.kind === "a") {                              // C_t = C_{t-1} + a_t
    const a = x["sa_" + id];
    let sum = 0.0;
    for (let t = 1; t < n; t++) {
      A[t] = a[t - 1];
      sum = t === 1 ? A[t] : sum + A[t];                // numpy's cumsum, then + C_0
      X[t] = sum + X[0];
    }
    for (let t = 1; t < n; t++) {
      const g = (A[t] / X[t - 1]) * 100.0;
      G[t] = Number.isFinite(g) ? g : NaN;
    }
  } else {
    for (let t = 1; t < n; t++) {
      G[t] = spec.kind === "b" ? x["sb_" + id][t - 1] * V.gdp_nominal_growth[t]
                               : x["sg_" + id][t - 1];
      X[t] = X[t - 1] * simFactor(G[t]);
    }
    if (A) for (let t = 1; t < n; t++) A[t] = X[t] - X[t - 1];
  }
  if (spec.share) {
    const S = V[id + "_share"];
    for (let t = 1; t < n; t++) S[t] = (X[t] / Y[t]) * 100.0;
  }
  if (spec.population) {
    const pc = V[spec.per_capita];
    for (let t = 1; t < n; t++) pc[t] = (Y[t] / X[t]) * 1e4;
  }
}

// ---- edits: the slider values as sim's rates (ui.edits, ui.live.moved) ----------------

// Python's math.isclose(a, b, abs_tol=tol).
function simIsClose(a, b, tol) {
  if (a === b) return true;
  const d = Math.abs(a - b);
  return d <= Math.max(1e-9 * Math.max(Math.abs(a), Math.abs(b)), tol);
}

// Python's round(x, d) + 0.0: the nearest double to x rounded to d places,
// ties (exact binary values) to even.
function simRound(x, d) {
  if (!Number.isFinite(x)) return x;
  const r = Number(simFixed(Math.abs(x), d));
  return (x < 0 ? -r : r) + 0.0;
}

// |x| (x >= 0) with d decimals, rounded as Python's format does: the exact binary value,
// ties to even (toFixed takes the larger on a tie).
function simFixed(x, d) {
  if (x >= 1e21) {                                      // an integer: its exact digits
    return (x === Infinity ? "inf" : BigInt(x).toString()) + (d > 0 ? "." + "0".repeat(d) : "");
  }
  const s = x.toFixed(d);
  if (x === 0 || x < 1e-15) return s;
  const exact = x.toFixed(100);                         // exact for every |x| >= 2^-48
  const point = exact.indexOf(".");
  const tail = exact.slice(point + 1 + d);
  if (tail[0] !== "5" || !/^0*$/.test(tail.slice(1))) return s;
  const down = exact.slice(0, d > 0 ? point + 1 + d : point);
  const last = down.replace(".", "").slice(-1);
  return Number(last) % 2 === 0 ? down : s;
}

// Each rate's path over the T projected years under the slider values `values`
// (slider key -> number): the model's rate inputs (input name -> array), and whether any
// slider is edited. A slider at its untouched value (within 1e-6) is not an edit; an edit
// is rounded to 4 places (ui.edits.clean); the first year's edit replaces year 1, the later
// years' replaces years 2… (ui.edits.rate_changes), the path cut to the scenario's horizon,
// its trailing repeats dropped (within 1e-9 relative, 1e-12 absolute: ui.edits._collapse)
// and its last value continuing to T.
function simRates(live, values) {
  const T = live.plan.T, out = {};
  const byRate = {};
  for (const s of live.sliders) {
    const v = values[s.key];
    if (v === undefined || !Number.isFinite(v)) continue;
    const edited = !simIsClose(v, s.untouched, 1e-6);
    if (!edited) continue;
    (byRate[s.rate] = byRate[s.rate] || {})[s.part] = simRound(v, 4);
  }
  for (const rate in byRate) {
    const r = live.rates[rate];
    const e = byRate[rate];
    const head = e.first !== undefined ? e.first : r.path[0];
    const tail = e.later !== undefined ? [e.later]
      : (r.path.length > 1 ? r.path.slice(1) : r.path.slice(0, 1));
    const path = [head, ...tail].slice(0, Math.max(live.horizon, 1));
    while (path.length > 1 && simIsClose(path[path.length - 1], path[path.length - 2], 1e-12)) {
      path.pop();                                      // ui.edits._collapse
    }
    const full = new Array(T);
    for (let t = 0; t < T; t++) full[t] = path[Math.min(t, path.length - 1)];
    out[r.input] = full;
  }
  return out;
}

// ---- formats (ui.format) ----------------------------------------------------------------

const SIM_DASH = "\u2013";
const SIM_WHOLE = ["户", "家", "元"];

function simGroup(digits) {
  const [int, frac] = digits.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : grouped + "." + frac;
}

// Python's format(x, spec) for spec "[+][,].Nf".
function simFormat(x, decimals, comma, plus) {
  const neg = x < 0 || Object.is(x, -0);
  let body = simFixed(Math.abs(x), decimals);
  if (comma) body = simGroup(body);
  return (neg ? "-" : plus ? "+" : "") + body;
}

function simBad(x) { return x === null || x === undefined || !Number.isFinite(x); }

function simPp(x, lang) {
  if (simBad(x)) return SIM_DASH;
  return simFormat(x, 2, false, true) + (lang === "zh" ? "个百分点" : " pp");
}

function simValue(x, unit, lang) {
  if (simBad(x)) return SIM_DASH;
  if (unit === "亿元") return simFormat(x, 1, true, false) + " 亿元";
  if (unit === "%") return simFormat(x, 2, false, false) + "%";
  if (unit === "pp") return simPp(x, lang);
  if (SIM_WHOLE.includes(unit)) return simFormat(x, 0, true, false) + " " + unit;
  return (simFormat(x, 2, true, false) + " " + unit).trim();
}

function simDelta(d, unit, lang, reference) {
  if (simBad(d)) return SIM_DASH;
  if (unit === "亿元") {
    let text = simFormat(d, 1, true, true) + " 亿元";
    if (!simBad(reference) && reference !== 0) {
      text += " (" + simFormat((100 * d) / reference, 2, false, true) + "%)";
    }
    return text;
  }
  if (unit === "%" || unit === "pp") return simPp(d, lang);
  return (simFormat(d, 2, true, true) + " " + unit).trim();
}

// The projection of the edited scenario for the slider values `values` (simProject's
// indicators), or null when the sliders give no figures of their own (a derived growth out of
// its range: the server refuses these edits, its figures stand).
function simLive(live, values) {
  const rates = simRates(live, values);
  const V = simProject(live.plan, simInputs(live.plan, rates));
  for (const c of live.checks) {
    const g = V[c.growth];
    for (let i = 1; i <= live.plan.T; i++) if (g[i] < c.lo || g[i] > c.hi) return null;
  }
  V.__rates = rates;
  return V;
}

// The headline cards for the projection V (simLive): label, value and delta texts, the
// direction of the delta, the target's note; null when V is null or the base year is shown.
function simHeadline(live, V) {
  const t = live.year_index;
  if (t < 1 || !V) return null;
  return live.cards.map((card) => {
    const x = V[card.id][t];
    const ref = card.ref === null ? NaN : card.ref;     // JSON has no NaN
    const diff = x - ref;
    let note = null;
    if (card.target) {
      const tg = card.target;
      note = x !== x ? tg.na : (tg.op === ">=" ? x >= tg.value : x > tg.value) ? tg.met
                                                                                : tg.missed;
    }
    return {label: card.label, value: simValue(x, card.unit, live.lang),
            delta: simDelta(diff, card.unit, live.lang, ref), arrow: diff !== 0,
            note: note, x: x};
  });
}

// The chart's rows ("lines" of ui.vega.projection_spec) with the edited scenario's, and the
// adjusted baseline's (the baseline under the edited deflators), recomputed from V
// (simLive): each a copy of the server's row of that scenario with the year's value and its
// text; a year whose value is not defined has no row, as in sim's frame. The server's rows
// all stand where the adjusted baseline's derived growth leaves its range (the server
// refuses the view). A line keeps the server's name (its legend entry).
// A new row: the fields of `row` (its own names only: not the id a chart library may have
// stamped on it), then those of `changes`.
function simPlain(row, changes) {
  const out = {};
  for (const k of Object.keys(row)) out[k] = row[k];
  return Object.assign(out, changes);
}

function simChartRows(chart, live, V) {
  if (!V) return chart.lines.map((r) => simPlain(r, {}));
  const redo = {};
  redo[chart.edited] = V;
  if (chart.adjusted) {
    const a = chart.adjusted;
    const rates = {};
    for (const k of a.follow) if (k in V.__rates) rates[k] = V.__rates[k];
    const W = simProject(a.plan, simInputs(a.plan, rates));
    for (const c of a.checks) {                       // a growth the server would refuse
      for (let i = 1; i <= a.plan.T; i++) if (W[c.growth][i] < c.lo || W[c.growth][i] > c.hi) {
        return chart.lines.map((r) => simPlain(r, {}));
      }
    }
    redo[a.scenario] = W;
  }
  const out = [];
  const done = {};
  for (const row of chart.lines) {
    const W = redo[row.scenario];
    if (!W) { out.push(simPlain(row, {})); continue; }
    if (done[row.scenario]) continue;
    done[row.scenario] = true;
    const years = chart.years;
    for (let i = 0; i < years.length; i++) {
      const x = W[chart.indicator][i];
      if (!Number.isFinite(x)) continue;
      out.push(simPlain(row, {
        year: years[i], value: x, text: simValue(x, chart.unit, live.lang),
        kind: years[i] < chart.base_year ? "history"
          : years[i] === chart.base_year ? "outturn" : "projection"}));
    }
  }
  return out;
}
