/**
 * `tsdl grade` stopped in the middle of a submission, by SIGTERM (a batch system's time limit)
 * or SIGINT (Ctrl-C): it exits with 128 + the signal's number and leaves no kernel process and
 * no temporary folder (kernel runtime folder, sandbox folder) behind.
 */
import { ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { withKernelSlot } from "../runner/helpers";
import { ROOT, SQUARE, TINY_SOURCE, scratchDir, writeSubmission } from "./helpers";

const LIVENESS_MS = 120_000;

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + LIVENESS_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Living (not zombie) processes under pid, from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    const stat = statOf(Number(entry));
    if (stat && stat.state !== "Z") parentOf.set(Number(entry), stat.ppid);
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

function statOf(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined; // gone meanwhile
  }
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && statOf(pid)?.state !== "Z";

test.each([["SIGTERM", 143], ["SIGINT", 130]] as const)("%s during a submission: exit code %d, no kernel and no temporary folder left", (signal, code) =>
  withKernelSlot(async () => {
    const dir = scratchDir();
    chmodSync(dir, 0o755);
    const tmp = join(dir, "tmp");
    mkdirSync(tmp, { mode: 0o755 });
    const submission = writeSubmission(join(dir, "submissions"), "looping", { square: `${SQUARE}\nwhile (true) {}` });
    const grader: ChildProcess = spawn(process.execPath, [join(ROOT, "bin", "tsdl.js"), "grade", TINY_SOURCE, submission, "--out", join(dir, "out"), "--jobs", "1", "--timeout", "600"], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    grader.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => grader.once("exit", (c) => resolve(c)));
    // The kernel is up once its runtime folder holds more than the connection file (its sockets).
    await until("the graded kernel's sockets", () => {
      const runtime = readdirSync(tmp).find((name) => name.startsWith("tsdl-kernel-"));
      return runtime && readdirSync(join(tmp, runtime)).length > 1 ? runtime : undefined;
    });
    const processes = descendants(grader.pid!);
    expect(processes.length).toBeGreaterThan(0);
    grader.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toContain(`tsdl: ${signal}: stopping its kernels`);
    await until("every process of the submission to end", () => (processes.some(alive) ? undefined : true));
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }),
  LIVENESS_MS * 2,
);
