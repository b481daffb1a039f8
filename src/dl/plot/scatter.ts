import { CommonOptions, Figure, baseLayout, colorOf } from "./figure";
import { LabelsLike, NumberLike, distinct, toLabels, toNumbers } from "./values";

export interface ScatterOptions extends CommonOptions {
  /** A class per point: one colored trace per class, with a legend. */
  classes?: LabelsLike;
  /** Legend names for numeric classes (index = class). */
  classNames?: string[];
  /** Colors per class, overriding the palette. */
  colors?: string[];
  markerSize?: number;
}

export function scatter(x: NumberLike, y: NumberLike, options: ScatterOptions = {}): Figure {
  const xs = toNumbers(x);
  const ys = toNumbers(y);
  const marker = (i: number) => ({ size: options.markerSize ?? 6, color: options.colors?.[i] ?? colorOf(i) });
  if (!options.classes) {
    return new Figure([{ type: "scatter", mode: "markers", x: xs, y: ys, marker: marker(0) }], baseLayout(options));
  }
  const labels = toLabels(options.classes);
  const traces = distinct(labels).map((label, i) => {
    const members = labels.flatMap((l, j) => (l === label ? [j] : []));
    const index = typeof label === "number" ? label : i;
    const name = typeof label === "number" ? options.classNames?.[label] ?? String(label) : label;
    return { type: "scatter", mode: "markers", name, x: members.map((j) => xs[j]), y: members.map((j) => ys[j]), marker: marker(index) };
  });
  return new Figure(traces, { ...baseLayout(options), showlegend: true });
}
