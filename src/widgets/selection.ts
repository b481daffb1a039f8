/**
 * Dropdown and ToggleButtons: one choice among options, as ipywidgets' selection widgets. The
 * frontend knows only the labels (`_options_labels`) and the selected `index`; `value` and `label`
 * are the kernel's, derived from the index, and their observers fire whichever side changed it.
 * Options are values (`["relu", "tanh"]`, labelled by String(value)), [label, value] pairs, or
 * an object from label to value.
 */
import { DESCRIPTION_DEFAULTS, DescriptionOptions, DescriptionWidget } from "./dom";
import type { StyleName } from "./layout";
import { controlsHeader, defineTraits, publicTraits } from "./traits";
import type { Change, WireState } from "./widget";

export type SelectionOptionsInput<T> = readonly T[] | readonly (readonly [string, T])[] | Readonly<Record<string, T>>;

export interface SelectionOptions<T> extends DescriptionOptions {
  options: SelectionOptionsInput<T>;
  /** The selected value; default the first option. */
  value?: T | null;
  label?: string | null;
  index?: number | null;
  disabled?: boolean;
}

function entriesOf<T>(options: SelectionOptionsInput<T>): [string, T][] {
  if (!Array.isArray(options)) return Object.entries(options as Record<string, T>);
  return (options as readonly unknown[]).map((o) => (Array.isArray(o) && o.length === 2 && typeof o[0] === "string" ? [o[0], o[1] as T] : [String(o), o as T]));
}

function indexOf<T>(entries: [string, T][], options: { value?: T | null; label?: string | null; index?: number | null }): number | null {
  if (options.value !== undefined && options.value !== null) {
    const i = entries.findIndex(([, v]) => v === options.value);
    if (i < 0) throw new Error(`${JSON.stringify(options.value)} is not one of the options (${entries.map(([l]) => l).join(", ")})`);
    return i;
  }
  if (options.label !== undefined && options.label !== null) {
    const i = entries.findIndex(([l]) => l === options.label);
    if (i < 0) throw new Error(`no option is labelled ${JSON.stringify(options.label)}`);
    return i;
  }
  if (options.index !== undefined) return options.index;
  return entries.length > 0 ? 0 : null;
}

export interface Selection<T = unknown> {
  index: number | null;
  disabled: boolean;
}
export abstract class Selection<T = unknown> extends DescriptionWidget {
  private entries: [string, T][];

  protected constructor(defaults: WireState, options: SelectionOptions<T>, styleName: StyleName) {
    const { options: choices, value, label, index, ...rest } = options;
    const entries = entriesOf(choices);
    super(defaults, { ...rest, index: indexOf(entries, { value, label, index }) } as DescriptionOptions, styleName, { _options_labels: entries.map(([l]) => l) });
    this.entries = entries;
  }

  /** The options as [label, value] pairs; setting them keeps the value if it is still offered. */
  get options(): [string, T][] {
    return this.entries.map(([l, v]) => [l, v]);
  }

  set options(options: SelectionOptionsInput<T>) {
    const current = this.value;
    const entries = entriesOf(options);
    const kept = entries.findIndex(([, v]) => v === current);
    this.holdSync(() => {
      this.set("index", null);
      this.entries = entries;
      this.set("_options_labels", entries.map(([l]) => l));
      this.set("index", kept >= 0 ? kept : entries.length > 0 ? 0 : null);
    });
  }

  get value(): T | null {
    const i = this.get<number | null>("index");
    return i === null ? null : this.entries[i][1];
  }

  set value(value: T | null) {
    this.set("index", value === null ? null : indexOf(this.entries, { value }));
  }

  get label(): string | null {
    const i = this.get<number | null>("index");
    return i === null ? null : this.entries[i][0];
  }

  set label(label: string | null) {
    this.set("index", label === null ? null : indexOf(this.entries, { label }));
  }

  protected derivedTraits(): readonly string[] {
    return ["value", "label"];
  }

  protected derivedChanges(change: Change): Change[] {
    if (change.name !== "index") return [];
    const at = (i: unknown) => (typeof i === "number" ? this.entries[i] : undefined);
    const [oldLabel, oldValue] = at(change.old) ?? [null, null];
    const [newLabel, newValue] = at(change.new) ?? [null, null];
    return [
      { ...change, name: "value", old: oldValue, new: newValue },
      { ...change, name: "label", old: oldLabel, new: newLabel },
    ];
  }

  protected validate(name: string, value: unknown): unknown {
    if (name !== "index") return super.validate(name, value);
    if (value === null) return value;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n >= (this.entries?.length ?? 0)) throw new RangeError(`invalid selection: index ${JSON.stringify(value)} is out of bounds`);
    return n;
  }
}
defineTraits(Selection, ["index", "disabled"]);

const DROPDOWN: WireState = { ...controlsHeader("Dropdown"), ...DESCRIPTION_DEFAULTS, _options_labels: [], index: null, disabled: false };

export class Dropdown<T = string> extends Selection<T> {
  constructor(options: SelectionOptions<T>) {
    super(DROPDOWN, options, "DescriptionStyle");
  }
}

const TOGGLE_BUTTONS: WireState = {
  ...controlsHeader("ToggleButtons"),
  ...DESCRIPTION_DEFAULTS,
  _options_labels: [],
  index: null,
  disabled: false,
  button_style: "",
  icons: [],
  tooltips: [],
};

export interface ToggleButtonsOptions<T> extends SelectionOptions<T> {
  buttonStyle?: "primary" | "success" | "info" | "warning" | "danger" | "" | null;
  /** Font Awesome icon names, one per option. */
  icons?: string[];
  tooltips?: string[];
}
export interface ToggleButtons<T = string> {
  buttonStyle: string | null;
  icons: string[];
  tooltips: string[];
}
/** The options as a row of buttons, one pressed. */
export class ToggleButtons<T = string> extends Selection<T> {
  constructor(options: ToggleButtonsOptions<T>) {
    super(TOGGLE_BUTTONS, options, "ToggleButtonsStyle");
  }
}
defineTraits(ToggleButtons, publicTraits(TOGGLE_BUTTONS).filter((t) => !["index", "disabled"].includes(t)));
