/**
 * Folds a cell's iopub messages into nbformat outputs the way Jupyter frontends do: consecutive
 * stream text of one name merges, clear_output (possibly deferred by `wait`) empties the cell,
 * and update_display_data rewrites every earlier output with that display_id, in any cell.
 */
import type { Message } from "../kernel/wire";
import type { MimeBundle, Output } from "./notebook";

type DisplayOutput = Extract<Output, { data: MimeBundle }>;

export class OutputFolder {
  /** Outputs by display_id, notebook-wide: an update may target an earlier cell. */
  private readonly displays = new Map<string, DisplayOutput[]>();
  private outputs: Output[] = [];
  private clearBeforeNext = false;

  /** Later messages fold into this cell's output list (mutated in place). */
  startCell(outputs: Output[]): void {
    this.outputs = outputs;
    this.clearBeforeNext = false;
  }

  fold(msg: Message): void {
    const c = msg.content as Record<string, any>;
    switch (msg.header.msg_type) {
      case "stream":
        return this.stream(String(c.name), String(c.text));
      case "display_data":
        return this.add({ output_type: "display_data", data: c.data ?? {}, metadata: c.metadata ?? {} }, c.transient);
      case "execute_result":
        return this.add({ output_type: "execute_result", execution_count: c.execution_count ?? null, data: c.data ?? {}, metadata: c.metadata ?? {} }, c.transient);
      case "error":
        return this.add({ output_type: "error", ename: String(c.ename), evalue: String(c.evalue), traceback: (c.traceback ?? []).map(String) });
      case "update_display_data":
        return this.update(c.transient?.display_id, c.data ?? {}, c.metadata ?? {});
      case "clear_output":
        if (c.wait) this.clearBeforeNext = true;
        else this.clear();
        return;
    }
  }

  /** Adds an output that did not come from the kernel (e.g. the runner's timeout error). */
  append(output: Output): void {
    this.add(output);
  }

  private stream(name: string, text: string): void {
    this.applyDeferredClear();
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) last.text += text;
    else this.outputs.push({ output_type: "stream", name, text });
  }

  private add(output: Output, transient?: { display_id?: unknown }): void {
    this.applyDeferredClear();
    this.outputs.push(output);
    const id = transient?.display_id;
    if (typeof id === "string" && "data" in output) this.displays.set(id, [...(this.displays.get(id) ?? []), output]);
  }

  /** Jupyter stores no display_id: the update lands in the stored output's data and metadata. */
  private update(displayId: unknown, data: MimeBundle, metadata: Record<string, unknown>): void {
    if (typeof displayId !== "string") return;
    for (const output of this.displays.get(displayId) ?? []) {
      output.data = data;
      output.metadata = metadata;
    }
  }

  private applyDeferredClear(): void {
    if (!this.clearBeforeNext) return;
    this.clearBeforeNext = false;
    this.clear();
  }

  private clear(): void {
    const removed = new Set<Output>(this.outputs.splice(0));
    for (const [id, outputs] of this.displays) this.displays.set(id, outputs.filter((o) => !removed.has(o)));
  }
}
