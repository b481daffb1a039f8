/**
 * Executes one cell and says how it ended: its reply, a runner-side timeout (the kernel is then
 * interrupted, and `recovered` says whether the cell ended within a grace period after that),
 * or the death of the kernel process (a reply will never come).
 */
import type { RunningKernel } from "../client/launch";
import type { Message } from "../kernel/wire";
import type { OutputFolder } from "./outputs";
import type { WidgetStates } from "./widget-state";

export type CellOutcome =
  | { kind: "reply"; reply: Message; idleMissing?: boolean }
  | { kind: "timeout"; seconds: number; recovered: boolean }
  | { kind: "died"; exit: number | string };

const INTERRUPT_REPLY_MS = 10_000;
/** How long an interrupted cell may take to end before the kernel counts as stuck. */
const INTERRUPT_GRACE_MS = 10_000;

export async function executeCell(kernel: RunningKernel, code: string, folder: OutputFolder, timeoutSeconds?: number, widgets?: WidgetStates): Promise<CellOutcome> {
  let folding = true;
  const died = kernel.exited.then((exit): CellOutcome => ({ kind: "died", exit }));
  // The client rejects when the connection is closed or broken: the kernel is gone, so the
  // verdict is its death (never an unhandled rejection after another outcome won the race).
  const execution = kernel.client.execute(code, { onOutput: (msg) => folding && !widgets?.capture(msg) && folder.fold(msg) }).then(
    ({ reply, idleMissing }): CellOutcome => ({ kind: "reply", reply, idleMissing }),
    () => died,
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CellOutcome>((resolve) => {
    if (timeoutSeconds) timer = setTimeout(() => resolve({ kind: "timeout", seconds: timeoutSeconds, recovered: false }), timeoutSeconds * 1000);
  });
  const outcome = await Promise.race([execution, died, timedOut]);
  clearTimeout(timer);
  // Output that arrives after the verdict (the interrupt's own error) would contradict it.
  folding = false;
  if (outcome.kind !== "timeout") return outcome;
  await interrupt(kernel);
  return { ...outcome, recovered: await settlesWithin(execution, died, INTERRUPT_GRACE_MS) };
}

/** True when the execution ends (with a reply) before the kernel dies or the time is up. */
async function settlesWithin(execution: Promise<CellOutcome>, died: Promise<CellOutcome>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const ended = await Promise.race([execution.then(() => true, () => false), died.then(() => false), late]);
  clearTimeout(timer);
  return ended;
}

async function interrupt(kernel: RunningKernel): Promise<void> {
  await kernel.client.request("control", "interrupt_request", {}, INTERRUPT_REPLY_MS).catch(() => undefined);
}
