/** Turns compile diagnostics and runtime exceptions into Jupyter error content with cell lines. */
import { join, sep } from "node:path";
import { types } from "node:util";
import type { ErrorContent } from "../kernel/language";
import type { CellDiagnostic } from "./compiler";
import { CellLineMap } from "./line-map";

export function compileError(cellName: string, source: string, diagnostics: CellDiagnostic[]): ErrorContent {
  const lines = source.split("\n");
  const messages = diagnostics.map((d) => `${cellName}:${d.line}:${d.column} - error TS${d.code}: ${d.message}`);
  const traceback = diagnostics.flatMap((d, i) => [messages[i], `  ${lines[d.line - 1] ?? ""}`, `  ${" ".repeat(Math.max(0, d.column - 1))}^`]);
  return { ename: "TSError", evalue: messages.join("\n"), traceback };
}

/** Runtime error: the message, then stack frames in cells rewritten to cell lines, internals dropped. */
export function runtimeError(error: unknown, cells: Map<string, CellLineMap>): ErrorContent {
  // Errors made in another realm (a vm context) are Errors too, though not `instanceof` this one's.
  if (!types.isNativeError(error) && !(error instanceof Error)) {
    return { ename: "Error", evalue: `a non-Error value was thrown: ${String(error)}`, traceback: [`Thrown: ${String(error)}`] };
  }
  const ename = error.name || error.constructor?.name || "Error";
  const frames = (error.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  const shown = frames.map((f) => mapFrame(f, cells)).filter((f): f is string => f !== null);
  return { ename, evalue: error.message, traceback: [`${ename}: ${error.message}`, ...shown] };
}

/**
 * The kernel's, engine's, display layer's and widgets' own code (built or, under a test runner,
 * source): never the user's concern (a widget callback's frames below the cell's own are the
 * widgets' internals).
 */
const INTERNAL_DIRS = ["", "../kernel", "../display", "../widgets"].map((dir) => join(__dirname, dir) + sep);

const FRAME = /^(\s+at (?:.*? \()?)([^()]+?):(\d+):(\d+)(\)?)$/;

function mapFrame(frame: string, cells: Map<string, CellLineMap>): string | null {
  const m = FRAME.exec(frame);
  if (!m) return frame;
  const [, head, file, line, , tail] = m;
  const cell = cells.get(file);
  if (cell) {
    if (!cell.isCellLine(Number(line))) return null; // the executor's call of the cell, not user code
    const tsLine = cell.tsLine(Number(line));
    return `${head.replace(/Object\.<anonymous>|exports\./g, "")}${file}, line ${tsLine}${tail}    ${cell.sourceLine(tsLine).trim()}`;
  }
  if (file.startsWith("node:") || INTERNAL_DIRS.some((dir) => file.startsWith(dir))) return null;
  return frame;
}
