/** `tsdl assign SOURCE.ipynb --out DIR`: writes the student version of an assignment. */
import { mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { readNotebook, writeNotebookAtomic } from "../runner/notebook";
import { isGrade, isSolution } from "../grading/nbgrader";
import { releaseNotebook } from "../grading/release";
import { UsageError, defineCommand } from "./command";

export const assignCommand = defineCommand({
  name: "assign",
  summary: "write the student version of an assignment (nbgrader's format)",
  description:
    "Writes DIR/SOURCE.ipynb for students: solution regions become a stub, hidden tests are removed, outputs cleared, " +
    "test and locked cells carry nbgrader's checksums. Refuses a source with duplicate grade_ids or markers that do not pair, naming the cell.",
  args: "SOURCE.ipynb",
  arity: { min: 1, max: 1 },
  flags: {
    out: { type: "string", value: "DIR", help: "the folder for the released notebook (required)" },
  },
  run(flags, [sourcePath]) {
    if (!flags.out) throw new UsageError("--out DIR is required");
    const output = join(flags.out, basename(sourcePath));
    if (resolve(output) === resolve(sourcePath)) throw new UsageError(`refusing to overwrite SOURCE ${sourcePath}: choose another --out`);
    const released = releaseNotebook(readNotebook(sourcePath));
    mkdirSync(flags.out, { recursive: true });
    writeNotebookAtomic(output, released);
    const tests = released.cells.filter((c) => isGrade(c) && !isSolution(c)).length;
    const answers = released.cells.filter(isSolution).length;
    console.error(`wrote ${output}: ${answers} answer cells, ${tests} test cells, solutions and hidden tests removed`);
    return 0;
  },
});
