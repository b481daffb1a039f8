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
}

export function progressLine({ position, total, seconds, cell }: CellProgress): string {
  return `[${position}/${total}] ${seconds.toFixed(1)}s  ${firstLine(cell)}`;
}

export function describeExit(exit: number | string): string {
  return typeof exit === "number" ? `exit code ${exit}` : `signal ${exit}`;
}
