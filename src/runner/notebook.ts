/**
 * The nbformat 4 notebook as the runner reads and writes it: types, reading with a basic shape
 * check (the full schema is the test suite's job), cell ids (required since 4.5), atomic writes.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export type MimeBundle = Record<string, unknown>;

export type Output =
  | { output_type: "stream"; name: string; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number | null; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
  [key: string]: unknown;
}

export class NotebookError extends Error {}

export function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

export function cellTags(cell: Cell): string[] {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

export function readNotebook(path: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new NotebookError(`${path}: not a JSON notebook (${(e as Error).message})`);
  }
  checkShape(parsed, path);
  return withCellIds({ ...parsed, nbformat_minor: Math.max(parsed.nbformat_minor, 5) });
}

function checkShape(value: unknown, path: string): asserts value is Notebook {
  const nb = value as Partial<Notebook> | null;
  if (!nb || typeof nb !== "object") throw new NotebookError(`${path}: not a notebook object`);
  if (nb.nbformat !== 4) throw new NotebookError(`${path}: nbformat ${String(nb.nbformat)} is not supported (4 only)`);
  if (typeof nb.nbformat_minor !== "number") throw new NotebookError(`${path}: nbformat_minor missing`);
  if (!nb.metadata || typeof nb.metadata !== "object") throw new NotebookError(`${path}: metadata missing`);
  if (!Array.isArray(nb.cells)) throw new NotebookError(`${path}: cells missing`);
  nb.cells.forEach((cell, i) => {
    const ok = cell && ["code", "markdown", "raw"].includes(cell.cell_type) && (typeof cell.source === "string" || Array.isArray(cell.source));
    if (!ok) throw new NotebookError(`${path}: cell ${i} lacks a known cell_type or a source`);
  });
}

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

export function newCellId(taken: Set<string>): string {
  for (;;) {
    const id = randomBytes(4).toString("hex");
    if (!taken.has(id)) return id;
  }
}

/** Keeps every valid, unique id; gives the others fresh ones (as nbformat's upgrade does). */
export function withCellIds(notebook: Notebook): Notebook {
  const kept = new Set<string>();
  const taken = new Set(notebook.cells.map((c) => String(c.id)));
  const cells = notebook.cells.map((cell) => {
    const keep = typeof cell.id === "string" && CELL_ID.test(cell.id) && !kept.has(cell.id);
    const id = keep ? cell.id! : newCellId(taken);
    kept.add(id);
    taken.add(id);
    const { id: _old, ...rest } = cell;
    return { id, ...rest, metadata: cell.metadata ?? {} };
  });
  return { ...notebook, cells };
}

/** Jupyter stores multi-line strings as lists of lines (smaller diffs); both forms are valid. */
function asLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

function jupyterStyle(output: Output): Output {
  if (output.output_type === "stream") return { ...output, text: asLines(output.text) as never };
  if (output.output_type === "error") return output;
  const data = Object.fromEntries(
    Object.entries(output.data).map(([mime, value]) => [mime, typeof value === "string" && !mime.endsWith("json") ? asLines(value) : value]),
  );
  return { ...output, data };
}

export function serializeNotebook(notebook: Notebook): string {
  const cells = notebook.cells.map((cell) => ({
    ...cell,
    source: asLines(sourceText(cell)),
    ...(cell.outputs ? { outputs: cell.outputs.map(jupyterStyle) } : {}),
  }));
  return JSON.stringify({ ...notebook, cells }, null, 1) + "\n";
}

/** Readers never see a half-written file: write a temp file beside it, then rename. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(3).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export function writeNotebookAtomic(path: string, notebook: Notebook): void {
  writeFileAtomic(path, serializeNotebook(notebook));
}
