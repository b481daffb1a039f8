/**
 * Adam's update as a WebAssembly SIMD loop over the wasm backend's heap, four floats at a time,
 * with the same operations in the same order as adamStep (adam.ts), so the same bits: IEEE float32
 * lanes round like scalar float32. Scalar JavaScript spent ~30-45 ns per parameter on the two
 * divisions and the square root; tfjs's own wasm ops ~2.5 ns per op and parameter plus dispatch.
 */
import type { BackendWasm } from "./heap";
import { encodeModule, F32, I32, op, V128 } from "./wasm-module";

/** Byte offsets of the tensors, then the byte count (a multiple of 16), then the constants. */
export type AdamSimd = (
  w: number, m: number, v: number, g: number, wOut: number, mOut: number, vOut: number, bytes: number,
  b1: number, c1: number, b2: number, c2: number, d1: number, d2: number, eps: number, step: number,
) => void;

const [W, M, V, G, W_OUT, M_OUT, V_OUT, BYTES, B1, C1, B2, C2, D1, D2, EPS, STEP] = Array.from({ length: 16 }, (_, i) => i);
const [I, GI, MI, VI] = [16, 17, 18, 19];

const address = (base: number) => [...op.localGet(base), ...op.localGet(I), ...op.i32Add];
const load = (base: number) => [...address(base), ...op.v128Load];
const splat = (param: number) => [...op.localGet(param), ...op.f32x4Splat];

const ADAM_BODY = [
  ...op.block,
  ...op.loop,
  ...op.localGet(I), ...op.localGet(BYTES), ...op.i32GeU, ...op.brIf(1),
  ...load(G), ...op.localSet(GI),
  // m' = m·β1 + g·(1-β1)
  ...load(M), ...splat(B1), ...op.f32x4Mul, ...op.localGet(GI), ...splat(C1), ...op.f32x4Mul, ...op.f32x4Add, ...op.localSet(MI),
  // v' = v·β2 + (g·g)·(1-β2)
  ...load(V), ...splat(B2), ...op.f32x4Mul, ...op.localGet(GI), ...op.localGet(GI), ...op.f32x4Mul, ...splat(C2), ...op.f32x4Mul, ...op.f32x4Add, ...op.localSet(VI),
  ...address(M_OUT), ...op.localGet(MI), ...op.v128Store,
  ...address(V_OUT), ...op.localGet(VI), ...op.v128Store,
  // w' = ((m'/d1) / (sqrt(v'/d2) + ε)) · (-lr) + w
  ...address(W_OUT),
  ...op.localGet(MI), ...splat(D1), ...op.f32x4Div,
  ...op.localGet(VI), ...splat(D2), ...op.f32x4Div, ...op.f32x4Sqrt, ...splat(EPS), ...op.f32x4Add,
  ...op.f32x4Div, ...splat(STEP), ...op.f32x4Mul, ...load(W), ...op.f32x4Add,
  ...op.v128Store,
  ...op.localGet(I), ...op.i32Const(16), ...op.i32Add, ...op.localSet(I),
  ...op.br(0),
  ...op.end,
  ...op.end,
];

const MODULE = encodeModule([{ name: "adam", params: [...Array(8).fill(I32), ...Array(8).fill(F32)], locals: [I32, V128, V128, V128], body: ADAM_BODY }]);

/** The parts of the WebAssembly global used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Memory: new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const instances = new WeakMap<object, AdamSimd>();

/** The loop bound to this backend's memory, or undefined if that memory is not reachable (another tfjs build). */
export function adamSimd(backend: BackendWasm): AdamSimd | undefined {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (!(memory instanceof wasmApi.Memory)) return undefined;
  let fn = instances.get(memory);
  if (!fn) {
    const instance = new wasmApi.Instance(new wasmApi.Module(MODULE), { env: { memory } });
    fn = instance.exports.adam as AdamSimd;
    instances.set(memory, fn);
  }
  return fn;
}
