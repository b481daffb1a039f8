/** A DisplaySink that records what would be published on iopub. */
import { DisplaySink, RichOutput, setDisplaySink } from "../../src/display/protocol";

export interface Recorded {
  output: RichOutput;
  displayId?: string;
  update?: boolean;
}

export class RecordingSink implements DisplaySink {
  readonly outputs: Recorded[] = [];
  readonly interactive = true;

  display(output: RichOutput, options: { displayId?: string; update?: boolean }): void {
    this.outputs.push({ output, ...options });
  }

  clearOutput(): void {}

  get updates(): Recorded[] {
    return this.outputs.filter((o) => o.update);
  }
}

/** Installs a fresh recording sink; the returned sink is current until the next call. */
export function recordDisplays(): RecordingSink {
  const sink = new RecordingSink();
  setDisplaySink(sink);
  return sink;
}
