/**
 * Decimal numbers read straight from bytes, for parsers that must not build a string per
 * field. Accepts `[+-]digits[.digits][(e|E)[+-]digits]` (Java's Float.toString writes
 * exponents for small values) and returns NaN for anything else, including an empty range.
 */

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const LOWER_E = 101;
const UPPER_E = 69;

/** Powers of ten that doubles hold exactly; one multiply or divide by them rounds correctly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Up to 15 digits the integer mantissa is exact (< 2^53). */
const MAX_EXACT_DIGITS = 15;

export function parseAsciiNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = i < end && bytes[i] === MINUS;
  if (negative || (i < end && bytes[i] === PLUS)) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end && bytes[i] >= ZERO && bytes[i] <= NINE; i++, digits++) mantissa = mantissa * 10 + bytes[i] - ZERO;
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end && bytes[i] >= ZERO && bytes[i] <= NINE; i++, digits++, scale--) mantissa = mantissa * 10 + bytes[i] - ZERO;
  }
  if (digits === 0) return NaN;
  if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    const exponent = parseExponent(bytes, i + 1, end);
    if (Number.isNaN(exponent)) return NaN;
    scale += exponent;
    i = end;
  }
  if (i !== end) return NaN;
  if (digits > MAX_EXACT_DIGITS || Math.abs(scale) >= EXACT_POWERS_OF_TEN.length) {
    // Rare: let the engine do the correctly rounded conversion; the syntax is already checked.
    return Number(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1"));
  }
  const magnitude = scale < 0 ? mantissa / EXACT_POWERS_OF_TEN[-scale] : mantissa * EXACT_POWERS_OF_TEN[scale];
  return negative ? -magnitude : magnitude;
}

function parseExponent(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = i < end && bytes[i] === MINUS;
  if (negative || (i < end && bytes[i] === PLUS)) i++;
  if (i === end) return NaN;
  let exponent = 0;
  for (; i < end; i++) {
    if (bytes[i] < ZERO || bytes[i] > NINE) return NaN;
    exponent = exponent * 10 + bytes[i] - ZERO;
  }
  return negative ? -exponent : exponent;
}
