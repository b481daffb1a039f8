/**
 * Claim numbers the way a person reads them: fractions as percentages (0.97549 -> "97.5 %"),
 * speed-ups as "81×", integers with thousands separators ("101,770"), tiny bounds as "1e-6".
 * The badge and the runner's report both use it, so they say the same thing.
 */
const PERCENT_UNITS = new Set(["fraction", "%"]);

/** Digits after the point: about three significant digits; speed-ups at ten and above as integers. */
function decimalsFor(value: number, unit: string | null): number {
  const magnitude = Math.abs(value);
  if (unit === "×") return magnitude >= 10 ? 0 : 1;
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return 2 - Math.floor(Math.log10(magnitude));
}

function withoutTrailingZeros(text: string): string {
  return text.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
}

/** A number without its unit; `extra` asks for more digits than usual. */
function numberText(value: number, unit: string | null, extra: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  if (Math.abs(value) < 1e-3) return withoutTrailingZeros(value.toExponential(Math.min(1 + extra, 12)));
  if (Number.isInteger(value) && extra === 0) return value.toLocaleString("en-US");
  const decimals = Math.min(decimalsFor(value, unit) + extra, 12);
  return value.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

function unitSuffix(unit: string | null): string {
  if (unit !== null && PERCENT_UNITS.has(unit)) return " %";
  if (unit === "×") return "×";
  return unit ? ` ${unit}` : "";
}

/** One number (or boolean) in its unit; `fraction` becomes a percentage. */
export function formatValue(value: number | boolean, unit: string | null, extra = 0): string {
  if (typeof value === "boolean") return String(value);
  const shown = unit === "fraction" ? value * 100 : value;
  return numberText(shown, unit, extra) + unitSuffix(unit);
}

/**
 * The measured value, with as many digits as it takes to tell it from the expected one:
 * 0.99996 against an expected 1 reads "99.996 %", not "100 %".
 */
export function formatMeasured(measured: number | boolean | null, expected: number | boolean, unit: string | null): string {
  if (measured === null) return "n/a";
  if (typeof measured === "boolean" || typeof expected === "boolean" || measured === expected) return formatValue(measured, unit);
  for (let extra = 0; extra < 6; extra++) {
    const text = formatValue(measured, unit, extra);
    if (text !== formatValue(expected, unit, extra)) return text;
  }
  return formatValue(measured, unit, 6);
}

export interface ExpectedParts {
  expected: number | boolean;
  op: "approx" | "<=" | ">=" | "==";
  tolerance: number;
  unit: string | null;
}

/** "97.7 ± 1 %", "≥ 10×", "≤ 1e-6", "101,770". */
export function formatExpected({ expected, op, tolerance, unit }: ExpectedParts): string {
  if (op === "<=") return `≤ ${formatValue(expected, unit)}`;
  if (op === ">=") return `≥ ${formatValue(expected, unit)}`;
  if (op !== "approx" || !tolerance || typeof expected === "boolean") return formatValue(expected, unit);
  const suffix = unitSuffix(unit);
  const center = formatValue(expected, unit).slice(0, formatValue(expected, unit).length - suffix.length);
  return `${center} ± ${formatValue(tolerance, unit)}`;
}
