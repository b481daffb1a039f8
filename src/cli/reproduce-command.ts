/** `tsdl reproduce`: runs the lecture notebooks and reports whether the slides' numbers hold. */
import { parseArgs } from "node:util";
import { progressLine } from "../runner/progress";
import { markdownTable, reproductionFailed, summaryLine } from "../runner/report";
import { reproduce, shippedNotebooks } from "../runner/reproduce";
import { parseSeconds } from "./run-command";

export const REPRODUCE_USAGE = "tsdl reproduce [--quick] [--out DIR] [--timeout SECONDS] [NOTEBOOK.ipynb ...]";

export async function reproduceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { quick: { type: "boolean" }, out: { type: "string" }, timeout: { type: "string" } },
  });
  const notebooks = positionals.length ? positionals : shippedNotebooks();
  if (notebooks.length === 0) throw new Error("no notebooks to reproduce");
  const outDir = values.out ?? "reproduction";
  const reproduction = await reproduce({
    notebooks,
    outDir,
    quick: values.quick,
    timeoutSeconds: parseSeconds(values.timeout, "--timeout"),
    onNotebook: (path) => console.error(`== ${path}`),
    onProgress: (p) => console.error(progressLine(p)),
  });
  process.stdout.write(markdownTable(reproduction) + "\n" + summaryLine(reproduction) + "\n");
  console.error(`wrote ${outDir}/reproduction.json and ${outDir}/REPRODUCTION.md`);
  return reproductionFailed(reproduction) ? 1 : 0;
}
