/*
 * The live Playground (notebook 30's widgets), in JupyterLab after Run All: press Play, wait until
 * the epoch counter has climbed while the kernel trains, screenshot it mid-training, press Pause.
 * A notebook without a widget "Play" button is left alone.
 */
"use strict";

const TRAIN_MS = 120_000; // liveness bound: the counter must pass MIN_EPOCHS within this
const MIN_EPOCHS = 40; // mid-training: the circle is taking shape (the defaults reach test loss 0.05 after 34-83)

/** The Playground's epoch counter (the number under "Epoch" in its status), or null. Runs in the page. */
function readEpoch() {
  const label = [...document.querySelectorAll(".jp-OutputArea .widget-html-content div")].find((d) => d.textContent === "Epoch");
  return label && label.nextElementSibling ? Number(label.nextElementSibling.textContent.replace(/,/g, "")) : null;
}

/** Whether the page's epoch counter has reached `target` (readEpoch inlined: page functions are self-contained). */
function epochReached(target) {
  const label = [...document.querySelectorAll(".jp-OutputArea .widget-html-content div")].find((d) => d.textContent === "Epoch");
  return !!label && !!label.nextElementSibling && Number(label.nextElementSibling.textContent.replace(/,/g, "")) >= target;
}

async function checkPlayground(page, screenshotFile) {
  const play = page.locator("button.jupyter-button", { hasText: /^\s*Play\s*$/ });
  if ((await play.count()) === 0) return null;
  const problems = [];
  const before = await page.evaluate(readEpoch);
  if (before === null) return { problems: ["the Playground shows no epoch counter"], detail: "" };
  const button = await play.first().elementHandle(); // its label turns to "Pause"
  await button.scrollIntoViewIfNeeded();
  const t0 = Date.now();
  await button.click();
  const target = before + MIN_EPOCHS;
  await page.waitForFunction(epochReached, target, { timeout: TRAIN_MS, polling: 250 })
    .catch(() => {}); // reported below with the counter's value
  const seconds = (Date.now() - t0) / 1000;
  const epoch = await page.evaluate(readEpoch);
  if (epoch < target) problems.push(`Play: the epoch counter went ${before} -> ${epoch} in ${seconds.toFixed(0)} s`);
  // Mid-training: the Playground's output at the top of the view (the notebook scrolls inside its panel).
  await button.evaluate((b) => b.closest(".jp-OutputArea").scrollIntoView({ block: "start" }));
  await page.screenshot({ path: screenshotFile, type: "jpeg", quality: 85 }).catch((e) => problems.push(`screenshot: ${e.message.split("\n")[0]}`));
  const label = (await button.textContent()).trim();
  if (label !== "Pause") problems.push(`the Play button reads "${label}" while playing`);
  else await button.click();
  const rate = (epoch - before) / seconds;
  return { problems, detail: `Playground: Play -> epoch ${before} to ${epoch} in ${seconds.toFixed(1)} s (${rate.toFixed(1)} epochs/s shown), ` };
}

module.exports = { checkPlayground };
