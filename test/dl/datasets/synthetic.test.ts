import * as tf from "@tensorflow/tfjs";
import { random } from "../../../src/dl/random";
import {
  playgroundDataset,
  playgroundFeatures,
  PLAYGROUND_FEATURES,
  trianglesAndCircles,
  toPolar,
  TRIANGLE,
  stairsImages,
  stairsKind,
  SLIDE_PERCEPTRON,
  SLIDE_STAIRS_EXAMPLES,
  sineWithNoise,
  truthTable,
  pointsToTensors,
  stairsToTensors,
  matrixToTensors,
  LabeledPoints,
  PlaygroundDatasetName,
} from "../../../src/dl/datasets/synthetic";

const count = (xs: Float32Array, v: number) => xs.filter((x) => x === v).length;
const maxAbs = (xs: Float32Array) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe("random", () => {
  it("reproduces a seed and differs across seeds", () => {
    const a = random(42);
    const b = random(42);
    const c = random(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe("playgroundDataset", () => {
  const names: PlaygroundDatasetName[] = ["circle", "xor", "gauss", "spiral"];

  it.each(names)("%s: 500 points split 50/50 with +1/-1 labels", (name) => {
    const { train, test } = playgroundDataset(name, { seed: 1 });
    expect(train.x.length).toBe(250);
    expect(test.y.length).toBe(250);
    const all = new Float32Array([...train.label, ...test.label]);
    expect(count(all, 1) + count(all, -1)).toBe(500);
  });

  it.each(names)("%s: noise-free classes are balanced 250/250", (name) => {
    const { train, test } = playgroundDataset(name, { seed: 2 });
    const positives = count(train.label, 1) + count(test.label, 1);
    // XOR labels each point by its quadrant, so it is balanced only in expectation.
    if (name === "xor") expect(Math.abs(positives - 250)).toBeLessThan(40);
    else expect(positives).toBe(250);
  });

  it("reproduces a seed, and another seed gives other points", () => {
    const a = playgroundDataset("spiral", { seed: 7, noise: 25 });
    expect(playgroundDataset("spiral", { seed: 7, noise: 25 })).toEqual(a);
    expect(playgroundDataset("spiral", { seed: 8, noise: 25 }).train.x).not.toEqual(a.train.x);
  });

  it("respects the train percentage and sample count", () => {
    const { train, test } = playgroundDataset("circle", { numSamples: 200, percTrainData: 70 });
    expect([train.x.length, test.x.length]).toEqual([140, 60]);
  });

  it("circle without noise: +1 exactly inside radius 2.5, -1 in the ring 3.5..5", () => {
    const { train } = playgroundDataset("circle", { seed: 3 });
    for (let i = 0; i < train.x.length; i++) {
      const r = Math.hypot(train.x[i], train.y[i]);
      if (train.label[i] === 1) expect(r).toBeLessThan(2.5);
      else expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
      expect(r).toBeLessThanOrEqual(5 + 1e-5);
    }
  });

  it("xor without noise: label is the sign of x*y and points keep 0.3 off the axes", () => {
    const { train } = playgroundDataset("xor", { seed: 4 });
    for (let i = 0; i < train.x.length; i++) {
      expect(train.label[i]).toBe(train.x[i] * train.y[i] >= 0 ? 1 : -1);
      expect(Math.abs(train.x[i])).toBeGreaterThanOrEqual(0.3 - 1e-6);
    }
    expect(maxAbs(train.x)).toBeLessThanOrEqual(5.3 + 1e-5);
  });

  it("gauss: class means near (2, 2) and (-2, -2)", () => {
    const { train, test } = playgroundDataset("gauss", { seed: 5, percTrainData: 100 });
    expect(test.x.length).toBe(0);
    const meanX = (label: number) => {
      const xs = train.x.filter((_, i) => train.label[i] === label);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(meanX(1)).toBeCloseTo(2, 0);
    expect(meanX(-1)).toBeCloseTo(-2, 0);
  });

  it("spiral without noise: radius grows from 0 to 5 and the arms are point-symmetric", () => {
    const { train, test } = playgroundDataset("spiral", { seed: 6, percTrainData: 100 });
    expect(test.x.length).toBe(0);
    expect(maxAbs(train.x)).toBeLessThan(5);
    const key = (x: number, y: number) => `${x.toFixed(3)},${y.toFixed(3)}`;
    const positives = new Set<string>();
    train.x.forEach((x, i) => train.label[i] === 1 && positives.add(key(x, train.y[i])));
    // The negative arm is the positive arm turned by pi: (x, y) -> (-x, -y).
    const mirrored = train.x.filter((x, i) => train.label[i] === -1 && positives.has(key(-x + 0, -train.y[i] + 0)));
    expect(mirrored.length).toBeGreaterThan(240);
  });

  it("noise flips some circle labels and rejects values outside the slider", () => {
    const { train } = playgroundDataset("circle", { seed: 3, noise: 50 });
    const wrong = train.x.filter((x, i) => (Math.hypot(x, train.y[i]) < 2.5 ? 1 : -1) !== train.label[i]);
    expect(wrong.length).toBeGreaterThan(10);
    expect(() => playgroundDataset("circle", { noise: 80 })).toThrow(RangeError);
  });
});

describe("playgroundFeatures", () => {
  const points: LabeledPoints = {
    x: Float32Array.from([1, -2]),
    y: Float32Array.from([3, 0.5]),
    label: Float32Array.from([1, -1]),
  };

  it("computes the seven Playground features row by row", () => {
    const { values, rows, cols } = playgroundFeatures(points, PLAYGROUND_FEATURES);
    expect([rows, cols]).toEqual([2, 7]);
    const expected = [1, 3, 1, 9, 3, Math.sin(1), Math.sin(3), -2, 0.5, 4, 0.25, -1, Math.sin(-2), Math.sin(0.5)];
    expected.forEach((v, i) => expect(values[i]).toBeCloseTo(v, 5));
  });

  it("keeps the requested order and defaults to (x1, x2)", () => {
    expect(Array.from(playgroundFeatures(points, ["x1*x2", "x1"]).values)).toEqual([3, 1, -1, -2]);
    expect(playgroundFeatures(points).cols).toBe(2);
  });
});

describe("trianglesAndCircles", () => {
  it("puts triangles inside the disc and circles in the ring, separable by radius", () => {
    const points = trianglesAndCircles({ perClass: 50, seed: 1 });
    expect(points.label.length).toBe(100);
    expect(count(points.label, TRIANGLE)).toBe(50);
    const { r, theta, label } = toPolar(points);
    r.forEach((radius, i) => expect(radius < 1.5).toBe(label[i] === TRIANGLE));
    expect(maxAbs(theta)).toBeLessThanOrEqual(Math.PI + 1e-6);
  });

  it("converts known points to polar", () => {
    const { r, theta } = toPolar({ x: Float32Array.from([0, -2]), y: Float32Array.from([1, 0]), label: new Float32Array(2) });
    expect(r[0]).toBeCloseTo(1);
    expect(theta[0]).toBeCloseTo(Math.PI / 2);
    expect(r[1]).toBeCloseTo(2);
    expect(theta[1]).toBeCloseTo(Math.PI);
  });
});

describe("stairsImages", () => {
  it("is balanced, integer 0..255, and labels agree with the stairs rule", () => {
    const images = stairsImages({ n: 200, seed: 1 });
    expect(images.pixels.length).toBe(800);
    expect(count(images.label, 1)).toBe(100);
    expect(images.kind.filter((k) => k === "left").length).toBe(50);
    expect(images.pixels.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    images.kind.forEach((kind, i) => {
      expect(stairsKind(images.pixels.subarray(i * 4, i * 4 + 4))).toBe(kind);
      expect(images.label[i]).toBe(kind === "other" ? 0 : 1);
    });
    expect(stairsImages({ n: 200, seed: 1 })).toEqual(images);
  });

  it("keeps dark pixels at least 128 + margin and light ones below 128 - margin (default 32; 0 lets lightly shaded stairs in)", () => {
    const darkAndLight = (margin?: number) => {
      const images = stairsImages({ n: 400, seed: 3, margin });
      const values = Array.from(images.pixels);
      return { darkest: Math.min(...values.filter((v) => v >= 128)), lightest: Math.max(...values.filter((v) => v < 128)) };
    };
    expect(darkAndLight().darkest).toBeGreaterThanOrEqual(160);
    expect(darkAndLight().lightest).toBeLessThan(96);
    const unmargined = darkAndLight(0);
    expect(unmargined.darkest).toBeLessThan(140);
    expect(unmargined.lightest).toBeGreaterThan(115);
    expect(() => stairsImages({ margin: 128 })).toThrow("margin must be an integer from 0 to 127");
  });

  it("reads the slide's examples as the blog does", () => {
    const kinds = SLIDE_STAIRS_EXAMPLES.slice(0, 6).map((e) => stairsKind(e.pixels));
    expect(kinds).toEqual(["other", "other", "left", "left", "right", "other"]);
  });

  it("the slide's perceptron reproduces the printed scores", () => {
    for (const { pixels, slideScore } of SLIDE_STAIRS_EXAMPLES) {
      const score = pixels.reduce((sum, v, i) => sum + v * SLIDE_PERCEPTRON.weights[i], SLIDE_PERCEPTRON.bias);
      expect(score).toBeCloseTo(slideScore, 2);
    }
  });
});

describe("sineWithNoise", () => {
  it("samples sin(2 pi x) on an even grid with seeded noise", () => {
    const s = sineWithNoise({ n: 10, noise: 0.3, seed: 1 });
    expect(s.x[0]).toBe(0);
    expect(s.x[9]).toBe(1);
    expect(s.clean[2]).toBeCloseTo(Math.sin((2 * Math.PI * 2) / 9), 5);
    const residuals = s.y.map((y, i) => y - s.clean[i]);
    expect(maxAbs(residuals)).toBeGreaterThan(0);
    expect(maxAbs(residuals)).toBeLessThan(1.5);
    expect(sineWithNoise({ n: 10, noise: 0.3, seed: 1 })).toEqual(s);
    expect(Array.from(sineWithNoise({ n: 5, noise: 0 }).y)).toEqual(Array.from(sineWithNoise({ n: 5, noise: 0 }).clean));
  });

  it("draws random x in [0, 1) when asked", () => {
    const { x } = sineWithNoise({ n: 50, spacing: "random", seed: 2 });
    expect(x.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(x).size).toBe(50);
  });
});

describe("truthTable", () => {
  it("gives AND, OR and XOR over (0,0) (0,1) (1,0) (1,1)", () => {
    expect(Array.from(truthTable("and").targets)).toEqual([0, 0, 0, 1]);
    expect(Array.from(truthTable("or").targets)).toEqual([0, 1, 1, 1]);
    expect(Array.from(truthTable("xor").targets)).toEqual([0, 1, 1, 0]);
    expect(Array.from(truthTable("xor").inputs)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
  });
});

describe("tensor helpers", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("builds feature and label tensors with 0/1 or +1/-1 labels", () => {
    const { train } = playgroundDataset("xor", { numSamples: 20, seed: 1 });
    const before = tf.memory().numTensors;
    const { xs, ys } = pointsToTensors(train, { features: ["x1", "x2", "x1*x2"] });
    expect(xs.shape).toEqual([10, 3]);
    expect(ys.shape).toEqual([10, 1]);
    expect(Array.from(ys.dataSync()).every((v) => v === 0 || v === 1)).toBe(true);
    const pm = pointsToTensors(train, { labels: "pm1" });
    expect(Array.from(pm.ys.dataSync())).toEqual(Array.from(train.label));
    tf.dispose([xs, ys, pm.xs, pm.ys]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("scales stairs pixels and shapes truth tables", () => {
    const stairs = stairsToTensors(stairsImages({ n: 8, seed: 1 }));
    expect(stairs.xs.shape).toEqual([8, 4]);
    expect(stairs.xs.max().dataSync()[0]).toBeLessThanOrEqual(1);
    const xor = matrixToTensors(truthTable("xor").inputs, truthTable("xor").targets);
    expect(xor.xs.shape).toEqual([4, 2]);
    expect(xor.ys.shape).toEqual([4, 1]);
    tf.dispose([stairs.xs, stairs.ys, xor.xs, xor.ys]);
  });
});
