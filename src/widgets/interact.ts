/**
 * interact: controls built from a spec, calling a function with their values whenever one
 * changes, its output (and its result, if any) shown in an Output below them — ipywidgets'
 * `interact`, `interact_manual` and `interactive`, with the function taking one object:
 *
 *   widgets.interact(({ lr, act }) => train(lr, act), { lr: [0.001, 1, 0.001], act: ["relu", "tanh"] })
 *
 * Abbreviations as ipywidgets reads them: [min, max] or [min, max, step] of numbers -> IntSlider
 * (all integers) or FloatSlider; any other array -> Dropdown; true/false -> Checkbox; a string ->
 * Text; a number -> a slider around it; a widget is used as it is; `fixed(v)` passes v unchanged.
 * An async function's runs never overlap: changes made while one runs lead to one more run.
 */
import { display } from "../display/display";
import { Container, VBOX } from "./box";
import { Button, Checkbox, Text } from "./controls";
import { Output } from "./output";
import { Dropdown } from "./selection";
import { FloatSlider, IntSlider } from "./sliders";
import { Widget } from "./widget";

/** A value passed to the function as it is, with no control (ipywidgets' `fixed`). */
export class Fixed<T> {
  constructor(readonly value: T) {}
}

export function fixed<T>(value: T): Fixed<T> {
  return new Fixed(value);
}

/** A widget with a value: what interact reads its arguments from. */
export type ValueWidget<T = unknown> = Widget & { value: T; description?: string };

export type Abbreviation = readonly number[] | readonly string[] | readonly unknown[] | boolean | string | number | ValueWidget | Fixed<unknown>;

/** The type of the value an abbreviation gives the function. */
export type ValueOf<A> = A extends Fixed<infer T>
  ? T
  : A extends { value: infer V }
    ? V
    : A extends readonly (infer E)[]
      ? E
      : A extends boolean
        ? boolean
        : A extends string
          ? string
          : A extends number
            ? number
            : never;

export type Values<S> = { [K in keyof S]: ValueOf<S[K]> };

export interface InteractOptions {
  /** Run only when a "Run Interact" button is clicked (ipywidgets' interact_manual). */
  manual?: boolean;
  manualName?: string;
  /** Sliders and text boxes built from abbreviations send values only when a drag or edit ends. */
  continuousUpdate?: boolean;
  /** Clear the output before each run (default true). */
  clearOutput?: boolean;
}

/** What every control built from an abbreviation gets: its argument's name as description. */
interface Made {
  description: string;
  continuousUpdate: boolean;
}

function sliderFrom(numbers: readonly number[], { description, continuousUpdate }: Made): ValueWidget<number> {
  const [min, max, step] = numbers;
  if (!(min <= max)) throw new RangeError(`interact: [${numbers.join(", ")}] needs min <= max`);
  const integers = numbers.every(Number.isInteger);
  if (integers) return new IntSlider({ min, max, step: step ?? 1, value: min + Math.floor((max - min) / 2), description, continuousUpdate });
  const value = step === undefined ? min + (max - min) / 2 : min + Math.trunc((max - min) / 2 / step) * step;
  return new FloatSlider({ min, max, step: step ?? 0.1, value, description, continuousUpdate });
}

/** ipywidgets' range around a single number: (0, 1) for 0, else (-v, 3v) or (3v, -v). */
function sliderAround(value: number, made: Made): ValueWidget<number> {
  const [min, max] = value === 0 ? [0, 1] : value > 0 ? [-value, 3 * value] : [3 * value, -value];
  return Number.isInteger(value) ? new IntSlider({ min, max, value, ...made }) : new FloatSlider({ min, max, value, step: 0.1, ...made });
}

