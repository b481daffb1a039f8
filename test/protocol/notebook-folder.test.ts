/**
 * A kernel started in a notebook folder with no node_modules of its own (a fresh temp dir): cells
 * still see the kernel's packages and Node's global types (tslab-compiler-worker.ts's fallback).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningKernel } from "../../src/client/launch";
import { startKernel, textOf } from "./helpers";

let kernel: RunningKernel;
const folder = mkdtempSync(join(tmpdir(), "tsdl-notebook-folder-"));
beforeAll(async () => {
  kernel = await startKernel(folder);
}, 120_000);
afterAll(async () => {
  await kernel?.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

test("Node's globals type-check: console, process, Buffer, require", async () => {
  const { reply, outputs } = await kernel.client.execute('const b: Buffer = Buffer.from("ab");\nconsole.log(typeof process.pid, b.length, typeof require("node:fs").readFileSync);', { timeoutMs: 120_000 });
  expect(reply.content).toMatchObject({ status: "ok" });
  expect(textOf(outputs)).toBe("number 2 function\n");
});

test("the kernel's own packages import by name", async () => {
  const { reply, outputs } = await kernel.client.execute('import { version_core } from "@tensorflow/tfjs";\nversion_core', { timeoutMs: 120_000 });
  expect(reply.content).toMatchObject({ status: "ok" });
  expect(textOf(outputs)).toMatch(/4\.22\.0/);
});
