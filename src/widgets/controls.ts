/**
 * The simple controls, with ipywidgets 8's model defaults: Checkbox, Text (with onSubmit),
 * Label, HTML, Button (onClick) and Play (an animation that counts from min to max).
 */
import { DESCRIPTION_DEFAULTS, DescriptionOptions, DescriptionWidget, DOMWidget, DOMWidgetOptions } from "./dom";
import type { Style, StyleOptions } from "./layout";
import { BoundedNumber, boundedInitial } from "./sliders";
import { controlsHeader, defineTraits, publicTraits } from "./traits";
import type { WireState } from "./widget";

const CHECKBOX: WireState = { ...controlsHeader("Checkbox"), ...DESCRIPTION_DEFAULTS, value: false, disabled: false, indent: true };

export interface CheckboxOptions extends DescriptionOptions {
  value?: boolean;
  disabled?: boolean;
  /** Leave room for a description to the left (ipywidgets' default). */
  indent?: boolean;
}
export interface Checkbox {
  value: boolean;
  disabled: boolean;
  indent: boolean;
}
export class Checkbox extends DescriptionWidget {
  constructor(options: CheckboxOptions = {}) {
    super(CHECKBOX, options, "CheckboxStyle");
  }

  protected validate(name: string, value: unknown): unknown {
    return name === "value" || name === "disabled" || name === "indent" ? Boolean(value) : super.validate(name, value);
  }
}
defineTraits(Checkbox, publicTraits(CHECKBOX));

/** What a string widget shows when its value is empty (ipywidgets: a zero-width space). */
const PLACEHOLDER = "\u200b";

const TEXT: WireState = { ...controlsHeader("Text"), ...DESCRIPTION_DEFAULTS, value: "", placeholder: PLACEHOLDER, continuous_update: true, disabled: false };
const LABEL: WireState = { ...controlsHeader("Label"), ...DESCRIPTION_DEFAULTS, value: "", placeholder: PLACEHOLDER };
const HTML_DEFAULTS: WireState = { ...controlsHeader("HTML"), ...DESCRIPTION_DEFAULTS, value: "", placeholder: PLACEHOLDER };

export interface StringOptions extends DescriptionOptions {
  value?: string;
  placeholder?: string;
}
export interface TextOptions extends StringOptions {
  disabled?: boolean;
  /** false: the frontend sends the value when Enter is pressed or focus leaves, not per keystroke. */
  continuousUpdate?: boolean;
}

abstract class StringWidget extends DescriptionWidget {
  protected validate(name: string, value: unknown): unknown {
    return name === "value" || name === "placeholder" ? String(value ?? "") : super.validate(name, value);
  }
}

export interface Text {
  value: string;
  placeholder: string;
  disabled: boolean;
  continuousUpdate: boolean;
}
export class Text extends StringWidget {
  private readonly submitCallbacks: ((widget: Text) => unknown)[] = [];

  constructor(options: TextOptions = {}) {
    super(TEXT, options, "TextStyle");
  }

  /** Calls `callback` when the user presses Enter in the box. */
  onSubmit(callback: (widget: Text) => unknown): void {
    this.submitCallbacks.push(callback);
  }

  protected handleCustom(content: unknown, buffers: Uint8Array[]): unknown {
    if ((content as { event?: string })?.event !== "submit") return super.handleCustom(content, buffers);
    return this.runAll(this.submitCallbacks.map((cb) => () => cb(this)));
  }
}
defineTraits(Text, publicTraits(TEXT));

export interface Label {
  value: string;
  placeholder: string;
}
/** Plain text; use HTML for markup. */
export class Label extends StringWidget {
  constructor(options: StringOptions | string = {}) {
    super(LABEL, typeof options === "string" ? { value: options } : options, "LabelStyle");
  }
}
defineTraits(Label, publicTraits(LABEL));

export interface HTML {
  value: string;
  placeholder: string;
}
/** HTML shown as is (the frontend sanitizes it as JupyterLab sanitizes HTML output). */
export class HTML extends StringWidget {
  constructor(options: StringOptions | string = {}) {
    super(HTML_DEFAULTS, typeof options === "string" ? { value: options } : options, "HTMLStyle");
  }
}
defineTraits(HTML, publicTraits(HTML_DEFAULTS));

const BUTTON: WireState = { ...controlsHeader("Button"), description: "", disabled: false, icon: "", button_style: "" };

export type ButtonStyleName = "primary" | "success" | "info" | "warning" | "danger" | "";

export interface ButtonOptions extends DOMWidgetOptions {
  description?: string;
  disabled?: boolean;
  /** A Font Awesome icon name without the "fa-" prefix. */
  icon?: string;
  buttonStyle?: ButtonStyleName;
  style?: Style | StyleOptions;
}
export interface Button {
  description: string;
  disabled: boolean;
  icon: string;
  buttonStyle: ButtonStyleName;
  get style(): Style;
  set style(value: Style | StyleOptions);
}
export class Button extends DOMWidget {
  private readonly clickCallbacks: ((button: Button) => unknown)[] = [];

  constructor(options: ButtonOptions = {}) {
    super(BUTTON, options, "ButtonStyle");
  }

  /** Calls `callback` on each click (ipywidgets' on_click). */
  onClick(callback: (button: Button) => unknown): void {
    this.clickCallbacks.push(callback);
  }

  /** Clicks the button from the kernel, as if the user had. */
  click(): unknown {
    return this.runAll(this.clickCallbacks.map((cb) => () => cb(this)));
  }

  protected handleCustom(content: unknown, buffers: Uint8Array[]): unknown {
    if ((content as { event?: string })?.event !== "click") return super.handleCustom(content, buffers);
    return this.click();
  }
}
defineTraits(Button, [...publicTraits(BUTTON), "style"]);

const PLAY: WireState = {
  ...controlsHeader("Play"),
  ...DESCRIPTION_DEFAULTS,
  value: 0,
  min: 0,
  max: 100,
  step: 1,
  interval: 100,
  playing: false,
  repeat: false,
  show_repeat: true,
  disabled: false,
};

export interface PlayOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Milliseconds between steps. */
  interval?: number;
  playing?: boolean;
  repeat?: boolean;
  showRepeat?: boolean;
  disabled?: boolean;
}
export interface Play {
  value: number;
  min: number;
  max: number;
  step: number;
  interval: number;
  playing: boolean;
  repeat: boolean;
  showRepeat: boolean;
  disabled: boolean;
}
/** Play/pause/stop buttons that step `value` from min to max in the frontend, every `interval` ms. */
export class Play extends BoundedNumber {
  constructor(options: PlayOptions = {}) {
    super(PLAY, boundedInitial(PLAY, options), "DescriptionStyle");
  }

  protected coerce(_name: string, value: number): number {
    return Math.trunc(value);
  }
}
defineTraits(Play, publicTraits(PLAY));

