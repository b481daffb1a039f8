/**
 * Slice, Unpack and SplitV for wasm that copy only the requested box.
 *
 * wasm's Slice begins with backend.readSync(x.dataId), which copies the whole
 * input off the heap before taking the box, and its Unpack and SplitV call that
 * Slice once per piece: unstacking T timesteps copies the sequence T times.
 * tfjs-layers' RNNs unstack every sequence per step (forward and backward), so
 * in the WISDM GRU step this was the largest kernel. Here the box is copied
 * heap to heap, one contiguous run at a time.
 */
import { KernelConfig, KernelFunc, Slice, slice_util, SplitV, TensorInfo, Unpack, backend_util, util } from "@tensorflow/tfjs";
import { BackendWasm } from "./heap";

type Args<I, A> = { inputs: I; backend: BackendWasm; attrs: A };
type Fallback = (args: unknown) => TensorInfo | TensorInfo[];

/** x[begin : begin + size], copied within the heap. */
export function sliceBox(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (util.sizeFromShape(size) > 0) copyBox(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
  return out;
}

function copyBox(src: backend_util.TypedArray, shape: number[], begin: number[], size: number[], dst: backend_util.TypedArray): void {
  const strides = [...util.computeStrides(shape), 1];
  // Trailing dimensions taken whole merge into one contiguous run.
  let last = Math.max(0, shape.length - 1);
  let run = size[last] ?? 1;
  while (last > 0 && size[last] === shape[last]) run *= size[--last];
  const first = begin.reduce((sum, b, d) => sum + b * strides[d], 0);
  const index = new Array<number>(last).fill(0);
  for (let out = 0; out < dst.length; out += run) {
    const from = first + index.reduce((sum, i, d) => sum + i * strides[d], 0);
    dst.set(src.subarray(from, from + run), out);
    advance(index, size);
  }
}

/** Odometer step over the outer dimensions of the box. */
function advance(index: number[], size: number[]): void {
  for (let d = index.length - 1; d >= 0; d--) {
    if (++index[d] < size[d]) return;
    index[d] = 0;
  }
}

function slice(args: Args<{ x: TensorInfo }, { begin: number | number[]; size?: number | number[] }>, fallback: Fallback): TensorInfo {
  const { inputs: { x }, backend, attrs } = args;
  if (x.dtype === "string") return fallback(args) as TensorInfo;
  const [begin, size] = slice_util.parseSliceParams(x, attrs.begin, attrs.size);
  return sliceBox(backend, x, begin, size);
}

function unpack(args: Args<{ value: TensorInfo }, { axis: number }>, fallback: Fallback): TensorInfo[] {
  const { inputs: { value }, backend } = args;
  if (value.dtype === "string") return fallback(args) as TensorInfo[];
  const axis = util.parseAxisParam(args.attrs.axis, value.shape)[0];
  const size = value.shape.map((s, d) => (d === axis ? 1 : s));
  const outShape = value.shape.filter((_, d) => d !== axis);
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    const begin = value.shape.map((_, d) => (d === axis ? i : 0));
    return { ...sliceBox(backend, value, begin, size), shape: outShape };
  });
}

function splitV(args: Args<{ x: TensorInfo }, { numOrSizeSplits: number | number[]; axis: number }>, fallback: Fallback): TensorInfo[] {
  const { inputs: { x }, backend, attrs } = args;
  if (x.dtype === "string") return fallback(args) as TensorInfo[];
  const axis = util.parseAxisParam(attrs.axis, x.shape)[0];
  let offset = 0;
  return backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis).map((piece) => {
    const begin = x.shape.map((_, d) => (d === axis ? offset : 0));
    offset += piece;
    return sliceBox(backend, x, begin, x.shape.map((s, d) => (d === axis ? piece : s)));
  });
}

/** Wraps one of the above; strings (stored off-heap) go to tfjs's own kernel. */
function withFallback(kernelName: string, impl: (args: never, fallback: Fallback) => TensorInfo | TensorInfo[]) {
  return (original: KernelConfig | undefined): KernelConfig => {
    if (!original) throw new Error(`wasm backend has no ${kernelName} kernel to fall back on`);
    const fallback = original.kernelFunc as unknown as Fallback;
    const kernelFunc = (args: never) => impl(args, fallback);
    return { ...original, kernelName, backendName: "wasm", kernelFunc: kernelFunc as unknown as KernelFunc };
  };
}

export const makeSliceConfig = withFallback(Slice, slice);
export const makeUnpackConfig = withFallback(Unpack, unpack);
export const makeSplitVConfig = withFallback(SplitV, splitV);
