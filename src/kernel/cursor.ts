/**
 * Jupyter counts cursor positions in Unicode code points (protocol 5.2); JavaScript strings are
 * indexed in UTF-16 units. The kernel converts at its edge, so a language sees string indices
 * that never split a surrogate pair and never leave the code.
 */

/** The string index of code point `cursor`; anything that is not a position in `code` is clamped into it (a missing one means the end). */
export function indexOfCodePoint(code: string, cursor: unknown): number {
  const wanted = typeof cursor === "number" && !Number.isNaN(cursor) ? Math.floor(cursor) : Infinity;
  if (wanted <= 0) return 0;
  let points = 0;
  for (let index = 0; index < code.length; points++) {
    if (points === wanted) return index;
    index += (code.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return code.length;
}

/** The code point offset of string index `index` (an index inside a surrogate pair counts the whole pair). */
export function codePointOfIndex(code: string, index: number): number {
  const end = Math.max(0, Math.min(index, code.length));
  let points = 0;
  for (let i = 0; i < end; points++) i += (code.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return points;
}
