/**
 * Gradient descent you can draw: a linear model with two weights (y ≈ w₁x₁ + w₂x₂, squared
 * error) trained by a tfjs optimizer on mini-batches, recording where the weights go after
 * every step, plus the loss over a grid of weights for the contour underneath.
 */
import * as tf from "@tensorflow/tfjs";

export type Point2 = [number, number];

export interface DescentOptions {
  /** A fresh tfjs optimizer (e.g. tf.train.sgd(0.1)); it is disposed at the end. */
  optimizer: tf.Optimizer;
  epochs: number;
  batchSize: number;
  start: Point2;
}

export interface DescentPath {
  /** The weights before the first step and after every step. */
  path: Point2[];
  /** Mean squared error on all the data after each epoch. */
  losses: number[];
}

/** Mean squared error of (w₁, w₂) on rows X (two columns) and targets Y. */
export function linearLoss(X: readonly Point2[], Y: ArrayLike<number>, w: Point2): number {
  let sum = 0;
  for (let i = 0; i < X.length; i++) sum += (w[0] * X[i][0] + w[1] * X[i][1] - Y[i]) ** 2;
  return sum / X.length;
}

/** Trains on the batches in order (no shuffling, so runs repeat exactly). */
export function descend(X: readonly Point2[], Y: ArrayLike<number>, options: DescentOptions): DescentPath {
  const { optimizer, epochs, batchSize, start } = options;
  const batches: { x: tf.Tensor2D; y: tf.Tensor1D }[] = [];
  for (let from = 0; from < X.length; from += batchSize) {
    const rows = X.slice(from, from + batchSize);
    batches.push({ x: tf.tensor2d(rows as Point2[], [rows.length, 2]), y: tf.tensor1d(Array.from(Y).slice(from, from + batchSize)) });
  }
  const initial = tf.tensor2d([[start[0]], [start[1]]]);
  const w = tf.variable(initial);
  initial.dispose();
  const path: Point2[] = [[start[0], start[1]]];
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const { x, y } of batches) {
        optimizer.minimize(() => tf.matMul(x, w).reshape([-1]).sub(y).square().mean() as tf.Scalar);
        const [w1, w2] = w.dataSync();
        path.push([w1, w2]);
      }
      losses.push(linearLoss(X, Y, path[path.length - 1]));
    }
    return { path, losses };
  } finally {
    tf.dispose([w, ...batches.flatMap((b) => [b.x, b.y])]);
    optimizer.dispose();
  }
}

/** The loss at every (w₁, w₂) of a grid, as rows of w₂ (Plotly's contour `z`). */
export function lossGrid(X: readonly Point2[], Y: ArrayLike<number>, w1s: readonly number[], w2s: readonly number[]): number[][] {
  return w2s.map((w2) => w1s.map((w1) => linearLoss(X, Y, [w1, w2])));
}

/**
 * The first epoch (1-based) from which the loss stays at or below `target` to the end of the
 * run, or null: a run that touches the target and bounces out has not reached it.
 */
export function epochsToTarget(losses: readonly number[], target: number): number | null {
  let first: number | null = null;
  for (let e = losses.length - 1; e >= 0 && losses[e] <= target; e--) first = e + 1;
  return first;
}
