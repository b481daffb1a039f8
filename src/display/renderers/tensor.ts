/**
 * tf.Tensor: numpy-like text/plain and, for 1-D and 2-D tensors, an HTML table. Reads the values
 * with one dataSync on the tensor itself: no intermediate tensors, nothing to dispose.
 */
import type { Tensor } from "@tensorflow/tfjs";
import { MimeBundle, registerRenderer } from "../protocol";
import { ELLIPSIS, Grid, edgeIndices } from "./grid";
import { escapeHtml, gridHtml } from "./html";
import { formatFloat } from "./format";

/** Like numpy: above this many elements print only the edges of each axis. */
const SUMMARY_THRESHOLD = 1000;
const TEXT_EDGE = 3;
const HTML_EDGE = 10;

type Values = ArrayLike<number | string | Uint8Array>;

function formatter(dtype: string): (v: Values[number]) => string {
  if (dtype === "bool") return (v) => (v ? "true" : "false");
  if (dtype === "string") return (v) => JSON.stringify(typeof v === "string" ? v : Buffer.from(v as Uint8Array).toString());
  if (dtype === "int32") return (v) => String(v);
  return (v) => formatFloat(Number(v));
}

function strides(shape: number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) out[d] = out[d + 1] * shape[d + 1];
  return out;
}

/** numpy's nested bracket layout, eliding with "..." when summarizing. */
function nestedText(values: Values, shape: number[], fmt: (v: Values[number]) => string): string {
  const summarize = values.length > SUMMARY_THRESHOLD;
  const stride = strides(shape);
  const pick = (n: number) => (summarize ? edgeIndices(n, TEXT_EDGE) : edgeIndices(n, n));
  const cells = new Map<number, string>();
  const collect = (d: number, offset: number): void => {
    for (const i of pick(shape[d])) {
      if (i === null) continue;
      if (d === shape.length - 1) cells.set(offset + i, fmt(values[offset + i]));
      else collect(d + 1, offset + i * stride[d]);
    }
  };
  collect(0, 0);
  const width = Math.max(0, ...[...cells.values()].map((s) => s.length));
  const render = (d: number, offset: number): string => {
    const parts = pick(shape[d]).map((i) => {
      if (i === null) return "...";
      return d === shape.length - 1 ? cells.get(offset + i)!.padStart(width) : render(d + 1, offset + i * stride[d]);
    });
    const separator = d === shape.length - 1 ? ", " : ",\n" + "\n".repeat(shape.length - d - 2) + " ".repeat(d + 1);
    return `[${parts.join(separator)}]`;
  };
  return render(0, 0);
}

function header(t: Tensor): string {
  return `Tensor ${t.dtype} [${t.shape.join(", ")}]`;
}

function tensorGrid(t: Tensor, values: Values): Grid {
  const fmt = formatter(t.dtype);
  const shape = t.shape as number[];
  const [rows, cols] = t.rank === 1 ? [1, shape[0]] : [shape[0], shape[1]];
  const colIdx = edgeIndices(cols, HTML_EDGE);
  const rowIdx = edgeIndices(rows, HTML_EDGE);
  const label = (i: number | null) => (i === null ? ELLIPSIS : String(i));
  const body = rowIdx.map((r) => [
    t.rank === 1 ? "" : label(r),
    ...colIdx.map((c) => (r === null || c === null ? ELLIPSIS : fmt(values[r * cols + c]))),
  ]);
  const numeric = [false, ...colIdx.map(() => t.dtype !== "string")];
  return { caption: header(t), header: ["", ...colIdx.map(label)], rows: body, numeric };
}

/** text/plain and text/html of a tensor, from a single read of its values. */
export function tensorBundle(t: Tensor): MimeBundle {
  if (t.isDisposed) return { "text/plain": `${header(t)} (disposed)` };
  const values = t.dataSync() as Values;
  const fmt = formatter(t.dtype);
  const text = `${header(t)}\n${t.rank === 0 ? fmt(values[0]) : nestedText(values, t.shape, fmt)}`;
  const tabular = t.rank === 1 || t.rank === 2;
  const html = tabular ? gridHtml(tensorGrid(t, values)) : `<pre>${escapeHtml(text)}</pre>`;
  return { "text/plain": text, "text/html": html };
}

export function installTensorRenderer(tf: { Tensor: { prototype: Tensor } }): void {
  registerRenderer(tf.Tensor.prototype, function (this: Tensor) {
    return tensorBundle(this);
  });
}
