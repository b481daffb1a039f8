/**
 * Runs a graded notebook's code cells in order, each with its timeout, and never stops early:
 * a cell that fails or times out is recorded and the next one runs. A cell that is interrupted
 * and does not end, or that kills the kernel, gets a fresh kernel, into which the cells that
 * had completed before it are replayed (their outputs are not kept), then grading goes on.
 */
import type { RunningKernel } from "../client/launch";
import type { Message } from "../kernel/wire";
import { executeCell } from "../runner/cell";
import { Cell, Notebook, Output, sourceText } from "../runner/notebook";
import { OutputFolder } from "../runner/outputs";
import { GRADE_MIME, PartialCredit } from "../dl/grading/grade";

export type CellStatus = "ok" | "error" | "timeout" | "died" | "not-run";

export interface CellRun {
  status: CellStatus;
  /** `ename: evalue` of the error, or what stopped the cell. */
  message?: string;
  /** The cell ran out of memory (an allocation failed, or the kernel died of it). */
  memory?: boolean;
  /** The kernel died or did not stop when interrupted: the next cell needs a fresh one. */
  lostKernel?: boolean;
  /** grade.partial calls, as they went over the wire (a later clear_output cannot hide them). */
  partial: PartialCredit[];
  seconds: number;
}

export interface Execution {
  /** By cell index; markdown and empty cells have none. */
  runs: Map<number, CellRun>;
  restarts: number;
  /** Starting kernels (sandbox, kernel, its first cell) and replaying cells: grading's own time. */
  overheadSeconds: number;
}

/** A started kernel and what it printed on stderr so far (its log, for memory deaths). */
export interface GradedKernel {
  kernel: RunningKernel;
  log(): string;
}

export interface ExecuteOptions {
  start: () => Promise<GradedKernel>;
  timeoutSeconds: number;
  maxRestarts?: number;
  onCell?: (index: number, run: CellRun) => void;
}

const MEMORY_ERROR = /allocation failed|out of memory|Invalid (typed )?array length|Array buffer allocation|heap limit/i;

export async function executeGraded(notebook: Notebook, options: ExecuteOptions): Promise<Execution> {
  const runs = new Map<number, CellRun>();
  const completed: number[] = [];
  const folder = new GradingFolder();
  let restarts = 0;
  let lost = "";
  let overhead = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      overhead += (Date.now() - started) / 1000;
    }
  };
  let current: GradedKernel | null = await timed(options.start);
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (!runnable(cell)) continue;
      if (!current) {
        runs.set(index, { status: "not-run", message: `not run: ${lost}`, partial: [], seconds: 0 });
        continue;
      }
      const run = await runCell(current, cell, folder, timeoutOf(cell, options.timeoutSeconds));
      runs.set(index, run);
      options.onCell?.(index, run);
      if (run.status === "ok" || run.status === "error") completed.push(index);
      if (!run.lostKernel) continue;
      await current.kernel.shutdown(1000).catch(() => undefined);
      current = null;
      if (restarts >= (options.maxRestarts ?? 3)) {
        lost = `the kernel was lost ${restarts + 1} times; it is restarted at most ${restarts} times`;
        continue;
      }
      restarts++;
      current = await timed(() => restartAndReplay(notebook, completed, options));
      if (!current) lost = "a fresh kernel could not replay the cells before this one";
    }
  } finally {
    await current?.kernel.shutdown().catch(() => undefined);
  }
  return { runs, restarts, overheadSeconds: overhead };
}

function runnable(cell: Cell): boolean {
  return cell.cell_type === "code" && sourceText(cell).trim() !== "";
}

/** SOURCE may give a cell more time (`metadata.tsdl.timeout`, seconds), e.g. a training cell. */
function timeoutOf(cell: Cell, fallback: number): number {
  const own = (cell.metadata.tsdl as { timeout?: unknown } | undefined)?.timeout;
  return typeof own === "number" && own > 0 ? own : fallback;
}

