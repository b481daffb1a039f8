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
