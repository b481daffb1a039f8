#!/usr/bin/env node
/*
 * End-to-end browser test: tsdl kernelspec -> classic Jupyter Notebook -> headless Chromium,
 * then `tsdl run` -> nbconvert HTML -> Chromium offline.
 *
 * Not a jest test (jest runs test/**\/*.test.ts); run it by hand or from CI after building:
 *
 *   npx tsc -p . && node test/browser/notebook-e2e.js
 *
 * Needs (as root, once):
 *   apt-get install -y jupyter-notebook chromium python3-nbconvert python3-nbformat
 * and the npm devDependency playwright-core. Screenshots and the exported HTML go to
 * test-artifacts/ (git-ignored). Prints "N passed, M failed"; exits non-zero on any failure.
 * Environment: E2E_PYTHON (default /usr/bin/python3), E2E_CHROMIUM (default /usr/bin/chromium).
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, PYTHON, TSDL, sleep, run, startServer, api, stopServer, launchBrowser, sign, checkPrerequisites } = require("./jupyter");

const FIXTURE = path.join(__dirname, "e2e.ipynb");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const DISPLAY_NAME = `TypeScript (tsdl e2e ${process.pid})`; // proves the server found *this* kernelspec
const DEADLINE_MS = 4.5 * 60 * 1000; // the whole run stays under 5 minutes
const started = Date.now();
let finished = false;
const results = [];
const cleanups = [];

function log(msg) {
  if (finished) return;
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
}

function record(name, ok, detail = "") {
  if (finished) return; // after an interrupt or the deadline, late failures are noise
  results.push({ name, ok });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? ` - ${detail}` : ""}`);
}

/** Runs one named check; an exception is a failure, not a crash. */
async function check(name, fn) {
  try {
    const detail = await fn();
    record(name, true, typeof detail === "string" ? detail : "");
  } catch (e) {
    record(name, false, (e && e.message ? e.message : String(e)).split("\n")[0].slice(0, 300));
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function notebookChecks(context, server, dirs) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${server.base}/notebooks/e2e.ipynb?token=${server.token}`, { waitUntil: "load" });

  await check("notebook page opens with the tsdl kernel, trusted", async () => {
    await page.waitForFunction(
      () => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel &&
        Jupyter.notebook.kernel.is_connected() && document.querySelector("#kernel_indicator_icon.kernel_idle_icon"),
      null,
      { timeout: 90_000 },
    );
    const info = await page.evaluate(() => ({ name: Jupyter.notebook.kernel.name, trusted: Jupyter.notebook.trusted }));
    assert(info.name === "tsdl", `kernel is ${info.name}`);
    assert(info.trusted === true, "notebook is not trusted");
    return `kernel ${info.name}`;
  });

  let ran = false;
  await check("Cell > Run All executes every cell and the kernel goes idle", async () => {
    await page.click("#celllink");
    await page.click("#run_all_cells > a");
    // Every code cell gets a numeric prompt (no `In [*]`, no empty one) and the kernel is idle.
    await page.waitForFunction(
      () => {
        const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
        return cells.every((c) => typeof c.input_prompt_number === "number") &&
          !!document.querySelector("#kernel_indicator_icon.kernel_idle_icon");
      },
      null,
      { timeout: 150_000, polling: 250 },
    );
    ran = true;
    const prompts = await page.evaluate(() =>
      Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").map((c) => c.input_prompt_number));
    return `prompts ${prompts.join(",")}`;
  });

  // One locator per code cell, in order (cell 0 is markdown).
  const cell = (i) => page.locator(".cell").nth(i);
  const output = (i) => cell(i).locator(".output_area");

  await check("text output", async () => {
    const text = await output(1).locator(".output_text").first().innerText({ timeout: 5000 });
    assert(text.includes("e2e-text: 42"), `got ${JSON.stringify(text)}`);
  });

  await check("DataFrame renders as an HTML table", async () => {
    const table = output(2).locator("table").first();
    await table.waitFor({ timeout: 5000 });
    const text = await table.innerText();
    assert(/alpha/.test(text) && /gamma/.test(text), `table text ${JSON.stringify(text.slice(0, 200))}`);
  });

  await check("Plotly figure renders (.main-svg)", async () => {
    await output(3).locator(".main-svg").first().waitFor({ timeout: 20_000 });
    const n = await output(3).locator(".main-svg").count();
    const title = await output(3).locator(".gtitle").first().textContent({ timeout: 5000 }).catch(() => "");
    assert(title.includes("e2e plotly"), `plot title ${JSON.stringify(title)}`);
    return `${n} .main-svg`;
  });

  await check("training progress bar finished (Epoch 3/3, 2/2, bar full)", async () => {
    const bars = await output(4).locator(".output_subarea").evaluateAll((els) =>
      els.map((el) => {
        const inner = el.querySelector("span > span");
        return {
          text: el.textContent.replace(/\s+/g, " ").trim(),
          fill: inner ? inner.getBoundingClientRect().width / inner.parentElement.getBoundingClientRect().width : -1,
        };
      }));
    const last = bars.find((b) => /Epoch 3\/3/.test(b.text));
    assert(last, `no "Epoch 3/3" in ${JSON.stringify(bars.map((b) => b.text))}`);
    assert(/ 2\/2 /.test(last.text) && /loss: \d/.test(last.text), `last epoch text ${JSON.stringify(last.text)}`);
    assert(!/ETA/.test(last.text), `last epoch still running: ${JSON.stringify(last.text)}`);
    assert(Math.abs(last.fill - 1) < 0.01, `last epoch bar filled ${(last.fill * 100).toFixed(1)}%`);
    return `${bars.length} bars; ${last.text}`;
  });

  await check("image output (img)", async () => {
    const img = output(5).locator("img").first();
    await img.waitFor({ timeout: 5000 });
    const { w, complete } = await img.evaluate((el) => ({ w: el.naturalWidth, complete: el.complete }));
    assert(complete && w > 0, `image not decoded (naturalWidth ${w})`);
    return `${w}px wide`;
  });

  await check("error cell rendered as an error", async () => {
    const err = output(6).locator(".output_error").first();
    await err.waitFor({ timeout: 5000 });
    const text = await err.innerText();
    assert(text.includes("e2e-expected-failure"), `error text ${JSON.stringify(text.slice(0, 200))}`);
  });

  await check("no page errors", async () => {
    assert(consoleErrors.length === 0, consoleErrors.join(" | "));
  });

  // Screenshots: the notebook scrolls inside #site, so take a tall viewport for a whole view.
  try {
    const height = await page.evaluate(() => document.querySelector("#notebook").scrollHeight + 200);
    await page.setViewportSize({ width: 1200, height: Math.min(Math.max(height, 900), 6000) });
    await sleep(300);
    await page.screenshot({ path: path.join(ARTIFACTS, "notebook.png") });
    for (const i of [3, 4, 5, 6]) await cell(i).screenshot({ path: path.join(ARTIFACTS, `notebook-cell-${i}.png`) });
    log(`screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
  } catch (e) {
    log(`screenshot failed: ${e.message}`);
  }
  if (!ran) log(`notebook server log: ${server.logFile}`);
  await page.close();
}

