import * as tf from "@tensorflow/tfjs";
import { deepSawtoothNetwork, linearPieces, shallowReLUFit, sawtooth, sawtoothErrorBound } from "../../../src/dl/models/sawtooth";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

// 2^k·8 + 1 samples: every kink of t^k (at multiples of 2^-k) falls on a sample.
const grid = (k: number) => Array.from({ length: 2 ** k * 8 + 1 }, (_, i) => i / (2 ** k * 8));

describe("the sawtooth t^k", () => {
  it("has 2^k linear pieces and values in [0, 1]", () => {
    for (const k of [1, 3, 5]) {
      const xs = grid(k);
      expect(linearPieces(xs, xs.map((x) => sawtooth(x, k)))).toBe(2 ** k);
    }
    expect(sawtooth(0.25, 2)).toBe(1);
  });

  it("is computed exactly by k hidden layers of 2 ReLU units", () => {
    const k = 5;
    const xs = grid(k);
    const model = deepSawtoothNetwork(k);
    const ys = tf.tidy(() => Array.from((model.predict(tf.tensor2d(xs, [xs.length, 1])) as tf.Tensor).dataSync()));
    expect(Math.max(...ys.map((y, i) => Math.abs(y - sawtooth(xs[i], k))))).toBeLessThan(1e-5);
    // (1·2 + 2) + (k − 1)·(2·2 + 2) + (2 + 1) parameters.
    expect(model.countParams()).toBe(4 + 6 * (k - 1) + 3);
    model.dispose();
  });
});

describe("sawtoothErrorBound", () => {
  it("is 1/12 for a straight line and 0 once every tooth can hold a breakpoint", () => {
    expect(sawtoothErrorBound(3, 1)).toBeCloseTo(1 / 12, 12);
    expect(sawtoothErrorBound(3, 3)).toBeCloseTo(2 / 4 / 12, 12);
    expect(sawtoothErrorBound(3, 5)).toBe(0);
  });

  it("holds for a piecewise-linear fit: the constant ½ on t^k", () => {
    const k = 4;
    const xs = grid(k);
    const mse = xs.reduce((s, x) => s + (sawtooth(x, k) - 0.5) ** 2, 0) / xs.length;
    expect(mse).toBeGreaterThanOrEqual(sawtoothErrorBound(k, 1) * 0.99);
  });
});

describe("shallowReLUFit", () => {
  const mseOf = (model: tf.Sequential, xs: number[], k: number) =>
    tf.tidy(() => {
      const ys = (model.predict(tf.tensor2d(xs, [xs.length, 1])) as tf.Tensor).dataSync();
      return xs.reduce((s, x, i) => s + (ys[i] - sawtooth(x, k)) ** 2, 0) / xs.length;
    });

  it("fits t^k exactly with a kink at every multiple of 2^-k (2^k units)", () => {
    const k = 4;
    const xs = grid(k);
    const model = shallowReLUFit(xs, xs.map((x) => sawtooth(x, k)), Array.from({ length: 2 ** k }, (_, i) => i / 2 ** k));
    expect(mseOf(model, xs, k)).toBeLessThan(1e-10);
    expect(model.countParams()).toBe(3 * 2 ** k + 1);
    model.dispose();
  });

  it("with fewer units stays above the lower bound", () => {
    const k = 5;
    const xs = grid(k);
    const units = 10;
    const model = shallowReLUFit(xs, xs.map((x) => sawtooth(x, k)), Array.from({ length: units }, (_, i) => i / units));
    expect(mseOf(model, xs, k)).toBeGreaterThan(sawtoothErrorBound(k, units + 1));
    model.dispose();
  });
});

describe("linearPieces", () => {
  it("counts slope changes", () => {
    expect(linearPieces([0, 1, 2, 3], [0, 1, 2, 3])).toBe(1);
    expect(linearPieces([0, 1, 2, 3, 4], [0, 1, 2, 1, 0])).toBe(2);
  });
});
