#!/usr/bin/env node
/*
 * Every lecture notebook in real JupyterLab (the app built from JupyterLab's npm packages in this
 * folder), served by Jupyter Server, in headless Chromium.
 *
 *   (cd test/jupyterlab && npm ci && npm run build)
 *   node bin/tsdl.js reproduce --quick --out DIR && node test/jupyterlab/run.js DIR
 *
 * Notebooks are discovered in notebooks/. Those named by --live (default 01,04,30: number
 * prefixes) are executed in the page with their quick parameters (Run All, TSDL_QUICK=1); the
 * others are opened as DIR's executed copies. Per notebook: the page shows our kernelspec, no
 * dialog and no page error; every output is rendered by the renderer JupyterLab picks (Plotly by
 * plotly's MIME renderer, claims by their HTML badge, tables, images, errors); a live run shows
 * the same output kinds per cell as the executed copy, and its progress bars were updated in place
 * (update_display_data). Notebooks with figures are opened a second time without plotly's
 * renderer, where the text/html fallback must draw them. Screenshots go to --out (default
 * test-artifacts/jupyterlab/). Prints one line per check, then "N passed, M failed"; exits
 * non-zero on any failure.
 * Environment: E2E_PYTHON (default /usr/bin/python3), E2E_CHROMIUM (default /usr/bin/chromium).
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, TSDL, sleep, run, startServer, sessionReaper, launchBrowser, sign, checkPrerequisites } = require("../browser/jupyter");
const { checkRun, seconds } = require("../browser/check-run");
const { probeNotebook, watchDisplayUpdates, displayUpdateResults } = require("./page-probe");
const { fileKinds, pageProblems, kindProblems, countKinds } = require("./outputs");
const { checkWidgets, checkRestored } = require("./widgets");
const { checkPlayground } = require("./playground");

const BUILD = path.join(__dirname, "build");
const WIDGETS_FIXTURE = path.join(__dirname, "widgets.ipynb");
const DISPLAY_NAME = `TypeScript (tsdl lab ${process.pid})`; // proves the server found *our* kernelspec
const DEADLINE_MS = 25 * 60 * 1000; // a liveness bound for a loaded machine; CI time is measured, not asserted
const OPEN_MS = 45_000; // per opened notebook: load, kernel, every figure drawn
const LIVE_MS = 4 * 60 * 1000; // per live notebook: Run All with quick parameters
const { started, cleanups, record, start } = checkRun(DEADLINE_MS, { maxProblems: 12 });
const hasPrefix = (name, prefixes) => prefixes.some((prefix) => name.startsWith(`${prefix}-`));

function parseArgs(argv) {
  const options = { reproduction: null, live: ["01", "04", "30"], only: null, widgets: true, out: path.join(ROOT, "test-artifacts", "jupyterlab") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--live") options.live = argv[++i].split(",").filter(Boolean);
    else if (argv[i] === "--only") options.only = argv[++i].split(",").filter(Boolean);
    else if (argv[i] === "--no-widgets") options.widgets = false;
    else if (argv[i] === "--out") options.out = path.resolve(argv[++i]);
    else if (!options.reproduction) options.reproduction = path.resolve(argv[i]);
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!options.reproduction) throw new Error("usage: run.js REPRODUCTION_DIR [--live 01,04,30] [--only 02,05] [--no-widgets] [--out DIR]");
  return options;
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** The source notebook with its quick parameters injected and no outputs, as `tsdl run --quick` starts. */
function liveCopy(source) {
  const { injectParameters, quickParameters } = require(path.join(ROOT, "dist", "runner", "parameters.js"));
  const nb = readJson(source);
  const fresh = injectParameters(nb, quickParameters(nb));
  fresh.cells = fresh.cells.map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c));
  return fresh;
}

/** One notebook per entry: where it is served from, and whether it runs live. */
function planNotebooks(options, servedDir) {
  const names = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort()
    .filter((name) => !options.only || hasPrefix(name, options.only));
  return names.map((name) => {
    const live = hasPrefix(name, options.live);
    const executed = path.join(options.reproduction, name);
    const reference = fs.existsSync(executed) ? readJson(executed) : null;
    if (live) fs.writeFileSync(path.join(servedDir, name), JSON.stringify(liveCopy(path.join(ROOT, "notebooks", name)), null, 1));
    else if (reference) fs.copyFileSync(executed, path.join(servedDir, name));
    return { name, live, reference };
  });
}

async function openPage(context, server, name, { plotly = true } = {}) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e).split("\n")[0].slice(0, 200)));
  const query = new URLSearchParams({ path: name, token: server.token, ...(plotly ? {} : { plotly: "0" }) });
  await page.goto(`${server.base}/static/tsdl-lab/index.html?${query}`, { waitUntil: "load", timeout: 60_000 });
  await page.evaluate(() => window.tsdlLab.ready.then(() => true));
  return { page, pageErrors };
}

