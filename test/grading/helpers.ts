/** Shared by grading tests: the tiny assignment, submissions written from its release, the CLI. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { releaseNotebook } from "../../src/grading/release";
import { Notebook, readNotebook, serializeNotebook } from "../../src/runner/notebook";

export const ROOT = join(__dirname, "..", "..");
export const TINY_SOURCE = join(ROOT, "test", "fixtures", "grading", "tiny-source.ipynb");

export const SQUARE = "function square(x: number): number { return x * x; }";
export const HALVE = "function halve(xs: number[]): number[] { return xs.map((x) => x / 2); }";

export function scratchDir(prefix = "tsdl-grading-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The released tiny assignment with these answers (by grade_id), written to dir/name.ipynb. */
export function writeSubmission(dir: string, name: string, answers: Record<string, string>, edit?: (nb: Notebook) => void): string {
  const notebook = releaseNotebook(readNotebook(TINY_SOURCE));
  for (const cell of notebook.cells) {
    const id = (cell.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id;
    if (id && answers[id] !== undefined) cell.source = answers[id];
  }
  edit?.(notebook);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.ipynb`);
  writeFileSync(path, serializeNotebook(notebook));
  return path;
}
