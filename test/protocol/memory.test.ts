/**
 * Re-running a training cell, as students do, must not leak: tensors and the JS heap stay flat
 * and RSS stays bounded. The cell goes through the prelude's paths that could hold tensors: the dl progress
 * callback, display of a model (renderer) and the kernel's display of the last value.
 * A huge allocation fails the cell clearly and the kernel survives.
 */
import type { RunningKernel } from "../../src/client/launch";
import { ofType, startKernel, textOf } from "./helpers";

let kernel: RunningKernel;
beforeAll(async () => {
  kernel = await startKernel();
}, 120_000);
afterAll(() => kernel?.shutdown());

/** Written as a student would: everything created and disposed in the cell. */
const TRAINING_CELL = `
const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: "relu", inputShape: [8] }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: "adam", loss: "meanSquaredError" });
const xs = tf.randomNormal([64, 8]);
const ys = xs.sum(1, true);
const history = await model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0, callbacks: [dl.callbacks.progress()] });
display(model);
tf.dispose([xs, ys]);
model.dispose();
history.history.loss.length`;

interface Usage {
  tensors: number;
  rss: number;
  heapUsed: number;
  /** Native memory of the main isolate: Buffers, ArrayBuffers. */
  external: number;
  /** The wasm backend's WebAssembly memory (0 on another backend); it can grow, never shrink. */
  wasmMemory: number;
}

async function execute(code: string) {
  const { reply, outputs } = await kernel.client.execute(code, { timeoutMs: 120_000 });
  if (reply.content.status !== "ok") throw new Error(`cell failed: ${reply.content.ename}: ${reply.content.evalue}`);
  return outputs;
}

/** Everything the cell printed or showed, as text. */
async function run(code: string): Promise<string> {
  return textOf(await execute(code));
}

/** The text/plain of the cell's execute_result alone (not its progress bar or model summary). */
async function result(code: string): Promise<string> {
  const results = ofType(await execute(code), "execute_result");
  expect(results).toHaveLength(1);
  return String((results[0].content.data as Record<string, unknown>)["text/plain"]);
}

/**
 * Measured inside the kernel process after a full garbage collection, so RSS counts what is
 * still referenced, not garbage V8 has not collected yet (the kernel runs without --expose-gc;
 * the flag set at run time makes `gc` available to a fresh context).
 */
async function usage(): Promise<Usage> {
  const text = await run(
    'require("v8").setFlagsFromString("--expose-gc");\n(require("vm").runInNewContext("gc") as () => void)();\n' +
      "const { rss, heapUsed, external } = process.memoryUsage();\n" +
      "const wasmMemory = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8.length ?? 0;\n" +
      "console.log(JSON.stringify({ tensors: tf.memory().numTensors, rss, heapUsed, external, wasmMemory }))",
  );
  return JSON.parse(text) as Usage;
}

const MB = 2 ** 20;

test("100 runs of a small training cell keep tensors, the JS heap, native and wasm memory flat, and RSS bounded", async () => {
  const seen: Record<number, Usage> = {};
  for (let runNo = 1; runNo <= 100; runNo++) {
    expect(await result(TRAINING_CELL)).toBe("1"); // one epoch of loss history
    if (runNo === 2 || runNo === 10 || runNo === 100) seen[runNo] = await usage();
  }
  const growth = (key: keyof Usage) => (seen[100][key] - seen[10][key]) / MB;
  console.log(`growth run 10 -> 100 (MB): RSS ${growth("rss").toFixed(1)}, JS heap ${growth("heapUsed").toFixed(1)}, external ${growth("external").toFixed(1)}, wasm ${growth("wasmMemory").toFixed(1)}`);
  expect(seen[100].tensors).toBe(seen[2].tensors);
  expect(growth("heapUsed")).toBeLessThan(20);
  expect(growth("external")).toBeLessThan(20);
  expect(growth("wasmMemory")).toBeLessThan(20);
  // RSS also holds the compiler worker's heap, which the gc() above does not reach: every cell's
  // type checker is garbage there until V8 collects it, within a young generation of up to 384 MB
  // (worker-compiler.ts). Over 150 runs it moved between 545 and 831 MB, up and down, so this
  // bound is loose; the guards above catch a leak in the kernel's own memory precisely.
  expect(growth("rss")).toBeLessThan(512);
}, 600_000);

test("a huge tensor fails its cell with a clear error and the kernel survives", async () => {
  await run("const before = tf.memory().numTensors;");
  const { reply } = await kernel.client.execute("const huge = tf.zeros([1e6, 1e6]);", { timeoutMs: 120_000 });
  expect(reply.content.status).toBe("error");
  expect(`${reply.content.ename}: ${reply.content.evalue}`).toMatch(/length|memory|size|allocat/i);
  expect(await result("tf.memory().numTensors - before")).toBe("0");
  expect(await result("tf.tensor([1, 2, 3]).sum().dataSync()[0]")).toBe("6");
  expect(await kernel.client.heartbeat(5000)).toBe(true);
}, 180_000);
