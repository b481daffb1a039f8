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
const net = require("node:net");
const crypto = require("node:crypto");
const { spawn, execFile } = require("node:child_process");

const ROOT = path.resolve(__dirname, "../..");
const FIXTURE = path.join(__dirname, "e2e.ipynb");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const PYTHON = process.env.E2E_PYTHON || "/usr/bin/python3";
const CHROMIUM = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
const TSDL = path.join(ROOT, "bin", "tsdl.js");
const DISPLAY_NAME = `TypeScript (tsdl e2e ${process.pid})`; // proves the server found *this* kernelspec
const DEADLINE_MS = 4.5 * 60 * 1000; // the whole run stays under 5 minutes
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

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

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options }, (err, stdout, stderr) => {
      if (err) {
        err.message = `${path.basename(cmd)} ${args.join(" ")}: ${err.message}\n${stderr}`;
        reject(err);
      } else resolve({ stdout, stderr });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids of the live descendants of `pid` (Linux /proc). */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) || []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startServer({ prefix, notebookDir, dataDir, configDir, runtimeDir }) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString("hex");
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(prefix, "share", "jupyter"),
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_CONFIG_DIR: configDir,
    JUPYTER_RUNTIME_DIR: runtimeDir,
    BROWSER: "true",
  };
  const args = [
    "-m", "notebook", "--no-browser", "--allow-root",
    "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0",
    `--NotebookApp.token=${token}`, `--notebook-dir=${notebookDir}`,
  ];
  const logFile = path.join(ARTIFACTS, "notebook-server.log");
  const out = fs.openSync(logFile, "w");
  const child = spawn(PYTHON, args, { env, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on("exit", () => (exited = true));
  const server = { child, port, token, base, logFile, kernelPids: new Set() };
  cleanups.push(() => stopServer(server));
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (exited) throw new Error(`notebook server exited early; see ${logFile}`);
    try {
      const res = await fetch(`${base}/api/status?token=${token}`);
      if (res.ok) return server;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`notebook server did not answer within 60 s; see ${logFile}`);
}

async function stopServer(server) {
  const { child, base, token } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Kernels run in their own sessions (jupyter_client start_new_session): remember their pids.
  for (const pid of descendants(child.pid)) server.kernelPids.add(pid);
  try {
    await fetch(`${base}/api/shutdown?token=${token}`, { method: "POST", signal: AbortSignal.timeout(5000) });
  } catch {
    /* fall through to signals */
  }
  const exited = new Promise((r) => child.once("exit", r));
  const waitExit = (ms) => Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);
  if (!(await waitExit(5000))) {
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
    if (!(await waitExit(5000))) {
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
      await waitExit(2000);
    }
  }
  for (const pid of server.kernelPids) {
    if (alive(pid)) {
      try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
    }
  }
}

async function launchBrowser(userDataDir) {
  const { chromium } = require("playwright-core");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
    timeout: 60_000,
    // Our own handlers clean up (playwright's would exit the process before the server is stopped).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(async () => {
    await Promise.race([context.close().catch(() => {}), sleep(10_000)]);
  });
  return context;
}

/** Signs the notebook with the notary of `dataDir`, as `jupyter trust` does. */
async function sign(notebook, dataDir) {
  const code = [
    "import sys, nbformat",
    "from nbformat.sign import NotebookNotary",
    "nb = nbformat.read(sys.argv[1], 4)",
    "NotebookNotary().sign(nb)",
    "print('signed')",
  ].join("\n");
  await run(PYTHON, ["-c", code, notebook], { env: { ...process.env, JUPYTER_DATA_DIR: dataDir } });
}

/** Checks against the live classic Notebook page. */
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

  for (const [what, file] of [["python", PYTHON], ["chromium", CHROMIUM], ["dist (run npx tsc -p .)", path.join(ROOT, "dist", "cli", "main.js")]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found: ${file}`);
  }

  log("installing kernelspec");
  await run(process.execPath, [TSDL, "install", "--prefix", dirs.prefix, "--display-name", DISPLAY_NAME]);
  const kernelJson = path.join(dirs.prefix, "share", "jupyter", "kernels", "tsdl", "kernel.json");
  if (!fs.existsSync(kernelJson)) throw new Error(`no ${kernelJson}`);

  const copy = path.join(dirs.notebooks, "e2e.ipynb");
  fs.copyFileSync(FIXTURE, copy);
  await sign(copy, dirs.data);

  log("starting notebook server and chromium");
  const [server, context] = await Promise.all([
    startServer({ prefix: dirs.prefix, notebookDir: dirs.notebooks, dataDir: dirs.data, configDir: dirs.config, runtimeDir: dirs.runtime }),
    launchBrowser(dirs.browser),
  ]);
  log(`notebook server on ${server.base}`);

  const specs = await (await fetch(`${server.base}/api/kernelspecs?token=${server.token}`)).json();
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
