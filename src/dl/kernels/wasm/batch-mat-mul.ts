/**
 * BatchMatMul for wasm that keeps transposed products on XNNPACK.
 *
 * The wasm backend hands only non-transposed, single-batch products to
 * XNNPACK; with transposeA or transposeB it runs a naive loop. Backprop asks
 * for exactly those (Dense: dW = xᵀ·dy, dx = dy·Wᵀ), so there the naive loop
 * dominates a training step. Materialising the transpose first (one pass over
 * one operand) and then taking the fast path is several times quicker.
 */
import { BatchMatMul, KernelConfig, KernelFunc, TensorInfo, util } from "@tensorflow/tfjs";
import { BackendWasm, transposeLastTwo } from "./heap";

interface MatMulArgs {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: { transposeA: boolean; transposeB: boolean };
}

/** XNNPACK's path needs float32 and a single matrix on each side. */
function transposeHelps({ inputs: { a, b }, attrs }: MatMulArgs): boolean {
  const single = (t: TensorInfo) => util.sizeFromShape(t.shape.slice(0, -2)) === 1;
  return (attrs.transposeA || attrs.transposeB) && a.dtype === "float32" && b.dtype === "float32" && single(a) && single(b);
}

export function makeBatchMatMulConfig(original: KernelConfig | undefined): KernelConfig {
  if (!original) throw new Error("wasm backend has no BatchMatMul kernel to build on");
  const naive = original.kernelFunc as unknown as (args: MatMulArgs) => TensorInfo;
  const batchMatMul = (args: MatMulArgs): TensorInfo => {
    if (!transposeHelps(args)) return naive(args);
    const { inputs, backend, attrs } = args;
    const a = attrs.transposeA ? transposeLastTwo(backend, inputs.a) : inputs.a;
    const b = attrs.transposeB ? transposeLastTwo(backend, inputs.b) : inputs.b;
    const out = naive({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } });
    for (const t of [a, b]) if (t !== inputs.a && t !== inputs.b) backend.disposeData(t.dataId);
    return out;
  };
  return { ...original, kernelName: BatchMatMul, backendName: "wasm", kernelFunc: batchMatMul as unknown as KernelFunc };
}
