/**
 * Batched inference that copies each input row once.
 *
 * tfjs-layers' model.predict(x, {batchSize}) cuts batches with tf.slice. The
 * wasm backend's own Slice kernel starts with backend.readSync(x.dataId), which
 * copies the *whole* input off the heap, so predicting n rows in batches of b
 * copies n * n / b rows. Here each batch is copied heap to heap, rows only;
 * this holds even with tsdl's kernels disabled (TSDL_FAST_KERNELS=0), when
 * model.predict is back on tfjs's Slice.
 */
import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { sliceBox } from "./kernels/wasm/slice";

export interface PredictBatchedOptions {
  /** Rows per model call; tfjs's default is 32. */
  batchSize?: number;
}

type Inputs = tf.Tensor | tf.Tensor[];

/** Same result as model.predict(x, {batchSize}), without the per-batch full copy on wasm. */
export function predictBatched(model: tf.LayersModel, x: Inputs, options: PredictBatchedOptions = {}): tf.Tensor | tf.Tensor[] {
  const inputs = Array.isArray(x) ? x : [x];
  const rows = countRows(inputs);
  const batchSize = options.batchSize ?? 32;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const outputNames = model.outputs.map((o) => o.name);
  return tf.tidy(() => {
    const perOutput: tf.Tensor[][] = [];
    for (let start = 0; start < rows; start += batchSize) {
      const size = Math.min(batchSize, rows - start);
      // model.execute is the per-batch step of model.predict's own loop, without
      // its re-batching and its one-batch concat (an extra copy of every output).
      const outs = tf.tidy(() => toArray(model.execute(inputs.map((t) => sliceRows(t, start, size)), outputNames)));
      outs.forEach((out, i) => (perOutput[i] ??= []).push(out));
    }
    const joined = perOutput.map((batches) => tf.concat(batches, 0));
    return joined.length === 1 ? joined[0] : joined;
  });
}

function countRows(inputs: tf.Tensor[]): number {
  if (inputs.length === 0) throw new Error("predictBatched needs at least one input tensor");
  const rows = inputs[0].shape[0];
  if (rows === undefined || inputs.some((t) => t.shape[0] !== rows)) {
    throw new Error(`inputs must share a first (batch) dimension; got ${inputs.map((t) => `[${t.shape}]`).join(", ")}`);
  }
  return rows;
}

/** Rows [start, start + size) of t. Other backends' Slice only touches the rows it returns. */
function sliceRows(t: tf.Tensor, start: number, size: number): tf.Tensor {
  const backend = wasmHolding(t);
  if (!backend) return t.slice(start, size);
  const begin = t.shape.map((_, d) => (d === 0 ? start : 0));
  return tf.engine().makeTensorFromTensorInfo(sliceBox(backend, t, begin, [size, ...t.shape.slice(1)]), backend);
}

/** The active wasm backend if it holds t's numeric data (tfjs moves data between backends lazily). */
function wasmHolding(t: tf.Tensor): BackendWasm | undefined {
  if (tf.getBackend() !== "wasm" || t.dtype === "string" || t.dtype === "complex64") return undefined;
  const backend = tf.backend() as BackendWasm;
  return backend.dataIdMap.has(t.dataId) ? backend : undefined;
}

function toArray(out: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(out) ? out : [out];
}
