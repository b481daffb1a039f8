/**
 * The one rich-display protocol: any object with a `[Symbol.for("Jupyter.display")]()` method
 * returns its own MIME bundle (the convention of Deno's kernel; IPython's `_repr_mimebundle_`).
 * Renderers for library types (Tensor, DataFrame, ...) install that method on the prototypes;
 * nothing in the kernel switches on types.
 */
import { inspect } from "node:util";

export const DISPLAY_SYMBOL: unique symbol = Symbol.for("Jupyter.display") as never;

/** MIME type -> data. JSON MIME types (`application/*+json`) carry objects, not strings. */
export type MimeBundle = Record<string, unknown>;

/** What a display method may return: a bare bundle, or data with metadata. */
export interface RichOutput {
  data: MimeBundle;
  metadata?: Record<string, unknown>;
}

export interface Displayable {
  [DISPLAY_SYMBOL](): MimeBundle | RichOutput;
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

/** Turns any value into a MIME bundle through the protocol; text/plain is always present. */
export function toRichOutput(value: unknown): RichOutput {
  if (isDisplayable(value)) {
    const out = value[DISPLAY_SYMBOL]();
    const rich: RichOutput = isRichOutput(out) ? out : { data: out };
    if (!("text/plain" in rich.data)) rich.data = { ...rich.data, "text/plain": plainText(value) };
    return rich;
  }
  return { data: { "text/plain": plainText(value) } };
}

function isRichOutput(out: MimeBundle | RichOutput): out is RichOutput {
  return typeof out.data === "object" && out.data !== null && Object.keys(out).every((k) => k === "data" || k === "metadata");
}

/** Installs a display method on a class's prototype (how renderers register themselves). */
export function registerRenderer<T>(proto: T, render: (this: T) => MimeBundle | RichOutput): void {
  Object.defineProperty(proto, DISPLAY_SYMBOL, { value: render, configurable: true, writable: true });
}
