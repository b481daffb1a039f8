/** Typed-array datasets -> tf tensors, kept apart so the generators need no tfjs. */
import * as tf from "@tensorflow/tfjs";
import { PlaygroundFeatureName, playgroundFeatures } from "./playground-features";
import { StairsImages } from "./stairs";
import { LabeledPoints } from "./types";

export interface XY {
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
}

function labelColumn(labels: Float32Array): tf.Tensor2D {
  return tf.tensor2d(labels, [labels.length, 1]);
}

/**
 * Points -> features [n x k] and labels [n x 1]. `labels: "01"` maps the Playground's -1
 * to 0 for a sigmoid output; "pm1" keeps +1/-1 for a tanh output as in the Playground.
 */
export function pointsToTensors(
  points: LabeledPoints,
  options: { features?: readonly PlaygroundFeatureName[]; labels?: "01" | "pm1" } = {},
): XY {
  const { features = ["x1", "x2"], labels = "01" } = options;
  const { values, rows, cols } = playgroundFeatures(points, features);
  const ys = labels === "01" ? points.label.map((l) => (l > 0 ? 1 : 0)) : points.label;
  return { xs: tf.tensor2d(values, [rows, cols]), ys: labelColumn(ys) };
}

/** Stairs images -> pixels [n x 4] scaled by `scale` (1/255 gives 0..1) and labels [n x 1]. */
export function stairsToTensors(images: StairsImages, scale = 1 / 255): XY {
  const n = images.label.length;
  return { xs: tf.tensor2d(images.pixels.map((v) => v * scale), [n, 4]), ys: labelColumn(images.label) };
}

/** A row-major [rows x cols] matrix and its targets, e.g. a truth table. */
export function matrixToTensors(inputs: Float32Array, targets: Float32Array): XY {
  const rows = targets.length;
  return { xs: tf.tensor2d(inputs, [rows, inputs.length / rows]), ys: labelColumn(targets) };
}
