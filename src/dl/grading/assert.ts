/**
 * `assert`, the checks an assignment's test cells use, with messages written for the student
 * who reads them in the feedback ("forward([1, 1]): expected 1 but got 0").
 *
 * Hardening against a submission that runs in the same kernel (cheap, not complete, see the
 * README): every built-in it relies on is captured when this module loads, before any cell
 * runs, and the exported object is frozen; while grading, the kernel also refuses to let a cell
 * rebind the name `assert`.
 */
const { abs, max, floor } = Math;
const { isArray } = Array;
const { is: sameValue, keys, freeze, getPrototypeOf } = Object;
const ObjectProto = Object.prototype;
const ErrorCtor = Error;
const jsonStringify = JSON.stringify;
const StringCtor = String;

export class AssertionError extends ErrorCtor {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}
freeze(AssertionError.prototype);

/** What `assert.tensorClose` and `assert.shape` need of a tensor (tfjs's Tensor has it). */
export interface TensorLike {
  shape: number[];
  dataSync(): ArrayLike<number>;
}

type Nested = number | boolean | NestedArray;
interface NestedArray extends ReadonlyArray<Nested> {}

const DEFAULT_TOLERANCE = 1e-6;
const MAX_SHOWN = 80;

function fail(why: string, context: string | undefined): never {
  throw new AssertionError(context ? `${context}: ${why}` : why);
}

