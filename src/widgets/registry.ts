/**
 * The kernel's live widgets (ipywidgets' `_instances`), their manager state for embedding
 * (`application/vnd.jupyter.widget-state+json`), and the `jupyter.widget.control` target that
 * answers a reloaded page's `request_states` with every widget's state in one message.
 */
import type { CommHost } from "../display/comm";
import { embedState, removeBuffers } from "./serialize";

/** Widget protocol version (comm_open metadata); JupyterLab 4's manager checks the major. */
export const PROTOCOL_VERSION = "2.1.0";
export const CONTROL_PROTOCOL_VERSION = "1.0.0";
export const WIDGET_TARGET = "jupyter.widget";
export const CONTROL_TARGET = "jupyter.widget.control";
export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";
export const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";

/** What the registry needs of a widget. */
export interface LiveModel {
  readonly modelId: string;
  /** The full serialized state, `_model_name` and friends included; may hold binary values. */
  wireState(): Record<string, unknown>;
}

const instances = new Map<string, LiveModel>();

export function register(model: LiveModel): void {
  instances.set(model.modelId, model);
}

export function unregister(model: LiveModel): void {
  instances.delete(model.modelId);
}

export function lookup(modelId: string): LiveModel | undefined {
  return instances.get(modelId);
}

export function liveModels(): LiveModel[] {
  return [...instances.values()];
}


/** Every live widget's state as one `update_states` message (buffer paths start with the model id). */
export function updateStates(): { data: Record<string, unknown>; buffers: Uint8Array[] } {
  const states: Record<string, unknown> = {};
  for (const model of instances.values()) {
    const state = model.wireState();
    states[model.modelId] = { model_name: state._model_name, model_module: state._model_module, model_module_version: state._model_module_version, state };
  }
  // Paths are [id, "state", ...]: the frontend puts each buffer back into states[id] (as ipywidgets sends them).
  const split = removeBuffers(states);
  return { data: { method: "update_states", states: split.state, buffer_paths: split.bufferPaths }, buffers: split.buffers };
}

/** The manager state JupyterLab saves in `metadata.widgets` (buffers inline, base64). */
export function managerState(): { version_major: 2; version_minor: 0; state: Record<string, unknown> } {
  const state: Record<string, unknown> = {};
  for (const model of instances.values()) state[model.modelId] = embedState(model.wireState());
  return { version_major: 2, version_minor: 0, state };
}


let controlHost: CommHost | null = null;

/** Registers the control target once per kernel (a widget's creation calls this). */
export function ensureControlTarget(host: CommHost): void {
  if (controlHost === host) return;
  controlHost = host;
  host.registerTarget(CONTROL_TARGET, (comm, opening) => {
    const version = String(opening.metadata.version ?? "");
    if (version.split(".")[0] !== CONTROL_PROTOCOL_VERSION.split(".")[0]) {
      comm.close();
      throw new Error(`widget control protocol ${JSON.stringify(version)} is not supported (expected ${CONTROL_PROTOCOL_VERSION})`);
    }
    comm.onMessage((message) => {
      if (message.data.method !== "request_states") throw new Error(`unknown widget control method ${JSON.stringify(message.data.method)}`);
      const { data, buffers } = updateStates();
      comm.send(data, { buffers });
    });
  });
}
