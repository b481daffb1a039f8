/**
 * Per-cell timestamps as nbclient records them in `metadata.execution`: the kernel's header.date
 * of the busy status, execute_input and idle status on iopub, and of the shell execute_reply.
 */
import type { KernelClient } from "../client/client";
import type { Message } from "../kernel/wire";

export interface ExecutionTiming {
  "iopub.status.busy"?: string;
  "iopub.execute_input"?: string;
  "shell.execute_reply"?: string;
  "iopub.status.idle"?: string;
}

interface Seen {
  timing: ExecutionTiming;
  executionCount: number | null;
}

export class TimingRecorder {
  private readonly seen = new Map<string, Seen>();
  private latestId: string | null = null;
  readonly stop: () => void;

  constructor(client: KernelClient) {
    this.stop = client.onIopub((msg) => this.record(msg));
  }

  /** Call before each execute: `current()` then reports only on requests sent after it. */
  begin(): void {
    this.latestId = null;
  }

  /** What iopub said about the execute_request since `begin()` (the runner sends one at a time). */
  current(): Seen {
    return (this.latestId && this.seen.get(this.latestId)) || { timing: {}, executionCount: null };
  }

  private record(msg: Message): void {
    const parent = msg.parent_header as { msg_id?: string; msg_type?: string };
    if (parent.msg_type !== "execute_request" || !parent.msg_id) return;
    if (!this.seen.has(parent.msg_id)) this.seen.set(parent.msg_id, { timing: {}, executionCount: null });
    this.latestId = parent.msg_id;
    const entry = this.seen.get(parent.msg_id)!;
    const state = msg.content.execution_state;
    if (msg.header.msg_type === "execute_input") {
      entry.timing["iopub.execute_input"] = msg.header.date;
      entry.executionCount = typeof msg.content.execution_count === "number" ? msg.content.execution_count : null;
    } else if (msg.header.msg_type === "status" && state === "busy") entry.timing["iopub.status.busy"] ??= msg.header.date;
    else if (msg.header.msg_type === "status" && state === "idle") entry.timing["iopub.status.idle"] ??= msg.header.date;
  }
}
