/**
 * The one rich-display protocol: any object with a `[Symbol.for("Jupyter.display")]()` method
 * returns its own MIME bundle (the convention of Deno's kernel; IPython's `_repr_mimebundle_`).
 * The method may be async, as in Deno: its promise is awaited. Renderers for library types
 * (Tensor, DataFrame, ...) install that method on the prototypes; nothing in the kernel switches
 * on types.
 */
import { inspect, types } from "node:util";

export const DISPLAY_SYMBOL: unique symbol = Symbol.for("Jupyter.display") as never;

/** MIME type -> data. JSON MIME types (`application/*+json`) carry objects, not strings. */
export type MimeBundle = Record<string, unknown>;

/** What a display method may return: a bare bundle, or data with metadata. */
export interface RichOutput {
  data: MimeBundle;
  metadata?: Record<string, unknown>;
}

export interface Displayable {
  [DISPLAY_SYMBOL](): MimeBundle | RichOutput | Promise<MimeBundle | RichOutput>;
}

/** A display method threw or rejected: the message names the value's type; `cause` is the original error. */
export class DisplayError extends Error {
  constructor(value: unknown, cause: unknown, how: "threw" | "rejected" | "returned") {
    const detail = how === "returned" ? String(cause) : causeMessage(cause);
    super(`the [Symbol.for("Jupyter.display")] method of ${typeName(value)} ${how} ${detail}`, { cause });
    this.name = "DisplayError";
    // Where the display method failed (its own frames), not where the kernel called it.
    const frames = cause instanceof Error || types.isNativeError(cause) ? (cause as Error).stack?.split("\n").filter((l) => /^\s+at /.test(l)) : [];
    this.stack = [`${this.name}: ${this.message}`, ...(frames ?? [])].join("\n");
  }
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error || types.isNativeError(cause)) return `${(cause as Error).name}: ${(cause as Error).message}`;
  return inspect(cause);
}

function typeName(value: unknown): string {
  const name = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

export interface DisplayOptions {
  /** Names the output so that a later call with `update: true` replaces it in place. */
  displayId?: string;
  /** Replace the output named by `displayId` instead of adding a new one. */
  update?: boolean;
  metadata?: Record<string, unknown>;
}

/** Where display output goes: the kernel installs one that publishes on iopub. */
export interface DisplaySink {
  display(output: RichOutput, options: { displayId?: string; update?: boolean }): void;
  clearOutput(wait: boolean): void;
  /** Sends text printed so far now (streams are batched). */
  flush?(): void;
  /** True when a Jupyter frontend receives the output (false in plain Node). */
  readonly interactive: boolean;
  /**
   * An async display still rendering. `observed()` tells whether the caller awaited (or
   * otherwise handled) the promise display() returned; if not, the sink reports its failure.
   */
  trackRendering?(rendering: Promise<void>, observed: () => boolean): void;
}

/** Outside a kernel (scripts, tests) output is printed as text. */
const consoleSink: DisplaySink = {
  display(output) {
    const text = output.data["text/plain"];
    if (text !== undefined) process.stdout.write(String(text) + "\n");
  },
  clearOutput() {},
  interactive: false,
};

let sink: DisplaySink = consoleSink;

export function setDisplaySink(next: DisplaySink | null): void {
  sink = next ?? consoleSink;
}

export function displaySink(): DisplaySink {
  return sink;
}

export function isDisplayable(value: unknown): value is Displayable {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as Record<symbol, unknown>)[DISPLAY_SYMBOL] === "function"
  );
}

/** The text a REPL shows for a value: strings quoted, objects inspected. */
export function plainText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

/**
 * Turns any value into a MIME bundle through the protocol; text/plain is always present. A
 * promise when the value's display method is async; a failing method gives a DisplayError.
 */
export function renderValue(value: unknown): RichOutput | Promise<RichOutput> {
  if (!isDisplayable(value)) return { data: { "text/plain": plainText(value) } };
  let out: ReturnType<Displayable[typeof DISPLAY_SYMBOL]>;
  try {
    out = value[DISPLAY_SYMBOL]();
  } catch (e) {
    throw new DisplayError(value, e, "threw");
  }
  if (!isPromiseLike(out)) return completed(value, out);
  return Promise.resolve(out).then(
    (resolved) => completed(value, resolved),
    (e) => Promise.reject(new DisplayError(value, e, "rejected")),
  );
}

/** renderValue for values whose display method is synchronous (renderers, tests). */
export function toRichOutput(value: unknown): RichOutput {
  const rendered = renderValue(value);
  if (isPromiseLike(rendered)) {
    rendered.then(undefined, () => undefined); // the caller learns of it below, not as an unhandled rejection
    throw new TypeError("this value's display method is async: use `await renderValue(value)`");
  }
  return rendered;
}

function completed(value: unknown, out: unknown): RichOutput {
  if (out === null || typeof out !== "object") throw new DisplayError(value, `${inspect(out)} instead of a MIME bundle`, "returned");
  const rich: RichOutput = isRichOutput(out as MimeBundle) ? (out as RichOutput) : { data: out as MimeBundle };
  if (!("text/plain" in rich.data)) rich.data = { ...rich.data, "text/plain": plainText(value) };
  return rich;
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as PromiseLike<unknown>).then === "function";
}

function isRichOutput(out: MimeBundle | RichOutput): out is RichOutput {
  return typeof out.data === "object" && out.data !== null && Object.keys(out).every((k) => k === "data" || k === "metadata");
}

/** Installs a display method on a class's prototype (how renderers register themselves). */
export function registerRenderer<T>(proto: T, render: (this: T) => MimeBundle | RichOutput): void {
  Object.defineProperty(proto, DISPLAY_SYMBOL, { value: render, configurable: true, writable: true });
}
