/** `tsdl run NOTEBOOK.ipynb`: executes a notebook headlessly and saves the executed copy. */
import { parameterFromArg } from "../runner/parameters";
import { progressLine } from "../runner/progress";
import { RunResult, runNotebook } from "../runner/run";
import { UsageError, defineCommand } from "./command";

/** Seconds from the command line: a positive number, or undefined when absent. */
export function parseSeconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(seconds > 0)) throw new UsageError(`${flag} needs a positive number of seconds, got ${JSON.stringify(value)}`);
  return seconds;
}

export const runCommand = defineCommand({
  name: "run",
  summary: "execute a notebook headlessly and save the executed copy",
  description: "Runs every cell of a notebook in a fresh kernel and writes the executed copy; exits 1 on the first failing cell, a timeout or a dead kernel.",
  args: "NOTEBOOK.ipynb",
  arity: { min: 1, max: 1 },
  flags: {
    out: { type: "string", value: "OUT.ipynb", help: "where to write the executed notebook (default: NOTEBOOK.out.ipynb)" },
    param: { type: "string", short: "p", multiple: true, value: "NAME=VALUE", help: "override a value of the cell tagged `parameters`" },
    timeout: { type: "string", value: "SECONDS", help: "fail a cell that runs longer than this" },
    "allow-errors": { type: "boolean", help: "keep running after a failing cell" },
    cwd: { type: "string", value: "DIR", help: "the kernel's working directory (default: the notebook's folder)" },
    quick: { type: "boolean", help: "use the notebook's quick parameters (metadata.tsdl.quick_parameters)" },
  },
  async run(flags, [input]) {
    const result = await runNotebook({
      input,
      output: flags.out,
      parameters: Object.fromEntries((flags.param ?? []).map(parameterFromArg)),
      quick: flags.quick,
      timeoutSeconds: parseSeconds(flags.timeout, "--timeout"),
      allowErrors: flags["allow-errors"],
      cwd: flags.cwd,
      onProgress: (p) => console.error(progressLine(p)),
    });
    report(result);
    return result.status === "ok" ? 0 : 1;
  },
});

function report({ status, failure, output, seconds }: RunResult): void {
  if (failure) console.error(`${status}: cell ${failure.index} (${failure.firstLine}): ${failure.message}`);
  console.error(`wrote ${output} (${status}, ${seconds.toFixed(1)} s)`);
}
