/** Plot inputs (arrays, typed arrays, tensors) as plain numbers, read with dataSync only. */
import * as tf from "@tensorflow/tfjs";

export type NumberLike = ArrayLike<number> | tf.Tensor;
/** Class labels: integers, or one row of scores / one-hot per sample (argmax is taken). */
export type LabelsLike = ArrayLike<number> | ArrayLike<string> | number[][] | tf.Tensor;

export function toNumbers(x: NumberLike): number[] {
  return Array.from(x instanceof tf.Tensor ? (x.dataSync() as ArrayLike<number>) : x);
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

function rowsOf(values: ArrayLike<number>, width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += width) out.push(argmax(Array.prototype.slice.call(values, i, i + width) as number[]));
  return out;
}

export function toLabels(y: LabelsLike): (number | string)[] {
  if (y instanceof tf.Tensor) {
    const values = y.dataSync() as ArrayLike<number>;
    return y.rank === 2 ? rowsOf(values, y.shape[1]!) : Array.from(values);
  }
  const items = Array.from(y as ArrayLike<unknown>);
  return items.map((item) => (Array.isArray(item) ? argmax(item as number[]) : (item as number | string)));
}

/** `[n,2]` points (tensor or array of pairs) as x and y columns. */
export function toPoints(points: tf.Tensor | ArrayLike<ArrayLike<number>>): { x: number[]; y: number[] } {
  const flat = points instanceof tf.Tensor ? toNumbers(points) : Array.from(points).flatMap((p) => [p[0], p[1]]);
  return { x: flat.filter((_, i) => i % 2 === 0), y: flat.filter((_, i) => i % 2 === 1) };
}

/** Distinct labels in first-seen order for strings, ascending for numbers. */
export function distinct(labels: (number | string)[]): (number | string)[] {
  const unique = [...new Set(labels)];
  return unique.every((l) => typeof l === "number") ? (unique as number[]).sort((a, b) => a - b) : unique;
}

/** `{name: values, ...}` rather than a single series. */
export function isNamedSeries(x: NumberLike | Record<string, NumberLike>): x is Record<string, NumberLike> {
  return !(x instanceof tf.Tensor) && typeof (x as ArrayLike<number>).length !== "number";
}
