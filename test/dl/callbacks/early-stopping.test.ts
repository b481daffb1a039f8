import * as tf from "@tensorflow/tfjs";
import { earlyStopping } from "../../../src/dl/callbacks";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function model(): tf.Sequential {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  return m;
}

/** Drives the callback with a scripted val_loss sequence, changing the weights every epoch. */
async function drive(m: tf.Sequential, callback: ReturnType<typeof earlyStopping>, losses: number[]): Promise<number> {
  callback.setModel(m);
  m.stopTraining = false; // as model.fit does
  await callback.onTrainBegin();
  let epochs = 0;
  for (const [epoch, loss] of losses.entries()) {
    const weights = [tf.fill([1, 1], epoch), tf.fill([1], epoch)];
    m.setWeights(weights);
    tf.dispose(weights);
    epochs++;
    await callback.onEpochEnd(epoch, { val_loss: loss });
    if (m.stopTraining) break;
  }
  await callback.onTrainEnd();
  return epochs;
}

function kernelValue(m: tf.Sequential): number {
  return m.getWeights()[0].dataSync()[0];
}

test("stops after `patience` epochs without improvement and restores the best weights", async () => {
  const m = model();
  const callback = earlyStopping({ patience: 2, restoreBestWeights: true });
  const epochs = await drive(m, callback, [1.0, 0.5, 0.6, 0.7, 0.2]);
  expect(epochs).toBe(4);
  expect(callback.bestEpoch).toBe(2);
  expect(callback.stoppedEpoch).toBe(4);
  expect(kernelValue(m)).toBe(1); // weights as they were after epoch 2 (index 1)
  m.dispose();
});

test("without restoreBestWeights the last weights stay; minDelta ignores tiny gains; max mode for accuracy", async () => {
  const m = model();
  await drive(m, earlyStopping({ patience: 0 }), [1.0, 1.1]);
  expect(kernelValue(m)).toBe(1);
  const small = earlyStopping({ patience: 0, minDelta: 0.1 });
  expect(await drive(m, small, [1.0, 0.95])).toBe(2);
  const acc = earlyStopping({ monitor: "val_acc", patience: 0 });
  acc.setModel(m);
  await acc.onTrainBegin();
  await acc.onEpochEnd(0, { val_acc: 0.5 });
  await acc.onEpochEnd(1, { val_acc: 0.6 });
  expect(acc.bestEpoch).toBe(2);
  m.dispose();
});

test("a real fit with restoreBestWeights leaves tf.memory() as it found it", async () => {
  const before = tf.memory().numTensors;
  const m = model();
  const x = tf.tensor2d([[0], [1], [2], [3]]);
  const y = tf.tensor2d([[1], [3], [5], [7]]);
  const history = await m.fit(x, y, { epochs: 5, validationData: [x, y], callbacks: [earlyStopping({ patience: 1, restoreBestWeights: true })] });
  expect(history.epoch.length).toBeGreaterThan(0);
  tf.dispose([x, y]);
  m.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
