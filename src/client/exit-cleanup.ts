/**
 * Cleanups that must run however this process ends: the kernels it started are killed and their
 * temporary folders removed. Node runs `exit` listeners on a normal end and on process.exit();
 * commands that start kernels also call exitOnSignals(), so that Ctrl-C or a batch system's
 * SIGTERM (Slurm, Kubernetes) ends them the same way instead of leaving folders in /tmp.
 * The kernel command does not: there SIGINT interrupts the running cell.
 */
import { rmSync } from "node:fs";

const pending = new Set<() => void>();
let listening = false;
let signalsHandled = false;

/** Runs `cleanup` (synchronous) when the process exits; the returned function cancels it. */
export function onExit(cleanup: () => void): () => void {
  if (!listening) {
    process.once("exit", runPending);
    listening = true;
  }
  pending.add(cleanup);
  return () => void pending.delete(cleanup);
}

/**
 * A temporary folder removed when the process exits, unless the returned function removed it
 * first (and forgot the exit hook).
 */
export function folderRemovedAtExit(dir: string): () => void {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const forget = onExit(remove);
  return () => (forget(), remove());
}

const SIGNAL_EXIT_CODES: [NodeJS.Signals, number][] = [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]];

/** On SIGINT, SIGTERM or SIGHUP: say so, run the cleanups, exit with 128 + the signal's number. */
export function exitOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const [signal, code] of SIGNAL_EXIT_CODES) {
    process.once(signal, () => {
      if (pending.size > 0) console.error(`tsdl: ${signal}: stopping its kernels and removing their temporary folders`);
      process.exit(code);
    });
  }
}

function runPending(): void {
  for (const cleanup of [...pending]) {
    pending.delete(cleanup);
    try {
      cleanup();
    } catch {
      // the process is ending: the other cleanups still run
    }
  }
}
