/*
 * Functions that run inside the JupyterLab page for the widget checks (passed to page.evaluate,
 * so each is self-contained).
 */
"use strict";

/** Runs `code` on the notebook's kernel (not in a cell) and resolves with its text/plain result or error. */
function executeInKernel(code) {
  const kernel = window.tsdlLab.panel.sessionContext.session.kernel;
  const future = kernel.requestExecute({ code, store_history: false });
  let result = null;
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === "execute_result") result = msg.content.data["text/plain"];
    if (msg.header.msg_type === "error") result = `${msg.content.ename}: ${msg.content.evalue}`;
  };
  return future.done.then(() => result);
}

/**
 * The slider of code cell `cellIndex`'s widget output: its handle and track rectangles (page
 * coordinates, for dragging), min/max, and the value it shows (readout and handle).
 */
function sliderIn(cellIndex) {
  const cells = window.tsdlLab.panel.content.widgets.filter((c) => c.model.type === "code");
  const node = cells[cellIndex].outputArea.node;
  const handle = node.querySelector(".widget-slider .noUi-handle");
  const track = node.querySelector(".widget-slider .noUi-base");
  const readout = node.querySelector(".widget-slider .widget-readout");
  if (!handle || !track || !readout) return null;
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  };
  return {
    handle: box(handle), track: box(track),
    min: Number(handle.getAttribute("aria-valuemin")), max: Number(handle.getAttribute("aria-valuemax")),
    handleValue: Number(handle.getAttribute("aria-valuenow")), readout: readout.textContent.trim(),
  };
}

/**
 * From now on, records when the mouse button is released and every plot title drawn in code cell
 * `cellIndex`'s outputs (a MutationObserver sees the title as plotly.js inserts it).
 */
function watchTitles(cellIndex) {
  const cells = window.tsdlLab.panel.content.widgets.filter((c) => c.model.type === "code");
  const node = cells[cellIndex].outputArea.node;
  const log = (window.tsdlLab.titleLog = { releases: [], titles: [] });
  document.addEventListener("mouseup", () => log.releases.push(performance.now()), true);
  let last = null;
  new MutationObserver(() => {
    const title = node.querySelector(".gtitle");
    const text = title ? title.textContent : null;
    if (text !== last) log.titles.push({ t: performance.now(), text });
    last = text;
  }).observe(node, { subtree: true, childList: true, characterData: true });
}

/** Milliseconds from the last mouse release to the first drawing of `title` after it, or null. */
function releaseToTitle(title) {
  const { releases, titles } = window.tsdlLab.titleLog;
  const up = releases[releases.length - 1];
  const drawn = titles.find((e) => e.t >= up && e.text === title);
  return drawn ? drawn.t - up : null;
}

module.exports = { executeInKernel, sliderIn, watchTitles, releaseToTitle };