/** Polls the page until it shows every output as it should, or `until`; returns the last probe and problems. */
async function settle(page, until, expect) {
  for (;;) {
    const seen = await page.evaluate(probeNotebook);
    const problems = expect(seen);
    if (!problems.length || Date.now() > until) return { seen, problems };
    await sleep(250);
  }
}

/**
 * Grows the window to the notebook's height (up to Chromium's 16k px limit), so that a screenshot
 * shows the whole notebook; it also resizes every output, as a user resizing the window does.
 */
async function growToNotebook(page) {
  const height = await page.evaluate(() => {
    const scroller = document.querySelector(".jp-WindowedPanel-outer") || document.body;
    scroller.scrollTop = 0; // Run All leaves it scrolled to the last cell
    return scroller.scrollHeight + 80;
  });
  await page.setViewportSize({ width: 1200, height: Math.min(Math.max(height, 900), 16_000) });
}

/** Waits until every output shows as it should, again after the window grew, then takes a screenshot. */
async function settleAndShoot(page, expect, file, lap) {
  const first = await settle(page, Date.now() + OPEN_MS, expect);
  lap("render");
  if (first.problems.length) return first;
  await growToNotebook(page);
  const grown = await settle(page, Date.now() + OPEN_MS, (seen) => expect(seen).map((p) => `after the window grew: ${p}`));
  // JPEG: a full-length PNG takes seconds to encode on 2 busy cores; this is for eyes only.
  await page.screenshot({ path: file, type: "jpeg", quality: 80, timeout: 30_000 })
    .catch((e) => grown.problems.push(`screenshot: ${e.message.split("\n")[0]}`));
  lap("resize+shot");
  return grown;
}

/** Named durations, in order: lap("name") ends the phase that started at the previous lap. */
function phaseTimer() {
  let last = Date.now();
  const phases = [];
  const lap = (name) => {
    phases.push(`${name} ${seconds(last)}`);
    last = Date.now();
  };
  lap.toString = () => phases.join(", ");
  return lap;
}

const summary = (seen) => Object.entries(countKinds(seen)).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(", ");
const screenshotPath = (options, name, suffix = "") => path.join(options.out, name.replace(/\.ipynb$/, `${suffix}.jpg`));

/** Rejects with `message` after `ms` unless `promise` settles first. */
function within(ms, promise, message) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Run All in the page; problems if a cell failed or a progress bar's last update is not shown. */
async function runLive(page, lap) {
  await page.evaluate(watchDisplayUpdates);
  const ok = await within(LIVE_MS, page.evaluate(() => window.tsdlLab.runAll()), `Run All did not finish within ${LIVE_MS / 1000} s`);
  lap("Run All");
  await page.evaluate(() => window.tsdlLab.panel.context.save()); // the page without plotly's renderer reopens it
  const updates = await page.evaluate(displayUpdateResults);
  const problems = ok ? [] : ["Run All stopped at a failing cell"];
  for (const u of updates.filter((u) => !u.shown)) problems.push(`display ${u.id}: last of ${u.count} updates not shown`);
  return { problems, detail: `${updates.reduce((n, u) => n + u.count, 0)} display updates, ` };
}

async function checkNotebook(context, server, reaper, plan, options) {
  const t0 = Date.now();
  const lap = phaseTimer();
  const { name, live, reference } = plan;
  const problems = [];
  let detail = "";
  let page = null;
  try {
    if (!reference) throw new Error(`no executed copy in ${options.reproduction}`);
    const opened = await openPage(context, server, name);
    page = opened.page;
    lap("open");
    if (live) {
      const ran = await runLive(page, lap);
      problems.push(...ran.problems);
      detail = ran.detail;
      const playground = await checkPlayground(page, screenshotPath(options, name, ".training"));
      if (playground) {
        problems.push(...playground.problems);
        detail += playground.detail;
        lap("Play");
      }
    }
    const want = fileKinds(reference);
    const expect = (seen) => [
      ...pageProblems(seen, { displayName: DISPLAY_NAME, plotly: true }),
      ...kindProblems(want, seen),
    ];
    const { seen, problems: shown } = await settleAndShoot(page, expect, screenshotPath(options, name), lap);
    problems.push(...shown);
    detail = `${live ? "live" : "opened"}: ${detail}${summary(seen)}`;
    if (countKinds(seen).plot) problems.push(...(await checkFallback(context, server, name, options, lap)));
    problems.push(...opened.pageErrors.map((e) => `page error: ${e}`));
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    if (page) await page.close().catch(() => {});
    reaper.shutdown(name);
  }
  record(name, problems, `${detail}  (${seconds(t0)} s: ${lap})`);
}

