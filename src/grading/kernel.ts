/**
 * Starts the kernel a submission is graded in: sandboxed (see sandbox.ts) over Jupyter's ipc
 * transport, or, with --no-sandbox, a plain kernel in an empty temporary folder. Either way the
 * kernel runs in grading mode (TSDL_GRADING=1: cells cannot rebind `assert` and `grade`).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { folderRemovedAtExit } from "../client/exit-cleanup";
import { RunningKernel, launchKernel } from "../client/launch";
import type { GradedKernel } from "./execute";
import { Sandbox } from "./sandbox";

export interface KernelOptions {
  sandbox: boolean;
  memoryMb: number;
}

const LOG_CHARS = 64 * 1024;
const START_TIMEOUT_MS = 120_000;

/** Variables passed through to the graded kernel (everything else stays outside). */
const PASSED_ENV = ["TSDL_BACKEND", "TSDL_FAST_KERNELS"];

export async function startGradedKernel(options: KernelOptions): Promise<GradedKernel> {
  const env: Record<string, string> = { TSDL_GRADING: "1" };
  for (const name of PASSED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]!;
  let log = "";
  const cleanup: (() => void)[] = [];
  let kernel;
  try {
    if (options.sandbox) {
      const sandbox = new Sandbox({ memoryMb: options.memoryMb, env: { ...env, TSDL_DATA_DIR: "/tmp/tsdl-data" } });
      cleanup.push(() => sandbox.dispose());
      kernel = await launchKernel({ transport: "ipc", wrapper: sandbox, stderr: "pipe", readyTimeoutMs: START_TIMEOUT_MS });
    } else {
      const cwd = mkdtempSync(join(tmpdir(), "tsdl-submission-"));
      cleanup.push(folderRemovedAtExit(cwd));
      kernel = await launchKernel({ cwd, env, stderr: "pipe", readyTimeoutMs: START_TIMEOUT_MS });
    }
  } catch (e) {
    for (const clean of cleanup) clean();
    throw e;
  }
  kernel.process.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-LOG_CHARS);
  });
  void kernel.exited.then(() => cleanup.forEach((clean) => clean()));
  await warmUp(kernel);
  return { kernel, log: () => log };
}

/**
 * The kernel's first cell builds the type checker's program (tfjs's declarations included):
 * seconds, and tens of seconds on a loaded machine. A silent cell pays that before the
 * submission's first cell, whose timeout is for the student's code, not for tsdl's start.
 */
async function warmUp(kernel: RunningKernel): Promise<void> {
  try {
    await kernel.client.execute("0", { silent: true, timeoutMs: START_TIMEOUT_MS });
  } catch (e) {
    await kernel.shutdown(1000);
    throw new Error(`the kernel did not run its first cell: ${(e as Error).message}`);
  }
}
