/** Number formatting shared by the tensor and table renderers. */

/** Floats: at most 4 decimals, scientific when very large or very small (like numpy's repr). */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-4)) return value.toExponential(3);
  return String(Number(value.toFixed(4)));
}

/** A cell value of any type as short text. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return value;
  return String(value);
}

/** Keras-style shape: `(None, 128)`. */
export function formatShape(shape: readonly (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? "None" : String(d)));
  return `(${dims.join(", ")}${dims.length === 1 ? "," : ""})`;
}

/** 101770 -> "101,770". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** 1 -> "1 row", 1000 -> "1,000 rows". */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}
