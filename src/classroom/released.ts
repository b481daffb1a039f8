/**
 * Telling a released assignment from its source: the source still holds nbgrader's regions
 * (BEGIN SOLUTION, BEGIN HIDDEN TESTS, BEGIN MARK SCHEME, behind `#`, `//` or nothing), which
 * release removes. A student folder must never receive the source.
 */
import { readNotebook, sourceText } from "../runner/notebook";

const SOURCE_MARKER = /^[ \t]*(?:#+|\/\/+|\/\*+|=+)?[ \t]*(?:BEGIN SOLUTION|BEGIN HIDDEN TESTS|BEGIN MARK SCHEME)\b/m;

/** Cell indices that still hold solutions, hidden tests or a mark scheme. */
export function sourceOnlyCells(path: string): number[] {
  return readNotebook(path).cells.flatMap((cell, index) => (SOURCE_MARKER.test(sourceText(cell)) ? [index] : []));
}

export function assertReleased(path: string): void {
  const cells = sourceOnlyCells(path);
  if (cells.length > 0) {
    throw new Error(`${path} is an assignment's source (solutions or hidden tests in cell ${cells.join(", ")}), not its release: give tsdl init the folder tsdl assign released it to`);
  }
}