/**
 * The same notebook (its outputs as saved or as just produced) in a page without plotly's renderer:
 * each figure's text/html fallback must draw it. The page joins the open session's kernel.
 */
async function checkFallback(context, server, name, options, lap) {
  const { page, pageErrors } = await openPage(context, server, name, { plotly: false });
  try {
    const expect = (seen) => pageProblems(seen, { displayName: DISPLAY_NAME, plotly: false })
      .map((p) => `without plotly's renderer: ${p}`);
    const { problems } = await settleAndShoot(page, expect, screenshotPath(options, name, ".no-plotly-renderer"), () => {});
    lap("no-plotly page");
    return [...problems, ...pageErrors.map((e) => `without plotly's renderer: page error: ${e}`)];
  } finally {
    await page.close().catch(() => {});
  }
}

/** The widget checks (widgets.js) on the fixture, run live, alone (they measure a latency). */
async function checkWidgetFixture(context, server, reaper, options) {
  const t0 = Date.now();
  const lap = phaseTimer();
  const name = path.basename(WIDGETS_FIXTURE);
  const problems = [];
  let detail = "";
  const { page, pageErrors } = await openPage(context, server, name);
  let reloaded = null;
  try {
    lap("open");
    const ran = await runLive(page, lap);
    problems.push(...ran.problems);
    const expect = (seen) => pageProblems(seen, { displayName: DISPLAY_NAME, plotly: true });
    problems.push(...(await settle(page, Date.now() + OPEN_MS, expect)).problems);
    const widgets = await checkWidgets(page);
    lap("widget checks");
    problems.push(...widgets.problems);
    detail = widgets.detail;
    await page.screenshot({ path: screenshotPath(options, name), type: "jpeg", quality: 80 }).catch(() => {});
    problems.push(...pageErrors.map((e) => `page error: ${e}`));
    await page.close();
    // A reload: a fresh page on the same notebook joins the running kernel and asks it for its widgets.
    reloaded = await openPage(context, server, name);
    const restored = await checkRestored(reloaded.page, widgets.left);
    lap("reload");
    problems.push(...restored.problems, ...reloaded.pageErrors.map((e) => `after reload: page error: ${e}`));
    await reloaded.page.screenshot({ path: screenshotPath(options, name, ".reloaded"), type: "jpeg", quality: 80 }).catch(() => {});
  } catch (e) {
    problems.push(e.message.split("\n")[0]);
  } finally {
    await page.close().catch(() => {});
    if (reloaded) await reloaded.page.close().catch(() => {});
    reaper.shutdown(name);
  }
  record(name, problems, `${detail}  (${seconds(t0)} s: ${lap})`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  checkPrerequisites();
  if (!fs.existsSync(path.join(BUILD, "tsdl-lab", "bundle.js"))) throw new Error("test/jupyterlab is not built: (cd test/jupyterlab && npm ci && npm run build)");
  fs.mkdirSync(options.out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-lab-"));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dirs = {};
  for (const d of ["prefix", "notebooks", "data", "config", "runtime", "browser"]) fs.mkdirSync((dirs[d] = path.join(tmp, d)));

  const plans = planNotebooks(options, dirs.notebooks);
  fs.copyFileSync(WIDGETS_FIXTURE, path.join(dirs.notebooks, path.basename(WIDGETS_FIXTURE)));
  console.log(`${plans.length} notebooks: ${plans.filter((p) => p.live).map((p) => p.name).join(", ")} live, the others opened from ${options.reproduction}`);
  await run(process.execPath, [TSDL, "install", "--prefix", dirs.prefix, "--name", "tsdl", "--display-name", DISPLAY_NAME]);
  const opened = plans.filter((p) => !p.live && p.reference).map((p) => path.join(dirs.notebooks, p.name));
  await sign(opened, dirs.data);
  const [server, context] = await Promise.all([
    startServer(dirs, {
      app: "jupyter_server",
      logFile: path.join(options.out, "jupyter-server.log"),
      cleanups,
      args: [path.join(__dirname, "static"), BUILD].map((dir) => `--ServerApp.extra_static_paths=${dir}`),
      env: { TSDL_QUICK: "1" }, // live runs train the quick way, as `tsdl run --quick` tells the kernel
    }),
    launchBrowser(dirs.browser, { cleanups }),
  ]);
  console.log(`server and browser up (${seconds(started)} s)`);
  const reaper = sessionReaper(server);
  // Two lanes side by side: the live runs keep a kernel busy while the other lane renders saved copies.
  const lane = async (chosen) => {
    for (const plan of chosen) await checkNotebook(context, server, reaper, plan, options);
  };
  await Promise.all([lane(plans.filter((p) => p.live)), lane(plans.filter((p) => !p.live))]);
  if (options.widgets) await checkWidgetFixture(context, server, reaper, options);
  await reaper.idle;
}

start(main);
