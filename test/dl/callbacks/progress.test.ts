import * as tf from "@tensorflow/tfjs";
import { PLOTLY_MIME, resetPlotlyInlining } from "../../../src/display/renderers";
import { progress } from "../../../src/dl/callbacks";
import { fitProgressText, progressText } from "../../../src/dl/callbacks/progress-bar";
import { Throttle } from "../../../src/dl/callbacks/throttle";
import { recordDisplays } from "../../display/fake-sink";

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => resetPlotlyInlining());

function tinyModel(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: "sigmoid" })] });
  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["acc"] });
  return model;
}

test("a 3-epoch fit draws a bar per epoch, updated in place, and leaks no tensors", async () => {
  const sink = recordDisplays();
  const before = tf.memory().numTensors;
  const model = tinyModel();
  const x = tf.randomUniform([64, 2], 0, 1, "float32", 1);
  const y = tf.tidy(() => tf.cast(tf.greater(x.sum(1, true), 1), "float32"));
  await model.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.25, callbacks: [progress()] });
  tf.dispose([x, y]);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);

  const bars = sink.outputs.filter((o) => String(o.displayId).startsWith("tsdl-epoch"));
  const ids = [...new Set(bars.map((b) => b.displayId))];
  expect(ids).toHaveLength(3);
  expect(bars.filter((b) => b.update).length).toBeGreaterThanOrEqual(3);
  for (const id of ids) {
    const mine = bars.filter((b) => b.displayId === id);
    expect(mine[0].update).toBeFalsy();
    expect(mine.slice(1).every((b) => b.update)).toBe(true);
  }
  const last = String(bars[bars.length - 1].output.data["text/plain"]);
  expect(last).toMatch(/^Epoch 3\/3 ━{30} 3\/3 - [\d.]+s \d+ms\/step - loss: \d\.\d{4} - acc: \d\.\d{4} - val_loss: \d\.\d{4} - val_acc: \d\.\d{4}$/);
  expect(String(bars[bars.length - 1].output.data["text/html"])).toContain("Epoch 3/3");

  const charts = sink.outputs.filter((o) => String(o.displayId).startsWith("tsdl-chart"));
  expect(charts).toHaveLength(1 + 3); // empty chart at train begin, then one update per epoch
  expect(PLOTLY_MIME in charts[0].output.data).toBe(true);
  expect(charts.slice(1).every((c) => c.update && c.displayId === charts[0].displayId)).toBe(true);
  // Updates draw through their HTML (see showPlotly); its script holds the figure.
  const drawn = JSON.parse(/figure = (\{.*?\}), waited/.exec(String(charts[3].output.data["text/html"]))![1]);
  expect(drawn.data[0].y).toHaveLength(3);
});

test("batch redraws are throttled to the rate given; the epoch's final state is always drawn", async () => {
  const sink = recordDisplays();
  let now = 0;
  const callback = progress({ chart: false, now: () => now });
  callback.setParams({ epochs: 1, samples: 100, batchSize: 10 });
  await callback.onTrainBegin();
  await callback.onEpochBegin(0);
  for (let b = 0; b < 10; b++) {
    now += 30; // 10 batches, 30 ms apart: 300 ms -> at most 3 redraws at 10/s
    await callback.onBatchEnd(b, { batch: b, size: 10, loss: 1 - b / 10 });
  }
  await callback.onEpochEnd(0, { loss: 0.5 });
  const updates = sink.updates;
  expect(updates.length - 1).toBeLessThanOrEqual(3);
  expect(String(updates[0].output.data["text/plain"])).toMatch(/^Epoch 1\/1 ━+─+ \d\/10 - .*ETA.* - loss: /);
  expect(String(updates[updates.length - 1].output.data["text/plain"])).toMatch(/10\/10 - 0\.3s 30ms\/step - loss: 0\.5000$/);
});

test("the text bar shows running averages and an ETA while running", () => {
  const text = progressText({ epoch: 1, epochs: 5, batches: 900, totalBatches: 1875, elapsedMs: 1500, metrics: { loss: 0.29, acc: 0.91 }, done: false });
  expect(text).toBe(`Epoch 1/5 ${"━".repeat(14)}${"─".repeat(16)} 900/1875 - 1.5s - ETA: 1.6s - loss: 0.2900 - acc: 0.9100`);
});

test("Throttle lets one call through per interval", () => {
  let t = 0;
  const throttle = new Throttle(100, () => t);
  const passed = [0, 50, 99, 100, 150, 250].map((at) => ((t = at), throttle.ready()));
  expect(passed).toEqual([true, false, false, true, false, true]);
});

test('bar: "epochs" draws one bar for the whole fit, counting epochs, and no bar per epoch', async () => {
  const sink = recordDisplays();
  const model = tinyModel();
  const x = tf.randomUniform([8, 2], 0, 1, "float32", 1);
  const y = tf.tidy(() => tf.cast(tf.greater(x.sum(1, true), 1), "float32"));
  await model.fit(x, y, { epochs: 40, batchSize: 8, verbose: 0, callbacks: [progress({ bar: "epochs", chart: false })] });
  tf.dispose([x, y]);
  model.dispose();
  expect(sink.outputs.filter((o) => String(o.displayId).startsWith("tsdl-epoch"))).toHaveLength(0);
  const bars = sink.outputs.filter((o) => String(o.displayId).startsWith("tsdl-fit"));
  expect(new Set(bars.map((b) => b.displayId)).size).toBe(1);
  expect(bars[0].update).toBeFalsy();
  expect(String(bars[0].output.data["text/plain"])).toMatch(/^Epochs ─{30} 0\/40 - /);
  expect(bars.slice(1).every((b) => b.update)).toBe(true);
  expect(String(bars[bars.length - 1].output.data["text/plain"])).toMatch(/^Epochs ━{30} 40\/40 - [\d.]+s - loss: \d\.\d{4} - acc: \d\.\d{4}$/);
});

test('bar: "epochs" redraws bar and chart at the rate given, says when training stopped early, and draws the end', async () => {
  const sink = recordDisplays();
  let now = 0;
  const callback = progress({ bar: "epochs", now: () => now });
  callback.setParams({ epochs: 100 });
  await callback.onTrainBegin();
  for (let epoch = 0; epoch < 60; epoch++) {
    now += 20; // 60 epochs, 20 ms apart: 1.2 s -> at most 12 redraws at 10/s
    await callback.onEpochEnd(epoch, { loss: 1 / (epoch + 1) });
  }
  await callback.onTrainEnd();
  const bars = sink.updates.filter((o) => String(o.displayId).startsWith("tsdl-fit"));
  const charts = sink.updates.filter((o) => String(o.displayId).startsWith("tsdl-chart"));
  expect(bars.length).toBeLessThanOrEqual(13);
  expect(charts.length).toBe(bars.length);
  expect(String(bars[bars.length - 1].output.data["text/plain"])).toBe(`Epochs ${"━".repeat(18)}${"─".repeat(12)} 60/100 (stopped early) - 1.2s - loss: 0.0167`);
});

test("the fit bar shows epochs done, an ETA and the last epoch's metrics", () => {
  expect(fitProgressText({ epochsDone: 250, epochs: 500, elapsedMs: 1200, metrics: { loss: 0.0123 }, done: false })).toBe(
    `Epochs ${"━".repeat(15)}${"─".repeat(15)} 250/500 - 1.2s - ETA: 1.2s - loss: 0.0123`,
  );
});
