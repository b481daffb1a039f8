/**
 * One Adam update of one weight in a single pass: the kernel behind tsdl's fused Adam
 * (kernels/fused-adam.ts). tfjs's AdamOptimizer spends about a dozen kernels and five scalar
 * tensors per weight and step; at batch 32 that dispatch costs more than the arithmetic.
 *
 * Every operation is rounded to float32 (Math.fround) in the order tfjs's ops apply them, so the
 * results are the same bits as tfjs's: +, -, *, / and sqrt computed in float64 and rounded once
 * to float32 are correctly rounded float32 operations.
 */
import { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { adamSimd } from "./adam-simd";
import { BackendWasm, heapView } from "./heap";

export const ADAM_KERNEL = "TsdlAdamUpdate";

export interface AdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

interface AdamArgs {
  inputs: { value: TensorInfo; m: TensorInfo; v: TensorInfo; gradient: TensorInfo; accBeta1: TensorInfo; accBeta2: TensorInfo };
  backend: BackendWasm;
  attrs: AdamAttrs;
}

const f = Math.fround;

/**
 * m' = m·β1 + g·(1-β1); v' = v·β2 + g²·(1-β2);
 * w' = (m'/(1-β1^t)) / (sqrt(v'/(1-β2^t)) + ε) · (-lr) + w
 */
export function adamStep(
  w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, accBeta1: number, accBeta2: number, a: AdamAttrs,
  wOut: Float32Array, mOut: Float32Array, vOut: Float32Array,
): void {
  const { b1, c1, b2, c2, d1, d2, eps, step } = constants(a, accBeta1, accBeta2);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = f(f(m[i] * b1) + f(gi * c1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = f(f(f(f(mi / d1) / f(f(Math.sqrt(f(vi / d2))) + eps)) * step) + w[i]);
  }
}

/** The float32 scalars tfjs's ops would use: 1-β1 etc. are computed in float64, then stored as float32. */
function constants(a: AdamAttrs, accBeta1: number, accBeta2: number) {
  return {
    b1: f(a.beta1), c1: f(1 - a.beta1), b2: f(a.beta2), c2: f(1 - a.beta2),
    d1: f(1 - f(accBeta1)), d2: f(1 - f(accBeta2)),
    eps: f(a.epsilon), step: f(-a.learningRate),
  };
}

function adamUpdate({ inputs, backend, attrs }: AdamArgs): TensorInfo[] {
  const { value, m, v, gradient } = inputs;
  const outs = [value, m, v].map((t) => backend.makeOutput(t.shape, "float32"));
  const view = (t: TensorInfo) => heapView(backend, t); // after every allocation: the heap may have grown
  const [accBeta1, accBeta2] = [view(inputs.accBeta1)[0], view(inputs.accBeta2)[0]];
  const tensors = [value, m, v, gradient, ...outs];
  const simd = adamSimd(backend);
  const vectorized = simd ? view(value).length & ~3 : 0;
  if (simd && vectorized > 0) {
    const c = constants(attrs, accBeta1, accBeta2);
    const offset = (t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
    simd(...(tensors.map(offset) as [number, number, number, number, number, number, number]), vectorized * 4, c.b1, c.c1, c.b2, c.c2, c.d1, c.d2, c.eps, c.step);
  }
  const [w, mm, vv, g, wOut, mOut, vOut] = tensors.map((t) => view(t).subarray(vectorized));
  adamStep(w, mm, vv, g, accBeta1, accBeta2, attrs, wOut, mOut, vOut);
  return outs;
}

export const adamConfig: KernelConfig = {
  kernelName: ADAM_KERNEL,
  backendName: "wasm",
  kernelFunc: adamUpdate as unknown as KernelFunc,
};
