/**
 * The TypeScript engine in-process, without a kernel: constructing it changes no global state,
 * and cells compile, run, keep their declarations and fail with cell lines.
 */
import { join } from "node:path";
import type { KernelIO, ExecuteOutcome } from "../../src/kernel/language";
import { TypeScriptLanguage } from "../../src/engine/typescript-language";
// The compiler runs in a worker thread whose script exists only as built JavaScript.
import { WorkerCompiler } from "../../dist/engine/worker-compiler";

const ROOT = join(__dirname, "..", "..");

interface Captured {
  streams: string[];
  displays: unknown[];
}

function fakeIO(): KernelIO & Captured {
  const streams: string[] = [];
  const displays: unknown[] = [];
  return {
    requestId: "request-1",
    streams,
    displays,
    stream: (name, text) => void streams.push(`${name}:${text}`),
    display: (output) => void displays.push(output.data),
    clearOutput: () => undefined,
    input: async () => "",
  };
}

function globalState() {
  return {
    console: globalThis.console,
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    rejectionListeners: process.listenerCount("unhandledRejection"),
    exceptionListeners: process.listenerCount("uncaughtException"),
    globalSymbols: Object.getOwnPropertySymbols(globalThis).length,
    globalNames: Object.getOwnPropertyNames(globalThis).length,
  };
}

let language: TypeScriptLanguage;
let count = 0;
const run = (code: string, io = fakeIO()): Promise<ExecuteOutcome> =>
  language.execute({ code, silent: false, storeHistory: true, executionCount: ++count }, io);

beforeAll(() => {
  const before = globalState();
  language = new TypeScriptLanguage(new WorkerCompiler(ROOT), ROOT, ROOT, "banner");
  expect(globalState()).toEqual(before);
});

afterAll(() => language.shutdown());

test("declarations persist across cells and the last expression is the result", async () => {
  expect(await run("const answer: number = 41;")).toEqual({ status: "ok" });
  expect(await run("answer + 1")).toEqual({ status: "ok", result: { data: { "text/plain": "42" } } });
  expect(globalState().globalSymbols).toBe(Object.getOwnPropertySymbols(globalThis).length);
});

test("a type error fails its own cell with cell:line:column", async () => {
  const outcome = await run("const s: string = 1;");
  expect(outcome).toMatchObject({ status: "error", ename: "TSError" });
  expect((outcome as { evalue: string }).evalue).toMatch(/^\[cell \d+\]:1:7 - error TS2322/);
});

test("the kernel's own test tooling declares no globals for cells; Node's globals stay", async () => {
  // This checkout's node_modules/@types holds jest's types, which declare `describe` globally.
  const outcome = await run("typeof describe");
  expect(outcome).toMatchObject({ status: "error", ename: "TSError" });
  expect((outcome as { evalue: string }).evalue).toMatch(/Cannot find name 'describe'/);
  expect(await run("const pid: number = process.pid; typeof Buffer.from")).toMatchObject({ status: "ok", result: { data: { "text/plain": "'function'" } } });
});

test("completing `t` offers tf before any cell used it; `tf.` lists its members", async () => {
  expect((await language.complete("const x = t", 11)).matches).toContain("tf");
  expect((await language.complete("tf.", 3)).matches).toEqual(expect.arrayContaining(["tensor", "sequential"]));
});

test("a runtime error names the cell line and hides the engine's frames", async () => {
  const outcome = await run("function boom(): never {\n  throw new RangeError('too far');\n}\nboom();");
  expect(outcome).toMatchObject({ status: "error", ename: "RangeError", evalue: "too far" });
  const traceback = (outcome as { traceback: string[] }).traceback.join("\n");
  expect(traceback).toMatch(/line 2\)?\s+throw new RangeError/);
  expect(traceback).not.toMatch(/src[\\/]engine|dist[\\/]engine|node:internal/);
});

test("an interrupt ends a cell that awaits forever; its variables stay", async () => {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const io = { ...fakeIO(), input: () => (started(), new Promise<string>(() => {})) };
  const pending = run("const before = 7;\nawait input();", io);
  await running;
  language.interrupt();
  expect(await pending).toMatchObject({ status: "error", ename: "Interrupted" });
  expect(await run("before")).toMatchObject({ result: { data: { "text/plain": "7" } } });
});

const ASYNC_DISPLAYABLE = `class Later {
  async [Symbol.for("Jupyter.display")]() {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { "text/html": "<b>later</b>" };
  }
}`;

test("an async display method is awaited for the cell's result", async () => {
  await run(ASYNC_DISPLAYABLE);
  expect(await run("new Later()")).toMatchObject({ status: "ok", result: { data: { "text/html": "<b>later</b>", "text/plain": "Later {}" } } });
});

test.each([
  ["throws", `class Broken { [Symbol.for("Jupyter.display")](): never { throw new Error("no bundle today"); } }\nnew Broken()`, /method of a Broken threw Error: no bundle today/],
  ["rejects", `class Sulky { async [Symbol.for("Jupyter.display")]() { throw new TypeError("not now"); } }\nnew Sulky()`, /method of a Sulky rejected TypeError: not now/],
  ["returns no bundle", `({ [Symbol.for("Jupyter.display")]: () => 42 })`, /method of an object returned 42 instead of a MIME bundle/],
])("a display method that %s fails its cell with a DisplayError naming it, without the kernel's frames", async (_how, code, message) => {
  const outcome = await run(code);
  expect(outcome).toMatchObject({ status: "error", ename: "DisplayError" });
  const { evalue, traceback } = outcome as { evalue: string; traceback: string[] };
  expect(evalue).toMatch(message);
  expect(traceback.join("\n")).not.toMatch(/src[\\/](engine|display|kernel)|dist[\\/]|node:internal/);
});

test("user expressions: each value's bundle or its error; they declare nothing", async () => {
  await run("const base = 20;");
  const results = await language.userExpressions({ sum: "base + 1", later: "new Later()", typo: "bse", statement: "const leaked = 1", prelude: '"plot" as keyof typeof dl' });
  expect(results.sum).toEqual({ status: "ok", data: { "text/plain": "21" }, metadata: {} });
  expect(results.later).toMatchObject({ status: "ok", data: { "text/html": "<b>later</b>" } });
  expect(results.typo).toMatchObject({ status: "error", ename: "TSError", evalue: expect.stringContaining("Cannot find name 'bse'") });
  expect(results.statement).toMatchObject({ status: "error", ename: "TSError" });
  expect(results.prelude).toEqual({ status: "ok", data: { "text/plain": "'plot'" }, metadata: {} });
  expect(await run("typeof leaked")).toMatchObject({ status: "error", ename: "TSError" });
});
