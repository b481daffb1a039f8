/*
 * Jupyter widgets in JupyterLab (the ipywidgets manager of this app, widget protocol 2.1.0), on
 * the fixture widgets.ipynb, executed live:
 * - dragging a slider changes the kernel's value (and its observer saw it);
 * - setting `value` in the kernel moves the slider (readout and handle);
 * - an `interact` redraws its plot when its slider is released, and the round trip from the mouse
 *   release to the redrawn plot (kernel callback, new figure drawn) is measured over DRAGS drags;
 * - after a reload (checkRestored, on a fresh page joining the same kernel), the widgets come back
 *   from the kernel (jupyter.widget.control: request_states -> update_states) as they were left,
 *   and the slider still reaches the kernel.
 */
"use strict";

const { sleep } = require("../browser/jupyter");
const { executeInKernel, sliderIn, watchTitles, releaseToTitle } = require("./widget-probe");

const DRAGS = 24;
const WAIT_MS = 20_000; // generous liveness bound for one update to arrive

async function waitFor(what, fn, ms = WAIT_MS) {
  for (const until = Date.now() + ms; ; await sleep(50)) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what} (waited ${ms / 1000} s)`);
  }
}

/** Drags the slider of code cell `cellIndex` to where `value` sits on its track; returns the value it shows. */
async function dragSlider(page, cellIndex, value) {
  const s = await waitFor(`a slider in code cell ${cellIndex}`, () => page.evaluate(sliderIn, cellIndex));
  const from = { x: s.handle.x + s.handle.width / 2, y: s.handle.y + s.handle.height / 2 };
  const to = { x: s.track.x + (s.track.width * (value - s.min)) / (s.max - s.min), y: from.y };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  const after = await page.evaluate(sliderIn, cellIndex);
  return Number(after.readout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs every check; returns { problems, detail, latencies }. */
async function checkWidgets(page) {
  const problems = [];
  const check = async (name, fn) => {
    try {
      await fn();
    } catch (e) {
      problems.push(`${name}: ${e.message.split("\n")[0]}`);
    }
  };
  const kernelValue = () => page.evaluate(executeInKernel, "slider.value");

  await check("dragging the slider sets the kernel's value", async () => {
    const shown = await dragSlider(page, 0, 15);
    if (shown === 3) throw new Error("the drag did not move the slider");
    await waitFor(`kernel's slider.value to become ${shown}`, async () => (await kernelValue()) === String(shown));
    const seen = await page.evaluate(executeInKernel, "seen.at(-1)");
    if (seen !== String(shown)) throw new Error(`the observer last saw ${seen}, the slider shows ${shown}`);
  });

  await check("setting value in the kernel moves the slider", async () => {
    await page.evaluate(executeInKernel, "slider.value = 7");
    await waitFor("the slider to show 7", async () => {
      const s = await page.evaluate(sliderIn, 0);
      return s.readout === "7" && s.handleValue === 7;
    });
  });

  let lastTitle = null;
  const latencies = [];
  await check(`an interact redraws its plot on each of ${DRAGS} releases`, async () => {
    await waitFor("the interact's first plot", () => page.evaluate(() => !!document.querySelector(".jp-Cell .widget-interact .gtitle, .jp-Cell .gtitle")));
    await page.evaluate(watchTitles, 1);
    for (let i = 0; i < DRAGS; i++) {
      const target = i % 2 ? 6 + (i % 7) : 34 - (i % 9); // alternate ends, so every drag changes k
      const shown = await dragSlider(page, 1, target);
      const ms = await waitFor(`the plot titled "k = ${shown}"`, () => page.evaluate(releaseToTitle, `k = ${shown}`));
      latencies.push(ms);
      lastTitle = `k = ${shown}`;
    }
  });
  const detail = latencies.length
    ? `release -> redrawn plot: median ${median(latencies).toFixed(0)} ms, range ${Math.min(...latencies).toFixed(0)}-${Math.max(...latencies).toFixed(0)} ms, n=${latencies.length}`
    : "";
  return { problems, detail, latencies, left: { slider: await kernelValue(), title: lastTitle } };
}

/**
 * On a page opened after the one that ran checkWidgets was closed: the slider shows the kernel's
 * value `left.slider`, the interact shows its last plot `left.title`, and a drag still reaches the kernel.
 */
async function checkRestored(page, left) {
  const problems = [];
  const check = async (name, fn) => {
    try {
      await fn();
    } catch (e) {
      problems.push(`after reload: ${name}: ${e.message.split("\n")[0]}`);
    }
  };
  await check(`the slider shows the kernel's value ${left.slider}`, () =>
    waitFor(`the slider to show ${left.slider}`, async () => {
      const s = await page.evaluate(sliderIn, 0);
      return s && s.readout === left.slider && s.handleValue === Number(left.slider);
    }));
  if (left.title) {
    await check(`the interact shows its last plot "${left.title}"`, () =>
      waitFor(`a plot titled "${left.title}"`, () => page.evaluate((t) => [...document.querySelectorAll(".jp-Cell .gtitle")].some((e) => e.textContent === t), left.title)));
  }
  await check("dragging the slider sets the kernel's value", async () => {
    const target = Number(left.slider) === 12 ? 16 : 12;
    const shown = await dragSlider(page, 0, target);
    if (String(shown) === left.slider) throw new Error("the drag did not move the slider");
    await waitFor(`kernel's slider.value to become ${shown}`, async () => (await page.evaluate(executeInKernel, "slider.value")) === String(shown));
  });
  return { problems };
}

module.exports = { checkWidgets, checkRestored };
