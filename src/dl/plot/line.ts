import { CommonOptions, Figure, baseLayout, colorOf } from "./figure";
import { NumberLike, isNamedSeries, toNumbers } from "./values";

export interface LineOptions extends CommonOptions {
  /** Shared x values; default 0, 1, 2, ... */
  x?: NumberLike;
  /** Draw markers on the points too. */
  markers?: boolean;
}

/** One line, or one per named series: `line({train: a, test: b})`. */
export function line(series: NumberLike | Record<string, NumberLike>, options: LineOptions = {}): Figure {
  const named = isNamedSeries(series) ? Object.entries(series) : [["", series] as const];
  const x = options.x ? toNumbers(options.x) : undefined;
  const traces = named.map(([name, values], i) => {
    const y = toNumbers(values);
    return {
      type: "scatter",
      mode: options.markers ? "lines+markers" : "lines",
      name,
      x: x ?? y.map((_, j) => j),
      y,
      line: { color: colorOf(i) },
    };
  });
  return new Figure(traces, { ...baseLayout(options), showlegend: named.length > 1 });
}
