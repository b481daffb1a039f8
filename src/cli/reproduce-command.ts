/** `tsdl reproduce`: runs the lecture notebooks and reports whether the slides' numbers hold. */
import { progressLine } from "../runner/progress";
import { markdownTable, reproductionFailed, summaryLine } from "../runner/report";
import { reproduce, shippedNotebooks } from "../runner/reproduce";
import { defineCommand } from "./command";
import { parseSeconds } from "./run-command";

export const reproduceCommand = defineCommand({
  name: "reproduce",
  summary: "run the lecture notebooks and print slide vs measured",
  description:
    "Runs the lecture notebooks (every shipped one unless named), writes the executed copies, reproduction.json and " +
    "REPRODUCTION.md, and prints slide vs measured; exits 1 if a notebook fails or a gating claim does not hold.",
  args: "[NOTEBOOK.ipynb ...]",
  arity: { min: 0, max: Infinity },
  flags: {
    quick: { type: "boolean", help: "use each notebook's quick parameters (minutes instead of hours)" },
    out: { type: "string", value: "DIR", help: "where to write the results (default: reproduction)" },
    timeout: { type: "string", value: "SECONDS", help: "fail a cell that runs longer than this" },
  },
  async run(flags, positionals) {
    const notebooks = positionals.length ? positionals : shippedNotebooks();
    if (notebooks.length === 0) throw new Error("no notebooks to reproduce");
    const outDir = flags.out ?? "reproduction";
    const reproduction = await reproduce({
      notebooks,
      outDir,
      quick: flags.quick,
      timeoutSeconds: parseSeconds(flags.timeout, "--timeout"),
      onNotebook: (path) => console.error(`== ${path}`),
      onProgress: (p) => console.error(progressLine(p)),
    });
    process.stdout.write(markdownTable(reproduction) + "\n" + summaryLine(reproduction) + "\n");
    console.error(`wrote ${outDir}/reproduction.json and ${outDir}/REPRODUCTION.md`);
    return reproductionFailed(reproduction) ? 1 : 0;
  },
});
