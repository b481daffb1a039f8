/**
 * Decimal numbers parsed straight from bytes, so that numeric CSV fields never become strings.
 * Syntax: optional spaces, optional sign, digits with an optional fraction (`5`, `5.`, `.5`),
 * optional exponent, optional spaces. Anything else (`0x1A`, `Infinity`, `1,5`) is not a number.
 */

export enum NumberSyntax {
  Integer = 0,
  Decimal = 1,
  NotANumber = 2,
}

/** Reused by the caller so that parsing a field allocates nothing. */
export interface ParsedNumber {
  value: number;
  syntax: NumberSyntax;
}

const SPACE = 0x20;
const TAB = 0x09;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

// Powers of ten that are exact doubles: 10^0 .. 10^22.
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
// Integers below 2^53 are exact doubles; 15 digits always stay below it.
const MAX_EXACT_DIGITS = 15;

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= ZERO + 9;
}

function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

/**
 * Parses bytes[start, end) into `out`. With at most 15 significant digits and a decimal exponent
 * within +-22, one IEEE multiplication or division of two exact values is correctly rounded
 * (Clinger's fast path), so the result equals `Number(text)`; other valid numbers fall back to it.
 */
export function parseNumber(bytes: Uint8Array, start: number, end: number, out: ParsedNumber): void {
  while (start < end && isBlank(bytes[start])) start++;
  while (end > start && isBlank(bytes[end - 1])) end--;
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) negative = bytes[i++] === MINUS;

  let mantissa = 0;
  let digits = 0; // significant digits accumulated into the mantissa
  let exact = true; // false once a significant digit did not fit in the mantissa
  let fractionDigits = 0;
  let sawDigit = false;
  let syntax = NumberSyntax.Integer;

  for (; i < end && isDigit(bytes[i]); i++) {
    sawDigit = true;
    if (digits < MAX_EXACT_DIGITS) {
      mantissa = mantissa * 10 + (bytes[i] - ZERO);
      if (mantissa !== 0) digits++;
    } else exact = false;
  }
  if (i < end && bytes[i] === DOT) {
    syntax = NumberSyntax.Decimal;
    for (i++; i < end && isDigit(bytes[i]); i++) {
      sawDigit = true;
      if (digits < MAX_EXACT_DIGITS) {
        mantissa = mantissa * 10 + (bytes[i] - ZERO);
        fractionDigits++;
        if (mantissa !== 0) digits++;
      } else exact = false;
    }
  }
  if (!sawDigit) return notANumber(out);

  let exponent = 0;
  if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    syntax = NumberSyntax.Decimal;
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) exponentNegative = bytes[i++] === MINUS;
    if (i === end || !isDigit(bytes[i])) return notANumber(out);
    for (; i < end && isDigit(bytes[i]); i++) exponent = Math.min(exponent * 10 + (bytes[i] - ZERO), 1e6);
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return notANumber(out);

  out.syntax = syntax;
  const scale = exponent - fractionDigits;
  if (!exact || scale < -22 || scale > 22) {
    out.value = Number(latin1(bytes, start, end));
    return;
  }
  const magnitude = scale < 0 ? mantissa / EXACT_POWERS_OF_TEN[-scale] : mantissa * EXACT_POWERS_OF_TEN[scale];
  out.value = negative ? -magnitude : magnitude;
}

function notANumber(out: ParsedNumber): void {
  out.value = NaN;
  out.syntax = NumberSyntax.NotANumber;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}
