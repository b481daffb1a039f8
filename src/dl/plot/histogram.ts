import { CommonOptions, Figure, baseLayout, colorOf } from "./figure";
import { NumberLike, isNamedSeries, toNumbers } from "./values";

export interface HistogramOptions extends CommonOptions {
  /** Maximum number of bins (Plotly picks nice edges); default 30. */
  bins?: number;
}

/** One histogram, or overlaid ones per named series: `histogram({before: a, after: b})`. */
export function histogram(values: NumberLike | Record<string, NumberLike>, options: HistogramOptions = {}): Figure {
  const named = isNamedSeries(values) ? Object.entries(values) : [["", values] as const];
  const traces = named.map(([name, v], i) => ({
    type: "histogram",
    name,
    x: toNumbers(v),
    nbinsx: options.bins ?? 30,
    marker: { color: colorOf(i) },
    opacity: named.length > 1 ? 0.6 : 1,
  }));
  return new Figure(traces, { ...baseLayout({ yTitle: "count", ...options }), barmode: "overlay", showlegend: named.length > 1 });
}
