#!/usr/bin/env node
/*
 * The feedback pages of a grading run, as a student or an instructor opens them: every
 * DIR/feedback/NAME.html in headless Chromium, offline. For each page: it shows the gradebook's
 * total and each test's points (table and badges), its images decode, it fits a laptop's and a
 * phone's width, and nothing in it runs or loads: no script, no inline handler (every element
 * is hovered and clicked), no dialog, no request but the page itself, no Content-Security-Policy
 * violation. The example's hostile-html submission puts script and remote loads in its answer
 * and its outputs. Screenshots go to test-artifacts/grading/.
 *
 *   node test/grading/grade-example.js --out DIR && node test/browser/grading-feedback.js DIR
 *
 * Needs chromium (as notebook-e2e.js). Prints "N passed, M failed"; exits non-zero on any failure.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ROOT, checkPrerequisites, launchBrowser } = require("./jupyter");
const { assert, checkList } = require("./checks");
const { PENDING, parseGradebook } = require("../../dist/grading/gradebook");

const ARTIFACTS = path.join(ROOT, "test-artifacts", "grading");
const { check, failed, tally } = checkList();
const LAPTOP = { width: 1200, height: 900 };
const PHONE = { width: 390, height: 844 };

/** What the page tried to do: requests, dialogs, errors (CSP violations are reported as console errors). */
function watch(page) {
  const seen = { requests: [], dialogs: [], errors: [] };
  page.on("request", (r) => /^(file|data):/.test(r.url()) || seen.requests.push(r.url()));
  page.on("dialog", (d) => (seen.dialogs.push(d.message()), d.dismiss().catch(() => {})));
  page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  return seen;
}

/** Hovers and clicks every element the way a reader's mouse would, so inline handlers would fire. */
async function touchEverything(page) {
  await page.evaluate(() => {
    for (const el of document.body.querySelectorAll("*")) {
      for (const type of ["mouseover", "mouseenter", "focus"]) el.dispatchEvent(new Event(type, { bubbles: true }));
      if (el.tagName !== "A") el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    }
  });
}

/** Elements that could run or load something, whatever the CSP does with them. */
function activeMarkup(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const handlers = all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)));
    const links = [...document.querySelectorAll("a[href]")].filter((a) => !/^https?:/.test(a.getAttribute("href")));
    const embedded = document.querySelectorAll("script, iframe, object, embed, link, base, form, svg, meta[http-equiv=refresh]");
    const remoteImages = [...document.images].filter((img) => !img.src.startsWith("data:"));
    return [...new Set([...handlers, ...links, ...embedded, ...remoteImages])].map((el) => el.outerHTML.slice(0, 120));
  });
}

function pageFacts(page) {
  return page.evaluate(() => ({
    total: document.querySelector("p strong")?.textContent ?? "",
    table: Object.fromEntries([...document.querySelectorAll("tbody tr")].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])),
    badges: [...document.querySelectorAll(".points")].map((b) => b.textContent),
    images: [...document.images].map((img) => img.complete && img.naturalWidth > 0),
  }));
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Every problem of one page (not only the first), so that a failure says all that is wrong. */
async function checkPage(context, file, row, tests) {
  const page = await context.newPage();
  const seen = watch(page);
  const problems = [];
  const expect = (cond, msg) => cond || problems.push(msg);
  await page.route(/^(?!file:|data:)/, (route) => route.abort());
  try {
    await page.setViewportSize(LAPTOP);
    await page.goto(`file://${file}`, { waitUntil: "load" });
    const facts = await pageFacts(page);
    expect(facts.total === `${row.total} / ${row.max} points`, `total shows "${facts.total}", the gradebook ${row.total} / ${row.max}`);
    for (const test of tests) {
      const earned = row.points[test] ?? PENDING;
      const shown = facts.table[test] ?? "(missing)";
      expect(shown.startsWith(`${earned} / `), `${test} shows "${shown}" in the table, the gradebook ${earned}`);
      expect(facts.badges.some((b) => b.startsWith(`${earned} / `)), `no badge shows ${test}'s ${earned} points`);
    }
    expect(facts.images.every(Boolean), `${facts.images.filter((ok) => !ok).length} of ${facts.images.length} images did not decode`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${row.submission}.png`), fullPage: true });
    const laptopOverflow = await overflow(page);
    await page.setViewportSize(PHONE);
    const phoneOverflow = await overflow(page);
    expect(laptopOverflow <= 0 && phoneOverflow <= 0, `wider than the window by ${laptopOverflow} px (laptop), ${phoneOverflow} px (phone)`);
    await touchEverything(page);
    await page.waitForTimeout(200); // a handler's dialog or request would arrive by now
    const active = await activeMarkup(page);
    expect(active.length === 0, `active markup: ${active.join(" | ")}`);
    expect(seen.dialogs.length === 0, `dialogs: ${seen.dialogs.join(", ")}`);
    expect(seen.requests.length === 0, `requests: ${seen.requests.join(", ")}`);
    expect(seen.errors.length === 0, `errors: ${seen.errors.join(" | ")}`);
    assert(problems.length === 0, problems.join("; "));
    return `${row.total} / ${row.max}, ${tests.length} tests, ${facts.images.length} images, ${facts.badges.length} badges`;
  } finally {
    await page.close();
  }
}

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node test/browser/grading-feedback.js GRADING_OUT_DIR");
  checkPrerequisites();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const gradebook = path.join(dir, "gradebook.csv");
  const { columns: tests, rows } = parseGradebook(fs.readFileSync(gradebook, "utf8"), gradebook);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-feedback-browser-"));
  const cleanups = [];
  try {
    const context = await launchBrowser(profile, { cleanups });
    await check("every gradebook row has its feedback page", async () => {
      const pages = fs.readdirSync(path.join(dir, "feedback")).filter((f) => f.endsWith(".html")).sort();
      const names = rows.map((r) => `${r.submission}.html`).sort();
      assert(JSON.stringify(pages) === JSON.stringify(names), `pages ${pages.join(", ")} vs rows ${names.join(", ")}`);
      return `${pages.length} pages`;
    });
    for (const row of rows) {
      const file = path.join(dir, "feedback", `${row.submission}.html`);
      await check(`feedback/${row.submission}.html: points as in the gradebook, fits, runs and loads nothing`, () => checkPage(context, file, row, tests));
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${tally()} (screenshots in ${path.relative(ROOT, ARTIFACTS)})`);
  process.exit(failed() ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
