/**
 * A table already reduced to what will be shown: strings, with "…" where rows or columns were
 * elided. Tensors, DataFrames and model summaries build one; `html.ts` and `text-table.ts` draw it.
 */
export interface Grid {
  caption: string;
  header: string[];
  /** Extra header rows drawn under `header` (e.g. dtypes). */
  subheader?: string[];
  rows: string[][];
  footer?: string[];
  /** Columns whose cells are right-aligned (numbers). */
  numeric?: boolean[];
}

export const ELLIPSIS = "…";

/**
 * Indices to show out of `n`: all of them when `n <= 2 * edge + 1`, otherwise the first and last
 * `edge` with `null` marking the gap (numpy's "edgeitems").
 */
export function edgeIndices(n: number, edge: number): (number | null)[] {
  if (n <= 2 * edge + 1) return Array.from({ length: n }, (_, i) => i);
  const head = Array.from({ length: edge }, (_, i) => i);
  const tail = Array.from({ length: edge }, (_, i) => n - edge + i);
  return [...head, null, ...tail];
}
