/**
 * `tsdl validate`: what `nbgrader validate` does for a student. Runs the notebook as it is (the
 * student's own cells, the visible tests), in grading mode, and says which tests pass and which
 * locked or test cells were edited (grading puts the originals back).
 */
import { Cell, Notebook, readNotebook } from "../runner/notebook";
import { computeChecksum } from "./checksum";
import { executeGraded } from "./execute";
import { startGradedKernel } from "./kernel";
import { describeCell, gradeId, isAutogradedAnswer, isGrade, isLocked, nbgraderOf } from "./nbgrader";
import { TestScore, scoreNotebook } from "./score";

export interface Validation {
  scores: TestScore[];
  /** Locked or test cells whose text differs from the released one. */
  edited: string[];
  passed: boolean;
}

export async function validateNotebook(path: string, options: { timeoutSeconds: number; memoryMb: number; sandbox: boolean }): Promise<Validation> {
  const notebook = readNotebook(path);
  if (!notebook.cells.some(isGrade)) throw new Error(`${path} has no graded cells (metadata.nbgrader): nothing to validate`);
  const edited = editedCells(notebook);
  const execution = await executeGraded(notebook, {
    start: () => startGradedKernel({ sandbox: options.sandbox, memoryMb: options.memoryMb }),
    timeoutSeconds: options.timeoutSeconds,
  });
  const scores = scoreNotebook(notebook, execution, unchangedAnswers(notebook));
  return { scores, edited, passed: scores.every((s) => s.outcome === "passed" || s.outcome === "pending") };
}

/** Whether the cell is as released, by the checksum `tsdl assign` recorded; undefined without one. */
function asReleased(cell: Cell): boolean | undefined {
  const checksum = nbgraderOf(cell)?.checksum;
  return checksum ? computeChecksum(cell) === checksum : undefined;
}

/** Code answers still as released: a failing test names them. */
function unchangedAnswers(notebook: Notebook): string[] {
  return notebook.cells.flatMap((cell) => {
    const id = gradeId(cell);
    return isAutogradedAnswer(cell) && id && asReleased(cell) === true ? [id] : [];
  });
}

function editedCells(notebook: Notebook): string[] {
  return notebook.cells.flatMap((cell, index) => (isLocked(cell) && asReleased(cell) === false ? [describeCell(cell, index)] : []));
}

export function validationReport({ scores, edited, passed }: Validation): string {
  const lines = scores.map((s) => {
    const mark = s.outcome === "passed" ? "ok  " : s.outcome === "pending" ? "... " : "FAIL";
    const points = s.earned === null ? `${s.max} point${s.max === 1 ? "" : "s"}, graded by hand` : `${s.earned}/${s.max}`;
    return `${mark} ${s.gradeId} (${points})${s.message && s.outcome !== "passed" ? `: ${s.message.split("\n")[0]}` : ""}`;
  });
  for (const cell of edited) lines.push(`note: ${cell} was edited; grading uses the original`);
  lines.push(passed ? "Success! Your notebook passes all the tests you can see (hidden tests may check more)." : "Some tests fail: see above.");
  return lines.join("\n") + "\n";
}
