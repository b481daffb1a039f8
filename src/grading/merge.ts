/**
 * The notebook that is graded: SOURCE's cells in SOURCE's order (tests with their hidden parts,
 * locked cells, the instructor's metadata), with each solution cell's text taken from the
 * submission. A student can therefore not edit, delete or add a test; cells they added are not
 * run. Solution cells are found by grade_id (nbgrader's key), else by the cell id the released
 * copy kept; one that cannot be found is reported and runs as the released stub.
 */
import { Cell, Notebook, sourceText } from "../runner/notebook";
import { releaseNotebook } from "./release";
import { gradeId, isSolution } from "./nbgrader";

export interface Merged {
  notebook: Notebook;
  /** grade_ids of SOURCE's solution cells the submission lacks. */
  unmatched: string[];
  /** What the grader noticed and the instructor may want to know (duplicates, matching by id). */
  notes: string[];
  /** grade_ids whose answer is the released stub, unchanged (nbgrader gives those 0 at once). */
  unanswered: string[];
}

export function mergeSubmission(source: Notebook, submission: Notebook): Merged {
  const released = releaseNotebook(source);
  const notes: string[] = [];
  const byGradeId = solutionsByGradeId(submission, notes);
  const byCellId = new Map(submission.cells.filter((c) => typeof c.id === "string").map((c) => [c.id as string, c]));
  const unmatched: string[] = [];
  const unanswered: string[] = [];
  const cells = source.cells.map((cell, index): Cell => {
    const fresh = withoutOutputs(cell);
    if (!isSolution(cell)) return fresh;
    const id = gradeId(cell)!;
    let answer = byGradeId.get(id);
    if (!answer && cell.id && byCellId.has(cell.id)) {
      answer = byCellId.get(cell.id);
      notes.push(`grade_id "${id}" was found by its cell id (the submission's nbgrader metadata is missing or changed)`);
    }
    const stub = released.cells[index];
    if (!answer) {
      unmatched.push(id);
      return { ...fresh, source: sourceText(stub) };
    }
    if (sourceText(answer) === sourceText(stub)) unanswered.push(id);
    return { ...fresh, source: sourceText(answer) };
  });
  return { notebook: { ...source, cells }, unmatched, notes, unanswered };
}

/** The first cell claiming each grade_id wins, as nbgrader's DeduplicateIds keeps the first. */
function solutionsByGradeId(submission: Notebook, notes: string[]): Map<string, Cell> {
  const found = new Map<string, Cell>();
  for (const cell of submission.cells) {
    const id = gradeId(cell);
    if (!id) continue;
    if (found.has(id)) notes.push(`grade_id "${id}" appears more than once in the submission; the first one is graded`);
    else found.set(id, cell);
  }
  return found;
}

function withoutOutputs(cell: Cell): Cell {
  return cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : { ...cell };
}
