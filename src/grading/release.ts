/**
 * `tsdl assign`: the student version of an assignment source, as nbgrader's generate_assignment
 * makes it. Solution regions become a stub, hidden tests disappear, outputs are cleared, cells
 * are locked in the frontend (deletable/editable) and graded, solution and locked cells carry
 * nbgrader's checksum and cell type. The source is checked first; any problem names its cell.
 */
import { Cell, Notebook, sourceText } from "../runner/notebook";
import { computeChecksum } from "./checksum";
import { HIDDEN_TESTS, MarkerError, Markers, SOLUTION, hasMarkers, replaceRegions } from "./markers";
import { FormatError, checkNotebookMetadata, describeCell, isGrade, isLocked, isSolution, nbgraderOf } from "./nbgrader";

/** What a student finds in place of the instructor's code (TypeScript has no NotImplementedError). */
export const CODE_STUB = ["// YOUR CODE HERE", 'throw new Error("not implemented");'];
export const TEXT_STUB = ["YOUR ANSWER HERE"];

export function releaseNotebook(source: Notebook): Notebook {
  checkNotebookMetadata(source);
  const cells = source.cells.map((cell, index) => releaseCell(cell, index));
  const { celltoolbar: _toolbar, ...metadata } = source.metadata;
  return { ...source, metadata, cells };
}

function releaseCell(cell: Cell, index: number): Cell {
  const where = describeCell(cell, index);
  let text = sourceText(cell);
  const stub = cell.cell_type === "code" ? CODE_STUB : TEXT_STUB;
  const solution = regions(text, SOLUTION, stub, where);
  if (solution.regions > 0 && !isSolution(cell)) throw new FormatError(`${where}: has "${SOLUTION.begin}" but is not a solution cell (set metadata.nbgrader.solution)`);
  text = isSolution(cell) && solution.regions === 0 ? stub.join("\n") : solution.text;
  const hidden = regions(text, HIDDEN_TESTS, [], where);
  if (hidden.regions > 0 && !isGrade(cell)) throw new FormatError(`${where}: has "${HIDDEN_TESTS.begin}" but is not a graded cell (set metadata.nbgrader.grade)`);
  const released: Cell = { ...cell, source: hidden.text, metadata: { ...cell.metadata, ...frontendLocks(cell) } };
  if (cell.cell_type === "code") Object.assign(released, { outputs: [], execution_count: null });
  const meta = nbgraderOf(cell);
  if (meta && (meta.grade || meta.solution || isLocked(cell))) {
    released.metadata.nbgrader = { ...meta, cell_type: cell.cell_type };
    (released.metadata.nbgrader as { checksum?: string }).checksum = computeChecksum(released);
  }
  return released;
}

function regions(text: string, markers: Markers, stub: string[], where: string) {
  if (!hasMarkers(text, markers)) return { text, regions: 0 };
  try {
    return replaceRegions(text, markers, stub);
  } catch (e) {
    if (e instanceof MarkerError) throw new FormatError(`${where}: ${e.message}`);
    throw e;
  }
}

/** nbgrader's LockCells: answers cannot be deleted; tests and locked cells cannot be edited either. */
function frontendLocks(cell: Cell): Record<string, boolean> {
  if (isSolution(cell)) return { deletable: false };
  if (isGrade(cell) || isLocked(cell)) return { deletable: false, editable: false };
  return {};
}
