/**
 * The runner is a frontend without a widget manager, and remembers what one would: the state of
 * every model the kernel opens on `jupyter.widget`, kept current by `update` / `echo_update` and
 * dropped on `comm_close`, saved as JupyterLab saves it (`metadata.widgets`), so that an exported
 * notebook shows each widget's last state. Output widgets capture as JupyterLab's do: while an
 * Output model's `msg_id` names a request, that request's outputs go into the model's `outputs`
 * instead of the cell. Comms to any other target are closed, as a frontend that has no handler
 * for them does.
 */
import type { Message } from "../kernel/wire";
import { embedState, putBuffers } from "../widgets/serialize";
import type { Output } from "./notebook";
import { OutputFolder } from "./outputs";

const WIDGET_TARGET = "jupyter.widget";
export const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";

interface Model {
  state: Record<string, unknown>;
  /** Folds captured messages into state.outputs (Output models only). */
  capture?: OutputFolder;
}

export interface WidgetManagerState {
  version_major: 2;
  version_minor: 0;
  state: Record<string, unknown>;
}

export class WidgetStates {
  private readonly models = new Map<string, Model>();

  /** @param closeComm answers a comm_open for a target this frontend does not have */
  constructor(private readonly closeComm: (commId: string) => void = () => undefined) {}

  get size(): number {
    return this.models.size;
  }

  /** Takes a comm message from iopub (other messages are ignored). */
  fold(msg: Message): void {
    const c = msg.content as Record<string, any>;
    const id = String(c.comm_id);
    switch (msg.header.msg_type) {
      case "comm_open":
        if (c.target_name !== WIDGET_TARGET) return this.closeComm(id);
        return this.open(id, c.data ?? {}, msg.buffers);
      case "comm_msg":
        return this.message(id, c.data ?? {}, msg.buffers);
      case "comm_close":
        this.models.delete(id);
        return;
    }
  }

  /** True when an Output model captured this message (then it belongs to no cell). */
  capture(msg: Message): boolean {
    const parent = (msg.parent_header as { msg_id?: string }).msg_id;
    if (!parent) return false;
    let captured = false;
    for (const model of this.models.values()) {
      if (model.capture && model.state.msg_id === parent) {
        model.capture.fold(msg);
        captured = true;
      }
    }
    return captured;
  }

  state(modelId: string): Record<string, unknown> | undefined {
    return this.models.get(modelId)?.state;
  }

  /** What JupyterLab saves in `metadata.widgets[WIDGET_STATE_MIME]`. */
  managerState(): WidgetManagerState {
    const state: Record<string, unknown> = {};
    for (const [id, model] of this.models) state[id] = embedState(model.state);
    return { version_major: 2, version_minor: 0, state };
  }

  private open(id: string, data: Record<string, unknown>, buffers: Buffer[]): void {
    const state = { ...((data.state ?? {}) as Record<string, unknown>) };
    putBuffers(state, data.buffer_paths, buffers.map(bytes));
    const model: Model = { state };
    if (state._model_name === "OutputModel") {
      model.capture = new OutputFolder();
      state.outputs = Array.isArray(state.outputs) ? state.outputs : [];
      model.capture.startCell(state.outputs as Output[]);
    }
    this.models.set(id, model);
  }

  private message(id: string, data: Record<string, unknown>, buffers: Buffer[]): void {
    const model = this.models.get(id);
    if (!model || (data.method !== "update" && data.method !== "echo_update")) return;
    const update = { ...((data.state ?? {}) as Record<string, unknown>) };
    putBuffers(update, data.buffer_paths, buffers.map(bytes));
    Object.assign(model.state, update);
    if (model.capture && "outputs" in update) {
      // The kernel replaced the outputs (appendStdout, clear): capture continues from them.
      model.state.outputs = Array.isArray(update.outputs) ? [...update.outputs] : [];
      model.capture.startCell(model.state.outputs as Output[]);
    }
  }
}

function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
