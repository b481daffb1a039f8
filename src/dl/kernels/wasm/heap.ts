/**
 * Helpers for kernels that work on the wasm backend's heap, the way the
 * backend's own kernels do (BackendWasm.makeOutput / typedArrayFromHeap).
 */
import { getKernel, NamedAttrMap, TensorInfo } from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

export type { BackendWasm };

/**
 * A float32 view of a tensor's bytes on the wasm heap. Allocating (makeOutput,
 * any kernel call) may grow the heap and detach earlier views, so take views
 * only after every allocation a step needs.
 */
export function heapView(backend: BackendWasm, tensor: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(tensor) as Float32Array;
}

/** The same bytes seen with another shape (no copy, no new reference). */
export function withShape(tensor: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: tensor.dataId, shape, dtype: tensor.dtype };
}

/** Runs whatever kernel is registered for the wasm backend under `name`. */
export function runWasmKernel(
  name: string,
  backend: BackendWasm,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = getKernel(name, "wasm");
  if (!config) throw new Error(`wasm backend has no ${name} kernel`);
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/** out = a · b for rank-3 [1, m, k] · [1, k, n], on XNNPACK's non-transposed path. */
export function matMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runWasmKernel("BatchMatMul", backend, { a, b }, { transposeA: false, transposeB: false });
}

/** A materialised transpose of the last two dimensions (wasm's Transpose kernel). */
export function transposeLastTwo(backend: BackendWasm, t: TensorInfo): TensorInfo {
  const perm = t.shape.map((_, i) => i);
  const rank = perm.length;
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return runWasmKernel("Transpose", backend, { x: t }, { perm });
}
