#!/usr/bin/env node
/*
 * Opens every lecture notebook in the classic Jupyter Notebook (headless Chromium) and checks
 * that it loads with the tsdl kernel and that each saved output renders in the cell it belongs to.
 *
 * Not a jest test; run it by hand or from CI after building (see notebook-e2e.js for the setup):
 *
 *   node bin/tsdl.js reproduce --out reproduction && node test/browser/shipped-notebooks.js reproduction
 *   node test/browser/shipped-notebooks.js            # the committed notebooks/ (no outputs): they open
 *
 * Per notebook, in one server and one browser: no "Kernel not found" dialog, the kernel indicator
 * shows our kernelspec's display name, the notebook is trusted, as many code cells as the file, and
 * per cell: one output area per saved output, a drawn Plotly figure (.main-svg) per plotly output,
 * a decoded <img> per image/png, a <table> per HTML table, and no error outputs; no page errors.
 * Cells are not executed. Full-page screenshots go to test-artifacts/shipped-notebooks/.
 * Prints one line per notebook, then "N passed, M failed"; exits non-zero on any failure.
 * Environment: E2E_PYTHON (default /usr/bin/python3), E2E_CHROMIUM (default /usr/bin/chromium).
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, TSDL, sleep, run, startServer, sessionReaper, launchBrowser, sign, checkPrerequisites } = require("./jupyter");
const { checkRun, seconds } = require("./check-run");

const ARTIFACTS = path.join(ROOT, "test-artifacts", "shipped-notebooks");
// The notebooks ask for kernelspec "tsdl"; a display name of our own proves the server found *ours*.
const DISPLAY_NAME = `TypeScript (tsdl shipped ${process.pid})`;
const DEADLINE_MS = 3.75 * 60 * 1000; // the whole run stays under 4 minutes
const NOTEBOOK_MS = 30_000; // per notebook: load, kernel name, every figure drawn (~5 s when all is well)
const { started, cleanups, record, start } = checkRun(DEADLINE_MS);

const joined = (v) => (Array.isArray(v) ? v.join("") : v || "");

/** What each cell of the file should show: counts per cell index, plus the file's error outputs. */
function expectations(nb) {
  return nb.cells.map((cell, index) => {
    const want = { index, type: cell.cell_type, outputs: 0, plots: 0, images: 0, tables: 0, errors: [] };
    let last = null;
    for (const o of cell.outputs || []) {
      // The page merges a stream into the one before it when both go to the same stream.
      if (!(o.output_type === "stream" && last && last.output_type === "stream" && last.name === o.name)) want.outputs++;
      last = o;
      const data = o.data || {};
      const html = joined(data["text/html"]);
      if (data["application/vnd.plotly.v1+json"] || /Plotly\.newPlot/.test(html)) want.plots++;
      else if (data["image/png"]) want.images++;
      else if (/<table/i.test(html)) want.tables++;
      if (o.output_type === "error") want.errors.push(`${o.ename}: ${o.evalue}`.slice(0, 160));
    }
    return want;
  });
}

/** Runs in the page: what the notebook shows now, per cell in document order. */
function probePage() {
  const nb = window.Jupyter && Jupyter.notebook;
  const dialog = [...document.querySelectorAll(".modal")].find((m) => getComputedStyle(m).display !== "none");
  const inOutputs = (el, sel) => [...el.querySelectorAll(`.output_area ${sel}`)];
  return {
    loaded: !!(nb && nb._fully_loaded),
    trusted: !!(nb && nb.trusted),
    kernel: (document.querySelector("#kernel_indicator .kernel_indicator_name") || {}).textContent || "",
    dialog: dialog ? (dialog.querySelector(".modal-title") || dialog).textContent.trim().slice(0, 100) : null,
    cells: !nb ? [] : nb.get_cells().map((c) => ({
      type: c.cell_type,
      outputs: c.element[0].querySelectorAll(".output_area").length,
      plots: inOutputs(c.element[0], ".js-plotly-plot").filter((p) => p.querySelector(".main-svg")).length,
      images: inOutputs(c.element[0], "img").filter((i) => i.complete && i.naturalWidth > 0).length,
      brokenImages: inOutputs(c.element[0], "img").filter((i) => i.complete && i.naturalWidth === 0).length,
      tables: inOutputs(c.element[0], "table").length,
      errors: c.element[0].querySelectorAll(".output_error").length,
    })),
  };
}

