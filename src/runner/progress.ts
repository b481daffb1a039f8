/** The one-line descriptions of cells and failures that the runner prints on stderr. */
import { Cell, sourceText } from "./notebook";

const PREVIEW_CHARS = 60;

export function firstLine(cell: Cell): string {
  const line = sourceText(cell).split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}

export interface CellProgress {
  /** 1-based position among the code cells that run. */
  position: number;
  total: number;
  seconds: number;
  cell: Cell;
  /** The kernel replied but its iopub idle never came: some outputs may have been dropped. */
  outputsIncomplete?: boolean;
}

export function progressLine({ position, total, seconds, cell, outputsIncomplete }: CellProgress): string {
  const warning = outputsIncomplete ? "  (warning: the kernel's idle status never arrived on iopub; outputs may be incomplete)" : "";
  return `[${position}/${total}] ${seconds.toFixed(1)}s  ${firstLine(cell)}${warning}`;
}

export function describeExit(exit: number | string): string {
  return typeof exit === "number" ? `exit code ${exit}` : `signal ${exit}`;
}
