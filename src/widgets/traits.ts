/**
 * Declaring widget models: their module/name header as ipywidgets 8 sends it, and TypeScript
 * accessors (`slider.continuousUpdate`) for wire-named traits (`continuous_update`).
 */
import { camelCase, snakeCase } from "./serialize";
import type { Widget, WireState } from "./widget";

/** Model module versions of ipywidgets 8 (npm @jupyter-widgets/controls 5.x, base 6.x, output 6.x). */
export const CONTROLS = { module: "@jupyter-widgets/controls", version: "2.0.0" };
export const BASE = { module: "@jupyter-widgets/base", version: "2.0.0" };
export const OUTPUT = { module: "@jupyter-widgets/output", version: "1.0.0" };

type Module = typeof CONTROLS;

/** The header every state carries: which model and view the frontend instantiates. */
export function modelHeader(model: Module, modelName: string, view: Module, viewName: string | null): WireState {
  return {
    _model_module: model.module,
    _model_module_version: model.version,
    _model_name: modelName,
    _view_module: view.module,
    _view_module_version: view.version,
    _view_name: viewName,
    _view_count: null,
  };
}

/** A controls model with its controls view (IntSliderModel / IntSliderView). */
export function controlsHeader(name: string): WireState {
  return modelHeader(CONTROLS, `${name}Model`, CONTROLS, `${name}View`);
}

/** Defines get/set accessors in TypeScript style for the named wire traits of a widget class. */
export function defineTraits(cls: { prototype: Widget }, wireNames: readonly string[]): void {
  for (const wire of wireNames) {
    Object.defineProperty(cls.prototype, camelCase(wire), {
      configurable: true,
      enumerable: false,
      get(this: { get(name: string): unknown }) {
        return this.get(wire);
      },
      set(this: { set(name: string, value: unknown): void }, value: unknown) {
        this.set(wire, value);
      },
    });
  }
}

/** The public (non-underscore) trait names of a default state. */
export function publicTraits(defaults: WireState): string[] {
  return Object.keys(defaults).filter((name) => !name.startsWith("_"));
}

/**
 * Constructor options (TypeScript names) to wire names. An option the model does not have is a
 * clear error, not a silently ignored typo; undefined means "the default".
 */
export function wireOptions(className: string, defaults: WireState, options: object, skip: readonly string[] = []): WireState {
  const state: WireState = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || skip.includes(name)) continue;
    const wire = snakeCase(name);
    if (!(wire in defaults) || wire.startsWith("_")) throw new Error(`${className} has no option ${JSON.stringify(name)}`);
    state[wire] = value;
  }
  return state;
}
