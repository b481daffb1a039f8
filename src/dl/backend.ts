/**
 * The one place that decides which TensorFlow.js backend a session uses.
 *
 * Importing this file loads nothing from tfjs: `initBackend` imports it, so a
 * kernel that never touches tensors never pays for tfjs (~1 s to import).
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import type * as TF from "@tensorflow/tfjs";

export type BackendName = "gpu" | "node" | "wasm" | "cpu";

export const BACKEND_ORDER: readonly BackendName[] = ["gpu", "node", "wasm", "cpu"];

export interface BackendAttempt {
  name: BackendName;
  error: string;
}

export interface BackendChoice {
  /** tsdl's name for the backend (what TSDL_BACKEND accepts). */
  name: BackendName;
  /** The name tfjs knows it by (`tf.getBackend()`). */
  tfName: string;
  /** One line for the user: what runs and why it was chosen. */
  reason: string;
  /** Faster backends that were tried first and why they could not load. */
  tried: BackendAttempt[];
  /** Kernels tsdl registered over the backend's own (empty when disabled). */
  fastKernels: string[];
}

export interface InitBackendOptions {
  /** Force one backend; defaults to TSDL_BACKEND, else the fastest that loads. */
  backend?: BackendName;
  /** Register tsdl's kernels; defaults to TSDL_FAST_KERNELS !== "0". */
  fastKernels?: boolean;
  /** Environment to read TSDL_* from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

interface Candidate {
  tfName: string;
  /** Loads the backend and makes it active; returns what to tell the user. */
  load(tf: typeof TF): Promise<string>;
}

const CANDIDATES: Record<BackendName, Candidate> = {
  gpu: { tfName: "tensorflow", load: loadTfjsNodeGpu },
  node: { tfName: "tensorflow", load: loadTfjsNode },
  wasm: { tfName: "wasm", load: loadWasm },
  cpu: { tfName: "cpu", load: loadCpu },
};

let lastChoice: BackendChoice | null = null;

/** The backend tfjs runs on, as `initBackend` last chose it; null before tfjs is first used. */
export function backendInfo(): BackendChoice | null {
  return lastChoice;
}

export async function initBackend(options: InitBackendOptions = {}): Promise<BackendChoice> {
  const env = options.env ?? process.env;
  const forced = options.backend ?? parseForcedBackend(env.TSDL_BACKEND);
  const forcedBy = options.backend ? `initBackend({backend: "${forced}"})` : `TSDL_BACKEND=${forced}`;
  const tf = await import("@tensorflow/tfjs");
  const tried: BackendAttempt[] = [];
  for (const name of forced ? [forced] : BACKEND_ORDER) {
    const detail = await tryLoad(tf, name, tried);
    if (detail === undefined) continue;
    silenceFirstUseBanner(tf);
    const fastKernels = await registerFastKernels(name, options.fastKernels ?? env.TSDL_FAST_KERNELS !== "0");
    lastChoice = { name, tfName: tf.getBackend(), reason: describeChoice(detail, forced && forcedBy, tried), tried, fastKernels };
    return lastChoice;
  }
  const why = tried.map((t) => `${t.name}: ${t.error}`).join("; ");
  throw new Error(forced ? `${forcedBy} cannot be loaded: ${why}` : `no tfjs backend could be loaded: ${why}`);
}

/** Reads TSDL_BACKEND; a typo must fail loudly rather than silently pick another backend. */
export function parseForcedBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === "") return undefined;
  const name = value.trim().toLowerCase();
  if ((BACKEND_ORDER as readonly string[]).includes(name)) return name as BackendName;
  throw new Error(`TSDL_BACKEND=${value} is not one of ${BACKEND_ORDER.join("|")}`);
}

