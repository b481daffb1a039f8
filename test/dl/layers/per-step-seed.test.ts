import * as tf from "@tensorflow/tfjs";
import { dropout, gaussianNoise } from "../../../src/dl/layers";

const ones = () => tf.ones([4, 50]);
const training = (layer: tf.layers.Layer, x: tf.Tensor) => Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync());

test("dropout draws a new mask at every training step, the same sequence for the same seed, and scales by 1 / (1 - rate)", () => {
  const a = dropout({ rate: 0.3, seed: 5 });
  const b = dropout({ rate: 0.3, seed: 5 });
  const [a1, a2] = [training(a, ones()), training(a, ones())];
  expect(a1).not.toEqual(a2);
  expect([training(b, ones()), training(b, ones())]).toEqual([a1, a2]);
  const kept = a1.filter((v) => v !== 0);
  kept.forEach((v) => expect(v).toBeCloseTo(1 / 0.7, 5));
  expect(kept.length / a1.length).toBeGreaterThan(0.55);
  expect(kept.length / a1.length).toBeLessThan(0.85);
});

test("outside training both layers pass the input through", () => {
  const x = tf.tensor2d([[1, 2, 3]]);
  expect(Array.from((dropout({ rate: 0.5, seed: 1 }).apply(x) as tf.Tensor).dataSync())).toEqual([1, 2, 3]);
  expect(Array.from((gaussianNoise({ stddev: 1, seed: 1 }).apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual([1, 2, 3]);
});

test("gaussian noise: zero-mean, the given spread, new but reproducible at every step", () => {
  const layer = gaussianNoise({ stddev: 0.5, seed: 9 });
  const zeros = tf.zeros([100, 40]);
  const first = training(layer, zeros);
  const mean = first.reduce((s, v) => s + v, 0) / first.length;
  const sd = Math.sqrt(first.reduce((s, v) => s + (v - mean) ** 2, 0) / first.length);
  expect(Math.abs(mean)).toBeLessThan(0.05);
  expect(sd).toBeGreaterThan(0.45);
  expect(sd).toBeLessThan(0.55);
  expect(training(layer, zeros)).not.toEqual(first);
  expect(training(gaussianNoise({ stddev: 0.5, seed: 9 }), zeros)).toEqual(first);
});

test("model.fit trains with them on, and two identical models train to identical weights", async () => {
  const x = tf.randomUniform([32, 3], -1, 1, "float32", 1);
  const y = tf.randomUniform([32, 1], -1, 1, "float32", 2);
  const train = async (rate = 0.3, stddev = 0.1) => {
    const model = tf.sequential({ layers: [
      gaussianNoise({ stddev, seed: 3, inputShape: [3] }),
      tf.layers.dense({ units: 8, activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      dropout({ rate, seed: 5 }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
    ] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: "meanSquaredError" });
    await model.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
    return model.getWeights().map((w) => Array.from(w.dataSync()));
  };
  expect(await train()).toEqual(await train());
  // fit runs them in training mode: without dropout, or without noise, the weights differ.
  expect(await train(0, 0.1)).not.toEqual(await train());
  expect(await train(0.3, 0)).not.toEqual(await train());
});

test("bad arguments are refused with the reason", () => {
  expect(() => dropout({ rate: 1, seed: 1 })).toThrow("rate must be in [0, 1)");
  expect(() => gaussianNoise({ stddev: -1, seed: 1 })).toThrow("stddev must be >= 0");
  expect(() => dropout({ rate: 0.5, seed: 1.5 })).toThrow("seed must be an integer");
});
