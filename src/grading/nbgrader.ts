/**
 * nbgrader's cell metadata, schema version 3 (`metadata.nbgrader`), read the way nbgrader reads
 * it: which cells are graded tests, student answers, locked; the checks nbgrader's
 * MetadataValidatorV3 makes, with errors that name the cell. tsdl's own additions live under
 * `metadata.tsdl`, never here, so released notebooks stay valid for nbgrader.
 */
import type { Cell, Notebook } from "../runner/notebook";
import { firstLine } from "../runner/progress";

export interface NbgraderMetadata {
  schema_version: 3;
  grade: boolean;
  solution: boolean;
  locked: boolean;
  task?: boolean;
  grade_id?: string;
  points?: number;
  /** nbgrader's MD5 of the released cell (see checksum.ts). */
  checksum?: string;
  /** The cell's type when it was released. */
  cell_type?: "code" | "markdown" | "raw";
}

export class FormatError extends Error {}

const ALLOWED_KEYS = new Set(["schema_version", "grade", "solution", "locked", "task", "grade_id", "points", "checksum", "cell_type"]);
const GRADE_ID = /^[a-zA-Z0-9_-]*$/;

export function nbgraderOf(cell: Cell): NbgraderMetadata | undefined {
  const meta = cell.metadata?.nbgrader;
  return meta && typeof meta === "object" ? (meta as NbgraderMetadata) : undefined;
}

export const isGrade = (cell: Cell): boolean => nbgraderOf(cell)?.grade === true;
export const isSolution = (cell: Cell): boolean => nbgraderOf(cell)?.solution === true;

/** nbgrader's rule: a solution cell is never locked, a graded test cell always is. */
export function isLocked(cell: Cell): boolean {
  const meta = nbgraderOf(cell);
  if (!meta || meta.solution) return false;
  return meta.grade === true || meta.locked === true;
}

/** A test cell the kernel scores (graded, not an answer). */
export const isAutogradedTest = (cell: Cell): boolean => isGrade(cell) && !isSolution(cell) && cell.cell_type === "code";
/** nbgrader's "autograded answer": a cell students edit that the tests after it check. */
export const isAutogradedAnswer = (cell: Cell): boolean => isSolution(cell) && !isGrade(cell);
/** A graded answer (code or written) whose points the instructor gives by hand. */
export const isManuallyGraded = (cell: Cell): boolean => isGrade(cell) && isSolution(cell);

export function gradeId(cell: Cell): string | undefined {
  return nbgraderOf(cell)?.grade_id;
}

export function points(cell: Cell): number {
  return Number(nbgraderOf(cell)?.points ?? 0);
}

/** "cell 7 (grade_id "xor_weights": const w = ...)": how errors point at a cell. */
export function describeCell(cell: Cell, index: number): string {
  const id = gradeId(cell);
  const line = firstLine(cell);
  return `cell ${index}${id ? ` (grade_id "${id}")` : ""}${line ? `: ${line}` : ""}`;
}

/** nbgrader's v3 checks for one cell; throws FormatError naming it. */
export function checkCellMetadata(cell: Cell, index: number): void {
  const meta = nbgraderOf(cell);
  if (cell.metadata?.nbgrader === undefined) return;
  const where = describeCell(cell, index);
  const fail = (why: string): never => {
    throw new FormatError(`${where}: ${why}`);
  };
  if (!meta) fail("metadata.nbgrader must be an object");
  const m = meta!;
  if (m.schema_version !== 3) fail(`metadata.nbgrader.schema_version is ${JSON.stringify(m.schema_version)}; tsdl reads nbgrader's schema version 3`);
  for (const key of Object.keys(m)) if (!ALLOWED_KEYS.has(key)) fail(`metadata.nbgrader has "${key}", which nbgrader's schema does not allow (tsdl's own keys go under metadata.tsdl)`);
  for (const key of ["grade", "solution", "locked"] as const) if (typeof m[key] !== "boolean") fail(`metadata.nbgrader.${key} must be true or false`);
  if (m.task !== undefined && typeof m.task !== "boolean") fail("metadata.nbgrader.task must be true or false");
  if (m.grade || m.solution || m.locked) {
    if (typeof m.grade_id !== "string" || m.grade_id === "") fail("a graded, solution or locked cell needs a grade_id");
    if (!GRADE_ID.test(m.grade_id!)) fail(`grade_id "${m.grade_id}" may only hold letters, digits, "_" and "-"`);
  }
  if (m.grade && (typeof m.points !== "number" || !(m.points >= 0))) fail("a graded cell needs points (a number >= 0)");
  if (m.checksum !== undefined && (typeof m.checksum !== "string" || m.checksum.length !== 32)) fail("metadata.nbgrader.checksum must be 32 characters");
  if (m.task) {
    if (cell.cell_type !== "markdown") fail("task cells must be markdown");
  } else if (cell.cell_type === "markdown" && m.grade !== m.solution) {
    fail("a markdown cell that is graded must also be a solution cell (a written answer), and the other way round");
  }
}

/** Every cell's metadata, and grade_ids unique among graded, solution and locked cells. */
export function checkNotebookMetadata(notebook: Notebook): void {
  const seen = new Map<string, number>();
  notebook.cells.forEach((cell, index) => {
    checkCellMetadata(cell, index);
    const meta = nbgraderOf(cell);
    if (!meta || !(meta.grade || meta.solution || meta.locked)) return;
    const earlier = seen.get(meta.grade_id!);
    if (earlier !== undefined) throw new FormatError(`${describeCell(cell, index)}: grade_id "${meta.grade_id}" is already used by cell ${earlier}; grade_ids must be unique`);
    seen.set(meta.grade_id!, index);
  });
}

/** The graded cells in notebook order: the gradebook's columns. */
export function gradedCells(notebook: Notebook): Cell[] {
  return notebook.cells.filter(isGrade);
}
