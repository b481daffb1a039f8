/** `tsdl run NOTEBOOK.ipynb`: executes a notebook headlessly and saves the executed copy. */
import { parseArgs } from "node:util";
import { parameterFromArg } from "../runner/parameters";
import { progressLine } from "../runner/progress";
import { RunResult, runNotebook } from "../runner/run";

export const RUN_USAGE = "tsdl run NOTEBOOK.ipynb [--out OUT.ipynb] [-p name=value ...] [--timeout SECONDS] [--allow-errors] [--cwd DIR] [--quick]";

/** Seconds from the command line: a positive number, or undefined when absent. */
export function parseSeconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(seconds > 0)) throw new Error(`${flag} needs a positive number of seconds, got ${JSON.stringify(value)}`);
  return seconds;
}

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      param: { type: "string", short: "p", multiple: true },
      timeout: { type: "string" },
      "allow-errors": { type: "boolean" },
      cwd: { type: "string" },
      quick: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new Error(`usage: ${RUN_USAGE}`);
  const result = await runNotebook({
    input: positionals[0],
    output: values.out,
    parameters: Object.fromEntries((values.param ?? []).map(parameterFromArg)),
    quick: values.quick,
    timeoutSeconds: parseSeconds(values.timeout, "--timeout"),
    allowErrors: values["allow-errors"],
    cwd: values.cwd,
    onProgress: (p) => console.error(progressLine(p)),
  });
  report(result);
  return result.status === "ok" ? 0 : 1;
}

function report({ status, failure, output, seconds }: RunResult): void {
  if (failure) console.error(`${status}: cell ${failure.index} (${failure.firstLine}): ${failure.message}`);
  console.error(`wrote ${output} (${status}, ${seconds.toFixed(1)} s)`);
}
