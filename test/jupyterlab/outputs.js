/*
 * What each output is (its kind), what JupyterLab must show for it, and the comparison of a
 * notebook file's outputs with what the page shows.
 */
"use strict";

const PLOTLY = "application/vnd.plotly.v1+json";
const CLAIM = "application/vnd.tsdl.claim+json";
const WIDGET = "application/vnd.jupyter.widget-view+json";
const KINDS = ["plot", "widget", "claim", "image", "table", "error", "html", "text", "library"];

/**
 * The kind of an output, from its type and MIME types (file and page describe it alike).
 * "library": an output that only carries plotly.js for the figures after it (a live chart's
 * session sends one; the runner folds it into the first figure when it saves the notebook).
 */
function kindOf({ outputType, mimes, htmlTable, htmlPlotly, htmlLibrary }) {
  if (outputType === "error") return "error";
  if (outputType === "stream") return "text";
  if (mimes.includes(WIDGET)) return "widget";
  if (mimes.includes(PLOTLY) || htmlPlotly) return "plot";
  if (htmlLibrary) return "library";
  if (mimes.includes(CLAIM)) return "claim";
  if (mimes.includes("image/png")) return "image";
  if (htmlTable) return "table";
  if (mimes.includes("text/html")) return "html";
  return "text";
}

const joined = (v) => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "");

/** A file output in the page's terms. */
function describeFileOutput(o) {
  const data = o.data || {};
  const html = joined(data["text/html"]);
  return {
    outputType: o.output_type, mimes: Object.keys(data),
    htmlTable: /<table/i.test(html), htmlPlotly: /Plotly\.newPlot/.test(html), htmlLibrary: html.includes("<!-- tsdl:plotly.js:begin -->"),
  };
}

/**
 * The kinds of each code cell's outputs, as JupyterLab's output model holds them: consecutive
 * stream outputs to the same stream merge into one.
 */
function fileKinds(nb) {
  return nb.cells.filter((c) => c.cell_type === "code").map((cell) => {
    const kinds = [];
    let last = null;
    for (const o of cell.outputs || []) {
      const merges = o.output_type === "stream" && last && last.output_type === "stream" && last.name === o.name;
      const kind = kindOf(describeFileOutput(o));
      if (!merges && kind !== "library") kinds.push(kind);
      last = o;
    }
    return kinds;
  });
}

/**
 * Why an output is not shown as it should be ("" when it is). `plotly`: whether the page has
 * plotly's renderer; without it the text/html fallback (inlined plotly.js) must draw instead.
 */
function renderProblem(kind, output, { plotly }) {
  const r = output.rendered;
  if (!r) return "no output node";
  if (r.renderError) return `render error: ${r.text.split("\n")[0].slice(0, 120)}`;
  if (r.brokenImages) return `${r.brokenImages} image(s) not decoded`;
  switch (kind) {
    case "plot":
      if (plotly && output.mimes.includes(PLOTLY)) {
        if (output.chosen !== PLOTLY || !r.plotlyRenderer) return `plot not given to the plotly renderer (chose ${output.chosen})`;
        if (r.staleFigures) return "the drawn figure is not the output's latest data (an update was not drawn)";
        return r.plotSvgs || r.images ? "" : "plotly renderer shows no figure (none drawn, or 0 px high)";
      }
      if (output.chosen !== "text/html") return `plot fallback chose ${output.chosen}, not text/html`;
      return r.plotSvgs ? "" : "text/html fallback shows no figure (none drawn, or 0 px high)";
    case "widget":
      return output.chosen === WIDGET && r.widgets ? "" : `widget not rendered (chose ${output.chosen}): ${r.text.slice(0, 80)}`;
    case "claim":
      return output.chosen === "text/html" && r.claimBadges ? "" : `claim badge not rendered (chose ${output.chosen})`;
    case "image":
      return r.images ? "" : "image not drawn";
    case "table":
      return r.tables ? "" : "table not rendered";
    case "error":
      return r.stderr && r.text.includes(output.ename) ? "" : "error output not rendered";
    default:
      return r.text || output.chosen === "text/html" ? "" : `empty ${kind} output`;
  }
}

/**
 * Problems of one page probe: dialogs, kernel, untrusted outputs (saved copies are signed; live
 * outputs are trusted), and each output's rendering.
 */
function pageProblems(seen, { displayName, plotly }) {
  const problems = [];
  if (seen.dialog) problems.push(`dialog "${seen.dialog.trim()}"`);
  if (seen.kernel !== displayName) problems.push(`kernel shows "${seen.kernel}"`);
  seen.cells.filter((c) => c.type === "code").forEach((cell, index) => {
    cell.outputs.forEach((o, j) => {
      if (!o.trusted) problems.push(`code cell ${index} output ${j}: not trusted`);
      const problem = renderProblem(kindOf(o), o, { plotly });
      if (problem) problems.push(`code cell ${index} output ${j} (${kindOf(o)}): ${problem}`);
    });
  });
  return problems;
}

/** Differences between the kinds a file (or the reference run) has and the page shows. */
function kindProblems(want, seen) {
  const got = seen.cells.filter((c) => c.type === "code").map((c) => c.outputs.map(kindOf).filter((k) => k !== "library"));
  if (got.length !== want.length) return [`${got.length} code cells shown, file has ${want.length}`];
  const problems = [];
  want.forEach((kinds, i) => {
    if (kinds.join() !== got[i].join()) problems.push(`code cell ${i}: outputs [${got[i]}], expected [${kinds}]`);
  });
  return problems;
}

function countKinds(seen) {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const cell of seen.cells) for (const o of cell.outputs) counts[kindOf(o)]++;
  return counts;
}

module.exports = { kindOf, fileKinds, pageProblems, kindProblems, countKinds };
