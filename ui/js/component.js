// The live parts of the overview (ui/instant.py), as one component of the page: the headline
// cards, which the server draws as HTML in Markdown ([data-sim-headline]) and whose texts this
// rewrites, and the projection chart, which this draws (Vega, Vega-Lite and vega-embed, served
// from static/vega/). Whenever a rate slider of the sidebar shows another value than the one
// the figures were computed for — at each key press, and while its thumb is dragged, before
// the server has run — both are recomputed from model.js; and again whenever the server sends
// new data or redraws the cards. Only the cards of the data's own run are rewritten (their
// data-sim-run), and only for sliders of the data's own file (data-sim-file). Text is set as
// text, never as HTML.

function simSliderValues(live) {
  const values = {};
  for (const s of live.sliders) {
    const el = document.querySelector(".st-key-" + s.key + " input[type=range]");
    values[s.key] = el ? Number(el.value) : s.value;
  }
  return values;
}

// Whether the sidebar shows controls the data does not fit: sliders of another file than the
// one the data is for (a scenario switched, its run not over), or a control the browser does
// not compute with (the GDP level, the horizon) at another value than the data's run had.
// Then the server's figures stand, marked pending.
function simPending(live) {
  const file = document.querySelector("[data-sim-file]");
  if (file && file.getAttribute("data-sim-file") !== live.file) return true;
  for (const w of live.watch) {
    const el = document.querySelector(".st-key-" + w.key + " input[type=range]");
    if (el && !simIsClose(Number(el.value), w.value, 1e-6)) return true;
  }
  return false;
}

function simSetText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

// The projection for the sliders shown, or null where the server's figures stand.
function simCompute(live) {
  if (!live.plan || simPending(live)) return null;
  try { return simLive(live, simSliderValues(live)); } catch (e) { return null; }
}

function simDrawCards(live, V) {
  const grid = document.querySelector("[data-sim-headline]");
  if (!grid || grid.getAttribute("data-sim-run") !== live.token) return;   // another run's
  const pending = simPending(live);
  let cards = null;
  try { cards = simHeadline(live, V); } catch (e) { cards = null; }
  const shown = cards || live.cards;
  const nodes = grid.querySelectorAll(".sim-card");
  if (nodes.length !== shown.length) return;
  shown.forEach((c, i) => {
    const node = nodes[i];
    simSetText(node.querySelector(".sim-label span"), c.label);
    const help = node.querySelector(".sim-help");
    if (help) {
      const display = c.note ? "" : "none";
      if (help.style.display !== display) help.style.display = display;
      if (c.note && help.title !== c.note) help.title = c.note;
    }
    simSetText(node.querySelector(".sim-value"), c.value);
    const down = c.delta.startsWith("-");
    const dir = !c.arrow ? "flat" : down ? "down" : "up";
    const delta = node.querySelector(".sim-delta");
    if (delta && delta.dataset.dir !== dir) {
      delta.dataset.dir = dir;
      delta.className = "sim-delta " + dir;
    }
    simSetText(node.querySelector(".sim-arrow"), dir === "flat" ? "" : down ? "↓" : "↑");
    simSetText(node.querySelector(".sim-delta-text"), c.delta);
  });
  if (grid.classList.contains("sim-pending") !== pending) {
    grid.classList.toggle("sim-pending", pending);
  }
  const source = cards ? "browser" : "server";
  if (grid.dataset.source !== source) grid.dataset.source = source;
}

function simScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error("could not load " + src));
    document.head.appendChild(s);
  });
}

// vega-embed, its libraries loaded once per page (again after a failure).
function simVegaEmbed() {
  if (!window.__simVega) {
    const src = (name) => {
      const path = window.location.pathname;
      return new URL((path.endsWith("/") ? path : path + "/") + "app/static/vega/" + name,
                     window.location.origin).href;
    };
    window.__simVega = (async () => {
      if (!window.vega) await simScript(src("vega.min.js"));
      if (!window.vegaLite) await simScript(src("vega-lite.min.js"));
      if (!window.vegaEmbed) await simScript(src("vega-embed.min.js"));
      return window.vegaEmbed;
    })();
    window.__simVega.catch(() => { window.__simVega = null; });
  }
  return window.__simVega;
}