async function runCell(current: GradedKernel, cell: Cell, folder: GradingFolder, timeoutSeconds: number): Promise<CellRun> {
  const started = Date.now();
  cell.outputs = [];
  folder.startCell(cell.outputs);
  const outcome = await executeCell(current.kernel, sourceText(cell), folder, timeoutSeconds);
  folder.finishCell();
  const seconds = (Date.now() - started) / 1000;
  const partial = folder.takePartial();
  if (outcome.kind === "reply") {
    const c = outcome.reply.content as Record<string, unknown>;
    cell.execution_count = (c.execution_count as number | undefined) ?? null;
    if (c.status === "ok") return { status: "ok", partial, seconds };
    const message = c.status === "error" ? `${String(c.ename)}: ${String(c.evalue)}` : `execution ${String(c.status)}`;
    return { status: "error", message, memory: MEMORY_ERROR.test(message), partial, seconds };
  }
  if (outcome.kind === "timeout") {
    const message = outcome.recovered
      ? `timed out after ${outcome.seconds} s and was interrupted`
      : `timed out after ${outcome.seconds} s and did not stop when interrupted; the kernel was restarted`;
    folder.append({ output_type: "error", ename: "CellTimeoutError", evalue: message, traceback: [`CellTimeoutError: ${message}`] });
    return { status: "timeout", message, partial, seconds, lostKernel: !outcome.recovered };
  }
  const memory = MEMORY_ERROR.test(current.log());
  const message = `the kernel died (${typeof outcome.exit === "number" ? `exit code ${outcome.exit}` : `signal ${outcome.exit}`})${memory ? " out of memory" : ""}; it was restarted`;
  folder.append({ output_type: "error", ename: "DeadKernelError", evalue: message, traceback: [`DeadKernelError: ${message}`] });
  return { status: "died", message, memory, partial, seconds, lostKernel: true };
}

/** A fresh kernel with the cells that had completed run again, quietly; null if that fails. */
async function restartAndReplay(notebook: Notebook, completed: number[], options: ExecuteOptions): Promise<GradedKernel | null> {
  const fresh = await options.start();
  const scratch = new OutputFolder();
  for (const index of completed) {
    scratch.startCell([]);
    const outcome = await executeCell(fresh.kernel, sourceText(notebook.cells[index]), scratch, timeoutOf(notebook.cells[index], options.timeoutSeconds));
    if (outcome.kind !== "reply") {
      await fresh.kernel.shutdown(1000).catch(() => undefined);
      return null;
    }
  }
  return fresh;
}

/** Output a cell may keep in the graded notebook; a cell printing in a loop must not fill the grader's memory. */
const MAX_CELL_OUTPUT_CHARS = 2_000_000;

/** Folds outputs as the runner does, notes grade.partial calls from the wire itself, and caps output. */
class GradingFolder extends OutputFolder {
  private partial: PartialCredit[] = [];
  private chars = 0;
  private dropped = 0;

  override startCell(outputs: Output[]): void {
    super.startCell(outputs);
    this.chars = 0;
    this.dropped = 0;
  }

  override fold(msg: Message): void {
    const data = (msg.content as { data?: Record<string, unknown> }).data;
    const credit = msg.header.msg_type === "display_data" ? data?.[GRADE_MIME] : undefined;
    if (isCredit(credit)) this.partial.push({ fraction: credit.fraction, why: String(credit.why ?? "") });
    this.chars += JSON.stringify(msg.content).length;
    if (this.chars > MAX_CELL_OUTPUT_CHARS) this.dropped++;
    else super.fold(msg);
  }

  /** Says how much output was left out, if any. */
  finishCell(): void {
    if (this.dropped > 0) this.append({ output_type: "stream", name: "stderr", text: `\n[tsdl grade: ${this.dropped} more outputs of this cell were left out; a cell keeps at most ${MAX_CELL_OUTPUT_CHARS / 1e6} MB of output]\n` });
  }

  takePartial(): PartialCredit[] {
    return this.partial.splice(0);
  }
}

function isCredit(value: unknown): value is PartialCredit {
  const fraction = (value as PartialCredit | undefined)?.fraction;
  return typeof fraction === "number" && fraction >= 0 && fraction <= 1;
}
