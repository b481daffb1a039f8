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
const net = require("node:net");
const crypto = require("node:crypto");
const { spawn, execFile } = require("node:child_process");

const ROOT = path.resolve(__dirname, "../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts", "shipped-notebooks");
const PYTHON = process.env.E2E_PYTHON || "/usr/bin/python3";
const CHROMIUM = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
const TSDL = path.join(ROOT, "bin", "tsdl.js");
// The notebooks ask for kernelspec "tsdl"; a display name of our own proves the server found *ours*.
const DISPLAY_NAME = `TypeScript (tsdl shipped ${process.pid})`;
const DEADLINE_MS = 3.75 * 60 * 1000; // the whole run stays under 4 minutes
const NOTEBOOK_MS = 30_000; // per notebook: load, kernel name, every figure drawn (~5 s when all is well)
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const started = Date.now();
let finished = false;
const results = [];
const cleanups = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(cmd)} ${args.join(" ")}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().unref().on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Pids of the live descendants of `pid` (Linux /proc): kernels run in their own sessions. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) || []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  const out = [];
  for (const stack = [pid]; stack.length; ) {
    for (const c of children.get(stack.pop()) || []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

async function startServer(dirs) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString("hex");
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(dirs.prefix, "share", "jupyter"),
    JUPYTER_DATA_DIR: dirs.data, // also keeps ~/.local kernelspecs out, and holds the trust database
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    BROWSER: "true",
  };
  const args = [
    "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0",
    `--NotebookApp.token=${token}`, `--notebook-dir=${dirs.notebooks}`,
  ];
  const logFile = path.join(ARTIFACTS, "notebook-server.log");
  const out = fs.openSync(logFile, "w");
  const child = spawn(PYTHON, args, { env, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  const server = { child, token, base: `http://127.0.0.1:${port}`, logFile };
  cleanups.push(() => stopServer(server));
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`notebook server exited early; see ${logFile}`);
    const res = await api(server, "/api/status").catch(() => null);
    if (res && res.ok) return server;
  }
  throw new Error(`notebook server did not answer within 60 s; see ${logFile}`);
}

function api(server, route, method = "GET") {
  return fetch(`${server.base}${route}?token=${server.token}`, { method, signal: AbortSignal.timeout(15_000) });
}

async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const kernels = descendants(child.pid);
  await api(server, "/api/shutdown", "POST").catch(() => {});
  const exited = new Promise((r) => child.once("exit", () => r(true)));
  for (const sig of ["SIGTERM", "SIGKILL"]) {
    if (await Promise.race([exited, sleep(5000)])) break;
    try { process.kill(-child.pid, sig); } catch { /* gone */ }
  }
  for (const pid of kernels) {
    try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
  }
}

/**
 * Shuts down the kernels the closed notebooks started, in the background of the next notebook
 * (a shutdown takes ~2 s), waiting for the previous round so that at most two kernels run.
 */
let shuttingDown = Promise.resolve();
function shutdownSessions(server) {
  shuttingDown = shuttingDown.then(async () => {
    const sessions = await (await api(server, "/api/sessions")).json();
    await Promise.all(sessions.map((s) => api(server, `/api/sessions/${s.id}`, "DELETE")));
  }).catch(() => {});
}

async function launchBrowser(userDataDir) {
  const { chromium } = require("playwright-core");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 900 },
    timeout: 60_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // our handlers clean up
  });
  cleanups.push(() => Promise.race([context.close().catch(() => {}), sleep(10_000)]));
  return context;
}

/** Trusts the copies, as `jupyter trust` does: untrusted notebooks don't run the Plotly scripts. */
async function signAll(files, dataDir) {
  const code = [
    "import sys, nbformat",
    "from nbformat.sign import NotebookNotary",
    "notary = NotebookNotary()",
    "for f in sys.argv[1:]: notary.sign(nbformat.read(f, 4))",
  ].join("\n");
  await run(PYTHON, ["-c", code, ...files], { env: { ...process.env, JUPYTER_DATA_DIR: dataDir } });
}

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

async function checkNotebook(context, server, file, nb) {
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
    shutdownSessions(server);
  }
  // Error outputs render fine but mean the saved run failed: a shipped notebook has none.
  for (const w of want) for (const err of w.errors) problems.push(`cell ${w.index}: saved error output ${err}`);
  problems.push(...pageErrors.map((e) => `page error: ${e}`));
  const total = (k) => want.reduce((n, w) => n + w[k], 0);
  const summary = `${want.filter((w) => w.type === "code").length} code cells, ${total("plots")} plots, ` +
    `${total("images")} images, ${total("tables")} tables, ${total("outputs")} outputs`;
  record(file, problems, `${summary}  (${seconds(t0)} s)`);
}

function record(name, problems, detail = "") {
  if (finished) return; // after an interrupt or the deadline, late failures are noise
  results.push({ name, ok: problems.length === 0 });
  console.log(`${problems.length ? "FAIL" : "ok  "}  ${name}  ${detail}`);
  for (const p of problems) console.log(`      ${p}`);
}

async function main() {
  const source = path.resolve(process.argv[2] || path.join(ROOT, "notebooks"));
  const files = fs.readdirSync(source).filter((f) => f.endsWith(".ipynb")).sort();
  if (!files.length) throw new Error(`no .ipynb files in ${source}`);
  for (const [what, file] of [["python", PYTHON], ["chromium", CHROMIUM], ["dist (run npx tsc -p .)", path.join(ROOT, "dist", "cli", "main.js")]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found: ${file}`);
  }
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
  await signAll(files.map((f) => path.join(dirs.notebooks, f)), dirs.data);
  const [server, context] = await Promise.all([startServer(dirs), launchBrowser(dirs.browser)]);
  console.log(`server and browser up (${seconds(started)} s)`);

  for (const f of files) {
    const nb = JSON.parse(fs.readFileSync(path.join(dirs.notebooks, f), "utf8"));
    await checkNotebook(context, server, f, nb);
  }
  await shuttingDown;
}

async function finish(code, reason) {
  if (finished) return;
  if (reason) record(reason, [reason]);
  finished = true;
  while (cleanups.length) await Promise.resolve().then(cleanups.pop()).catch((e) => console.error(`cleanup: ${e.message}`));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed (${seconds(started)} s)`);
  process.exit(code || failed > 0 || results.length === 0 ? 1 : 0);
}

setTimeout(() => finish(1, `whole run within ${DEADLINE_MS / 1000} s`), DEADLINE_MS).unref();
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => finish(1, `interrupted by ${sig}`));

main().then(
  () => finish(0),
  (e) => {
    record("setup", [e && e.message ? e.message.split("\n")[0] : String(e)]);
    finish(1);
  },
);
