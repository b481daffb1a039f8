import * as tf from "@tensorflow/tfjs";
import { Case, outShape, randomCase, TOLERANCE } from "./conv-cases";
import { naiveInputGrad } from "./reference";
import { expectOnlyOutputsAllocated, randomArray, relativeError, seededRandom, useWasm, valuesOn } from "./helpers";

function inputGrad(dy: tf.Tensor, filter: tf.Tensor, k: Case, extra: object = {}): tf.Tensor {
  const attrs = { strides: k.strides, pad: k.pad, dataFormat: "NHWC", inputShape: k.xShape, ...extra };
  return tf.engine().runKernel("Conv2DBackpropInput", { dy, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

beforeAll(useWasm);

test("is tsdl's kernel, not wasm's own", () => {
  expect(tf.getKernel("Conv2DBackpropInput", "wasm").kernelFunc.name).toBe("conv2DBackpropInput");
});

test("matches the cpu backend on random shapes, strides and pads", async () => {
  const rand = seededRandom(17);
  const failures: Array<{ k: Case; err: number }> = [];
  for (let i = 0; i < 60; i++) {
    const k = randomCase(rand);
    const dyShape = outShape(k);
    const dy = randomArray(tf.util.sizeFromShape(dyShape), rand);
    const filter = randomArray(tf.util.sizeFromShape(k.filterShape), rand);
    const run = () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(filter, k.filterShape), k);
    const err = relativeError(await valuesOn("wasm", run), await valuesOn("cpu", run));
    if (!(err <= TOLERANCE)) failures.push({ k, err });
  }
  expect(failures).toEqual([]);
});

test("honours dilations passed as an attribute (checked against a float64 reference)", async () => {
  const rand = seededRandom(19);
  for (const [dilations, strides, pad] of [[[2, 2], [1, 1], [0, 0]], [[1, 3], [2, 1], [1, 2]], [[3, 2], [1, 2], [2, 1]]] as Array<[[number, number], [number, number], [number, number]]>) {
    const k: Case = { xShape: [2, 9, 11, 3], filterShape: [2, 3, 3, 4], strides, pad: [[0, 0], [pad[0], pad[0]], [pad[1], pad[1]], [0, 0]] };
    const dyShape = outShape(k, dilations);
    const dy = randomArray(tf.util.sizeFromShape(dyShape), rand);
    const filter = randomArray(tf.util.sizeFromShape(k.filterShape), rand);
    const out = await valuesOn("wasm", () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(filter, k.filterShape), k, { dilations }));
    const ref = naiveInputGrad({ xShape: k.xShape, dy, dyShape, filterSize: [2, 3], strides, dilations, padTopLeft: pad }, filter, 3);
    expect(relativeError(out, ref)).toBeLessThanOrEqual(TOLERANCE);
  }
});

test("conv1d as used by Conv1D layers (a height-1 image)", async () => {
  const rand = seededRandom(23);
  const k: Case = { xShape: [8, 1, 48, 64], filterShape: [1, 5, 64, 32], strides: [1, 1], pad: "valid" };
  const dyShape = outShape(k);
  const dy = randomArray(tf.util.sizeFromShape(dyShape), rand);
  const filter = randomArray(tf.util.sizeFromShape(k.filterShape), rand);
  const run = () => inputGrad(tf.tensor(dy, dyShape), tf.tensor(filter, k.filterShape), k);
  expect(relativeError(await valuesOn("wasm", run), await valuesOn("cpu", run))).toBeLessThanOrEqual(TOLERANCE);
});

test("leaves no intermediate tensors behind", () => {
  const k: Case = { xShape: [2, 5, 5, 3], filterShape: [3, 3, 3, 4], strides: [1, 1], pad: "same" };
  const [dy, filter] = [tf.ones(outShape(k)), tf.ones(k.filterShape)];
  expectOnlyOutputsAllocated(() => inputGrad(dy, filter, k));
  tf.dispose([dy, filter]);
});
