/**
 * The base of every widget: a model whose state is synced with the frontend over a comm on
 * `jupyter.widget`, speaking the widget message protocol 2.1.0 as ipywidgets 8 does.
 * - Creating a widget opens its comm with the full state (`comm_open`, metadata version 2.1.0).
 * - Setting a trait in the kernel sends an `update` with that trait; a frontend `update` is
 *   echoed back (`echo_update`, so other frontends follow), validated, applied, and answered with
 *   an `update` only when validation changed the value (ipywidgets' property lock).
 * - `request_state` is answered with the full state; `custom` messages reach `onMsg`.
 * - Observers (`observe(cb, "value")`) see every change, from either side.
 * Outside a kernel a widget works without a comm, so the library is testable on its own.
 */
import { randomUUID } from "node:crypto";
import { Comm, CommMessage, commHost } from "../display/comm";
import { DISPLAY_SYMBOL, MimeBundle } from "../display/protocol";
import { ensureControlTarget, lookup, PROTOCOL_VERSION, register, unregister, WIDGET_TARGET, WIDGET_VIEW_MIME } from "./registry";
import { camelCase, putBuffers, removeBuffers, sameWireValue, snakeCase } from "./serialize";

export type WireState = Record<string, unknown>;

/** A change of one trait, as traitlets reports it (names in TypeScript style). */
export interface Change<T = unknown> {
  type: "change";
  name: string;
  old: T;
  new: T;
  owner: Widget;
}

export type Observer<T = any> = (change: Change<T>) => unknown;
export type CustomMessageCallback = (content: unknown, buffers: Uint8Array[], widget: Widget) => unknown;

const REFERENCE_PREFIX = "IPY_MODEL_";

/** ipywidgets sends echo_update unless JUPYTER_WIDGETS_ECHO is off. */
function echoEnabled(): boolean {
  const flag = process.env.JUPYTER_WIDGETS_ECHO;
  return flag === undefined || !["no", "n", "false", "off", "0", "0.0"].includes(flag.toLowerCase());
}

