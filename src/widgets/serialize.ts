/**
 * Widget state on the wire, as ipywidgets encodes it: binary values travel as message buffers
 * named by their path in the state (`buffer_paths`), widgets as "IPY_MODEL_<id>" references,
 * and names in snake_case (`continuous_update`) where TypeScript says `continuousUpdate`.
 */

export type BufferPath = (string | number)[];

export interface SplitState {
  state: Record<string, unknown>;
  bufferPaths: BufferPath[];
  buffers: Uint8Array[];
}

export function isBinary(value: unknown): value is Uint8Array | ArrayBuffer | DataView {
  return value instanceof Uint8Array || value instanceof ArrayBuffer || value instanceof DataView || ArrayBuffer.isView(value);
}

function bytes(value: Uint8Array | ArrayBuffer | DataView | ArrayBufferView): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Takes binary values out of a state (ipywidgets' `_remove_buffers`): a binary dictionary value
 * is removed, a binary list item becomes null; the originals are not modified.
 */
export function removeBuffers(state: Record<string, unknown>): SplitState {
  const bufferPaths: BufferPath[] = [];
  const buffers: Uint8Array[] = [];
  const walk = (value: unknown, path: BufferPath): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        if (!isBinary(item)) return walk(item, [...path, i]);
        bufferPaths.push([...path, i]);
        buffers.push(bytes(item));
        return null;
      });
    }
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (isBinary(item)) {
        bufferPaths.push([...path, key]);
        buffers.push(bytes(item));
      } else out[key] = walk(item, [...path, key]);
    }
    return out;
  };
  return { state: walk(state, []) as Record<string, unknown>, bufferPaths, buffers };
}

/** Puts received buffers back at their paths (ipywidgets' `_put_buffers`), in place. */
export function putBuffers(state: Record<string, unknown>, bufferPaths: unknown, buffers: Uint8Array[]): void {
  if (!Array.isArray(bufferPaths)) return;
  bufferPaths.forEach((path, i) => {
    if (!Array.isArray(path) || path.length === 0 || i >= buffers.length) return;
    let target = state as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = target?.[key];
      if (next === null || typeof next !== "object") return;
      target = next as Record<string | number, unknown>;
    }
    target[path[path.length - 1]] = buffers[i];
  });
}

/** `continuousUpdate` -> `continuous_update` (the wire name of a trait). */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `continuous_update` -> `continuousUpdate`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** JSON-equality of two wire values, with buffers compared by content. */
export function sameWireValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBinary(a) || isBinary(b)) {
    if (!isBinary(a) || !isBinary(b)) return false;
    const x = bytes(a);
    const y = bytes(b);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameWireValue(v, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && sameWireValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/**
 * One model in a saved manager state (`metadata.widgets`), as JupyterLab writes it: its model
 * name, module and version, the state without buffers, and the buffers inline in base64.
 */
export function embedState(full: Record<string, unknown>): Record<string, unknown> {
  const split = removeBuffers(full);
  const entry: Record<string, unknown> = {
    model_name: full._model_name,
    model_module: full._model_module,
    model_module_version: full._model_module_version,
    state: split.state,
  };
  if (split.buffers.length > 0) {
    entry.buffers = split.buffers.map((b, i) => ({ encoding: "base64", path: split.bufferPaths[i], data: Buffer.from(b).toString("base64") }));
  }
  return entry;
}
