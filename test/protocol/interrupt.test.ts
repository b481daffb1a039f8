/**
 * A kernel busy in a runaway cell stays alive to the frontend: the heartbeat answers while a cell
 * loops synchronously (it lives in the sentinel thread), and interrupt_request (on control, or on
 * shell as before protocol 5.3) and SIGINT stop every kind of runaway cell with state intact.
 */
import { existsSync, mkdtempSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningKernel } from "../../src/client/launch";
import { startKernel, textOf } from "./helpers";

let kernel: RunningKernel;
const markers = mkdtempSync(join(tmpdir(), "tsdl-interrupt-"));
let started = 0;

beforeAll(async () => {
  kernel = await startKernel();
  await kernel.client.execute("const survivor = 99;");
}, 120_000);
afterAll(() => kernel?.shutdown());

/** Resolves when `path` exists (the cell wrote it synchronously, just before it runs away). */
function fileAppears(path: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      watcher.close();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const watcher = watch(markers, () => existsSync(path) && done());
    const timer = setTimeout(() => done(new Error(`the cell did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    if (existsSync(path)) done();
  });
}

/**
 * Runs `code` and resolves once it runs away (not compiling, not queued). MARK in the code writes
 * the marker file: before a synchronous loop, or from a later macrotask for a cell that awaits
 * (when the engine has finished starting it: Node may drop a SIGINT that lands just as
 * `vm`'s breakOnSigint ends).
 */
async function startRunaway(code: string) {
  const marker = join(markers, `started-${++started}`);
  const mark = `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`;
  const running = kernel.client.execute(code.replace("MARK", mark), { timeoutMs: 60_000 });
  await fileAppears(marker);
  return { running };
}

async function expectStateSurvived(): Promise<void> {
  expect(textOf((await kernel.client.execute("survivor", { timeoutMs: 60_000 })).outputs)).toBe("99");
  expect(await kernel.client.heartbeat(5000)).toBe(true);
}

type How = "control" | "shell" | "SIGINT";
const LOOP = "MARK;\nwhile (true) {}";
const PENDING = "setImmediate(() => MARK);\nawait new Promise(() => {});";
const cases: [string, How, string][] = [
  ["a synchronous loop", "control", LOOP],
  ["a pending promise", "control", PENDING],
  ["a loop after await", "control", "await null;\nMARK;\nwhile (true) {}"],
  ["a pending promise", "shell", PENDING],
  ["a synchronous loop", "SIGINT", LOOP],
  ["a pending promise", "SIGINT", PENDING],
];

test.each(cases)("interrupting %s (interrupt by %s) ends the cell with Interrupted and keeps state", async (_name, how, code) => {
  const { running } = await startRunaway(code);
  if (how === "SIGINT") kernel.process.kill("SIGINT");
  else expect((await kernel.client.request(how, "interrupt_request", {}, 30_000)).content).toEqual({ status: "ok" });
  const { reply } = await running;
  // Interrupted, not finished: a cell that ran to its end would reply status "ok".
  expect(reply.content).toMatchObject({ status: "error", ename: "Interrupted" });
  await expectStateSurvived();
}, 90_000);

test("the heartbeat answers while a cell loops synchronously", async () => {
  const { running } = await startRunaway(LOOP);
  for (let i = 0; i < 3; i++) expect(await kernel.client.heartbeat(1000)).toBe(true);
  await kernel.client.request("control", "interrupt_request", {}, 30_000);
  expect((await running).reply.content).toMatchObject({ ename: "Interrupted" });
}, 90_000);
