/**
 * Executes one cell and says how it ended: its reply, a runner-side timeout (the kernel is then
 * interrupted), or the death of the kernel process (a reply will never come).
 */
import type { RunningKernel } from "../client/launch";
import type { Message } from "../kernel/wire";
import type { OutputFolder } from "./outputs";
import type { WidgetStates } from "./widget-state";

export type CellOutcome =
  | { kind: "reply"; reply: Message }
  | { kind: "timeout"; seconds: number }
  | { kind: "died"; exit: number | string };

const INTERRUPT_REPLY_MS = 10_000;

export async function executeCell(kernel: RunningKernel, code: string, folder: OutputFolder, timeoutSeconds?: number, widgets?: WidgetStates): Promise<CellOutcome> {
  let folding = true;
  const died = kernel.exited.then((exit): CellOutcome => ({ kind: "died", exit }));
  // The client rejects when the connection is closed or broken: the kernel is gone, so the
  // verdict is its death (never an unhandled rejection after another outcome won the race).
  const execution = kernel.client.execute(code, { onOutput: (msg) => folding && !widgets?.capture(msg) && folder.fold(msg) }).then(
    ({ reply }): CellOutcome => ({ kind: "reply", reply }),
    () => died,
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CellOutcome>((resolve) => {
    if (timeoutSeconds) timer = setTimeout(() => resolve({ kind: "timeout", seconds: timeoutSeconds }), timeoutSeconds * 1000);
  });
  const outcome = await Promise.race([execution, died, timedOut]);
  clearTimeout(timer);
  // Output that arrives after the verdict (the interrupt's own error) would contradict it.
  folding = false;
  if (outcome.kind === "timeout") await interrupt(kernel);
  return outcome;
}

async function interrupt(kernel: RunningKernel): Promise<void> {
  await kernel.client.request("control", "interrupt_request", {}, INTERRUPT_REPLY_MS).catch(() => undefined);
}
