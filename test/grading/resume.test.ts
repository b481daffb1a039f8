/**
 * A `tsdl grade` stopped mid-run (a batch system's preemption, or Ctrl-C) leaves no process of a
 * submission running, and the rerun keeps what was finished: only the rest is graded.
 */
import { ChildProcess, spawn } from "node:child_process";
import { chmodSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runCli, withKernelSlot } from "../runner/helpers";
import { HALVE, ROOT, SQUARE, TINY_SOURCE, scratchDir, writeSubmission } from "./helpers";

const dir = scratchDir();
const out = join(dir, "out");
const HEADER = "submission,square_test,halve_test,square_again_test,why_answer,total,max,status";

/** Command lines of the processes that mention dir: the sandboxes and kernels of this run (TMPDIR is dir). */
function processesUnder(path: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmdline.includes(path) && Number(pid) !== process.pid) found.push(`${pid}: ${cmdline.slice(0, 200)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Resolves once stderr matches `pattern`; rejects if the process ends first. */
function stderrMatches(child: ChildProcess, pattern: RegExp): Promise<void> {
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (pattern.test(stderr)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`tsdl grade ended (${code}) before ${pattern}:\n${stderr}`)));
  });
}

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("stopped after the first submission: nothing of the second keeps running, and the rerun grades only the second", async () => {
  // The sandboxes' folders live under TMPDIR (dir), where the sandbox's uid must reach its mount points.
  chmodSync(dir, 0o755);
  const alice = writeSubmission(join(dir, "subs"), "alice", { square: SQUARE, halve: HALVE });
  const zoe = writeSubmission(join(dir, "subs"), "zoe", { square: `${SQUARE}\nwhile (true) {}`, halve: HALVE });
  const args = ["grade", TINY_SOURCE, alice, zoe, "--out", out, "--jobs", "1", "--timeout", "15"];
  await withKernelSlot(async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "tsdl.js"), ...args], { env: { ...process.env, TMPDIR: dir }, stdio: ["ignore", "ignore", "pipe"] });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await stderrMatches(child, /^\[1\/2\] alice: 7\/8 \(ok\)/m);
    // zoe's sandbox is starting, or its kernel is looping
    child.kill("SIGTERM");
    await exited;
  });
  await until(() => processesUnder(dir).length === 0, 30_000, () => `still running after tsdl grade ended:\n${processesUnder(dir).join("\n")}`);
  const rerun = await runCli(args);
  expect(rerun.code).toBe(0);
  expect(rerun.stderr).toMatch(/^\[1\/2\] alice: 7\/8 \(ok\) unchanged, not rerun$/m);
  expect(rerun.stderr).toMatch(/^\[2\/2\] zoe: 7\/8 \(timeout\) [\d.]+ s$/m);
  expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toBe(`${HEADER}\nalice,2,4,1,0,7,8,ok\nzoe,2,4,1,0,7,8,timeout\n`);
}, 600_000);
