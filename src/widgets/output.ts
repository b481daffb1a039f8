/**
 * Output: a widget that shows captured output, as ipywidgets' Output. While `capture(fn)` runs,
 * the widget's `msg_id` names the request being answered (a cell, or the frontend message that
 * triggered a callback); the frontend then puts that request's output (console, display(),
 * clearOutput()) in the widget instead of the cell. An error thrown inside is shown there too.
 * `appendStdout`, `appendDisplayData` and `outputs` set the content directly, from anywhere
 * (a timer, a training loop), as JSON outputs in nbformat's shape.
 */
import { commHost } from "../display/comm";
import { clearOutput } from "../display/display";
import { displaySink, toRichOutput } from "../display/protocol";
import { DOMWidget, DOMWidgetOptions } from "./dom";
import { defineTraits, modelHeader, OUTPUT } from "./traits";
import type { WireState } from "./widget";

const OUTPUT_DEFAULTS: WireState = { ...modelHeader(OUTPUT, "OutputModel", OUTPUT, "OutputView"), msg_id: "", outputs: [] };

/** An output as nbformat stores it (stream, display_data, error). */
export type OutputRecord = Record<string, unknown> & { output_type: string };

export interface Output {
  /** Parent msg_id of the messages the frontend captures; "" when not capturing. */
  msgId: string;
  outputs: OutputRecord[];
}
export class Output extends DOMWidget {
  /** Nested captures keep msg_id until the outermost ends. */
  private depth = 0;

  constructor(options: DOMWidgetOptions = {}) {
    super(OUTPUT_DEFAULTS, options);
  }

  /**
   * Runs `fn` (sync or async) with its output shown in this widget. An error it throws is shown
   * in the widget and not rethrown (as ipywidgets' `with out:`); the result is then undefined.
   */
  capture<T>(fn: () => T): T | undefined {
    this.enter();
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.showError(e);
      this.exit();
      return undefined;
    }
    if (!(result instanceof Promise)) {
      this.exit();
      return result;
    }
    return result.then(
      (value) => (this.exit(), value),
      (e) => (this.showError(e), this.exit(), undefined),
    ) as T;
  }

  /** Clears the widget (with `wait`, once new output arrives, which avoids flicker). */
  clearOutput(options: { wait?: boolean } = {}): void {
    if (this.isOpen) this.capture(() => clearOutput(options.wait ?? false));
    else this.outputs = [];
  }

  appendStdout(text: string): void {
    this.outputs = [...this.outputs, { output_type: "stream", name: "stdout", text }];
  }

  appendStderr(text: string): void {
    this.outputs = [...this.outputs, { output_type: "stream", name: "stderr", text }];
  }

  /** Adds what `display(value)` would show. */
  appendDisplayData(value: unknown): void {
    const { data, metadata } = toRichOutput(value);
    this.outputs = [...this.outputs, { output_type: "display_data", data, metadata: metadata ?? {} }];
  }

  private enter(): void {
    displaySink().flush?.(); // earlier output stays where it was going
    const request = commHost()?.currentRequestId() ?? null;
    if (this.depth++ === 0 && request) this.msgId = request;
  }

  private exit(): void {
    displaySink().flush?.(); // captured output leaves before msg_id is reset
    if (--this.depth === 0) this.msgId = "";
  }

  private showError(error: unknown): void {
    const lines = commHost()?.traceback(error) ?? [String((error as Error)?.stack ?? error)];
    console.error(lines.join("\n"));
  }
}
defineTraits(Output, ["msg_id", "outputs"]);