/** Returns the load detail, or undefined after recording why `name` failed. */
async function tryLoad(tf: typeof TF, name: BackendName, tried: BackendAttempt[]): Promise<string | undefined> {
  try {
    return await CANDIDATES[name].load(tf);
  } catch (err) {
    tried.push({ name, error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

function describeChoice(detail: string, forcedBy: string | undefined, tried: BackendAttempt[]): string {
  if (forcedBy) return `${detail}; forced by ${forcedBy}`;
  const skipped = tried.map((t) => `${t.name} (${t.error})`).join(", ");
  return skipped ? `${detail}; fastest that loads here, skipped ${skipped}` : `${detail}; fastest available`;
}

/** Registers tsdl's kernels, or puts tfjs's own back when disabled (TSDL_FAST_KERNELS=0). */
async function registerFastKernels(name: BackendName, enabled: boolean): Promise<string[]> {
  const { registerKernels, unregisterKernels } = await import("./kernels");
  const tfName = CANDIDATES[name].tfName;
  if (enabled) return registerKernels(tfName);
  unregisterKernels(tfName);
  return [];
}

// ---- candidates -------------------------------------------------------------

async function loadTfjsNodeGpu(tf: typeof TF): Promise<string> {
  const main = resolveRealPackage("@tensorflow/tfjs-node-gpu");
  if (!hasCudaGpu()) throw new Error("no CUDA GPU found (/proc/driver/nvidia, nvidia-smi)");
  await activateTensorflowBackend(tf, main);
  return "tfjs-node-gpu (libtensorflow with CUDA)";
}

async function loadTfjsNode(tf: typeof TF): Promise<string> {
  await activateTensorflowBackend(tf, resolveRealPackage("@tensorflow/tfjs-node"));
  return "tfjs-node (native libtensorflow, multi-threaded)";
}

async function activateTensorflowBackend(tf: typeof TF, main: string): Promise<void> {
  // libtensorflow logs C++ INFO lines to stderr unless told otherwise (its own env var).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";
  // tfjs-node re-sets the 'node' platform on import and tfjs-core warns about it
  // ("Platform node has already been set"); that warning is gated by PROD.
  withProdMode(tf, () => require(main));
  await setBackendOrThrow(tf, "tensorflow");
}

async function loadWasm(tf: typeof TF): Promise<string> {
  const wasm: typeof import("@tensorflow/tfjs-backend-wasm") = require("@tensorflow/tfjs-backend-wasm");
  // Under CommonJS the binaries sit next to the dist entry; tfjs concatenates the
  // prefix and the file name, hence the trailing separator.
  wasm.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep);
  // tfjs cannot start wasm worker threads in Node (they are Blob-URL workers), so
  // pin XNNPACK to one thread instead of letting it probe.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  wasm.setThreadsCount(1);
  await setBackendOrThrow(tf, "wasm");
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  return `wasm (WebAssembly${simd ? " SIMD" : ", no SIMD"}, XNNPACK, 1 thread)`;
}

async function loadCpu(tf: typeof TF): Promise<string> {
  await setBackendOrThrow(tf, "cpu");
  return "cpu (plain JavaScript, slowest)";
}

/**
 * tf.setBackend resolves to false when a backend's init fails and only
 * console.warns the cause (engine.initializeBackend); capture it as the error.
 */
async function setBackendOrThrow(tf: typeof TF, tfName: string): Promise<void> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  try {
    if (!(await tf.setBackend(tfName))) throw new Error(warnings.join(" ").trim() || `tf.setBackend('${tfName}') failed`);
  } finally {
    console.warn = warn;
  }
}

// ---- environment probes -----------------------------------------------------

/**
 * Resolves a tfjs-node package and returns its main file. danfojs-node makes us
 * install a shim under the same name that just re-exports @tensorflow/tfjs, so
 * the resolved package.json's name is what tells the real package apart.
 */
export function resolveRealPackage(pkg: string, from: string = __dirname): string {
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${pkg}/package.json`, { paths: [from] });
  } catch {
    throw new Error(`${pkg} is not installed`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: string; main?: string };
  if (manifest.name !== pkg) throw new Error(`${pkg} resolves to ${manifest.name ?? "an unnamed package"} (a stand-in), not the real package`);
  return path.join(path.dirname(manifestPath), manifest.main ?? "index.js");
}

export function hasCudaGpu(): boolean {
  if (existsSync("/proc/driver/nvidia/version")) return true;
  const probe = spawnSync("nvidia-smi", ["-L"], { stdio: "ignore", timeout: 5000 });
  return probe.status === 0;
}

// ---- console noise ----------------------------------------------------------

/**
 * tfjs-backend-cpu warns "Hi, looks like you are running TensorFlow.js in
 * Node.js ... install tfjs-node" on its first tensor write (MathBackendCPU.write),
 * through backend_util.warn, which is silent while the documented PROD flag is
 * set. Spend that first write under PROD, for the active backend and for cpu
 * (which tfjs instantiates lazily if anything later switches to it). Later
 * tfjs warnings stay visible.
 */
function silenceFirstUseBanner(tf: typeof TF): void {
  withProdMode(tf, () => {
    for (const backend of new Set([tf.backend(), tf.findBackend("cpu")])) {
      if (backend) backend.disposeData(backend.write(new Float32Array(1), [1], "float32"));
    }
  });
}

function withProdMode<T>(tf: typeof TF, fn: () => T): T {
  const wasProd = tf.env().getBool("PROD");
  tf.env().set("PROD", true);
  try {
    return fn();
  } finally {
    tf.env().set("PROD", wasProd);
  }
}
