import * as tf from "@tensorflow/tfjs";
import { expectOnlyOutputsAllocated, randomArray, randomInt, relativeError, seededRandom, useWasm, valuesOn } from "./helpers";

beforeAll(useWasm);

interface Pool {
  xShape: [number, number, number, number];
  filterSize: [number, number];
  strides: [number, number];
  pad: "valid" | "same";
}

/** The gradient of sum(maxPool(x) * w) with respect to x, for a fixed random w. */
function poolGradient(p: Pool, x: Float32Array, weights: (n: number) => Float32Array): () => tf.Tensor {
  return () => {
    const input = tf.tensor4d(x, p.xShape);
    const outShape = tf.maxPool(input, p.filterSize, p.strides, p.pad).shape;
    const w = tf.tensor(weights(tf.util.sizeFromShape(outShape)), outShape);
    return tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, p.filterSize, p.strides, p.pad).mul(w).sum())(input);
  };
}

test("is tsdl's kernel", () => {
  expect(tf.getKernel("MaxPoolGrad", "wasm").kernelFunc.name).toBe("kernelFunc");
});

test("matches cpu for random geometries, overlapping windows and padding", async () => {
  const rand = seededRandom(73);
  for (let i = 0; i < 30; i++) {
    const p: Pool = {
      xShape: [randomInt(rand, 1, 3), randomInt(rand, 1, 9), randomInt(rand, 1, 9), randomInt(rand, 1, 5)],
      filterSize: [randomInt(rand, 1, 3), randomInt(rand, 1, 3)],
      strides: [randomInt(rand, 1, 3), randomInt(rand, 1, 3)],
      pad: rand() > 0 ? "same" : "valid",
    };
    if (p.pad === "valid" && (p.filterSize[0] > p.xShape[1] || p.filterSize[1] > p.xShape[2])) continue;
    const x = randomArray(tf.util.sizeFromShape(p.xShape), rand);
    const seed = randomInt(rand, 0, 1e6);
    const run = poolGradient(p, x, (n) => randomArray(n, seededRandom(seed)));
    const [out, ref] = [await valuesOn("wasm", run), await valuesOn("cpu", run)];
    expect({ ...p, err: relativeError(out, ref) <= 1e-6 }).toEqual({ ...p, err: true });
  }
});

test("ties go to the first maximum; the conv+GRU pooling ([64, 1, 100, 64], 1x2) is exact", async () => {
  const ties: Pool = { xShape: [1, 2, 2, 1], filterSize: [2, 2], strides: [2, 2], pad: "valid" };
  const run = poolGradient(ties, new Float32Array([3, 3, 3, 1]), () => new Float32Array([5]));
  expect(Array.from(await valuesOn("wasm", run))).toEqual(Array.from(await valuesOn("cpu", run)));
  const wisdm: Pool = { xShape: [64, 1, 100, 64], filterSize: [1, 2], strides: [1, 2], pad: "valid" };
  const big = poolGradient(wisdm, randomArray(64 * 100 * 64, seededRandom(79)), (n) => randomArray(n, seededRandom(83)));
  expect(Array.from(await valuesOn("wasm", big))).toEqual(Array.from(await valuesOn("cpu", big)));
});

test("allocates only its output", () => {
  const x = tf.randomUniform([1, 4, 4, 2], -1, 1, "float32", 1) as tf.Tensor4D;
  const y = tf.maxPool(x, 2, 2, "valid");
  const dy = tf.onesLike(y);
  expectOnlyOutputsAllocated(() => tf.engine().runKernel("MaxPoolGrad", { dy, input: x, output: y }, { filterSize: 2, strides: 2, pad: "valid" }) as tf.Tensor);
  tf.dispose([x, y, dy]);
});
