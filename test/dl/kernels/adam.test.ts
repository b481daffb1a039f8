/**
 * tsdl's fused Adam (kernels/fused-adam.ts, kernel wasm/adam.ts) against tfjs's own AdamOptimizer
 * on the cpu backend.
 */
import * as tf from "@tensorflow/tfjs";
import { ADAM_KERNEL } from "../../../src/dl/kernels/wasm/adam";
import { adamSimd } from "../../../src/dl/kernels/wasm/adam-simd";
import type { BackendWasm } from "../../../src/dl/kernels/wasm/heap";
import { randomArray, relativeError, seededRandom, useWasm } from "./helpers";

beforeAll(useWasm);

async function onBackend<T>(backend: "cpu" | "wasm", fn: () => Promise<T>): Promise<T> {
  await tf.setBackend(backend);
  try {
    return await fn();
  } finally {
    await tf.setBackend("wasm");
  }
}

/** Five Adam steps on three weights with fixed gradients (one weight without a gradient at step 2). */
async function adamSteps(): Promise<number[][]> {
  const shapes = [[3, 4], [4], [1]];
  const weights = shapes.map((shape, i) => tf.variable(tf.tensor(randomArray(tf.util.sizeFromShape(shape), seededRandom(97 + i)), shape)));
  const optimizer = tf.train.adam(0.02, 0.85, 0.97, 1e-6);
  for (let step = 0; step < 5; step++) {
    const gradients = weights.map((w, i) => ({ name: w.name, tensor: step === 2 && i === 1 ? (null as unknown as tf.Tensor) : tf.tensor(randomArray(w.size, seededRandom(step * 10 + i)), w.shape) }));
    optimizer.applyGradients(gradients);
    tf.dispose(gradients.map((g) => g.tensor).filter(Boolean));
  }
  const state = (await optimizer.getWeights()).map((w) => w.tensor);
  const values = await Promise.all([...weights, ...state].map(async (t) => Array.from(await t.data())));
  optimizer.dispose();
  tf.dispose(weights);
  return values;
}

test("the kernel is registered for wasm only", () => {
  expect(tf.getKernel(ADAM_KERNEL, "wasm")).toBeDefined();
  expect(tf.getKernel(ADAM_KERNEL, "cpu")).toBeUndefined();
});

test("the SIMD loop binds to the wasm backend's memory (else a scalar loop would run, same bits but ~10x slower)", () => {
  expect(adamSimd(tf.backend() as BackendWasm)).toBeInstanceOf(Function);
});

test("applyGradients gives the same bits on wasm (fused) as tfjs's Adam on cpu: weights, moments, iterations", async () => {
  const cpu = await onBackend("cpu", adamSteps);
  const wasm = await onBackend("wasm", adamSteps);
  expect(wasm).toEqual(cpu);
});

test("model.fit with tf.train.adam on wasm matches cpu (the products differ in summation order only)", async () => {
  const train = async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 5, activation: "relu", inputShape: [7], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })] });
    model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
    const x = tf.tensor2d(randomArray(24 * 7, seededRandom(3)), [24, 7]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 24 }, (_, i) => i % 3), "int32"), 3);
    await model.fit(x, y, { batchSize: 8, epochs: 3, shuffle: false, verbose: 0 });
    const weights = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
    tf.dispose([x, y]);
    model.dispose();
    return weights.flat();
  };
  const [cpu, wasm] = [await onBackend("cpu", train), await onBackend("wasm", train)];
  expect(relativeError(wasm, cpu)).toBeLessThan(1e-5);
});

test("runs one kernel per weight instead of tfjs's dozen", () => {
  const calls = new Map<string, number>();
  const engine = tf.engine();
  const runKernel = engine.runKernel.bind(engine);
  const w = tf.variable(tf.ones([4]));
  const optimizer = tf.train.adam(0.1);
  engine.runKernel = ((name: string, inputs: tf.NamedTensorMap, attrs?: object) => {
    calls.set(name, (calls.get(name) ?? 0) + 1);
    return runKernel(name, inputs, attrs as never);
  }) as typeof engine.runKernel;
  try {
    optimizer.applyGradients([{ name: w.name, tensor: tf.ones([4]) }]);
  } finally {
    engine.runKernel = runKernel;
  }
  expect(calls.get(ADAM_KERNEL)).toBe(1);
  expect(calls.get("Sqrt")).toBeUndefined();
  tf.dispose([w]);
  optimizer.dispose();
});
