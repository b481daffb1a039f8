/**
 * Decision regions of a 2-D classifier: the model is evaluated on a grid covering the points, and
 * the result drawn as a heatmap (probability for one output unit, predicted class for several)
 * under the data points colored by class. Grid tensors are created and freed inside tf.tidy.
 */
import * as tf from "@tensorflow/tfjs";
import { CommonOptions, Figure, Trace, baseLayout, colorOf } from "./figure";
import { LabelsLike, distinct, toLabels, toPoints } from "./values";

export type Predictor = { predict(x: tf.Tensor): tf.Tensor | tf.Tensor[] } | ((x: tf.Tensor2D) => tf.Tensor);

export interface DecisionBoundaryOptions extends CommonOptions {
  /** Grid points per axis; default 100. */
  resolution?: number;
  /** Extra room around the points, as a fraction of their range; default 0.1. */
  margin?: number;
  classNames?: string[];
}

function axis(values: number[], margin: number, n: number): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || 1) * margin;
  return Array.from({ length: n }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / (n - 1));
}

/** Runs the predictor on every (x, y) of the grid; returns per-point scores and their width. */
function evaluate(predictor: Predictor, xs: number[], ys: number[]): { scores: Float32Array; width: number } {
  const grid = new Float32Array(xs.length * ys.length * 2);
  ys.forEach((y, r) => xs.forEach((x, c) => grid.set([x, y], (r * xs.length + c) * 2)));
  const out = tf.tidy(() => {
    const input = tf.tensor2d(grid, [xs.length * ys.length, 2]);
    const result = typeof predictor === "function" ? predictor(input) : predictor.predict(input);
    return Array.isArray(result) ? result[0] : result;
  });
  try {
    return { scores: Float32Array.from(out.dataSync() as ArrayLike<number>), width: out.rank === 2 ? out.shape[1]! : 1 };
  } finally {
    out.dispose();
  }
}

function regionTrace(xs: number[], ys: number[], scores: Float32Array, width: number): Trace {
  const cell = (i: number) => (width === 1 ? scores[i] : argmax(scores.subarray(i * width, (i + 1) * width)));
  const z = ys.map((_, r) => xs.map((_, c) => cell(r * xs.length + c)));
  const common = { type: "heatmap", x: xs, y: ys, z, showscale: false, hoverinfo: "skip" };
  if (width === 1) {
    return { ...common, zmin: 0, zmax: 1, opacity: 0.5, colorscale: [[0, colorOf(0)], [0.5, "#ffffff"], [1, colorOf(1)]] };
  }
  const steps = Array.from({ length: width }, (_, k) => [[k / width, colorOf(k)], [(k + 1) / width, colorOf(k)]]).flat();
  return { ...common, zmin: -0.5, zmax: width - 0.5, opacity: 0.35, colorscale: steps };
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

function pointTraces(px: number[], py: number[], labels: (number | string)[] | undefined, classNames?: string[]): Trace[] {
  const marker = (i: number) => ({ color: colorOf(i), size: 7, line: { color: "#000", width: 0.5 } });
  if (!labels) return [{ type: "scatter", mode: "markers", x: px, y: py, marker: marker(0), name: "data" }];
  return distinct(labels).map((label, i) => {
    const members = labels.flatMap((l, j) => (l === label ? [j] : []));
    const index = typeof label === "number" ? label : i;
    const name = typeof label === "number" ? classNames?.[label] ?? String(label) : label;
    return { type: "scatter", mode: "markers", name, x: members.map((j) => px[j]), y: members.map((j) => py[j]), marker: marker(index) };
  });
}

export function decisionBoundary(
  predictor: Predictor,
  points: tf.Tensor | ArrayLike<ArrayLike<number>>,
  labels?: LabelsLike,
  options: DecisionBoundaryOptions = {},
): Figure {
  const { x: px, y: py } = toPoints(points);
  const n = options.resolution ?? 100;
  const xs = axis(px, options.margin ?? 0.1, n);
  const ys = axis(py, options.margin ?? 0.1, n);
  const { scores, width } = evaluate(predictor, xs, ys);
  const traces = [regionTrace(xs, ys, scores, width), ...pointTraces(px, py, labels ? toLabels(labels) : undefined, options.classNames)];
  return new Figure(traces, { ...baseLayout({ xTitle: "x₁", yTitle: "x₂", ...options }), showlegend: true });
}