/** Widgets become "IPY_MODEL_<id>" references, inside lists and objects too. */
function toWire(value: unknown): unknown {
  if (value instanceof Widget) return REFERENCE_PREFIX + value.modelId;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

function holdsWidgets(value: unknown): boolean {
  return value instanceof Widget || (Array.isArray(value) && value.some(holdsWidgets));
}

function fromWireReferences(value: unknown): unknown {
  if (typeof value === "string" && value.startsWith(REFERENCE_PREFIX)) return lookup(value.slice(REFERENCE_PREFIX.length)) ?? value;
  if (Array.isArray(value)) return value.map(fromWireReferences);
  return value;
}

export abstract class Widget {
  /** The comm id, which the frontend uses as the model id. */
  readonly modelId: string = randomUUID().replace(/-/g, "");
  private comm: Comm | null = null;
  private readonly traitValues = new Map<string, unknown>();
  private readonly defaults: WireState;
  private readonly observers: { callback: Observer; names: Set<string> | null }[] = [];
  private readonly customCallbacks: CustomMessageCallback[] = [];
  /** While a frontend update is applied: its values, which need no update back. */
  private lock: WireState | null = null;
  /** While holdSync runs: traits to send at its end. */
  private held: Set<string> | null = null;

  /**
   * @param defaults the model's full default state (wire names), as ipywidgets declares it
   * @param initial wire-named values that differ from the defaults
   */
  protected constructor(defaults: WireState, initial: WireState = {}) {
    this.defaults = defaults;
    for (const [name, value] of Object.entries({ ...defaults, ...initial })) this.traitValues.set(name, value);
    register(this);
    this.open();
  }

  /** The traits that hold widget references (`layout`, `children`, ...); resolved on arrival. */
  protected referenceTraits(): readonly string[] {
    return [];
  }

  /** Names (TypeScript style) of kernel-side traits computed from synced ones (Dropdown's value, label). */
  protected derivedTraits(): readonly string[] {
    return [];
  }

  /** The changes of derived traits that a change of a synced trait implies. */
  protected derivedChanges(_change: Change): Change[] {
    return [];
  }

  /** Checks and coerces a new value (ipywidgets' @validate); may set other traits. */
  protected validate(_name: string, value: unknown): unknown {
    return value;
  }

  /** Handles a custom message (Button's clicks); the default passes it to onMsg callbacks. */
  protected handleCustom(content: unknown, buffers: Uint8Array[]): unknown {
    return this.runAll(this.customCallbacks.map((cb) => () => cb(content, buffers, this)));
  }

  private open(): void {
    const host = commHost();
    if (!host) return;
    ensureControlTarget(host);
    const { state, bufferPaths, buffers } = removeBuffers(this.wireState());
    this.comm = host.open(WIDGET_TARGET, { state, buffer_paths: bufferPaths }, { commId: this.modelId, metadata: { version: PROTOCOL_VERSION }, buffers });
    this.comm.onMessage((message) => this.onMessage(message));
    this.comm.onClose(() => this.forget());
  }

  /** True while the frontend can see this widget (its comm is open). */
  get isOpen(): boolean {
    return this.comm !== null && !this.comm.closed;
  }

  /** Reads a trait by its wire name. */
  protected get<T>(name: string): T {
    return this.traitValues.get(name) as T;
  }

  /** Sets a trait by its wire name: validates, stores, syncs and notifies observers if it changed. */
  protected set(name: string, value: unknown): void {
    if (!this.traitValues.has(name)) throw new Error(`${this.constructor.name} has no trait ${camelCase(name)}`);
    const next = this.validate(name, value);
    const old = this.traitValues.get(name);
    if (sameWireValue(toWire(old), toWire(next))) return;
    this.traitValues.set(name, next);
    this.sync(name);
    this.notify([{ type: "change", name: camelCase(name), old, new: next, owner: this }]);
  }

  /** Sets several traits (TypeScript names) and sends them in one update. */
  setState(values: Record<string, unknown>): void {
    this.holdSync(() => {
      for (const [name, value] of Object.entries(values)) this.set(snakeCase(name), value);
    });
  }

  /** Runs `fn`, then sends every trait it changed in one update message. */
  holdSync<T>(fn: () => T): T {
    if (this.held) return fn();
    this.held = new Set();
    try {
      return fn();
    } finally {
      const names = [...this.held];
      this.held = null;
      this.sendUpdate(names);
    }
  }

  /** The full state as the frontend sees it (wire names; widgets as references; binary values kept). */
  wireState(): WireState {
    return Object.fromEntries([...this.traitValues].map(([name, value]) => [name, toWire(value)]));
  }

  /** Calls `callback` on changes of the named traits (TypeScript names; all traits when omitted). */
  observe<T = any>(callback: Observer<T>, names?: string | string[]): void {
    const list = names === undefined ? null : new Set((Array.isArray(names) ? names : [names]).map(snakeCase));
    for (const name of list ?? []) {
      if (!this.traitValues.has(name) && !this.derivedTraits().includes(camelCase(name))) throw new Error(`${this.constructor.name} has no trait ${camelCase(name)}`);
    }
    this.observers.push({ callback: callback as Observer, names: list });
  }

  unobserve(callback: Observer, names?: string | string[]): void {
    const wanted = names === undefined ? null : new Set((Array.isArray(names) ? names : [names]).map(snakeCase));
    for (let i = this.observers.length - 1; i >= 0; i--) {
      const o = this.observers[i];
      if (o.callback === callback && (wanted === null || (o.names && [...o.names].every((n) => wanted.has(n))))) this.observers.splice(i, 1);
    }
  }

  /** Sends a custom message to the frontend model (ipywidgets' `Widget.send`). */
  send(content: unknown, buffers: Uint8Array[] = []): void {
    this.comm?.send({ method: "custom", content }, { buffers });
  }

  /** Receives the frontend's custom messages. */
  onMsg(callback: CustomMessageCallback): void {
    this.customCallbacks.push(callback);
  }

  /** Closes the comm: every view of the widget disappears from the frontend. */
  close(): void {
    if (this.comm && !this.comm.closed) this.comm.close();
    this.forget();
  }

  private forget(): void {
    this.comm = null;
    unregister(this);
  }

  [DISPLAY_SYMBOL](): MimeBundle {
    const bundle: MimeBundle = { "text/plain": this.toString() };
    if (this.get("_view_name") !== null && this.isOpen) bundle[WIDGET_VIEW_MIME] = { version_major: 2, version_minor: 0, model_id: this.modelId };
    return bundle;
  }

  /** `IntSlider(value: 3, max: 10, description: "layers")`: the traits that differ from the defaults. */
  toString(): string {
    const shown = [...this.traitValues]
      .filter(([name, value]) => !name.startsWith("_") && !holdsWidgets(value) && !sameWireValue(toWire(value), toWire(this.defaults[name])))
      .map(([name, value]) => `${camelCase(name)}: ${JSON.stringify(toWire(value))?.slice(0, 60)}`);
    return `${this.constructor.name}(${shown.join(", ")})`;
  }

  // ---- the wire -------------------------------------------------------------------------

  private sync(name: string): void {
    if (this.lock && name in this.lock && sameWireValue(this.lock[name], toWire(this.traitValues.get(name)))) return;
    if (this.held) this.held.add(name);
    else this.sendUpdate([name]);
  }

  private sendUpdate(names: string[]): void {
    if (names.length === 0 || !this.isOpen) return;
    const state = Object.fromEntries(names.map((n) => [n, toWire(this.traitValues.get(n))]));
    this.sendState("update", state);
  }

  private sendState(method: "update" | "echo_update", state: WireState): void {
    const split = removeBuffers(state);
    this.comm?.send({ method, state: split.state, buffer_paths: split.bufferPaths }, { buffers: split.buffers });
  }

  private onMessage(message: CommMessage): unknown {
    const data = message.data;
    switch (data.method) {
      case "update": {
        const state = (data.state ?? {}) as WireState;
        putBuffers(state, data.buffer_paths, message.buffers);
        return this.applyFrontendState(state);
      }
      case "request_state":
        return this.sendState("update", this.wireState());
      case "custom":
        return this.handleCustom(data.content, message.buffers);
      default:
        throw new Error(`unknown widget message method ${JSON.stringify(data.method)} for ${this.constructor.name} ${this.modelId}`);
    }
  }

  /** A frontend update: echo it, apply it under the property lock, then notify observers. */
  private applyFrontendState(state: WireState): unknown {
    const known = Object.fromEntries(Object.entries(state).filter(([name]) => this.traitValues.has(name) && !/^_(model|view)_/.test(name)));
    if (echoEnabled() && Object.keys(known).length > 0) this.sendState("echo_update", known);
    const changes: Change[] = [];
    this.lock = known;
    try {
      for (const [name, raw] of Object.entries(known)) {
        const value = this.referenceTraits().includes(name) ? fromWireReferences(raw) : raw;
        const next = this.validate(name, value);
        const old = this.traitValues.get(name);
        if (!sameWireValue(toWire(old), toWire(next))) {
          this.traitValues.set(name, next);
          changes.push({ type: "change", name: camelCase(name), old, new: next, owner: this });
        }
        if (!sameWireValue(toWire(next), raw)) this.sendUpdate([name]); // validation corrected it
      }
    } finally {
      this.lock = null;
    }
    return this.notify(changes);
  }

  /**
   * Calls the observers of each change. Every observer runs even if one throws; the first error is
   * rethrown afterwards. Returns a promise when observers returned promises, so that the kernel
   * reports their rejections too.
   */
  private notify(changes: Change[]): unknown {
    const calls: (() => unknown)[] = [];
    for (const change of changes.flatMap((c) => [c, ...this.derivedChanges(c)])) {
      const wire = snakeCase(change.name);
      for (const { callback, names } of [...this.observers]) if (!names || names.has(wire)) calls.push(() => callback(change));
    }
    return this.runAll(calls);
  }

  protected runAll(calls: (() => unknown)[]): unknown {
    let firstError: unknown = null;
    const pending: Promise<unknown>[] = [];
    for (const call of calls) {
      try {
        const result = call();
        if (result instanceof Promise) pending.push(result);
      } catch (e) {
        firstError ??= e;
      }
    }
    if (firstError !== null) {
      for (const p of pending) p.catch(() => undefined); // reported through the first error
      throw firstError;
    }
    return pending.length > 0 ? Promise.all(pending) : undefined;
  }
}
