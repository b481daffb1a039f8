import * as tf from "@tensorflow/tfjs";
import { Case, outShape, randomCase, TOLERANCE } from "./conv-cases";
import { naiveFilterGrad } from "./reference";
import { expectOnlyOutputsAllocated, randomArray, relativeError, seededRandom, useWasm, valuesOn } from "./helpers";

function filterGrad(x: tf.Tensor, dy: tf.Tensor, k: Case, extra: object = {}): tf.Tensor {
  const attrs = { strides: k.strides, pad: k.pad, dataFormat: "NHWC", filterShape: k.filterShape, ...extra };
  return tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

beforeAll(useWasm);

test("matches the cpu backend on random shapes, strides and pads", async () => {
  const rand = seededRandom(7);
  const failures: Array<{ k: Case; err: number }> = [];
  for (let i = 0; i < 60; i++) {
    const k = randomCase(rand);
    const dyShape = outShape(k);
    const x = randomArray(tf.util.sizeFromShape(k.xShape), rand);
    const dy = randomArray(tf.util.sizeFromShape(dyShape), rand);
    const run = () => filterGrad(tf.tensor(x, k.xShape), tf.tensor(dy, dyShape), k);
    const [out, ref] = [await valuesOn("wasm", run), await valuesOn("cpu", run)];
    const err = relativeError(out, ref);
    if (!(err <= TOLERANCE)) failures.push({ k, err });
  }
  expect(failures).toEqual([]);
});

test("honours dilations passed as an attribute (checked against a float64 reference)", async () => {
  const rand = seededRandom(11);
  const cases: Array<{ dilations: [number, number]; strides: [number, number]; pad: [number, number] }> = [
    { dilations: [2, 2], strides: [1, 1], pad: [0, 0] },
    { dilations: [1, 3], strides: [2, 1], pad: [1, 2] },
    { dilations: [3, 2], strides: [1, 2], pad: [2, 1] },
  ];
  for (const { dilations, strides, pad } of cases) {
    const k: Case = { xShape: [2, 9, 11, 3], filterShape: [2, 3, 3, 4], strides, pad: [[0, 0], [pad[0], pad[0]], [pad[1], pad[1]], [0, 0]] };
    const dyShape = outShape(k, dilations);
    const x = randomArray(tf.util.sizeFromShape(k.xShape), rand);
    const dy = randomArray(tf.util.sizeFromShape(dyShape), rand);
    const out = await valuesOn("wasm", () => filterGrad(tf.tensor(x, k.xShape), tf.tensor(dy, dyShape), k, { dilations }));
    const ref = naiveFilterGrad({ x, xShape: k.xShape, dy, dyShape, filterSize: [2, 3], strides, dilations, padTopLeft: pad });
    expect(relativeError(out, ref)).toBeLessThanOrEqual(TOLERANCE);
  }
});

test("tf.grad of conv2d and conv1d agrees with cpu for both inputs", async () => {
  const rand = seededRandom(3);
  const x2 = randomArray(2 * 8 * 7 * 3, rand);
  const f2 = randomArray(3 * 2 * 3 * 5, rand);
  const conv2 = (...[x, f]: tf.Tensor[]) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, [2, 1], "same").square().sum();
  const x1 = randomArray(4 * 30 * 3, rand);
  const f1 = randomArray(5 * 3 * 8, rand);
  const conv1 = (...[x, f]: tf.Tensor[]) => tf.conv1d(x as tf.Tensor3D, f as tf.Tensor3D, 2, "valid").square().sum();
  const grads = [
    () => tf.grads(conv2)([tf.tensor4d(x2, [2, 8, 7, 3]), tf.tensor4d(f2, [3, 2, 3, 5])]),
    () => tf.grads(conv1)([tf.tensor3d(x1, [4, 30, 3]), tf.tensor3d(f1, [5, 3, 8])]),
  ];
  for (const grad of grads) {
    for (const which of [0, 1]) {
      const run = () => grad()[which];
      expect(relativeError(await valuesOn("wasm", run), await valuesOn("cpu", run))).toBeLessThanOrEqual(TOLERANCE);
    }
  }
});

test("a tiny Conv1D model trains on wasm (loss decreases)", async () => {
  const rand = seededRandom(5);
  const xs = tf.tensor3d(randomArray(32 * 20 * 2, rand), [32, 20, 2]);
  const ys = tf.tensor2d(randomArray(32, rand), [32, 1]);
  const init = tf.initializers.glorotUniform({ seed: 1 });
  const model = tf.sequential({
    layers: [
      tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, activation: "relu", inputShape: [20, 2], kernelInitializer: init }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, kernelInitializer: init }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.05), loss: "meanSquaredError" });
  const history = await model.fit(xs, ys, { epochs: 5, batchSize: 32, shuffle: false, verbose: 0 });
  const losses = history.history.loss as number[];
  expect(tf.getBackend()).toBe("wasm");
  expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  tf.dispose([xs, ys]);
  model.dispose();
});

test("NCHW is refused with a clear message, like wasm's Conv2D", () => {
  const x = tf.zeros([1, 2, 4, 4]);
  const dy = tf.zeros([1, 3, 4, 4]);
  const attrs = { strides: 1, pad: "same", dataFormat: "NCHW", filterShape: [1, 1, 2, 3] } as unknown as tf.NamedAttrMap;
  expect(() => tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, attrs)).toThrow(/NHWC only/);
  tf.dispose([x, dy]);
});

test("leaves no intermediate tensors behind", () => {
  const k: Case = { xShape: [2, 5, 5, 3], filterShape: [3, 3, 3, 4], strides: [1, 1], pad: "same" };
  const [x, dy] = [tf.ones(k.xShape), tf.ones(outShape(k))];
  expectOnlyOutputsAllocated(() => filterGrad(x, dy, k));
  tf.dispose([x, dy]);
});
