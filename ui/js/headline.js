// The live headline (ui/instant.py): the server draws the headline cards as HTML in Markdown
// ([data-sim-headline]); this component, which draws nothing of its own, rewrites their texts
// from model.js whenever a rate slider of the sidebar shows another value than the one the
// cards were computed for — at each key press, and while its thumb is dragged, before the
// server has run — and again whenever the server redraws them. Text is set as text, never
// as HTML.

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

function simSetText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

function simDraw(live) {
  const grid = document.querySelector("[data-sim-headline]");
  if (!grid || !live) return;
  const pending = simPending(live);
  let cards = null;
  if (live.plan && !pending) {
    try { cards = simHeadline(live, simSliderValues(live)); } catch (e) { cards = null; }
  }
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

// Does a batch of mutations concern the headline: a range input's value, or the cards
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
  const { data } = component;
  const state = window.__simHeadline || (window.__simHeadline = { live: null, observer: null });
  state.live = data;
  if (!state.observer) {
    state.observer = new MutationObserver((records) => {
      if (simConcerns(records)) simDraw(state.live);
    });
    state.observer.observe(document.body,
      { attributes: true, attributeFilter: ["value"], childList: true, characterData: true,
        subtree: true });
  }
  simDraw(data);
  return () => {
    if (state.observer) { state.observer.disconnect(); state.observer = null; }
  };
}