/** The control for one abbreviation (null for `fixed`), described by its argument's name. */
export function widgetFromAbbreviation(abbreviation: Abbreviation, made: Made): ValueWidget | null {
  if (abbreviation instanceof Fixed) return null;
  if (abbreviation instanceof Widget) {
    if (!("value" in abbreviation)) throw new TypeError(`interact: ${(abbreviation as Widget).constructor.name} has no value`);
    const control = abbreviation as ValueWidget;
    if ("description" in control && !control.description) control.description = made.description;
    return control;
  }
  if (Array.isArray(abbreviation)) {
    const numbers = abbreviation.length >= 2 && abbreviation.length <= 3 && abbreviation.every((v) => typeof v === "number");
    if (numbers) return sliderFrom(abbreviation as number[], made);
    if (abbreviation.length === 0) throw new Error("interact: an empty list has no options to choose from");
    return new Dropdown<unknown>({ options: abbreviation as unknown[], description: made.description });
  }
  if (typeof abbreviation === "boolean") return new Checkbox({ value: abbreviation, description: made.description });
  if (typeof abbreviation === "string") return new Text({ value: abbreviation, ...made });
  if (typeof abbreviation === "number") return sliderAround(abbreviation, made);
  throw new TypeError(`interact: cannot make a control from ${JSON.stringify(abbreviation)}`);
}

/** The controls, the optional Run button and the output, in one VBox (ipywidgets' `interactive`). */
export class Interactive<S extends Record<string, Abbreviation>> extends Container {
  readonly controls: Partial<Record<keyof S, ValueWidget>>;
  readonly out: Output;
  readonly manualButton: Button | null;
  /** What the function returned last (awaited). */
  result: unknown = undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly fn: (values: Values<S>) => unknown, private readonly spec: S, private readonly options: InteractOptions = {}) {
    const controls = buildControls(spec, !options.manual && (options.continuousUpdate ?? true));
    const button = options.manual ? new Button({ description: options.manualName ?? "Run Interact" }) : null;
    const out = new Output();
    super(VBOX, [...Object.values(controls), ...(button ? [button] : []), out], {}, { _dom_classes: ["widget-interact"] });
    this.controls = controls as Partial<Record<keyof S, ValueWidget>>;
    this.out = out;
    this.manualButton = button;
    if (button) button.onClick(() => this.update());
    else for (const control of Object.values(this.controls) as ValueWidget[]) control.observe(() => this.update(), "value");
    if (!button) void this.update();
  }

  /** The values the function gets now. */
  values(): Values<S> {
    return Object.fromEntries(
      Object.entries(this.spec).map(([name, abbreviation]) => [name, abbreviation instanceof Fixed ? abbreviation.value : (this.controls[name] as ValueWidget).value]),
    ) as Values<S>;
  }

  /** Calls the function with the current values, its output in `out`; runs of async functions queue. */
  update(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const done = () => {
      this.running = null;
      if (this.manualButton) this.manualButton.disabled = false;
      if (this.again) {
        this.again = false;
        return this.update();
      }
    };
    if (this.manualButton) this.manualButton.disabled = true;
    const run = this.out.capture(() => {
      if (this.options.clearOutput ?? true) this.out.clearOutput({ wait: true });
      const result = this.fn(this.values());
      return result instanceof Promise ? result.then((r) => this.show(r)) : this.show(result);
    });
    if (!(run instanceof Promise)) return Promise.resolve(done());
    this.running = run.then(done) as Promise<void>;
    return this.running;
  }

  private show(result: unknown): void {
    this.result = result;
    if (result !== undefined) display(result);
  }
}

function buildControls(spec: Record<string, Abbreviation>, continuousUpdate: boolean): Record<string, ValueWidget> {
  const controls: Record<string, ValueWidget> = {};
  for (const [name, abbreviation] of Object.entries(spec)) {
    const control = widgetFromAbbreviation(abbreviation, { description: name, continuousUpdate });
    if (control) controls[name] = control;
  }
  return controls;
}

/** The interactive widget, not displayed (ipywidgets' `interactive`). */
export function interactive<S extends Record<string, Abbreviation>>(fn: (values: Values<S>) => unknown, spec: S, options: InteractOptions = {}): Interactive<S> {
  return new Interactive(fn, spec, options);
}

/** Shows controls for `spec` and calls `fn` with their values on every change. */
export function interact<S extends Record<string, Abbreviation>>(fn: (values: Values<S>) => unknown, spec: S, options: InteractOptions = {}): void {
  display(interactive(fn, spec, options));
}

/** As interact, but `fn` runs only when the "Run Interact" button is clicked. */
export function interactManual<S extends Record<string, Abbreviation>>(fn: (values: Values<S>) => unknown, spec: S, options: InteractOptions = {}): void {
  display(interactive(fn, spec, { ...options, manual: true }));
}
