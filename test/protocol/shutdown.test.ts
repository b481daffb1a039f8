/**
 * shutdown_request ends the kernel process promptly (the kernel's deadline is 1 s; the
 * bounds here are generous for a loaded machine) whatever the cells left behind: timers,
 * intervals, listening servers, file watchers. restart: true ends it too (the manager starts a
 * new one). A cell that keeps the main thread busy cannot stop it either.
 */
import { existsSync, mkdtempSync, readFileSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningKernel, launchKernel } from "../../src/client/launch";
import { startKernel } from "./helpers";

const EXIT_BOUND_MS = 10_000;

/** The exit code, or "still running" if the process outlived the bound. */
function exitWithin(kernel: RunningKernel, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve("still running"), ms)));
  return Promise.race([kernel.exited, late]).finally(() => clearTimeout(timer));
}

const LEFTOVERS = readFileSync(join(__dirname, "../fixtures/cells/open-handles.txt"), "utf8");

test.each([false, true])("with timers, an interval, a server and a watcher left open, shutdown_request (restart: %s) ends the process with code 0", async (restart) => {
  // The kernel's stderr is kept: once, under a full test run's load, this exit was SIGABRT, and its log is the lead.
  const kernel = await launchKernel({ stderr: "pipe" });
  let log = "";
  kernel.process.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString("utf8")).slice(-4000)));
  try {
    expect((await kernel.client.execute(LEFTOVERS, { timeoutMs: 60_000 })).reply.content.status).toBe("ok");
    const reply = await kernel.client.request("control", "shutdown_request", { restart });
    expect(reply.content).toEqual({ status: "ok", restart });
    expect({ exit: await exitWithin(kernel, EXIT_BOUND_MS), log }).toEqual({ exit: 0, log: expect.any(String) });
  } finally {
    await kernel.shutdown();
  }
}, 120_000);

test("a cell stuck in a synchronous loop does not keep the process alive after shutdown_request", async () => {
  const kernel = await startKernel();
  const dir = mkdtempSync(join(tmpdir(), "tsdl-shutdown-"));
  const marker = join(dir, "looping");
  try {
    const looping = new Promise<void>((resolve) => {
      const watcher = watch(dir, () => existsSync(marker) && (watcher.close(), resolve()));
    });
    kernel.client.execute(`require("fs").writeFileSync(${JSON.stringify(marker)}, "");\nwhile (true) {}`).catch(() => undefined);
    await looping;
    // The main thread cannot answer; the sentinel ends the process.
    await kernel.client.sendRaw("control", kernel.client.encode("shutdown_request", { restart: false }).frames);
    expect(await exitWithin(kernel, EXIT_BOUND_MS)).not.toBe("still running");
  } finally {
    await kernel.shutdown();
  }
}, 120_000);
