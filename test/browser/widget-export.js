#!/usr/bin/env node
/*
 * Exported widgets: `tsdl run` saves every widget's last state in metadata.widgets, nbconvert's
 * HTML export embeds it, and the ipywidgets HTML manager renders it in a browser with no kernel.
 * The export loads @jupyter-widgets/html-manager from a CDN (unpkg; Debian's nbconvert takes
 * require.js from the system); here Chromium is offline and that URL is answered from
 * test/browser/widget-export/node_modules.
 *
 *   npm ci --prefix test/browser/widget-export && npx tsc -p . && node test/browser/widget-export.js
 *
 * Needs python3-nbconvert and chromium (as notebook-e2e.js). The HTML and a screenshot go to
 * test-artifacts/. Prints "N passed, M failed"; exits non-zero on any failure.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, PYTHON, TSDL, checkPrerequisites, run, launchBrowser } = require("./jupyter");
const { assert, checkList } = require("./checks");

const { check, failed, tally } = checkList();

const FIXTURE = path.join(ROOT, "test", "fixtures", "notebooks", "widgets.ipynb");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const MODULES = path.join(__dirname, "widget-export", "node_modules");
/** What the export asks a CDN for, and the local file that answers. */
const CDN = [
  [/\/@jupyter-widgets\/html-manager@[^/]*\/dist\/([\w.-]+)$/, (m) => path.join(MODULES, "@jupyter-widgets", "html-manager", "dist", m[1])],
];
/** Serves the CDN files from node_modules; every other remote request fails, as offline. */
async function emulateCdn(page, served, blocked) {
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    for (const [pattern, file] of CDN) {
      const match = pattern.exec(new URL(url).pathname);
      if (match && fs.existsSync(file(match))) {
        served.push(url);
        return route.fulfill({ path: file(match), contentType: "application/javascript" });
      }
    }
    blocked.push(url);
    return route.abort();
  });
}

async function main() {
  checkPrerequisites();
  if (!fs.existsSync(MODULES)) throw new Error(`${MODULES} missing: npm ci --prefix test/browser/widget-export`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-widget-export-"));
  const cleanups = [() => fs.rmSync(tmp, { recursive: true, force: true })];
  const executed = path.join(tmp, "widgets.executed.ipynb");
  const html = path.join(tmp, "widgets.executed.html");
  try {
    await check("tsdl run saves the widgets' state in metadata.widgets", async () => {
      await run(process.execPath, [TSDL, "run", FIXTURE, "--out", executed, "--timeout", "120"], { cwd: ROOT });
      const state = JSON.parse(fs.readFileSync(executed, "utf8")).metadata.widgets["application/vnd.jupyter.widget-state+json"];
      return `${Object.keys(state.state).length} models`;
    });
    await check("nbconvert --to html embeds the state and the views", async () => {
      const env = { ...process.env, JUPYTER_DATA_DIR: path.join(tmp, "data"), JUPYTER_CONFIG_DIR: path.join(tmp, "config") };
      await run(PYTHON, ["-m", "nbconvert", "--to", "html", executed, "--output-dir", tmp], { env });
      const text = fs.readFileSync(html, "utf8");
      fs.copyFileSync(html, path.join(ARTIFACTS, "widgets.executed.html"));
      const views = text.split('<script type="application/vnd.jupyter.widget-view+json">').length - 1;
      assert(text.includes('type="application/vnd.jupyter.widget-state+json"'), "no widget state in the HTML");
      assert(views === 3, `${views} widget views`);
    });
    const context = await launchBrowser(path.join(tmp, "chromium-profile"), { cleanups });
    await context.setOffline(true);
    const page = await context.newPage();
    const served = [];
    const blocked = [];
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await emulateCdn(page, served, blocked);
    await check("the exported HTML shows the widgets' last state, offline (HTML manager from node_modules)", async () => {
      await page.goto(`file://${html}`, { waitUntil: "load", timeout: 60_000 });
      const sliders = page.locator(".widget-slider");
      await sliders.first().waitFor({ timeout: 60_000 });
      await page.locator(".widget-output").first().waitFor({ timeout: 30_000 });
      const readouts = await page.locator(".widget-readout").allTextContents();
      // The slider as the kernel left it (8, set after it was shown), and the interact's.
      assert(JSON.stringify(readouts.map((r) => r.trim())) === JSON.stringify(["8", "2"]), `readouts ${JSON.stringify(readouts)}`);
      const outputs = await page.locator(".widget-output").allInnerTexts();
      assert(outputs.some((t) => t.includes("inside")), `Output widgets show ${JSON.stringify(outputs)}`);
      assert(outputs.some((t) => t.trim() === "4"), `the interact's output is not 4: ${JSON.stringify(outputs)}`);
      assert(pageErrors.length === 0, `page errors: ${pageErrors.join("; ")}`);
      await page.screenshot({ path: path.join(ARTIFACTS, "widget-export.png"), fullPage: true });
      return `served locally: ${served.map((u) => new URL(u).pathname).join(", ")}; ${blocked.length} remote requests blocked`;
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
  console.log(tally());
  process.exitCode = failed() ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
