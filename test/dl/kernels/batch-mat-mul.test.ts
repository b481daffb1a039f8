import * as tf from "@tensorflow/tfjs";
import { expectOnlyOutputsAllocated, randomArray, randomInt, relativeError, seededRandom, useWasm, valuesOn } from "./helpers";

const TOLERANCE = 1e-5;

interface Product {
  aShape: number[];
  bShape: number[];
  transposeA: boolean;
  transposeB: boolean;
}

function randomProduct(rand: () => number, batch: number[]): Product {
  const [m, k, n] = [randomInt(rand, 1, 40), randomInt(rand, 1, 40), randomInt(rand, 1, 40)];
  const [transposeA, transposeB] = [rand() > 0, rand() > 0];
  return {
    aShape: [...batch, ...(transposeA ? [k, m] : [m, k])],
    bShape: [...batch, ...(transposeB ? [n, k] : [k, n])],
    transposeA,
    transposeB,
  };
}

async function expectMatchesCpu(p: Product, rand: () => number): Promise<void> {
  const a = randomArray(tf.util.sizeFromShape(p.aShape), rand);
  const b = randomArray(tf.util.sizeFromShape(p.bShape), rand);
  const run = () => tf.matMul(tf.tensor<tf.Rank>(a, p.aShape) as tf.Tensor2D, tf.tensor<tf.Rank>(b, p.bShape) as tf.Tensor2D, p.transposeA, p.transposeB);
  const [out, ref] = [await valuesOn("wasm", run), await valuesOn("cpu", run)];
  expect({ ...p, err: relativeError(out, ref) <= TOLERANCE }).toEqual({ ...p, err: true });
}

beforeAll(useWasm);

test("is tsdl's kernel, not wasm's own", () => {
  expect(tf.getKernel("BatchMatMul", "wasm").kernelFunc.name).toBe("batchMatMul");
});

test.each([[[]], [[1]], [[3]], [[2, 2]]])("matches cpu for every transpose combination, batch dims %j", async (batch) => {
  const rand = seededRandom(31 + batch.length);
  for (let i = 0; i < 25; i++) await expectMatchesCpu(randomProduct(rand, batch), rand);
});

test("Dense backprop shapes (MNIST MLP): xᵀ·dy and dy·Wᵀ", async () => {
  const rand = seededRandom(37);
  await expectMatchesCpu({ aShape: [32, 784], bShape: [32, 128], transposeA: true, transposeB: false }, rand);
  await expectMatchesCpu({ aShape: [32, 128], bShape: [784, 128], transposeA: false, transposeB: true }, rand);
});

test("leaves no intermediate tensors behind", () => {
  const [a, b] = [tf.ones([5, 3]), tf.ones([4, 5])];
  expectOnlyOutputsAllocated(() => tf.matMul(a, b, true, true));
  tf.dispose([a, b]);
});
