// The headline figures as a component of the page (st.components.v2, ui/instant.py): drawn
// from the data the server sends, and recomputed in the browser (model.js) whenever a rate
// slider of the sidebar shows another value (each key press, and while its thumb is dragged),
// before the server has run. Text is set as text, never as HTML.

function simSliderValues(live) {
  const values = {};
  for (const s of live.sliders) {
    const el = document.querySelector(".st-key-" + s.key + " input[type=range]");
    values[s.key] = el ? Number(el.value) : s.value;
  }
  return values;
}

// Whether a control the browser does not compute with (the GDP level, the horizon) shows
// another value than the server's run had: then the server's figures stand, marked pending.
function simPending(live) {
  for (const w of live.watch) {
    const el = document.querySelector(".st-key-" + w.key + " input[type=range]");
    if (el && Number(el.value) !== w.value) return true;
  }
  return false;
}

function simCardNode(doc) {
  const card = doc.createElement("div");
  card.className = "sim-card";
  card.setAttribute("data-testid", "simMetric");
  card.innerHTML = '<div class="sim-label" data-testid="simMetricLabel"><span></span>'
    + '<span class="sim-help" aria-label="target">?</span></div>'
    + '<div class="sim-value" data-testid="simMetricValue"></div>'
    + '<div class="sim-delta" data-testid="simMetricDelta"><span class="sim-arrow"></span>'
    + '<span class="sim-delta-text"></span></div>';
  return card;
}

function simSetText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function simDraw(root) {
  const live = root.__sim.live;
  const pending = simPending(live);
  let cards = null;
  if (live.plan && !pending) {
    try { cards = simHeadline(live, simSliderValues(live)); } catch (e) { cards = null; }
  }
  const shown = cards || live.cards;
  const grid = root.__sim.grid;
  while (grid.children.length > shown.length) grid.lastChild.remove();
  while (grid.children.length < shown.length) grid.appendChild(simCardNode(document));
  shown.forEach((c, i) => {
    const node = grid.children[i];
    simSetText(node.querySelector(".sim-label span"), c.label);
    const help = node.querySelector(".sim-help");
    help.style.display = c.note ? "" : "none";
    if (c.note && help.title !== c.note) help.title = c.note;
    simSetText(node.querySelector(".sim-value"), c.value);
    const down = c.delta.startsWith("-");
    const dir = !c.arrow ? "flat" : down ? "down" : "up";
    const delta = node.querySelector(".sim-delta");
    if (delta.dataset.dir !== dir) { delta.dataset.dir = dir; delta.className = "sim-delta " + dir; }
    simSetText(node.querySelector(".sim-arrow"), dir === "flat" ? "" : down ? "↓" : "↑");
    simSetText(node.querySelector(".sim-delta-text"), c.delta);
  });
  grid.classList.toggle("sim-pending", pending);
  grid.dataset.source = cards ? "browser" : "server";
}

export default function (component) {
  const { data, parentElement } = component;
  const root = parentElement;
  if (!root.__sim) {
    const grid = document.createElement("div");
    grid.className = "sim-headline";
    grid.setAttribute("data-testid", "simHeadline");
    root.appendChild(grid);
    const state = { grid: grid, live: data, frame: 0 };
    root.__sim = state;
    const redraw = () => {
      if (state.frame) return;
      state.frame = requestAnimationFrame(() => { state.frame = 0; simDraw(root); });
    };
    state.observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.type === "range") { simDraw(root); return; }
      }
      redraw();
    });
    state.observer.observe(document.body,
      { attributes: true, attributeFilter: ["value"], subtree: true });
  }
  root.__sim.live = data;
  simDraw(root);
  return () => {
    if (root.__sim) { root.__sim.observer.disconnect(); root.__sim = null; }
  };
}
