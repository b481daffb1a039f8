/** The Playground's input feature columns, computed from a point's (x1, x2). */
import { LabeledPoints, pointCount } from "./types";

const FEATURES = {
  x1: (x: number) => x,
  x2: (_x: number, y: number) => y,
  "x1^2": (x: number) => x * x,
  "x2^2": (_x: number, y: number) => y * y,
  "x1*x2": (x: number, y: number) => x * y,
  "sin x1": (x: number) => Math.sin(x),
  "sin x2": (_x: number, y: number) => Math.sin(y),
} satisfies Record<string, (x: number, y: number) => number>;

export type PlaygroundFeatureName = keyof typeof FEATURES;

export const PLAYGROUND_FEATURES = Object.keys(FEATURES) as PlaygroundFeatureName[];

/** One feature of one point (x1, x2). */
export function playgroundFeature(name: PlaygroundFeatureName, x: number, y: number): number {
  return FEATURES[name](x, y);
}

/**
 * A row-major [points x names] matrix of the chosen features, in the order given, ready
 * for `tf.tensor2d(values, [rows, cols])`.
 */
export function playgroundFeatures(
  points: LabeledPoints,
  names: readonly PlaygroundFeatureName[] = ["x1", "x2"],
): { values: Float32Array; rows: number; cols: number } {
  const rows = pointCount(points);
  const cols = names.length;
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    names.forEach((name, j) => {
      values[i * cols + j] = FEATURES[name](points.x[i], points.y[i]);
    });
  }
  return { values, rows, cols };
}