/** A short, stable picture of a value for a message. */
function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return sameValue(value, -0) ? "-0" : StringCtor(value);
  if (typeof value === "bigint") return `${StringCtor(value)}n`;
  if (typeof value === "function") return "a function";
  if (isTensor(value)) return `a tensor of shape [${value.shape.join(", ")}]`;
  let text: string;
  try {
    text = jsonStringify(value) ?? StringCtor(value);
  } catch {
    text = StringCtor(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function hint(actual: unknown): string {
  return actual === undefined ? " (did your code return a value?)" : "";
}

function isTensor(value: unknown): value is TensorLike {
  return typeof value === "object" && value !== null && isArray((value as TensorLike).shape) && typeof (value as TensorLike).dataSync === "function";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = getPrototypeOf(value);
  return proto === ObjectProto || proto === null;
}

/** Where two values first differ ("" when they are equal), e.g. "[2]" or ".weights[0]". */
function firstDifference(actual: unknown, expected: unknown, path: string): string | null {
  if (sameValue(actual, expected)) return null;
  if (isArray(expected)) {
    if (!isArray(actual)) return path;
    if (actual.length !== expected.length) return `${path}.length`;
    for (let i = 0; i < expected.length; i++) {
      const at = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (at !== null) return at;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return path;
    const names = keys(expected);
    if (keys(actual).length !== names.length) return path;
    for (const name of names) {
      const at = firstDifference(actual[name], expected[name], `${path}.${name}`);
      if (at !== null) return at;
    }
    return null;
  }
  return path;
}

function equal(actual: unknown, expected: unknown, context?: string): void {
  const at = firstDifference(actual, expected, "");
  if (at === null) return;
  const where = at ? ` (they differ at ${at})` : "";
  fail(`expected ${show(expected)} but got ${show(actual)}${where}${hint(actual)}`, context);
}

function ok(condition: unknown, message: string): void {
  if (!condition) fail(message, undefined);
}

/** Numbers within `tol` of each other, scaled by the expected value once it exceeds 1. */
function within(actual: number, expected: number, tol: number): boolean {
  return abs(actual - expected) <= tol * max(1, abs(expected));
}

function flatten(value: Nested, out: number[], shape: number[], depth: number): void {
  if (isArray(value)) {
    if (shape.length === depth) shape.push(value.length);
    for (const item of value) flatten(item, out, shape, depth + 1);
  } else {
    out.push(Number(value));
  }
}

function numbersOf(value: unknown): { values: ArrayLike<number>; shape: number[] } | null {
  if (typeof value === "number") return { values: [value], shape: [] };
  if (isTensor(value)) return { values: value.dataSync(), shape: [...value.shape] };
  if (isArray(value)) {
    const values: number[] = [];
    const shape: number[] = [];
    flatten(value as Nested, values, shape, 0);
    return { values, shape };
  }
  return null;
}

function close(actual: unknown, expected: number | readonly number[], tol = DEFAULT_TOLERANCE, context?: string): void {
  if (typeof expected === "number") {
    if (typeof actual !== "number") fail(`expected a number close to ${show(expected)} but got ${show(actual)}${hint(actual)}`, context);
    if (sameValue(actual, expected)) return;
    if (!within(actual, expected, tol)) fail(`expected ${show(expected)} ± ${show(tol)} but got ${show(actual)} (off by ${show(abs(actual - expected))})`, context);
    return;
  }
  compareNumbers(actual, expected, tol, context, "array");
}

function tensorClose(actual: unknown, expected: unknown, tol = 1e-5, context?: string): void {
  if (!isTensor(actual)) fail(`expected a tensor but got ${show(actual)}${hint(actual)}`, context);
  compareNumbers(actual, expected, tol, context, "tensor");
}

function compareNumbers(actual: unknown, expected: unknown, tol: number, context: string | undefined, kind: string): void {
  const got = numbersOf(actual);
  const want = numbersOf(expected);
  if (!want) throw new TypeError(`assert: cannot compare with ${show(expected)}`);
  if (!got) fail(`expected ${kind === "tensor" ? "a tensor" : "numbers"} but got ${show(actual)}${hint(actual)}`, context);
  const scalar = want.shape.length === 0;
  if (!scalar) shapeMatches(got.shape, want.shape, context);
  let wrong = 0;
  let first = -1;
  for (let i = 0; i < got.values.length; i++) {
    const target = scalar ? want.values[0] : want.values[i];
    if (!within(got.values[i], target, tol)) {
      wrong++;
      if (first < 0) first = i;
    }
  }
  if (wrong === 0) return;
  const target = scalar ? want.values[0] : want.values[first];
  fail(
    `${wrong} of ${got.values.length} values differ; at ${indexText(first, got.shape)} expected ${show(target)} ± ${show(tol)} but got ${show(got.values[first])}`,
    context,
  );
}

/** Flat index -> "[1, 0]" for the shape. */
function indexText(flat: number, shape: number[]): string {
  if (shape.length === 0) return "the value";
  const index: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    index.unshift(flat % shape[d]);
    flat = floor(flat / shape[d]);
  }
  return `[${index.join(", ")}]`;
}

function shapeMatches(got: readonly number[], want: readonly number[], context?: string): void {
  const same = got.length === want.length && got.every((n, i) => want[i] === -1 || n === want[i]);
  if (!same) fail(`expected shape [${want.join(", ")}] but got [${got.join(", ")}]`, context);
}

function shape(actual: unknown, expected: readonly number[], context?: string): void {
  const got = isTensor(actual) ? actual.shape : isArray(actual) ? numbersOf(actual)!.shape : null;
  if (!got) fail(`expected a tensor or array of shape [${expected.join(", ")}] but got ${show(actual)}${hint(actual)}`, context);
  shapeMatches(got, expected, context);
}

export interface Assert {
  /** Same value, or arrays / plain objects with equal items (deep). */
  equal(actual: unknown, expected: unknown, context?: string): void;
  /** A number (or array of numbers) within `tol` (default 1e-6; relative once |expected| > 1). */
  close(actual: unknown, expected: number | readonly number[], tol?: number, context?: string): void;
  /** A tensor equal to `expected` (a tensor, nested array or scalar) within `tol` (default 1e-5), same shape. */
  tensorClose(actual: unknown, expected: unknown, tol?: number, context?: string): void;
  /** A tensor or nested array of this shape; -1 matches any size. */
  shape(actual: unknown, expected: readonly number[], context?: string): void;
  /** Fails with `message` unless `condition` holds. */
  ok(condition: unknown, message: string): void;
}

export const assert: Assert = freeze({ equal, close, tensorClose, shape, ok });
