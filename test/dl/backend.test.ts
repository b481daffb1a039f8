import { spawnSync } from "child_process";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { hasCudaGpu, initBackend, parseForcedBackend, resolveRealPackage } from "../../src/dl/backend";

const BACKEND_TS = path.join(__dirname, "../../src/dl/backend.ts");
const BANNER = /looks like you are running TensorFlow\.js in Node\.js/;

/** These machines cannot install tfjs-node (only danfo's shim is there); elsewhere node would win. */
const hasRealTfjsNode = (() => {
  try {
    return Boolean(resolveRealPackage("@tensorflow/tfjs-node"));
  } catch {
    return false;
  }
})();

/** Runs `body` in a fresh node (fresh tfjs state), with .ts files transpiled on require. */
function runInFreshNode(body: string): { stdout: string; stderr: string } {
  const script = `
    const ts = require("typescript"), fs = require("fs");
    require.extensions[".ts"] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, "utf8"),
      { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, file);
    (async () => { ${body} })().catch((e) => { console.error("FAILED", e); process.exit(1); });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, "../.."), encoding: "utf8", env: { ...process.env, TSDL_BACKEND: "" } });
  expect(run.stderr).not.toContain("FAILED");
  return { stdout: run.stdout, stderr: run.stderr };
}

test("importing backend.ts loads no tfjs; initBackend does", () => {
  const { stdout } = runInFreshNode(`
    const { initBackend } = require(${JSON.stringify(BACKEND_TS)});
    const loaded = () => Object.keys(require.cache).some((f) => f.includes("@tensorflow"));
    console.log(JSON.stringify({ before: loaded() }));
    await initBackend({ backend: "cpu" });
    console.log(JSON.stringify({ after: loaded() }));`);
  expect(stdout).toContain('{"before":false}');
  expect(stdout).toContain('{"after":true}');
});

test("tfjs's Node.js banner is silenced for the chosen backend and for cpu", () => {
  const control = runInFreshNode(`const tf = require("@tensorflow/tfjs"); tf.tensor([1, 2]).dispose();`);
  expect(control.stderr + control.stdout).toMatch(BANNER); // the banner is real without tsdl
  const { stdout, stderr } = runInFreshNode(`
    const tf = require("@tensorflow/tfjs");
    const { initBackend } = require(${JSON.stringify(BACKEND_TS)});
    const choice = await initBackend();
    tf.tensor([1, 2]).square().dataSync();
    await tf.setBackend("cpu");
    tf.tensor([1, 2]).square().dataSync();
    console.log(choice.reason);`);
  expect(stdout + stderr).not.toMatch(BANNER);
  expect(stderr).toBe("");
  // tsdl installs no tfjs-node (its install script needs a download); someone who did gets it.
  expect(stdout).toMatch(hasRealTfjsNode ? /^tfjs-node / : /^wasm \(WebAssembly SIMD/);
});

describe("in this process", () => {
  afterAll(() => tf.setBackend("cpu"));

  test("picks the fastest backend that loads (wasm without tfjs-node), explaining why faster ones were skipped", async () => {
    const choice = await initBackend({ env: {} });
    if (hasRealTfjsNode) {
      expect(choice).toMatchObject({ name: "node", tried: [{ name: "gpu" }] });
      return;
    }
    expect(choice.name).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(choice.tried.map((t) => t.name)).toEqual(["gpu", "node"]);
    expect(choice.tried[0].error).toMatch(/tfjs-node-gpu is not installed/);
    expect(choice.tried[1].error).toMatch(/resolves to tsdl-tfjs-node-shim/);
    expect(choice.reason).toMatch(/fastest that loads here, skipped gpu .*node/);
    expect(choice.fastKernels).toContain("Conv2DBackpropFilter");
  });

  test("TSDL_BACKEND forces a backend", async () => {
    const choice = await initBackend({ env: { TSDL_BACKEND: "cpu" } });
    expect(choice).toMatchObject({ name: "cpu", tfName: "cpu", tried: [] });
    expect(choice.reason).toMatch(/forced by TSDL_BACKEND=cpu/);
    expect(tf.getBackend()).toBe("cpu");
  });

  test("a forced backend that cannot load is a clear error", async () => {
    if (!hasRealTfjsNode) await expect(initBackend({ env: { TSDL_BACKEND: "node" } })).rejects.toThrow(/TSDL_BACKEND=node cannot be loaded: node: .*tsdl-tfjs-node-shim/);
    if (!hasCudaGpu()) await expect(initBackend({ env: { TSDL_BACKEND: "gpu" } })).rejects.toThrow(/TSDL_BACKEND=gpu cannot be loaded/);
    expect(() => parseForcedBackend("webgl")).toThrow(/not one of gpu\|node\|wasm\|cpu/);
  });

  test("TSDL_FAST_KERNELS=0 leaves tfjs's own kernels", async () => {
    await initBackend({ env: { TSDL_BACKEND: "wasm" } });
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeDefined();
    const choice = await initBackend({ env: { TSDL_BACKEND: "wasm", TSDL_FAST_KERNELS: "0" } });
    expect(choice.fastKernels).toEqual([]);
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeUndefined();
  });
});

test("resolveRealPackage tells a stand-in from the real package", () => {
  // From danfo's folder @tensorflow/tfjs-node is always tsdl's shim (package.json's override).
  const danfo = path.dirname(require.resolve("danfojs-node/package.json"));
  expect(() => resolveRealPackage("@tensorflow/tfjs-node", danfo)).toThrow(/tsdl-tfjs-node-shim/);
  expect(() => resolveRealPackage("@tensorflow/no-such-package")).toThrow(/not installed/);
  expect(resolveRealPackage("@tensorflow/tfjs")).toMatch(/tfjs[\\/]dist[\\/]tf\.node\.js$/);
});
