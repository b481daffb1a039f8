/**
 * `display(...)` and its helpers, the functions cells call. They return undefined so that
 * nothing is echoed as the cell's result; display(value) of a value whose display method is
 * async returns a promise of the output (Deno's `await Deno.jupyter.display(value)`), which the
 * kernel also waits for before the cell ends.
 */
import { emit } from "./emit";
import { DisplayOptions, MimeBundle, RichOutput, displaySink, isPromiseLike, renderValue } from "./protocol";
import { showPlotly } from "./renderers/plotly";
import { Rendering } from "./rendering";

let autoId = 0;

export interface RawOption extends DisplayOptions {
  /** The first argument is already a MIME bundle. */
  raw?: boolean;
}

function showValue(value: unknown, options: RawOption = {}): void | Promise<void> {
  if (options.raw) {
    emit(value as MimeBundle, options);
    return;
  }
  const publish = (rich: RichOutput) => emit(rich.data, { ...options, metadata: { ...rich.metadata, ...options.metadata } });
  const rendered = renderValue(value);
  if (!isPromiseLike(rendered)) return publish(rendered);
  const work = rendered.then(publish);
  const rendering = Rendering.of(work);
  displaySink().trackRendering?.(work, () => rendering.observed);
  return rendering;
}

function asBase64(bytes: Uint8Array | string): string {
  return typeof bytes === "string" ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export const display = Object.assign(showValue, {
  html: (html: string, options?: DisplayOptions) => emit({ "text/html": html, "text/plain": "<HTML>" }, options),
  markdown: (md: string, options?: DisplayOptions) => emit({ "text/markdown": md, "text/plain": md }, options),
  svg: (svg: string, options?: DisplayOptions) => emit({ "image/svg+xml": svg, "text/plain": "<SVG>" }, options),
  png: (png: Uint8Array | string, options?: DisplayOptions) =>
    emit({ "image/png": asBase64(png), "text/plain": "<PNG image>" }, options),
  jpeg: (jpeg: Uint8Array | string, options?: DisplayOptions) =>
    emit({ "image/jpeg": asBase64(jpeg), "text/plain": "<JPEG image>" }, options),
  json: (value: unknown, options?: DisplayOptions) =>
    emit({ "application/json": value, "text/plain": JSON.stringify(value, null, 2) }, options),
  text: (text: string, options?: DisplayOptions) => emit({ "text/plain": text }, options),
  /** A Plotly figure: JSON for JupyterLab/VS Code, HTML with plotly.js for the rest. */
  plotly: showPlotly,
  /** A fresh id for outputs that will be updated in place. */
  newId: (prefix = "tsdl") => `${prefix}-${process.pid}-${++autoId}`,
});

export function clearOutput(wait = false): void {
  displaySink().clearOutput(wait);
}
