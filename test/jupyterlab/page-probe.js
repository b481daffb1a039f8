/*
 * Functions that run inside the JupyterLab page (passed to page.evaluate, so each is
 * self-contained): what the notebook shows, read from JupyterLab's own models and widgets.
 */
"use strict";

/**
 * Per cell, per output: the output model (type, MIME types, trust), the MIME type JupyterLab's
 * rendermime chose for it, and what its rendered node contains.
 */
function probeNotebook() {
  const panel = window.tsdlLab.panel;
  const rendermime = panel.content.rendermime;
  const session = panel.sessionContext;
  const text = (node) => (node.textContent || "").trim();
  // Points per trace: what the figure's data says, and what plotly.js drew (its div keeps `.data`).
  const points = (traces) => JSON.stringify((traces || []).map((t) => [t.x, t.y, t.z].map((a) => (a ? a.length : 0))));
  const staleFigures = (node, spec) => [...node.querySelectorAll(".js-plotly-plot")]
    .filter((gd) => spec && gd.data && points(gd.data) !== points(spec.data)).length;
  const rendered = (node, data) => ({
    plotlyRenderer: !!node.querySelector(".jp-RenderedPlotly") || node.classList.contains("jp-RenderedPlotly"),
    // Drawn and visible: a figure can collapse to 0 px when its output resizes.
    plotSvgs: [...node.querySelectorAll(".js-plotly-plot")].filter((p) => p.querySelector(".main-svg") && p.getBoundingClientRect().height > 0).length,
    images: [...node.querySelectorAll("img")].filter((i) => i.complete && i.naturalWidth > 0).length,
    brokenImages: [...node.querySelectorAll("img")].filter((i) => i.complete && i.naturalWidth === 0 && i.getAttribute("src")).length,
    tables: node.querySelectorAll("table").length,
    // The badge names its claim's id first in its tooltip.
    claimBadges: [...node.querySelectorAll("span[title]")]
      .filter((s) => data["application/vnd.tsdl.claim+json"] && s.title.startsWith(data["application/vnd.tsdl.claim+json"].id)).length,
    widgets: node.querySelectorAll(".jupyter-widgets:not(.jp-OutputArea-output)").length,
    staleFigures: staleFigures(node, data["application/vnd.plotly.v1+json"]),
    stderr: node.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]') !== null,
    renderError: /^(Javascript Error:|Error displaying widget)/m.test(text(node)),
    text: text(node).slice(0, 300),
  });
  const cells = panel.content.widgets.map((cell) => {
    if (cell.model.type !== "code") return { type: cell.model.type, outputs: [] };
    const outputs = [];
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const model = cell.model.outputs.get(i);
      const data = model.data || {};
      const html = typeof data["text/html"] === "string" ? data["text/html"] : "";
      const node = cell.outputArea.widgets[i] ? cell.outputArea.widgets[i].node : null;
      outputs.push({
        outputType: model.type,
        mimes: Object.keys(data),
        htmlTable: /<table/i.test(html),
        htmlPlotly: /Plotly\.newPlot/.test(html),
        htmlLibrary: html.includes("<!-- tsdl:plotly.js:begin -->"),
        trusted: model.trusted,
        chosen: rendermime.preferredMimeType(data, model.trusted ? "any" : "ensure") || null,
        ename: model.type === "error" ? String(model.toJSON().ename) : null,
        rendered: node ? rendered(node, data) : null,
      });
    }
    return { type: "code", executionCount: cell.model.executionCount, outputs };
  });
  return {
    kernel: session.kernelDisplayName,
    kernelStatus: session.kernelDisplayStatus,
    dialog: (document.querySelector(".jp-Dialog-header") || {}).textContent || null,
    cells,
  };
}

/** Records update_display_data messages per display id (the live progress bars) from now on. */
function watchDisplayUpdates() {
  const updates = (window.tsdlLab.displayUpdates = {});
  window.tsdlLab.panel.sessionContext.iopubMessage.connect((_, msg) => {
    if (msg.header.msg_type !== "update_display_data") return;
    const id = msg.content.transient && msg.content.transient.display_id;
    updates[id] = { count: ((updates[id] && updates[id].count) || 0) + 1, data: msg.content.data };
  });
}

/**
 * Per display id that was updated: how many updates arrived and whether the output that shows it
 * now holds the last update (JupyterLab replaced it in place).
 */
function displayUpdateResults() {
  const outputs = [];
  for (const cell of window.tsdlLab.panel.content.widgets) {
    if (cell.model.type !== "code") continue;
    for (let i = 0; i < cell.model.outputs.length; i++) outputs.push(cell.model.outputs.get(i).data || {});
  }
  const same = (a, b) => JSON.stringify(a["text/plain"]) === JSON.stringify(b["text/plain"]) && JSON.stringify(a["text/html"]) === JSON.stringify(b["text/html"]);
  return Object.entries(window.tsdlLab.displayUpdates || {}).map(([id, { count, data }]) => ({
    id, count, shown: outputs.some((o) => same(o, data)),
  }));
}

module.exports = { probeNotebook, watchDisplayUpdates, displayUpdateResults };
