/**
 * IntSlider, FloatSlider and FloatLogSlider with ipywidgets 8's defaults and validation:
 * the value is kept within [min, max] (moving min above the value moves the value), ints are
 * truncated, and `continuousUpdate: false` makes the frontend send only when a drag ends.
 */
import { DESCRIPTION_DEFAULTS, DescriptionOptions, DescriptionWidget } from "./dom";
import { controlsHeader, defineTraits, publicTraits } from "./traits";
import type { WireState } from "./widget";

export interface SliderOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number | null;
  disabled?: boolean;
  continuousUpdate?: boolean;
  orientation?: "horizontal" | "vertical";
  readout?: boolean;
  readoutFormat?: string;
  behavior?: "drag-tap" | "drag-snap" | "tap" | "drag" | "snap";
}

const SLIDER_COMMON: WireState = {
  ...DESCRIPTION_DEFAULTS,
  behavior: "drag-tap",
  continuous_update: true,
  disabled: false,
  orientation: "horizontal",
  readout: true,
};

const INT_SLIDER: WireState = { ...controlsHeader("IntSlider"), ...SLIDER_COMMON, value: 0, min: 0, max: 100, step: 1, readout_format: "d" };
const FLOAT_SLIDER: WireState = { ...controlsHeader("FloatSlider"), ...SLIDER_COMMON, value: 0.0, min: 0.0, max: 100.0, step: 0.1, readout_format: ".2f" };
const FLOAT_LOG_SLIDER: WireState = { ...controlsHeader("FloatLogSlider"), ...SLIDER_COMMON, value: 1.0, min: 0.0, max: 4.0, base: 10.0, step: 0.1, readout_format: ".3g" };

export interface Slider {
  value: number;
  min: number;
  max: number;
  step: number | null;
  disabled: boolean;
  continuousUpdate: boolean;
  orientation: "horizontal" | "vertical";
  readout: boolean;
  readoutFormat: string;
  behavior: string;
}

function checkNumber(name: string, value: unknown): number {
  const n = typeof value === "boolean" ? Number(value) : value;
  if (typeof n !== "number" || Number.isNaN(n)) throw new TypeError(`${name} must be a number, got ${JSON.stringify(value)}`);
  return n;
}

/** A number within [min, max] (sliders, Play): clamps its value, and keeps min <= max. */
export abstract class BoundedNumber extends DescriptionWidget {
  /** A bound in value units (FloatLogSlider's min and max are exponents). */
  protected boundValue(bound: number): number {
    return bound;
  }

  private bounds(): [number, number] {
    return [this.boundValue(this.get<number>("min")), this.boundValue(this.get<number>("max"))];
  }

  protected coerce(_name: string, value: number): number {
    return value;
  }

  protected validate(name: string, value: unknown): unknown {
    if (!["value", "min", "max", "step"].includes(name)) return super.validate(name, value);
    if (name === "step" && value === null) return value;
    const n = this.coerce(name, checkNumber(name, value));
    if (name === "value") {
      const [lo, hi] = this.bounds();
      return Math.min(Math.max(n, lo), hi);
    }
    // As ipywidgets: a bound that passes the value drags the value along, before it is stored.
    const current = this.get<number>("value");
    if (name === "min") {
      if (n > this.get<number>("max")) throw new RangeError(`setting min (${n}) > max (${this.get("max")})`);
      if (this.boundValue(n) > current) this.set("value", this.boundValue(n));
    }
    if (name === "max") {
      if (n < this.get<number>("min")) throw new RangeError(`setting max (${n}) < min (${this.get("min")})`);
      if (this.boundValue(n) < current) this.set("value", this.boundValue(n));
    }
    return n;
  }
}

/** Bounds checked before the widget exists (the frontend must never see an invalid state). */
export function boundedInitial<O extends { value?: number; min?: number; max?: number }>(defaults: WireState, options: O, toRange: (min: number, max: number) => [number, number] = (a, b) => [a, b]): O {
  const min = options.min ?? (defaults.min as number);
  const max = options.max ?? (defaults.max as number);
  if (min > max) throw new RangeError(`min (${min}) > max (${max})`);
  const [lo, hi] = toRange(min, max);
  const value = options.value ?? (defaults.value as number);
  return { ...options, value: Math.min(Math.max(value, lo), hi) };
}

export interface IntSlider extends Slider {}
export class IntSlider extends BoundedNumber {
  constructor(options: SliderOptions = {}) {
    const trunc = (v: number | undefined) => (v === undefined ? v : Math.trunc(v));
    super(INT_SLIDER, boundedInitial(INT_SLIDER, { ...options, value: trunc(options.value), min: trunc(options.min), max: trunc(options.max) }), "SliderStyle");
  }

  protected coerce(_name: string, value: number): number {
    return Math.trunc(value);
  }
}
defineTraits(IntSlider, publicTraits(INT_SLIDER));

export interface FloatSlider extends Slider {}
export class FloatSlider extends BoundedNumber {
  constructor(options: SliderOptions = {}) {
    super(FLOAT_SLIDER, boundedInitial(FLOAT_SLIDER, options), "SliderStyle");
  }
}
defineTraits(FloatSlider, publicTraits(FLOAT_SLIDER));

export interface FloatLogSliderOptions extends SliderOptions {
  /** The base of the exponents min and max (value runs from base^min to base^max). */
  base?: number;
}

export interface FloatLogSlider extends Slider {
  base: number;
}
/** A slider over base^min .. base^max, moving in steps of the exponent. */
export class FloatLogSlider extends BoundedNumber {
  constructor(options: FloatLogSliderOptions = {}) {
    const base = options.base ?? (FLOAT_LOG_SLIDER.base as number);
    super(FLOAT_LOG_SLIDER, boundedInitial(FLOAT_LOG_SLIDER, options, (min, max) => [base ** min, base ** max]), "SliderStyle");
  }

  protected boundValue(exponent: number): number {
    return this.get<number>("base") ** exponent;
  }
}
defineTraits(FloatLogSlider, publicTraits(FLOAT_LOG_SLIDER));