/** Differences between the file and the page; empty when the page shows everything. */
function compare(want, seen) {
  if (!seen.loaded) return ["notebook did not finish loading"];
  const problems = [];
  if (seen.dialog) problems.push(`dialog "${seen.dialog}"`);
  if (seen.kernel !== DISPLAY_NAME) problems.push(`kernel indicator shows "${seen.kernel}"`);
  if (!seen.trusted) problems.push("notebook not trusted");
  const codeCells = (cells) => cells.filter((c) => c.type === "code").length;
  if (seen.cells.length !== want.length || codeCells(seen.cells) !== codeCells(want)) {
    return [...problems, `${codeCells(seen.cells)}/${seen.cells.length} code/all cells rendered, file has ${codeCells(want)}/${want.length}`];
  }
  for (const w of want) {
    const s = seen.cells[w.index];
    const short = [];
    if (s.outputs !== w.outputs) short.push(`${s.outputs}/${w.outputs} output areas`);
    for (const k of ["plots", "images", "tables"]) if (s[k] < w[k]) short.push(`${s[k]}/${w[k]} ${k}`);
    if (s.brokenImages) short.push(`${s.brokenImages} images not decoded`);
    if (s.errors !== w.errors.length) short.push(`${s.errors}/${w.errors.length} errors rendered`);
    if (short.length) problems.push(`cell ${w.index}: ${short.join(", ")}`);
  }
  return problems;
}

/** Screenshot of the whole notebook: let the page grow instead of scrolling inside #site. */
async function screenshot(page, name) {
  await page.addStyleTag({ content: "html, body, #site { height: auto !important; overflow: visible !important; }" });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const clip = { x: 0, y: 0, width: 1200, height: Math.min(height, 16_000) }; // Chromium's texture limit
  await page.screenshot({ path: path.join(ARTIFACTS, name.replace(/\.ipynb$/, ".png")), fullPage: true, clip, timeout: 30_000 });
}

async function checkNotebook(context, server, reaper, file, nb) {
  const t0 = Date.now();
  const want = expectations(nb);
  const pageErrors = [];
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e).split("\n")[0].slice(0, 200)));
  let problems = [];
  try {
    await page.goto(`${server.base}/notebooks/${encodeURIComponent(file)}?token=${server.token}`, { waitUntil: "load", timeout: 60_000 });
    // Poll until everything shows (Plotly draws asynchronously) or the notebook's time is up.
    for (const until = Math.min(Date.now() + NOTEBOOK_MS, started + DEADLINE_MS); ; await sleep(250)) {
      problems = compare(want, await page.evaluate(probePage));
      if (!problems.length || Date.now() > until) break;
    }
    await screenshot(page, file).catch((e) => console.log(`      (screenshot failed: ${e.message.split("\n")[0]})`));
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    await page.close().catch(() => {});
    reaper.shutdown(); // in the background of the next notebook (a shutdown takes ~2 s)
  }
  // Error outputs render fine but mean the saved run failed: a shipped notebook has none.
  for (const w of want) for (const err of w.errors) problems.push(`cell ${w.index}: saved error output ${err}`);
  problems.push(...pageErrors.map((e) => `page error: ${e}`));
  const total = (k) => want.reduce((n, w) => n + w[k], 0);
  const summary = `${want.filter((w) => w.type === "code").length} code cells, ${total("plots")} plots, ` +
    `${total("images")} images, ${total("tables")} tables, ${total("outputs")} outputs`;
  record(file, problems, `${summary}  (${seconds(t0)} s)`);
}

async function main() {
  const source = path.resolve(process.argv[2] || path.join(ROOT, "notebooks"));
  const files = fs.readdirSync(source).filter((f) => f.endsWith(".ipynb")).sort();
  if (!files.length) throw new Error(`no .ipynb files in ${source}`);
  checkPrerequisites();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-shipped-"));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dirs = {};
  for (const d of ["prefix", "notebooks", "data", "config", "runtime", "browser"]) {
    fs.mkdirSync((dirs[d] = path.join(tmp, d)));
  }
  console.log(`${files.length} notebooks from ${source}`);

  // Copies, so the server (autosave, checkpoints) never writes next to the originals.
  for (const f of files) fs.copyFileSync(path.join(source, f), path.join(dirs.notebooks, f));
  await run(process.execPath, [TSDL, "install", "--prefix", dirs.prefix, "--name", "tsdl", "--display-name", DISPLAY_NAME]);
  await sign(files.map((f) => path.join(dirs.notebooks, f)), dirs.data);
  const [server, context] = await Promise.all([
    startServer(dirs, { logFile: path.join(ARTIFACTS, "notebook-server.log"), cleanups }),
    launchBrowser(dirs.browser, { cleanups }),
  ]);
  console.log(`server and browser up (${seconds(started)} s)`);

  const reaper = sessionReaper(server);
  for (const f of files) {
    const nb = JSON.parse(fs.readFileSync(path.join(dirs.notebooks, f), "utf8"));
    await checkNotebook(context, server, reaper, f, nb);
  }
  await reaper.idle;
}

start(main);
