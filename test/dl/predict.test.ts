import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/dl/backend";
import { predictBatched } from "../../src/dl/predict";

function seededValues(size: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: size }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
}

function mlp(): tf.LayersModel {
  const init = tf.initializers.glorotUniform({ seed: 2 });
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 16, activation: "relu", inputShape: [12], kernelInitializer: init }),
      tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: init }),
    ],
  });
}

function twoInTwoOut(): tf.LayersModel {
  const init = tf.initializers.glorotUniform({ seed: 3 });
  const seq = tf.input({ shape: [6, 2] });
  const flat = tf.input({ shape: [4] });
  const conv = tf.layers.conv1d({ filters: 3, kernelSize: 3, kernelInitializer: init }).apply(seq) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([tf.layers.flatten().apply(conv) as tf.SymbolicTensor, flat]) as tf.SymbolicTensor;
  const a = tf.layers.dense({ units: 2, kernelInitializer: init }).apply(merged) as tf.SymbolicTensor;
  const b = tf.layers.dense({ units: 5, kernelInitializer: init }).apply(merged) as tf.SymbolicTensor;
  return tf.model({ inputs: [seq, flat], outputs: [a, b] });
}

async function expectSameAsPredict(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[], batchSize: number): Promise<void> {
  const ours = [predictBatched(model, x, { batchSize })].flat();
  const theirs = [model.predict(x, { batchSize })].flat();
  expect(ours.map((t) => t.shape)).toEqual(theirs.map((t) => t.shape));
  for (let i = 0; i < ours.length; i++) expect(await ours[i].data()).toEqual(await theirs[i].data());
  tf.dispose([...ours, ...theirs]);
}

describe.each(["wasm", "cpu"] as const)("on %s", (backend) => {
  beforeAll(() => initBackend({ backend }));

  test.each([1, 7, 32, 100, 500])("equals model.predict for a single-input model, batchSize %i", async (batchSize) => {
    const model = mlp();
    const x = tf.tensor2d(seededValues(203 * 12, 1), [203, 12]);
    await expectSameAsPredict(model, x, batchSize);
    x.dispose();
    model.dispose();
  });

  test("equals model.predict for a two-input, two-output model", async () => {
    const model = twoInTwoOut();
    const xs = [tf.tensor3d(seededValues(50 * 12, 4), [50, 6, 2]), tf.tensor2d(seededValues(50 * 4, 5), [50, 4])];
    await expectSameAsPredict(model, xs, 16);
    tf.dispose(xs);
    model.dispose();
  });

  test("leaks no tensors", () => {
    const model = mlp();
    const x = tf.tensor2d(seededValues(40 * 12, 6), [40, 12]);
    const before = tf.memory().numTensors;
    const y = predictBatched(model, x, { batchSize: 9 }) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, y]);
    model.dispose();
  });
});

test("reads inputs that still live on another backend", async () => {
  await initBackend({ backend: "cpu" });
  const model = mlp();
  const x = tf.tensor2d(seededValues(30 * 12, 7), [30, 12]);
  const expected = await (model.predict(x) as tf.Tensor).data();
  await initBackend({ backend: "wasm" });
  const y = predictBatched(model, x, { batchSize: 8 }) as tf.Tensor;
  expect(Array.from(await y.data())).toEqual(Array.from(expected).map((v) => expect.closeTo(v, 5)));
  tf.dispose([x, y]);
  model.dispose();
});

test("rejects a bad batch size and mismatched inputs", () => {
  const model = mlp();
  const x = tf.zeros([4, 12]);
  expect(() => predictBatched(model, x, { batchSize: 0 })).toThrow(/positive integer/);
  expect(() => predictBatched(model, [x, tf.zeros([3, 12])])).toThrow(/share a first/);
  x.dispose();
  model.dispose();
});