/** `tsdl run` -> nbconvert HTML -> Chromium with the network cut off. */
async function exportChecks(context, dirs) {
  const executed = path.join(dirs.export, "e2e.executed.ipynb");
  const html = path.join(dirs.export, "e2e.executed.html");
  await check("tsdl run executes the fixture (--allow-errors)", async () => {
    await run(process.execPath, [TSDL, "run", FIXTURE, "--out", executed, "--allow-errors", "--timeout", "120"], { cwd: ROOT });
    const nb = JSON.parse(fs.readFileSync(executed, "utf8"));
    const types = nb.cells.flatMap((c) => (c.outputs || []).map((o) => o.output_type));
    assert(types.includes("error"), "no error output saved");
    const plotly = nb.cells.flatMap((c) => c.outputs || []).filter((o) => o.data && o.data["application/vnd.plotly.v1+json"]);
    assert(plotly.length === 1, `${plotly.length} plotly outputs`);
  });
  await check("nbconvert --to html", async () => {
    await run(PYTHON, ["-m", "nbconvert", "--to", "html", executed, "--output-dir", dirs.export], { env: { ...process.env, JUPYTER_DATA_DIR: dirs.data, JUPYTER_CONFIG_DIR: dirs.config } });
    assert(fs.existsSync(html), `${html} missing`);
    fs.copyFileSync(html, path.join(ARTIFACTS, "e2e.executed.html"));
  });
  await check("exported HTML renders the Plotly figure offline (.main-svg)", async () => {
    await context.setOffline(true);
    const page = await context.newPage();
    const blocked = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    try {
      await page.goto(`file://${html}`, { waitUntil: "load", timeout: 60_000 });
      await page.locator(".main-svg").first().waitFor({ timeout: 30_000 });
      const title = await page.locator(".gtitle").first().textContent({ timeout: 5000 }).catch(() => "");
      assert(title.includes("e2e plotly"), `plot title ${JSON.stringify(title)}`);
      const hasTable = await page.locator("table").count();
      const hasImg = await page.locator(".output_png img, img").count();
      assert(hasTable > 0 && hasImg > 0, `tables ${hasTable}, images ${hasImg}`);
      await page.screenshot({ path: path.join(ARTIFACTS, "export.png"), fullPage: true });
      return `offline (${blocked.length} remote requests blocked)`;
    } finally {
      await page.close();
    }
  });
}

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-e2e-"));
  const dirs = {
    prefix: path.join(tmp, "prefix"),
    notebooks: path.join(tmp, "notebooks"),
    data: path.join(tmp, "jupyter-data"),
    config: path.join(tmp, "jupyter-config"),
    runtime: path.join(tmp, "jupyter-runtime"),
    browser: path.join(tmp, "chromium-profile"),
    export: path.join(tmp, "export"),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

  checkPrerequisites();

  log("installing kernelspec");
  await run(process.execPath, [TSDL, "install", "--prefix", dirs.prefix, "--display-name", DISPLAY_NAME]);
  const kernelJson = path.join(dirs.prefix, "share", "jupyter", "kernels", "tsdl", "kernel.json");
  if (!fs.existsSync(kernelJson)) throw new Error(`no ${kernelJson}`);

  const copy = path.join(dirs.notebooks, "e2e.ipynb");
  fs.copyFileSync(FIXTURE, copy);
  await sign([copy], dirs.data);

  log("starting notebook server and chromium");
  const [server, context] = await Promise.all([
    startServer(dirs, { logFile: path.join(ARTIFACTS, "notebook-server.log"), cleanups }),
    launchBrowser(dirs.browser, { cleanups }),
  ]);
  log(`notebook server on ${server.base}`);

  const specs = await (await api(server, "/api/kernelspecs")).json();
  await check("server lists the tsdl kernelspec from JUPYTER_PATH", async () => {
    const spec = specs.kernelspecs && specs.kernelspecs.tsdl;
    assert(spec, `kernelspecs: ${Object.keys(specs.kernelspecs || {}).join(", ")}`);
    assert(spec.spec && spec.spec.display_name === DISPLAY_NAME, `display_name ${spec.spec && spec.spec.display_name}`);
  });

  log("notebook UI checks");
  await notebookChecks(context, server, dirs);
  await stopServer(server);
  log("export checks");
  await exportChecks(context, dirs);
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup: ${e.message}`);
    }
  }
}

async function finish(code, reason) {
  if (finished) return;
  if (reason) record(reason, false);
  finished = true;
  await cleanup();
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  console.log(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(code || failed > 0 || results.length === 0 ? 1 : 0);
}

const watchdog = setTimeout(() => {
  finish(1, `whole run within the deadline (still running after ${DEADLINE_MS / 1000} s)`);
}, DEADLINE_MS);
watchdog.unref();

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    finish(1, `interrupted by ${sig}`);
  });
}

main().then(
  () => finish(0),
  (e) => {
    record("setup", false, e && e.message ? e.message.split("\n")[0] : String(e));
    if (e && e.stack) console.error(e.stack);
    finish(1);
  },
);
