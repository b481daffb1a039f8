import * as tf from "@tensorflow/tfjs";
import { descend, epochsToTarget, linearLoss, lossGrid, Point2 } from "../../../src/dl/models/descent-paths";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const X: Point2[] = [[1, 0], [0, 1]];
const Y = [2, -1];

describe("descend", () => {
  it("takes the steps plain gradient descent takes by hand", () => {
    // Loss ((w1 − 2)² + (w2 + 1)²) / 2 on one batch: gradient (w1 − 2, w2 + 1); from (0, 0) at
    // rate 0.5 the first step goes to (1, −0.5), the second to (1.5, −0.75).
    const before = tf.memory().numTensors;
    const { path, losses } = descend(X, Y, { optimizer: tf.train.sgd(0.5), epochs: 2, batchSize: 2, start: [0, 0] });
    expect(path.map(([a, b]) => [a, b].map((v) => Number(v.toFixed(6))))).toEqual([[0, 0], [1, -0.5], [1.5, -0.75]]);
    expect(losses[1]).toBeCloseTo(linearLoss(X, Y, [1.5, -0.75]), 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("records one point per mini-batch step", () => {
    const { path, losses } = descend(X, Y, { optimizer: tf.train.momentum(0.1, 0.9), epochs: 3, batchSize: 1, start: [0, 0] });
    expect(path).toHaveLength(1 + 3 * 2);
    expect(losses).toHaveLength(3);
  });
});

describe("lossGrid", () => {
  it("puts w₂ on the rows and w₁ on the columns", () => {
    expect(lossGrid(X, Y, [2, 0], [-1])).toEqual([[0, 2]]);
  });
});

describe("epochsToTarget", () => {
  it("counts from the epoch after which the loss stays below the target", () => {
    expect(epochsToTarget([5, 0.5, 2, 0.5, 0.4], 1)).toBe(4);
    expect(epochsToTarget([5, 0.5, 2], 1)).toBeNull();
    expect(epochsToTarget([0.1], 1)).toBe(1);
  });
});
