/**
 * Training history: one panel per metric (loss, acc, ...), train as a solid line and validation
 * (`val_` keys) dashed in the same color, x = epoch (1-based, like Keras' logs).
 */
import type { History } from "@tensorflow/tfjs";
import { CommonOptions, Figure, Layout, Trace, colorOf } from "./figure";
import { toNumbers } from "./values";

export type HistoryLike = History | { history: Record<string, ArrayLike<number>> } | Record<string, ArrayLike<number>>;

function seriesOf(h: HistoryLike): Record<string, number[]> {
  const raw = ("history" in h && typeof h.history === "object" ? h.history : h) as Record<string, ArrayLike<number | object>>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.from(v, (x) => (typeof x === "number" ? x : toNumbers(x as never)[0]))]));
}

function panelTraces(metric: string, series: Record<string, number[]>, panel: number): Trace[] {
  const axes = { xaxis: `x${panel === 1 ? "" : panel}`, yaxis: `y${panel === 1 ? "" : panel}` };
  const trace = (key: string, name: string, dash: string): Trace => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    legendgroup: name,
    showlegend: panel === 1,
    x: series[key].map((_, i) => i + 1),
    y: series[key],
    line: { color: colorOf(name === "train" ? 0 : 1), dash },
    hovertemplate: `${key} %{y:.4f}<extra>epoch %{x}</extra>`,
    ...axes,
  });
  const val = `val_${metric}`;
  return [trace(metric, "train", "solid"), ...(series[val] ? [trace(val, "validation", "dash")] : [])];
}

function panelAxes(metrics: string[]): Layout {
  const gap = 0.08;
  const width = (1 - gap * (metrics.length - 1)) / metrics.length;
  return Object.fromEntries(
    metrics.flatMap((metric, i) => {
      const suffix = i === 0 ? "" : String(i + 1);
      const start = i * (width + gap);
      return [
        [`xaxis${suffix}`, { domain: [start, start + width], title: { text: "epoch" }, anchor: `y${suffix}` }],
        [`yaxis${suffix}`, { title: { text: metric }, anchor: `x${suffix}` }],
      ];
    }),
  );
}

export function history(h: HistoryLike, options: CommonOptions = {}): Figure {
  const series = seriesOf(h);
  const metrics = Object.keys(series).filter((k) => !k.startsWith("val_"));
  const traces = metrics.flatMap((m, i) => panelTraces(m, series, i + 1));
  const layout: Layout = {
    ...(options.title ? { title: { text: options.title } } : {}),
    ...panelAxes(metrics),
    height: options.height ?? 350,
    ...(options.width ? { width: options.width } : {}),
    margin: { t: options.title ? 50 : 20, r: 20, b: 50, l: 60 },
    legend: { orientation: "h", y: -0.25 },
  };
  return new Figure(traces, layout);
}
