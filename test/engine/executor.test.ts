/** The executor in-process: shared exports, prelude names, module lookup, interrupts. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Executor, InterruptedError } from "../../src/engine/executor";

const ROOT = join(__dirname, "..", "..");

test("cells share one exports object; several executors do not share theirs", async () => {
  const a = new Executor(ROOT, ROOT);
  const b = new Executor(ROOT, ROOT);
  await a.run("exports.x = 1;", "[a 1]");
  await a.run("exports.y = exports.x + 1;", "[a 2]");
  await b.run("exports.y = 'other';", "[b 1]");
  expect(a.take("y")).toBe(2);
  expect(a.take("y")).toBeUndefined(); // taken
  expect(b.exports.y).toBe("other");
});

test("a prelude name loads on first use and may be redeclared by a cell", async () => {
  const executor = new Executor(ROOT, ROOT);
  let loads = 0;
  executor.definePrelude("lib", () => (loads++, { version: 1 }));
  await executor.run("exports.v = exports.lib.version;", "[p 1]");
  expect(loads).toBe(1);
  await executor.run("exports.lib = 'mine';", "[p 2]");
  expect(executor.exports.lib).toBe("mine");
});

// (The fallback to tsdl's own packages is covered against a real kernel: jest replaces Node's module loader.)
test("require looks in the notebook's folder", async () => {
  const notebookDir = mkdtempSync(join(tmpdir(), "tsdl-executor-"));
  mkdirSync(join(notebookDir, "node_modules", "local-only"), { recursive: true });
  writeFileSync(join(notebookDir, "node_modules", "local-only", "index.js"), "module.exports = 'from the notebook';");
  const executor = new Executor(notebookDir, ROOT);
  await executor.run("exports.local = require('local-only');", "[r 1]");
  expect(executor.take("local")).toBe("from the notebook");
});

test("errors reject the run; interrupt ends a cell that awaits forever", async () => {
  const executor = new Executor(ROOT, ROOT);
  await expect(executor.run("throw new RangeError('no');", "[e 1]")).rejects.toThrow("no");
  const pending = executor.run("await new Promise(() => {});", "[e 2]");
  await new Promise((resolve) => setImmediate(resolve)); // the cell starts on the next macrotask
  executor.interrupt();
  await expect(pending).rejects.toBeInstanceOf(InterruptedError);
});
