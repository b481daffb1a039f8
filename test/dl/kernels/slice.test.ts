import * as tf from "@tensorflow/tfjs";
import { expectOnlyOutputsAllocated, randomArray, randomInt, seededRandom, useWasm } from "./helpers";

type Dtype = "float32" | "int32" | "bool";

function randomTensor(rand: () => number, shape: number[], dtype: Dtype): tf.Tensor {
  const values = randomArray(tf.util.sizeFromShape(shape), rand).map((v) => (dtype === "float32" ? v : dtype === "int32" ? Math.round(v * 100) : v > 0 ? 1 : 0));
  return tf.tensor(values, shape, dtype);
}

/** Runs `fn` on wasm and on cpu with identical inputs; results must be identical (a copy is exact). */
async function expectSameOnBothBackends(fn: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const collect = async (backend: string) => {
    await tf.setBackend(backend);
    const outs = [fn()].flat();
    const result = await Promise.all(outs.map(async (t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(await t.data()) })));
    tf.dispose(outs);
    return result;
  };
  const cpu = await collect("cpu");
  expect(await collect("wasm")).toEqual(cpu);
}

beforeAll(useWasm);

test("the three kernels are tsdl's", () => {
  for (const name of ["Slice", "Unpack", "SplitV"]) expect(tf.getKernel(name, "wasm").kernelFunc.name).toBe("kernelFunc");
});

test("tf.slice matches cpu for ranks 1-6, random boxes and dtypes", async () => {
  const rand = seededRandom(41);
  for (let i = 0; i < 80; i++) {
    const rank = randomInt(rand, 1, 6); // tfjs refuses to slice a scalar
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 5));
    const begin = shape.map((s) => randomInt(rand, 0, s - 1));
    const size = shape.map((s, d) => (rand() > 0.6 ? -1 : randomInt(rand, 0, s - begin[d])));
    const dtype = (["float32", "int32", "bool"] as const)[randomInt(rand, 0, 2)];
    const seed = randomInt(rand, 0, 1e6);
    await expectSameOnBothBackends(() => randomTensor(seededRandom(seed), shape, dtype).slice(begin, size));
  }
});

test("tf.unstack and tf.split match cpu on every axis", async () => {
  const shape = [4, 3, 5, 2];
  for (let axis = -1; axis < shape.length; axis++) {
    await expectSameOnBothBackends(() => tf.unstack(randomTensor(seededRandom(1), shape, "float32"), axis));
    const sizes = axis === -1 ? [1, 1] : [1, shape[axis] - 1];
    await expectSameOnBothBackends(() => tf.split(randomTensor(seededRandom(2), shape, "int32"), sizes, axis));
  }
});

test("string tensors still slice through tfjs's own kernel", async () => {
  await expectSameOnBothBackends(() => tf.tensor(["a", "b", "c", "d"], [2, 2]).slice([1, 0], [1, 2]));
  await expectSameOnBothBackends(() => tf.unstack(tf.tensor(["a", "b", "c", "d"], [2, 2]), 1));
});

test("gradients through unstack (as in an RNN) match cpu", async () => {
  const x = randomArray(4 * 6 * 3, seededRandom(47));
  await expectSameOnBothBackends(() => tf.grad((t: tf.Tensor) => tf.addN(tf.unstack(t, 1).map((s, i) => s.mul(i + 1))).sum())(tf.tensor(x, [4, 6, 3])));
});

test("allocates only its output", () => {
  const x = tf.ones([6, 4, 5]);
  expectOnlyOutputsAllocated(() => x.slice([1, 1, 0], [3, 2, 5]));
  tf.dispose(x);
});
