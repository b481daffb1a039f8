import * as tf from "@tensorflow/tfjs";
import { expectOnlyOutputsAllocated, randomArray, randomInt, seededRandom, useWasm } from "./helpers";

/** Runs `fn` on wasm and on cpu with identical inputs; a gather is a copy, so results must be identical. */
async function expectSameOnBothBackends(fn: () => tf.Tensor): Promise<void> {
  const collect = async (backend: string) => {
    await tf.setBackend(backend);
    const out = fn();
    const result = { shape: out.shape, dtype: out.dtype, values: Array.from(await out.data()) };
    out.dispose();
    return result;
  };
  const cpu = await collect("cpu");
  expect(await collect("wasm")).toEqual(cpu);
}

beforeAll(useWasm);

test("is tsdl's kernel", () => {
  expect(tf.getKernel("GatherV2", "wasm").kernelFunc.name).toBe("kernelFunc");
});

test("tf.gather matches cpu for every axis, batchDims, dtype and repeated indices", async () => {
  const rand = seededRandom(53);
  for (let i = 0; i < 60; i++) {
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 5));
    const axis = randomInt(rand, 0, rank - 1);
    const batchDims = randomInt(rand, 0, Math.min(axis, 1));
    const indexShape = [...shape.slice(0, batchDims), randomInt(rand, 0, 4)];
    const indices = Array.from({ length: tf.util.sizeFromShape(indexShape) }, () => randomInt(rand, 0, shape[axis] - 1));
    const dtype = (["float32", "int32", "bool"] as const)[randomInt(rand, 0, 2)];
    const values = randomArray(tf.util.sizeFromShape(shape), rand).map((v) => (dtype === "bool" ? Number(v > 0) : dtype === "int32" ? Math.round(v * 100) : v));
    await expectSameOnBothBackends(() => tf.gather(tf.tensor(values, shape, dtype), tf.tensor(indices, indexShape, "int32"), axis, batchDims));
  }
});

test("long slices: a batch of MNIST rows", async () => {
  const x = randomArray(50 * 784, seededRandom(59));
  await expectSameOnBothBackends(() => tf.gather(tf.tensor2d(x, [50, 784]), tf.tensor1d([7, 3, 49, 0, 3], "int32")));
});

test("an index out of range fails as on tfjs's own kernel", () => {
  expect(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([3], "int32"))).toThrow(/GatherV2: the index value 3 is not in \[0, 2\]/);
});

test("allocates only its output", () => {
  const [x, i] = [tf.ones([6, 4]), tf.tensor1d([1, 5], "int32")];
  expectOnlyOutputsAllocated(() => tf.gather(x, i));
  tf.dispose([x, i]);
});
