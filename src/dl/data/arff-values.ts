/**
 * Splits an ARFF value list (a data row, or the inside of a nominal `{...}`) the way Weka reads
 * it: values separated by commas, surrounding whitespace ignored, single- or double-quoted values
 * with backslash escapes, and `%` starting a comment outside quotes.
 */

export interface ArffValue {
  text: string;
  /** Quoted values are literal: a quoted "?" is the text ?, not a missing value. */
  quoted: boolean;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t" };

export class ArffSyntaxError extends Error {}

export function splitArffValues(line: string): ArffValue[] {
  const values: ArffValue[] = [];
  let pos = skipBlanks(line, 0);
  if (pos >= line.length || line[pos] === "%") return values;
  for (;;) {
    const quote = line[pos];
    const value = quote === "'" || quote === '"' ? readQuoted(line, pos, quote) : readBare(line, pos);
    values.push(value.value);
    pos = skipBlanks(line, value.end);
    if (pos >= line.length || line[pos] === "%") return values;
    if (line[pos] !== ",") throw new ArffSyntaxError(`expected "," at column ${pos + 1}, found ${JSON.stringify(line[pos])}`);
    pos = skipBlanks(line, pos + 1);
  }
}

/** A name at the start of `text` (quoted, or up to whitespace or `{`) and the text after it. */
export function readArffName(text: string): { name: string; rest: string } {
  const start = skipBlanks(text, 0);
  const quote = text[start];
  if (quote === "'" || quote === '"') {
    const { value, end } = readQuoted(text, start, quote);
    return { name: value.text, rest: text.slice(end) };
  }
  let end = start;
  while (end < text.length && !/[\s{]/.test(text[end])) end++;
  if (end === start) throw new ArffSyntaxError("missing name");
  return { name: text.slice(start, end), rest: text.slice(end) };
}

function readQuoted(line: string, start: number, quote: string): { value: ArffValue; end: number } {
  let text = "";
  for (let pos = start + 1; pos < line.length; pos++) {
    const char = line[pos];
    if (char === quote) return { value: { text, quoted: true }, end: pos + 1 };
    if (char === "\\" && pos + 1 < line.length) {
      const escaped = line[++pos];
      text += ESCAPES[escaped] ?? escaped;
    } else text += char;
  }
  throw new ArffSyntaxError(`unterminated quote starting at column ${start + 1}`);
}

function readBare(line: string, start: number): { value: ArffValue; end: number } {
  let end = start;
  while (end < line.length && line[end] !== "," && line[end] !== "%") end++;
  return { value: { text: line.slice(start, end).trim(), quoted: false }, end };
}

function skipBlanks(line: string, pos: number): number {
  while (pos < line.length && (line[pos] === " " || line[pos] === "\t")) pos++;
  return pos;
}
