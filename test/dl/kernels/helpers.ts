import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../src/dl/backend";
import { random } from "../../../src/dl/random";

/** Deterministic uniform values in [-1, 1). */
export function seededRandom(seed: number): () => number {
  const uniform = random(seed);
  return () => uniform() * 2 - 1;
}

export function randomArray(size: number, rand: () => number): Float32Array {
  return Float32Array.from({ length: size }, rand);
}

export function randomInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(((rand() + 1) / 2) * (hi - lo + 1));
}

/** ||out - ref|| / ||ref|| */
export function relativeError(out: ArrayLike<number>, ref: ArrayLike<number>): number {
  expect(out.length).toBe(ref.length);
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < ref.length; i++) {
    diff += (out[i] - ref[i]) ** 2;
    norm += ref[i] ** 2;
  }
  return norm === 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
}

/** wasm with tsdl's kernels; the cpu backend stays registered as the reference. */
export async function useWasm(): Promise<void> {
  await initBackend({ backend: "wasm", fastKernels: true });
}

/** Runs `fn` on `backend` and returns its values, leaving wasm active afterwards. */
export async function valuesOn(backend: "cpu" | "wasm", fn: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  try {
    const out = tf.tidy(fn);
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  } finally {
    await tf.setBackend("wasm");
  }
}

/** Kernels must free their scratch tensors on the backend (tf.memory() only sees the engine's). */
export function expectOnlyOutputsAllocated(fn: () => tf.Tensor): void {
  const backend = tf.backend();
  const before = backend.numDataIds();
  const out = fn();
  expect(backend.numDataIds()).toBe(before + 1);
  out.dispose();
}
