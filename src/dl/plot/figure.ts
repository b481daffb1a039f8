/**
 * What the plot helpers return: a Plotly figure that displays itself (a cell ending in
 * `dl.plot.line(...)` shows the chart), can be shown or updated explicitly, and is plain data.
 */
import { DISPLAY_SYMBOL, Displayable, MimeBundle } from "../../display/protocol";
import { PlotlyFigure, PlotlyOptions, plotlyBundle, showPlotly } from "../../display/renderers/plotly";

export type Trace = Record<string, unknown>;
export type Layout = Record<string, unknown>;

/** Plotly's default colorway: class i gets color i. */
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export function colorOf(i: number): string {
  return PALETTE[i % PALETTE.length];
}

export interface CommonOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  width?: number;
  height?: number;
}

export function baseLayout(options: CommonOptions): Layout {
  return {
    ...(options.title ? { title: { text: options.title } } : {}),
    xaxis: options.xTitle ? { title: { text: options.xTitle } } : {},
    yaxis: options.yTitle ? { title: { text: options.yTitle } } : {},
    ...(options.width ? { width: options.width } : {}),
    height: options.height ?? 400,
    margin: { t: options.title ? 50 : 20, r: 20, b: 50, l: 60 },
  };
}

export class Figure implements Displayable, PlotlyFigure {
  constructor(
    public data: Trace[],
    public layout: Layout = {},
    public config: Record<string, unknown> = { responsive: true, displaylogo: false },
  ) {}

  [DISPLAY_SYMBOL](): MimeBundle {
    return plotlyBundle(this.toJSON());
  }

  toJSON(): PlotlyFigure {
    return { data: this.data, layout: this.layout, config: this.config };
  }

  /** Shows it now; `{displayId, update: true}` redraws an earlier output in place. */
  show(options?: PlotlyOptions): void {
    showPlotly(this.toJSON(), options);
  }
}