// Bring the chart up to date with the data and the sliders, at most once a frame: a new
// spec or new other datasets (history, targets) draw a new view, else the drawn view gets
// the new rows — none when they are the rows drawn (the server's run for the values the
// browser drew already: each move draws once, not again at the run's end). One drawing at a time; a request during one is served in the next frame,
// so the page's own work (the server's messages) always comes in between.
function simScheduleChart(state) {
  if (state.busy) { state.again = true; return; }
  if (state.frame) return;
  state.frame = requestAnimationFrame(() => { state.frame = 0; simDrawChart(state); });
}

async function simDrawChart(state) {
  state.busy = true;
  state.again = false;
  const box = state.box;
  try {
    const live = state.live, chart = live && live.chart;
    if (!chart || !box) return;
    if (state.drawn !== chart.static_key || !state.view) {
      const embed = await simVegaEmbed();
      if (state.box !== box) return;
      if (state.view) { state.view.finalize(); state.view = null; }
      const now = state.live.chart;
      const spec = JSON.parse(now.spec_text);
      spec.datasets = { lines: now.lines.map((r) => simPlain(r, {})) };
      for (const k in now.datasets) spec.datasets[k] = now.datasets[k].map((r) => simPlain(r, {}));
      spec.width = "container";
      spec.autosize = { type: "fit-x", contains: "padding" };
      const result = await embed(box, spec, { renderer: "svg", actions: false });
      if (state.box !== box) { result.view.finalize(); return; }
      state.view = result.view;
      state.rowsText = null;
      state.drawn = now.static_key;
      state.again = true;                   // then the rows for the sliders as they are now
      return;
    }
    const rows = simChartRows(chart, live, simCompute(live));
    const text = JSON.stringify(rows);
    if (text === state.rowsText) return;   // as drawn: the server's run for the values shown
    state.rowsText = null;
    state.view.data("lines", rows);
    await state.view.runAsync();
    state.rowsText = text;
    box.dataset.rows = String(rows.length);
  } catch (e) {
    if (box) box.dataset.error = String(e);
  } finally {
    state.busy = false;
    if (state.again && state.box) simScheduleChart(state);
  }
}

function simRedraw(state) {
  const live = state.live;
  if (!live) return;
  simDrawCards(live, simCompute(live));
  simScheduleChart(state);
}

// Does a batch of mutations concern the live parts: a range input's value, or the cards
// drawn or redrawn by the server (React may replace them, or only their texts)?
function simConcerns(records) {
  for (const r of records) {
    if (r.type === "attributes") {
      if (r.target.type === "range") return true;
      continue;
    }
    const at = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    if (at && at.closest("[data-sim-headline]")) return true;
    for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n.matches("[data-sim-headline]")
                               || n.querySelector("[data-sim-headline]"))) return true;
    }
  }
  return false;
}

export default function (component) {
  const { data, parentElement } = component;
  const state = window.__simLive || (window.__simLive = {});
  const me = {};                            // this mount: the owner until another mounts
  state.owner = me;
  state.live = data;
  if (!state.box || !state.box.isConnected) {
    if (state.view) { state.view.finalize(); state.view = null; }
    state.box = document.createElement("div");
    state.box.className = "sim-chart";
    state.box.setAttribute("data-testid", "simChart");
    state.drawn = null;
  }
  const box = state.box;
  if (box.parentElement !== parentElement) parentElement.appendChild(box);   // moved, view kept
  if (!state.observer) {
    state.observer = new MutationObserver((records) => {
      if (!simConcerns(records)) return;
      simRedraw(state);
      state.observer.takeRecords();        // the cards' own new texts: nothing more to do
    });
    state.observer.observe(document.body,
      { attributes: true, attributeFilter: ["value"], childList: true, characterData: true,
        subtree: true });
  }
  simRedraw(state);
  if (state.observer) state.observer.takeRecords();
  // Streamlit calls a mount's cleanup when the component leaves the page, and at once for a
  // mount whose data was replaced while its script loaded — maybe after the next mount has
  // taken the box: only the latest mount tears down.
  return () => {
    if (state.owner !== me) return;
    state.owner = null;
    if (state.frame) { cancelAnimationFrame(state.frame); state.frame = 0; }
    if (state.observer) { state.observer.disconnect(); state.observer = null; }
    if (state.view) { state.view.finalize(); state.view = null; }
    box.remove();
    state.box = null;
  };
}
