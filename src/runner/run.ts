/**
 * `runNotebook`: a fresh tsdl kernel executes every code cell in order; the executed notebook
 * (outputs, counts, timings, kernel metadata) is written atomically, also when a cell fails,
 * times out or the kernel dies, so what ran can be inspected.
 */
import { basename, dirname, join, resolve } from "node:path";
import { launchKernel, RunningKernel } from "../client/launch";
import { inlinePlotlyOnce } from "./plotly-once";
import { executeCell } from "./cell";
import { Cell, Notebook, Output, readNotebook, sourceText, writeNotebookAtomic } from "./notebook";
import { OutputFolder } from "./outputs";
import { injectParameters, Parameters, quickParameters } from "./parameters";
import { CellProgress, describeExit, firstLine } from "./progress";
import { TimingRecorder } from "./timing";
import { WIDGET_STATE_MIME, WidgetStates } from "./widget-state";

export type RunStatus = "ok" | "failed" | "timeout" | "kernel-died";

export interface RunOptions {
  input: string;
  /** Default: NAME.out.ipynb beside the input. */
  output?: string;
  parameters?: Parameters;
  /** Applies metadata.tsdl.quick_parameters and tells the kernel (TSDL_QUICK=1). */
  quick?: boolean;
  /** Per cell. */
  timeoutSeconds?: number;
  /** Error cells are recorded and the run goes on. */
  allowErrors?: boolean;
  /** The kernel's working directory; default: the notebook's folder. */
  cwd?: string;
  onProgress?: (progress: CellProgress) => void;
}

export interface CellFailure {
  /** 0-based index in the executed notebook's cells. */
  index: number;
  firstLine: string;
  message: string;
}

export interface RunResult {
  status: RunStatus;
  output: string;
  notebook: Notebook;
  seconds: number;
  failure?: CellFailure;
  /** Removed once the kernel is gone; reported so callers can check. */
  connectionFile: string;
}

export const KERNELSPEC = { name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" };

export function defaultOutputPath(input: string): string {
  return join(dirname(input), `${basename(input, ".ipynb")}.out.ipynb`);
}

export async function runNotebook(options: RunOptions): Promise<RunResult> {
  const started = new Date();
  const output = options.output ?? defaultOutputPath(options.input);
  if (resolve(output) === resolve(options.input)) throw new Error(`refusing to overwrite the input notebook ${options.input}`);
  const source = readNotebook(options.input);
  const parameters = { ...(options.quick ? quickParameters(source) : {}), ...options.parameters };
  const notebook = freshCopy(injectParameters(source, parameters));
  const kernel = await launchKernel({
    cwd: options.cwd ?? dirname(resolve(options.input)),
    // undefined drops an inherited TSDL_QUICK: a full run must not train the quick way.
    env: { TSDL_QUICK: options.quick ? "1" : undefined },
  });
  let verdict: Verdict;
  const widgets = followWidgets(kernel);
  try {
    notebook.metadata.language_info = await languageInfo(kernel);
    verdict = await executeAll(kernel, notebook, options, widgets);
  } finally {
    await kernel.shutdown();
  }
  if (widgets.size > 0) notebook.metadata.widgets = { [WIDGET_STATE_MIME]: widgets.managerState() };
  const seconds = (Date.now() - started.getTime()) / 1000;
  const tsdl = { ...(notebook.metadata.tsdl as object), run: { started: started.toISOString(), seconds, parameters, quick: Boolean(options.quick) } };
  notebook.metadata = { ...notebook.metadata, kernelspec: KERNELSPEC, tsdl };
  writeNotebookAtomic(output, inlinePlotlyOnce(notebook));
  return { ...verdict, output, notebook, seconds, connectionFile: kernel.connectionFile };
}

/** Code cells without outputs or counts; the runner fills the copy's arrays in place. */
function freshCopy(notebook: Notebook): Notebook {
  const cells = notebook.cells.map((cell): Cell => (cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell));
  return { ...notebook, metadata: { ...notebook.metadata }, cells };
}

/** The runner is a frontend without a widget manager: it records widget state, closes other comms. */
function followWidgets(kernel: RunningKernel): WidgetStates {
  const widgets = new WidgetStates((commId) => void kernel.client.notify("comm_close", { comm_id: commId, data: {} }).catch(() => undefined));
  kernel.client.onIopub((msg) => widgets.fold(msg));
  return widgets;
}

/** The kernel's language_info; undefined if it died first (the first cell then reports the death). */
async function languageInfo(kernel: RunningKernel): Promise<unknown> {
  const reply = kernel.client.request("shell", "kernel_info_request").then((r) => r.content.language_info);
  return Promise.race([reply, kernel.exited.then(() => undefined)]).catch(() => undefined);
}

interface Verdict {
  status: RunStatus;
  failure?: CellFailure;
}

function runnable(cell: Cell): boolean {
  return cell.cell_type === "code" && sourceText(cell).trim() !== "";
}

async function executeAll(kernel: RunningKernel, notebook: Notebook, options: RunOptions, widgets: WidgetStates): Promise<Verdict> {
  const folder = new OutputFolder();
  const timing = new TimingRecorder(kernel.client);
  const total = notebook.cells.filter(runnable).length;
  let position = 0;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (!runnable(cell)) continue;
      const started = Date.now();
      folder.startCell(cell.outputs!);
      timing.begin();
      const outcome = await executeCell(kernel, sourceText(cell), folder, options.timeoutSeconds, widgets);
      const seen = timing.current();
      const reply = outcome.kind === "reply" ? outcome.reply : undefined;
      cell.execution_count = (reply?.content.execution_count as number | undefined) ?? seen.executionCount;
      cell.metadata = { ...cell.metadata, execution: { ...seen.timing, ...(reply && { "shell.execute_reply": reply.header.date }) } };
      const outputsIncomplete = outcome.kind === "reply" && outcome.idleMissing === true;
      if (outputsIncomplete) cell.metadata = { ...cell.metadata, tsdl: { ...(cell.metadata.tsdl as object), outputs_incomplete: true } };
      options.onProgress?.({ position: ++position, total, seconds: (Date.now() - started) / 1000, cell, outputsIncomplete });
      const fail = (status: RunStatus, message: string, output?: Output): Verdict => {
        if (output) folder.append(output);
        return { status, failure: { index, firstLine: firstLine(cell), message } };
      };
      if (outcome.kind === "timeout") {
        const message = `cell timed out after ${outcome.seconds} s and was interrupted`;
        return fail("timeout", message, runnerError("CellTimeoutError", message));
      }
      if (outcome.kind === "died") {
        const message = `the kernel died (${describeExit(outcome.exit)})`;
        return fail("kernel-died", message, runnerError("DeadKernelError", message));
      }
      if (reply!.content.status !== "ok" && !options.allowErrors) return fail("failed", errorMessage(reply!.content));
    }
    return { status: "ok" };
  } finally {
    timing.stop();
  }
}

function runnerError(ename: string, evalue: string): Output {
  return { output_type: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

function errorMessage(content: Record<string, unknown>): string {
  if (content.status !== "error") return `execution ${String(content.status)}`;
  return `${String(content.ename)}: ${String(content.evalue)}`;
}
